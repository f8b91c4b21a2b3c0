"""The executive report in one call for the CLI and the page: PDF or XLSX bytes, or a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from smdash import executive
from smdash.reports.pdf import pdf_report
from smdash.reports.xlsx import xlsx_report

FORMATS = (".pdf", ".xlsx")


def report_bytes(con, period: executive.Period, lang: str, kind: str) -> bytes:
    """The report for the period as ``pdf`` or ``xlsx`` bytes."""
    s = executive.build(con, period)
    if kind == "xlsx":
        return xlsx_report(s, lang)
    return pdf_report(s, lang, executive.logo(con))


def write_report(con, period: executive.Period, lang: str, out: Path) -> Path:
    return write_file(out, lambda kind: report_bytes(con, period, lang, kind))


def write_file(out: Path, make: Callable[[str], bytes]) -> Path:
    """``make("pdf")`` or ``make("xlsx")``, as the file's name ends, written to it."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise executive.InvalidInput("executive.cli.bad_out", file=str(out))
    out.write_bytes(make(suffix.lstrip(".")))
    return out
