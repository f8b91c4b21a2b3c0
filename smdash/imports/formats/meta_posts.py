"""Meta Business Suite post export (Insights > Content > Export), Facebook and Instagram.

Engagements: Facebook's own "Reactions, comments and shares" (or their sum when the column is
missing); Instagram has no such column, so likes + comments + shares + saves.
Older files say "Impressions" where newer say "Views"; both land in ``impressions``.
"""

from smdash.db.tables import POSTS
from smdash.imports.fields import COUNT, TEXT, TIMESTAMP, field
from smdash.imports.formats.base import Format

PUBLISH_FORMATS = ("%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")

_COMMON = [
    field(
        "post_id",
        TEXT,
        "Post ID",
        "ID de la publicación",
        "Identificador de la publicación",
        required=True,
    ),
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
    field("views", COUNT, "Views", "Impressions", "Visualizaciones", "Impresiones"),
    field("reach", COUNT, "Reach", "Alcance"),
    field("comments", COUNT, "Comments", "Comentarios"),
    field("shares", COUNT, "Shares", "Veces que se ha compartido", "Compartidos"),
]

_FACEBOOK_FIELDS = [
    *_COMMON,
    field(
        "page_id", TEXT, "Page ID", "ID de la página", "Identificador de la página", required=True
    ),
    field("page_name", TEXT, "Page name", "Nombre de la página"),
    field(
        "reactions_comments_shares",
        COUNT,
        "Reactions, comments and shares",
        "Reacciones, comentarios y veces que se ha compartido",
        "Reacciones, comentarios y compartidos",
    ),
    field("reactions", COUNT, "Reactions", "Reacciones"),
    field("total_clicks", COUNT, "Total clicks", "Clics totales"),
    field("link_clicks", COUNT, "Link clicks", "Clics en el enlace"),
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
    field("saves", COUNT, "Saves", "Guardados", "Veces que se ha guardado"),
]

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
    rows_sql="""
        SELECT 'facebook' AS platform, post_id, coalesce(page_name, page_id) AS account,
               published_at, post_type, coalesce(description, title) AS text, permalink,
               views AS impressions, reach,
               coalesce(reactions_comments_shares, reactions + comments + shares) AS engagements,
               reactions, comments, shares, NULL AS saves, total_clicks AS clicks, link_clicks,
               NULL AS video_views
        FROM parsed
    """,
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
