"""From a file to typed rows, in DuckDB: the raw text table, then one typed column per field.

Number and date conventions are decided from the whole column, never from one cell: a column
whose values show ``1.234,5``-style decimals is read with a decimal comma, one with ``0.64`` with
a decimal point; a date column takes the one format that reads every value, and is refused when
two formats read every value differently (``03/04/2026``: March or April?).
"""

from __future__ import annotations

import codecs
import datetime as dt
import gc
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import zip_longest
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from smdash.core.text import clean_label_sql
from smdash.imports import questions
from smdash.imports.errors import ImportFailed
from smdash.imports.fields import COUNT, DATE, EXPECTED, NUMBER, RATE, TEXT, TIMESTAMP, Field
from smdash.imports.sniff import Sniffed, cell_text

# 'undefined' (TikTok Studio) and 'NAN' (TikTok's business exports) too
NULL_TOKENS = ("", "-", "--", "—", "n/a", "N/A", "undefined", "NAN", "NaN", "nan")
_SPACES_AND_SIGNS = "[\\s\u00a0\u202f%€$£]"
# abbreviated amounts: '1.2K', '3,4 M', '1,2 mil' (TikTok, Spanish interfaces)
_SUFFIX = "(?i)[0-9.,]\\s*(k|m|mil)$"
_TAIL = "(\\s*%)?$"  # what may follow the digits (a mark before K or M is always a decimal)
# evidence that '.' or ',' is the decimal mark: not followed by exactly three digits, or 0.x
_DOT_DECIMAL = rf"(?i)\.[0-9]{{1,2}}{_TAIL}|\.[0-9]{{4,}}|^-?0\.|,[0-9]{{3}}\."
_COMMA_DECIMAL = rf"(?i),[0-9]{{1,2}}{_TAIL}|,[0-9]{{4,}}|^-?0,|\.[0-9]{{3}},"
DATE_SAMPLE_ROWS = 2000
_CSV_LINE = re.compile(r"Line:\s*(\d+)")
_CSV_COLUMNS = re.compile(r"Expected Number of Columns:\s*(\d+)\s*Found:\s*(\d+)")
MAX_LINE_MB = 2  # DuckDB's reader refuses a line (a row, with its quoted cells) longer than this
ROW = "(rowid + 1)"  # a row's number in ``raw``: 1 for the first row below the header
EXCEL_SERIAL = "excel serial"  # a date column of spreadsheet day numbers (46082 = 2026-03-01)
# Spanish month names and abbreviations -> the English abbreviation strptime knows
SPANISH_MONTHS = (
    ("ene(ro)?", "Jan"),
    ("feb(rero)?", "Feb"),
    ("mar(zo)?", "Mar"),
    ("abr(il)?", "Apr"),
    ("may(o)?", "May"),
    ("jun(io)?", "Jun"),
    ("jul(io)?", "Jul"),
    ("ago(sto)?", "Aug"),
    ("sep(t)?(tiembre)?|set(iembre)?", "Sep"),
    ("oct(ubre)?", "Oct"),
    ("nov(iembre)?", "Nov"),
    ("dic(iembre)?", "Dec"),
)
# a leap year, so that '29 feb' reads when checking whether dates only lack their year
_PROBE_YEAR = 2000


def column_name(index: int) -> str:
    return f"c{index}"


@contextmanager
def utf8_copy(sniffed: Sniffed):
    """The file itself, or for Windows-1252 a UTF-8 copy made by streaming (DuckDB reads UTF-8)."""
    if sniffed.encoding != "cp1252":
        yield sniffed.path
        return
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False) as out:
        decoder = codecs.getincrementaldecoder("cp1252")(errors="replace")
        with sniffed.path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                out.write(decoder.decode(chunk))
    try:
        yield Path(out.name)
    finally:
        Path(out.name).unlink(missing_ok=True)


def load_raw(
    con: duckdb.DuckDBPyConnection,
    sniffed: Sniffed,
    sheet: str,
    header_index: int,
    width: int,
    until_blank: bool = False,
    used: set[int] | None = None,
    limit: int | None = None,
    footer: str = "",
    rows: int | None = None,
    padded: bool = False,
) -> None:
    """Create temp table ``raw(c0, c1, ...)``: the text of every row below the header (with
    ``until_blank``, only down to the first blank line: later tables are not read; with
    ``footer``, a regular expression, down to the first line it matches; of a sheet, only
    ``rows`` rows when given).

    Only the columns in ``used`` (all when None) are kept; of a CSV, with ``limit``, only the
    first rows; with ``padded``, a CSV row shorter than the header has its missing trailing
    cells empty (NULL) instead of being refused. A row's number is ``rowid + 1``
    (``ROW``): the table is filled in file order, as DuckDB keeps insertion order, and that
    is much cheaper than numbering rows with a window, which runs on one thread.
    """
    con.execute("DROP TABLE IF EXISTS raw")
    keep = sorted(i for i in (used or range(width)) if i < width) or list(range(width))
    if sniffed.kind == "xlsx":
        _load_raw_xlsx(con, sniffed, sheet, header_index, keep, rows)
    elif until_blank or footer:
        with _first_table(sniffed, header_index, until_blank, footer) as table:
            _load_raw_csv(con, table, -1, width, keep, padded=padded)
    else:
        _load_raw_csv(con, sniffed, header_index, width, keep, limit, padded)


