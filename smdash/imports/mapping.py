"""Column mappings for exports no built-in format recognises.

The user maps a file's columns to the fields of one table once (on the Import page); the
mapping is saved under the file's *header signature* (its header cells, normalized, in order)
and becomes a format of its own: the next file with the same header is detected, read, checked,
logged and undone like any other. Built-in formats are always tried first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import duckdb

from smdash.access import audit
from smdash.db.tables import ACCOUNT_DAILY, POSTS, TABLES, WEB_TRAFFIC
from smdash.imports.errors import ImportFailed
from smdash.imports.fields import COUNT, DATE, NUMBER, TEXT, TIMESTAMP, field, normalize_header
from smdash.imports.formats import HEADER_SEARCH_ROWS, Format, Match
from smdash.imports.sniff import Sniffed


@dataclass(frozen=True)
class Target:
    """A table a mapped file can fill: the fields a column can go to, and the fixed values."""

    fields: tuple[tuple[str, str, bool], ...]  # (name, kind, required)
    constants: tuple[str, ...]  # values typed once for the whole file (platform, property)


# the posts columns after the permalink are all counts (impressions ... video_views)
POST_COUNTS = POSTS.values[POSTS.values.index("permalink") + 1 :]
# account_daily metric ids a mapped column can hold (same ids as the built-in formats)
DAILY_METRICS = (
    "impressions",
    "reach",
    "engagements",
    "new_followers",
    "followers",
    "profile_visits",
    "link_clicks",
    "video_views",
)

TARGETS = {
    POSTS.name: Target(
        (
            ("post_id", TEXT, True),
            ("published_at", TIMESTAMP, True),
            ("account", TEXT, False),
            ("post_type", TEXT, False),
            ("text", TEXT, False),
            ("permalink", TEXT, False),
            *((name, COUNT, False) for name in POST_COUNTS),
        ),
        ("platform",),
    ),
    ACCOUNT_DAILY.name: Target(
        (("day", DATE, True), *((name, NUMBER, False) for name in DAILY_METRICS)),
        ("platform", "account"),
    ),
    WEB_TRAFFIC.name: Target(
        (
            ("date_from", DATE, True),
            ("date_to", DATE, False),
            ("source", TEXT, True),
            ("medium", TEXT, False),
            ("campaign", TEXT, False),
            ("content", TEXT, False),
            ("term", TEXT, False),
            ("sessions", COUNT, True),
            ("engaged_sessions", COUNT, False),
            ("conversions", NUMBER, False),
            ("revenue", NUMBER, False),
        ),
        ("property",),
    ),
}


def signature(header: list[str]) -> str:
    """The same for any file whose header has the same cells (case and accents aside)."""
    cells = "\x1f".join(normalize_header(cell) for cell in header)
    return hashlib.sha256(cells.rstrip("\x1f").encode()).hexdigest()[:32]


def header_row(sniffed: Sniffed) -> tuple[str, int, list[str]]:
    """(sheet, row index, cells) of the row that looks like a header: the first with two or
    more filled cells, after any '#' or 'sep=' preamble."""
    for sheet, rows in sniffed.sheets.items():
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            filled = [cell for cell in row if cell.strip()]
            if len(filled) >= 2 and not row[0].lstrip().startswith(("#", "sep=")):
                return sheet, index, row
    raise ImportFailed("mapping_no_header", file=sniffed.file_name)


def missing_required(target: str, columns: dict[str, str]) -> list[str]:
    fields = TARGETS[target].fields
    return [name for name, _, required in fields if required and name not in columns]


@audit.write("mapping.save_mapping")
def save_mapping(
    con: duckdb.DuckDBPyConnection,
    header: list[str],
    target: str,
    columns: dict[str, str],
    constants: dict[str, str],
    label: str,
) -> str:
    """Keep the mapping ``field -> header cell`` for files with this header; its signature."""
    columns = {name: cell for name, cell in columns.items() if cell}
    missing = missing_required(target, columns)
    if missing:
        raise ImportFailed("mapping_incomplete", fields=", ".join(missing))
    key = signature(header)
    con.execute(
        """INSERT OR REPLACE INTO column_mappings
           VALUES ($signature, $header, $target, $columns, $constants, $label, $saved_at)""",
        {
            "signature": key,
            "header": json.dumps(header, ensure_ascii=False),
            "target": target,
            "columns": json.dumps(columns, ensure_ascii=False),
            "constants": json.dumps(constants, ensure_ascii=False),
            "label": label.strip() or target,
            "saved_at": dt.datetime.now(),
        },
    )
    return key


def saved_match(con: duckdb.DuckDBPyConnection, rows: list[list[str]]) -> Match | None:
    """The saved mapping for one of these rows as a header, found like a built-in format."""
    signatures = [signature(row) for row in rows[:HEADER_SEARCH_ROWS]]
    if not signatures:
        return None
    found = con.execute(
        """SELECT signature, target, columns, constants, label FROM column_mappings
           WHERE list_contains(?, signature)""",
        [signatures],
    ).fetchall()
    for key, target, columns, constants, label in found:
        fmt = mapping_format(key, target, json.loads(columns), json.loads(constants), label)
        match = fmt.match(rows)
        if match is not None:
            return match
    return None


MAPPING_COLUMNS = "signature, target, columns, constants, label"


def saved_rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every saved mapping, as ``load_rows`` takes them (for a reading process of its own)."""
    return con.execute(f"SELECT {MAPPING_COLUMNS} FROM column_mappings").fetchall()  # noqa: S608 - a constant


