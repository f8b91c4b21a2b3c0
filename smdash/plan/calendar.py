"""The publication calendar: saved tagged links with date, network, topic, copy and status,
and what each one brought to the website (closing the loop with the imported GA4 data).

An entry's visits are the web rows carrying its tags (source, medium, campaign, and content
when the link has one; compared without case) from its day until the day before the next entry
with the same tags, at most ``ATTRIBUTION_DAYS`` days: two entries never count the same visit.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.core.spreadsheet import write_csv
from smdash.db.store import bump_data_version
from smdash.plan import themes
from smdash.plan.utm import tags_of

STATUSES = ("idea", "planned", "published")
# the type of piece an entry plans ('' : not said); results per hour are compared by type
PIECE_TYPES = ("photo", "carousel", "reel", "video", "story", "text", "article", "link", "email")
HOURS_MAX = 1000.0
ATTRIBUTION_DAYS = 28
DEMO_FILE = "calendar.json"
COLUMNS = [
    "entry_id",
    "planned_at",
    "network",
    "topic",
    "copy",
    "link",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_content",
    "status",
    "theme_id",
    "piece_type",
    "hours_estimated",
    "hours_spent",
    "permalink",
]


@dataclass(frozen=True)
class Entry:
    planned_at: dt.datetime
    network: str
    topic: str
    copy: str = ""
    link: str = ""
    status: str = "planned"
    theme_id: int | None = None
    piece_type: str = ""
    hours_estimated: float | None = None
    hours_spent: float | None = None
    permalink: str = ""


def _values(con: duckdb.DuckDBPyConnection, entry: Entry) -> dict:
    """The entry's columns (its UTM tags read from the link), or InvalidInput / ValueError."""
    if entry.status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    if not entry.topic.strip():
        raise ValueError("empty topic")
    if entry.piece_type not in ("", *PIECE_TYPES):
        raise InvalidInput("calendar.error.piece_type", piece_type=entry.piece_type)
    for hours in (entry.hours_estimated, entry.hours_spent):
        if hours is not None and not 0 <= hours <= HOURS_MAX:
            raise InvalidInput("calendar.error.hours", limit=int(HOURS_MAX))
    if (
        entry.theme_id is not None
        and not con.execute(
            "SELECT count(*) FROM themes WHERE theme_id = ?", [entry.theme_id]
        ).fetchone()[0]
    ):
        raise InvalidInput("calendar.error.theme")
    tags = tags_of(entry.link)
    return {
        "planned_at": entry.planned_at,
        "network": entry.network,
        "topic": entry.topic.strip(),
        "copy": entry.copy,
        "link": entry.link,
        "utm_source": tags.source if tags else "",
        "utm_medium": tags.medium if tags else "",
        "utm_campaign": tags.campaign if tags else "",
        "utm_content": tags.content if tags else "",
        "status": entry.status,
        "theme_id": entry.theme_id,
        "piece_type": entry.piece_type,
        "hours_estimated": entry.hours_estimated,
        "hours_spent": entry.hours_spent,
        "permalink": entry.permalink.strip(),
    }


@audit.write("calendar.add_entry")
def add_entry(con: duckdb.DuckDBPyConnection, entry: Entry) -> int:
    """Save one calendar entry (its UTM tags read from the link); returns its id."""
    values = _values(con, entry)
    entry_id = con.execute(
        f"""INSERT INTO calendar_entries ({", ".join(values)})
            VALUES ({", ".join("$" + name for name in values)}) RETURNING entry_id""",  # noqa: S608 - names: _values' constant keys
        values,
    ).fetchone()[0]
    bump_data_version(con)
    return entry_id


@audit.write("calendar.update_entry")
def update_entry(con: duckdb.DuckDBPyConnection, entry_id: int, entry: Entry) -> None:
    """Overwrite an entry with ``entry`` (what the edit form holds)."""
    values = _values(con, entry)
    con.execute(
        f"""UPDATE calendar_entries SET {", ".join(f"{name} = ${name}" for name in values)}
            WHERE entry_id = $entry_id""",  # noqa: S608 - names: _values' constant keys
        {**values, "entry_id": entry_id},
    )
    bump_data_version(con)


