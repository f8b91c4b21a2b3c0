"""First look at a file: size, spreadsheet or text, encoding, separator, and its first rows."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from smdash.core.text import clean_label
from smdash.imports.errors import ImportFailed

MAX_IMPORT_BYTES = 1024 * 1024 * 1024  # 1 GiB
HEAD_BYTES = 64 * 1024
# a zip member (or a whole zip) expanding more than this many times is refused as a zip bomb:
# exports compress some 5-30 times; members under MIN_RATIO_BYTES are not worth checking
MAX_EXPANSION = 200
MIN_RATIO_BYTES = 1024 * 1024
# the most cells a sheet may span (rows x columns of its used range, as its <dimension> says):
# the spreadsheet reader makes room for every one (32 bytes each), filled or not
MAX_SHEET_CELLS = 20_000_000
HEAD_ROWS = 40
SEPARATORS = (",", ";", "\t")
# what ends a line of a CSV: only these (str.splitlines also splits at form feeds, U+2028 and
# others, which a caption may hold and which DuckDB's reader does not take for line ends)
LINE_END = re.compile(r"\r\n|\r|\n")
# The files smdash reads, by name: in a folder (python -m smdash import DIR), inside a plain zip,
# in the demo folder. What a file holds is still decided from its content (sniff).
EXPORT_SUFFIXES = (".csv", ".tsv", ".xlsx")
IMPORTABLE_SUFFIXES = (*EXPORT_SUFFIXES, ".zip")  # a folder's files: exports and their zips


@dataclass
class Sniffed:
    path: Path
    file_name: str
    size: int
    kind: str  # "csv" or "xlsx"
    encoding: str = "utf-8"  # of a csv: utf-8, utf-16 or cp1252
    delimiter: str = ","
    # csv: one list of rows; xlsx: rows per sheet name
    sheets: dict[str, list[list[str]]] = field(default_factory=dict)
    # xlsx: the sheets as calamine read them, so that the chosen one is not parsed twice
    loaded: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def rows(self) -> list[list[str]]:
        return next(iter(self.sheets.values()), [])

    def sheet(self, name: str):
        """The calamine sheet ``name`` of an xlsx file (read once, when sniffed)."""
        if name not in self.loaded:
            from python_calamine import CalamineWorkbook

            self.loaded[name] = CalamineWorkbook.from_path(str(self.path)).get_sheet_by_name(name)
        return self.loaded[name]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff(path: Path, file_name: str, max_bytes: int = MAX_IMPORT_BYTES) -> Sniffed:
    size = path.stat().st_size
    if size == 0:
        raise ImportFailed("empty", file=file_name)
    if size >= max_bytes:
        raise ImportFailed(
            "too_big", file=file_name, size_mb=size / 2**20, limit_mb=max_bytes / 2**20
        )
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_xlsx(path, file_name, size)
    return _sniff_text(path, file_name, size, head)


@contextmanager
def sources(
    path: Path, file_name: str, max_bytes: int = MAX_IMPORT_BYTES
) -> Iterator[list[Sniffed]]:
    """The file's readable parts: the file itself, or each CSV/XLSX inside a plain zip
    (YouTube Studio and Plausible downloads), extracted for the moment they are read.

    A CSV whose lines end in more than one way (a preamble ending in LF above rows ending in
    CRLF) or in a bare CR is read from a copy whose lines all end in LF: DuckDB's reader
    counts such lines wrongly and would find no rows below the header."""
    folder = Path(tempfile.mkdtemp(prefix="smdash-sources-"))
    try:
        if _is_plain_zip(path):
            found = _archive_members(path, file_name, folder, max_bytes)
        else:
            found = [sniff(path, file_name, max_bytes)]
        yield [_with_plain_line_ends(s, folder / f"lines-{n}.csv") for n, s in enumerate(found)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _is_plain_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04":
            return False
    try:
        names = zipfile.ZipFile(path).namelist()
    except zipfile.BadZipFile:
        return False
    return not any(n.startswith("xl/") for n in names)


def _archive_members(path: Path, file_name: str, folder: Path, max_bytes: int) -> list[Sniffed]:
    archive = zipfile.ZipFile(path)
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and PurePosixPath(info.filename).suffix.lower() in EXPORT_SUFFIXES
        and not PurePosixPath(info.filename).name.startswith((".", "__MACOSX"))
        and "__MACOSX" not in info.filename
    ]
    if not members:
        raise ImportFailed("zip_without_exports", file=file_name)
    check_expansion(archive.infolist(), file_name, path.stat().st_size, max_bytes)
    found = []
    for number, info in enumerate(members):
        target = folder / f"{number}{PurePosixPath(info.filename).suffix.lower()}"
        with archive.open(info) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, length=1024 * 1024)
        name = clean_label(f"{file_name}/{PurePosixPath(info.filename).name}")
        try:
            found.append(sniff(target, name, max_bytes))
        except ImportFailed:
            continue  # an empty or unreadable member: the others may still be exports
    if not found:
        raise ImportFailed("zip_without_exports", file=file_name)
    return found


STACKED_BYTES = 16 * 1024 * 1024  # a file read whole to find the tables stacked in it


def all_rows(sniffed: Sniffed, sheet: str = "") -> list[list[str]]:
    """Every row of a sheet, or of a CSV (one of up to ``STACKED_BYTES``; of a larger one, the
    first rows): where a file stacks several tables, the later ones are far below the head."""
    if sniffed.kind == "xlsx":
        return [[cell_text(c) for c in row] for row in sniffed.sheet(sheet).to_python()]
    if sniffed.size > STACKED_BYTES:
        return sniffed.rows
    codec = {"utf-16": "utf-16", "cp1252": "cp1252"}.get(sniffed.encoding, "utf-8-sig")
    with sniffed.path.open(encoding=codec, errors="replace", newline="") as handle:
        return list(csv.reader(handle, delimiter=sniffed.delimiter))


def ends_with_line_break(sniffed: Sniffed) -> bool:
    """Whether a text file's last line is complete (a file cut short stops inside a line)."""
    with sniffed.path.open("rb") as handle:
        handle.seek(max(sniffed.path.stat().st_size - 2, 0))
        tail = handle.read()
    if sniffed.encoding == "utf-16":
        return tail in (
            "\n".encode("utf-16-le"),
            "\n".encode("utf-16-be"),
            "\r".encode("utf-16-le"),
            "\r".encode("utf-16-be"),
        )
    return tail[-1:] in (b"\n", b"\r")


