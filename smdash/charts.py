"""Altair chart builders: each returns an ``alt.Chart``; one look for the whole app."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smdash.i18n import t

HEIGHT = 320


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
