"""YouTube Studio advanced-mode export, ``Table data.csv`` with the ``Content`` dimension.

The first column is the video id (ids that start with '-' get a leading space, which reading
trims); the row below the header is a ``Total`` row, skipped. A long table has no Total row but
ends with a line ``Showing top 500 results``, which is not read. Newer files say ``Thumbnail
impressions`` where older say ``Impressions``. The file does not name the channel: account ''.
Engagements are likes + comments + shares, when the export has those columns.
Spanish headers are guesses (unconfirmed); DuckDB reads only English month names, so Spanish
dates read only in months whose abbreviation is the same in English (``mar``, ``jul``, ...).
"""

from smdash.db.tables import POSTS
from smdash.imports.fields import COUNT, DATE, TEXT, field
from smdash.imports.formats.base import Format

_FIELDS = [
    field("post_id", TEXT, "Content", "Contenido", required=True),
    field("title", TEXT, "Video title", "Título del vídeo", "Título del video"),
    field(
        "published_at",
        DATE,
        "Video publish time",
        "Hora de publicación del vídeo",
        "Hora de publicación del video",
        "Fecha de publicación del vídeo",
        formats=("%b %d, %Y", "%d %b %Y", "%Y-%m-%d"),
    ),
    field("views", COUNT, "Views", "Visualizaciones", required=True),
    field(
        "impressions",
        COUNT,
        "Impressions",
        "Thumbnail impressions",
        "Impresiones",
        "Impresiones de miniaturas",
    ),
    field("likes", COUNT, "Likes", "Me gusta"),
    field("comments", COUNT, "Comments added", "Comentarios añadidos"),
    field("shares", COUNT, "Shares", "Veces compartido", "Contenido compartido"),
    field("day", TEXT, "Date", "Fecha"),  # only in Chart data.csv, a series per day
]

FORMAT = Format(
    name="youtube_table_data",
    label={
        "en": "YouTube videos (YouTube Studio, Table data.csv)",
        "es": "Vídeos de YouTube (YouTube Studio, Table data.csv)",
    },
    hint={
        "en": "YouTube Studio > Analytics > Advanced mode > Content > Export current view > "
        "CSV; import Table data.csv from the zip",
        "es": "YouTube Studio > Estadísticas > Modo avanzado > Contenido > Exportar vista "
        "actual > CSV; importa Table data.csv del zip",
    },
    target=POSTS,
    fields=_FIELDS,
    skip_rows_sql="lower(post_id) = 'total'",
    # a long table ends with a note instead of the Total row: 'Showing top 500 results'
    extra={"footer": r'^"?showing (the )?top [0-9,.]+ results'},
    context=lambda rows, columns: None if "day" in columns else {},
    rows_sql="""
        SELECT 'youtube' AS platform, post_id, '' AS account,
               CAST(published_at AS TIMESTAMP) AS published_at, NULL AS post_type,
               title AS text, 'https://www.youtube.com/watch?v=' || post_id AS permalink,
               impressions, NULL AS reach, likes + comments + shares AS engagements,
               likes AS reactions, comments, shares, NULL AS saves, NULL AS clicks,
               NULL AS link_clicks, views AS video_views
        FROM parsed
    """,
)
