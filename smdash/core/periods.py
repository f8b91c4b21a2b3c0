"""Month arithmetic, written once: shifting by months, a month's first and last day, the month
that a day closes, the same day a year earlier."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), moved back to the month's last day where the
    month is shorter: 31 January + 1 month = 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_days(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    first = dt.date(year, month, 1)
    return first, month_end(first)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s to ``last``'s, both included."""
    month, months = month_start(first), []
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def last_full_month(last_day: dt.date) -> tuple[dt.date, dt.date]:
    """The month that ``last_day`` closes, or the month before when it ends mid-month."""
    if last_day == month_end(last_day):
        return month_start(last_day), last_day
    end = month_start(last_day) - dt.timedelta(days=1)
    return month_start(end), end


def default_range(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The period a page opens on: the last full month of the data, cut to where the data
    starts; when the data holds no full month before ``last``, its own first to last day (so
    data on one day never opens on a reversed period)."""
    start, end = last_full_month(last)
    if end < first:
        return max(first, month_start(last)), last
    return max(start, first), end


def days_before(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The same number of days just before a period: what a period is compared with."""
    end = date_from - dt.timedelta(days=1)
    return end - (date_to - date_from), end


def year_earlier(day: dt.date) -> dt.date:
    """The same day a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)