def load_rows(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """A ``column_mappings`` table holding ``rows`` (from ``saved_rows``), for ``saved_match``
    on a connection without smdash's schema."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS column_mappings (signature VARCHAR, target VARCHAR, "
        "columns VARCHAR, constants VARCHAR, label VARCHAR)"
    )
    insert = (
        "INSERT INTO column_mappings (signature, target, columns, constants, label) "
        "VALUES ($signature, $target, $columns, $constants, $label)"
    )
    names = ("signature", "target", "columns", "constants", "label")
    for row in rows:  # a workspace's saved mappings: a handful
        con.execute(insert, dict(zip(names, row, strict=True)))


def formats_of(rows: list[tuple]) -> dict[str, Format]:
    """The formats the saved mappings ``rows`` (from ``saved_rows``) stand for, by name."""
    return {
        format_name(key): mapping_format(key, target, json.loads(cols), json.loads(consts), label)
        for key, target, cols, consts, label in rows
    }


def saved_labels(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Format name -> label per language, for the saved mappings (the import log shows them)."""
    rows = con.execute("SELECT signature, label FROM column_mappings").fetchall()
    return {format_name(key): _label(label) for key, label in rows}


def format_name(key: str) -> str:
    return f"mapping_{key[:12]}"


def _label(label: str) -> dict[str, str]:
    return {"en": f"Your mapping: {label}", "es": f"Tu correspondencia: {label}"}


def mapping_format(
    key: str, target: str, columns: dict[str, str], constants: dict[str, str], label: str
) -> Format:
    spec = TARGETS[target]
    fields = [
        field(name, kind, *([columns[name]] if name in columns else []), required=required)
        for name, kind, required in spec.fields
    ]
    return Format(
        name=format_name(key),
        label=_label(label),
        hint={"en": "", "es": ""},
        target=TABLES[target],
        fields=fields,
        rows_sql=_ROWS_SQL[target](columns),
        context=lambda rows, found: {
            "platform": (constants.get("platform") or "other").strip().lower(),
            "account": (constants.get("account") or "").strip(),
            "property": (constants.get("property") or "web").strip(),
        },
    )


def _posts_sql(columns: dict[str, str]) -> str:
    counts = ", ".join(POST_COUNTS)
    return f"""
        SELECT $platform AS platform, post_id, coalesce(account, $account) AS account,
               CAST(published_at AS TIMESTAMP) AS published_at, post_type, text, permalink,
               {counts}
        FROM parsed
    """  # noqa: S608 - counts: POST_COUNTS, a constant


def _daily_sql(columns: dict[str, str]) -> str:
    metrics = [name for name in DAILY_METRICS if name in columns]
    if not metrics:
        raise ImportFailed("mapping_incomplete", fields=" / ".join(DAILY_METRICS))
    casts = ", ".join(f"CAST({m} AS DOUBLE) AS {m}" for m in metrics)
    return f"""
        SELECT $platform AS platform, $account AS account, day, metric, value
        FROM (SELECT day, {casts} FROM parsed)
        UNPIVOT (value FOR metric IN ({", ".join(metrics)}))
    """  # noqa: S608 - metrics: names from DAILY_METRICS


def _web_sql(columns: dict[str, str]) -> str:
    return """
        SELECT $property AS property, date_from, coalesce(date_to, date_from) AS date_to,
               trim(source) AS source, coalesce(trim(medium), '') AS medium,
               coalesce(campaign, '') AS campaign, coalesce(content, '') AS content,
               coalesce(term, '') AS term, sum(sessions) AS sessions,
               sum(engaged_sessions) AS engaged_sessions, sum(conversions) AS conversions,
               sum(revenue) AS revenue
        FROM parsed GROUP BY ALL
    """


_ROWS_SQL = {POSTS.name: _posts_sql, ACCOUNT_DAILY.name: _daily_sql, WEB_TRAFFIC.name: _web_sql}
