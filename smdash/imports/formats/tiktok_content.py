"""TikTok Studio content export: one row per video, lifetime figures.

``Video title, Video link, Post time, Total likes, Total comments, Total shares, Total views``
(the order varies; sometimes a leading ``Time`` column, not read). ``Post time`` may lack the
year (``July 16``): the year is inferred and asked in the preview (see ``questions``).
TikTok's business video export has ``Video views, Likes, Comments, Shares, Add to Favorites``
and ``Post time`` like ``2025/10/31 18:19:10``; favorites are saves.
The post id and the account (the handle, without '@') come from the link. Engagements are
likes + comments + shares (+ saves where the file has them); views count both as impressions
and video views. Spanish headers are guesses (unconfirmed).
"""

from smdash.db.tables import POSTS
from smdash.imports.fields import COUNT, TEXT, TIMESTAMP, TIMESTAMP_FORMATS, field
from smdash.imports.formats.base import Format

_FIELDS = [
    field("link", TEXT, "Video link", "Enlace del vídeo", "Enlace del video", required=True),
    field("title", TEXT, "Video title", "Título del vídeo", "Título del video"),
    field(
        "published_at",
        TIMESTAMP,
        "Post time",
        "Hora de publicación",
        "Fecha de publicación",
        formats=(*TIMESTAMP_FORMATS, "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"),
    ),
    field("likes", COUNT, "Total likes", "Total de me gusta", "Me gusta totales", "Likes"),
    field(
        "comments",
        COUNT,
        "Total comments",
        "Total de comentarios",
        "Comentarios totales",
        "Comments",
    ),
    field(
        "shares",
        COUNT,
        "Shares",
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
        "Video views",
        required=True,
    ),
    field("saves", COUNT, "Add to Favorites", "Favorites", "Añadir a favoritos", "Favoritos"),
]

FORMAT = Format(
    name="tiktok_content",
    label={
        "en": "TikTok videos (TikTok Studio Content.csv, or the business account's video export)",
        "es": "Vídeos de TikTok (Content.csv de TikTok Studio, o la exportación de vídeos de "
        "una cuenta de empresa)",
    },
    hint={
        "en": "TikTok Studio (web) > Analytics > Content > Download data; a business account: "
        "TikTok Business Suite > Analytics > Content > Export",
        "es": "TikTok Studio (web) > Analíticas > Contenido > Descargar datos; una cuenta de "
        "empresa: TikTok Business Suite > Analíticas > Contenido > Exportar",
    },
    target=POSTS,
    fields=_FIELDS,
    rows_sql="""
        SELECT 'tiktok' AS platform,
               nullif(regexp_extract(link, '/(video|photo)/([0-9]+)', 2), '') AS post_id,
               coalesce(regexp_extract(link, '/@([^/?#]+)', 1), '') AS account,
               published_at, NULL AS post_type, title AS text, link AS permalink,
               views AS impressions, NULL AS reach,
               likes + comments + shares + coalesce(saves, 0) AS engagements,
               likes AS reactions, comments, shares, saves, NULL AS clicks,
               NULL AS link_clicks, views AS video_views
        FROM parsed
    """,
)
