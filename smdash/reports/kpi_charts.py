"""Altair charts of KPI progress, and the annotation layer every time chart can add.

``with_annotations(chart, notes, lang)`` takes any chart whose x axis is a date and returns it
with the annotations drawn on top: a shaded band for a span, a dashed rule for a single day,
the note as a label and in the tooltip.
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from smdash.core.i18n import date_pattern, money_title, t

HEIGHT = 320
LABEL_CHARS = 28
ANNOTATION_COLOR = "#7f7f7f"


def _number_format(unit: str) -> str:
    return ",.2f" if unit in ("percent", "currency") else ",.0f"


def progress_lines(
    series: pd.DataFrame,
    pace: pd.DataFrame,
    forecast: pd.DataFrame,
    target: float,
    target_span: tuple[dt.date, dt.date],
    lang: str,
) -> pd.DataFrame:
    """The chart's data in long form: day, value, line (translated), one row per point."""
    names = {k: t(f"kpipage.{k}", lang) for k in ("series", "pace", "forecast_line", "target_line")}
    parts = [
        pd.DataFrame(
            {"day": series["period_end"], "value": series["value"], "line": names["series"]}
        ),
        pace.assign(line=names["pace"]),
        forecast.assign(line=names["forecast_line"]),
        pd.DataFrame(
            {"day": list(target_span), "value": [target, target], "line": names["target_line"]}
        ),
    ]
    data = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    data["day"] = pd.to_datetime(data["day"])
    return data


def progress_chart(data: pd.DataFrame, unit: str, lang: str, currency: str = "EUR") -> alt.Chart:
    """The KPI so far, the target, the ideal pace and the forecast, one line each; the value
    axis of an amount says its currency."""
    date, value, line = (t(f"kpipage.{k}", lang) for k in ("date", "value", "line"))
    value = money_title(value, currency) if unit == "currency" else value
    dashed = [t("kpipage.pace", lang), t("kpipage.forecast_line", lang)]
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", title=date),
            y=alt.Y("value:Q", title=value),
            color=alt.Color("line:N", title=line),
            strokeDash=alt.condition(
                alt.FieldOneOfPredicate(field="line", oneOf=dashed),
                alt.value([6, 4]),
                alt.value([1, 0]),
            ),
            tooltip=[
                alt.Tooltip("line:N", title=line),
                alt.Tooltip("day:T", title=date, format=date_pattern(lang)),
                alt.Tooltip("value:Q", title=value, format=_number_format(unit)),
            ],
        )
        .properties(height=HEIGHT)
    )


def visible_annotations(
    notes: pd.DataFrame, date_from: dt.date | None, date_to: dt.date | None
) -> pd.DataFrame:
    """The annotations that overlap the dates, clipped to them (all when no dates)."""
    shown = notes.copy()
    if date_from is not None:
        shown = shown[shown["date_to"] >= date_from]
        shown["date_from"] = shown["date_from"].clip(lower=date_from)
    if date_to is not None:
        shown = shown[shown["date_from"] <= date_to]
        shown["date_to"] = shown["date_to"].clip(upper=date_to)
    return shown.reset_index(drop=True)


def annotation_layer(notes: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Bands for spans, dashed rules for single days, labels at the top, tooltips."""
    data = notes.assign(
        start=pd.to_datetime(notes["date_from"]),
        end=pd.to_datetime(notes["date_to"]) + pd.Timedelta(hours=23, minutes=59),
        label=notes["note"].str.slice(0, LABEL_CHARS),
    )
    tooltip = [
        alt.Tooltip("note:N", title=t("annotations.title", lang)),
        alt.Tooltip("start:T", title=t("annotations.from", lang), format=date_pattern(lang)),
        alt.Tooltip("end:T", title=t("annotations.to", lang), format=date_pattern(lang)),
    ]
    base = alt.Chart(data)
    spans = base.transform_filter("datum.date_from != datum.date_to").mark_rect(
        opacity=0.12, color=ANNOTATION_COLOR
    )
    days = base.transform_filter("datum.date_from == datum.date_to").mark_rule(
        strokeDash=[4, 3], color=ANNOTATION_COLOR
    )
    labels = base.mark_text(
        align="left", baseline="top", dx=3, dy=3, fontSize=10, color=ANNOTATION_COLOR
    ).encode(x=alt.X("start:T"), y=alt.YValue(0), text=alt.Text("label:N"), tooltip=tooltip)
    return alt.layer(
        spans.encode(x=alt.X("start:T"), x2=alt.X2("end:T"), tooltip=tooltip),
        days.encode(x=alt.X("start:T"), tooltip=tooltip),
        labels,
    )


def with_annotations(
    chart: alt.TopLevelMixin,
    notes: pd.DataFrame | None,
    lang: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> alt.TopLevelMixin:
    """``chart`` (its x axis a date) with the annotations between the dates drawn over it.

    ``notes`` has the columns of ``annotations.annotations()`` (date_from, date_to, note).
    Without notes in range the chart comes back unchanged.
    """
    if notes is None or notes.empty:
        return chart
    shown = visible_annotations(notes, date_from, date_to)
    if shown.empty:
        return chart
    height = getattr(chart, "height", alt.Undefined)
    layered = alt.layer(chart, annotation_layer(shown, lang))
    return layered.properties(height=height) if height is not alt.Undefined else layered