def get_entry(con: duckdb.DuckDBPyConnection, entry_id: int) -> Entry | None:
    row = con.execute(
        """SELECT planned_at, network, topic, copy, link, status, theme_id, piece_type,
                  hours_estimated, hours_spent, permalink
           FROM calendar_entries WHERE entry_id = ?""",
        [entry_id],
    ).fetchone()
    return Entry(*row) if row else None


@audit.write("calendar.set_status")
def set_status(con: duckdb.DuckDBPyConnection, entry_id: int, status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    con.execute("UPDATE calendar_entries SET status = ? WHERE entry_id = ?", [status, entry_id])
    bump_data_version(con)


@audit.write("calendar.delete_entry")
def delete_entry(con: duckdb.DuckDBPyConnection, entry_id: int) -> None:
    con.execute("DELETE FROM calendar_entries WHERE entry_id = ?", [entry_id])
    bump_data_version(con)


def entries(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pd.DataFrame:
    """The entries planned inside the dates (all when None), in date order, with the name of
    their theme (``theme``, '' without one)."""
    return con.execute(
        f"""SELECT {", ".join("e." + c for c in COLUMNS)}, coalesce(t.name, '') AS theme
            FROM calendar_entries e LEFT JOIN themes t USING (theme_id)
            WHERE ($date_from::DATE IS NULL OR e.planned_at >= $date_from::DATE)
              AND ($date_to::DATE IS NULL OR e.planned_at < $date_to::DATE + 1)
            ORDER BY e.planned_at, e.entry_id""",  # noqa: S608 - COLUMNS: constant
        {"date_from": date_from, "date_to": date_to},
    ).df()


def week_days(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """The month's weeks, each its seven days from Monday (ISO weeks, in every language)."""
    return stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def _label(row) -> str:
    return f"{row.planned_at:%H:%M} {row.network}: {row.topic}"


def month_grid(table: pd.DataFrame, year: int, month: int, weekdays: list[str]) -> pd.DataFrame:
    """The month as a table: one row per week, one column per weekday (``weekdays``, Monday
    first); a cell holds the day number and its entries, one per line."""
    by_day: dict[dt.date, list[str]] = {}
    for row in table.itertuples():
        by_day.setdefault(row.planned_at.date(), []).append(_label(row))
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    cells = [
        [
            "\n".join([str(day.day), *by_day.get(day, [])]) if day.month == month else ""
            for day in week
        ]
        for week in weeks
    ]
    return pd.DataFrame(cells, columns=weekdays)


def week_table(table: pd.DataFrame, monday: dt.date) -> pd.DataFrame:
    """The week's entries: day, time, network, topic, status, link."""
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    shown = table[table["planned_at"].dt.date.isin(days)].copy()
    shown["day"] = shown["planned_at"].dt.date
    shown["time"] = shown["planned_at"].dt.strftime("%H:%M")
    return shown[["entry_id", "day", "time", "network", "topic", "status", "link"]].reset_index(
        drop=True
    )


def scheduler_csv(table: pd.DataFrame) -> bytes:
    """CSV for schedulers (Buffer, Hootsuite, Metricool bulk upload): date, time, network,
    text (copy and link), link, topic, status; formula-like cells defused."""
    out = pd.DataFrame(
        {
            "date": table["planned_at"].dt.strftime("%Y-%m-%d"),
            "time": table["planned_at"].dt.strftime("%H:%M"),
            "network": table["network"],
            "text": [
                " ".join(part for part in (copy.strip(), link) if part)
                for copy, link in zip(table["copy"], table["link"], strict=True)
            ],
            "link": table["link"],
            "topic": table["topic"],
            "status": table["status"],
        }
    )
    return write_csv(out)


_WINDOWS = """
WITH e AS (
    SELECT *, planned_at::DATE AS first_day,
           least(planned_at::DATE + $days - 1,
                 lead(planned_at::DATE) OVER (
                     PARTITION BY lower(utm_source), lower(utm_medium), lower(utm_campaign),
                                  lower(utm_content)
                     ORDER BY planned_at, entry_id) - 1) AS window_end
    FROM calendar_entries WHERE utm_campaign <> ''
)
"""


def entry_results(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per calendar entry with a tagged link: sessions, conversions and revenue it brought."""
    return con.execute(
        _WINDOWS  # noqa: S608 - _WINDOWS: constant
        + """SELECT e.entry_id, e.planned_at, e.network, e.topic, e.status, e.utm_campaign,
                   e.first_day, coalesce(e.window_end, e.first_day + $days - 1) AS last_day,
                   sum(w.sessions) AS sessions, sum(w.conversions) AS conversions,
                   sum(w.revenue) AS revenue
            FROM e LEFT JOIN web_traffic w
              ON lower(w.source) = lower(e.utm_source) AND lower(w.medium) = lower(e.utm_medium)
             AND lower(w.campaign) = lower(e.utm_campaign)
             AND (e.utm_content = '' OR lower(w.content) = lower(e.utm_content))
             AND w.date_from = w.date_to AND w.date_from >= e.first_day
             AND w.date_from <= coalesce(e.window_end, e.first_day + $days - 1)
            GROUP BY ALL ORDER BY e.planned_at, e.entry_id""",
        {"days": ATTRIBUTION_DAYS},
    ).df()


def campaign_results(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per campaign in the calendar: entries, networks, and all the tagged traffic it brought
    (every source and medium carrying that utm_campaign, merged names included)."""
    return con.execute(
        """WITH c AS (
               SELECT lower(utm_campaign) AS campaign, count(*) AS entries,
                      string_agg(DISTINCT network, ', ' ORDER BY network) AS networks,
                      min(planned_at)::DATE AS first_entry, max(planned_at)::DATE AS last_entry
               FROM calendar_entries WHERE utm_campaign <> '' GROUP BY 1),
           w AS (
               SELECT lower(coalesce(ca.campaign, w.campaign)) AS campaign,
                      sum(sessions) AS sessions, sum(conversions) AS conversions,
                      sum(revenue) AS revenue
               FROM web_traffic w LEFT JOIN campaign_aliases ca ON ca.alias = w.campaign
               GROUP BY 1)
           SELECT c.*, w.sessions, w.conversions, w.revenue
           FROM c LEFT JOIN w USING (campaign)
           ORDER BY w.sessions DESC NULLS LAST, c.campaign"""
    ).df()


def demo_entries(path: Path, theme_ids: dict[str, int] | None = None) -> list[Entry]:
    rows = json.loads(path.read_text(encoding="utf-8"))["entries"]
    theme_ids = theme_ids or {}
    return [
        Entry(
            dt.datetime.fromisoformat(r["planned_at"]),
            r["network"],
            r["topic"],
            r.get("copy", ""),
            r.get("link", ""),
            r.get("status", "published"),
            theme_ids.get(r.get("theme", "")),
            r.get("piece_type", ""),
            r.get("hours_estimated"),
            r.get("hours_spent"),
            r.get("permalink", ""),
        )
        for r in rows
    ]


def seed_demo(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """The demo's calendar (calendar.json), whose links match the demo GA4 data, with its
    themes and the posts the demo CM themed by hand; returns how many entries were added."""
    path = folder / DEMO_FILE
    if not path.exists():
        return 0
    demo_themes = json.loads(path.read_text(encoding="utf-8")).get("themes", [])
    theme_ids = {
        theme["name"]: themes.add_theme(con, theme["name"], theme.get("target_share"))
        for theme in demo_themes
    }
    entries = demo_entries(path, theme_ids)
    for entry in entries:
        add_entry(con, entry)
    for theme in demo_themes:
        themes.tag_posts_by_words(con, theme_ids[theme["name"]], theme.get("tagged_by_hand", []))
    return len(entries)


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Starting an empty workspace empties the calendar and the CM's mappings too."""
    cleared = ("calendar_entries", "source_aliases", "campaign_aliases", "post_themes", "themes")
    for table in cleared:
        con.execute(f"DELETE FROM {table}")  # noqa: S608 - table from the fixed list above
