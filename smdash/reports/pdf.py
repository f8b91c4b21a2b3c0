"""The executive summary as a PDF: headline figures, goals, networks, the trend chart."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd

from smdash import executive
from smdash.core.i18n import format_date, format_number, t
from smdash.executive import (
    Figure,
    Summary,
    comparisons,
    figure_label,
    figure_value,
    money,
    percent_change,
    period_line,
)
from smdash.reports.charts import localized
from smdash.reports.executive_charts import growth_chart, pays_off_chart

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
LIGHT_COLORS = {
    "green": (46, 160, 67),
    "amber": (240, 160, 20),
    "red": (215, 58, 73),
    "grey": (150, 150, 150),
}
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (76, 120, 168)
# characters Helvetica (Latin-1) lacks, for the fallback font
_LATIN1 = str.maketrans(
    {"€": "EUR", "•": "-", "–": "-", "—": "-", "“": '"', "”": '"', "’": "'", "…": "..."}
)


def chart_png(chart, scale: float = 2.0) -> bytes:
    """An Altair chart as PNG, rendered offline by vl-convert."""
    import vl_convert

    return vl_convert.vegalite_to_png(chart.to_json(), scale=scale)


def _font_files() -> tuple[Path, Path] | None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold
    return None


class PdfDoc:
    """A thin layer over fpdf2: fonts chosen once, text made printable, a few building blocks."""

    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_margins(15, 15, 15)
        self.pdf.set_auto_page_break(True, margin=15)
        fonts = _font_files()
        if fonts:
            self.pdf.add_font("body", "", str(fonts[0]))
            self.pdf.add_font("body", "B", str(fonts[1]))
            self.family, self.unicode = "body", True
        else:
            self.family, self.unicode = "helvetica", False
        self.pdf.add_page()

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def text(self, value: str) -> str:
        if self.unicode:
            return value
        return value.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False, color=INK) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def line(self, value: str, size: float = 10, bold: bool = False, color=INK, h=5.5) -> None:
        self.font(size, bold, color)
        self.pdf.multi_cell(
            self.width, h, self.text(value), align="L", new_x="LMARGIN", new_y="NEXT"
        )

    def heading(self, value: str) -> None:
        self.pdf.ln(3)
        if self.pdf.get_y() > self.pdf.h - 40:
            self.pdf.add_page()
        self.line(value, 13, True, ACCENT, 7)
        self.pdf.ln(1)

    def image(self, png: bytes, width: float | None = None) -> None:
        width = width or self.width
        self.pdf.image(io.BytesIO(png), x=self.pdf.l_margin, w=width)
        self.pdf.ln(2)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _header(doc: PdfDoc, s: Summary, lang: str, logo: tuple[bytes, str] | None) -> None:
    top = doc.pdf.get_y()
    text_x = doc.pdf.l_margin
    if logo:
        doc.pdf.image(io.BytesIO(logo[0]), x=doc.pdf.l_margin, y=top, h=18)
        text_x += 45
    doc.pdf.set_xy(text_x, top)
    doc.font(18, True)
    title = t("executive.report.title", lang)
    doc.pdf.cell(0, 9, doc.text(title), new_x="LMARGIN", new_y="NEXT")
    for value in (
        t("executive.report.prepared_for", lang, business=s.business) if s.business else "",
        period_line(s, lang),
    ):
        if value:
            doc.pdf.set_x(text_x)
            doc.font(10, color=MUTED)
            doc.pdf.cell(0, 5.5, doc.text(value), new_x="LMARGIN", new_y="NEXT")
    doc.pdf.set_y(max(doc.pdf.get_y(), top + 20) + 2)


def comparison_lines(figure: Figure, s: Summary, lang: str) -> list[str]:
    """Under a figure: how many accounts a follower count adds up (when several), its change
    on the previous period and on a year earlier (when known); for objectives, how many are at
    risk and behind."""
    if figure.key == "objectives":
        if figure.value is None:
            return []
        return [executive.objectives_detail(figure.extra, lang)]
    note = executive.accounts_line(figure, lang)
    return [
        *([note] if note else []),
        *(
            t("executive.vs", lang, change=percent_change(change, lang), period=other.label(lang))
            for change, other in comparisons(figure, s.period)
        ),
    ]


def _figure_boxes(doc: PdfDoc, s: Summary, lang: str, figures: list[Figure]) -> None:
    lines = max((len(comparison_lines(f, s, lang)) for f in figures), default=0)
    columns, gap, height = 3, 4, max(27, 19 + 4 * lines)
    width = (doc.width - gap * (columns - 1)) / columns
    pdf = doc.pdf
    row_y = pdf.get_y()
    for index, figure in enumerate(figures):
        if index % columns == 0:
            row_y = pdf.get_y() if index == 0 else row_y + height + gap
            if row_y + height > pdf.h - 15:
                pdf.add_page()
                row_y = pdf.get_y()
        x = pdf.l_margin + (index % columns) * (width + gap)
        pdf.set_draw_color(220, 223, 226)
        pdf.rect(x, row_y, width, height)
        pdf.set_xy(x + 2, row_y + 2)
        doc.font(8.5, color=MUTED)
        pdf.cell(width - 4, 4.5, doc.text(figure_label(figure.key, lang)))
        pdf.set_xy(x + 2, row_y + 7)
        doc.font(16, True)
        pdf.cell(width - 4, 8, doc.text(figure_value(figure, lang, s.currency, short=True)))
        doc.font(7.5, color=MUTED)
        for offset, line in enumerate(comparison_lines(figure, s, lang)):
            pdf.set_xy(x + 2, row_y + 16 + offset * 4)
            pdf.cell(width - 4, 4, doc.text(line))
    pdf.set_xy(pdf.l_margin, row_y + height + gap)


def _goals(doc: PdfDoc, s: Summary, lang: str) -> None:
    pdf = doc.pdf
    for goal in s.goals:
        if pdf.get_y() > pdf.h - 30:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_fill_color(*LIGHT_COLORS[goal.light])
        pdf.ellipse(pdf.l_margin, y + 1, 4, 4, style="F")
        pdf.set_x(pdf.l_margin + 7)
        doc.font(10, True)
        name = goal.name or t("executive.goal.no_goal", lang)
        light = t(f"executive.light.{goal.light}", lang)
        pdf.multi_cell(
            doc.width - 7, 5.5, doc.text(f"{name} ({light})"), align="L", new_x="LMARGIN"
        )
        pdf.set_x(pdf.l_margin + 7)
        doc.font(9, color=MUTED)
        pdf.multi_cell(doc.width - 7, 5, doc.text(goal.line(lang)), align="L", new_x="LMARGIN")
        pdf.ln(1.5)


def _networks(doc: PdfDoc, s: Summary, lang: str) -> None:
    columns = ["network", "visits", "conversions", "revenue", "spend", "cost_per_conversion"]
    rows = [[t(f"executive.column.{c}", lang) for c in columns]]
    for record in s.network_rows().to_dict("records"):
        rows.append(
            [
                executive.network_row_name(record["network"], lang),
                format_number(_clean(record["visits"]), lang),
                format_number(_clean(record["conversions"]), lang),
                money(_clean(record["revenue"]), lang, s.currency),
                money(_clean(record["spend"]), lang, s.currency),
                money(_clean(record["cost_per_conversion"]), lang, s.currency, 2),
            ]
        )
    doc.font(8.5)
    doc.pdf.set_fill_color(255, 255, 255)
    doc.pdf.set_draw_color(220, 223, 226)
    with doc.pdf.table(
        col_widths=(30, 20, 22, 22, 22, 28), text_align=("LEFT", *["RIGHT"] * 5)
    ) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(doc.text(value))


def _clean(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def pdf_report(
    s: Summary,
    lang: str,
    logo: tuple[bytes, str] | None = None,
    generated: dt.date | None = None,
) -> bytes:
    """The summary as a one- or two-page A4 PDF."""
    doc = PdfDoc()
    _header(doc, s, lang, logo)
    doc.heading(t("executive.report.figures", lang))
    _figure_boxes(doc, s, lang, s.figures)
    doc.heading(t("executive.story_title", lang))
    for sentence in executive.narrative(s, lang):
        doc.line(sentence)
        doc.pdf.ln(1)
    if s.comment:
        doc.heading(t("executive.comment_title", lang))
        doc.line(s.comment)
    doc.heading(t("executive.goals_title", lang))
    if s.goals:
        _goals(doc, s, lang)
    else:
        doc.line(t("executive.goals_none", lang), 9, color=MUTED)
    if not s.trend.empty:
        doc.heading(t("executive.chart.growing", lang))
        doc.image(chart_png(localized(growth_chart(s.trend, lang).properties(title=""), lang)))
    if (s.networks["conversions"].fillna(0) > 0).any():
        doc.heading(t("executive.chart.pays_off", lang))
        chart = pays_off_chart(s.networks, lang, s.currency).properties(title="")
        doc.image(chart_png(localized(chart, lang)))
    if not s.networks.empty:
        doc.heading(t("executive.report.networks", lang))
        _networks(doc, s, lang)
    if s.vanity:
        doc.heading(t("executive.pinned_title", lang))
        _figure_boxes(doc, s, lang, s.vanity)
    doc.pdf.ln(4)
    generated = generated or dt.date.today()
    doc.line(
        t("executive.report.generated", lang, date=format_date(generated, lang)), 8, color=MUTED
    )
    return doc.output()
