"""Web traffic by network: figures over time, paid vs organic, campaigns, tag hygiene.

Every figure comes from the web-traffic rows whose dates lie inside the period (like the
summary), attributed through ``attribution.network_lookup`` (the CM's mapping included), with
merged campaign names applied through ``campaign_aliases``. Charts over time use daily rows only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import UserError
from smdash.core.networks import ALL_SOCIAL, CHANNEL_GROUP, NETWORKS
from smdash.db.store import bump_data_version
from smdash.metrics.attribution import network_lookup, source_networks

GRAINS = ("day", "week", "month")
FIGURES = ("sessions", "engaged_sessions", "conversions", "revenue")
RATES = ("engagement_rate", "conversion_rate")
# values GA4 puts in the campaign column when the visit carried no utm_campaign
NO_CAMPAIGN = ("(not set)", "(direct)", "(organic)", "(referral)", "(none)", "(cpc)", "")


@dataclass(frozen=True)
class Filters:
    """Which rows count: a period, optionally some networks, paid only or organic only."""

    date_from: dt.date
    date_to: dt.date
    networks: tuple[str, ...] = ()
    paid: bool | None = None

    def params(self) -> dict:
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "networks": list(self.networks) or None,
            "paid": self.paid,
            "social": list(ALL_SOCIAL),
        }

    def previous(self) -> Filters:
        """The same number of days just before this period."""
        days = (self.date_to - self.date_from).days + 1
        end = self.date_from - dt.timedelta(days=1)
        return Filters(end - dt.timedelta(days=days - 1), end, self.networks, self.paid)


_ROWS = """
WITH t AS (
    SELECT w.date_from AS day, w.date_to AS last_day, n.network, n.paid, n.tagged,
           w.source, w.medium, coalesce(ca.campaign, w.campaign) AS campaign, w.content,
           w.sessions, w.engaged_sessions, w.conversions, w.revenue,
           list_contains($social, n.network) AS social
    FROM web_traffic w
    JOIN source_networks_view n ON n.source = w.source AND n.medium = w.medium
    LEFT JOIN campaign_aliases ca ON ca.alias = w.campaign
    WHERE w.date_from >= $date_from AND w.date_to <= $date_to
      AND ($networks IS NULL OR list_contains($networks, n.network))
      AND ($paid IS NULL OR n.paid = $paid)
)
"""
_SUMS = """sum(sessions) AS sessions, sum(engaged_sessions) AS engaged_sessions,
           sum(conversions) AS conversions, sum(revenue) AS revenue"""


def _query(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> pd.DataFrame:
    with network_lookup(con):
        return con.execute(_ROWS + sql, params).df()


def with_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds engagement rate and conversion rate (conversions per session), None without data."""
    frame = frame.copy()
    sessions = frame["sessions"].astype("float64").where(frame["sessions"] > 0)
    frame["engagement_rate"] = (frame["engaged_sessions"] / sessions).astype("float64")
    frame["conversion_rate"] = (frame["conversions"] / sessions).astype("float64")
    return frame


def totals(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, float | None]:
    """The period's figures and rates, plus the share of social in all web sessions."""
    frame = _query(
        con,
        f"""SELECT {_SUMS}, sum(sessions) FILTER (WHERE social) AS social_sessions FROM t""",  # noqa: S608 - _SUMS: constant
        filters.params(),
    )
    row = with_rates(frame).iloc[0]
    result = {k: _value(row[k]) for k in (*FIGURES, *RATES)}
    sessions = result["sessions"]
    social = _value(row["social_sessions"]) or 0
    result["social_share"] = social / sessions if sessions else None
    return result


