"""Annotations: a date or a span with a short note (a campaign, a crisis, a holiday).

Every time chart in the app can show them (``kpi_charts.with_annotations``), so a spike
explains itself. Archiving hides an annotation; nothing is deleted.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import UserError
from smdash.db.store import bump_data_version

NOTE_MAX = 120
ACTIVE, ARCHIVED = "active", "archived"
COLUMNS = ["annotation_id", "date_from", "date_to", "note"]


class InvalidAnnotation(UserError, ValueError):
    """Input the user can correct; ``message(lang)`` says what is wrong in their words."""


def _checked(date_from: dt.date | None, date_to: dt.date | None, note: str) -> tuple:
    note = (note or "").strip()
    if date_from is None:
        raise InvalidAnnotation("annotations.error.no_date")
    date_to = date_to or date_from
    if not note:
        raise InvalidAnnotation("annotations.error.no_note")
    if len(note) > NOTE_MAX:
        raise InvalidAnnotation("annotations.error.too_long", limit=NOTE_MAX, length=len(note))
    if date_to < date_from:
        raise InvalidAnnotation("annotations.error.dates")
    return date_from, date_to, note


@audit.write("annotations.add_annotation")
def add_annotation(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date | None, note: str
) -> int:
    """Add a note on one day (``date_to`` None) or a span; returns its id."""
    date_from, date_to, note = _checked(date_from, date_to, note)
    now = dt.datetime.now()
    annotation_id = con.execute(
        """INSERT INTO annotations (date_from, date_to, note, created_at, updated_at)
           VALUES ($date_from, $date_to, $note, $now, $now) RETURNING annotation_id""",
        {"date_from": date_from, "date_to": date_to, "note": note, "now": now},
    ).fetchall()[0][0]
    bump_data_version(con)
    return annotation_id


@audit.write("annotations.update_annotation")
def update_annotation(
    con: duckdb.DuckDBPyConnection,
    annotation_id: int,
    date_from: dt.date,
    date_to: dt.date | None,
    note: str,
) -> None:
    date_from, date_to, note = _checked(date_from, date_to, note)
    con.execute(
        """UPDATE annotations SET date_from = $date_from, date_to = $date_to, note = $note,
               updated_at = $updated_at
           WHERE annotation_id = $annotation_id""",
        {
            "date_from": date_from,
            "date_to": date_to,
            "note": note,
            "updated_at": dt.datetime.now(),
            "annotation_id": annotation_id,
        },
    )
    bump_data_version(con)


@audit.write("annotations.set_annotation_status")
def set_annotation_status(con: duckdb.DuckDBPyConnection, annotation_id: int, status: str) -> None:
    """Archive (or restore) an annotation."""
    assert status in (ACTIVE, ARCHIVED)
    con.execute(
        """UPDATE annotations SET status = $status, updated_at = $updated_at
           WHERE annotation_id = $annotation_id""",
        {"status": status, "updated_at": dt.datetime.now(), "annotation_id": annotation_id},
    )
    bump_data_version(con)


def annotations(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    status: str = ACTIVE,
) -> pd.DataFrame:
    """Annotations with the status that overlap the dates (all when no dates), by date."""
    frame = con.execute(
        """SELECT annotation_id, date_from, date_to, note FROM annotations
           WHERE status = $status AND date_to >= coalesce($date_from, DATE '0001-01-01')
             AND date_from <= coalesce($date_to, DATE '9999-12-31')
           ORDER BY date_from, annotation_id""",
        {"status": status, "date_from": date_from, "date_to": date_to},
    ).df()
    for column in ("date_from", "date_to"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame[COLUMNS]


def clear(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM annotations")
