"""TikTok Studio content export: one row per video, lifetime figures.

``Video title, Video link, Post time, Total likes, Total comments, Total shares, Total views``
(the order varies). The post id and the account (the handle, without '@') come from the link.
Engagements are likes + comments + shares; views count both as impressions and video views.
Spanish headers are guesses (unconfirmed).
"""

from smdash.db.tables import POSTS
from smdash.imports.fields import COUNT, TEXT, TIMESTAMP, field
from smdash.imports.formats.base import Format

_FIELDS = [
    field("link", TEXT, "Video link", "Enlace del vídeo", "Enlace del video", required=True),
    field("title", TEXT, "Video title", "Título del vídeo", "Título del video"),
    field("published_at", TIMESTAMP, "Post time", "Hora de publicación", "Fecha de publicación"),
    field("likes", COUNT, "Total likes", "Total de me gusta", "Me gusta totales"),
    field("comments", COUNT, "Total comments", "Total de comentarios", "Comentarios totales"),
    field(
        "shares",
        COUNT,
        "Total shares",
        "Total de veces compartido",
        "Total de veces que se ha compartido",
        "Veces compartido totales",
    ),
    field(
        "views",
        COUNT,
        "Total views",
        "Total de visualizaciones",
        "Visualizaciones totales",
        required=True,
    ),
]

FORMAT = Format(
    name="tiktok_content",
    label={"en": "TikTok videos (TikTok Studio)", "es": "Vídeos de TikTok (TikTok Studio)"},
    hint={
        "en": "TikTok Studio (web) > Analytics > Content > Download data",
        "es": "TikTok Studio (web) > Analíticas > Contenido > Descargar datos",
    },
    target=POSTS,
    fields=_FIELDS,
    rows_sql="""
        SELECT 'tiktok' AS platform,
               nullif(regexp_extract(link, '/(video|photo)/([0-9]+)', 2), '') AS post_id,
               coalesce(regexp_extract(link, '/@([^/?#]+)', 1), '') AS account,
               published_at, NULL AS post_type, title AS text, link AS permalink,
               views AS impressions, NULL AS reach, likes + comments + shares AS engagements,
               likes AS reactions, comments, shares, NULL AS saves, NULL AS clicks,
               NULL AS link_clicks, views AS video_views
        FROM parsed
    """,
)
