"""Putting a backup back: check it, then swap it in for the database file, keeping that aside.

``inspect`` says what a backup holds and refuses a file smdash cannot restore (missing, damaged,
not an smdash database, from a newer smdash). ``restore`` copies the backup (every block read,
so checked) to a hidden file beside the database, then, holding the database file so that no
other process uses it meanwhile, keeps the current file aside as
``<db>.before-restore-YYYYMMDD-HHMMSS`` (a second name for the same file: nothing is
overwritten) and renames the copy into the database's place: another process opens either the
old file or the restored one, never a mix. A damaged current file cannot be held (nor opened by
anyone): it is kept aside as it is, with its WAL. A backup from an older smdash is upgraded by
the first open, which ``restore`` makes itself.

Backups themselves are made by ``smdash.db.copies``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from smdash.core.errors import UserError
from smdash.db import copies, store

_SOURCE = "smdash_restore_source"


class RestoreRefused(UserError):
    """The file cannot be restored; the database was not touched."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    schema: int  # its schema version
    imports: int  # rows of its import log
    made: dt.datetime  # when the file was last written (local time)
    size: int


@dataclass(frozen=True)
class Restored:
    backup: BackupInfo
    aside: Path | None  # where the replaced database file is kept (None: there was none)
    schema: int  # the schema of the database now (the latest)


def inspect(file: Path | str, db: Path | str | None = None) -> BackupInfo:
    """What the backup ``file`` holds; ``RestoreRefused`` when smdash cannot restore it (over
    database ``db``, when given)."""
    path = Path(file).expanduser().resolve()
    if not path.is_file():
        raise RestoreRefused("restore.not_found", file=str(path))
    if db is not None and path == store.db_path(db):
        raise RestoreRefused("restore.same_file", file=str(path))
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise RestoreRefused("restore.unreadable", file=str(path), error=str(exc)) from exc
    try:
        problem = store.damage(con, path)
        if problem:
            raise RestoreRefused("restore.unreadable", file=str(path), error=problem)
        schema = store.schema_version(con)
        if schema == 0:
            raise RestoreRefused("restore.not_smdash", file=str(path))
        if schema > store.latest_version():
            raise RestoreRefused(
                "restore.too_new", file=str(path), schema=schema, latest=store.latest_version()
            )
        imports = con.execute("SELECT count(*) FROM imports").fetchone()[0]
    except duckdb.Error as exc:
        raise RestoreRefused("restore.unreadable", file=str(path), error=str(exc)) from exc
    finally:
        con.close()
    stat = path.stat()
    made = dt.datetime.fromtimestamp(stat.st_mtime)
    return BackupInfo(path, schema, imports, made, stat.st_size)


def aside_name(db: Path, now: dt.datetime | None = None) -> Path:
    """Where ``restore`` keeps the database file it replaces (a name not yet taken)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = db.with_name(f"{db.name}.before-restore-{stamp}")
    aside, again = base, 1
    while aside.exists():
        again += 1
        aside = base.with_name(f"{base.name}-{again}")
    return aside


def restore(
    file: Path | str, db: Path | str | None = None, retry_seconds: float = store.BUSY_RETRY_SECONDS
) -> Restored:
    """Put backup ``file`` in the place of database ``db``, keeping the current file aside.

    ``RestoreRefused`` (nothing changed) for a file smdash cannot restore; ``DatabaseBusy``
    (nothing changed) when another process holds the database longer than ``retry_seconds``.
    """
    target = store.db_path(db)
    info = inspect(file, target)
    staged = target.with_name(f".{target.name}.restoring")
    try:
        _stage(info, staged)
        aside = _swap(target, staged, retry_seconds)
    finally:
        for leftover in (staged, Path(f"{staged}.wal")):
            leftover.unlink(missing_ok=True)
    with store.connect(target, retry_seconds) as con:  # an older schema is upgraded here
        schema = store.schema_version(con)
    return Restored(info, aside, schema)


def _stage(info: BackupInfo, staged: Path) -> None:
    """The backup, copied whole to ``staged`` (reading every block checks it)."""
    with duckdb.connect() as memory:
        memory.execute(f"ATTACH ? AS {_SOURCE} (READ_ONLY)", [str(info.path)])
        try:
            copies.copy_database(memory, _SOURCE, staged)
        except duckdb.Error as exc:  # copy_database lets through only a damaged source
            raise RestoreRefused("restore.unreadable", file=str(info.path), error=str(exc)) from exc
        except copies.CopyFailed as exc:
            raise RestoreRefused("restore.cannot_write", error=str(exc)) from exc


def _swap(target: Path, staged: Path, retry_seconds: float) -> Path | None:
    held = None
    if target.exists():
        try:
            held = store.open_file(target, retry_seconds)  # DatabaseBusy: nothing changed yet
        except store.DatabaseUnreadable:
            held = None  # damaged: nobody can open it; it is kept aside as it is
    try:
        current = 0
        if held is not None:
            held.execute("CHECKPOINT")  # the file alone holds everything (no WAL) when kept aside
            current = store.data_version(held) if store.schema_version(held) else 0
        _new_data_version(staged, current)
        aside = None
        if target.exists():
            aside = aside_name(target)
            _keep_aside(target, aside)
        os.replace(staged, target)
        copies.sync(target.parent)
    finally:
        if held is not None:
            store.close_untouched(held)  # the kept-aside file, as it was
    return aside


def _new_data_version(staged: Path, current: int) -> None:
    """A data version the app's caches never saw for this database file, so that every page
    reads the restored data afresh (caches are keyed by the file and its data version)."""
    with duckdb.connect(str(staged)) as con:
        version = max(current, store.data_version(con), int(time.time())) + 1
        con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", [str(version)])


def _keep_aside(target: Path, aside: Path) -> None:
    """Give the database file a second name (a hard link: no copy), or copy it where links are
    not possible; a WAL left beside a damaged file goes with it."""
    try:
        os.link(target, aside)
    except OSError:
        shutil.copy2(target, aside)
    wal = Path(f"{target}.wal")
    if wal.exists():
        os.replace(wal, Path(f"{aside}.wal"))
