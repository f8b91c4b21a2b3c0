"""The whole summary of a period: figures, comparisons, goals, comment."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from smdash.executive.figures import (
    Figure,
    headline_figures,
    monthly_trend,
    network_table,
    vanity_figures,
    with_totals,
)
from smdash.executive.goals import GoalStatus, goal_statuses
from smdash.executive.periods import Period
from smdash.executive.settings import business_name, comment, pinned
from smdash.metrics.attribution import network_lookup
from smdash.metrics.summary import data_range
from smdash.plan import costs


@dataclass(frozen=True)
class Summary:
    period: Period
    currency: str
    figures: list[Figure]
    vanity: list[Figure]
    networks: pd.DataFrame
    trend: pd.DataFrame
    goals: list[GoalStatus]
    comment: str
    business: str
    other_currencies: list[str]

    def figure(self, key: str) -> Figure:
        return next(f for f in [*self.figures, *self.vanity] if f.key == key)

    def network_rows(self) -> pd.DataFrame:
        """The networks with the other costs and the total: the table that adds up."""
        return with_totals(self.networks, self.figures)


def build(con: duckdb.DuckDBPyConnection, period: Period) -> Summary:
    """The summary of ``period``, cut to the data's last day when the data ends inside it (see
    Period.to_date: the summary's period then says "to date")."""
    first_day, last_day = data_range(con)
    period = period.to_date(last_day)
    with network_lookup(con):  # one attribution for the many queries below
        goals = goal_statuses(con, period)
        return Summary(
            period=period,
            currency=costs.currency(con),
            figures=headline_figures(con, period, goals, first_day),
            vanity=vanity_figures(con, period, pinned(con), first_day),
            networks=network_table(con, period),
            trend=monthly_trend(con, period),
            goals=goals,
            comment=comment(con, period),
            business=business_name(con),
            other_currencies=costs.other_currencies(con, period.start, period.end),
        )