def _value(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def over_time(con: duckdb.DuckDBPyConnection, filters: Filters, grain: str) -> pd.DataFrame:
    """Figures per period start (day, ISO week from Monday, or month) and network."""
    if grain not in GRAINS:
        raise ValueError(f"grain must be one of {GRAINS}")
    frame = _query(
        con,
        f"""SELECT date_trunc($grain, day)::DATE AS period, network, {_SUMS}
            FROM t WHERE day = last_day GROUP BY ALL ORDER BY period, network""",  # noqa: S608 - _SUMS: constant
        {**filters.params(), "grain": grain},
    )
    return with_rates(frame)


def by_network(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """One row per network: figures, rates and its share of the period's sessions."""
    frame = _query(
        con,
        f"""SELECT network, {_SUMS}, sum(sessions) FILTER (WHERE paid) AS paid_sessions
            FROM t GROUP BY network ORDER BY sessions DESC NULLS LAST, network""",  # noqa: S608 - _SUMS: constant
        filters.params(),
    )
    frame = with_rates(frame)
    frame["share"] = frame["sessions"] / frame["sessions"].sum()
    return frame


def paid_organic(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Figures per network split into paid and organic."""
    frame = _query(
        con,
        f"""SELECT network, paid, {_SUMS} FROM t GROUP BY ALL
            ORDER BY network, paid""",  # noqa: S608 - _SUMS: constant
        filters.params(),
    )
    return with_rates(frame)


def comparison(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per network: this period's figures beside the previous period's, and the change."""
    with network_lookup(con):  # one attribution for both periods
        now = by_network(con, filters).set_index("network")
        before = by_network(con, filters.previous()).set_index("network")
    table = now[[*FIGURES, *RATES]].join(
        before[[*FIGURES, *RATES]].add_suffix("_previous"), how="outer"
    )
    for figure in FIGURES:
        previous = table[f"{figure}_previous"].astype("float64")
        table[f"{figure}_change"] = (table[figure] - previous) / previous.where(previous > 0)
    table = table.sort_values("sessions", ascending=False, na_position="last")
    return table.reset_index()


def by_campaign(
    con: duckdb.DuckDBPyConnection, filters: Filters, dimension: str = "campaign"
) -> pd.DataFrame:
    """Per tagged campaign (or content): figures, rates and the networks it came through."""
    if dimension not in ("campaign", "content"):
        raise ValueError("dimension must be campaign or content")
    frame = _query(
        con,
        f"""SELECT {dimension} AS name, {_SUMS},
                   string_agg(DISTINCT network, ', ' ORDER BY network) AS networks
            FROM t WHERE NOT list_contains($no_campaign, {dimension})
            GROUP BY name ORDER BY sessions DESC NULLS LAST, name""",  # noqa: S608 - _SUMS; dimension checked above
        {**filters.params(), "no_campaign": list(NO_CAMPAIGN)},
    )
    return with_rates(frame)


def campaign_networks(
    con: duckdb.DuckDBPyConnection, filters: Filters, campaigns: list[str]
) -> pd.DataFrame:
    """Sessions and conversions of the given campaigns, per network (for the split chart)."""
    return _query(
        con,
        f"""SELECT campaign, network, {_SUMS} FROM t WHERE list_contains($campaigns, campaign)
            GROUP BY ALL ORDER BY campaign, sessions DESC""",  # noqa: S608 - _SUMS: constant
        {**filters.params(), "campaigns": campaigns},
    )


def untagged_social(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Social visits that came by referrer only (no UTM tags), per network and referrer,
    beside the same network's tagged visits: the links that went out untagged. Rows by
    channel group cannot tell, and are left out."""
    return _query(
        con,
        """SELECT network, source, sessions, conversions, network_share FROM (
               SELECT network, CASE WHEN tagged THEN '' ELSE source END AS source, tagged,
                      sum(sessions) AS sessions, sum(conversions) AS conversions,
                      sum(sessions) / sum(sum(sessions)) OVER (PARTITION BY network)
                          AS network_share
               FROM t WHERE social AND medium <> $channel_group GROUP BY network, 2, tagged)
           WHERE NOT tagged ORDER BY sessions DESC, network, source""",
        {**filters.params(), "channel_group": CHANNEL_GROUP},
    )


def untagged_share(con: duckdb.DuckDBPyConnection, filters: Filters) -> float | None:
    """The part of social sessions that arrived without UTM tags (of those that can tell)."""
    row = _query(
        con,
        """SELECT sum(sessions) FILTER (WHERE NOT tagged) / sum(sessions) AS share
           FROM t WHERE social AND medium <> $channel_group""",
        {**filters.params(), "channel_group": CHANNEL_GROUP},
    )
    return _value(row["share"].iloc[0])


def channel_group_sessions(con: duckdb.DuckDBPyConnection, filters: Filters) -> float | None:
    """The period's sessions that came from a GA4 report by channel group (None without any):
    their social part is in the totals, but under no network of its own."""
    row = _query(
        con,
        "SELECT sum(sessions) AS sessions FROM t WHERE medium = $channel_group",
        {**filters.params(), "channel_group": CHANNEL_GROUP},
    )
    return _value(row["sessions"].iloc[0])


# ------------------------------------------------------------------------------------------
# Tag hygiene: campaign spellings that are one campaign
# ------------------------------------------------------------------------------------------


def campaign_key(name: str) -> str:
    """What is left of a campaign name without case, accents, spaces and punctuation."""
    plain = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def near_duplicate_campaigns(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Groups of campaign spellings that differ only by case, accents, spaces or punctuation.

    Columns: key, campaign, sessions (all dates), merged_into (the current merge, if any).
    Only groups that still have more than one name after the merges are listed.
    """
    names = con.execute(
        """SELECT coalesce(ca.campaign, w.campaign) AS campaign, sum(w.sessions) AS sessions
           FROM web_traffic w LEFT JOIN campaign_aliases ca ON ca.alias = w.campaign
           WHERE NOT list_contains(?, w.campaign) GROUP BY 1""",
        [list(NO_CAMPAIGN)],
    ).df()
    names["key"] = names["campaign"].map(campaign_key)
    names = names[names["key"] != ""]
    counts = names.groupby("key")["campaign"].transform("count")
    groups = names[counts > 1].sort_values(["key", "sessions"], ascending=[True, False])
    return groups[["key", "campaign", "sessions"]].reset_index(drop=True)


class InvalidMerge(UserError, ValueError):
    """Campaigns that cannot be merged: no name to keep."""


@audit.write("traffic.merge_campaigns")
def merge_campaigns(con: duckdb.DuckDBPyConnection, names: list[str], into: str) -> int:
    """Count ``names`` as campaign ``into`` from now on, for past and future data."""
    into = into.strip()
    if not into:
        raise InvalidMerge("traffic.merge_invalid")
    moved = [n for n in names if n != into]
    con.executemany(
        "INSERT OR REPLACE INTO campaign_aliases VALUES (?, ?)", [[n, into] for n in moved]
    )
    # names merged earlier into one of these now follow it too
    con.execute(
        "UPDATE campaign_aliases SET campaign = ? WHERE list_contains(?, campaign)", [into, moved]
    )
    con.execute("DELETE FROM campaign_aliases WHERE alias = campaign")
    bump_data_version(con)
    return len(moved)


def campaign_merges(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT alias, campaign FROM campaign_aliases ORDER BY campaign, alias").df()


@audit.write("traffic.unmerge_campaign")
def unmerge_campaign(con: duckdb.DuckDBPyConnection, alias: str) -> None:
    con.execute("DELETE FROM campaign_aliases WHERE alias = ?", [alias])
    bump_data_version(con)


def networks_in_data(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The networks the web data reaches, in the order of the declared list."""
    found = set(source_networks(con)["network"])
    return [n for n in NETWORKS if n in found]


def web_range(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    return con.execute("SELECT min(date_from), max(date_to) FROM web_traffic").fetchone()
