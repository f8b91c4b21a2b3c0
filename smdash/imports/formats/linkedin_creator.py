"""LinkedIn personal (creator) analytics: a member's own profile, beside company pages.

Downloaded as ``Content_<from>_<to>_<Name>.xlsx`` with the sheets ``DISCOVERY`` (the period's
totals), ``ENGAGEMENT`` (``Date, Impressions, Engagements``, one row a day), ``TOP POSTS``,
``FOLLOWERS`` (a line ``Total followers on 3/5/2026:`` with the count, a blank row, then
``Date, New followers``) and ``DEMOGRAPHICS``. smdash reads ENGAGEMENT and FOLLOWERS: daily
impressions, engagements and new followers, and the follower total on its day. The other sheets
hold totals, a top list and an audience breakdown, which smdash does not keep.

The file names the member, its content does not: the account is the name at the end of the
file name (``Marta López``), or ``LinkedIn profile`` when the file was renamed. Dates are
M/D/YYYY in English files; Spanish headers and sheet names are guesses (unconfirmed).
"""

from __future__ import annotations

import datetime as dt
import re

from smdash.db.tables import ACCOUNT_DAILY
from smdash.imports.fields import COUNT, field
from smdash.imports.formats.base import Format
from smdash.imports.formats.linkedin_content import date_fields, needs_date

# the account: the member's name at the end of 'Content_<from>_<to>_<Name>.xlsx'
ACCOUNT_SQL = r"""coalesce(nullif(regexp_extract($file_name,
    '^Content_[0-9-]+_[0-9-]+_(.+)\.xlsx$', 1), ''), 'LinkedIn profile')"""
_HINT = {
    "en": "LinkedIn > your profile > Analytics > Post impressions (or Followers) > Export: the "
    "file Content_<from>_<to>_<Name>.xlsx",
    "es": "LinkedIn > tu perfil > Analíticas > Impresiones de publicaciones (o Seguidores) > "
    "Exportar: el archivo Content_<desde>_<hasta>_<Nombre>.xlsx",
}
_METRICS = [
    field("impressions", COUNT, "Impressions", "Impresiones", required=True),
    field("engagements", COUNT, "Engagements", "Interacciones", required=True),
]

ENGAGEMENT = Format(
    name="linkedin_creator_engagement",
    label={
        "en": "LinkedIn profile (creator analytics): impressions and engagements by day",
        "es": "Perfil de LinkedIn (analíticas de creador): impresiones e interacciones por día",
    },
    hint=_HINT,
    target=ACCOUNT_DAILY,
    kind="xlsx",
    sheets=("engagement", "interacción", "interaccion"),
    fields=[*date_fields("day", "Date", "Fecha"), *_METRICS],
    context=needs_date("day"),
    rows_sql=f"""
        SELECT 'linkedin' AS platform, {ACCOUNT_SQL} AS account, day, metric, value
        FROM (SELECT coalesce(day, day_es) AS day, CAST(impressions AS DOUBLE) AS impressions,
                     CAST(engagements AS DOUBLE) AS engagements FROM parsed)
        UNPIVOT (value FOR metric IN (impressions, engagements))
    """,  # noqa: S608 - ACCOUNT_SQL: constant
)

_TOTAL = re.compile(
    r"^(?:total followers on|total de seguidores (?:el|a)?)\s*(\d{1,2})/(\d{1,2})/(\d{4})"
    r"\s*:?\s*([0-9.,]*)$",
    re.IGNORECASE,
)


def _followers_context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
    """The follower total and its day from the line above the table, when it is there (the
    count in the next cell, or after the colon)."""
    if "day" not in columns and "day_es" not in columns:
        return None
    for row in rows:
        cells = [cell.strip() for cell in row if cell.strip()]
        found = _TOTAL.match(cells[0]) if cells else None
        count = (found.group(4) or (cells[1] if len(cells) > 1 else "")) if found else ""
        count = count.replace(",", "").replace(".", "")
        if count.isdigit():
            first, second, year = map(int, found.groups()[:3])
            english = cells[0].lower().startswith("total followers")
            month, day = (first, second) if english else (second, first)
            return {"total": float(count), "total_day": dt.date(year, month, day)}
    return {"total": None, "total_day": None}


FOLLOWERS = Format(
    name="linkedin_creator_followers",
    label={
        "en": "LinkedIn profile (creator analytics): new followers by day and the total",
        "es": "Perfil de LinkedIn (analíticas de creador): nuevos seguidores por día y el total",
    },
    hint=_HINT,
    target=ACCOUNT_DAILY,
    kind="xlsx",
    sheets=("followers", "seguidores"),
    fields=[
        *date_fields("day", "Date", "Fecha"),
        field("new_followers", COUNT, "New followers", "Nuevos seguidores", required=True),
    ],
    context=_followers_context,
    rows_sql=f"""
        SELECT 'linkedin' AS platform, {ACCOUNT_SQL} AS account, coalesce(day, day_es) AS day,
               'new_followers' AS metric, CAST(new_followers AS DOUBLE) AS value
        FROM parsed
        UNION ALL
        SELECT 'linkedin', {ACCOUNT_SQL}, CAST($total_day AS DATE), 'followers',
               CAST($total AS DOUBLE)
        WHERE $total IS NOT NULL
    """,  # noqa: S608 - ACCOUNT_SQL: constant
)
