"""The calendar for other programs: an iCalendar file (RFC 5545) that the CM's own calendar
opens, and an XLSX workbook.

Entry times are the workspace's local time (``time_zone``: the setting ``time_zone``, else
``DEFAULT_TIME_ZONE``); the ICS file writes them in UTC (``...Z``), which every calendar
program shows in its own user's time zone, so no VTIMEZONE definition is needed. Written by
hand: text escaped (backslash, ``;``, ``,``, new lines) and lines folded at 75 octets, CRLF.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.core.i18n import t
from smdash.core.spreadsheet import write_xlsx
from smdash.db.store import get_setting, set_setting
from smdash.plan import calendar, matching

TIME_ZONE_SETTING = "time_zone"
DEFAULT_TIME_ZONE = "Europe/Madrid"
EVENT_MINUTES = 30  # a publication is a moment; calendars show it as a short event
ICS_STATUS = {"idea": "TENTATIVE", "planned": "CONFIRMED", "published": "CONFIRMED"}
XLSX_COLUMNS = (
    "date", "time", "network", "topic", "theme", "piece_type", "status", "hours_estimated",
    "hours_spent", "copy", "link", "permalink", "method", "reach", "engagements",
)  # fmt: skip


def time_zone(con: duckdb.DuckDBPyConnection) -> str:
    """The workspace's time zone (an IANA name such as Europe/Madrid)."""
    return get_setting(con, TIME_ZONE_SETTING) or DEFAULT_TIME_ZONE


def checked_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput("calendar.error.time_zone", zone=name) from exc


@audit.write("calendar.set_time_zone")
def set_time_zone(con: duckdb.DuckDBPyConnection, name: str) -> None:
    checked_zone(name)
    set_setting(con, TIME_ZONE_SETTING, name)


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets (a continuation starts with a space), never inside a
    UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74  # continuation lines lose one octet to the space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.replace(tzinfo=zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(row, zone: ZoneInfo, stamp: str, lang: str) -> list[str]:
    start = row.planned_at.to_pydatetime()
    network = t(f"network.{row.network}", lang)
    details = [row.copy.strip(), row.link]
    if row.theme:
        details.append(f"{t('calendar.column.theme', lang)}: {row.theme}")
    if row.piece_type:
        details.append(
            f"{t('calendar.column.piece_type', lang)}: {t(f'calendar.type.{row.piece_type}', lang)}"
        )
    lines = [
        "BEGIN:VEVENT",
        f"UID:smdash-entry-{row.entry_id}@smdash",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(start, zone)}",
        f"DTEND:{_utc(start + dt.timedelta(minutes=EVENT_MINUTES), zone)}",
        f"SUMMARY:{_escape(f'{network}: {row.topic}')}",
        f"DESCRIPTION:{_escape(chr(10).join(d for d in details if d))}",
        f"CATEGORIES:{_escape(network)}",
        f"STATUS:{ICS_STATUS[row.status]}",
    ]
    if row.link:
        lines.append(f"URL:{row.link}")
    return [*lines, "END:VEVENT"]


def ics(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    lang: str = "en",
    now: dt.datetime | None = None,
) -> bytes:
    """The entries planned inside the dates (all when None) as an iCalendar file."""
    zone = checked_zone(time_zone(con))
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//smdash//publication calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(t('calendar.ics_name', lang))}",
        f"X-WR-TIMEZONE:{zone.key}",
    ]
    for row in calendar.entries(con, date_from, date_to).itertuples():
        lines += _event(row, zone, stamp, lang)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def xlsx_table(
    con: duckdb.DuckDBPyConnection, date_from: dt.date | None, date_to: dt.date | None, lang: str
) -> pd.DataFrame:
    """The entries with what their posts brought, in ``lang``'s words (``XLSX_COLUMNS``)."""
    table = calendar.entries(con, date_from, date_to)
    posts = matching.entry_posts(con, date_from, date_to)[
        ["entry_id", "method", "reach", "engagements"]
    ]
    table = table.merge(posts, on="entry_id", how="left")
    words = {
        "network": lambda v: t(f"network.{v}", lang),
        "status": lambda v: t(f"links.status.{v}", lang),
        "piece_type": lambda v: t(f"calendar.type.{v}", lang) if v else "",
        "method": lambda v: t(f"calendar.method.{v}", lang) if isinstance(v, str) else "",
    }
    out = table.assign(
        date=table["planned_at"].dt.date, time=table["planned_at"].dt.strftime("%H:%M")
    )
    for column, word in words.items():
        out[column] = [word(v) for v in out[column]]
    out = out[list(XLSX_COLUMNS)]
    return out.rename(columns={c: t(f"calendar.column.{c}", lang) for c in XLSX_COLUMNS})


def xlsx(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    lang: str = "en",
) -> bytes:
    """The entries as an XLSX workbook (formula-like cells neutralised)."""
    return write_xlsx({t("calendar.sheet", lang): xlsx_table(con, date_from, date_to, lang)})
