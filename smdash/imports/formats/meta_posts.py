"""Meta Business Suite post exports (Insights > Content > Export): Facebook posts, Facebook
videos and Instagram posts, with English or Spanish headers.

Engagements: Facebook's own "Reactions, comments and shares" (or their sum when the column is
missing); Instagram has no such column, so likes + comments + shares + saves.
Older files say "Impressions" where newer say "Views"; both land in ``impressions``.

What real files hold besides the plain rows:

- Rows without a ``Post ID`` whose ``Data comment`` says Meta could not compute their metrics:
  they are left out, and counted in the preview and the import log (``SKIPPED``).
- Older posts with fewer cells than the header (27 of 31: the columns Meta added since are
  missing at the end of their lines): the cells they lack are empty (``short_rows``).
- A header that names a column twice (``Views`` twice): the first of the columns is read and
  the repeat is ignored. The first is where Meta puts the post's own figure, in every version
  of the export; a repeat sits among the columns added later, which older posts lack.
- The video export (Insights > Content > Videos) names each video by its ``Video asset ID``
  and counts ``3-second video views`` (stored as the post's video views). Its ids are not
  the posts export's: a video imported from both exports is two posts.
"""

from dataclasses import replace

from smdash.db.tables import POSTS
from smdash.imports.fields import COUNT, TEXT, TIMESTAMP, field
from smdash.imports.formats.base import Format, SkippedRows

PUBLISH_FORMATS = ("%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")

SKIPPED = SkippedRows(
    "nullif(trim({post_id}), '') IS NULL AND nullif(trim({data_comment}), '') IS NOT NULL",
    "meta_no_metrics",
)
_POST_ID = field(
    "post_id",
    TEXT,
    "Post ID",
    "ID de la publicación",
    "Identificador de la publicación",
    required=True,
)
_PAGE_ID = field(
    "page_id", TEXT, "Page ID", "ID de la página", "Identificador de la página", required=True
)
_SHARED = [
    field(
        "published_at",
        TIMESTAMP,
        "Publish time",
        "Hora de publicación",
        "Fecha de publicación",
        required=True,
        formats=PUBLISH_FORMATS,
    ),
    field("description", TEXT, "Description", "Descripción"),
    field("title", TEXT, "Title", "Título"),
    field("permalink", TEXT, "Permalink", "Enlace permanente"),
    field("post_type", TEXT, "Post type", "Tipo de publicación"),
    field(
        "data_comment",
        TEXT,
        "Data comment",
        "Comentario sobre los datos",
        "Comentario de datos",
        "Comentario de los datos",
    ),
    field("views", COUNT, "Views", "Impressions", "Visualizaciones", "Impresiones"),
    field("reach", COUNT, "Reach", "Alcance"),
    field("comments", COUNT, "Comments", "Comentarios"),
    field(
        "shares", COUNT, "Shares", "Veces que se ha compartido", "Veces compartido", "Compartidos"
    ),
]
_COMMON = [_POST_ID, *_SHARED]

_PAGE_FIELDS = [
    _PAGE_ID,
    field("page_name", TEXT, "Page name", "Nombre de la página"),
    field(
        "reactions_comments_shares",
        COUNT,
        "Reactions, comments and shares",
        "Reacciones, comentarios y veces que se ha compartido",
        "Reacciones, comentarios y compartidos",
    ),
    field("reactions", COUNT, "Reactions", "Reacciones"),
]
_FACEBOOK_FIELDS = [
    *_COMMON,
    *_PAGE_FIELDS,
    field("total_clicks", COUNT, "Total clicks", "Clics totales", "Total de clics"),
    field("link_clicks", COUNT, "Link clicks", "Clics en el enlace"),
]
_VIDEO_FIELDS = [
    field(
        "post_id",
        TEXT,
        "Video asset ID",
        "Identificador de la pieza de vídeo",
        "Identificador de la pieza de video",
        "ID del recurso de vídeo",
        required=True,
    ),
    *_SHARED,
    *_PAGE_FIELDS,
    field(
        "video_views",
        COUNT,
        "3-second video views",
        "Visualizaciones de vídeo de 3 segundos",
        "Visualizaciones de video de 3 segundos",
        "Reproducciones de vídeo de 3 segundos",
    ),
]

_INSTAGRAM_FIELDS = [
    *_COMMON,
    field(
        "account_id",
        TEXT,
        "Account ID",
        "ID de la cuenta",
        "Identificador de la cuenta",
        required=True,
    ),
    field("account_username", TEXT, "Account username", "Nombre de usuario de la cuenta"),
    field("likes", COUNT, "Likes", "Me gusta"),
    field("saves", COUNT, "Saves", "Guardados", "Veces guardado", "Veces que se ha guardado"),
]


def _facebook_rows(clicks: str, link_clicks: str, video_views: str) -> str:
    """``rows_sql`` of Facebook's post and video exports, which differ in these three."""
    return f"""
        SELECT 'facebook' AS platform, post_id, coalesce(page_name, page_id) AS account,
               published_at, post_type, coalesce(description, title) AS text, permalink,
               views AS impressions, reach,
               coalesce(reactions_comments_shares, reactions + comments + shares) AS engagements,
               reactions, comments, shares, NULL AS saves, {clicks} AS clicks,
               {link_clicks} AS link_clicks, {video_views} AS video_views
        FROM parsed
    """  # noqa: S608 - column names from code


FACEBOOK = Format(
    name="meta_facebook_posts",
    label={
        "en": "Facebook posts (Meta Business Suite)",
        "es": "Publicaciones de Facebook (Meta Business Suite)",
    },
    hint={
        "en": "Meta Business Suite > Insights > Content > Export data, Facebook, CSV",
        "es": "Meta Business Suite > Estadísticas > Contenido > Exportar datos, Facebook, CSV",
    },
    target=POSTS,
    fields=_FACEBOOK_FIELDS,
    skipped_rows=SKIPPED,
    short_rows=True,
    rows_sql=_facebook_rows("total_clicks", "link_clicks", "NULL"),
)

INSTAGRAM = Format(
    name="meta_instagram_posts",
    label={
        "en": "Instagram posts (Meta Business Suite)",
        "es": "Publicaciones de Instagram (Meta Business Suite)",
    },
    hint={
        "en": "Meta Business Suite > Insights > Content > Export data, Instagram, CSV",
        "es": "Meta Business Suite > Estadísticas > Contenido > Exportar datos, Instagram, CSV",
    },
    target=POSTS,
    fields=_INSTAGRAM_FIELDS,
    skipped_rows=SKIPPED,
    short_rows=True,
    rows_sql="""
        SELECT 'instagram' AS platform, post_id, coalesce(account_username, account_id) AS account,
               published_at, post_type, description AS text, permalink,
               views AS impressions, reach,
               likes + comments + shares + coalesce(saves, 0) AS engagements,
               likes AS reactions, comments, shares, saves, NULL AS clicks, NULL AS link_clicks,
               NULL AS video_views
        FROM parsed
    """,
)

FACEBOOK_VIDEOS = replace(
    FACEBOOK,
    name="meta_facebook_videos",
    label={
        "en": "Facebook videos (Meta Business Suite)",
        "es": "Vídeos de Facebook (Meta Business Suite)",
    },
    hint={
        "en": "Meta Business Suite > Insights > Content > Videos > Export data, CSV",
        "es": "Meta Business Suite > Estadísticas > Contenido > Vídeos > Exportar datos, CSV",
    },
    fields=_VIDEO_FIELDS,
    rows_sql=_facebook_rows("NULL", "NULL", "video_views"),
)
