"""The canonical tables an import can write: their key and the values a re-import compares."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    name: str
    keys: tuple[str, ...]
    values: tuple[str, ...]
    date_from: str  # the column that gives an import its date range
    date_to: str
    account: str  # the column that names the account an import belongs to

    @property
    def columns(self) -> tuple[str, ...]:
        return self.keys + self.values


POSTS = Table(
    name="posts",
    keys=("platform", "post_id"),
    values=(
        "account",
        "published_at",
        "post_type",
        "text",
        "permalink",
        "impressions",
        "reach",
        "engagements",
        "reactions",
        "comments",
        "shares",
        "saves",
        "clicks",
        "link_clicks",
        "video_views",
    ),
    date_from="published_at",
    date_to="published_at",
    account="account",
)

# One row per network, account, day and metric. Metric ids: impressions, reach, engagements,
# reactions, comments, shares, saves, clicks, link_clicks, video_views, profile_visits,
# page_views, unique_visitors, new_followers (gained that day), lost_followers, followers (the
# running total). Which export writes which: smdash/imports/formats/daily_metrics.py,
# meta_daily.py, linkedin_content.py, linkedin_followers.py.
ACCOUNT_DAILY = Table(
    name="account_daily",
    keys=("platform", "account", "day", "metric"),
    values=("value",),
    date_from="day",
    date_to="day",
    account="account",
)

WEB_TRAFFIC = Table(
    name="web_traffic",
    keys=("property", "date_from", "date_to", "source", "medium", "campaign", "content", "term"),
    values=("sessions", "engaged_sessions", "conversions", "revenue"),
    date_from="date_from",
    date_to="date_to",
    account="property",
)

TABLES = {table.name: table for table in (POSTS, ACCOUNT_DAILY, WEB_TRAFFIC)}


def quote(identifier: str) -> str:
    """Quote an identifier taken from code (never from user text) for use in SQL."""
    return '"' + identifier.replace('"', '""') + '"'


# Ad spend from the ads managers' exports (smdash/imports/formats/ads_*.py): one row per network,
# ad account, campaign and reporting span (a day, or the export's whole range). Read by
# smdash/plan/costs.py; the schema is in smdash/db/migrations/m0007_costs.py.
AD_SPEND = Table(
    name="ad_spend",
    keys=("platform", "account", "campaign", "date_from", "date_to"),
    values=("currency", "amount", "results", "result_type", "impressions", "clicks"),
    date_from="date_from",
    date_to="date_to",
    account="account",
)
TABLES[AD_SPEND.name] = AD_SPEND
