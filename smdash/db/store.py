"""The DuckDB file: where it lives, opening it safely, schema migrations, transactions.

DuckDB lets one process hold a database file at a time, so every caller opens the file for one
operation and closes it again (``with connect() as con:``). A file held by another process (the
app while the CLI imports, or the other way round) is retried for a bounded time.

A file that cannot be read whole (cut short by a full disk, overwritten, not a database) is
refused with ``DatabaseUnreadable``, which names the newest backup and the command that puts it
back; nothing is written to such a file, and no schema upgrade runs on it. An upgrade of a file
that holds data is preceded by a backup (``smdash.db.copies``).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path

import duckdb

from smdash.core.i18n import t
from smdash.core.paths import DEFAULT_DB
from smdash.db import copies
from smdash.db.migrations import MIGRATIONS

BUSY_RETRY_SECONDS = 15.0
# another process holds the file; or another thread of this process is attaching or closing it
_LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "Unique file handle conflict")


class StoreError(Exception):
    """A problem with the database file that the user can act on.

    ``str()`` is the operator's text (with the file's path); ``message(lang)`` the user's, in
    their words, without paths (the sign-in page shows it to anyone)."""

    key = "error.db_failed"

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params())

    def params(self) -> dict:
        return {"error": str(self).split("(")[0].strip()[:120]}


class DatabaseBusy(StoreError):
    key = "error.db_busy"

    def __init__(self, text: str, seconds: float = BUSY_RETRY_SECONDS) -> None:
        super().__init__(text)
        self.seconds = seconds

    def params(self) -> dict:
        return {"seconds": self.seconds}


class DatabaseTooNew(StoreError):
    key = "error.db_too_new"

    def __init__(self, text: str, found: int = 0, known: int = 0) -> None:
        super().__init__(text)
        self.found, self.known = found, known

    def params(self) -> dict:
        return {"found": self.found, "known": self.known}


class DatabaseReadOnly(StoreError):
    """The file can be read but not written (permissions, a read-only disk): reads go on."""

    key = "error.db_read_only"

    def params(self) -> dict:
        return {}


class DatabaseFull(StoreError):
    """The disk holding the file is full: the write failed and changed nothing."""

    key = "error.db_disk_full"

    def params(self) -> dict:
        return {}


_READ_ONLY_MARKERS = ("read-only", "read only", "Permission denied", "Read-only file system")
_FULL_MARKERS = ("No space left", "disk is full", "Disk full")


def write_problem(exc: BaseException, path: Path | str) -> StoreError | None:
    """The StoreError a failed statement or open stands for, if it is the file's own doing."""
    text = str(exc)
    if isinstance(exc, OSError) and exc.errno == 28 or any(m in text for m in _FULL_MARKERS):
        return DatabaseFull(f"The disk holding {path} is full: {text.splitlines()[0]}")
    if any(m in text for m in _READ_ONLY_MARKERS):
        return DatabaseReadOnly(
            f"The database file {path} cannot be written: {text.splitlines()[0]}"
        )
    return None


