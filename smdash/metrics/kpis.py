"""The KPI catalogue: one declared definition per KPI, computed in DuckDB for a scope and dates.

Every page, the objectives and the CLI read their numbers from here, so a KPI means the same
thing everywhere. A KPI is one of three kinds:

- ``total``: a sum over the period (posts, reach, sessions, ...); over a longer period it grows;
- ``level``: a value on the last day of the period with data (followers);
- ``ratio``: a numerator over a denominator, both summed over the period (engagement rate, ...).

The scope is one network (``"instagram"``) or ``"all"``, which means every social network in
``core.networks.SOCIAL_NETWORKS`` and social traffic of no network smdash names (``other
social``: a social site not listed, or GA4's Organic / Paid Social of a report by channel
group). Web figures are the GA4 rows attributed to those networks by source / medium
(``attribution.network_lookup``). A KPI with no row behind it in the scope and
dates is None, never 0. With an ``account`` (``metrics.accounts``), the social rows of its
network are that account's alone (web and cost rows have no social account: never filtered).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass

import duckdb
import pandas as pd

from smdash.core.i18n import format_money, format_number, xlsx_money_format
from smdash.core.networks import ALL_SOCIAL
from smdash.metrics import accounts
from smdash.metrics.accounts import Account
from smdash.metrics.attribution import network_lookup

TOTAL, LEVEL, RATIO = "total", "level", "ratio"
UP, DOWN = "up", "down"
COUNT, PERCENT, CURRENCY = "count", "percent", "currency"
ALL = "all"

# Where each KPI's rows come from: day, last_day (a web row may span days), network, account and
# the raw figures. Sources that need attribution read source_networks_view.
_SOURCES = {
    "posts": """
        SELECT CAST(published_at AS DATE) AS day, CAST(published_at AS DATE) AS last_day,
               platform AS network, coalesce(account, '') AS account,
               impressions, reach, engagements, link_clicks
        FROM posts WHERE published_at IS NOT NULL""",
    "followers": """
        SELECT day, day AS last_day, platform AS network, account, value
        FROM account_daily WHERE metric = 'followers'""",
    "new_followers": """
        SELECT day, day AS last_day, platform AS network, account, value
        FROM account_daily WHERE metric = 'new_followers'""",
    "web": """
        SELECT w.date_from AS day, w.date_to AS last_day, n.network, w.property AS account,
               w.sessions, w.engaged_sessions, w.conversions, w.revenue
        FROM web_traffic w JOIN source_networks_view n
          ON n.source = w.source AND n.medium = w.medium""",
    # Costs (smdash.plan.costs): imported ad spend and costs entered by hand, spread over the days
    # they cover; network 'all' is a cost of social media as a whole (counts in scope 'all').
    "costs": """
        SELECT day, day AS last_day, network, '' AS account,
               amount AS cost, NULL::DOUBLE AS conversions FROM cost_days
        UNION ALL BY NAME
        SELECT w.date_from AS day, w.date_to AS last_day, n.network, '' AS account,
               NULL::DOUBLE AS cost, w.conversions
        FROM web_traffic w JOIN source_networks_view n
          ON n.source = w.source AND n.medium = w.medium""",
}
_NEEDS_ATTRIBUTION = frozenset({"web", "costs"})
_BY_ACCOUNT = frozenset({"posts", "followers", "new_followers"})  # rows of a social account


@dataclass(frozen=True)
class Kpi:
    """One KPI. Its name and its formula, unit and direction in words are strings of the
    catalogue, ``kpis.name.<key>`` and ``kpis.doc.<key>``, in every language."""

    key: str
    kind: str
    unit: str
    direction: str
    source: str
    numerator: str  # a SQL aggregate over the source's rows
    denominator: str | None = None  # ratios only
    scale: float = 1.0  # 100 for percentages


CATALOGUE: tuple[Kpi, ...] = (
    Kpi(
        "followers",
        LEVEL,
        COUNT,
        UP,
        "followers",
        "value",
    ),
    Kpi(
        "follower_growth",
        TOTAL,
        COUNT,
        UP,
        "new_followers",
        "sum(value)",
    ),
    Kpi(
        "posts",
        TOTAL,
        COUNT,
        UP,
        "posts",
        "count(*)",
    ),
    Kpi(
        "reach",
        TOTAL,
        COUNT,
        UP,
        "posts",
        "sum(reach)",
    ),
    Kpi(
        "impressions",
        TOTAL,
        COUNT,
        UP,
        "posts",
        "sum(impressions)",
    ),
    Kpi(
        "engagements",
        TOTAL,
        COUNT,
        UP,
        "posts",
        "sum(engagements)",
    ),
    Kpi(
        "engagement_rate",
        RATIO,
        PERCENT,
        UP,
        "posts",
        "sum(engagements) FILTER (WHERE impressions IS NOT NULL)",
        "sum(impressions) FILTER (WHERE engagements IS NOT NULL)",
        100.0,
    ),
    Kpi(
        "link_clicks",
        TOTAL,
        COUNT,
        UP,
        "posts",
        "sum(link_clicks)",
    ),
    Kpi(
        "ctr",
        RATIO,
        PERCENT,
        UP,
        "posts",
        "sum(link_clicks) FILTER (WHERE impressions IS NOT NULL)",
        "sum(impressions) FILTER (WHERE link_clicks IS NOT NULL)",
        100.0,
    ),
    Kpi(
        "sessions",
        TOTAL,
        COUNT,
        UP,
        "web",
        "sum(sessions)",
    ),
    Kpi(
        "engaged_sessions",
        TOTAL,
        COUNT,
        UP,
        "web",
        "sum(engaged_sessions)",
    ),
    Kpi(
        "conversions",
        TOTAL,
        COUNT,
        UP,
        "web",
        "sum(conversions)",
    ),
    Kpi(
        "conversion_rate",
        RATIO,
        PERCENT,
        UP,
        "web",
        "sum(conversions) FILTER (WHERE sessions IS NOT NULL)",
        "sum(sessions) FILTER (WHERE conversions IS NOT NULL)",
        100.0,
    ),
    Kpi(
        "revenue",
        TOTAL,
        CURRENCY,
        UP,
        "web",
        "sum(revenue)",
    ),
    Kpi(
        "cost_per_conversion",
        RATIO,
        CURRENCY,
        DOWN,
        "costs",
        "sum(cost)",
        "sum(conversions)",
    ),
)
KPIS: dict[str, Kpi] = {k.key: k for k in CATALOGUE}
COUNT_FORMAT = "#,##0"  # a spreadsheet's format for a count


def written(key: str, value: float | None, lang: str, currency: str) -> str:
    """A KPI value in its unit, the user's way: 1,234 · 4.58 % · €1,471.95 (``currency``: the
    workspace's); an em dash for no value."""
    if value is None or pd.isna(value):
        return "—"
    unit = KPIS[key].unit
    if unit == PERCENT:
        return f"{format_number(value, lang, 2)} %"
    if unit == CURRENCY:
        return format_money(value, lang, currency)
    return format_number(value, lang)


