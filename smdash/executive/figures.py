"""The headline figures of a period, by network, and the months of the trend."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from smdash.core.networks import ALL_SOCIAL
from smdash.core.periods import (
    add_months,
    month_start,
)
from smdash.executive.goals import GoalStatus
from smdash.executive.periods import Period, month_period
from smdash.executive.terms import HEADLINES, TREND_MONTHS, VANITY
from smdash.metrics import kpis, summary, traffic
from smdash.metrics.attribution import network_lookup
from smdash.plan import costs, objectives


@dataclass(frozen=True)
class Figure:
    key: str
    unit: str
    direction: str
    value: float | None
    previous: float | None = None
    year_before: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def change(self) -> float | None:
        return relative_change(self.value, self.previous)

    @property
    def change_year(self) -> float | None:
        return relative_change(self.value, self.year_before)


def relative_change(now: float | None, before: float | None) -> float | None:
    if now is None or not before:
        return None
    return (now - before) / abs(before)


def _kpi(con, key: str, period: Period) -> float | None:
    value = kpis.value(con, key, kpis.ALL, period.start, period.end)
    return None if value is None else round(value, 2)


def comparable(period: Period | None, first_day: dt.date | None) -> Period | None:
    """A period to compare with, when the data covers its months: a year whose data starts in
    May is not set against a whole year."""
    if period is None or (first_day is not None and period.start < month_start(first_day)):
        return None
    return period


def _business_values(con, period: Period | None) -> dict[str, float | None]:
    if period is None:
        return dict.fromkeys(("visits", "conversions", "revenue", "spend", "cost_per_conversion"))
    return {
        "visits": _kpi(con, "sessions", period),
        "conversions": _kpi(con, "conversions", period),
        "revenue": _kpi(con, "revenue", period),
        "spend": costs.total_spend(con, period.start, period.end),
        "cost_per_conversion": _kpi(con, "cost_per_conversion", period),
    }


def headline_figures(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    goals: list[GoalStatus],
    first_day: dt.date | None = None,
) -> list[Figure]:
    """The six headline figures with the previous period and the year before; a comparison
    that starts before the data (``first_day``) is left out rather than set against a part."""
    now = _business_values(con, period)
    before = _business_values(con, comparable(period.previous(), first_day))
    year = _business_values(con, comparable(period.year_before(), first_day))
    figures = [
        Figure(key, unit, direction, now[key], before[key], year[key])
        for key, unit, direction in HEADLINES
        if key != "objectives"
    ]
    return [*figures, objectives_figure(goals)]


def objectives_figure(goals: list[GoalStatus]) -> Figure:
    counts = {status: 0 for status in objectives.STATUSES}
    for goal in goals:
        for status, count in goal.counts.items():
            counts[status] += count
    total = sum(counts.values())
    on_track = counts["achieved"] + counts["on_track"]
    return Figure(
        "objectives",
        "objectives",
        kpis.UP,
        float(on_track) if total else None,
        extra={"total": total, **counts},
    )


def vanity_figures(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    keys: list[str],
    first_day: dt.date | None = None,
) -> list:
    """The pinned vanity metrics (KPIs over all social networks), with their comparisons; a
    follower count with how many accounts it adds up (``extra["accounts"]``)."""
    previous = comparable(period.previous(), first_day)
    year = comparable(period.year_before(), first_day)

    def compared(key: str, other: Period | None) -> float | None:
        return None if other is None else _kpi(con, key, other)

    return [
        Figure(
            key,
            kpis.KPIS[key].unit,
            kpis.KPIS[key].direction,
            _kpi(con, key, period),
            compared(key, previous),
            compared(key, year),
            extra={"accounts": kpis.accounts_added(con, key, kpis.ALL, period.start, period.end)},
        )
        for key in keys
        if key in VANITY
    ]


def network_table(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    """Per social network with data in the period: visits, conversions, revenue, spend, cost per
    conversion and revenue per unit spent. Largest number of visits first. 'other social' (social
    traffic of no network smdash names, such as GA4's Organic Social channel) is one of them,
    since the headline visits count it."""
    result = summary.summary(con, period.start, period.end)["networks"]
    spend = costs.network_spend(con, period.start, period.end)
    rows = []
    for network in ALL_SOCIAL:
        figures = result.get(network, {})
        row = {
            "network": network,
            "visits": figures.get("sessions"),
            "conversions": figures.get("conversions"),
            "revenue": figures.get("revenue"),
            "spend": spend.get(network),
        }
        if any(row[k] is not None for k in ("visits", "conversions", "spend")):
            rows.append(row)
    table = pd.DataFrame(rows, columns=["network", "visits", "conversions", "revenue", "spend"])
    for column in ("visits", "conversions", "revenue", "spend"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64")
    conversions = table["conversions"].where(table["conversions"] > 0)
    table["cost_per_conversion"] = (table["spend"] / conversions).round(2)
    table["return_on_spend"] = (table["revenue"] / table["spend"].where(table["spend"] > 0)).round(
        2
    )
    table = table.sort_values(["visits", "network"], ascending=[False, True], na_position="last")
    return table.reset_index(drop=True)


def campaign_spend(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    """Spend per network and campaign with the results the ads exports give and the
    conversions Traffic credits the campaign with (its UTM campaign, merges applied), so the
    Costs page and Traffic agree; cost per conversion from those."""
    spend = costs.spend_by(con, period.start, period.end, "campaign")
    credited = traffic.by_campaign(con, traffic.Filters(period.start, period.end))
    credited = credited.assign(key=credited["name"].str.strip().str.lower())
    by_key = credited.groupby("key")["conversions"].sum()
    key = spend["campaign"].fillna("").str.strip().str.lower()
    spend["conversions"] = key.map(by_key).where(key != "").astype("float64")
    spend["results"] = spend["results"].astype("float64")
    conversions = spend["conversions"].where(spend["conversions"] > 0)
    spend["cost_per_conversion"] = (spend["amount"] / conversions).round(2)
    return spend


OTHER, TOTAL = "other", "total"  # the rows that make the network table add up


def with_totals(table: pd.DataFrame, figures: list[Figure]) -> pd.DataFrame:
    """The network table with the rows that make it the whole: ``other`` (spend not tied to
    one of the listed networks: the agency, staff, tools...) and ``total`` (the headline
    figures, so the cost per conversion is the one at the top of the page)."""
    values = {f.key: f.value for f in figures}
    other = (values["spend"] or 0) - table["spend"].fillna(0).sum()
    rows = []
    if round(other, 2) > 0:
        rows.append({"network": OTHER, "spend": round(other, 2)})
    rows.append(
        {
            "network": TOTAL,
            **{k: values[k] for k in ("visits", "conversions", "revenue", "spend")},
            "cost_per_conversion": values["cost_per_conversion"],
            "return_on_spend": round(values["revenue"] / values["spend"], 2)
            if values["revenue"] is not None and values["spend"]
            else None,
        }
    )
    extra = pd.DataFrame(rows, columns=table.columns).astype({"network": "object"})
    numbers = [c for c in table.columns if c != "network"]
    extra[numbers] = extra[numbers].astype("float64")
    return pd.concat([table, extra], ignore_index=True)


def monthly_trend(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    """Per month up to the period's last month (at least ``TREND_MONTHS``): social visits,
    conversions, revenue and spend. Months without any data are left out."""
    last = month_period(period.end)
    first = min(month_start(period.start), add_months(last.start, 1 - TREND_MONTHS))
    with network_lookup(con):
        frame = con.execute(
            """WITH web AS (
                   SELECT CAST(date_trunc('month', w.date_from) AS DATE) AS month,
                          sum(w.sessions) AS visits, sum(w.conversions) AS conversions,
                          sum(w.revenue) AS revenue
                   FROM web_traffic w JOIN source_networks_view n
                     ON n.source = w.source AND n.medium = w.medium
                   WHERE list_contains($networks, n.network) AND w.date_from = w.date_to
                     AND w.date_from BETWEEN $date_from AND $date_to
                   GROUP BY 1),
               spent AS (
                   SELECT CAST(date_trunc('month', day) AS DATE) AS month, sum(amount) AS spend
                   FROM cost_days WHERE day BETWEEN $date_from AND $date_to GROUP BY 1)
               SELECT month, web.visits, web.conversions, web.revenue, round(spent.spend, 2)
                      AS spend
               FROM web FULL JOIN spent USING (month) ORDER BY month""",
            {"networks": list(ALL_SOCIAL), "date_from": first, "date_to": last.end},
        ).df()
    for column in ("visits", "conversions", "revenue", "spend"):
        frame[column] = frame[column].astype("float64")
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame
