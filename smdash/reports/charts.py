"""Altair chart builders: each returns an ``alt.Chart``; one look for the whole app.

``localized(chart, lang)`` is applied last, to the chart as shown (the page's or the PDF's):
Vega formats with en-US unless the spec carries a locale (and writes time ticks month first),
and a chart with a config can no longer be layered.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from smdash.core.i18n import CHART_LOCALES, CHART_TIME_LABELS, TIME_UNIT_FORMATS, t

HEIGHT = 320


def warm_up() -> None:
    """Pay once what a process's first chart costs above the others (Altair reads and compiles
    the Vega-Lite schema it checks every chart against): the app does it in the background
    when it starts, rather than in the first page that shows a chart."""
    frame = pd.DataFrame({"day": pd.to_datetime(["2026-01-01"]), "value": [1.0]})
    chart = alt.Chart(frame).mark_line().encode(x="day:T", y="value:Q", tooltip=["value:Q"])
    alt.layer(chart, chart.mark_rule()).to_dict()


def localized(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """``chart`` writing numbers and dates as ``lang`` does (``1.234,5``, ``ene``, ``28 sep``).

    A copy with ``config.locale`` set and, for time axes without a format of their own, the
    language's ``CHART_TIME_LABELS`` (day before month); the rest of its config kept. English
    (Vega's default en-US) comes back unchanged. Only for a top-level chart: do it after any
    layering.
    """
    locale = CHART_LOCALES.get(lang)
    if locale is None:
        return chart
    copy = chart.copy(deep=["config"])
    if copy.config is alt.Undefined:
        copy.config = alt.Config()
    copy.config["locale"] = alt.Locale(**locale)
    time_labels = CHART_TIME_LABELS.get(lang)
    if time_labels is not None:
        temporal = copy.config["axisTemporal"]
        if temporal is alt.Undefined:
            temporal = copy.config["axisTemporal"] = alt.AxisConfig()
        if temporal["format"] is alt.Undefined:
            temporal["format"] = alt.TimeFormatSpecifier(**time_labels)
    return copy


def time_unit_format(unit: str, lang: str):
    """How ``lang`` writes a field with time ``unit``: ``28 sep 2026``, ``sep 2026``.

    Undefined (Vega-Lite's own ``Sep 28, 2026``) for English and for units with no pattern of
    their own; as the ``format`` of the field's tooltip.
    """
    return TIME_UNIT_FORMATS.get(lang, {}).get(unit, alt.Undefined)


def time_unit_axis(unit: str, lang: str):
    """The ``axis`` of a position with time ``unit``: ``time_unit_format`` on every tick."""
    pattern = time_unit_format(unit, lang)
    return alt.Undefined if pattern is alt.Undefined else alt.Axis(format=pattern)


def monthly_sessions_chart(data: pd.DataFrame, lang: str) -> alt.Chart:
    """Sessions per month, one line per network (by its name in ``lang``), with tooltips."""
    month, network, sessions = (
        t(k, lang) for k in ("figure.month", "figure.network", "figure.sessions")
    )
    return (
        alt.Chart(
            data.assign(network=[t(f"network.{n}", lang) for n in data["network"]]).rename(
                columns={"month": month, "network": network, "sessions": sessions}
            )
        )
        .mark_line(point=True)
        .encode(
            x=alt.X(
                f"{month}:T",
                timeUnit="yearmonth",
                axis=time_unit_axis("yearmonth", lang),
                title=month,  # else Vega-Lite adds '(year-month)' in English
            ),
            y=alt.Y(f"{sessions}:Q"),
            color=alt.Color(f"{network}:N"),
            tooltip=[
                alt.Tooltip(
                    f"{month}:T",
                    timeUnit="yearmonth",
                    format=time_unit_format("yearmonth", lang),
                    title=month,
                ),
                f"{network}:N",
                alt.Tooltip(f"{sessions}:Q", format=",.0f"),
            ],
        )
        .properties(height=HEIGHT)
    )
