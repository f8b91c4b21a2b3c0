"""Altair chart builders: each returns an ``alt.Chart``; one look for the whole app.

``localized(chart, lang)`` is applied last, to the chart as shown (the page's or the PDF's):
Vega formats with en-US unless the spec carries a locale, and a chart with a config can no
longer be layered.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from smdash.i18n import CHART_LOCALES, t

HEIGHT = 320


def localized(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """``chart`` writing numbers and dates as ``lang`` does (``1.234,5``, ``ene``, ``lunes``).

    A copy with ``config.locale`` set, the rest of its config kept; English (Vega's default
    en-US) comes back unchanged. Only for a top-level chart: do it after any layering.
    """
    locale = CHART_LOCALES.get(lang)
    if locale is None:
        return chart
    copy = chart.copy(deep=["config"])
    if copy.config is alt.Undefined:
        copy.config = alt.Config()
    copy.config["locale"] = alt.Locale(**locale)
    return copy


def monthly_sessions_chart(data: pd.DataFrame, lang: str) -> alt.Chart:
    """Sessions per month, one line per network, with tooltips."""
    month, network, sessions = (
        t(k, lang) for k in ("figure.month", "figure.network", "figure.sessions")
    )
    return (
        alt.Chart(data.rename(columns={"month": month, "network": network, "sessions": sessions}))
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{month}:T", timeUnit="yearmonth"),
            y=alt.Y(f"{sessions}:Q"),
            color=alt.Color(f"{network}:N"),
            tooltip=[
                alt.Tooltip(f"{month}:T", timeUnit="yearmonth"),
                f"{network}:N",
                alt.Tooltip(f"{sessions}:Q", format=",.0f"),
            ],
        )
        .properties(height=HEIGHT)
    )
