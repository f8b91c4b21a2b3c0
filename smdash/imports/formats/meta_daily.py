"""Meta Business Suite page/account daily series (Insights > Results > Export).

UTF-16 with a ``sep=,`` line, then the metric's title (``"Facebook follows"``), then
``"Date","Primary"``. Also seen: a ``sep=\\t`` line and tab-separated cells (UTF-16, CRLF);
two series in one file, a Facebook block, a blank line, then an Instagram block, each with
its title and header (each is one part of the import); the XLSX download of the same series.

Follows are new follows per day, not the running total. So is the Spanish "Seguidores"
("Seguidores de Instagram"): Meta's Spanish name for the follows chart. A title stores a
running total only when it says so ("Total followers", "Seguidores totales"), or in the
English "followers" titles of the demo's follower-count series.

A title without the network (``Follows``, ``Reach``, Spanish ``Alcance``): the preview asks
Facebook or Instagram (``questions.PLATFORM``); the last answer is the next such file's default.
In a file of two series, a block without the network of the same series as a block with it
takes the other network (``pipeline._settled``).
"""

from __future__ import annotations

from dataclasses import replace

from smdash.db.tables import ACCOUNT_DAILY
from smdash.imports.fields import NUMBER, TIMESTAMP, field, normalize_header
from smdash.imports.formats.base import Format
from smdash.imports.questions import PLATFORM, PLATFORMS, Ask

# words in the title -> metric id; checked in order, so longer phrases come first
TITLE_METRICS = (
    (("link clicks", "clics en el enlace"), "link_clicks"),
    (("profile visits", "visitas al perfil", "visits", "visitas"), "profile_visits"),
    # the running total, only when the title says so (Meta shows the count in Audience)
    (("total followers", "seguidores totales", "total de seguidores"), "followers"),
    # gains a day: Meta's Spanish calls its follows chart "Seguidores"
    (("follows", "seguimientos", "nuevos seguidores", "seguidores"), "new_followers"),
    # the demo's follower-count series (unconfirmed title)
    (("followers",), "followers"),
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
    filled = ([cell for cell in row if cell.strip()] for row in rows)
    # a line of one cell (a sheet's row may have empty cells after it), but not 'sep=,'
    titles = [
        cells[0] for cells in filled if len(cells) == 1 and not cells[0].lower().startswith("sep=")
    ]
    found = metric_from_title(titles[-1]) if titles else None
    if found is None:
        return None
    platform, metric = found
    title = titles[-1].strip()
    return {
        "platform": platform or Ask(PLATFORM, PLATFORMS, title),
        "metric": metric,
        "title": title,
    }


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
    extra={"stacked": True},
    rows_sql="""
        SELECT $platform AS platform, '' AS account, CAST(day AS DATE) AS day,
               $metric AS metric, value
        FROM parsed
    """,
)

XLSX_FORMAT = replace(
    FORMAT,
    name="meta_daily_series_xlsx",
    kind="xlsx",
    label={
        "en": "Facebook / Instagram daily figures, XLSX (Meta Business Suite)",
        "es": "Datos diarios de Facebook / Instagram, XLSX (Meta Business Suite)",
    },
    hint={
        "en": "Meta Business Suite > Insights > Results > pick a chart > Export, XLSX",
        "es": "Meta Business Suite > Estadísticas > Resultados > un gráfico > Exportar, XLSX",
    },
)
