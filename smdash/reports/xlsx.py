"""The executive summary as an XLSX workbook, one sheet per table."""

from __future__ import annotations

import pandas as pd

from smdash import executive
from smdash.core.i18n import t, xlsx_money_format
from smdash.core.spreadsheet import write_xlsx
from smdash.executive import (
    Figure,
    Summary,
    figure_label,
    figure_value,
    period_line,
)
from smdash.metrics import kpis
from smdash.metrics.accounts import followers_text


def _number(figure: Figure, value: float | None) -> float | str | None:
    if figure.key == "objectives" or value is None:
        return None
    return round(value, 2)


def _percent(change: float | None) -> float | None:
    return None if change is None else round(change * 100, 1)


def figures_table(s: Summary, lang: str, include_vanity: bool = True) -> pd.DataFrame:
    """One row per figure: value, previous period, a year earlier (not for a year: its previous
    period is the year before), and the changes in %."""
    previous, year = s.period.previous().label(lang), s.period.year_before()
    rows = []
    for figure in [*s.figures, *(s.vanity if include_vanity else [])]:
        value = (
            figure_value(figure, lang, s.currency)
            if figure.key == "objectives"
            else _number(figure, figure.value)
        )
        rows.append(
            [
                followers_text(figure_label(figure.key, lang), figure.extra.get("accounts"), lang),
                value,
                _number(figure, figure.previous),
                _percent(figure.change),
                _number(figure, figure.year_before),
                _percent(figure.change_year),
            ]
        )
    columns = [
        t("executive.report.figure", lang),
        t("executive.report.value", lang),
        t("executive.report.previous", lang, period=previous),
        t("executive.report.change_previous", lang) + " (%)",
        t("executive.report.year_before", lang, period=year.label(lang) if year else ""),
        t("executive.report.change_year", lang) + " (%)",
    ]
    table = pd.DataFrame(rows, columns=columns)
    return table if year else table.iloc[:, :4]


def story_table(s: Summary, lang: str) -> pd.DataFrame:
    lines = [
        t("executive.report.title", lang),
        s.business,
        period_line(s, lang),
        "",
        *executive.narrative(s, lang),
    ]
    if s.comment:
        lines += ["", t("executive.report.comment", lang) + ":", s.comment]
    return pd.DataFrame({t("executive.report.story", lang): lines})


def networks_table(s: Summary, lang: str) -> pd.DataFrame:
    """The networks, the other costs and the total (the headline figures)."""
    table = s.network_rows()
    table["network"] = [executive.network_row_name(n, lang) for n in table["network"]]
    return table.rename(columns={c: t(f"executive.column.{c}", lang) for c in table.columns})


def trend_table(s: Summary, lang: str) -> pd.DataFrame:
    table = s.trend.copy()
    return table.rename(columns={c: t(f"executive.column.{c}", lang) for c in table.columns})


def goals_table(s: Summary, lang: str) -> pd.DataFrame:
    rows = []
    for goal in s.goals:
        name = goal.name or t("executive.goal.no_goal", lang)
        rows.append([name, t(f"executive.light.{goal.light}", lang), goal.line(lang), ""])
        for item in goal.objectives:
            status = t(f"objectives.status.{item.status}", lang)
            rows.append([name, status, "", item.statement])
    columns = [
        t("executive.report.goal", lang),
        t("executive.report.light", lang),
        t("executive.report.line", lang),
        t("executive.report.objective", lang),
    ]
    return pd.DataFrame(rows, columns=columns)


COUNT_FORMAT = "#,##0"
MONEY_COLUMNS = ("revenue", "spend", "cost_per_conversion")  # of the network and month sheets


def _figure_format(figure: Figure, lang: str, currency: str) -> str | None:
    if figure.unit == kpis.CURRENCY:
        return xlsx_money_format(lang, currency, 2 if figure.key == "cost_per_conversion" else 0)
    return COUNT_FORMAT if figure.unit == kpis.COUNT else None


def number_formats(s: Summary, lang: str) -> dict:
    """The workbook's number formats: amounts in the workspace's currency (numbers that show
    it), counts with thousands separators; the figures sheet's value columns row by row."""
    column = {
        c: t(f"executive.column.{c}", lang) for c in (*MONEY_COLUMNS, "visits", "conversions")
    }
    formats = {column[c]: xlsx_money_format(lang, s.currency, 2) for c in MONEY_COLUMNS}
    formats |= {column["visits"]: COUNT_FORMAT, column["conversions"]: COUNT_FORMAT}
    figures = figures_table(s, lang)
    rows = [_figure_format(f, lang, s.currency) for f in (*s.figures, *s.vanity)]
    for index in (1, 2, 4):  # the value, the previous period's and a year earlier's
        if index < len(figures.columns):
            formats[figures.columns[index]] = rows
    return formats


def xlsx_report(s: Summary, lang: str) -> bytes:
    """The summary as a workbook: story, figures, networks, months, goals."""
    sheets = {
        t("executive.report.story", lang): story_table(s, lang),
        t("executive.report.figures", lang): figures_table(s, lang),
        t("executive.report.networks", lang): networks_table(s, lang),
        t("executive.report.trend", lang): trend_table(s, lang),
        t("executive.report.goals", lang): goals_table(s, lang),
    }
    return write_xlsx(sheets, number_formats(s, lang))
