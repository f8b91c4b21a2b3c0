"""Backup files: the copy itself, the backups folder beside the database, names, pruning.

A copy is made from a connection that has the database open (``save``, ``copy_database``).
DuckDB lets one process at a time hold the file, so while that connection is open no other
program writes to it; and ``COPY FROM DATABASE`` runs as one transaction, so it reads one
snapshot of every table: a write by another thread of this process lands wholly before it or
wholly after it. The copy goes to a hidden temporary file beside its destination, which takes
the final name (``os.replace``) only once it is complete: a backup is never half written, and
an existing file of that name is replaced whole or not at all.

A copy is a new DuckDB file with the same tables, rows, views, constraints and sequences (at
their current values). Reading every block to copy it also checks every block's checksum, so a
damaged database fails to copy instead of passing its damage on.

Backups go to ``backups/`` beside the database, named ``<db name>-YYYYMMDD-HHMMSS-<reason>
.duckdb`` (local time); each new one there removes the oldest beyond the newest ``keep``
(the ``backup_keep`` setting, default 10). This module imports nothing from smdash's database
module (``store`` imports it), so it reads its one setting itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import duckdb

from smdash.db.tables import quote

FOLDER = "backups"
KEEP_SETTING = "backup_keep"
DEFAULT_KEEP = 10
MAX_KEEP = 1000
# why a backup was made: its name ends with one of these
REASONS = ("manual", "download", "daily", "before-start-empty", "before-upgrade")
_STAMP = "%Y%m%d-%H%M%S"
# DuckDB's words for a database file it could not read whole: a block that fails its checksum,
# a file that ends before a block it needs, a file that is not a DuckDB database
_DAMAGE_MARKERS = ("Corrupt database file", "Could not read enough bytes", "not a valid DuckDB")


class CopyFailed(Exception):
    """The copy could not be written (a full disk, no permission); nothing else changed."""


def is_damage(exc: Exception, path: Path | str) -> bool:
    """Whether DuckDB error ``exc`` says that the database file ``path`` is damaged."""
    text = str(exc)
    if "Corrupt database file" in text:  # says no file name: the one being read
        return True
    return any(marker in text for marker in _DAMAGE_MARKERS) and str(path) in text


@dataclass(frozen=True)
class Backup:
    path: Path
    made: dt.datetime  # local time, from the name
    reason: str
    size: int  # bytes


def folder(db: Path) -> Path:
    """Where the backups of database file ``db`` go: ``backups/`` beside it."""
    return Path(db).parent / FOLDER


def _pattern(db: Path) -> re.Pattern:
    reasons = "|".join(map(re.escape, REASONS))
    return re.compile(
        rf"{re.escape(Path(db).stem)}-(\d{{8}}-\d{{6}})-({reasons})(?:-(\d+))?\.duckdb"
    )


def listing(db: Path) -> list[Backup]:
    """The backups of ``db`` in its backups folder, newest first."""
    pattern, found = _pattern(db), []
    try:
        entries = list(os.scandir(folder(db)))
    except FileNotFoundError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match:
            continue
        try:
            stat = entry.stat()
        except FileNotFoundError:
            continue  # removed meanwhile (another process pruned)
        stamp, reason, again = match.groups()
        made = dt.datetime.strptime(stamp, _STAMP)
        # made in the same second: the later suffix, else the later write, is the newer
        order = (made, int(again or 1), stat.st_mtime_ns)
        found.append((order, Backup(Path(entry.path), made, reason, stat.st_size)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [backup for _, backup in found]


def newest(db: Path) -> Backup | None:
    backups = listing(db)
    return backups[0] if backups else None


def restore_command(backup: Path | str, db: Path | str) -> str:
    """The command that puts ``backup`` back as ``db``, for messages."""
    return f"python -m smdash restore {_shell(backup)} --db {_shell(db)}"


def _shell(path: Path | str) -> str:
    text = str(path)
    return text if re.fullmatch(r"[\w./:@%+=,-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def database_file(con: duckdb.DuckDBPyConnection) -> Path:
    """The file of the database ``con`` has open."""
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    if not row or not row[0]:
        raise ValueError("the connection has no database file open")
    return Path(row[0])


def keep_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many backups to keep: the ``backup_keep`` setting, else 10. Works on every schema
    version (the settings table came in step 2): it is read before an upgrade, too."""
    has_settings = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'settings' AND schema_name = "
        "'main' AND database_name = current_database()"
    ).fetchone()[0]
    if not has_settings:
        return DEFAULT_KEEP
    row = con.execute("SELECT value FROM settings WHERE key = ?", [KEEP_SETTING]).fetchone()
    try:
        count = int(row[0]) if row else DEFAULT_KEEP
    except ValueError:
        return DEFAULT_KEEP
    return count if 1 <= count <= MAX_KEEP else DEFAULT_KEEP


