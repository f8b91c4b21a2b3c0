"""Daily account figures from the platforms' overview exports: one row per day, one column per
metric, each landing in ``account_daily`` under a metric id.

Metric ids (``account_daily.metric``), shared by every format that writes daily figures:
``impressions``, ``reach``, ``engagements``, ``reactions``, ``comments``, ``shares``,
``saves``, ``video_views``, ``profile_visits``, ``page_views``, ``unique_visitors``,
``new_followers`` (gained that day), ``lost_followers``, ``followers`` (running total),
``link_clicks``, ``clicks``.

- X account analytics overview (``account_overview_analytics_*.csv``, the daily companion of
  the content export): ``Date, Impressions, Likes, Engagements, Bookmarks, Shares, New follows,
  Unfollows, Replies, Reposts, Profile visits, ...``; ``Date`` like ``"Tue, Jul 14, 2026"``.
- TikTok Studio overview (``Overview.csv``, or ``.xlsx``): ``Date, Video views, Profile views,
  Likes, Comments, Shares``, dates like ``2026/05/10``, or without a year (``February 28``,
  Spanish ``8 de marzo``): the year is inferred and asked in the preview (see ``questions``).
- TikTok followers: Studio's ``FollowerHistory.csv`` (``Date, Followers, Difference in
  followers from previous day``, ``undefined`` where there is no figure; the difference is the
  net change, not kept) and the business account's overview (``Date, New followers, Total
  followers, Reached audience, Engaged audience``, ``--`` or ``NAN`` for no value; the engaged
  audience counts people, not engagements, and is not kept).
- YouTube Studio ``Totals.csv`` (in the zip with ``Table data.csv``): ``Date, Views`` and any
  other metric chosen, the channel's total per day.
- LinkedIn Page visitors export (XLS, sheet ``Visitor metrics``, header in row 1): ``Date,
  Overview page views (desktop|mobile|total), ..., Total page views (total), Total unique
  visitors (total)``. Column names of the visitors export are unconfirmed beyond FORMATS.md.
Spanish headers are guesses (unconfirmed).
"""

from __future__ import annotations

from dataclasses import replace

from smdash.db.tables import ACCOUNT_DAILY
from smdash.imports.fields import COUNT, DATE, TEXT, field
from smdash.imports.formats.base import Format
from smdash.imports.formats.linkedin_content import date_fields, needs_date

X_DATES = ("%a, %b %d, %Y", "%b %d, %Y", "%Y-%m-%d", "%m/%d/%Y")
# '2026/05/10', or without a year: 'February 28', 'Feb 28', '8 de marzo' (see questions)
TIKTOK_DATES = (
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%d %b %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
)


def _without(name: str):
    """A context rule: not this format when the header has field ``name``."""

    def context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
        return None if name in columns else {}

    return context


def _with(name: str):
    """A context rule: only when the header has field ``name`` (whose cells may be empty)."""

    def context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
        return {} if name in columns else None

    return context


def _daily_sql(platform: str, metrics: list[str], day: str = "day") -> str:
    casts = ", ".join(f"CAST({m} AS DOUBLE) AS {m}" for m in metrics)
    return f"""
        SELECT '{platform}' AS platform, '' AS account, day, metric, value
        FROM (SELECT CAST({day} AS DATE) AS day, {casts} FROM parsed)
        UNPIVOT (value FOR metric IN ({", ".join(metrics)}))
    """  # noqa: S608 - platform, metrics, day: constants of the formats below


_X_METRICS = [
    field("impressions", COUNT, "Impressions", "Impresiones", required=True),
    field("engagements", COUNT, "Engagements", "Interacciones"),
    field("reactions", COUNT, "Likes", "Me gusta"),
    field("comments", COUNT, "Replies", "Respuestas"),
    field("shares", COUNT, "Reposts", "Republicaciones"),
    field("saves", COUNT, "Bookmarks", "Elementos guardados", "Guardados"),
    field("new_followers", COUNT, "New follows", "Nuevos seguidores"),
    field("lost_followers", COUNT, "Unfollows", "Dejaron de seguir"),
    field("profile_visits", COUNT, "Profile visits", "Visitas al perfil"),
]

X_DAILY = Format(
    name="x_account_overview",
    label={"en": "X account overview by day", "es": "Resumen diario de la cuenta de X"},
    hint={
        "en": "x.com > More > Analytics > Overview > Export data (account_overview_analytics….csv)",
        "es": "x.com > Más > Analíticas > Resumen > Exportar datos "
        "(account_overview_analytics….csv)",
    },
    target=ACCOUNT_DAILY,
    fields=[
        field("day", DATE, "Date", "Fecha", required=True, formats=X_DATES),
        *_X_METRICS,
        field("post_id", TEXT, "Post id", "Tweet id", "ID de la publicación"),
    ],
    # the content export has the same columns per post, and a 'Post id'
    context=_without("post_id"),
    rows_sql=_daily_sql("x", [f.name for f in _X_METRICS]),
)


_TIKTOK_METRICS = [
    field(
        "video_views",
        COUNT,
        "Video views",
        "Visualizaciones de vídeos",
        "Visualizaciones de videos",
        "Visualizaciones del vídeo",
        required=True,
    ),
    field("profile_visits", COUNT, "Profile views", "Visualizaciones del perfil"),
    field("reactions", COUNT, "Likes", "Me gusta"),
    field("comments", COUNT, "Comments", "Comentarios"),
    field("shares", COUNT, "Shares", "Veces compartido", "Compartidos"),
]