@contextmanager
def _first_table(sniffed: Sniffed, header_index: int, until_blank: bool, footer: str):
    """A UTF-8 copy of the rows below the header down to the first blank line (small report
    downloads that stack several tables) or the first line matching ``footer`` (a note below
    the table); never the path of a large export."""
    ends = re.compile(footer, re.IGNORECASE) if footer else None
    codec = {"utf-16": "utf-16", "cp1252": "cp1252"}.get(sniffed.encoding, "utf-8-sig")
    with (
        tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False) as out,
        sniffed.path.open(encoding=codec, errors="replace", newline="") as handle,
    ):
        for number, line in enumerate(handle):
            if number <= header_index:
                continue
            if (until_blank and not line.strip()) or (ends and ends.match(line.strip())):
                break
            out.write(line)
    try:
        yield replace(sniffed, path=Path(out.name), encoding="utf-8")
    finally:
        Path(out.name).unlink(missing_ok=True)


# every cell as text, in the columns c0, c1, ...; the parameters come from ``_csv_params``
CSV_READER = """read_csv($csv_path, header = false, skip = $csv_skip, columns = $csv_columns,
                         delim = $csv_delim, quote = '"', escape = '"', auto_detect = false,
                         encoding = $csv_encoding, null_padding = $csv_padded,
                         parallel = NOT $csv_padded)"""


def _csv_params(
    path: Path,
    sniffed: Sniffed,
    header_index: int,
    width: int,
    types: dict | None = None,
    padded: bool = False,
) -> dict:
    """``padded``: short rows read with empty trailing cells (DuckDB pads rows only when it
    reads the file on one thread, as quoted line breaks could otherwise start a row anywhere)."""
    types = types or {}
    return {
        "csv_path": str(path),
        "csv_skip": header_index + 1,
        "csv_columns": {column_name(i): types.get(i, "VARCHAR") for i in range(width)},
        "csv_delim": sniffed.delimiter,
        "csv_encoding": "utf-16" if sniffed.encoding == "utf-16" else "utf-8",
        "csv_padded": padded,
    }


def _load_raw_csv(
    con,
    sniffed: Sniffed,
    header_index: int,
    width: int,
    keep: list[int],
    limit: int | None = None,
    padded: bool = False,
) -> None:
    """``padded``: a file refused only for rows shorter than the header is read again with
    their missing trailing cells empty (a quote never closed is still refused: reading with
    padding would take the rest of the file for that one value)."""
    limited = f"LIMIT {int(limit)}" if limit else ""
    with utf8_copy(sniffed) as path:
        for pad in (False, True) if padded else (False,):
            try:
                con.execute(
                    f"""CREATE TEMP TABLE raw AS SELECT {", ".join(column_name(i) for i in keep)}
                        FROM {CSV_READER} {limited}""",  # noqa: S608 - c<i> columns, CSV_READER constant, int limit
                    _csv_params(path, sniffed, header_index, width, padded=pad),
                )
                return
            except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
                error = _csv_error(sniffed.file_name, str(exc))
                if pad or not padded or error.key != "import_error.csv_columns":
                    raise error from exc


def _csv_error(file_name: str, message: str) -> ImportFailed:
    """DuckDB's complaint about a CSV in the user's words: the line, and what is wrong with it
    when DuckDB says (how many columns the row has, a quote never closed)."""
    line = _CSV_LINE.search(message)
    if not line:
        return ImportFailed("unreadable", file=file_name, detail=message.splitlines()[0])
    where = {"file": file_name, "row": int(line.group(1))}
    if "maximum line size" in message.lower():
        return ImportFailed("line_too_long", **where, limit_mb=MAX_LINE_MB)
    columns = _CSV_COLUMNS.search(message)
    if columns:
        expected, found = map(int, columns.groups())
        return ImportFailed("csv_shape", "csv_columns", **where, expected=expected, found=found)
    if "unterminated" in message.lower():
        return ImportFailed("csv_shape", "csv_quote", **where)
    return ImportFailed("csv_shape", **where)


