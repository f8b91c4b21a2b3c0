"""The plan document in one call for the CLI and the page: PDF or XLSX bytes, or a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from smdash import executive
from smdash.core.spreadsheet import write_xlsx
from smdash.reports.executive_report import write_file
from smdash.reports.plan_content import PlanDocument, plan_document
from smdash.reports.plan_pdf import plan_pdf

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def plan_xlsx(plan: PlanDocument) -> bytes:
    """One sheet per section, in the order of the PDF (for the CM to edit and reuse); values
    that are numbers stay numbers, amounts shown in the workspace's currency."""
    sections = [s for s in plan.sections if s.sheet is not None]
    formats = {column: codes for s in sections for column, codes in s.formats.items()}
    return write_xlsx({s.sheet_name: s.sheet for s in sections}, formats)


def plan_bytes(
    con: duckdb.DuckDBPyConnection,
    period: executive.Period,
    lang: str,
    kind: str,
    generated: dt.date | None = None,
) -> bytes:
    """The whole plan for the period as ``pdf`` or ``xlsx`` bytes."""
    plan = plan_document(con, period, lang)
    return plan_xlsx(plan) if kind == "xlsx" else plan_pdf(plan, generated)


def write_plan(con, period: executive.Period, lang: str, out: Path) -> Path:
    return write_file(out, lambda kind: plan_bytes(con, period, lang, kind))
