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