def xlsx_format(key: str, lang: str, currency: str) -> str:
    """The spreadsheet number format of a KPI's values, which stay numbers: amounts in the
    currency, percentages with their sign, counts with thousands separators."""
    unit = KPIS[key].unit
    if unit == CURRENCY:
        return xlsx_money_format(lang, currency)
    return '0.00" %"' if unit == PERCENT else COUNT_FORMAT


def scope_networks(scope: str) -> list[str]:
    """The networks a scope covers; 'all' also covers social traffic of no named network and
    costs of social media as a whole."""
    return [*ALL_SOCIAL, ALL] if scope == ALL else [scope]


def available(con: duckdb.DuckDBPyConnection, kpi: Kpi) -> bool:
    """False for cost per conversion while no cost has been imported or entered at all."""
    if kpi.source != "costs":
        return True
    return bool(con.execute("SELECT EXISTS (SELECT 1 FROM cost_lines)").fetchone()[0])


def _rows(kpi: Kpi) -> str:
    """The source's rows inside the dates and scope (parameters: $date_from, $date_to,
    $networks, and ``_account_params`` for a source of social accounts)."""
    account = f"AND {accounts.keeps('network')}" if kpi.source in _BY_ACCOUNT else ""
    return f"""rows AS (SELECT * FROM ({_SOURCES[kpi.source]})
                WHERE day >= $date_from AND last_day <= $date_to
                  AND list_contains($networks, network) {account})"""  # noqa: S608 - _SOURCES: constant queries


def _account_params(kpi: Kpi, account: Account | None) -> dict:
    return accounts.params(account) if kpi.source in _BY_ACCOUNT else {}


