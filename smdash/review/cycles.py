"""Review cycles: their periods, the open one, the first one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.core.periods import add_months
from smdash.db.store import bump_data_version
from smdash.review.terms import OPEN, PERIODS


@dataclass(frozen=True)
class Cycle:
    cycle_id: int
    number: int
    date_from: dt.date
    date_to: dt.date
    period: str
    status: str
    previous_id: int | None

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1


def period_end(period: str, start: dt.date, custom_end: dt.date | None = None) -> dt.date:
    """The last day of a cycle of the kind starting on ``start``."""
    if period == "two_weeks":
        return start + dt.timedelta(days=13)
    if period == "month":
        return add_months(start, 1) - dt.timedelta(days=1)
    if period == "quarter":
        return add_months(start, 3) - dt.timedelta(days=1)
    if period != "custom":
        raise InvalidInput("review.error.period", period=period)
    if custom_end is None or custom_end < start:
        raise InvalidInput("review.error.dates")
    return custom_end


def next_period(cycle: Cycle) -> tuple[dt.date, dt.date]:
    """The dates of the cycle after this one: the same kind (custom: the same length)."""
    start = cycle.date_to + dt.timedelta(days=1)
    return start, period_end(cycle.period, start, start + dt.timedelta(days=cycle.days - 1))


CYCLES_SQL = """SELECT cycle_id, row_number() OVER (ORDER BY date_from, cycle_id) AS number,
                    date_from, date_to, period, status, previous_id
             FROM review_cycles"""


def cycles(con: duckdb.DuckDBPyConnection) -> list[Cycle]:
    return [Cycle(*row) for row in con.execute(f"{CYCLES_SQL} ORDER BY number").fetchall()]


def get_cycle(con: duckdb.DuckDBPyConnection, cycle_id: int) -> Cycle | None:
    return next((c for c in cycles(con) if c.cycle_id == cycle_id), None)


def current_cycle(con: duckdb.DuckDBPyConnection) -> Cycle | None:
    """The open cycle, or None before the first one starts."""
    return next((c for c in cycles(con) if c.status == OPEN), None)


def insert_cycle(con, date_from, date_to, period, previous_id) -> int:
    return con.execute(
        """INSERT INTO review_cycles (date_from, date_to, period, previous_id, created_at)
           VALUES ($date_from, $date_to, $period, $previous_id, $created_at)
           RETURNING cycle_id""",
        {
            "date_from": date_from,
            "date_to": date_to,
            "period": period,
            "previous_id": previous_id,
            "created_at": dt.datetime.now(),
        },
    ).fetchone()[0]


def checked_start(period: str, date_from: dt.date | None, date_to: dt.date | None) -> dt.date:
    if period not in PERIODS:
        raise InvalidInput("review.error.period", period=period)
    if date_from is None:
        raise InvalidInput("review.error.dates")
    return period_end(period, date_from, date_to)


@audit.write("review.start_first_cycle")
def start_first_cycle(
    con: duckdb.DuckDBPyConnection,
    period: str,
    date_from: dt.date,
    date_to: dt.date | None = None,
) -> int:
    """Open the plan's first cycle (``date_to`` only for custom dates)."""
    if current_cycle(con) is not None:
        raise InvalidInput("review.error.open_cycle")
    date_to = checked_start(period, date_from, date_to)
    cycle_id = insert_cycle(con, date_from, date_to, period, None)
    bump_data_version(con)
    return cycle_id