@contextmanager
def _gc_paused():
    """Pause Python's cycle collector, which would otherwise walk a sheet's many cells again
    and again while they become columns (none of them is part of a reference cycle)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_raw_xlsx(
    con, sniffed: Sniffed, sheet: str, header_index: int, keep: list[int], rows: int | None = None
) -> None:
    with _gc_paused():
        body = sniffed.sheet(sheet).to_python()[header_index + 1 :]
        if rows is not None:
            body = body[:rows]
        cells = list(zip_longest(*body, fillvalue=""))  # column by column
        del body
        empty = ("",) * (len(cells[0]) if cells else 0)
        table = pa.table(
            {column_name(i): _text_column(cells[i] if i < len(cells) else empty) for i in keep}
        )
        del cells
    con.register("raw_arrow", table)
    try:
        con.execute("CREATE TEMP TABLE raw AS SELECT * FROM raw_arrow")
    finally:
        con.unregister("raw_arrow")


def _text_column(values: tuple) -> pa.Array:
    """A column of spreadsheet cells as text, as ``cell_text`` writes them.

    Text goes to Arrow as it is and a column of numbers is turned into text by Arrow (whole
    numbers without '.0'); only other columns (dates, mixed cells) go cell by cell.
    """
    kinds = set(map(type, values))
    if kinds <= {str}:
        return pa.array(values, pa.string())
    if kinds <= {float, int, str} and not any(v for v in values if type(v) is str):
        numbers = pa.array([None if type(v) is str else v for v in values], pa.float64())
        whole = pc.and_(pc.equal(pc.floor(numbers), numbers), pc.less(pc.abs(numbers), 2.0**62))
        integers = pc.cast(pc.cast(numbers, pa.int64(), safe=False), pa.string())
        text = pc.if_else(whole, integers, pc.cast(numbers, pa.string()))
        return pc.fill_null(text, "")
    return pa.array([cell_text(v) for v in values], pa.string())


def _one_of(expr: str, values) -> str:
    """``expr IN (values)`` written as comparisons: in a query over a whole file DuckDB plans
    each IN list as a join of its own, which made reading a large file 10% slower."""
    return "(" + " OR ".join(f"{expr} = '{v}'" for v in values) + ")"


def _value(col: str) -> str:
    """The cell's text, trimmed, with the placeholders that mean 'no value' as NULL."""
    return f"(CASE WHEN {_one_of(f'trim({col})', NULL_TOKENS)} THEN NULL ELSE trim({col}) END)"


def _may_be_abbreviated(col: str) -> str:
    """A cheap test before the regex: whether the cell ends like '1.2K', '3 M' or '1 mil'."""
    return f"right(rtrim({col}), 1) IN ('k', 'K', 'm', 'M', 'l', 'L')"


def _number_expr(value: str, decimal: str) -> str:
    cleaned = f"regexp_replace({value}, '{_SPACES_AND_SIGNS}', '', 'g')"
    if decimal == ".":
        return (
            f"coalesce(try_cast({value} AS DOUBLE), "
            f"try_cast(replace({cleaned}, ',', '') AS DOUBLE))"
        )
    # a plain number without '.' or ',' (most cells) skips the clean-up
    plain = (
        f"CASE WHEN NOT (contains({value}, '.') OR contains({value}, ',')) "
        f"THEN try_cast({value} AS DOUBLE) END"
    )
    if decimal == ",":
        return (
            f"coalesce({plain}, try_cast(replace(replace({cleaned}, '.', ''), ',', '.') AS DOUBLE))"
        )
    # "none": whole numbers whose '.' or ',' can only group thousands
    return f"coalesce({plain}, try_cast(replace(replace({cleaned}, '.', ''), ',', '') AS DOUBLE))"


def _abbreviated_expr(value: str, decimal: str) -> str:
    """A number that may end in K, M or 'mil' ('1.2K' = 1200), rounded to a whole amount."""
    digits = f"regexp_replace({value}, '(?i)\\s*(k|m|mil)$', '')"
    scale = f"CASE lower(regexp_extract({value}, '(?i)(k|m|mil)$')) WHEN 'm' THEN 1e6 ELSE 1e3 END"
    # one mark before a suffix is a decimal, never thousands: '1.2K' and '1,2 mil' are 1200
    single = f"try_cast(replace({digits}, ',', '.') AS DOUBLE)"
    mark = "." if decimal == "none" else decimal
    return (
        f"(CASE WHEN regexp_matches({value}, '{_SUFFIX}') "
        f"THEN round(coalesce({single}, {_number_expr(digits, mark)}) * {scale}, 6) "
        f"ELSE {_number_expr(value, decimal)} END)"
    )


