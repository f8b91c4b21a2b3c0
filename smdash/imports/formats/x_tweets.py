"""X (Twitter) posts: the classic tweet activity export and the newer content export.

Classic (every field quoted): ``Tweet id, Tweet permalink, Tweet text, time, impressions,
engagements, ...``, counts like ``1203.0``, ``time`` like ``2026-03-08 15:19 +0000``; files
before 2015 say ``favorites`` instead of ``likes``. Newer (``account_analytics_content_*.csv``):
``Post id, Date, Post text, Post Link, ...``, ``Date`` like ``Tue, Jul 14, 2026`` (no time of
day). Its ``Shares`` are shares by message or link, not reposts, so they are not read.
The early-2025 shape says ``Link``, ``Share``, ``Detail expands``, ``Url clicks`` and writes
``Date`` like ``Mon Feb 17 2025``. A classic file re-saved by a spreadsheet has its ids turned
into ``6.49E+17`` and ``time`` without ``+0000`` (still UTC): the id is always taken from the
post's link when it has one, which also holds the whole number.
The account is the handle in the post's link, '' when there is none.
Spanish headers are guesses (unconfirmed).
"""

from smdash.db.tables import POSTS
from smdash.imports.fields import COUNT, DATE, TEXT, TIMESTAMP, field
from smdash.imports.formats.base import Format

_COUNTS = [
    field("impressions", COUNT, "impressions", "impresiones", required=True),
    field("engagements", COUNT, "engagements", "interacciones"),
    field("likes", COUNT, "likes", "favorites", "me gusta", "favoritos"),
    field("replies", COUNT, "replies", "respuestas"),
    field("url_clicks", COUNT, "url clicks", "clics en url", "clics en la url"),
]

_CLASSIC_FIELDS = [
    field("post_id", TEXT, "Tweet id", "ID del Tweet", required=True),
    field("permalink", TEXT, "Tweet permalink", "Enlace permanente del Tweet"),
    field("text", TEXT, "Tweet text", "Texto del Tweet"),
    field(
        "published_at",
        TIMESTAMP,
        "time",
        "hora",
        required=True,
        # a file re-saved by a spreadsheet loses the '+0000' (the time is still UTC) or
        # writes its own date order
        formats=(
            "%Y-%m-%d %H:%M %z",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%m/%d/%Y %H:%M",
            "%d/%m/%Y %H:%M",
        ),
    ),
    field("reposts", COUNT, "retweets", "retuits"),
    *_COUNTS,
]

_CONTENT_FIELDS = [
    field("post_id", TEXT, "Post id", "ID de la publicación", "ID del post", required=True),
    field("permalink", TEXT, "Post Link", "Link", "Enlace de la publicación", "Enlace del post"),
    field("text", TEXT, "Post text", "Texto de la publicación", "Texto del post"),
    field(
        "published_at",
        DATE,
        "Date",
        "Fecha",
        required=True,
        formats=("%a, %b %d, %Y", "%a %b %d %Y", "%b %d, %Y", "%Y-%m-%d"),
    ),
    field("reposts", COUNT, "Reposts", "Republicaciones"),
    field("bookmarks", COUNT, "Bookmarks", "Elementos guardados", "Guardados"),
    *_COUNTS,
]

_ROWS_SQL = """
    SELECT 'x' AS platform,
           coalesce(nullif(regexp_extract(permalink, '/status(es)?/([0-9]+)', 2), ''), post_id)
               AS post_id,
           coalesce(regexp_extract(permalink, '(twitter|x)[.]com/([^/?#]+)/status/', 2), '')
               AS account,
           CAST(published_at AS TIMESTAMP) AS published_at, NULL AS post_type, text, permalink,
           impressions, NULL AS reach, engagements, likes AS reactions, replies AS comments,
           reposts AS shares, {saves} AS saves, NULL AS clicks, url_clicks AS link_clicks,
           NULL AS video_views
    FROM parsed
"""

CLASSIC = Format(
    name="x_tweet_activity",
    label={"en": "X (Twitter) tweet activity", "es": "Actividad de tweets de X (Twitter)"},
    hint={
        "en": "analytics.twitter.com > Tweets > Export data > By Tweet",
        "es": "analytics.twitter.com > Tweets > Exportar datos > Por Tweet",
    },
    target=POSTS,
    fields=_CLASSIC_FIELDS,
    rows_sql=_ROWS_SQL.format(saves="NULL"),
    extra={"times_in_utc": True},  # its 'time' is UTC ('+0000'): see metrics.time_zone
)

CONTENT = Format(
    name="x_post_analytics",
    label={"en": "X posts (account analytics content)", "es": "Publicaciones de X (analíticas)"},
    hint={
        "en": "x.com > More > Analytics > Content > Export data (account_analytics_content_….csv)",
        "es": "x.com > Más > Analíticas > Contenido > Exportar datos "
        "(account_analytics_content_….csv)",
    },
    target=POSTS,
    fields=_CONTENT_FIELDS,
    rows_sql=_ROWS_SQL.format(saves="bookmarks"),
)