def line_ends(sniffed: Sniffed) -> set[str]:
    """How the lines of a text file end: a set of "\\r\\n", "\\n" and "\\r" (the whole file)."""
    found: set[str] = set()
    with sniffed.path.open("rb") as handle:
        if sniffed.encoding == "utf-16":  # the two bytes of a character: count characters
            decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
            chunks = (decoder.decode(c) for c in iter(lambda: handle.read(1024 * 1024), b""))
        else:  # in UTF-8 and Windows-1252, CR and LF bytes are always those characters
            chunks = iter(lambda: handle.read(1024 * 1024), b"")
        held = None
        for chunk in chunks:
            if held is not None:
                chunk = held + chunk
            held = chunk[-1:] if chunk[-1:] in ("\r", b"\r") else None  # may precede a LF
            if held is not None:
                chunk = chunk[:-1]
            found |= _ends_in(chunk)
        if held is not None:
            found.add("\r")
    return found


def _ends_in(chunk: str | bytes) -> set[str]:
    cr, lf, crlf = ("\r", "\n", "\r\n") if isinstance(chunk, str) else (b"\r", b"\n", b"\r\n")
    pairs = chunk.count(crlf)
    counts = {"\r\n": pairs, "\n": chunk.count(lf) - pairs, "\r": chunk.count(cr) - pairs}
    return {end for end, count in counts.items() if count}


def _with_plain_line_ends(sniffed: Sniffed, copy: Path) -> Sniffed:
    """``sniffed``, or when its lines end in mixed or bare-CR ways, a UTF-8 copy of it whose
    lines all end in LF (sniffed again, under the same file name)."""
    if sniffed.kind != "csv":
        return sniffed
    ends = line_ends(sniffed)
    if len(ends) < 2 and ends != {"\r"}:
        return sniffed
    codec = {"utf-16": "utf-16", "cp1252": "cp1252"}.get(sniffed.encoding, "utf-8-sig")
    with (
        sniffed.path.open(encoding=codec, errors="replace", newline=None) as source,
        copy.open("w", encoding="utf-8", newline="\n") as out,
    ):
        shutil.copyfileobj(source, out, length=1024 * 1024)  # newline=None: every end is \n
    return replace(sniff(copy, sniffed.file_name, MAX_IMPORT_BYTES), size=sniffed.size)


def check_expansion(
    members: list[zipfile.ZipInfo], file_name: str, archive_bytes: int, max_bytes: int
) -> None:
    """Refuse a zip (or XLSX) that would expand to ``max_bytes`` or more, or expand more than
    ``MAX_EXPANSION`` times, as a whole or in any one member of some size."""
    total = sum(info.file_size for info in members)
    if total >= max_bytes:
        raise ImportFailed(
            "too_big", file=file_name, size_mb=total / 2**20, limit_mb=max_bytes / 2**20
        )
    for info in members:
        if _expands_too_much(info.file_size, info.compress_size):
            name = clean_label(info.filename)
            raise ImportFailed("zip_bomb", file=file_name, member=name, ratio=MAX_EXPANSION)
    if _expands_too_much(total, archive_bytes):
        raise ImportFailed("zip_bomb_total", file=file_name, ratio=MAX_EXPANSION)


