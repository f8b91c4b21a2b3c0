"""LinkedIn Page content export (XLSX): sheet ``All posts`` as posts, sheet ``Metrics`` as daily
account figures. Both have a note in row 1 and the header in row 2.

Engagements = likes + comments + reposts + clicks: LinkedIn's own engagement numerator (it
documents its engagement rate as that plus follows, over impressions) minus follows, which are
new followers of the page rather than engagement with the post. ``post_id`` is the number in
the post's link (``urn:li:activity:<id>``). Files up to 2022 say ``Update title/link/type`` and
``Shares``.

English files write dates as MM/DD/YYYY; Spanish ones are taken to write DD/MM/YYYY but are
checked against MM/DD/YYYY too, so an ambiguous file is refused rather than misread.
Spanish headers are guesses (unconfirmed).
"""

from smdash.db.tables import ACCOUNT_DAILY, POSTS
from smdash.imports.fields import COUNT, DATE, TEXT, field
from smdash.imports.formats.base import Format

EXCEL_DATES = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
EN_DATES = ("%m/%d/%Y", *EXCEL_DATES)
ES_DATES = ("%d/%m/%Y", "%m/%d/%Y", *EXCEL_DATES)
# Metrics sheet column (total of organic and sponsored) -> account_daily metric
METRICS = {
    "impressions": ("Impressions (total)", "Impresiones (total)"),
    "reach": ("Unique impressions (total)", "Impresiones únicas (total)"),
    "clicks": ("Clicks (total)", "Clics (total)"),
    "reactions": ("Reactions (total)", "Reacciones (total)", "Recomendaciones (total)"),
    "comments": ("Comments (total)", "Comentarios (total)"),
    "shares": (
        "Reposts (total)",
        "Shares (total)",
        "Veces compartido (total)",
        "Contenido compartido (total)",
    ),
}


def date_fields(name: str, english: str, spanish: str):
    """The same date under English and Spanish headers, each with its language's order."""
    return [
        field(name, DATE, english, formats=EN_DATES),
        field(f"{name}_es", DATE, spanish, formats=ES_DATES),
    ]


def needs_date(name: str):
    def context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
        return {} if name in columns or f"{name}_es" in columns else None

    return context


_POST_FIELDS = [
    field(
        "link",
        TEXT,
        "Post link",
        "Update link",
        "Enlace de la publicación",
        "Enlace de la actualización",
        required=True,
    ),
    field(
        "title",
        TEXT,
        "Post title",
        "Update title",
        "Título de la publicación",
        "Título de la actualización",
    ),
    field(
        "post_type",
        TEXT,
        "Post type",
        "Update type",
        "Tipo de publicación",
        "Tipo de actualización",
    ),
    field("content_type", TEXT, "Content Type", "Tipo de contenido"),
    *date_fields("created", "Created date", "Fecha de creación"),
    field("impressions", COUNT, "Impressions", "Impresiones", required=True),
    field(
        "views",
        COUNT,
        "Views (excluding off-site video views)",
        "Visualizaciones (sin incluir las visualizaciones de vídeo fuera del sitio)",
    ),
    field("clicks", COUNT, "Clicks", "Clics"),
    field("likes", COUNT, "Likes", "Reactions", "Recomendaciones", "Reacciones"),
    field("comments", COUNT, "Comments", "Comentarios"),
    field("reposts", COUNT, "Reposts", "Shares", "Veces compartido", "Contenido compartido"),
]

_METRIC_FIELDS = [
    *date_fields("day", "Date", "Fecha"),
    *(
        field(metric, COUNT, *headers, required=metric == "impressions")
        for metric, headers in METRICS.items()
    ),
]

POSTS_FORMAT = Format(
    name="linkedin_posts",
    label={"en": "LinkedIn Page posts", "es": "Publicaciones de una página de LinkedIn"},
    hint={
        "en": "LinkedIn Page > Analytics > Content > Export (XLS), sheet All posts",
        "es": "Página de LinkedIn > Analíticas > Contenido > Exportar (XLS), hoja de publicaciones",
    },
    target=POSTS,
    kind="xlsx",
    fields=_POST_FIELDS,
    context=needs_date("created"),
    rows_sql="""
        SELECT 'linkedin' AS platform,
               coalesce(nullif(regexp_extract(link, '(activity|share|ugcPost)[:-]([0-9]+)', 2),
                               ''), link) AS post_id,
               '' AS account, CAST(coalesce(created, created_es) AS TIMESTAMP) AS published_at,
               coalesce(content_type, post_type) AS post_type, title AS text,
               link AS permalink, impressions, NULL AS reach,
               likes + comments + reposts + clicks AS engagements, likes AS reactions, comments,
               reposts AS shares, NULL AS saves, clicks, NULL AS link_clicks,
               views AS video_views
        FROM parsed
    """,
)

METRICS_FORMAT = Format(
    name="linkedin_daily_metrics",
    label={"en": "LinkedIn Page daily metrics", "es": "Métricas diarias de una página de LinkedIn"},
    hint={
        "en": "LinkedIn Page > Analytics > Content > Export (XLS), sheet Metrics",
        "es": "Página de LinkedIn > Analíticas > Contenido > Exportar (XLS), hoja de métricas",
    },
    target=ACCOUNT_DAILY,
    kind="xlsx",
    fields=_METRIC_FIELDS,
    context=needs_date("day"),
    rows_sql=f"""
        SELECT 'linkedin' AS platform, '' AS account, day, metric, value
        FROM (
            SELECT coalesce(day, day_es) AS day,
                   {", ".join(f"CAST({m} AS DOUBLE) AS {m}" for m in METRICS)},
                   CAST(clicks + reactions + comments + shares AS DOUBLE) AS engagements
            FROM parsed
        ) UNPIVOT (value FOR metric IN ({", ".join(METRICS)}, engagements))
    """,  # noqa: S608 - METRICS: constant
)
