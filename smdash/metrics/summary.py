"""Figures per network for a date range: the contract of ``python -m smdash summary``.

Post figures sum the posts published in the range; ``followers`` is each account's count on
the last day in the range with data, added over the network's accounts (how many:
``accounts.follower_accounts``); web figures sum the web-traffic rows whose dates lie inside the
range, attributed by source / medium. A figure with nothing behind it is None (JSON null), never
0. With an ``account`` (``metrics.accounts``), its network counts that account alone.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import duckdb

from smdash.metrics import accounts
from smdash.metrics.accounts import Account
from smdash.metrics.attribution import network_lookup

if TYPE_CHECKING:  # only for hints: ``python -m smdash summary`` runs without pandas
    import pandas as pd

POST_FIGURES = ("posts", "impressions", "reach", "engagements", "link_clicks")
WEB_FIGURES = ("sessions", "engaged_sessions", "conversions", "revenue")
FIGURES = (*POST_FIGURES, "followers", *WEB_FIGURES)
INTEGER_FIGURES = frozenset(FIGURES) - {"conversions", "revenue"}


def _post_figures(con, date_from: dt.date, date_to: dt.date, account: Account | None):
    rows = con.execute(
        f"""SELECT platform, count(*), sum(impressions), sum(reach), sum(engagements),
                  sum(link_clicks)
           FROM posts WHERE published_at >= $start AND published_at < $end
             AND {accounts.keeps()}
           GROUP BY platform""",  # noqa: S608 - keeps(): SQL from code
        {"start": date_from, "end": date_to + dt.timedelta(days=1), **accounts.params(account)},
    ).fetchall()
    return {row[0]: dict(zip(POST_FIGURES, row[1:], strict=True)) for row in rows}


def _followers(con, date_from: dt.date, date_to: dt.date, account: Account | None):
    rows = con.execute(
        f"""SELECT platform, sum(latest) FROM (
               SELECT platform, account, arg_max(value, day) AS latest FROM account_daily
               WHERE metric = 'followers' AND day BETWEEN $start AND $end
                 AND {accounts.keeps()}
               GROUP BY platform, account)
           GROUP BY platform""",  # noqa: S608 - keeps(): SQL from code
        {"start": date_from, "end": date_to, **accounts.params(account)},
    ).fetchall()
    return {platform: {"followers": value} for platform, value in rows}


def _web_figures(con, date_from: dt.date, date_to: dt.date) -> dict[str, dict]:
    with network_lookup(con):
        rows = con.execute(
            """SELECT n.network, sum(w.sessions), sum(w.engaged_sessions), sum(w.conversions),
                      sum(w.revenue)
               FROM web_traffic w JOIN source_networks_view n
                 ON n.source = w.source AND n.medium = w.medium
               WHERE w.date_from >= ? AND w.date_to <= ?
               GROUP BY n.network""",
            [date_from, date_to],
        ).fetchall()
    return {row[0]: dict(zip(WEB_FIGURES, row[1:], strict=True)) for row in rows}


def known_networks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Networks with any data at all, so a summary's keys stay the same from period to period."""
    platforms = con.execute(
        "SELECT platform FROM posts UNION SELECT platform FROM account_daily"
    ).fetchall()
    with network_lookup(con):
        web = [n for (n,) in con.execute("SELECT network FROM source_networks_view").fetchall()]
    return sorted({p for (p,) in platforms} | set(web))


def _clean(value):
    if value is None or value != value:  # NULL or NaN
        return None
    return float(value)


def _total(per_network: dict[str, dict], figure: str):
    values = [f[figure] for f in per_network.values() if f[figure] is not None]
    return sum(values) if values else None


def summary(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date,
    date_to: dt.date,
    account: Account | None = None,
) -> dict:
    """``{"from", "to", "networks": {network: figures}, "total": figures}``."""
    parts = [
        _post_figures(con, date_from, date_to, account),
        _followers(con, date_from, date_to, account),
        _web_figures(con, date_from, date_to),
    ]
    networks = {}
    for network in known_networks(con):
        figures = dict.fromkeys(FIGURES)
        for part in parts:
            figures.update(part.get(network, {}))
        networks[network] = {k: _as_number(k, _clean(v)) for k, v in figures.items()}
    total = {figure: _total(networks, figure) for figure in FIGURES}
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "networks": networks,
        "total": total,
    }


def _as_number(figure: str, value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(round(value)) if figure in INTEGER_FIGURES else round(value, 2)


def data_range(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day with any imported data."""
    return con.execute(
        """SELECT min(d0), max(d1) FROM (
               SELECT CAST(min(published_at) AS DATE) d0, CAST(max(published_at) AS DATE) d1
               FROM posts
               UNION ALL SELECT min(day), max(day) FROM account_daily
               UNION ALL SELECT min(date_from), max(date_to) FROM web_traffic)"""
    ).fetchone()


def monthly_sessions_by_network(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date
) -> pd.DataFrame:
    """Sessions per month and network (daily web rows only), for the trend chart."""
    with network_lookup(con):
        return con.execute(
            """SELECT date_trunc('month', w.date_from)::DATE AS month, n.network,
                      sum(w.sessions) AS sessions
               FROM web_traffic w JOIN source_networks_view n
                 ON n.source = w.source AND n.medium = w.medium
               WHERE w.date_from = w.date_to AND w.date_from BETWEEN ? AND ?
               GROUP BY ALL ORDER BY month, n.network""",
            [date_from, date_to],
        ).df()


def as_table(result: dict) -> pd.DataFrame:
    """One row per network, plus the total, with every figure as a column."""
    import pandas as pd  # for the Overview page only: the CLI's summary starts without it

    rows = [{"network": name, **figures} for name, figures in result["networks"].items()]
    rows.append({"network": "total", **result["total"]})
    return pd.DataFrame(rows, columns=["network", *FIGURES])
