"""What the CM sets for the director: pinned vanity metrics, comments, business name and logo."""

from __future__ import annotations

import datetime as dt
import io
import json

import duckdb

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.db.store import bump_data_version, get_setting, set_setting
from smdash.executive.periods import Period
from smdash.executive.terms import (
    COMMENT_MAX,
    LOGO,
    LOGO_MAX_BYTES,
    NAME_KEY,
    NAME_MAX,
    PINNED_KEY,
    VANITY,
)


def pinned(con: duckdb.DuckDBPyConnection) -> list[str]:
    keys = json.loads(get_setting(con, PINNED_KEY, "[]") or "[]")
    return [k for k in keys if k in VANITY]


@audit.write("executive.set_pinned")
def set_pinned(con: duckdb.DuckDBPyConnection, keys: list[str]) -> None:
    set_setting(con, PINNED_KEY, json.dumps([k for k in VANITY if k in keys]))
    bump_data_version(con)


def comment(con: duckdb.DuckDBPyConnection, period: Period) -> str:
    row = con.execute(
        "SELECT comment FROM period_comments WHERE period = ?", [period.key]
    ).fetchone()
    return row[0] if row else ""


@audit.write("executive.save_comment")
def save_comment(con: duckdb.DuckDBPyConnection, period: Period, text: str) -> None:
    """Keep the CM's comment for the period (an empty text removes it)."""
    text = (text or "").strip()
    if len(text) > COMMENT_MAX:
        raise InvalidInput("executive.error.comment_too_long", limit=COMMENT_MAX)
    con.execute("DELETE FROM period_comments WHERE period = ?", [period.key])
    if text:
        con.execute(
            "INSERT INTO period_comments VALUES ($period, $comment, $updated_at)",
            {"period": period.key, "comment": text, "updated_at": dt.datetime.now()},
        )
    bump_data_version(con)


def business_name(con: duckdb.DuckDBPyConnection) -> str:
    return get_setting(con, NAME_KEY, "") or ""


@audit.write("executive.set_business_name")
def set_business_name(con: duckdb.DuckDBPyConnection, name: str) -> None:
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX:
        raise InvalidInput("executive.error.name_too_long", limit=NAME_MAX)
    set_setting(con, NAME_KEY, name)
    bump_data_version(con)


def logo(con: duckdb.DuckDBPyConnection) -> tuple[bytes, str] | None:
    row = con.execute("SELECT content, mime FROM brand_assets WHERE name = ?", [LOGO]).fetchone()
    return (bytes(row[0]), row[1]) if row else None


def checked_logo(data: bytes) -> tuple[bytes, str]:
    """The image as PNG or JPEG and its type; InvalidInput when it is neither, or too big."""
    from PIL import Image, UnidentifiedImageError  # Pillow comes with streamlit

    if len(data) > LOGO_MAX_BYTES:
        raise InvalidInput("executive.error.logo_too_big", limit=LOGO_MAX_BYTES // 1_000_000)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput("executive.error.logo_format") from exc
    if kind not in ("PNG", "JPEG"):
        raise InvalidInput("executive.error.logo_format")
    return data, f"image/{kind.lower()}"


@audit.write("executive.set_logo")
def set_logo(con: duckdb.DuckDBPyConnection, data: bytes | None) -> None:
    """Store the business's logo (PNG or JPEG), or remove it with None."""
    checked = None if data is None else checked_logo(data)
    con.execute("DELETE FROM brand_assets WHERE name = ?", [LOGO])
    if checked is not None:
        content, mime = checked
        con.execute(
            "INSERT INTO brand_assets VALUES ($name, $content, $mime, $updated_at)",
            {"name": LOGO, "content": content, "mime": mime, "updated_at": dt.datetime.now()},
        )
    bump_data_version(con)
