"""The plan document as a PDF a client reads: a cover with the contents, then one section a page
onwards, Markdown laid out as headings, bullets and paragraphs, tables that wrap."""

from __future__ import annotations

import datetime as dt

from smdash.core.i18n import format_date, t
from smdash.reports.pdf import ACCENT, INK, MUTED, PdfDoc
from smdash.reports.plan_content import (
    Block,
    Fields,
    Heading,
    Markdown,
    PlanDocument,
    Table,
    Text,
    inline,
    markdown_lines,
)

INDENT = 5  # mm, bullets and field values
INLINE_MAX = 90  # characters of label and value that go on one line


def _markdown(doc: PdfDoc, text: str, indent: float = 0) -> None:
    pdf = doc.pdf
    bullet = "•" if doc.unicode else "-"
    for kind, line in markdown_lines(text):
        pdf.set_x(pdf.l_margin + indent)
        width = doc.width - indent
        if kind == "heading":
            pdf.ln(1)
            doc.font(10.5, True)
        else:
            doc.font(10)
        if kind == "bullet":
            pdf.cell(INDENT, 5.5, bullet)
            width -= INDENT
        shown = doc.text(line)
        pdf.multi_cell(width, 5.5, shown, align="L", new_x="LMARGIN", new_y="NEXT")
        if kind == "text":
            pdf.ln(1)


def _fields(doc: PdfDoc, block: Fields) -> None:
    """A short one-line value beside its label; a longer one (or Markdown) below it."""
    pdf = doc.pdf
    for label, value in block.rows:
        if pdf.get_y() > pdf.h - 30:
            pdf.add_page()
        lines = markdown_lines(value)
        if len(lines) == 1 and lines[0][0] == "text" and len(label) + len(value) < INLINE_MAX:
            doc.font(9.5, True, MUTED)
            pdf.write(5.5, doc.text(f"{label}: "))
            doc.font(10)
            pdf.write(5.5, doc.text(lines[0][1]))
            pdf.ln(6)
            continue
        doc.line(label, 9.5, True, MUTED, 5)
        _markdown(doc, value, INDENT)
        pdf.ln(0.5)


def _table(doc: PdfDoc, block: Table) -> None:
    doc.font(8)
    doc.pdf.set_fill_color(255, 255, 255)
    doc.pdf.set_draw_color(220, 223, 226)
    widths = block.widths or tuple(1 for _ in block.columns)
    with doc.pdf.table(col_widths=widths, text_align="LEFT", line_height=4.2) as table:
        for values in [block.columns, *block.rows]:
            row = table.row()
            for value in values:
                row.cell(doc.text(inline(str(value))))
    doc.pdf.ln(2)


def _block(doc: PdfDoc, block: Block) -> None:
    if isinstance(block, Heading):
        doc.pdf.ln(1.5)
        if doc.pdf.get_y() > doc.pdf.h - 50:  # no heading alone at the foot of a page
            doc.pdf.add_page()
        doc.line(block.text, 11, True, INK, 6)
    elif isinstance(block, Text):
        doc.line(block.text, 9 if block.muted else 10, color=MUTED if block.muted else INK)
        doc.pdf.ln(1)
    elif isinstance(block, Markdown):
        _markdown(doc, block.text)
    elif isinstance(block, Fields):
        _fields(doc, block)
    else:
        _table(doc, block)


def _cover(doc: PdfDoc, plan: PlanDocument, generated: dt.date) -> None:
    lang = plan.lang
    doc.pdf.ln(20)
    doc.line(plan.title, 24, True, ACCENT, 11)
    if plan.business:
        doc.line(t("executive.report.prepared_for", lang, business=plan.business), 12, h=7)
    doc.line(t("plandoc.period", lang, period=plan.period.label(lang)), 11, color=MUTED, h=6)
    doc.line(
        t("executive.report.generated", lang, date=format_date(generated, lang)), 9, color=MUTED
    )
    doc.pdf.ln(10)
    doc.line(t("plandoc.contents", lang), 13, True, ACCENT, 7)
    for number, section in enumerate(plan.sections, start=1):
        doc.line(f"{number}. {section.title}", 11, h=6.5)


def plan_pdf(plan: PlanDocument, generated: dt.date | None = None) -> bytes:
    doc = PdfDoc()
    lang = plan.lang

    def footer() -> None:
        doc.pdf.set_y(-12)
        doc.font(8, color=MUTED)
        page = t("plandoc.page", lang, page=doc.pdf.page_no())
        doc.pdf.cell(0, 5, doc.text(f"{plan.title} · {page}"), align="C")

    doc.pdf.footer = footer  # fpdf2 calls it as each page closes
    _cover(doc, plan, generated or dt.date.today())
    for number, section in enumerate(plan.sections, start=1):
        doc.pdf.add_page()
        doc.line(f"{number}. {section.title}", 15, True, ACCENT, 8)
        doc.pdf.ln(2)
        for block in section.blocks:
            _block(doc, block)
    return doc.output()