def _writable(path: Path) -> bool:
    """Whether this process may write the file and its folder (DuckDB writes a .wal beside)."""
    return not path.exists() or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def writable(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether ``con`` may write (False on a file opened read-only, see ``open_file``)."""
    row = con.execute(
        "SELECT NOT readonly FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return bool(row and row[0])


class DatabaseUnreadable(StoreError):
    """The file is there but cannot be read whole: damaged, or not a DuckDB database.

    smdash writes nothing to it. ``backup`` is the newest backup beside it (or None) and
    ``command`` the command that puts that backup back (keeping this file aside).
    """

    def __init__(self, path: Path, detail: str) -> None:
        self.path, self.detail = path, detail
        self.backup = copies.newest(path)
        self.command = copies.restore_command(self.backup.path if self.backup else "FILE", path)
        if self.backup:
            made = self.backup.made.strftime("%Y-%m-%d %H:%M")
            advice = (
                f"The newest backup is {self.backup.path} (made {made}). To put it back, "
                f"keeping the damaged file aside, run:\n    {self.command}"
            )
        else:
            advice = (
                f"There is no backup of it in {copies.folder(path)}. To put back a copy kept "
                f"elsewhere, run:\n    {self.command}"
            )
        super().__init__(
            f"Cannot open the database file {path}: it is damaged or it is not a database "
            f"({detail}). smdash changed nothing in it.\n{advice}"
        )


def db_path(explicit: str | Path | None = None) -> Path:
    """The database file: an explicit path, else $SMDASH_DB, else data/smdash.duckdb."""
    chosen = explicit or os.environ.get("SMDASH_DB") or DEFAULT_DB
    return _resolved(str(chosen))


@functools.lru_cache(maxsize=64)
def _resolved(chosen: str) -> Path:
    """The absolute path of ``chosen`` (asked for on every read of every page run: resolving
    it looks at each folder on the way, some 0.2 ms each time)."""
    return Path(chosen).expanduser().resolve()


def open_file(path: Path, retry_seconds: float = BUSY_RETRY_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open ``path`` as it is (no upgrade), waiting a bounded time for another process to let
    go of it; refuse a file that cannot be read whole (``DatabaseUnreadable``)."""
    deadline = time.monotonic() + retry_seconds
    pause = 0.05
    read_only = not _writable(path)  # such a file is still read: signed-in users go on reading
    asked = False
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            if asked:
                wanted_marker(path).unlink(missing_ok=True)
        except duckdb.Error as exc:
            if not read_only and path.exists() and write_problem(exc, path):
                read_only = True
                continue
            if not any(marker in str(exc) for marker in _LOCK_MARKERS):
                raise DatabaseUnreadable(path, str(exc)) from exc
            asked = ask_for(path)
            if time.monotonic() >= deadline:
                if asked:  # no longer waiting for it
                    wanted_marker(path).unlink(missing_ok=True)
                raise DatabaseBusy(
                    f"The database file {path} is in use by another program (another smdash "
                    f"import or app process) and stayed busy for {retry_seconds:.0f} s. "
                    "Try again when it has finished.",
                    retry_seconds,
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)
            continue
        try:
            problem = damage(con, path)
        except duckdb.Error as exc:  # the check itself could not read the file
            close_untouched(con)
            raise DatabaseUnreadable(path, str(exc)) from exc
        except BaseException:
            close_untouched(con)
            raise
        if problem:
            close_untouched(con)
            raise DatabaseUnreadable(path, problem)
        return con


# A file this process keeps open between operations: opening a closed file reads its catalogue
# again (some 40 ms of CPU on the demo), one more connection beside an open one costs a tenth of
# a millisecond. It stays open while something uses it (``kept_open``: a page's script run) and
# LINGER_SECONDS after, so the next click finds it open (a person reads a page, or types a
# name and a password, for more than a few seconds); sooner when another process has asked for
# it (``ask_for``: a CLI import or backup waiting in ``open_file``), so that it waits no longer
# than the runs under way.
LINGER_SECONDS = 30.0
WANTED_SECONDS = 30.0  # how long another process's request for the file stands
WANTED_POLL_SECONDS = 0.2
_kept: dict[Path, _Kept] = {}
_kept_lock = threading.Lock()


class _Kept:
    def __init__(self, con: duckdb.DuckDBPyConnection, read_only: bool) -> None:
        self.con, self.read_only = con, read_only
        self.users = 0
        self.timer: threading.Timer | None = None
        self.spoiled = False  # a problem with the file was found: closed once unused


def wanted_marker(path: Path) -> Path:
    return path.with_name(f"{path.name}.wanted")


def ask_for(path: Path) -> bool:
    """Tell a process that keeps ``path`` open (``kept_open``) that this one is waiting for it
    (a file beside it, removed once this process has it)."""
    try:
        wanted_marker(path).touch()
    except OSError:
        return False
    return True


def _wanted(path: Path) -> bool:
    try:
        asked = wanted_marker(path).stat().st_mtime
    except OSError:
        return False
    return time.time() - asked < WANTED_SECONDS


@contextmanager
def kept_open(path: Path, retry_seconds: float = 1.0) -> Iterator[Callable[[], None]]:
    """``path`` kept open in this process while the block runs (its ``connect`` calls then cost
    a fraction of a millisecond: no check or upgrade again); see ``_kept``. Yields the function
    that ends the block's hold early, before a long wait. A file that cannot be opened raises
    what ``connect`` would (``StoreError``)."""
    kept = _keep(path, retry_seconds)
    held = True

    def let_go(linger: bool = False) -> None:
        nonlocal held
        if held:
            held = False
            _release(path, kept, linger)

    try:
        yield let_go
    finally:
        let_go(linger=True)


def _keep(path: Path, retry_seconds: float) -> _Kept:
    with _kept_lock:
        kept = _kept.get(path)
        if kept is None or kept.spoiled:
            path.parent.mkdir(parents=True, exist_ok=True)
            con = open_file(path, retry_seconds)
            try:
                _ready(con, path)
            except BaseException:
                close_untouched(con)
                raise
            kept = _kept[path] = _Kept(con, read_only=not writable(con))
        _use(kept)
        return kept


def _use(kept: _Kept) -> None:
    kept.users += 1
    if kept.timer is not None:
        kept.timer.cancel()
        kept.timer = None


def _release(path: Path, kept: _Kept, linger: bool) -> None:
    """One use of ``kept`` ended: closed when it was the last, at once unless ``linger`` (and
    no other process has asked for the file)."""
    with _kept_lock:
        kept.users -= 1
        if kept.users > 0:
            return
        if linger and LINGER_SECONDS > 0 and not kept.spoiled and not _wanted(path):
            _close_later(path, kept, time.monotonic() + LINGER_SECONDS)
            return
        if _kept.get(path) is kept:
            del _kept[path]
    _close_kept(kept)


def _close_later(path: Path, kept: _Kept, deadline: float) -> None:
    """Close ``kept`` at ``deadline``, or sooner if another process asks for the file (looked
    at every WANTED_POLL_SECONDS); a new use cancels it."""
    kept.timer = threading.Timer(WANTED_POLL_SECONDS, _close_unused, [path, kept, deadline])
    kept.timer.daemon = True
    kept.timer.start()


def _close_unused(path: Path, kept: _Kept, deadline: float) -> None:
    with _kept_lock:
        if kept.users > 0 or kept.timer is not threading.current_thread():
            return  # in use again, or a newer wait took over
        if time.monotonic() < deadline and not _wanted(path):
            _close_later(path, kept, deadline)
            return
        kept.timer = None
        if _kept.get(path) is kept:
            del _kept[path]
    _close_kept(kept)


def close_unused() -> None:
    """Close every file kept open that no operation uses now (without waiting its linger)."""
    with _kept_lock:
        unused = [(path, kept) for path, kept in _kept.items() if kept.users == 0]
        for path, kept in unused:
            if kept.timer is not None:
                kept.timer.cancel()
                kept.timer = None
            del _kept[path]
    for _, kept in unused:
        _close_kept(kept)


def _close_kept(kept: _Kept) -> None:
    if kept.spoiled:
        close_untouched(kept.con)
        return
    with suppress(duckdb.Error):  # a checkpoint on closing that fails changes nothing
        kept.con.close()


@contextmanager
def _beside_kept(path: Path) -> Iterator[_Kept | None]:
    """The kept file's entry, used for the block, if ``path`` is kept open now; a problem with
    the file found meanwhile spoils it (the next run opens it again, checking it)."""
    with _kept_lock:
        kept = _kept.get(path)
        if kept is not None and kept.spoiled:
            kept = None
        if kept is not None:
            _use(kept)
    if kept is None:
        yield None
        return
    try:
        yield kept
    except StoreError:
        kept.spoiled = True
        raise
    finally:
        _release(path, kept, linger=True)


def close_untouched(con: duckdb.DuckDBPyConnection) -> None:
    """Close without the checkpoint DuckDB makes on closing: nothing is written to the file."""
    with suppress(duckdb.Error):
        con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.close()


# DuckDB's file: three 4 KiB headers, then its blocks (measured: a checkpointed file is exactly
# 3 * 4096 + total_blocks * block_size bytes long)
HEADER_BYTES = 3 * 4096
_whole: dict[Path, tuple[int, int, int]] = {}  # files the closer look found whole, as they were


def damage(con: duckdb.DuckDBPyConnection, path: Path) -> str | None:
    """Why the open file ``path`` cannot be whole, in plain words; None when it holds every
    block in use.

    DuckDB opens a file cut short (a full disk, a copy interrupted) without complaint and fails
    only when a query reaches a missing block; writing to it meanwhile could make it worse. Its
    header says how many blocks the file has: a file at least that long is whole (the quick
    check, made on every open). DuckDB itself shortens a file whose last blocks are free, so a
    shorter file gets a closer look (once per process while it stays unchanged): it is cut
    short if it holds fewer blocks than are in use, or if the catalogue or a table's data lies
    in a block past its end. A block damaged in place is found when it is read (its checksum):
    see ``connect``.
    """
    _, _, block_size, total, used, *_ = con.execute("PRAGMA database_size").fetchone()
    stat = path.stat()
    held = max(stat.st_size - HEADER_BYTES, 0) // block_size if block_size else 0
    if held >= total:
        return None
    if held < used:
        return f"the file is cut short: it holds {held} of the {used} blocks in use"
    seen = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if _whole.get(path) == seen:
        return None
    last = con.execute("SELECT max(block_id) FROM pragma_metadata_info()").fetchone()[0] or 0
    for (table,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
    ).fetchall():
        block = con.execute(
            "SELECT max(block_id) FROM pragma_storage_info(?) WHERE persistent", [table]
        ).fetchone()[0]
        last = max(last, block or 0)
    if last >= held:
        return f"the file is cut short: it holds {held} blocks, and block {last} is in use"
    _whole[path] = seen
    return None


@contextmanager
def connect(
    path: str | Path | None = None, retry_seconds: float = BUSY_RETRY_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database (creating or upgrading it), yield a connection, always close it."""
    resolved = db_path(path)
    with _beside_kept(resolved) as kept:
        if kept is None:
            resolved.parent.mkdir(parents=True, exist_ok=True)
            con = open_file(resolved, retry_seconds)
        else:  # checked and upgraded when it was opened, and no other process can change it
            con = duckdb.connect(str(resolved), read_only=kept.read_only)
        with _closed_after(con, resolved):
            if kept is None:
                _ready(con, resolved)
            else:
                con.execute(TIME_ZONE)
            yield con


TIME_ZONE = "SET TimeZone = 'UTC'"  # export times are read as written, never shifted


def _ready(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A connection to a file just opened: in UTC, the file brought up to the latest schema."""
    con.execute(TIME_ZONE)
    migrate(con, path)


@contextmanager
def _closed_after(con: duckdb.DuckDBPyConnection, resolved: Path) -> Iterator[None]:
    """``con`` closed after the block; its file's problems raised as ``StoreError``."""
    damaged = False
    try:
        yield
    except (duckdb.Error, OSError) as exc:
        if isinstance(exc, duckdb.Error) and copies.is_damage(exc, resolved):
            damaged = True  # a block read back wrong: the statement failed; write nothing more
            raise DatabaseUnreadable(resolved, str(exc)) from exc
        problem = write_problem(exc, resolved)
        if problem is None:
            raise
        damaged = True  # a full disk or a read-only file: try no checkpoint on closing
        raise problem from exc
    finally:
        if damaged:
            close_untouched(con)
        else:
            try:
                con.close()
            except duckdb.Error as exc:  # the checkpoint on closing hit a full disk
                problem = write_problem(exc, resolved)
                if problem is None:
                    raise
                raise problem from exc


# what must land in the same transaction as the write being made in this context (the audit row)
_before_commit: ContextVar[tuple[Callable[[duckdb.DuckDBPyConnection], None], ...]] = ContextVar(
    "smdash_before_commit", default=()
)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All statements inside land together or not at all (with the ``before_commit`` hooks)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        for hook in _before_commit.get():
            hook(con)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


@contextmanager
def before_commit(hook: Callable[[duckdb.DuckDBPyConnection], None]) -> Iterator[None]:
    """Inside this block, ``hook(con)`` runs just before each ``transaction`` commits."""
    token = _before_commit.set((*_before_commit.get(), hook))
    try:
        yield
    finally:
        _before_commit.reset(token)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    has_meta = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND schema_name = 'main'"
    ).fetchone()[0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def latest_version() -> int:
    return len(MIGRATIONS)


def migrate(con: duckdb.DuckDBPyConnection, path: Path | str = "") -> int:
    """Bring the file up to the latest schema; refuse a file written by a newer smdash."""
    current = schema_version(con)
    latest = latest_version()
    if current > latest:
        raise DatabaseTooNew(
            f"The database file {path} was written by a newer version of smdash (schema "
            f"{current}; this version knows up to {latest}). Update smdash to open it.",
            current,
            latest,
        )
    if current == latest:
        return latest
    if not writable(con):
        raise DatabaseReadOnly(f"The database file {path} needs a schema upgrade but is read-only")
    if current > 0:  # a file with data: keep a copy as it was before changing its schema
        try:
            copies.save(con, "before-upgrade")
        except copies.CopyFailed as exc:
            raise StoreError(
                f"The database file {path} needs a schema upgrade, and the backup made before it "
                f"could not be written ({exc}). Nothing was changed."
            ) from exc
    with transaction(con):  # every pending step lands, or none: a file is never half upgraded
        for version in range(current + 1, latest + 1):
            for statement in MIGRATIONS[version - 1]:
                con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(latest)])
    return latest


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A counter bumped by every write; caches key on it so a new import refreshes every page."""
    row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def bump_data_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", [str(data_version(con) + 1)]
    )


def get_setting(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value])


def insert_record(con: duckdb.DuckDBPyConnection, table: str, values: dict, key: str) -> int:
    """Insert one row of a plan table (stamped created_at / updated_at); returns its ``key``.

    ``table``, ``key`` and the names in ``values`` come from code, never from user text.
    """
    now = dt.datetime.now()
    names = [*values, "created_at", "updated_at"]
    return con.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('$' + n for n in names)}) "  # noqa: S608 - table, key, names: from code (above)
        f"RETURNING {key}",
        dict(**values, created_at=now, updated_at=now),  # a name given twice raises TypeError
    ).fetchall()[0][0]


def insert_once(
    con: duckdb.DuckDBPyConnection, table: str, values: dict, key: str, seconds: float
) -> int:
    """``insert_record``, unless a row holding the same ``values`` was inserted less than
    ``seconds`` ago: a second click on a form's button (the browser sends the form again before
    it has been cleared) is the same save, so that row's ``key`` is returned and nothing added."""
    same = " AND ".join(f"{name} IS NOT DISTINCT FROM ${name}" for name in values)
    rows = con.execute(
        f"SELECT {key} FROM {table} WHERE {same} AND created_at >= $since "  # noqa: S608 - table, key, names: from code
        f"ORDER BY {key} DESC LIMIT 1",
        dict(**values, since=dt.datetime.now() - dt.timedelta(seconds=seconds)),
    ).fetchall()
    return rows[0][0] if rows else insert_record(con, table, values, key)


def update_record(
    con: duckdb.DuckDBPyConnection, table: str, values: dict, key: str, key_value: int
) -> None:
    """Overwrite one row of a plan table and stamp updated_at."""
    assignments = ", ".join(f"{name} = ${name}" for name in values)
    con.execute(
        f"UPDATE {table} SET {assignments}, updated_at = $updated_at WHERE {key} = ${key}",  # noqa: S608 - names from code
        # dict(**a, **b): a name given twice raises TypeError instead of overwriting
        dict(**values, updated_at=dt.datetime.now(), **{key: key_value}),
    )
