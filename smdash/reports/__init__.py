"""Charts and the downloadable reports (PDF, XLSX)."""
