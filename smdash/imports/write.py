"""Writing staged rows, and undoing an import, with set-based SQL.

Every import keeps one row per key of its file, its *version* of that row: the current one in
``<table>``, every other one in ``<table>_versions``. A staged row whose key is new is "added"
(it becomes current); one whose values differ from the current row is "updated" (the current
row moves to the versions, the new one becomes current); one equal to the current row is
"unchanged": the current row stays, and the import's own copy is kept in the versions, because
an import vouches for every row of its file: undoing an older import never removes a row that
a later, still applied, export also holds. Undo marks the import undone and, for every key it
holds, makes current the version of the latest import still applied.

So a first import writes each row once, and a re-import of the same file writes each row once
(to the versions), never both.
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


def _change(table: Table) -> str:
    """A staged row's change against the current row it joins (``s`` and ``c``)."""
    differs = " OR ".join(f"s.{quote(v)} IS DISTINCT FROM c.{quote(v)}" for v in table.values)
    return (
        f"CASE WHEN c.{quote(table.keys[0])} IS NULL THEN 'added' "
        f"WHEN {differs} THEN 'updated' ELSE 'unchanged' END"
    )


def classify_stage(con: duckdb.DuckDBPyConnection, table: Table, stage: str = "stage") -> Counts:
    """How many staged rows are new, change a current row, or repeat it."""
    rows = con.execute(
        f"""SELECT change, count(*) FROM (
                SELECT {_change(table)} AS change
                FROM {quote(stage)} s LEFT JOIN {quote(table.name)} c
                     ON {_key_match(table, "s", "c")})
            GROUP BY change"""
    ).fetchall()
    found = dict(rows)
    return Counts(found.get("added", 0), found.get("updated", 0), found.get("unchanged", 0))


def write_stage(
    con: duckdb.DuckDBPyConnection, table: Table, stage: str, import_id: int, counts: Counts
) -> None:
    """Write the staged rows as ``import_id``'s versions (``counts`` from ``classify_stage``,
    in the same transaction)."""
    columns = ", ".join(quote(c) for c in table.columns)
    name, versions = quote(table.name), quote(table.name + "_versions")
    if counts.updated == 0 and counts.unchanged == 0:  # all new: straight to the current rows
        con.execute(
            f"INSERT INTO {name} ({columns}, import_id) SELECT {columns}, ? FROM {quote(stage)}",
            [import_id],
        )
        return
    if counts.added == 0 and counts.updated == 0:  # all repeated: only the import's copies
        con.execute(
            f"""INSERT INTO {versions} ({columns}, import_id)
                SELECT {columns}, ? FROM {quote(stage)}""",
            [import_id],
        )
        return
    con.execute("DROP TABLE IF EXISTS incoming")
    con.execute(
        f"""CREATE TEMP TABLE incoming AS
            SELECT s.*, {_change(table)} AS change
            FROM {quote(stage)} s LEFT JOIN {name} c ON {_key_match(table, "s", "c")}"""
    )
    current = ", ".join(f"c.{quote(c)}" for c in table.columns)
    con.execute(
        f"""INSERT INTO {versions} ({columns}, import_id)
            SELECT {current}, c.import_id FROM {name} c JOIN incoming i
                ON {_key_match(table, "c", "i")} AND i.change = 'updated'"""
    )
    con.execute(
        f"""DELETE FROM {name} USING incoming i
            WHERE i.change = 'updated' AND {_key_match(table, name, "i")}"""
    )
    for changes, target in (("'added', 'updated'", name), ("'unchanged'", versions)):
        con.execute(
            f"""INSERT INTO {target} ({columns}, import_id)
                SELECT {columns}, ? FROM incoming WHERE change IN ({changes})""",
            [import_id],
        )
    con.execute("DROP TABLE incoming")


def rebuild_after_undo(con: duckdb.DuckDBPyConnection, table: Table, import_id: int) -> None:
    """Make current the latest applied version of every key that ``import_id`` holds."""
    name, versions = quote(table.name), quote(table.name + "_versions")
    keys = ", ".join(quote(k) for k in table.keys)
    columns = ", ".join(quote(c) for c in table.columns)
    con.execute("DROP TABLE IF EXISTS touched")
    con.execute(
        f"""CREATE TEMP TABLE touched AS
            SELECT {keys} FROM {name} WHERE import_id = ?
            UNION SELECT {keys} FROM {versions} WHERE import_id = ?""",
        [import_id, import_id],
    )
    # every version of a touched key goes to the versions, then the winner comes back
    con.execute(
        f"""INSERT INTO {versions} ({columns}, import_id)
            SELECT {", ".join(f"c.{quote(c)}" for c in table.columns)}, c.import_id
            FROM {name} c JOIN touched t ON {_key_match(table, "c", "t")}"""
    )
    con.execute(f"DELETE FROM {name} USING touched t WHERE {_key_match(table, name, 't')}")
    con.execute("DROP TABLE IF EXISTS winners")
    con.execute(
        f"""CREATE TEMP TABLE winners AS
            SELECT {", ".join(f"v.{quote(c)}" for c in table.columns)}, v.import_id
            FROM {versions} v JOIN touched t ON {_key_match(table, "v", "t")}
            JOIN imports i ON i.import_id = v.import_id AND i.status = 'applied'
            QUALIFY row_number() OVER (PARTITION BY {", ".join("v." + quote(k) for k in table.keys)}
                                       ORDER BY v.import_id DESC) = 1"""
    )
    con.execute(f"INSERT INTO {name} ({columns}, import_id) SELECT * FROM winners")
    con.execute(
        f"""DELETE FROM {versions} USING winners w
            WHERE {_key_match(table, versions, "w")} AND {versions}.import_id = w.import_id"""
    )
    con.execute("DROP TABLE winners")
    con.execute("DROP TABLE touched")