def _rate_expr(value: str, decimal: str, percent_header: bool) -> str:
    """A rate as a fraction: '12%' and '3,2 %' are 0.12 and 0.032; so is 12 under a '%' header."""
    number = _number_expr(value, "." if decimal == "none" else decimal)
    if percent_header:
        return f"({number} / 100)"
    return f"(CASE WHEN strpos({value}, '%') > 0 THEN {number} / 100 ELSE {number} END)"


Evidence = tuple[bool, bool, bool]  # a column shows: dot decimals, comma decimals, 'K'/'M' amounts


def _evidence(con, numeric: dict[str, str]) -> dict[str, Evidence]:
    """Which decimal mark each numeric column's cells show, and whether any is abbreviated."""
    if not numeric:
        return {}
    # whether any cell shows the evidence: each probe stops at the first such cell, and only
    # cells holding the mark (or ending like a suffix) go through the regex
    parts = []
    for col in numeric.values():
        for cheap_test, pattern in (
            (f"contains({col}, '.')", "$dot_decimal"),
            (f"contains({col}, ',')", "$comma_decimal"),
            (_may_be_abbreviated(col), "$suffix"),
        ):
            parts.append(
                f"EXISTS (SELECT 1 FROM raw WHERE {cheap_test}"  # noqa: S608 - c<i> columns
                f" AND regexp_matches(trim({col}), {pattern}))"
            )
    params = {"dot_decimal": _DOT_DECIMAL, "comma_decimal": _COMMA_DECIMAL, "suffix": _SUFFIX}
    found = con.execute(f"SELECT {', '.join(parts)}", params).fetchone()
    return {name: tuple(found[3 * i : 3 * i + 3]) for i, name in enumerate(numeric)}


def _decimal_marks(
    evidence: dict[str, Evidence], counts_only: set[str], decimal_hint: str
) -> tuple[dict[str, str], set[str]]:
    """The decimal mark of each numeric field, from the evidence of its whole column, and the
    fields with abbreviated values ('1.2K').

    With no evidence either way (``1.234``, ``1,234``), a count's mark groups thousands
    and any other number follows ``decimal_hint``.
    """
    marks, abbreviated = {}, set()
    for name, (dots, commas, suffixed) in evidence.items():
        neutral = "none" if name in counts_only else decimal_hint
        marks[name] = "," if commas and not dots else "." if dots else neutral
        if suffixed:
            abbreviated.add(name)
    return marks, abbreviated


def month_names(value: str) -> str:
    """SQL turning Spanish month names into English ones: '10 de febrero de 2026' ->
    '10 Feb 2026', '15 abr. 2026' -> '15 Apr 2026'. English dates pass unchanged."""
    text = f"regexp_replace({value}, '(?i)\\s+de\\s+', ' ', 'g')"
    for spanish, english in SPANISH_MONTHS:
        text = f"regexp_replace({text}, '(?i)\\b({spanish})\\b\\.?', '{english}', 'g')"
    return text


def _date_text(f: Field, value: str) -> str:
    """The text a date field's formats are tried on: month names in English, 'Z' as +00:00."""
    formats = "".join(f.candidate_formats)
    if "%b" in formats or "%B" in formats:
        value = month_names(value)
    if "%z" in formats:
        value = f"regexp_replace({value}, 'Z$', '+00:00')"
    return value


def _excel_serials(con, value: str) -> bool:
    """Whether every value of a spreadsheet's date column is a day number like 46082.5."""
    total, serial = con.execute(
        f"""SELECT count({value}), count_if(regexp_matches({value}, '^[0-9]{{5}}([.][0-9]+)?$')
                   AND try_cast({value} AS DOUBLE) BETWEEN 20000 AND 80000)
            FROM raw"""  # noqa: S608 - value: SQL built from a c<i> column
    ).fetchone()
    return total > 0 and total == serial


