"""What an export format declares (``Format``) and where a file matched one (``Match``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from smdash.db.tables import Table
from smdash.imports.fields import Field, locate
from smdash.imports.parse import column_name

# lines before the header, the header's index -> values the rows SQL needs, or None if not ours
HEADER_SEARCH_ROWS = 30

ContextRule = Callable[[list[list[str]], int], dict | None]


@dataclass(frozen=True)
class SkippedRows:
    """Rows a format leaves out on purpose, and counts in the preview and the import log: those
    where ``condition`` holds, SQL on the rows' text with ``{field}`` for a field's cell (no row
    is left out when a field it names is not in the file). ``reason`` names why: the message
    ``import_skipped.<reason>`` tells it given ``count``, ``import_error.no_rows_<reason>``
    refuses a file whose every row it leaves out."""

    condition: str
    reason: str

    def sql(self, columns: dict[str, int]) -> str | None:
        """The condition on the columns ``c0, c1, ...`` of the file, or None when a field it
        names is not in the file."""
        names = set(re.findall(r"\{(\w+)\}", self.condition))
        if not names <= columns.keys():
            return None
        cells = {name: column_name(columns[name]) for name in names}
        return f"coalesce({self.condition.format(**cells)}, false)"


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
    skipped_rows: SkippedRows | None = None  # rows left out and counted (see SkippedRows)
    # rows may have fewer cells than the header (older rows of a file that gained columns):
    # the cells they lack are empty. Only in a file whose last line is complete: a row cut
    # short by the end of the file is still refused.
    short_rows: bool = False
    header_rows: int = 1  # 2: titles, then a row of descriptions (legacy Facebook Insights)
    # rows with the same key (they differ in a dimension smdash does not keep) are added
    # together instead of refused; only for tables whose values are all additive
    sums_duplicates: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def stacked(self) -> bool:
        """Whether a file may hold several of its tables, one below the other, a blank line
        apart (Meta's daily series: a Facebook block, then an Instagram block)."""
        return bool(self.extra.get("stacked"))

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
    block: str = ""  # of a file with several tables (``Format.stacked``): which one, by its title
    body_rows: int | None = None  # rows of a table that a blank line ends; None: to the end

    @property
    def body_start(self) -> int:
        """The index of the first data row."""
        return self.header_index + self.format.header_rows

    def on_sheet(self, sheet: str) -> Match:
        return replace(self, sheet=sheet)

    def later_blocks(self, rows: list[list[str]]) -> list[Match]:
        """This match and the tables below it in ``rows`` (all the rows of its sheet), each
        after a blank row; for a format that is not ``stacked``, this match alone."""
        if not self.format.stacked:
            return [self]
        found, match, offset = [], self, 0
        while match is not None:
            start = offset + match.body_start
            end = next(
                (i for i in range(start, len(rows)) if not any(map(str.strip, rows[i]))), None
            )
            if end is None:
                found.append(match.moved(offset))
                break
            later = self.format.match(rows[end + 1 :])
            found.append(match.moved(offset, end - start if later else None))
            match, offset = later, end + 1
        if len(found) > 1:
            found = [
                replace(m, block=m.context.get("title", str(n))) for n, m in enumerate(found, 1)
            ]
        return found

    def moved(self, offset: int, body_rows: int | None = None) -> Match:
        """The match found in ``rows[offset:]``, as seen from the top of the sheet."""
        return replace(self, header_index=self.header_index + offset, body_rows=body_rows)
