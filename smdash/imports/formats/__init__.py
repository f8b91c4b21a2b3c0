"""Every export format smdash knows. A new format is one module here declaring a ``FORMAT``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from smdash.imports.fields import Field, locate
from smdash.tables import Table

# lines before the header, the header's index -> values the rows SQL needs, or None if not ours
HEADER_SEARCH_ROWS = 30

ContextRule = Callable[[list[list[str]], int], dict | None]


@dataclass(frozen=True)
class Format:
    """An export format: where its header is, which fields it has, how they become table rows.

    ``rows_sql`` selects the target table's columns from the table ``parsed`` (one typed column
    per field, plus ``_row``); ``$name`` parameters come from ``context``.
    """

    name: str
    label: dict[str, str]  # per language
    hint: dict[str, str]  # where to download it, per language
    target: Table
    fields: list[Field]
    rows_sql: str
    kind: str = "csv"
    sheets: tuple[str, ...] = ()  # xlsx: the sheet names it reads (normalized), any if empty
    context: ContextRule | None = None
    skip_rows_sql: str = ""  # a condition on parsed rows that are not data (totals)
    extra: dict = field(default_factory=dict)

    def match(self, rows: list[list[str]]) -> tuple[int, dict[str, int], dict] | None:
        """(header row index, field -> column index, context) when ``rows`` are this format."""
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            columns = locate(self.fields, row)
            if columns is None:
                continue
            context = self.context(rows[:index], columns) if self.context else {}
            if context is not None:
                return index, columns, context
        return None


def all_formats() -> list[Format]:
    from smdash.imports.formats import (
        ga4_traffic,
        linkedin_content,
        linkedin_followers,
        meta_daily,
        meta_posts,
        tiktok_content,
        x_tweets,
        youtube_table,
    )

    return [
        meta_posts.FACEBOOK,
        meta_posts.INSTAGRAM,
        meta_daily.FORMAT,
        ga4_traffic.FORMAT,
        x_tweets.CLASSIC,
        x_tweets.CONTENT,
        tiktok_content.FORMAT,
        youtube_table.FORMAT,
        linkedin_content.POSTS_FORMAT,
        linkedin_content.METRICS_FORMAT,
        linkedin_followers.FORMAT,
    ]
