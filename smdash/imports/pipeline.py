"""File -> detect -> read -> parse and validate -> stage -> write in one transaction -> log.

``prepare`` does everything up to the staged rows without writing (the Import page's preview);
``import_file`` prepares and writes; ``undo_import`` reverts one import. Any failure raises
``ImportFailed`` and leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from smdash.imports.errors import ImportFailed
from smdash.imports.formats import Format, all_formats
from smdash.imports.parse import load_raw, parse_fields
from smdash.imports.sniff import MAX_IMPORT_BYTES, Sniffed, sha256_of, sniff
from smdash.imports.write import Counts, classify_stage, rebuild_after_undo, write_incoming
from smdash.store import bump_data_version, transaction
from smdash.tables import TABLES, Table, quote

Progress = Callable[[str, float], None]
PREVIEW_ROWS = 5
SCRATCH_TABLES = ("raw", "parsed", "stage", "incoming", "touched")


@dataclass
class Prepared:
    """What a file holds, read and checked, staged in the connection's temp table ``stage``."""

    file_name: str
    sha256: str
    format: Format
    platform: str
    account: str
    date_from: dt.date | None
    date_to: dt.date | None
    rows: int
    preview: pd.DataFrame


@dataclass
class ImportResult:
    import_id: int
    prepared: Prepared
    counts: Counts


def _no_progress(stage: str, fraction: float) -> None:
    pass


def detect(sniffed: Sniffed) -> tuple[Format, str, int, dict[str, int], dict]:
    """(format, sheet, header row index, field -> column, context) for the file's content."""
    best = None
    for fmt in all_formats():
        if fmt.kind != sniffed.kind:
            continue
        for sheet, rows in sniffed.sheets.items():
            if fmt.sheets and sheet.strip().lower() not in fmt.sheets:
                continue
            found = fmt.match(rows)
            if found and (best is None or len(found[1]) > len(best[3])):
                best = (fmt, sheet, *found)
    if best is None:
        known = "; ".join(f.label["en"] for f in all_formats())
        raise ImportFailed("unknown_format", file=sniffed.file_name, known=known)
    return best


def prepare(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    file_name: str | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    progress: Progress = _no_progress,
) -> Prepared:
    path = Path(path)
    file_name = file_name or path.name
    progress("reading", 0.05)
    sniffed = sniff(path, file_name, max_bytes)
    fmt, sheet, header_index, columns, context = detect(sniffed)
    header = sniffed.sheets[sheet][header_index]
    load_raw(con, sniffed, sheet, header_index, len(header))
    if con.execute("SELECT count(*) FROM raw").fetchone()[0] == 0:
        raise ImportFailed("no_rows", file=file_name)
    progress("checking", 0.4)
    parse_fields(con, fmt.fields, columns, header, file_name, row_offset=header_index + 1)
    if fmt.skip_rows_sql:
        con.execute(f"DELETE FROM parsed WHERE {fmt.skip_rows_sql}")
    _stage(con, fmt, context, file_name)
    progress("checking", 0.6)
    return _describe(con, fmt, file_name, sha256_of(path))


def _stage(con: duckdb.DuckDBPyConnection, fmt: Format, context: dict, file_name: str) -> None:
    con.execute("DROP TABLE IF EXISTS stage")
    params = {k: v for k, v in context.items() if f"${k}" in fmt.rows_sql}
    con.execute(f"CREATE TEMP TABLE stage AS {fmt.rows_sql}", params)
    table = fmt.target
    if con.execute("SELECT count(*) FROM stage").fetchone()[0] == 0:
        raise ImportFailed("no_rows", file=file_name)
    for key in table.keys:
        if con.execute(f"SELECT count(*) FROM stage WHERE {quote(key)} IS NULL").fetchone()[0]:
            raise ImportFailed("missing_key", file=file_name, column=key)
    keys = ", ".join(quote(k) for k in table.keys)
    duplicate = con.execute(
        f"SELECT {keys} FROM stage GROUP BY ALL HAVING count(*) > 1 LIMIT 1"
    ).fetchone()
    if duplicate:
        raise ImportFailed("duplicate_key", file=file_name, row_key=" / ".join(map(str, duplicate)))


def _describe(con: duckdb.DuckDBPyConnection, fmt: Format, file_name: str, digest: str) -> Prepared:
    table = fmt.target
    platform_expr = (
        "string_agg(DISTINCT platform, ', ')" if "platform" in table.columns else "'web'"
    )
    platform, account, date_from, date_to, rows = con.execute(
        f"""SELECT {platform_expr}, string_agg(DISTINCT nullif({quote(table.account)}, ''), ', '),
                   CAST(min({quote(table.date_from)}) AS DATE),
                   CAST(max({quote(table.date_to)}) AS DATE), count(*)
            FROM stage"""
    ).fetchone()
    preview = con.execute(f"SELECT * FROM stage LIMIT {PREVIEW_ROWS}").df()
    return Prepared(
        file_name, digest, fmt, platform, account or "", date_from, date_to, rows, preview
    )


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    file_name: str | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Import one file; all its rows land, or none do."""
    try:
        prepared = prepare(con, path, file_name, max_bytes, progress)
        table = prepared.format.target
        progress("writing", 0.7)
        with transaction(con):
            counts = classify_stage(con, table)
            import_id = con.execute("SELECT nextval('import_seq')").fetchone()[0]
            _log(con, import_id, prepared, counts)
            write_incoming(con, table, import_id)
            bump_data_version(con)
    finally:
        drop_scratch(con)
    progress("done", 1.0)
    return ImportResult(import_id, prepared, counts)


def drop_scratch(con: duckdb.DuckDBPyConnection) -> None:
    """Free the temp tables an import works in."""
    for name in SCRATCH_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _log(con: duckdb.DuckDBPyConnection, import_id: int, p: Prepared, counts: Counts) -> None:
    con.execute(
        """INSERT INTO imports (import_id, file_name, sha256, format, target, platform, account,
               date_from, date_to, rows_in_file, rows_added, rows_updated, rows_unchanged,
               status, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?)""",
        [
            import_id,
            p.file_name,
            p.sha256,
            p.format.name,
            p.format.target.name,
            p.platform,
            p.account,
            p.date_from,
            p.date_to,
            p.rows,
            counts.added,
            counts.updated,
            counts.unchanged,
            dt.datetime.now(),
        ],
    )


def undo_import(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Revert one import: its rows fall back to the versions they replaced."""
    row = con.execute("SELECT target, status FROM imports WHERE import_id = ?", [import_id])
    found = row.fetchone()
    if found is None:
        raise ImportFailed("no_such_import", import_id=import_id)
    target, status = found
    if status != "applied":
        raise ImportFailed("already_undone", import_id=import_id)
    table: Table = TABLES[target]
    with transaction(con):
        con.execute(
            "UPDATE imports SET status = 'undone', undone_at = ? WHERE import_id = ?",
            [dt.datetime.now(), import_id],
        )
        rebuild_after_undo(con, table, import_id)
        bump_data_version(con)
    drop_scratch(con)


def import_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every import, newest first."""
    return con.execute(
        """SELECT import_id, imported_at, file_name, format, platform, account, date_from,
                  date_to, rows_in_file, rows_added, rows_updated, rows_unchanged, status,
                  undone_at, sha256
           FROM imports ORDER BY import_id DESC"""
    ).df()
