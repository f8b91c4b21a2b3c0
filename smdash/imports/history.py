"""The import log as read back: every import, newest first, one row per part.

Apart from ``pipeline`` so that reading the log loads neither the parsers (pyarrow) nor pandas:
``python -m smdash history`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

_HISTORY = """
    SELECT i.import_id, i.imported_at, i.file_name,
           coalesce(p.part, 1) AS part, coalesce(p.source, i.file_name) AS source,
           coalesce(p.format, i.format) AS format,
           coalesce(p.platform, i.platform) AS platform,
           coalesce(p.account, i.account) AS account,
           coalesce(p.date_from, i.date_from) AS date_from,
           coalesce(p.date_to, i.date_to) AS date_to,
           coalesce(p.rows_in_file, i.rows_in_file) AS rows_in_file,
           coalesce(p.rows_added, i.rows_added) AS rows_added,
           coalesce(p.rows_updated, i.rows_updated) AS rows_updated,
           coalesce(p.rows_unchanged, i.rows_unchanged) AS rows_unchanged,
           coalesce(p.rows_skipped, 0) AS rows_skipped, p.skip_reason,
           i.status, i.undone_at, i.sha256, r.repeat_of, i.answers
    FROM imports i LEFT JOIN import_parts p USING (import_id)
    LEFT JOIN import_repeats r
         ON r.import_id = i.import_id AND r.target = coalesce(p.target, i.target)
    ORDER BY i.import_id DESC, part"""


def import_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every import, newest first; a file of several parts has one row per part.
    ``repeat_of``: the import whose rows a part repeats exactly (it stored none of its own);
    ``rows_skipped``: rows of the part left out on purpose, ``skip_reason`` why;
    ``answers``: what a file that lacked a choice was read with (JSON, see ``questions``)."""
    return con.execute(_HISTORY).df()


def import_history_rows(
    con: duckdb.DuckDBPyConnection,
) -> tuple[list[tuple[str, str]], list[tuple]]:
    """``import_history`` as plain Python values: ([(column, DuckDB type)], rows)."""
    result = con.execute(_HISTORY)
    columns = [(name, str(kind)) for name, kind, *_ in result.description]
    return columns, result.fetchall()


def imported_before(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple[int, str] | None:
    """(import_id, status) of an import of a file with this content (SHA-256), or None: the
    first one still applied, else the latest one undone."""
    return con.execute(
        """SELECT import_id, status FROM imports WHERE sha256 = ?
           ORDER BY status = 'applied' DESC,
                    CASE WHEN status = 'applied' THEN import_id ELSE -import_id END
           LIMIT 1""",
        [sha256],
    ).fetchone()


class ImportTotals(NamedTuple):
    """One import as a whole (every part of its file)."""

    import_id: int
    file_name: str
    added: int
    updated: int
    unchanged: int
    status: str


def import_totals(con: duckdb.DuckDBPyConnection, import_id: int) -> ImportTotals | None:
    """What import ``import_id`` did, all its parts together (what undoing it takes back), or
    None when there is no such import."""
    row = con.execute(
        """SELECT import_id, file_name, rows_added, rows_updated, rows_unchanged, status
           FROM imports WHERE import_id = ?""",
        [import_id],
    ).fetchone()
    return ImportTotals(*row) if row else None
