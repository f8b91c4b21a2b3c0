"""Writing staged rows, and undoing an import, with set-based SQL.

Every import holds one version of each row of its file: the current one in ``<table>``, every
other one in ``<table>_versions``. A staged row whose key is new is "added" (it becomes
current); one whose values differ from the current row is "updated" (the current row moves to
the versions, the new one becomes current); one equal to the current row is "unchanged": the
current row stays, and the import's own copy goes to the versions, because an import vouches
for every row of its file: undoing an older import never removes a row that a later, still
applied, export also holds. An import whose rows are exactly the rows of one earlier import,
all still current and unchanged (the same export imported again), stores no copies: it is
recorded as a *repeat* of that import (``import_repeats``) and holds the same rows.

The import that owns a row (``import_id`` in both tables) is the one that stored it; the
imports that hold it are its owner and the owner's repeats. Undo marks the import undone and,
for every key it holds, makes current the row of the latest import still applied that holds
that key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import duckdb

from smdash.db.tables import Table, quote


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


@dataclass(frozen=True)
class Classified:
    counts: Counts
    owner: int | None  # the one import that owns every current row the staged rows match


def classify_stage(
    con: duckdb.DuckDBPyConnection, table: Table, stage: str = "stage"
) -> Classified:
    """How many staged rows are new, change a current row, or repeat it."""
    added, updated, unchanged, owner, last_owner = con.execute(
        f"""SELECT count_if(change = 'added'), count_if(change = 'updated'),
                   count_if(change = 'unchanged'), min(owner), max(owner)
            FROM (SELECT {_change(table)} AS change, c.import_id AS owner
                  FROM {quote(stage)} s LEFT JOIN {quote(table.name)} c
                       ON {_key_match(table, "s", "c")})"""  # noqa: S608 - identifiers through quote()
    ).fetchone()
    return Classified(Counts(added, updated, unchanged), owner if owner == last_owner else None)


def write_stage(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    stage: str,
    import_id: int,
    classified: Classified,
    may_repeat: bool = True,
) -> None:
    """Write the staged rows for ``import_id`` (``classified`` by ``classify_stage`` in the
    same transaction). ``may_repeat``: whether it may be recorded as a repeat (not when other
    parts of its file write to the same table)."""
    counts = classified.counts
    columns = ", ".join(quote(c) for c in table.columns)
    name, versions = quote(table.name), quote(table.name + "_versions")
    if may_repeat and _repeats_whole_import(con, table, classified):
        con.execute(
            "INSERT INTO import_repeats VALUES ($import_id, $target, $repeat_of)",
            {"import_id": import_id, "target": table.name, "repeat_of": classified.owner},
        )
        return
    if counts.updated == 0 and counts.unchanged == 0:  # all new: straight to the current rows
        con.execute(
            f"INSERT INTO {name} ({columns}, import_id) SELECT {columns}, ? FROM {quote(stage)}",  # noqa: S608 - identifiers through quote()
            [import_id],
        )
        return
    if counts.added == 0 and counts.updated == 0:  # all repeated: only the import's copies
        con.execute(
            f"""INSERT INTO {versions} ({columns}, import_id)
                SELECT {columns}, ? FROM {quote(stage)}""",  # noqa: S608 - identifiers through quote()
            [import_id],
        )
        return
    con.execute("DROP TABLE IF EXISTS incoming")
    con.execute(
        f"""CREATE TEMP TABLE incoming AS
            SELECT s.*, {_change(table)} AS change
            FROM {quote(stage)} s LEFT JOIN {name} c ON {_key_match(table, "s", "c")}"""  # noqa: S608 - identifiers through quote()
    )
    current = ", ".join(f"c.{quote(c)}" for c in table.columns)
    con.execute(
        f"""INSERT INTO {versions} ({columns}, import_id)
            SELECT {current}, c.import_id FROM {name} c JOIN incoming i
                ON {_key_match(table, "c", "i")} AND i.change = 'updated'"""  # noqa: S608 - identifiers through quote()
    )
    con.execute(
        f"""DELETE FROM {name} USING incoming i
            WHERE i.change = 'updated' AND {_key_match(table, name, "i")}"""  # noqa: S608 - identifiers through quote()
    )
    for changes, target in (("'added', 'updated'", name), ("'unchanged'", versions)):
        con.execute(
            f"""INSERT INTO {target} ({columns}, import_id)
                SELECT {columns}, ? FROM incoming WHERE change IN ({changes})""",  # noqa: S608 - identifiers through quote()
            [import_id],
        )
    con.execute("DROP TABLE incoming")


def _repeats_whole_import(con, table: Table, classified: Classified) -> bool:
    """Whether the staged rows are exactly the rows the owner holds, all current and equal."""
    counts, owner = classified.counts, classified.owner
    if owner is None or counts.added or counts.updated:
        return False
    name, versions = quote(table.name), quote(table.name + "_versions")
    current, superseded = con.execute(
        f"""SELECT (SELECT count(*) FROM {name} WHERE import_id = $owner),
                   (SELECT count(*) FROM {versions} WHERE import_id = $owner)""",  # noqa: S608 - identifiers through quote()
        {"owner": owner},
    ).fetchone()
    return current == counts.unchanged and superseded == 0


def rebuild_after_undo(con: duckdb.DuckDBPyConnection, table: Table, import_id: int) -> None:
    """Make current, for every key that ``import_id`` holds, the row of the latest import still
    applied that holds it (call it once the import is marked undone)."""
    name, versions = quote(table.name), quote(table.name + "_versions")
    keys = ", ".join(quote(k) for k in table.keys)
    columns = ", ".join(quote(c) for c in table.columns)
    owner = con.execute(
        "SELECT repeat_of FROM import_repeats WHERE import_id = ? AND target = ?",
        [import_id, table.name],
    ).fetchone()
    owner = owner[0] if owner else import_id
    con.execute("DROP TABLE IF EXISTS touched")
    con.execute(
        f"""CREATE TEMP TABLE touched AS
            SELECT {keys} FROM {name} WHERE import_id = $owner
            UNION SELECT {keys} FROM {versions} WHERE import_id = $owner""",  # noqa: S608 - identifiers through quote()
        {"owner": owner},
    )
    # every version of a touched key goes to the versions, then the winner comes back
    con.execute(
        f"""INSERT INTO {versions} ({columns}, import_id)
            SELECT {", ".join(f"c.{quote(c)}" for c in table.columns)}, c.import_id
            FROM {name} c JOIN touched t ON {_key_match(table, "c", "t")}"""  # noqa: S608 - identifiers through quote()
    )
    con.execute(f"DELETE FROM {name} USING touched t WHERE {_key_match(table, name, 't')}")  # noqa: S608 - identifiers through quote()
    con.execute("DROP TABLE IF EXISTS winners")
    con.execute(
        f"""CREATE TEMP TABLE winners AS
            WITH holders AS (
                SELECT i.import_id AS holder, coalesce(r.repeat_of, i.import_id) AS owner
                FROM imports i LEFT JOIN import_repeats r
                     ON r.import_id = i.import_id AND r.target = $table
                WHERE i.status = 'applied')
            SELECT {", ".join(f"v.{quote(c)}" for c in table.columns)}, v.import_id
            FROM {versions} v JOIN touched t ON {_key_match(table, "v", "t")}
            JOIN holders h ON h.owner = v.import_id
            QUALIFY row_number() OVER (PARTITION BY {", ".join("v." + quote(k) for k in table.keys)}
                                       ORDER BY h.holder DESC) = 1""",  # noqa: S608 - identifiers through quote()
        {"table": table.name},
    )
    con.execute(f"INSERT INTO {name} ({columns}, import_id) SELECT * FROM winners")  # noqa: S608 - identifiers through quote()
    con.execute(
        f"""DELETE FROM {versions} USING winners w
            WHERE {_key_match(table, versions, "w")} AND {versions}.import_id = w.import_id"""  # noqa: S608 - identifiers through quote()
    )
    con.execute("DROP TABLE winners")
    con.execute("DROP TABLE touched")
