"""Meta Business Suite page/account daily series (Insights > Results > Export, one metric a file).

UTF-16 with a ``sep=,`` line, then the metric's title (``"Facebook follows"``), then
``"Date","Primary"``. Follows are new follows per day, not the running total.

A title without the network (``Follows``, ``Reach``, Spanish ``Alcance``): the preview asks
Facebook or Instagram (``questions.PLATFORM``); the last answer is the next such file's default.
"""

from __future__ import annotations

from smdash.db.tables import ACCOUNT_DAILY
from smdash.imports.fields import NUMBER, TIMESTAMP, field, normalize_header
from smdash.imports.formats.base import Format
from smdash.imports.questions import PLATFORM, PLATFORMS, Ask

# words in the title -> metric id; checked in order, so longer phrases come first
TITLE_METRICS = (
    (("link clicks", "clics en el enlace"), "link_clicks"),
    (("profile visits", "visitas al perfil", "visits", "visitas"), "profile_visits"),
    (("follows", "seguimientos", "nuevos seguidores"), "new_followers"),
    # the running total of followers (unconfirmed title; Meta shows it in Audience)
    (("followers", "seguidores"), "followers"),
    (("views", "visualizaciones", "impressions", "impresiones"), "impressions"),
    (("reach", "alcance"), "reach"),
    (("interactions", "interacciones"), "engagements"),
)

_FIELDS = [
    field(
        "day", TIMESTAMP, "Date", "Fecha", required=True, formats=("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
    ),
    field("value", NUMBER, "Primary", "Principal", required=True),
]


def metric_from_title(title: str) -> tuple[str | None, str] | None:
    """('facebook', 'new_followers') from a title like 'Facebook follows'; (None, 'reach')
    from 'Reach', which does not say the network."""
    text = normalize_header(title)
    platform = next((p for p in PLATFORMS if p in text), None)
    for words, metric in TITLE_METRICS:
        if any(word in text for word in words):
            return platform, metric
    return None


def _context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
    titles = [row[0] for row in rows if len(row) == 1 and not row[0].lower().startswith("sep=")]
    found = metric_from_title(titles[-1]) if titles else None
    if found is None:
        return None
    platform, metric = found
    return {"platform": platform or Ask(PLATFORM, PLATFORMS, titles[-1].strip()), "metric": metric}


FORMAT = Format(
    name="meta_daily_series",
    label={
        "en": "Facebook / Instagram daily figures (Meta Business Suite)",
        "es": "Datos diarios de Facebook / Instagram (Meta Business Suite)",
    },
    hint={
        "en": "Meta Business Suite > Insights > Results > pick a chart (e.g. Follows) > Export",
        "es": "Meta Business Suite > Estadísticas > Resultados > un gráfico (p. ej. Seguimientos)"
        " > Exportar",
    },
    target=ACCOUNT_DAILY,
    fields=_FIELDS,
    context=_context,
    rows_sql="""
        SELECT $platform AS platform, '' AS account, CAST(day AS DATE) AS day,
               $metric AS metric, value
        FROM parsed
    """,
)