TIKTOK_OVERVIEW = Format(
    name="tiktok_overview",
    label={
        "en": "TikTok account overview by day (Overview.csv or .xlsx)",
        "es": "Resumen diario de la cuenta de TikTok (Overview.csv o .xlsx)",
    },
    hint={
        "en": "TikTok Studio (web) > Analytics > Overview > Download data",
        "es": "TikTok Studio (web) > Analíticas > Resumen > Descargar datos",
    },
    target=ACCOUNT_DAILY,
    fields=[
        field("day", DATE, "Date", "Fecha", required=True, formats=TIKTOK_DATES),
        *_TIKTOK_METRICS,
    ],
    rows_sql=_daily_sql("tiktok", [f.name for f in _TIKTOK_METRICS]),
)
TIKTOK_OVERVIEW_XLSX = replace(TIKTOK_OVERVIEW, name="tiktok_overview_xlsx", kind="xlsx")

_TIKTOK_FOLLOWERS = [
    field(
        "followers",
        COUNT,
        "Followers",
        "Total followers",
        "Seguidores",
        "Total de seguidores",
    ),
    field("new_followers", COUNT, "New followers", "Nuevos seguidores"),
    field("reach", COUNT, "Reached audience", "Audiencia alcanzada"),
]

TIKTOK_FOLLOWERS = Format(
    name="tiktok_followers",
    label={"en": "TikTok followers by day", "es": "Seguidores diarios de TikTok"},
    hint={
        "en": "TikTok Studio (web) > Analytics > Followers > Download data "
        "(FollowerHistory.csv); a business account: its followers overview export",
        "es": "TikTok Studio (web) > Analíticas > Seguidores > Descargar datos "
        "(FollowerHistory.csv); una cuenta de empresa: la exportación del resumen de seguidores",
    },
    target=ACCOUNT_DAILY,
    fields=[
        field("day", DATE, "Date", "Fecha", required=True, formats=TIKTOK_DATES),
        *_TIKTOK_FOLLOWERS,
    ],
    context=_with("followers"),  # its cells may be 'undefined', not its column
    rows_sql=_daily_sql("tiktok", [f.name for f in _TIKTOK_FOLLOWERS]),
)

YOUTUBE_TOTALS = Format(
    name="youtube_daily_totals",
    label={
        "en": "YouTube channel views by day (YouTube Studio, Totals.csv)",
        "es": "Visualizaciones diarias del canal de YouTube (YouTube Studio, Totals.csv)",
    },
    hint={
        "en": "YouTube Studio > Analytics > Advanced mode > Export current view > CSV; import the "
        "zip, or Totals.csv from it",
        "es": "YouTube Studio > Estadísticas > Modo avanzado > Exportar vista actual > CSV; "
        "importa el zip, o Totals.csv de dentro",
    },
    target=ACCOUNT_DAILY,
    fields=[
        field("day", DATE, "Date", "Fecha", required=True, formats=("%Y-%m-%d", "%b %d, %Y")),
        field("video_views", COUNT, "Views", "Visualizaciones", required=True),
        field("content", TEXT, "Content", "Contenido"),
    ],
    # Chart data.csv has a Content column (one series per video): not the channel's total
    context=_without("content"),
    rows_sql=_daily_sql("youtube", ["video_views"]),
)

_VISITOR_METRICS = [
    field(
        "page_views",
        COUNT,
        "Total page views (total)",
        "Visualizaciones de página totales (total)",
        "Total de visualizaciones de página (total)",
        required=True,
    ),
    field(
        "unique_visitors",
        COUNT,
        "Total unique visitors (total)",
        "Visitantes únicos totales (total)",
        "Total de visitantes únicos (total)",
    ),
]

LINKEDIN_VISITORS = Format(
    name="linkedin_visitors",
    label={"en": "LinkedIn Page visitors", "es": "Visitantes de una página de LinkedIn"},
    hint={
        "en": "LinkedIn Page > Analytics > Visitors > Export (XLS)",
        "es": "Página de LinkedIn > Analíticas > Visitantes > Exportar (XLS)",
    },
    target=ACCOUNT_DAILY,
    kind="xlsx",
    fields=[*date_fields("day", "Date", "Fecha"), *_VISITOR_METRICS],
    context=needs_date("day"),
    rows_sql=_daily_sql("linkedin", [f.name for f in _VISITOR_METRICS], "coalesce(day, day_es)"),
)

YOUTUBE_CHART = Format(
    name="youtube_chart_data",
    label={
        "en": "YouTube views by day of the charted videos (YouTube Studio, Chart data.csv)",
        "es": "Visualizaciones diarias de los vídeos del gráfico (YouTube Studio, Chart data.csv)",
    },
    hint={
        "en": "YouTube Studio > Analytics > Advanced mode > Export current view > CSV; import the "
        "zip (Totals.csv in it is preferred), or Chart data.csv from it",
        "es": "YouTube Studio > Estadísticas > Modo avanzado > Exportar vista actual > CSV; "
        "importa el zip (se prefiere su Totals.csv), o Chart data.csv de dentro",
    },
    target=ACCOUNT_DAILY,
    fields=[
        field("day", DATE, "Date", "Fecha", required=True, formats=("%Y-%m-%d", "%b %d, %Y")),
        field("content", TEXT, "Content", "Contenido", required=True),
        field("video_views", COUNT, "Views", "Visualizaciones", required=True),
    ],
    # the chart holds the videos picked for it, so its sum is only the channel's total when
    # nothing else is there: Totals.csv in the same zip replaces it
    extra={"superseded_by": "youtube_daily_totals"},
    rows_sql="""
        SELECT 'youtube' AS platform, '' AS account, day, 'video_views' AS metric,
               CAST(sum(video_views) AS DOUBLE) AS value
        FROM parsed WHERE lower(content) <> 'total' GROUP BY day
    """,
)
