"""The DuckDB file: opening it, transactions, the tables, migrations."""
