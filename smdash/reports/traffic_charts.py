"""Altair charts of the Traffic page: figures over time by network, paid vs organic, campaigns.

Builders take the data and the labels already translated; they return ``alt.Chart`` and know
nothing of Streamlit. The page layers annotations on the time chart with
``kpi_charts.with_annotations``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from smdash.reports.charts import time_unit_axis, time_unit_format

HEIGHT = 320
RATE_FIGURES = ("engagement_rate", "conversion_rate")
TIME_UNITS = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth"}


def _number_format(figure: str) -> str:
    if figure in RATE_FIGURES:
        return ".1%"
    return ",.2f" if figure == "revenue" else ",.0f"


def over_time_chart(
    data: pd.DataFrame, figure: str, grain: str, labels: dict[str, str], lang: str
) -> alt.Chart:
    """One line per network; ``labels`` names 'period', 'network' and ``figure``; dates are
    written as ``lang`` does."""
    period, network, value = labels["period"], labels["network"], labels[figure]
    frame = data.rename(columns={"period": period, "network_label": network, figure: value})
    unit = TIME_UNITS[grain]
    return (
        alt.Chart(frame[[period, network, value]])
        .mark_line(point=grain != "day")
        .encode(
            x=alt.X(f"{period}:T", timeUnit=unit, title=None, axis=time_unit_axis(unit, lang)),
            y=alt.Y(
                f"{value}:Q", axis=alt.Axis(format=_number_format(figure).replace(",.2f", ",.0f"))
            ),
            color=alt.Color(f"{network}:N", legend=alt.Legend(orient="bottom", columns=6)),
            tooltip=[
                alt.Tooltip(
                    f"{period}:T",
                    timeUnit=unit,
                    format=time_unit_format(unit, lang),
                    title=period,  # else Vega-Lite adds '(year-month-date)' in English
                ),
                alt.Tooltip(f"{network}:N"),
                alt.Tooltip(f"{value}:Q", format=_number_format(figure)),
            ],
        )
        .properties(height=HEIGHT)
    )


def paid_organic_chart(data: pd.DataFrame, labels: dict[str, str]) -> alt.Chart:
    """Sessions per network as a bar split into paid and organic."""
    network, kind, sessions = labels["network"], labels["kind"], labels["sessions"]
    frame = pd.DataFrame(
        {network: data["network_label"], kind: data["kind_label"], sessions: data["sessions"]}
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{network}:N", sort="-x", title=None),
            x=alt.X(f"sum({sessions}):Q", title=sessions),
            color=alt.Color(f"{kind}:N", legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip(f"{network}:N"),
                alt.Tooltip(f"{kind}:N"),
                alt.Tooltip(f"{sessions}:Q", format=",.0f"),
            ],
        )
        .properties(height=alt.Step(22))
    )


def campaign_split_chart(data: pd.DataFrame, labels: dict[str, str]) -> alt.Chart:
    """Sessions per campaign, each bar split by the network the visits came through."""
    campaign, network, sessions = labels["campaign"], labels["network"], labels["sessions"]
    conversions = labels["conversions"]
    frame = pd.DataFrame(
        {
            campaign: data["campaign"],
            network: data["network_label"],
            sessions: data["sessions"],
            conversions: data["conversions"],
        }
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{campaign}:N", sort="-x", title=None),
            x=alt.X(f"sum({sessions}):Q", title=sessions),
            color=alt.Color(f"{network}:N", legend=alt.Legend(orient="bottom", columns=6)),
            tooltip=[
                alt.Tooltip(f"{campaign}:N"),
                alt.Tooltip(f"{network}:N"),
                alt.Tooltip(f"{sessions}:Q", format=",.0f"),
                alt.Tooltip(f"{conversions}:Q", format=",.0f"),
            ],
        )
        .properties(height=alt.Step(26))
    )