def _date_format(
    con, f: Field, col: str, header: str, file_name: str, row_offset: int, options: dict
) -> str:
    """The one format that reads every value of a date column.

    With ``options['sample']`` the rows in ``raw`` are only the file's first ones: a format is
    returned only when it is the one candidate that reads them all (else ``NotOnePass``), as
    then it is also the format the whole column would get, if it reads every later value.
    """
    value = _date_text(f, _value(col))
    if options.get("spreadsheet") and _excel_serials(con, _value(col)):
        return EXCEL_SERIAL
    candidates = list(f.candidate_formats)
    if options.get("spreadsheet"):  # cells the spreadsheet itself holds as dates
        candidates += [fmt for fmt in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d") if fmt not in candidates]
    survivors, sample_fails = _surviving_formats(con, value, candidates)
    if options.get("sample") and len(survivors) != 1:
        raise NotOnePass(f"{header}: no single date format in the first rows")
    if not survivors:
        yearless = _yearless_formats(con, value, candidates)
        if yearless:
            return _with_inferred_year(con, value, yearless[0], header, col, options)
        best = candidates[sample_fails.index(min(sample_fails))] if candidates else "%Y-%m-%d"
        row, found = con.execute(
            f"SELECT {ROW}, {col} FROM raw WHERE {value} IS NOT NULL "  # noqa: S608 - c<i> column, SQL from code
            f"AND try_strptime({value}, ?) IS NULL ORDER BY rowid LIMIT 1",
            [best],
        ).fetchone()
        raise ImportFailed(
            "bad_value",
            file=file_name,
            row=row + row_offset,
            column=header,
            expected=f"{EXPECTED[f.kind]} like {_example(best)}",
            found=found,
        )
    first = survivors[0]
    for other in survivors[1:]:
        differ = con.execute(
            f"SELECT count_if(try_strptime({value}, ?) <> try_strptime({value}, ?)) FROM raw",  # noqa: S608 - value: SQL from code
            [first, other],
        ).fetchone()[0]
        if differ:
            raise ImportFailed(
                "ambiguous_dates",
                file=file_name,
                column=header,
                first=_example(first),
                second=_example(other),
            )
    return first


def _surviving_formats(con, value: str, candidates: list[str]) -> tuple[list[str], tuple]:
    """The formats that read every value (tried on a sample first), and the sample's misses."""
    sample = f"(SELECT {value} AS v FROM raw WHERE {value} IS NOT NULL LIMIT {DATE_SAMPLE_ROWS})"  # noqa: S608 - value: SQL from code, int
    formats = {f"format_{i}": fmt for i, fmt in enumerate(candidates)}
    fails = ", ".join(f"count_if(try_strptime(v, ${name}) IS NULL)" for name in formats)
    sample_fails = con.execute(f"SELECT {fails} FROM {sample}", formats).fetchone()  # noqa: S608 - SQL from code
    survivors = [fmt for fmt, n in zip(candidates, sample_fails, strict=True) if n == 0]
    if survivors:
        formats = {f"format_{i}": fmt for i, fmt in enumerate(survivors)}
        fails = ", ".join(
            f"count_if({value} IS NOT NULL AND try_strptime({value}, ${name}) IS NULL)"
            for name in formats
        )
        full_fails = con.execute(f"SELECT {fails} FROM raw", formats).fetchone()  # noqa: S608 - SQL from code
        survivors = [fmt for fmt, n in zip(survivors, full_fails, strict=True) if n == 0]
    return survivors, sample_fails


def _year_separator(fmt: str) -> str:
    return ", " if fmt.endswith(", %Y") else " "


def _yearless_formats(con, value: str, candidates: list[str]) -> list[str]:
    """The formats ending in a year that read every value once a year is added ('10 de
    febrero', 'February 28')."""
    found = []
    for separator in (" ", ", "):
        dated = [
            fmt for fmt in candidates if fmt.endswith(" %Y") and _year_separator(fmt) == separator
        ]
        if dated:
            probe = f"({value} || '{separator}{_PROBE_YEAR}')"
            found += _surviving_formats(con, probe, dated)[0]
    return found


def _with_inferred_year(con, value: str, fmt: str, header: str, col: str, options: dict) -> str:
    """``fmt|<last day>``: a column without a year, read as days up to the last day (see
    ``questions``), which ``options['end_date']`` may give; the question asked is put in
    ``options['asked']``. ``options['year']``: all of them in that year, nothing asked."""
    if options.get("year"):
        return f"{fmt}|{int(options['year'])}-12-31"
    probe = f"try_strptime({value} || '{_year_separator(fmt)}{_PROBE_YEAR}', '{fmt}')"
    month_days = con.execute(
        f"SELECT DISTINCT month(p), day(p) FROM (SELECT {probe} AS p FROM raw) WHERE p IS NOT NULL"  # noqa: S608 - SQL from code
    ).fetchall()
    today = options.get("today") or dt.date.today()
    last = questions.last_day(month_days, options.get("end_date") or today)
    first = min(questions.most_recent(m, d, last) for m, d in month_days)
    found = con.execute(
        f"SELECT trim({col}) FROM raw WHERE {_value(col)} IS NOT NULL LIMIT 1"  # noqa: S608 - c<i> column
    ).fetchone()[0]
    options.setdefault("asked", {})[questions.END_DATE] = questions.Question(
        questions.END_DATE,
        last.isoformat(),
        questions.last_day(month_days, today).isoformat(),
        detail={
            "column": header,
            "found": found,
            "first": first.isoformat(),
            "last": last.isoformat(),
        },
    )
    return f"{fmt}|{last.isoformat()}"


def _example(fmt: str) -> str:
    return dt.datetime(2026, 3, 24, 17, 30).strftime(fmt.replace("%z", "+0000"))


def _date_expr(f: Field, value: str, date_format: str) -> str:
    if date_format == EXCEL_SERIAL:
        micros = f"CAST(round(CAST({value} AS DOUBLE) * 86400000000) AS BIGINT)"
        parsed = f"(TIMESTAMP '1899-12-30' + to_microseconds({micros}))"
    elif "|" in date_format:  # dates without a year, up to the last day (_with_inferred_year)
        fmt, last = date_format.split("|")
        last_day = dt.date.fromisoformat(last)
        text, separator = _date_text(f, value), _year_separator(fmt)
        this, before = (
            f"try_strptime({text} || '{separator}{year}', '{fmt}')"
            for year in (last_day.year, last_day.year - 1)
        )
        parsed = (
            f"(CASE WHEN CAST({this} AS DATE) <= DATE '{last_day}' THEN {this} ELSE {before} END)"
        )
    else:
        parsed = f"try_strptime({_date_text(f, value)}, '{date_format}')"
    if "%z" in date_format:
        parsed = f"timezone('UTC', {parsed})"
    return f"CAST({parsed} AS {'DATE' if f.kind == DATE else 'TIMESTAMP'})"


def _final_expr(f: Field, typed: str) -> str:
    if f.kind == COUNT:  # a count must be whole: 1203.0 is fine, 12.5 is not
        return f"(CASE WHEN {typed} = round({typed}) THEN CAST({typed} AS BIGINT) END)"
    return typed


SQL_TYPES = {
    TEXT: "VARCHAR",
    COUNT: "BIGINT",
    NUMBER: "DOUBLE",
    RATE: "DOUBLE",
    DATE: "DATE",
    TIMESTAMP: "TIMESTAMP",
}


@dataclass(frozen=True)
class Columns:
    """Which field is in which column of ``raw`` (``c0``, ``c1``, ...), and under which header."""

    fields: list[Field]
    indexes: dict[str, int]
    header: list[str]

    @property
    def present(self) -> list[Field]:
        return [f for f in self.fields if f.name in self.indexes]

    def col(self, f: Field) -> str:
        return column_name(self.indexes[f.name])

    def title(self, f: Field) -> str:
        return self.header[self.indexes[f.name]]


@dataclass(frozen=True)
class Decisions:
    """How each column is read, decided from its cells: decimal marks, abbreviations, dates."""

    evidence: dict[str, Evidence]
    marks: dict[str, str]
    abbreviated: set[str]
    formats: dict[str, str]


def _decide(
    con, cols: Columns, file_name: str, row_offset: int, decimal_hint: str, options: dict
) -> Decisions:
    present = cols.present
    numeric = {f.name: cols.col(f) for f in present if f.kind in (COUNT, NUMBER, RATE)}
    evidence = _evidence(con, numeric)
    counts_only = {f.name for f in present if f.kind == COUNT}
    marks, abbreviated = _decimal_marks(evidence, counts_only, decimal_hint)
    formats = {
        f.name: _date_format(con, f, cols.col(f), cols.title(f), file_name, row_offset, options)
        for f in present
        if f.kind in (DATE, TIMESTAMP)
    }
    return Decisions(evidence, marks, abbreviated, formats)


def _layers(
    cols: Columns, decided: Decisions, native: frozenset[str] = frozenset()
) -> tuple[list[str], list[str], list[str]]:
    """Three SELECT lists, each over the one before (the first over ``raw``'s columns), so that
    each cell is cleaned once and parsed once: the cleaned text ``v_<field>``, the typed value
    ``t_<field>``, and the field itself with ``_bad_<field>``, true where a value does not fit.

    ``native``: fields whose column the CSV reader itself reads as numbers (see
    ``one_pass_query``)."""
    texts, typed, finals = [], [], []
    for f in cols.present:
        col = cols.col(f)
        if f.name in native:
            percent = " / 100" if f.kind == RATE and "%" in cols.title(f) else ""
            texts.append(f"{col} AS v_{f.name}")
            typed.append(f"v_{f.name}, v_{f.name}{percent} AS t_{f.name}")
            finals.append(f"t_{f.name} AS {f.name}")
            # the reader takes 'NAN' and 'inf' for numbers; the careful path, for no value
            bad = f"{f.name} IS NULL AND {str(f.required).lower()} OR NOT isfinite({f.name})"
            finals.append(f"({bad}) AS _bad_{f.name}")
            continue
        text = clean_label_sql(f"nullif(trim({col}), {chr(39) * 2})")  # no NUL, no bidi
        texts.append(f"{text if f.kind == TEXT else _value(col)} AS v_{f.name}")
        expr = _typed_expr(
            f,
            f"v_{f.name}",
            decided.marks.get(f.name, "."),
            decided.formats.get(f.name),
            f.name in decided.abbreviated,
            "%" in cols.title(f),
        )
        typed.append(f"v_{f.name}, {expr} AS t_{f.name}")
        finals.append(f"{_final_expr(f, f't_{f.name}')} AS {f.name}")
        bad = f"{f.name} IS NULL" if f.required else f"v_{f.name} IS NOT NULL AND {f.name} IS NULL"
        finals.append(f"({bad}) AS _bad_{f.name}")
    return texts, typed, finals


def _absent(cols: Columns) -> list[str]:
    return [
        f"CAST(NULL AS {SQL_TYPES[f.kind]}) AS {f.name}"
        for f in cols.fields
        if f not in cols.present
    ]


def parse_fields(
    con: duckdb.DuckDBPyConnection,
    fields: list[Field],
    columns: dict[str, int],
    header: list[str],
    file_name: str,
    row_offset: int,
    decimal_hint: str = ".",
    options: dict | None = None,
) -> None:
    """Create temp table ``parsed(_row, <field>...)``; refuse the first value that does not fit.

    ``row_offset`` turns ``_row`` into the row number the user sees in a spreadsheet.
    ``options``: ``spreadsheet`` (dates may be day numbers), ``year`` (for dates without one),
    ``end_date`` and ``today`` (the same, see ``questions``); ``asked`` receives the questions.
    """
    cols = Columns(fields, columns, header)
    decided = _decide(con, cols, file_name, row_offset, decimal_hint, options or {})
    texts, typed, finals = _layers(cols, decided)
    con.execute("DROP TABLE IF EXISTS parsed")
    con.execute(
        f"""CREATE TEMP TABLE parsed AS SELECT {", ".join(["_row", *finals, *_absent(cols)])}
            FROM (SELECT {", ".join(["_row", *typed])}
                  FROM (SELECT {", ".join([f"{ROW} AS _row", *texts])} FROM raw))"""  # noqa: S608 - c<i> columns, field names, SQL from code
    )
    present = cols.present
    if not present:
        return
    checks = ", ".join(f"min(_row) FILTER (WHERE _bad_{f.name})" for f in present)
    first_bad = con.execute(f"SELECT {checks} FROM parsed").fetchone()  # noqa: S608 - field names from code
    failures = [(row, f) for row, f in zip(first_bad, present, strict=True) if row is not None]
    if failures:
        row, f = min(failures, key=lambda pair: pair[0])
        found = con.execute(f"SELECT {cols.col(f)} FROM raw WHERE {ROW} = ?", [row]).fetchone()[0]  # noqa: S608 - c<i> column
        code = "missing_value" if not (found or "").strip() else "bad_value"
        raise ImportFailed(
            code,
            file=file_name,
            row=row + row_offset,
            column=cols.title(f),
            expected=EXPECTED.get(f.kind, "a value"),
            found=found or "",
        )


def _typed_expr(
    f: Field,
    value: str,
    decimal: str,
    date_format: str | None,
    abbreviated: bool = False,
    percent_header: bool = False,
) -> str:
    """SQL turning the cleaned text ``value`` of field ``f`` into its type (NULL if it can't)."""
    if f.kind == TEXT:
        return value
    if f.kind == RATE:
        return _rate_expr(value, decimal, percent_header)
    if f.kind in (COUNT, NUMBER):
        if abbreviated:
            return _abbreviated_expr(value, decimal)
        return _number_expr(value, decimal)
    return _date_expr(f, value, date_format)


class NotOnePass(Exception):
    """The first rows of a file do not settle how to read it: take the careful path."""


SAMPLE_ROWS = 5000
DOUBT = "smdash: this file needs the careful path"


def one_pass_query(
    con: duckdb.DuckDBPyConnection,
    sniffed: Sniffed,
    header_index: int,
    width: int,
    used: set[int],
    cols: Columns,
    file_name: str,
    row_offset: int,
    decimal_hint: str = ".",
    options: dict | None = None,
    skip: str | None = None,
) -> tuple[str, dict]:
    """A query that reads a whole CSV into ``parsed``'s fields in one pass (no ``_row``), and
    its parameters: the fast path for large exports.

    How each column is read is decided on the first ``SAMPLE_ROWS`` rows, the way
    ``parse_fields`` decides it on the whole column. The query raises a DuckDB error at the
    first later cell that ``parse_fields`` would refuse, or that would have changed a decision
    (a decimal mark, an abbreviation, a date format): where it succeeds, its rows are exactly
    ``parse_fields``'s. Raises ``NotOnePass`` when the first rows settle nothing; both that and
    a failing query mean: take the careful path, which says what is wrong and where.
    ``skip``: a condition on the rows the query leaves out (``Format.skipped_rows``), and
    which no decision looks at. Rows shorter than the header fail the query: the careful path
    reads them (``load_raw``'s ``padded``).
    """
    if sniffed.kind != "csv" or sniffed.encoding == "cp1252":
        raise NotOnePass("only a UTF-8 or UTF-16 CSV is read in one pass")
    load_raw(con, sniffed, "", header_index, width, used=used, limit=SAMPLE_ROWS)
    try:
        if skip:
            con.execute(f"DELETE FROM raw WHERE {skip}")  # noqa: S608 - c<i> columns, SQL from code
        if con.execute("SELECT count(*) FROM raw").fetchone()[0] == 0:
            raise NotOnePass("no rows")
        sample = (options or {}) | {"sample": True}
        decided = _decide(con, cols, file_name, row_offset, decimal_hint, sample)
        native = _native_numbers(con, cols, decided)
    finally:
        con.execute("DROP TABLE IF EXISTS raw")
    texts, typed, finals = _layers(cols, decided, native)
    bad = " OR ".join(["_doubt", *(f"_bad_{f.name}" for f in cols.present)])
    fields = [f.name for f in cols.present]
    sql = f"""SELECT {", ".join([*fields, *_absent(cols)])}
        FROM (SELECT _doubt, {", ".join(finals)}
              FROM (SELECT _doubt, {", ".join(typed)}
                    FROM (SELECT {_doubt(cols, decided, native)} AS _doubt, {", ".join(texts)}
                          FROM {CSV_READER} WHERE NOT {skip or "false"})))
        WHERE CASE WHEN {bad} THEN error('{DOUBT}') ELSE true END"""  # noqa: S608 - c<i> columns, field names, SQL from code
    patterns = {"dot_decimal": _DOT_DECIMAL, "comma_decimal": _COMMA_DECIMAL}
    used = {name: pattern for name, pattern in patterns.items() if f"${name}" in sql}
    doubles = {cols.indexes[name]: "DOUBLE" for name in native}
    return sql, _csv_params(sniffed.path, sniffed, header_index, width, doubles) | used


def count_in_csv(con, sniffed: Sniffed, header_index: int, width: int, condition: str) -> int:
    """How many rows below the header of a CSV meet ``condition`` (SQL on ``c0, c1, ...``)."""
    return con.execute(
        f"SELECT count(*) FROM {CSV_READER} WHERE {condition}",  # noqa: S608 - CSV_READER constant, SQL from code
        _csv_params(sniffed.path, sniffed, header_index, width),
    ).fetchone()[0]


def _native_numbers(con, cols: Columns, decided: Decisions) -> frozenset[str]:
    """Number and rate fields read with a decimal point whose first rows hold plain numbers
    only: the CSV reader reads them itself, faster. It reads a number exactly as ``try_cast``
    does and refuses (failing the query) every cell the careful path would clean first or
    read otherwise: a comma, a currency or '%' sign, a placeholder like '-', a non-breaking
    space."""
    candidates = [
        f for f in cols.present if f.kind in (NUMBER, RATE) and decided.marks.get(f.name) == "."
    ]
    if not candidates:
        return frozenset()
    plain = con.execute(
        "SELECT "  # noqa: S608 - c<i> columns
        + ", ".join(
            f"count_if({c} <> '' AND try_cast({c} AS DOUBLE) IS NULL) = 0"
            for c in map(cols.col, candidates)
        )
        + " FROM raw"
    ).fetchone()
    return frozenset(f.name for f, ok in zip(candidates, plain, strict=True) if ok)


def _doubt(cols: Columns, decided: Decisions, native: frozenset[str] = frozenset()) -> str:
    """True for a cell showing evidence that the first rows did not show and that would change
    its column's decimal mark (``native`` columns need none: the reader refuses any comma).

    Each regex sits in a CASE behind its cheap test: in a SELECT list DuckDB evaluates both
    sides of an AND on every row, a CASE's branch only on the rows its condition selects.
    An abbreviated amount ('1.2K') needs no test of its own: in a column read without
    abbreviations it is no number, so the query refuses it anyway.
    """
    doubts = ["false"]
    for f in cols.present:
        if f.name not in decided.evidence or f.name in native:
            continue
        col, mark = cols.col(f), decided.marks[f.name]
        dots, commas, _ = decided.evidence[f.name]
        tests = []
        if not dots and mark != ".":  # a dot decimal would make the mark '.'
            tests.append((f"contains({col}, '.')", "$dot_decimal"))
        if not dots and not commas and mark != ",":  # a comma decimal would make it ','
            tests.append((f"contains({col}, ',')", "$comma_decimal"))
        doubts += [
            f"CASE WHEN {cheap} THEN regexp_matches(trim({col}), {pattern}) ELSE false END"
            for cheap, pattern in tests
        ]
    return " OR ".join(doubts)
