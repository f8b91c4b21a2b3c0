"""Schema 2: workspace settings."""

STEPS = [
    "CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
]