def attribution(con: duckdb.DuckDBPyConnection, kpi: Kpi | str):
    """A ``network_lookup`` block when the KPI's rows need one (else nothing): a caller that
    reads one KPI many times opens it once around the reads."""
    kpi = KPIS[kpi] if isinstance(kpi, str) else kpi
    return network_lookup(con) if kpi.source in _NEEDS_ATTRIBUTION else nullcontext()


def _ratio(kpi: Kpi, numerator, denominator) -> float | None:
    if numerator is None or numerator != numerator:  # NULL, or NaN in a frame
        return None
    if kpi.denominator is None:
        return float(numerator) * kpi.scale
    if denominator is None or denominator != denominator or denominator == 0:
        return None
    return float(numerator) / float(denominator) * kpi.scale


def value(
    con: duckdb.DuckDBPyConnection,
    kpi: Kpi | str,
    scope: str,
    date_from: dt.date,
    date_to: dt.date,
    account: Account | None = None,
) -> float | None:
    """The KPI over ``date_from``..``date_to`` (both included) for the scope, or None."""
    kpi = KPIS[kpi] if isinstance(kpi, str) else kpi
    if not available(con, kpi) or date_to < date_from:
        return None
    if kpi.kind == LEVEL:
        select = f"""SELECT count(*), sum(latest), NULL FROM (
                         SELECT arg_max({kpi.numerator}, day) AS latest FROM rows
                         GROUP BY network, account)"""  # noqa: S608 - KPI expressions from CATALOGUE
    else:
        select = f"SELECT count(*), {kpi.numerator}, {kpi.denominator or 'NULL'} FROM rows"  # noqa: S608 - KPI expressions from CATALOGUE
    params = _params(kpi, scope, date_from, date_to, account)
    with attribution(con, kpi):
        rows, numerator, denominator = con.execute(
            f"WITH {_rows(kpi)} {select}", params
        ).fetchall()[0]
    return _ratio(kpi, numerator, denominator) if rows else None


def _params(kpi: Kpi, scope: str, date_from, date_to, account: Account | None) -> dict:
    """The parameters of ``_rows``."""
    dates = {"date_from": date_from, "date_to": date_to}
    return dates | {"networks": scope_networks(scope)} | _account_params(kpi, account)


def accounts_added(
    con: duckdb.DuckDBPyConnection,
    kpi: Kpi | str,
    scope: str,
    date_from: dt.date,
    date_to: dt.date,
    account: Account | None = None,
) -> int:
    """How many accounts a level (followers) adds up in the scope and dates (a total of them
    when more than one); 0 for the other kinds, which are sums of rows, not of accounts."""
    kpi = KPIS[kpi] if isinstance(kpi, str) else kpi
    if kpi.kind != LEVEL:
        return 0
    with attribution(con, kpi):
        return con.execute(
            f"WITH {_rows(kpi)} SELECT count(DISTINCT (network, account)) FROM rows",  # noqa: S608 - constant
            _params(kpi, scope, date_from, date_to, account),
        ).fetchone()[0]


# the spans read inside a ``spans_kept`` block, by connection, source and scope
_kept_spans: ContextVar[dict | None] = ContextVar("smdash_kpi_spans", default=None)


@contextmanager
def spans_kept() -> Iterator[None]:
    """Inside this block ``data_span`` reads each source and scope once (a KPI's span is its
    source's): for a read of many objectives' figures that writes nothing meanwhile."""
    token = _kept_spans.set({}) if _kept_spans.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _kept_spans.reset(token)


