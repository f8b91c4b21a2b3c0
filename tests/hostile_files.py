"""Files made to hurt an importer: each generator writes one into a folder and returns its path.

Issue 14 found each of these; the tests generate them rather than keep binary fixtures.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

GA4_HEADER = (
    "# Property: Hostile - GA4\n"
    "Date,Session source / medium,Session campaign,Sessions,Engaged sessions,Engagement rate,"
    "Average engagement time per session,Event count,Key events,Session key event rate,"
    "Total revenue"
)


def ga4_row(day: str, source: str, campaign: str = "spring", sessions: int = 5) -> str:
    return f"{day},{source},{campaign},{sessions},3,0.6,40.5,12,1,0.2,9.5"


GOOD_CSV = (
    "\n".join(
        [GA4_HEADER, ga4_row("20261001", "facebook / social"), ga4_row("20261002", "x / social")]
    )
    + "\n"
)


def sparse_xlsx(folder: Path, corner: str = "XFD1048576", name: str = "sparse.xlsx") -> Path:
    """A few KB holding only A1 and ``corner``: reading it whole fills every cell between.

    ``XFD1048576`` (Excel's last cell) would need 512 GiB; ``CV1000000`` some 3 GB."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Date"
    sheet[corner] = 1
    path = folder / name
    book.save(path)
    return path


def _rewrite_sheet(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            new.writestr(info, data)
    return target


def _small_xlsx(folder: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in GOOD_CSV.splitlines():
        sheet.append([int(c) if c.isdigit() else c for c in line.split(",")])
    path = folder / "base.xlsx"
    book.save(path)
    return path


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)


def entity_xlsx(folder: Path, name: str = "entities.xlsx") -> Path:
    """A sheet whose XML declares nested entities (a 'billion laughs') and uses them."""

    def change(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return LAUGHS + body.replace(b"<v>5</v>", b"<v>&lol9;</v>", 1)

    return _rewrite_sheet(_small_xlsx(folder), folder / name, change)


def broken_xml_xlsx(folder: Path, name: str = "broken.xlsx") -> Path:
    """A sheet whose XML stops half-way through an element."""
    return _rewrite_sheet(_small_xlsx(folder), folder / name, lambda data: data[: len(data) // 2])


def bad_crc_zip(folder: Path, name: str = "badcrc.zip") -> Path:
    """A zip whose one CSV does not match its checksum (a byte changed after zipping)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("traffic.csv", GOOD_CSV)
    data = bytearray(buffer.getvalue())
    at = data.index(b"facebook")
    data[at] = ord("F")
    path = folder / name
    path.write_bytes(bytes(data))
    return path


def zip_bomb(folder: Path, size: int, name: str = "bomb.zip") -> Path:
    """A small zip whose one CSV expands to ``size`` bytes (a header, then blank padding)."""
    path = folder / name
    header = GA4_HEADER.encode() + b"\n"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("traffic.csv", "w", force_zip64=True) as member,
    ):
        member.write(header)
        left, chunk = size - len(header), b" " * (1024 * 1024)
        while left > 0:
            member.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return path


def wide_csv(folder: Path, columns: int = 200_000, name: str = "wide.csv") -> Path:
    path = folder / name
    header = ",".join(f"column {i}" for i in range(columns))
    path.write_text(header + "\n" + ",".join("1" for _ in range(columns)) + "\n")
    return path


def big_cell_csv(folder: Path, size: int = 20 * 1024 * 1024, name: str = "bigcell.csv") -> Path:
    """A posts-like CSV whose second row has one quoted cell of ``size`` bytes."""
    path = folder / name
    with path.open("w") as out:
        out.write(GA4_HEADER + "\n" + ga4_row("20261001", "facebook / social") + "\n")
        out.write(ga4_row("20261002", "facebook / social", '"' + "x" * size + '"') + "\n")
        out.write(ga4_row("20261003", "instagram / social") + "\n")
    return path


def late_nul_csv(folder: Path, name: str = "nul.csv") -> Path:
    """A GA4-like CSV with a NUL byte in a campaign name past the first 64 KB."""
    path = folder / name
    lines = [GA4_HEADER]
    lines += [
        ga4_row(f"2026{1 + i % 12:02d}{1 + i % 28:02d}", "fb / social", f"c{i}")
        for i in range(2000)
    ]
    lines.append(ga4_row("20261015", "facebook / social", "spring\x00sale"))
    path.write_text("\n".join(lines) + "\n")
    return path


def without_dimension(path: Path) -> Path:
    """The workbook with its sheets' ``<dimension>`` removed (it may lie, or be missing)."""
    target = path.with_name("nodim-" + path.name)

    def change(data: bytes) -> bytes:
        import re

        return re.sub(rb"<dimension[^>]*/>", b"", data)

    return _rewrite_sheet(path, target, change)


def sleeper(seconds: float, report) -> None:
    """A reader that takes ``seconds`` (runs in the reading process: see isolate.run)."""
    import time

    time.sleep(seconds)


def hog(size: int, report) -> int:
    """A reader that asks for ``size`` bytes at once."""
    return len(bytearray(size))
