"""Importing files and folders: ``python -m smdash import FILE_OR_FOLDER...``.

A folder stands for the files in it and in its sub-folders, in name order, that smdash reads
(``IMPORTABLE_SUFFIXES``: CSV, TSV, XLSX and ZIP), leaving out hidden files and folders (``.x``)
and the temporary files spreadsheet programs leave beside an open file (``~$x.xlsx``). A folder's
file whose content (SHA-256) the import log already holds is not imported again: the log says
which import holds it, applied or undone (an undone import was undone on purpose). A file named
on its own is always imported, as the Import page does it (again: a repeat of the first).

Each file is one import (``pipeline.import_path``): read in a process of its own, then written
with the database file open for that write only; one that fails (whatever the file does) leaves
the database as it was and the others go on. A refused file is kept in the log of refusals
(``refusal_log``), so the history tells it later.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from smdash.db.store import StoreError
from smdash.imports.errors import ImportFailed
from smdash.imports.history import imported_before
from smdash.imports.pipeline import ImportResult, import_path
from smdash.imports.questions import Answers
from smdash.imports.refusal_log import record_refusal
from smdash.imports.sniff import IMPORTABLE_SUFFIXES, sha256_of

TEMPORARY_PREFIXES = (".", "~")  # hidden files, Office's ~$x.xlsx lock files and ~WRL1.tmp copies


@dataclass(frozen=True)
class Entry:
    """One file to import: ``name`` as reported (its name, or its path inside the folder)."""

    path: Path
    name: str
    in_folder: bool  # a folder's file: skipped when the log already holds its content
    problem: ImportFailed | None = None  # a sub-folder that could not be read


@dataclass
class Entries:
    files: list[Entry] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)  # a folder's other files (notes.pdf)


@dataclass
class Outcome:
    """What became of one file: imported (``result``), skipped because the import ``before``
    holds its content, or ``error`` (an ImportFailed, or any unexpected exception)."""

    entry: Entry
    result: ImportResult | None = None
    before: tuple[int, str] | None = None  # (import_id, status: 'applied' or 'undone')
    error: Exception | None = None


def entries(paths: Iterable[Path]) -> Entries:
    """The files to import: each path given, a folder replaced by its files."""
    found = Entries()
    for path in paths:
        if path.is_dir():
            problems: list[OSError] = []
            files, ignored = folder_files(path, problems.append)
            found.files += [Entry(f, _inside(f, path), True) for f in files]
            found.files += [_unreadable(Path(exc.filename), path, exc) for exc in problems]
            found.ignored += ignored
        else:
            found.files.append(Entry(path, path.name, False))
    return found


def _inside(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def _unreadable(path: Path, folder: Path, exc: OSError) -> Entry:
    name = _inside(path, folder) if path != folder else str(folder)
    detail = exc.strerror or str(exc)
    return Entry(path, name, True, ImportFailed("unreadable_folder", file=name, detail=detail))


def folder_files(
    folder: Path, on_error: Callable[[OSError], object] | None = None
) -> tuple[list[Path], list[Path]]:
    """(the files of ``folder`` and its sub-folders that smdash reads, in name order; its other
    files). Hidden and temporary files and folders are in neither; a link to a folder is not
    followed. A folder that cannot be read is passed to ``on_error``."""
    files, ignored = [], []
    for top, folders, names in os.walk(folder, onerror=on_error):
        folders[:] = [name for name in folders if not name.startswith(TEMPORARY_PREFIXES)]
        for name in names:
            path = Path(top, name)
            if name.startswith(TEMPORARY_PREFIXES) or not path.is_file():
                continue
            (files if path.suffix.lower() in IMPORTABLE_SUFFIXES else ignored).append(path)
    return sorted(files, key=lambda p: p.relative_to(folder).parts), sorted(ignored)


def import_entries(
    open_database: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    files: Iterable[Entry],
    answers: Answers | None = None,
) -> Iterator[Outcome]:
    """Import each file in turn, each in its own transaction; one outcome per file, as it ends.
    ``open_database()`` opens the database for one look or one write (see ``import_path``);
    ``answers``: to the questions a file asks (see ``questions``), the same for every file."""
    for entry in files:
        try:
            if entry.problem is not None:
                raise entry.problem
            if not entry.path.is_file():
                raise ImportFailed("not_found", file=str(entry.path))
            if entry.in_folder:
                with open_database() as con:
                    before = imported_before(con, sha256_of(entry.path))
                if before is not None:
                    yield Outcome(entry, before=before)
                    continue
            result = import_path(open_database, entry.path, answers=answers)
        except Exception as exc:  # noqa: BLE001 - reported as that file's failure; the others go on
            if isinstance(exc, ImportFailed) and entry.path.is_file():
                _keep_refusal(open_database, entry, exc)
            yield Outcome(entry, error=exc)
            continue
        yield Outcome(entry, result=result)


def _keep_refusal(
    open_database: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    entry: Entry,
    refused: ImportFailed,
) -> None:
    """The refusal in the import log (``refusal_log``), unless the log cannot be written (the
    database busy or damaged): the refusal itself is still reported."""
    try:
        sha256 = sha256_of(entry.path)
    except OSError:
        sha256 = None
    try:
        with open_database() as con:
            record_refusal(con, entry.name, sha256, refused)
    except (duckdb.Error, StoreError):  # noqa: S110 - the file's own refusal is what matters
        pass
