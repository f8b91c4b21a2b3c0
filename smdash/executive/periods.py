"""The periods a director reads: a month, a quarter, a year or custom dates, and the ones before."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from smdash.core.errors import InvalidInput
from smdash.core.i18n import format_date, month_name, t
from smdash.core.periods import (
    add_months,
    last_full_month,
    month_end,
    month_start,
    quarter_of,
    quarter_start,
    year_earlier,
)
from smdash.executive.terms import CUSTOM, MONTH, QUARTER, YEAR


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        """``2026-10``, ``2026-Q4``, ``2026`` or ``2026-10-01..2026-10-15``."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{quarter_of(self.start)}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The month, quarter or year before; for custom dates the same days just before."""
        if self.kind == MONTH:
            return month_period(add_months(self.start, -1))
        if self.kind == QUARTER:
            return quarter_period(add_months(self.start, -3))
        if self.kind == YEAR:
            return year_period(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(CUSTOM, end - dt.timedelta(days=self.days - 1), end)

    def year_before(self) -> Period:
        return Period(self.kind, year_earlier(self.start), year_earlier(self.end))

    def label(self, lang: str) -> str:
        if self.kind == MONTH:
            name = month_name(self.start.month, lang)
            return t("executive.period.month", lang, month=name, year=self.start.year)
        if self.kind == QUARTER:
            quarter = quarter_of(self.start)
            return t("executive.period.quarter", lang, quarter=quarter, year=self.start.year)
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{format_date(self.start, lang)} – {format_date(self.end, lang)}"


def month_period(day: dt.date) -> Period:
    return Period(MONTH, month_start(day), month_end(day))


def quarter_period(day: dt.date) -> Period:
    start = quarter_start(day)
    return Period(QUARTER, start, add_months(start, 3) - dt.timedelta(days=1))


def year_period(year: int) -> Period:
    return Period(YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))


def custom_period(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise InvalidInput("executive.error.period_order")
    return Period(CUSTOM, start, end)


def period_for(start: dt.date, end: dt.date) -> Period:
    """The dates as the month they are, else as custom dates (a fortnight, a review cycle)."""
    month = month_period(start)
    if (month.start, month.end) == (start, end):
        return month
    return custom_period(start, end)


_PERIOD_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: month_period(dt.date(int(m[1]), int(m[2]), 1))),
    (
        re.compile(r"^(\d{4})-[QqTt]([1-4])$"),
        lambda m: quarter_period(dt.date(int(m[1]), int(m[2]) * 3 - 2, 1)),
    ),
    (re.compile(r"^(\d{4})$"), lambda m: year_period(int(m[1]))),
    (
        re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"),
        lambda m: custom_period(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])),
    ),
)


def parse_period(text: str) -> Period:
    """A period from ``2026-10``, ``2026-Q4``, ``2026`` or ``2026-10-01..2026-10-15``."""
    text = (text or "").strip()
    for pattern, make in _PERIOD_PATTERNS:
        found = pattern.match(text)
        if found:
            try:
                return make(found)
            except ValueError as exc:
                if isinstance(exc, InvalidInput):
                    raise
                break
    raise InvalidInput("executive.error.period", found=text)


def default_period(last_day: dt.date | None, today: dt.date | None = None) -> Period:
    """The last full month of data (the month before today's without data)."""
    if last_day is None:
        return month_period(add_months(today or dt.date.today(), -1))
    return month_period(last_full_month(last_day)[0])


def period_choices(first: dt.date, last: dt.date, kind: str) -> list[Period]:
    """The months, quarters or years that the data touches, newest first."""
    make = {MONTH: month_period, QUARTER: quarter_period, YEAR: lambda d: year_period(d.year)}
    choices, current = [], make[kind](last)
    while current.end >= first:
        choices.append(current)
        current = current.previous()
    return choices