def data_span(
    con: duckdb.DuckDBPyConnection, kpi: Kpi | str, scope: str
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of the KPI's source rows in the scope (None, None when none)."""
    kpi = KPIS[kpi] if isinstance(kpi, str) else kpi
    kept, key = _kept_spans.get(), (id(con), kpi.source, scope)
    if kept is None:
        return _data_span(con, kpi, scope)
    if key not in kept:
        kept[key] = _data_span(con, kpi, scope)
    return kept[key]


def _data_span(
    con: duckdb.DuckDBPyConnection, kpi: Kpi, scope: str
) -> tuple[dt.date | None, dt.date | None]:
    if not available(con, kpi):
        return None, None
    with attribution(con, kpi):
        return con.execute(
            f"""WITH {_rows(kpi)} SELECT min(day), max(last_day) FROM rows""",  # noqa: S608 - constant
            {
                "date_from": dt.date.min,
                "date_to": dt.date.max,
                "networks": scope_networks(scope),
                **_account_params(kpi, None),
            },
        ).fetchall()[0]


def series(
    con: duckdb.DuckDBPyConnection,
    kpi: Kpi | str,
    scope: str,
    date_from: dt.date,
    date_to: dt.date,
    days: int = 7,
    anchor: dt.date | None = None,
    cumulative: bool = False,
    account: Account | None = None,
) -> pd.DataFrame:
    """The KPI per bucket of ``days`` days: columns period_start, period_end, value.

    Buckets start at ``anchor`` (default: the Monday on or before ``date_from``, so weeks are
    calendar weeks) and are clipped to the dates. ``cumulative`` gives the value from
    ``date_from`` to each bucket's end (running totals, running ratios); levels are the same
    either way. Buckets without rows are left out.
    """
    kpi = KPIS[kpi] if isinstance(kpi, str) else kpi
    columns = ["period_start", "period_end", "value"]
    if not available(con, kpi) or date_to < date_from:
        return pd.DataFrame(columns=columns)
    anchor = anchor or date_from - dt.timedelta(days=date_from.weekday())
    step = int(days)
    offset = (
        f"CAST(floor(datediff('day', CAST($anchor AS DATE), day) / {step}) * {step} AS INTEGER)"
    )
    bucket = f"(CAST($anchor AS DATE) + {offset})"
    if kpi.kind == LEVEL:
        buckets = f"""SELECT period, sum(latest) AS num, NULL::DOUBLE AS den FROM (
                          SELECT {bucket} AS period, arg_max({kpi.numerator}, day) AS latest
                          FROM rows GROUP BY period, network, account)
                      GROUP BY period"""  # noqa: S608 - KPI expressions from CATALOGUE, int step
    else:
        buckets = f"""SELECT {bucket} AS period, {kpi.numerator} AS num,
                             {kpi.denominator or "NULL::DOUBLE"} AS den
                      FROM rows GROUP BY period"""  # noqa: S608 - KPI expressions from CATALOGUE, int step
    if cumulative and kpi.kind != LEVEL:
        totals = "sum(num) OVER w AS num, sum(den) OVER w AS den"
        window = "WINDOW w AS (ORDER BY period)"
    else:
        totals, window = "num, den", ""
    sql = f"""WITH {_rows(kpi)}, buckets AS ({buckets}), shown AS (
                SELECT greatest(period, CAST($date_from AS DATE)) AS period_start,
                       least(period + {step - 1}, CAST($date_to AS DATE)) AS period_end, {totals}
                FROM buckets {window})
              SELECT period_start, period_end, CAST(num AS DOUBLE), CAST(den AS DOUBLE)
              FROM shown ORDER BY period_start"""  # noqa: S608 - parts above, int step
    params = {
        "date_from": date_from,
        "date_to": date_to,
        "networks": scope_networks(scope),
        "anchor": anchor,
        **_account_params(kpi, account),
    }
    with attribution(con, kpi):
        rows = con.execute(sql, params).fetchall()
    # built from the rows as they come: a few buckets, where a frame's conversions cost more
    values = [_ratio(kpi, n, d) for _, _, n, d in rows]
    return pd.DataFrame(
        {
            "period_start": pd.Series([r[0] for r in rows], dtype=object),
            "period_end": pd.Series([r[1] for r in rows], dtype=object),
            "value": pd.Series(values, dtype="float64"),
        }
    )


def comparison(
    con: duckdb.DuckDBPyConnection,
    scope: str,
    date_from: dt.date,
    date_to: dt.date,
    account: Account | None = None,
) -> pd.DataFrame:
    """Every KPI in the period and in the previous period of the same length, with the change.

    Columns: kpi, current, previous, change (relative, None when previous is None or 0),
    accounts (how many accounts a level adds up in the period: a total of them when more
    than one).
    """
    length = date_to - date_from + dt.timedelta(days=1)
    before_from, before_to = date_from - length, date_from - dt.timedelta(days=1)
    rows = []
    with network_lookup(con):  # one attribution for every KPI below
        for kpi in CATALOGUE:
            current = value(con, kpi, scope, date_from, date_to, account)
            previous = value(con, kpi, scope, before_from, before_to, account)
            change = None
            if current is not None and previous:
                change = (current - previous) / abs(previous)
            added = accounts_added(con, kpi, scope, date_from, date_to, account)
            rows.append((kpi.key, current, previous, change, added))
    return pd.DataFrame(rows, columns=["kpi", "current", "previous", "change", "accounts"])
