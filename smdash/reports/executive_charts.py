"""The executive summary's two charts, one per question the director asks.

- "Is it growing?": visits from social networks per month (bars) and conversions (line, right
  axis), the period's month and the twelve before;
- "Which network pays off?": conversions per network (bars), labelled with what each conversion
  cost on that network when it had spend.

Both return Altair charts with fixed sizes, so the page and the PDF (rendered offline by
vl-convert) draw the same thing.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from smdash.core.i18n import format_number, month_name, t
from smdash.executive import money
from smdash.plan.objectives import scope_name

WIDTH = 640
HEIGHT = 260
VISITS_COLOR = "#4c78a8"
CONVERSIONS_COLOR = "#f58518"


def _month_label(day, lang: str) -> str:
    return f"{month_name(day.month, lang)[:3]} {day:%y}"


def growth_data(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    data = trend[["visits", "conversions"]].copy()
    data.insert(0, "label", [_month_label(month, lang) for month in trend["month"]])
    return data


def growth_chart(trend: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Visits per month as bars, conversions as a line on their own axis."""
    data = growth_data(trend, lang)
    visits, conversions = (t(f"executive.figure.{k}", lang) for k in ("visits", "conversions"))
    month = t("executive.chart.month", lang)
    x = alt.X("label:N", sort=list(data["label"]), title=month, axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data).encode(x=x)
    bars = base.mark_bar(color=VISITS_COLOR, opacity=0.8).encode(
        y=alt.Y("visits:Q", title=visits, axis=alt.Axis(titleColor=VISITS_COLOR)),
        tooltip=[
            alt.Tooltip("label:N", title=month),
            alt.Tooltip("visits:Q", title=visits, format=",.0f"),
            alt.Tooltip("conversions:Q", title=conversions, format=",.0f"),
        ],
    )
    line = base.mark_line(color=CONVERSIONS_COLOR, point=True, strokeWidth=3).encode(
        y=alt.Y("conversions:Q", title=conversions, axis=alt.Axis(titleColor=CONVERSIONS_COLOR)),
    )
    return (
        alt.layer(bars, line)
        .resolve_scale(y="independent")
        .properties(width=WIDTH, height=HEIGHT, title=t("executive.chart.growing", lang))
    )


def pays_off_data(networks: pd.DataFrame, lang: str, currency: str) -> pd.DataFrame:
    data = networks[["network", "conversions", "spend", "cost_per_conversion"]].copy()
    data = data[data["conversions"].fillna(0) > 0].copy()
    data["name"] = [scope_name(n, lang) for n in data["network"]]
    data["label"] = [
        ""
        if pd.isna(cost)
        else t("executive.chart.per_conversion", lang, cost=money(cost, lang, currency, 2))
        for cost in data["cost_per_conversion"]
    ]
    data["conversions_text"] = [format_number(v, lang) for v in data["conversions"]]
    return data.sort_values(["conversions", "network"], ascending=[False, True])


def _top(values: pd.Series) -> float:
    top = values.max()
    return float(top) if pd.notna(top) and top > 0 else 1.0


def pays_off_chart(networks: pd.DataFrame, lang: str, currency: str) -> alt.LayerChart:
    """Conversions per network, with the cost per conversion next to each bar."""
    data = pays_off_data(networks, lang, currency)
    conversions = t("executive.figure.conversions", lang)
    cost = t("executive.figure.cost_per_conversion", lang)
    network = t("executive.chart.network", lang)
    y = alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelOverlap=False))
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(color=CONVERSIONS_COLOR).encode(
        # room on the right for the cost label beside the longest bar
        x=alt.X(
            "conversions:Q",
            title=conversions,
            scale=alt.Scale(domain=[0, _top(data["conversions"]) * 1.45]),
        ),
        tooltip=[
            alt.Tooltip("name:N", title=network),
            alt.Tooltip("conversions_text:N", title=conversions),
            alt.Tooltip("label:N", title=cost),
        ],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(
        x=alt.X("conversions:Q"), text=alt.Text("label:N")
    )
    height = max(120, 40 * len(data))
    return alt.layer(bars, labels).properties(
        width=WIDTH, height=height, title=t("executive.chart.pays_off", lang)
    )
