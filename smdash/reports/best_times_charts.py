"""The best-times heatmap: weekdays down, hours across, each cell coloured by its median, with
the number of posts behind it; cells with too few posts grey, the best times outlined."""

from __future__ import annotations

import altair as alt
import pandas as pd

from smdash.core.i18n import format_number, t
from smdash.metrics.best_times import Cell

FIGURE_KEYS = {
    "engagement_rate": "best_times.figure.engagement_rate",
    "reach": "best_times.figure.reach",
    "link_clicks": "best_times.figure.link_clicks",
}
NAME_KEYS = {
    "day": "best_times.chart.day",
    "hour": "best_times.chart.hour",
    "posts": "best_times.chart.posts",
    "best": "best_times.chart.best",
}


def _hour(hour: int) -> str:
    return f"{hour:02d}:00"


def heatmap_data(cells: list[Cell], best: list[Cell], figure: str, lang: str) -> pd.DataFrame:
    """One row per cell with posts: its weekday and hour as shown, posts, value, the value as
    text ("not enough posts" when too few), and its rank among the best times (or None)."""
    ranks = {(c.weekday, c.hour): rank for rank, c in enumerate(best, 1)}
    decimals = 2 if figure == "engagement_rate" else 0
    return pd.DataFrame(
        {
            "day": [t(f"links.weekday.{c.weekday - 1}", lang) for c in cells],
            "hour": [_hour(c.hour) for c in cells],
            "posts": [c.posts for c in cells],
            "value": [c.value for c in cells],
            "shown": [
                t("best_times.too_few", lang)
                if c.value is None
                else format_number(c.value, lang, decimals) + (" %" if decimals else "")
                for c in cells
            ],
            "best": [ranks.get((c.weekday, c.hour)) for c in cells],
        },
        columns=["day", "hour", "posts", "value", "shown", "best"],
    )


def heatmap(cells: list[Cell], best: list[Cell], figure: str, lang: str) -> alt.LayerChart:
    """The weekday x hour heatmap of ``figure``'s median (as ``best_times.cells`` gives it)."""
    data = heatmap_data(cells, best, figure, lang)
    days = [t(f"links.weekday.{i}", lang) for i in range(7)]
    names = {name: t(key, lang) for name, key in NAME_KEYS.items()}
    value_title = t(FIGURE_KEYS[figure], lang)
    x = alt.X(
        "hour:O",
        scale=alt.Scale(domain=[_hour(h) for h in hours_shown(cells)]),
        axis=alt.Axis(labelAngle=0),
        title=names["hour"],
    )
    y = alt.Y("day:O", scale=alt.Scale(domain=days), title=names["day"])
    tooltip = [
        alt.Tooltip("day:O", title=names["day"]),
        alt.Tooltip("hour:O", title=names["hour"]),
        alt.Tooltip("posts:Q", title=names["posts"]),
        alt.Tooltip("shown:N", title=value_title),
        alt.Tooltip("best:O", title=names["best"]),
    ]
    base = alt.Chart(data).encode(x=x, y=y, tooltip=tooltip)
    light = alt.Scale(range=["#dbe9f6", "#4a90c8"])  # light enough for the counts to be read
    rated = (
        base.transform_filter("datum.value != null")
        .mark_rect()
        .encode(color=alt.Color("value:Q", title=value_title, scale=light))
    )
    too_few = base.transform_filter("datum.value == null").mark_rect(color="#d4d4d4")
    outlined = base.transform_filter("datum.best != null").mark_rect(
        filled=False, stroke="#d62728", strokeWidth=3
    )
    counts = base.mark_text(fontSize=12, color="#222222").encode(text=alt.Text("posts:Q"))
    return (too_few + rated + outlined + counts).properties(height=7 * 40)


def hours_shown(cells: list[Cell]) -> list[int]:
    """From an hour before the earliest posts to an hour after the latest (0-23)."""
    first = max(0, min(c.hour for c in cells) - 1)
    last = min(23, max(c.hour for c in cells) + 1)
    return list(range(first, last + 1))
