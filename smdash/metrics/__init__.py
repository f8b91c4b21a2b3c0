"""What the data says: attribution, figures per network, web traffic, KPIs."""