def _expands_too_much(expanded: int, packed: int) -> bool:
    return expanded >= MIN_RATIO_BYTES and expanded > MAX_EXPANSION * max(packed, 1)


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def check_sheet_sizes(archive: zipfile.ZipFile, file_name: str) -> None:
    """Refuse a workbook with a sheet spanning more than ``MAX_SHEET_CELLS`` cells, read from
    each sheet's ``<dimension>`` before any sheet is loaded. (A sheet that does not say, or
    says less than it holds, is stopped by the reading process's memory limit instead.)"""
    for info in archive.infolist():
        if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
            continue
        with archive.open(info) as sheet:
            found = _DIMENSION.search(sheet.read(HEAD_BYTES))
        if not found or not found.group(3):
            continue
        first_col, first_row, last_col, last_row = found.groups()
        rows = int(last_row) - int(first_row or 1) + 1
        columns = _column_number(last_col.decode()) - _column_number((first_col or b"A").decode())
        cells = rows * (columns + 1)
        if cells > MAX_SHEET_CELLS:
            span = f"{(first_col or b'A').decode()}{(first_row or b'1').decode()}:"
            raise ImportFailed(
                "sheet_too_large",
                file=file_name,
                span=span + f"{last_col.decode()}{last_row.decode()}",
                cells=cells,
                limit=MAX_SHEET_CELLS,
            )


def _sniff_xlsx(path: Path, file_name: str, size: int) -> Sniffed:
    from python_calamine import CalamineWorkbook

    try:
        archive = zipfile.ZipFile(path)
        if not any(n.startswith("xl/") for n in archive.namelist()):
            raise ImportFailed("zip_not_xlsx", file=file_name)
        check_expansion(archive.infolist(), file_name, size, 2**62)
        check_sheet_sizes(archive, file_name)
        workbook = CalamineWorkbook.from_path(str(path))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFailed("bad_xlsx", file=file_name, detail=str(exc)) from exc
    sheets, loaded = {}, {}
    for name in workbook.sheet_names:
        loaded[name] = workbook.get_sheet_by_name(name)  # parses the whole sheet
        rows = loaded[name].to_python(nrows=HEAD_ROWS)
        sheets[name] = [[cell_text(c) for c in row] for row in rows]
    if not any(any(cell for cell in row) for rows in sheets.values() for row in rows):
        raise ImportFailed("no_data", file=file_name)
    return Sniffed(path, file_name, size, "xlsx", sheets=sheets, loaded=loaded)


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold (whole floats without '.0')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _detect_encoding(head: bytes, file_name: str) -> tuple[str, str]:
    """(encoding, Python codec to decode the head) of a text file, from its BOM or its bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", "utf-8-sig"
    if b"\x00" in head:
        raise ImportFailed("binary", file=file_name)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "cp1252", "cp1252"  # Windows' Western encoding; read() transcodes it
    return "utf-8", "utf-8"


def _sniff_text(path: Path, file_name: str, size: int, head: bytes) -> Sniffed:
    encoding, codec = _detect_encoding(head, file_name)
    text = head.decode(codec, errors="replace")
    if "\ufffd" in text[:-4] or _looks_binary(text):
        raise ImportFailed("binary", file=file_name)
    lines = LINE_END.split(text)
    if lines and not lines[-1]:
        lines = lines[:-1]  # the text ended with a line end
    if len(head) == HEAD_BYTES and len(lines) <= 1 and size > HEAD_BYTES:
        columns = max(text.count(sep) for sep in SEPARATORS) + 1
        raise ImportFailed(
            "first_line_too_long", file=file_name, kb=HEAD_BYTES // 1024, columns=columns
        )
    if len(head) == HEAD_BYTES and lines:
        lines = lines[:-1]  # the sample may end in the middle of a line
    lines = lines[:HEAD_ROWS]
    if not any(line.strip() for line in lines):
        raise ImportFailed("empty", file=file_name)
    delimiter = _detect_delimiter(lines)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    return Sniffed(path, file_name, size, "csv", encoding, delimiter, {"": rows})


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls > max(8, len(text) // 100)


def _detect_delimiter(lines: list[str]) -> str:
    """The separator that splits the most lines into the same number (>1) of cells."""
    body = [line for line in lines if line.strip() and not line.startswith(("#", "sep="))]
    for line in lines[:2]:
        if line.lower().startswith("sep="):
            given = line[4:].strip(' "')
            return "\t" if given.lower() in ("\\t", "tab") else (line[4:5] or ",")
    best, best_score = ",", 0
    for sep in SEPARATORS:
        counts = [len(row) for row in csv.reader(io.StringIO("\n".join(body)), delimiter=sep)]
        common = max(set(counts), key=counts.count) if counts else 1
        score = counts.count(common) * (common > 1)
        if score > best_score:
            best, best_score = sep, score
    return best
