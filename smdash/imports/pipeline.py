"""File -> parts -> detect -> read -> parse, check -> stage -> write in one transaction -> log.

A file holds one or more *parts*, each one export that fills one table: a CSV is one part; an
XLSX has one per sheet that smdash recognises (LinkedIn's content export: ``All posts`` and
``Metrics``); a zip (YouTube Studio, Plausible) one per recognised file inside. A file is one
import: its parts land together or not at all, under one ``import_id`` that undo reverts as a
whole, and the log keeps what each part added (table ``import_parts``).

``prepare`` does everything up to the staged rows without writing (the Import page's preview);
``import_file`` prepares and writes; ``undo_import`` reverts one import. Any failure raises
``ImportFailed`` and leaves the database as it was.

Reading a file is untrusted work: ``stage_file`` does it in a child process with a memory and a
time limit (``isolate``), staging the rows into a scratch DuckDB file of its own. The database
file is then opened only to write (``import_path``): the scratch file is attached read-only and
the staged rows are copied in one transaction, so the file is held for the write alone.

Where a file lacks only a choice (the year of its dates, Facebook or Instagram), preparing it
asks a question and reads the file with a default answer; both functions take the user's
``answers`` (see ``questions``), and the log keeps the answers a file was read with. A file
whose accounts are new to the workspace is written only when the answers confirm them (see
``accounts``: checked in the write's transaction, against the accounts the database holds then).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import duckdb

from smdash.access import audit
from smdash.core.text import clean_label
from smdash.db.store import bump_data_version, transaction
from smdash.db.tables import TABLES, quote
from smdash.imports import accounts, isolate, mapping, questions
from smdash.imports.accounts import AccountRows
from smdash.imports.errors import ImportFailed
from smdash.imports.formats import Format, Match, all_formats
from smdash.imports.parse import (
    Columns,
    NotOnePass,
    count_in_csv,
    load_raw,
    one_pass_query,
    parse_fields,
)
from smdash.imports.questions import Answers, Ask, Question
from smdash.imports.refusals import refusal
from smdash.imports.sniff import (
    MAX_IMPORT_BYTES,
    Sniffed,
    all_rows,
    ends_with_line_break,
    sha256_of,
    sniff,
    sources,
)
from smdash.imports.write import Counts, classify_stage, rebuild_after_undo, write_stage

if TYPE_CHECKING:  # only for hints: the previews are DuckDB's .df()
    import pandas as pd

Progress = Callable[[str, float], None]
PREVIEW_ROWS = 5
SCRATCH_TABLES = ("raw", "parsed", "touched", "winners")


@dataclass
class Part:
    """One export inside a file, read and checked, staged in the temp table ``stage``."""

    format: Format
    source: str  # the file, 'file.xlsx [Metrics]' or 'file.zip/Table data.csv'
    stage: str
    platform: str
    account: str
    date_from: dt.date | None
    date_to: dt.date | None
    rows: int
    preview: pd.DataFrame
    counts: Counts | None = None
    one_pass: bool = False  # read straight from the file (else the careful path)
    questions: list[Question] = field(default_factory=list)  # what it was read with
    skipped: int = 0  # rows of the file left out on purpose (``Format.skipped_rows``)
    accounts: tuple[AccountRows, ...] = ()  # its rows per network and account

    @property
    def skip_reason(self) -> str:
        """Why ``skipped`` rows were left out ('' when none were): ``import_skipped.<reason>``
        says it, given the count."""
        rule = self.format.skipped_rows
        return rule.reason if rule and self.skipped else ""


@dataclass
class Prepared:
    """What a file holds: its parts, in the order of ``all_formats()`` (posts first)."""

    file_name: str
    sha256: str
    parts: list[Part]
    skipped: list[str] = field(default_factory=list)  # files in a zip that are no export
    # the folder of the scratch DuckDB file (``stage.duckdb``) holding the staged parts, when
    # staged by ``stage_file`` to be written; ``discard`` removes it
    scratch: Path | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # short: the audit trail names a staged file by it
        return f"<{self.file_name}: {self.rows} rows staged>"

    def discard(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    @property
    def format(self) -> Format:
        return self.parts[0].format

    @property
    def rows(self) -> int:
        return sum(p.rows for p in self.parts)

    @property
    def platform(self) -> str:
        return _joined(p.platform for p in self.parts)

    @property
    def account(self) -> str:
        return _joined(p.account for p in self.parts)

    @property
    def date_from(self) -> dt.date | None:
        return min((p.date_from for p in self.parts if p.date_from), default=None)

    @property
    def date_to(self) -> dt.date | None:
        return max((p.date_to for p in self.parts if p.date_to), default=None)

    @property
    def preview(self) -> pd.DataFrame:
        return self.parts[0].preview

    @property
    def accounts(self) -> list[AccountRows]:
        return [found for part in self.parts for found in part.accounts]

    @property
    def questions(self) -> list[Question]:
        """The questions its parts asked, one per key (the answers apply to every part)."""
        found: dict[str, Question] = {}
        for part in self.parts:
            for question in part.questions:
                found.setdefault(question.key, question)
        return list(found.values())


def _joined(values) -> str:
    return ", ".join(dict.fromkeys(v for v in values if v))


@dataclass
class ImportResult:
    import_id: int
    prepared: Prepared
    counts: Counts  # over all parts; each part has its own in ``prepared.parts``
    new_accounts: list[AccountRows] = field(default_factory=list)  # confirmed by the answers


def _no_progress(stage: str, fraction: float) -> None:
    pass


def _best_match(sniffed: Sniffed, sheet: str, rows: list[list[str]]) -> Match | None:
    best = None
    for fmt in all_formats():
        if fmt.kind != sniffed.kind:
            continue
        if fmt.sheets and sheet.strip().lower() not in fmt.sheets:
            continue
        found = fmt.match(rows)
        if found and (best is None or len(found.columns) > len(best.columns)):
            best = found
    return best


def detect_parts(con: duckdb.DuckDBPyConnection | None, sniffed: Sniffed) -> list[Match]:
    """Every export in one file: the best format per sheet, else a mapping the user saved."""
    matches = []
    for sheet, rows in sniffed.sheets.items():
        found = _best_match(sniffed, sheet, rows)
        if found is None and con is not None:
            found = mapping.saved_match(con, rows)
        if found is not None and found.format.stacked:
            blocks = found.later_blocks(all_rows(sniffed, sheet))
            matches += [m.on_sheet(sheet) for m in _settled(blocks, sniffed.file_name)]
        elif found is not None:
            matches.append(found.on_sheet(sheet))
    order = {fmt.name: i for i, fmt in enumerate(all_formats())}
    return sorted(matches, key=lambda m: order.get(m.format.name, len(order)))


def _settled(blocks: list[Match], file_name: str) -> list[Match]:
    """The tables of one stacked file, each asking only what the others do not tell: a block
    that asks a value (Meta's 'Follows' names no network) of a series another block names
    ('Facebook follows') takes the one choice left, as a file does not hold a series twice.
    Blocks that ask, of different series, share the answer ('Follows' and 'Reach' of one
    network); two blocks that still ask and are the same series are refused, as no answer could
    tell them apart (the import would refuse their shared rows anyway, less clearly)."""
    settled = []
    for block in blocks:
        context = dict(block.context)
        for key, value in block.context.items():
            if isinstance(value, Ask):
                told = {_series(other) for other in blocks if other is not block}
                left = [c for c in value.choices if _series(block, key, c) not in told]
                if len(left) == 1:
                    context[key] = left[0]
        settled.append(replace(block, context=context))
    seen: dict[tuple, Match] = {}
    for block in (b for b in settled if any(isinstance(v, Ask) for v in b.context.values())):
        twice = seen.setdefault(_series(block), block)
        if twice is not block:
            title = block.block if block.block == twice.block else f"{twice.block}, {block.block}"
            raise ImportFailed("same_series", file=file_name, title=title)
    return settled


def _series(match: Match, key: str = "", value: object = None) -> tuple:
    """What a part's rows are, for telling two tables of one file apart: the context values the
    rows SQL uses (an ``Ask`` as the question only), with ``key`` set to ``value`` when given."""
    fmt = match.format
    context = match.context | ({key: value} if key else {})
    return tuple(
        (k, ("asked", v.key) if isinstance(v, Ask) else v)
        for k, v in sorted(context.items())
        if f"${k}" in fmt.rows_sql
    )


def _without_superseded(matches: list[Match]) -> list[Match]:
    """Drop a part that another part of the same file replaces (YouTube's Chart data.csv
    when the zip also has Totals.csv)."""
    names = {m.format.name for m in matches}
    return [m for m in matches if m.format.extra.get("superseded_by") not in names]


def detect(sniffed: Sniffed) -> Match:
    """The main export of a file (the first of its parts), by content alone."""
    parts = detect_parts(None, sniffed)
    if not parts:
        raise unknown_format(sniffed.file_name)
    return parts[0]


def unknown_format(file_name: str) -> ImportFailed:
    known = "; ".join(f.label["en"] for f in all_formats())
    return ImportFailed("unknown_format", file=file_name, known=known)


def prepare(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    file_name: str | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    progress: Progress = _no_progress,
    answers: Answers | None = None,
    isolated: bool = True,
) -> Prepared:
    """What ``path`` holds, its parts staged in temp tables of ``con`` (``part.stage``).

    Read in a child process (``stage_file``) unless ``isolated`` is False: then in this
    process, as the child itself does (tests that change the reader's inner functions)."""
    if not isolated:
        return prepare_here(con, path, file_name, max_bytes, progress, answers)
    prepared = stage_file(
        path, file_name, reading_context(con), max_bytes, progress, answers=answers
    )
    try:
        drop_stages(con)
        with _attached(con, prepared):
            for part in prepared.parts:
                con.execute(
                    f"CREATE TEMP TABLE {part.stage} AS SELECT * FROM {STAGED}.{part.stage}"  # noqa: S608 - stage_<n>, named in code
                )
    finally:
        prepared.discard()
    return prepared


@dataclass(frozen=True)
class Known:
    """What reading a file needs from the database, for a reading process that cannot open it:
    the saved column mappings and the remembered answers to questions (settings rows)."""

    mappings: list[tuple] = field(default_factory=list)
    remembered: list[tuple] = field(default_factory=list)


def reading_context(con: duckdb.DuckDBPyConnection) -> Known:
    remembered = con.execute(
        "SELECT key, value FROM settings WHERE starts_with(key, 'last_answer_')"
    ).fetchall()
    return Known(mapping.saved_rows(con), remembered)


def stage_file(
    path: str | Path,
    file_name: str | None = None,
    context: Known | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    progress: Progress = _no_progress,
    keep: bool = True,
    answers: Answers | None = None,
) -> Prepared:
    """Read, check and stage ``path`` in a child process with a memory and a time limit.

    With ``keep``, the staged parts stay in a scratch DuckDB file (``Prepared.scratch``) for
    ``import_file`` to write; the caller discards it (``Prepared.discard``). Without, only what
    the parts hold is kept (the Import page's preview). ``context``: ``reading_context(con)``
    of the database; ``answers``: to the questions the file asks."""
    context = context or Known()
    path = Path(path)
    file_name = clean_label(file_name or path.name)
    scratch = Path(tempfile.mkdtemp(prefix="smdash-stage-"))
    try:
        found = isolate.run(
            _stage_in_child,
            (str(path), file_name, max_bytes, context, str(scratch), keep, answers, today()),
            file_name,
            isolate.Limits.from_settings(),
            progress,
        )
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    if not keep:
        shutil.rmtree(scratch, ignore_errors=True)
    formats = {f.name: f for f in all_formats()} | mapping.formats_of(context.mappings)
    parts = [replace_format(part, formats) for part in found.parts]
    return replace(found, parts=parts, scratch=scratch if keep else None)


def replace_format(part: Part, formats: dict[str, Format]) -> Part:
    """The part with its format object (the child sends the format's name)."""
    return replace(part, format=formats[part.format])


SCRATCH_FILE = "stage.duckdb"
STAGED = "smdash_staged"  # the scratch file's name while attached to the database
CHILD_SPILL = "spill"  # where the child's DuckDB writes what does not fit in its memory


def _stage_in_child(
    path: str,
    file_name: str,
    max_bytes: int,
    context: Known,
    scratch: str,
    keep: bool,
    answers: Answers | None,
    day: dt.date,
    report,
) -> Prepared:
    """In the reading process: ``prepare_here`` on a DuckDB of its own (the scratch file, or
    memory), holding the database's saved mappings; formats travel back by name."""
    folder = Path(scratch)
    con = duckdb.connect(str(folder / SCRATCH_FILE) if keep else ":memory:")
    try:
        _bound_duckdb(con, folder / CHILD_SPILL)
        mapping.load_rows(con, context.mappings)
        con.execute("CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR)")
        if context.remembered:
            con.executemany("INSERT INTO settings VALUES (?, ?)", context.remembered)
        global _day_asked  # the asking process's day (a test may have changed it there)
        _day_asked = day
        try:
            prepared = prepare_here(con, Path(path), file_name, max_bytes, report, answers)
        except ImportFailed as exc:
            if exc.code == "unknown_format":  # the columns the user may map, read here too
                exc.params["header"] = _header_to_map(Path(path), file_name)
            raise
        for part in prepared.parts:
            if keep:
                con.execute(f"CREATE TABLE main.{part.stage} AS SELECT * FROM temp.{part.stage}")  # noqa: S608 - stage_<n>, named in code
        parts = [replace(part, format=part.format.name) for part in prepared.parts]
        return replace(prepared, parts=parts)
    finally:
        con.close()


def _header_to_map(path: Path, file_name: str) -> list[str] | None:
    try:
        return mapping.header_row(sniff(path, file_name))[2]
    except ImportFailed:
        return None


def _bound_duckdb(con: duckdb.DuckDBPyConnection, spill: Path) -> None:
    """DuckDB in the reading process: the database's time zone, and a memory limit under the
    process's own (the rest spills to ``spill``), so that a large file spills rather than
    fails."""
    import resource

    limit, _ = resource.getrlimit(resource.RLIMIT_AS)
    con.execute("SET TimeZone = 'UTC'")  # as store.connect: export times are read as written
    con.execute(f"SET temp_directory = '{str(spill).replace(chr(39), chr(39) * 2)}'")
    if limit != resource.RLIM_INFINITY:
        # the process reserves some 1.2 GB of addresses before DuckDB holds any data
        budget = max(256, (limit // 2**20 - 1536) // 2)
        con.execute(f"SET memory_limit = '{int(budget)}MB'")


def prepare_here(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    file_name: str | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    progress: Progress = _no_progress,
    answers: Answers | None = None,
) -> Prepared:
    """``prepare`` in this process: parts staged in temp tables of ``con``."""
    path = Path(path)
    file_name = clean_label(file_name or path.name)
    progress("reading", 0.05)
    drop_stages(con)
    parts: list[Part] = []
    with (
        ThreadPoolExecutor(max_workers=1) as background,
        sources(path, file_name, max_bytes) as sniffed_files,
    ):
        sha256 = background.submit(sha256_of, path)  # hashing runs beside DuckDB's work
        found = [(sniffed, detect_parts(con, sniffed)) for sniffed in sniffed_files]
        kept = _without_superseded([m for _, matches in found for m in matches])
        skipped = [sniffed.file_name for sniffed, matches in found if not matches]
        for sniffed, matches in found:
            for match in (m for m in matches if m in kept):
                progress("checking", 0.1 + 0.5 * len(parts) / max(len(kept), 1))
                stage = f"stage_{len(parts)}"
                try:
                    parts.append(_prepare_part(con, sniffed, match, stage, answers or {}))
                except ImportFailed as exc:  # the refusal keeps what the file was taken for
                    exc.params.setdefault("detected", match.format.name)
                    raise
        digest = sha256.result()
    if not parts:
        for sniffed, _ in found:  # a known export that smdash does not import says so
            refused = refusal(sniffed)
            if refused is not None:
                raise refused
        if len(skipped) == 1 and skipped[0] == file_name:
            raise unknown_format(file_name)
        raise ImportFailed("zip_without_exports", file=file_name)
    _refuse_overlapping_parts(con, parts, file_name)
    progress("checking", 0.6)
    return Prepared(file_name, digest, parts, skipped)


_day_asked: dt.date | None = None  # in a reading process: ``today()`` of the process asking


def today() -> dt.date:
    """The import day: dates without a year end on or before it (a test may change it)."""
    return _day_asked or dt.date.today()


def _prepare_part(con, sniffed: Sniffed, match: Match, stage: str, answers: Answers) -> Part:
    fmt = match.format
    source = sniffed.file_name if sniffed.kind == "csv" else f"{sniffed.file_name} [{match.sheet}]"
    if match.block:
        source = f"{source} [{match.block}]"
    source = clean_label(source)  # a sheet name and a table's title are the file's text too
    asked = {
        value.key: questions.answer_to(con, source, value, answers)
        for value in match.context.values()
        if isinstance(value, Ask)
    }
    context = {
        k: asked[v.key].answer if isinstance(v, Ask) else v for k, v in match.context.items()
    }
    # a format may name the account after the file (LinkedIn's creator analytics): $file_name
    context["file_name"] = PurePosixPath(sniffed.file_name).name
    match = replace(match, context=context)
    options = {
        "spreadsheet": sniffed.kind == "xlsx",
        "year": context.get("year"),
        "end_date": questions.end_date_answer(answers, source),
        "today": today(),
        "asked": asked,
    }
    cols = Columns(fmt.fields, match.columns, match.header)
    read = _Reading(
        source,
        stage,
        decimal_hint="," if sniffed.delimiter == ";" else ".",
        options=options,
        padded=fmt.short_rows and sniffed.kind == "csv" and ends_with_line_break(sniffed),
        skip=fmt.skipped_rows.sql(match.columns) if fmt.skipped_rows else None,
    )
    one_pass = _staged_in_one_pass(con, sniffed, match, cols, read)
    if one_pass:
        skipped = _skipped_in_csv(con, sniffed, match, read.skip) if read.skip else 0
    else:
        skipped = _stage_carefully(con, sniffed, match, cols, read)
    _check_stage(con, fmt, source, stage, skipped)
    described = _describe(con, fmt, source, stage)
    return replace(described, one_pass=one_pass, questions=list(asked.values()), skipped=skipped)


@dataclass(frozen=True)
class _Reading:
    """How one part is read: its name in messages, its stage, and the file's conventions."""

    source: str
    stage: str
    decimal_hint: str
    options: dict  # parse's: spreadsheet, year, end_date, today; ``asked`` receives questions
    padded: bool  # short rows have empty trailing cells (``Format.short_rows``)
    skip: str | None  # SQL: the rows left out and counted (``Format.skipped_rows``)


def _staged_in_one_pass(con, sniffed, match, cols, read: _Reading) -> bool:
    """Stage a CSV straight from the file, in one pass (see ``parse.one_pass_query``); False
    when it has to take the careful path instead."""
    fmt = match.format
    if (
        fmt.skip_rows_sql
        or fmt.extra.get("ends_at_blank_line")
        or fmt.extra.get("footer")
        or match.body_rows is not None
        or not _keeps_every_row(fmt)
    ):
        return False
    used = set(match.columns.values())
    header_index, width = match.body_start - 1, len(match.header)
    try:
        parsed, params = one_pass_query(
            con,
            sniffed,
            header_index,
            width,
            used,
            cols,
            read.source,
            match.body_start,
            read.decimal_hint,
            read.options,
            read.skip,
        )
        _create_stage(con, fmt, match.context, read.stage, parsed, params)
    # error() in the query, or a CSV the reader refuses: the careful path says what and where
    except (NotOnePass, ImportFailed, duckdb.InvalidInputException, duckdb.ConversionException):
        con.execute(f"DROP TABLE IF EXISTS {read.stage}")
        return False
    return True


def _skipped_in_csv(con, sniffed: Sniffed, match: Match, skip: str) -> int:
    """How many rows the one pass left out (``Format.skipped_rows``): counted in the file."""
    return count_in_csv(con, sniffed, match.body_start - 1, len(match.header), skip)


def _keeps_every_row(fmt: Format) -> bool:
    """Whether ``rows_sql`` reads every parsed row: DuckDB would push a filter of its own below
    the one-pass checks, and a row it drops would go unchecked (the careful path checks it).
    A format that filters, or numbers rows (``_row``), takes the careful path."""
    sql = fmt.rows_sql.lower()
    return "_row" not in sql and not re.search(r"\b(where|having|qualify|limit|join)\b", sql)


def _stage_carefully(con, sniffed, match, cols, read: _Reading) -> int:
    """Every cell as text first, then typed, so that a refusal can name its row and column.
    Returns how many rows it left out (``Format.skipped_rows``)."""
    fmt = match.format
    until_blank = fmt.extra.get("ends_at_blank_line", False) or match.body_rows is not None
    used = set(match.columns.values())
    footer = fmt.extra.get("footer", "")
    load_raw(
        con,
        sniffed,
        match.sheet,
        match.body_start - 1,
        len(match.header),
        until_blank,
        used,
        footer=footer,
        rows=match.body_rows,
        padded=read.padded,
    )
    if con.execute("SELECT count(*) FROM raw").fetchone()[0] == 0:
        raise _no_rows(sniffed, match, read.source)
    skipped = 0
    if read.skip:  # a row keeps its number (rowid) when others are deleted
        skipped = con.execute(f"SELECT count(*) FROM raw WHERE {read.skip}").fetchone()[0]  # noqa: S608 - c<i> columns, SQL from code
        con.execute(f"DELETE FROM raw WHERE {read.skip}")  # noqa: S608 - c<i> columns, SQL from code
        if skipped and con.execute("SELECT count(*) FROM raw").fetchone()[0] == 0:
            raise _all_skipped(fmt, read.source, skipped)
    parse_fields(
        con,
        fmt.fields,
        match.columns,
        match.header,
        read.source,
        row_offset=match.body_start,
        decimal_hint=read.decimal_hint,
        options=read.options,
    )
    con.execute("DROP TABLE raw")  # every cell is parsed: free the text
    if fmt.skip_rows_sql:
        con.execute(f"DELETE FROM parsed WHERE {fmt.skip_rows_sql}")  # noqa: S608 - skip_rows_sql: from the format definitions
    _create_stage(con, fmt, match.context, read.stage)
    con.execute("DROP TABLE IF EXISTS parsed")  # staged: free the typed copy
    return skipped


def _no_rows(sniffed: Sniffed, match: Match, source: str) -> ImportFailed:
    """'No data rows' when the file has none below its header; when its first rows show some
    that the reader did not find, that the rows could not be read."""
    below = sniffed.sheets.get(match.sheet, [])[match.body_start :]
    for number, row in enumerate(below, start=match.body_start + 1):
        if any(cell.strip() for cell in row):
            return ImportFailed("rows_unread", file=source, row=number)
        if match.body_rows is not None or match.format.extra.get("ends_at_blank_line"):
            break  # a blank line ends this table
    return ImportFailed("no_rows", file=source)


def _create_stage(
    con, fmt: Format, context: dict, stage: str, parsed: str = "", params: dict | None = None
) -> None:
    """The temp table ``stage``: ``fmt.rows_sql`` over the table ``parsed``, or over the query
    ``parsed`` when given."""
    params = (params or {}) | {k: v for k, v in context.items() if f"${k}" in fmt.rows_sql}
    rows = (
        f"WITH parsed AS NOT MATERIALIZED ({parsed}) SELECT * FROM ({fmt.rows_sql})"  # noqa: S608 - rows_sql from the formats, parsed from parse.py
        if parsed
        else fmt.rows_sql
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {stage} AS {rows}", params)


def _check_stage(con, fmt: Format, file_name: str, stage: str, skipped: int = 0) -> None:
    table = fmt.target
    nulls = ", ".join(f"count_if({quote(k)} IS NULL)" for k in table.keys)
    keys = ", ".join(quote(k) for k in table.keys)
    # one 64-bit hash per key is far cheaper to count than the keys themselves; only when two
    # rows share a hash (a duplicate, or rarely a collision) are the keys compared
    rows, distinct, *missing = con.execute(
        f"SELECT count(*), count(DISTINCT hash({keys})), {nulls} FROM {stage}"  # noqa: S608 - keys quoted; stage: stage_<n> named in code
    ).fetchone()
    if rows == 0 and skipped:
        raise _all_skipped(fmt, file_name, skipped)
    if rows == 0:
        raise ImportFailed("no_rows", file=file_name)
    for key, count in zip(table.keys, missing, strict=True):
        if count:
            raise ImportFailed("missing_key", file=file_name, column=key)
    if distinct == rows:
        return
    if fmt.sums_duplicates:
        _sum_duplicates(con, table, stage)
        return
    duplicate = con.execute(
        f"SELECT {keys} FROM {stage} GROUP BY ALL HAVING count(*) > 1 LIMIT 1"  # noqa: S608 - keys quoted; stage: stage_<n> named in code
    ).fetchone()
    if duplicate:
        raise ImportFailed("duplicate_key", file=file_name, row_key=" / ".join(map(str, duplicate)))


def _all_skipped(fmt: Format, file_name: str, skipped: int) -> ImportFailed:
    """No row left to import: every one was left out (``import_error.no_rows_<reason>``)."""
    variant = f"no_rows_{fmt.skipped_rows.reason}"
    return ImportFailed("no_rows", variant, file=file_name, count=skipped)


def _sum_duplicates(con, table, stage: str) -> None:
    keys = ", ".join(quote(k) for k in table.keys)
    sums = ", ".join(f"sum({quote(v)}) AS {quote(v)}" for v in table.values)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {stage} AS SELECT {keys}, {sums} FROM {stage} GROUP BY ALL"  # noqa: S608 - columns quoted; stage: stage_<n> named in code
    )


def _refuse_overlapping_parts(con, parts: list[Part], file_name: str) -> None:
    """Two parts of one file must not write the same row (undo could not tell them apart)."""
    for i, first in enumerate(parts):
        for second in parts[i + 1 :]:
            table = first.format.target
            if second.format.target != table:
                continue
            keys = ", ".join(quote(k) for k in table.keys)
            shared = con.execute(
                f"SELECT {keys} FROM {first.stage} INTERSECT SELECT {keys} FROM {second.stage} "  # noqa: S608 - keys quoted; stages named in code
                "LIMIT 1"
            ).fetchone()
            if shared:
                raise ImportFailed(
                    "duplicate_key", file=file_name, row_key=" / ".join(map(str, shared))
                )


def _describe(con, fmt: Format, source: str, stage: str) -> Part:
    table = fmt.target
    platform_expr = (
        "string_agg(DISTINCT platform, ', ' ORDER BY platform)"
        if "platform" in table.columns
        else "'web'"
    )
    platform, account, date_from, date_to, rows = con.execute(
        f"""SELECT {platform_expr}, string_agg(DISTINCT nullif({quote(table.account)}, ''), ', '
                              ORDER BY nullif({quote(table.account)}, '')),
                   CAST(min({quote(table.date_from)}) AS DATE),
                   CAST(max({quote(table.date_to)}) AS DATE), count(*)
            FROM {stage}"""  # noqa: S608 - columns quoted; stage: stage_<n> named in code
    ).fetchone()
    preview = con.execute(f"SELECT * FROM {stage} LIMIT {PREVIEW_ROWS}").df()  # noqa: S608 - stage: stage_<n> named in code; int
    per_account = con.execute(
        f"""SELECT {accounts.network_column(table)}, coalesce({quote(table.account)}, ''), count(*)
            FROM {stage} GROUP BY ALL ORDER BY ALL"""  # noqa: S608 - columns quoted; stage: stage_<n> named in code
    ).fetchall()
    found = tuple(AccountRows(*row) for row in per_account)
    return Part(
        fmt,
        source,
        stage,
        platform,
        account or "",
        date_from,
        date_to,
        rows,
        preview,
        accounts=found,
    )


def import_path(
    open_database: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
    path: str | Path,
    file_name: str | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    progress: Progress = _no_progress,
    answers: Answers | None = None,
) -> ImportResult:
    """Import one file, holding the database file only to write: ``open_database()`` opens it
    (a context manager) once for a glance at what reading needs (``reading_context``), and
    once for the write; the file is read and staged in between, with the database closed."""
    with open_database() as con:
        context = reading_context(con)
    staged = stage_file(path, file_name, context, max_bytes, progress, answers=answers)
    try:
        with open_database() as con:
            return import_file(
                con, path, staged.file_name, max_bytes, progress, answers, staged=staged
            )
    finally:
        staged.discard()


@audit.write("pipeline.import_file")
def import_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    file_name: str | None = None,
    max_bytes: int = MAX_IMPORT_BYTES,
    progress: Progress = _no_progress,
    answers: Answers | None = None,
    staged: Prepared | None = None,
    isolated: bool = True,
) -> ImportResult:
    """Import one file; all the rows of all its parts land, or none do.

    ``staged``: the file as ``stage_file`` staged it (else it is staged here, with ``con``
    open meanwhile: in a child process, or with ``isolated`` False in this one, as ``prepare``).
    """
    if staged is None and not isolated:
        prepared = prepare_here(con, path, file_name, max_bytes, progress, answers)
        return _write(con, prepared, progress, answers)
    prepared = staged or stage_file(
        path, file_name, reading_context(con), max_bytes, progress, answers=answers
    )
    try:
        return _write(con, prepared, progress, answers)
    finally:
        if staged is None:
            prepared.discard()


@contextmanager
def _attached(con: duckdb.DuckDBPyConnection, prepared: Prepared):
    """The scratch file of ``prepared`` attached read-only to ``con`` as ``STAGED``."""
    scratch = str(prepared.scratch / SCRATCH_FILE).replace("'", "''")
    con.execute(f"ATTACH '{scratch}' AS {STAGED} (READ_ONLY)")
    try:
        yield
    finally:
        con.execute(f"DETACH {STAGED}")


def _write(
    con: duckdb.DuckDBPyConnection, prepared: Prepared, progress: Progress, answers: Answers | None
) -> ImportResult:
    progress("writing", 0.7)
    new: list[AccountRows] = []
    try:
        if prepared.scratch is None:  # staged in temp tables of con (``prepare_here``)
            import_id = _write_parts(con, prepared, answers, new)
        else:
            drop_stages(con)  # an earlier ``prepare`` on ``con`` left its tables of these names
            with _attached(con, prepared):
                for part in prepared.parts:
                    con.execute(
                        f"CREATE OR REPLACE TEMP VIEW {part.stage} AS "  # noqa: S608 - stage_<n>, named in code
                        f"SELECT * FROM {STAGED}.{part.stage}"
                    )
                try:
                    import_id = _write_parts(con, prepared, answers, new)
                finally:
                    for part in prepared.parts:
                        con.execute(f"DROP VIEW IF EXISTS {part.stage}")
    finally:
        drop_scratch(con)
    progress("done", 1.0)
    total = Counts(*(sum(getattr(p.counts, f) for p in prepared.parts) for f in Counts.FIELDS))
    return ImportResult(import_id, prepared, total, new)


def _write_parts(
    con: duckdb.DuckDBPyConnection,
    prepared: Prepared,
    answers: Answers | None,
    new: list[AccountRows],
) -> int:
    """The staged parts into their tables, logged, in one transaction; the new import's id.
    Refused when the file brings accounts to confirm that ``answers`` did not confirm (see
    ``accounts``); ``new`` receives the accounts confirmed."""
    with transaction(con):
        new += accounts.new_accounts(con, prepared.accounts)
        accounts.check(prepared.file_name, new, answers)
        import_id = con.execute("SELECT nextval('import_seq')").fetchone()[0]
        targets = [part.format.target for part in prepared.parts]
        for part in prepared.parts:
            table = part.format.target
            classified = classify_stage(con, table, part.stage)
            part.counts = classified.counts
            alone = targets.count(table) == 1  # the only part that writes to its table
            write_stage(con, table, part.stage, import_id, classified, may_repeat=alone)
        _log(con, import_id, prepared)
        _log_new_accounts(con, import_id, new)
        questions.remember(con, prepared.questions)
        bump_data_version(con)
    return import_id


def drop_stages(con: duckdb.DuckDBPyConnection) -> None:
    names = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary "
        "AND (table_name LIKE 'stage%' OR table_name = 'incoming')"
    ).fetchall()
    for (name,) in names:
        con.execute(f"DROP TABLE IF EXISTS {quote(name)}")


def drop_scratch(con: duckdb.DuckDBPyConnection) -> None:
    """Free the temp tables an import works in."""
    for name in SCRATCH_TABLES:
        con.execute(f"DROP TABLE IF EXISTS {name}")
    drop_stages(con)


def _log_new_accounts(con, import_id: int, new: list[AccountRows]) -> None:
    """The accounts the user confirmed, beside the file's other answers in the log."""
    if not new:
        return
    logged = con.execute("SELECT answers FROM imports WHERE import_id = ?", [import_id]).fetchone()
    answers = json.loads(logged[0] or "{}") | {accounts.NEW_ACCOUNTS: accounts.logged(new)}
    con.execute(
        "UPDATE imports SET answers = ? WHERE import_id = ?",
        [json.dumps(answers, sort_keys=True), import_id],
    )


def _log(con: duckdb.DuckDBPyConnection, import_id: int, p: Prepared) -> None:
    first = p.parts[0]
    con.execute(
        """INSERT INTO imports (import_id, file_name, sha256, format, target, platform, account,
               date_from, date_to, rows_in_file, rows_added, rows_updated, rows_unchanged,
               status, imported_at, answers)
           VALUES ($import_id, $file_name, $sha256, $format, $target, $platform, $account,
               $date_from, $date_to, $rows_in_file, $rows_added, $rows_updated, $rows_unchanged,
               'applied', $imported_at, $answers)""",
        {
            "import_id": import_id,
            "file_name": p.file_name,
            "sha256": p.sha256,
            "format": first.format.name,
            "target": first.format.target.name,
            "platform": p.platform,
            "account": p.account,
            "date_from": p.date_from,
            "date_to": p.date_to,
            "rows_in_file": p.rows,
            "rows_added": sum(part.counts.added for part in p.parts),
            "rows_updated": sum(part.counts.updated for part in p.parts),
            "rows_unchanged": sum(part.counts.unchanged for part in p.parts),
            "imported_at": dt.datetime.now(),
            "answers": questions.answers_json(p.questions),
        },
    )
    for number, part in enumerate(p.parts, start=1):
        con.execute(
            """INSERT INTO import_parts (import_id, part, source, format, target, platform,
                   account, date_from, date_to, rows_in_file, rows_added, rows_updated,
                   rows_unchanged, rows_skipped, skip_reason)
               VALUES ($import_id, $part, $source, $format, $target, $platform, $account,
                   $date_from, $date_to, $rows_in_file, $rows_added, $rows_updated,
                   $rows_unchanged, $rows_skipped, $skip_reason)""",
            {
                "import_id": import_id,
                "part": number,
                "source": part.source,
                "format": part.format.name,
                "target": part.format.target.name,
                "platform": part.platform,
                "account": part.account,
                "date_from": part.date_from,
                "date_to": part.date_to,
                "rows_in_file": part.rows,
                "rows_added": part.counts.added,
                "rows_updated": part.counts.updated,
                "rows_unchanged": part.counts.unchanged,
                "rows_skipped": part.skipped,
                "skip_reason": part.skip_reason or None,
            },
        )


@audit.write("pipeline.undo_import")
def undo_import(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Revert one import, every part of it: its rows fall back to the versions they replaced."""
    found = con.execute("SELECT status FROM imports WHERE import_id = ?", [import_id]).fetchone()
    if found is None:
        raise ImportFailed("no_such_import", import_id=import_id)
    if found[0] != "applied":
        raise ImportFailed("already_undone", import_id=import_id)
    targets = [
        name
        for (name,) in con.execute(
            """SELECT target FROM import_parts WHERE import_id = ?
               UNION SELECT target FROM imports WHERE import_id = ?""",
            [import_id, import_id],
        ).fetchall()
    ]
    with transaction(con):
        con.execute(
            "UPDATE imports SET status = 'undone', undone_at = ? WHERE import_id = ?",
            [dt.datetime.now(), import_id],
        )
        for name in sorted(targets):
            rebuild_after_undo(con, TABLES[name], import_id)
        bump_data_version(con)
    drop_scratch(con)
