"""What an export format declares (``Format``) and where a file matched one (``Match``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from smdash.db.tables import Table
from smdash.imports.fields import Field, locate

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
    header_rows: int = 1  # 2: titles, then a row of descriptions (legacy Facebook Insights)
    # rows with the same key (they differ in a dimension smdash does not keep) are added
    # together instead of refused; only for tables whose values are all additive
    sums_duplicates: bool = False
    extra: dict = field(default_factory=dict)

    def match(self, rows: list[list[str]]) -> Match | None:
        """Where this format's header is in ``rows`` and what it found, or None if not ours."""
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if self.header_rows == 2 and index + 1 >= len(rows):
                break
            header = merged_header(row, rows[index + 1]) if self.header_rows == 2 else row
            columns = locate(self.fields, header)
            if columns is None:
                continue
            context = self.context(rows[:index], columns) if self.context else {}
            if context is not None:
                return Match(self, index, columns, context, header)
        return None


def merged_header(titles: list[str], descriptions: list[str]) -> list[str]:
    """One name per column from a title row and a description row: the title, or for a title
    that repeats, 'title (description)'."""
    counts = {title: titles.count(title) for title in titles}
    return [
        f"{title} ({descriptions[i].strip()})"
        if counts[title] > 1 and i < len(descriptions)
        else title
        for i, title in enumerate(titles)
    ]


@dataclass(frozen=True)
class Match:
    """A format found in a file (a sheet of it): the header's row, field -> column, context."""

    format: Format
    header_index: int
    columns: dict[str, int]
    context: dict
    header: list[str]
    sheet: str = ""

    @property
    def body_start(self) -> int:
        """The index of the first data row."""
        return self.header_index + self.format.header_rows

    def on_sheet(self, sheet: str) -> Match:
        return replace(self, sheet=sheet)
