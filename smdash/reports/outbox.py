"""Which results reports are due to whom, and what became of each send.

A user who asked for the report fortnightly gets the last finished fortnight (the 1st to the
15th, or the 16th to the month's end); monthly, the last finished month. A run sends what is
due and was not sent yet, so a daily cron line sends each report once, on the first run after
its period ends. A send that failed stays in ``report_outbox`` as 'failed' and is tried again
on every later run until it goes, even once a newer period is due: never lost silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from smdash import executive
from smdash.access.report_mail import ReportMail, subscribers
from smdash.core.periods import add_months, last_full_month, month_end

FORTNIGHT_SPLIT = 15  # the first fortnight of a month ends on this day


def due_period(cadence: str, today: dt.date) -> executive.Period:
    """The last period of the cadence that ended before ``today``."""
    yesterday = today - dt.timedelta(days=1)
    if cadence == "monthly":
        return executive.month_period(last_full_month(yesterday)[0])
    if today.day > FORTNIGHT_SPLIT:
        start = today.replace(day=1)
        return executive.custom_period(start, start.replace(day=FORTNIGHT_SPLIT))
    previous = add_months(today.replace(day=1), -1)
    return executive.custom_period(previous.replace(day=FORTNIGHT_SPLIT + 1), month_end(previous))


@dataclass(frozen=True)
class Due:
    to: ReportMail
    period: executive.Period
    retry: bool  # an earlier send of it failed


def due_sends(con: duckdb.DuckDBPyConnection, today: dt.date) -> list[Due]:
    """What a run on ``today`` sends: each subscriber's failed earlier reports, oldest first,
    then their current one unless it went already."""
    failed = con.execute(
        """SELECT user_name, period_start, period_end FROM report_outbox
           WHERE status = 'failed' ORDER BY period_start, period_end"""
    ).fetchall()
    sent = {
        tuple(row)
        for row in con.execute(
            "SELECT user_name, period_start, period_end FROM report_outbox WHERE status = 'sent'"
        ).fetchall()
    }
    dues = []
    for person in subscribers(con):
        retries = [executive.period_for(s, e) for name, s, e in failed if name == person.name]
        dues += [Due(person, period, True) for period in retries]
        current = due_period(person.cadence, today)
        key = (person.name, current.start, current.end)
        if key not in sent and all((p.start, p.end) != key[1:] for p in retries):
            dues.append(Due(person, current, False))
    return dues


def record(
    con: duckdb.DuckDBPyConnection, due: Due, error: str | None, now: dt.datetime | None = None
) -> None:
    """The outcome of one send: 'sent', or 'failed' with its error (attempts counted)."""
    con.execute(
        """INSERT INTO report_outbox AS o VALUES ($name, $start, $end, $email, $status, 1, $now,
               $error)
           ON CONFLICT (user_name, period_start, period_end) DO UPDATE SET
               email = excluded.email, status = excluded.status, attempts = o.attempts + 1,
               last_attempt = excluded.last_attempt, error = excluded.error""",
        {
            "name": due.to.name,
            "start": due.period.start,
            "end": due.period.end,
            "email": due.to.email,
            "status": "failed" if error else "sent",
            "now": now or dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "error": error,
        },
    )


def outbox(con: duckdb.DuckDBPyConnection, limit: int = 100) -> list[dict]:
    """The latest sends, newest first: user, period, address, status, attempts, when, error."""
    cursor = con.execute(
        """SELECT user_name, period_start, period_end, email, status, attempts, last_attempt,
                  error
           FROM report_outbox ORDER BY last_attempt DESC, user_name LIMIT ?""",
        [limit],
    )
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
