"""Writing staged rows as new versions, and undoing an import, with set-based SQL.

A staged row whose key is new is "added"; one whose values differ from the current version is
"updated" (it becomes current); one equal to the current version is "unchanged" and leaves the
current table alone. Every staged row is kept as a version of its import, unchanged ones too:
an import vouches for every row of its file, so undoing an older import never removes a row
that a later, still applied, export also holds. Undo marks the import undone and rebuilds the
current rows it touched from the latest version of each key among the imports still applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import duckdb

from smdash.tables import Table, quote


@dataclass(frozen=True)
class Counts:
    FIELDS: ClassVar[tuple[str, ...]] = ("added", "updated", "unchanged")

    added: int
    updated: int
    unchanged: int


def _key_match(table: Table, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{quote(k)} = {right}.{quote(k)}" for k in table.keys)


def classify_stage(con: duckdb.DuckDBPyConnection, table: Table, stage: str = "stage") -> Counts:
    """Create temp table ``incoming``: the staged rows with their change against current data."""
    differs = " OR ".join(f"s.{quote(v)} IS DISTINCT FROM c.{quote(v)}" for v in table.values)
    con.execute("DROP TABLE IF EXISTS incoming")
    con.execute(
        f"""CREATE TEMP TABLE incoming AS
            SELECT s.*, CASE WHEN c.{quote(table.keys[0])} IS NULL THEN 'added'
                             WHEN {differs} THEN 'updated' ELSE 'unchanged' END AS change
            FROM {quote(stage)} s
            LEFT JOIN {quote(table.name)} c ON {_key_match(table, "s", "c")}"""
    )
    rows = dict(con.execute("SELECT change, count(*) FROM incoming GROUP BY change").fetchall())
    return Counts(rows.get("added", 0), rows.get("updated", 0), rows.get("unchanged", 0))


def write_incoming(con: duckdb.DuckDBPyConnection, table: Table, import_id: int) -> None:
    """Keep every row of ``incoming`` as a version of ``import_id``; make changed rows current."""
    columns = ", ".join(quote(c) for c in table.columns)
    name = quote(table.name)
    con.execute(
        f"""INSERT INTO {quote(table.name + "_versions")} ({columns}, import_id)
            SELECT {columns}, ? FROM incoming""",
        [import_id],
    )
    con.execute(
        f"""DELETE FROM {name} USING incoming i
            WHERE i.change = 'updated' AND {_key_match(table, name, "i")}"""
    )
    con.execute(
        f"""INSERT INTO {name} ({columns}, import_id)
            SELECT {columns}, ? FROM incoming WHERE change <> 'unchanged'""",
        [import_id],
    )


def rebuild_after_undo(con: duckdb.DuckDBPyConnection, table: Table, import_id: int) -> None:
    """Make current the latest applied version of every key that ``import_id`` wrote."""
    name, versions = quote(table.name), quote(table.name + "_versions")
    keys = ", ".join(quote(k) for k in table.keys)
    columns = ", ".join(quote(c) for c in table.columns)
    versioned = ", ".join(f"v.{quote(c)}" for c in table.columns)
    con.execute("DROP TABLE IF EXISTS touched")
    con.execute(
        f"CREATE TEMP TABLE touched AS SELECT DISTINCT {keys} FROM {versions} WHERE import_id = ?",
        [import_id],
    )
    con.execute(f"DELETE FROM {name} USING touched t WHERE {_key_match(table, name, 't')}")
    con.execute(
        f"""INSERT INTO {name} ({columns}, import_id)
            SELECT {versioned}, v.import_id
            FROM {versions} v JOIN touched t ON {_key_match(table, "v", "t")}
            JOIN imports i ON i.import_id = v.import_id AND i.status = 'applied'
            QUALIFY row_number() OVER (PARTITION BY {", ".join("v." + quote(k) for k in table.keys)}
                                       ORDER BY v.import_id DESC) = 1"""
    )
