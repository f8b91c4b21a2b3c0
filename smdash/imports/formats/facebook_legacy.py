"""The legacy Facebook Insights post export (Page > Insights > Export data, until about 2020).

Two header rows: metric titles, then a row describing each one. Titles that repeat (``Lifetime
Talking About This (Post) by action type`` for share, like and comment) are told apart by their
description cell, so a column is named ``title (description)``. ``Posted`` is ``M/D/YYYY
H:MM``. The exact description texts are unconfirmed: the repeated titles are matched on the
action name the description row holds (``share``, ``like``, ``comment``, ``link clicks``).
"""

from smdash.db.tables import POSTS
from smdash.imports.fields import COUNT, TEXT, TIMESTAMP, field
from smdash.imports.formats.base import Format

_BY_ACTION = "Lifetime Talking About This (Post) by action type"
_BY_CLICK = "Lifetime Post Consumptions by type"

FORMAT = Format(
    name="facebook_insights_legacy",
    label={
        "en": "Facebook posts (legacy Insights export, until 2020)",
        "es": "Publicaciones de Facebook (exportación antigua de Estadísticas, hasta 2020)",
    },
    hint={
        "en": "Facebook Page > Insights > Export data > Post data (the old Insights, until 2020)",
        "es": "Página de Facebook > Estadísticas > Exportar datos > Datos de publicaciones (las "
        "Estadísticas antiguas, hasta 2020)",
    },
    target=POSTS,
    header_rows=2,
    fields=[
        field("post_id", TEXT, "Post ID", required=True),
        field("permalink", TEXT, "Permalink"),
        field("message", TEXT, "Post Message"),
        field("post_type", TEXT, "Type"),
        field("published_at", TIMESTAMP, "Posted", required=True, formats=("%m/%d/%Y %H:%M",)),
        field("reach", COUNT, "Lifetime Post Total Reach", required=True),
        field("impressions", COUNT, "Lifetime Post Total Impressions"),
        field("engaged", COUNT, "Lifetime Engaged Users"),
        field("clicks", COUNT, "Lifetime Post Consumptions"),
        field("shares", COUNT, f"{_BY_ACTION} (share)"),
        field("reactions", COUNT, f"{_BY_ACTION} (like)"),
        field("comments", COUNT, f"{_BY_ACTION} (comment)"),
        field("link_clicks", COUNT, f"{_BY_CLICK} (link clicks)"),
    ],
    rows_sql="""
        SELECT 'facebook' AS platform, post_id,
               coalesce(regexp_extract(post_id, '^([0-9]+)_', 1), '') AS account,
               published_at, post_type, message AS text, permalink, impressions, reach,
               coalesce(reactions + comments + shares, engaged) AS engagements, reactions,
               comments, shares, NULL AS saves, clicks, link_clicks, NULL AS video_views
        FROM parsed
    """,
)