def save(con: duckdb.DuckDBPyConnection, reason: str, out: Path | str | None = None) -> Path:
    """Back up the database ``con`` has open; returns the file written.

    Into the backups folder (then the oldest beyond the newest ``keep`` there are removed), or
    to ``out``. Call it outside a transaction; the caller's connection holds the file, so the
    copy is of one moment.
    """
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {REASONS}, not {reason!r}")
    db = database_file(con)
    if out is None:
        target = _new_name(db, reason)
    else:
        target = Path(out).expanduser().resolve()
        if target in (db, Path(f"{db}.wal")):
            raise ValueError(f"{target} is the database itself: write the backup elsewhere")
    copy_database(con, current_database(con), target)
    if out is None:
        prune(db, keep_count(con))
    return target


def current_database(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("SELECT current_database()").fetchone()[0]


def _new_name(db: Path, reason: str) -> Path:
    """``<db name>-<now>-<reason>.duckdb``; a second one in the same second (of any reason) gets
    ``-2``, a third ``-3``, so that names sort in the order the backups were made."""
    stamp = dt.datetime.now().strftime(_STAMP)
    pattern = _pattern(db)
    same_second = [
        match
        for path in folder(db).glob(f"{glob.escape(db.stem)}-{stamp}-*.duckdb")
        if (match := pattern.fullmatch(path.name))
    ]
    again = max((int(match.group(3) or 1) for match in same_second), default=0) + 1
    suffix = f"-{again}" if again > 1 else ""
    return folder(db) / f"{db.stem}-{stamp}-{reason}{suffix}.duckdb"


def copy_database(con: duckdb.DuckDBPyConnection, source: str, target: Path) -> None:
    """Copy the attached database ``source`` (a catalog name) to the new file ``target``, whole.

    Written to a hidden file beside ``target``, synced to disk, then renamed into place. A
    source found damaged raises DuckDB's error (``is_damage``); a copy that cannot be written,
    ``CopyFailed``.
    """
    partial = target.with_name(f".{target.name}.partial")
    alias = f"smdash_copy_{secrets.token_hex(6)}"
    source_file = _file_of(con, source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove(partial)
        con.execute(f"ATTACH ? AS {alias}", [str(partial)])
        try:
            con.execute(f"COPY FROM DATABASE {quote(source)} TO {alias}")
        finally:
            con.execute(f"DETACH {alias}")  # written out to the file, no WAL left
        sync(partial)
        os.replace(partial, target)
        sync(target.parent)
    except duckdb.Error as exc:
        if is_damage(exc, source_file):
            raise
        raise CopyFailed(f"{target}: {exc}") from exc
    except OSError as exc:
        raise CopyFailed(f"{target}: {exc.strerror or exc}") from exc
    finally:
        _remove(partial)


def _file_of(con: duckdb.DuckDBPyConnection, database: str) -> str:
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = ?", [database]
    ).fetchone()
    return row[0] if row and row[0] else database


def _remove(partial: Path) -> None:
    """Remove what a copy left behind, if anything (best effort: never hides the copy's error)."""
    for leftover in (partial, Path(f"{partial}.wal")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def sync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk, where the system allows it."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # a folder cannot be synced on some systems
    finally:
        os.close(descriptor)


def prune(db: Path, keep: int) -> list[Path]:
    """Remove the backups of ``db`` beyond the newest ``keep``; returns those removed."""
    removed = []
    for backup in listing(db)[max(keep, 1) :]:
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed
