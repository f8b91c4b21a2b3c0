"""Month arithmetic (smdash/core/periods.py): the edges a calendar has."""

import datetime as dt

from smdash.core import periods

D = dt.date


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert periods.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert periods.add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert periods.add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)
    assert periods.add_months(D(2026, 1, 1), -1) == D(2025, 12, 1)
    assert periods.add_months(D(2026, 3, 31), -13) == D(2025, 2, 28)


def test_month_and_quarter_edges():
    assert periods.month_days(2028, 2) == (D(2028, 2, 1), D(2028, 2, 29))
    assert periods.month_end(D(2026, 12, 5)) == D(2026, 12, 31)
    assert periods.quarter_start(D(2026, 11, 30)) == D(2026, 10, 1)
    assert periods.quarter_of(D(2026, 3, 31)) == 1


def test_months_between_includes_both_ends_across_a_new_year():
    months = periods.months_between(D(2025, 11, 20), D(2026, 2, 1))
    assert months == [D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)]
    assert periods.months_between(D(2026, 3, 2), D(2026, 2, 1)) == []


def test_last_full_month_and_a_year_earlier():
    assert periods.last_full_month(D(2026, 2, 28)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert periods.last_full_month(D(2026, 1, 15)) == (D(2025, 12, 1), D(2025, 12, 31))
    assert periods.year_earlier(D(2028, 2, 29)) == D(2027, 2, 28)
