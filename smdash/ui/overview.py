"""The Overview page's glue: the summary of a period and the sessions trend."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from smdash.core.periods import days_before, default_range
from smdash.metrics import accounts, summary
from smdash.reports import charts
from smdash.ui.accounts import followers_text
from smdash.ui.annotations import annotated
from smdash.ui.runtime import (
    ahead_of_visits,
    kept,
    lang,
    load_data_range,
    loader,
    money,
    number,
    tr,
)
from smdash.ui.traffic import change

load_summary = loader(summary.summary)
load_follower_accounts = loader(accounts.follower_accounts)
HEADLINE = ("sessions", "conversions", "revenue", "posts", "engagements")
MONEY = ("revenue",)


def shown(figure: str, value: float | None, decimals: int = 2) -> str:
    """A figure in the user's language; amounts with the workspace's currency."""
    return money(value, decimals) if figure in MONEY else number(value)


load_monthly_sessions = loader(summary.monthly_sessions_by_network)


def sessions_trend(first, last):
    """Social sessions month by month over the data's dates, with the annotations."""
    chart = charts.monthly_sessions_chart(load_monthly_sessions(first, last), lang())
    return annotated(chart, first, last)


@ahead_of_visits(place=0)
def _overview_ahead(read) -> None:
    """What the editor lands on after signing in: the default dates and the days before them,
    all accounts, and the sessions trend."""
    first, last = read(load_data_range)
    if last is None:
        return
    date_from, date_to = default_range(first, last)
    read(load_summary, date_from, date_to, None)
    read(load_summary, *days_before(date_from, date_to), None)
    read(load_follower_accounts, date_from, date_to, None)
    read(load_monthly_sessions, first, last)
    kept(sessions_trend, first, last)


def headline(total: dict, before: dict) -> None:
    """The period's totals, each with its change on the same days just before (as Traffic)."""
    for column, figure in zip(st.columns(len(HEADLINE)), HEADLINE, strict=True):
        column.metric(
            tr(f"figure.{figure}"),
            shown(figure, total[figure], 0),
            change(total[figure], before[figure]),
        )


def figures_table(
    result: dict, figures: tuple[str, ...], several: dict[str, int] | None = None
) -> pd.DataFrame:
    """The summary as a table with the figures formatted in the user's language; ``several``:
    the networks whose follower count adds up several accounts (``load_follower_accounts``)."""
    table = summary.as_table(result)
    for figure in figures:
        table[figure] = [shown(figure, v) for v in table[figure]]
    if "followers" in figures and several:  # a count over several accounts says so
        table["followers"] = [
            followers_text(text, several.get(network))
            for network, text in zip(table["network"], table["followers"], strict=True)
        ]
    table["network"] = [
        tr("overview.total") if n == "total" else tr(f"network.{n}") for n in table["network"]
    ]
    return table.rename(columns={f: tr(f"figure.{f}") for f in ("network", *figures)})
