"""What the community manager enters: objectives, actions, costs, UTM links, calendar."""
