"""Google Analytics 4 report download (Traffic acquisition by session source / medium, or at
its default dimension, the channel group).

The file opens with ``#`` lines naming the account, property and date range. With a ``Date``
dimension each row is one day (with ``Date + hour``, one hour: a day's hours are added up);
without it, the figures cover the preamble's whole range. A report by channel group only
(``Session primary channel group (Default channel group)`` or ``Session default channel
group``) is stored with the channel as the source and ``CHANNEL_GROUP`` as the medium: its
Organic / Paid Social sessions are social traffic whose network is unknown.
Rows that differ only in a dimension smdash does not keep are added together
(``sums_duplicates``).
"""

from __future__ import annotations

import datetime as dt

from smdash.core.networks import CHANNEL_GROUP
from smdash.db.tables import WEB_TRAFFIC
from smdash.imports.fields import COUNT, DATE, NUMBER, TEXT, TIMESTAMP, field, normalize_header
from smdash.imports.formats.base import Format

_FIELDS = [
    field("date", DATE, "Date", "Fecha", formats=("%Y%m%d", "%Y-%m-%d")),
    field(
        "date_hour",
        TIMESTAMP,
        "Date + hour (YYYYMMDDHH)",
        "Date + hour",
        "Fecha + hora (AAAAMMDDHH)",
        "Fecha + hora",
        formats=("%Y%m%d%H",),
    ),
    field(
        "channel",
        TEXT,
        "Session primary channel group (Default channel group)",
        "Session default channel group",
        "Grupo de canales principal de la sesión (Grupo de canales predeterminado)",
        "Grupo de canales predeterminado de la sesión",
    ),
    field(
        "source_medium",
        TEXT,
        "Session source / medium",
        "Fuente / medio de la sesión",
        "Session source/medium",
        "Fuente/medio de la sesión",
    ),
    field("source", TEXT, "Session source", "Fuente de la sesión"),
    field("medium", TEXT, "Session medium", "Medio de la sesión"),
    field("campaign", TEXT, "Session campaign", "Campaña de la sesión"),
    field(
        "content", TEXT, "Session manual ad content", "Contenido del anuncio manual de la sesión"
    ),
    field("term", TEXT, "Session manual term", "Término manual de la sesión"),
    field("sessions", COUNT, "Sessions", "Sesiones", required=True),
    field("engaged_sessions", COUNT, "Engaged sessions", "Sesiones con interacción"),
    field("conversions", NUMBER, "Key events", "Conversions", "Eventos clave", "Conversiones"),
    field("revenue", NUMBER, "Total revenue", "Ingresos totales"),
]

_PREAMBLE_KEYS = {
    "property": ("property", "propiedad"),
    "start": ("start date", "fecha de inicio"),
    "end": ("end date", "fecha de finalizacion", "fecha de fin"),
}


def _preamble(rows: list[list[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in rows:
        line = ",".join(row).lstrip("#").strip()
        label, _, value = line.partition(":")
        for key, labels in _PREAMBLE_KEYS.items():
            if normalize_header(label) in labels:
                found[key] = value.strip()
    return found


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.datetime.strptime(text or "", "%Y%m%d").date()
    except ValueError:
        return None


def _context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
    if not {"source_medium", "source", "channel"} & set(columns):
        return None
    if not any(row and row[0].startswith("#") for row in rows):
        return None  # GA4 downloads always open with the '#' preamble
    if any(any(cell.strip() for cell in row) and not row[0].startswith("#") for row in rows):
        return None  # a table below another one: a Reports snapshot (refused, see refusals)
    preamble = _preamble(rows)
    return {
        "channel_group": CHANNEL_GROUP,
        "property": preamble.get("property") or "GA4",
        "start": _day(preamble.get("start")),
        "end": _day(preamble.get("end")),
    }


FORMAT = Format(
    name="ga4_traffic_acquisition",
    label={
        "en": "Google Analytics 4 – traffic acquisition",
        "es": "Google Analytics 4 – adquisición de tráfico",
    },
    hint={
        "en": "GA4 > Reports > Acquisition > Traffic acquisition, dimension Session source / "
        "medium for the split by network (the default channel group gives social traffic as a "
        "whole; add Date for daily figures) > Share > Download file > CSV",
        "es": "GA4 > Informes > Adquisición > Adquisición de tráfico, dimensión Fuente / medio "
        "de la sesión para separar cada red (el grupo de canales predeterminado da el tráfico "
        "social en conjunto; añade Fecha para datos diarios) > Compartir > Descargar archivo > "
        "CSV",
    },
    target=WEB_TRAFFIC,
    fields=_FIELDS,
    context=_context,
    rows_sql="""
        WITH split AS (
            SELECT coalesce(date, CAST(date_hour AS DATE), $start) AS date_from,
                   coalesce(date, CAST(date_hour AS DATE), $end) AS date_to,
                   coalesce(source, CASE WHEN strpos(source_medium, ' / ') > 0
                       THEN left(source_medium, strpos(source_medium, ' / ') - 1)
                       ELSE source_medium END, channel, '') AS source,
                   coalesce(medium, CASE WHEN strpos(source_medium, ' / ') > 0
                       THEN substr(source_medium, strpos(source_medium, ' / ') + 3)
                       END, CASE WHEN source IS NULL AND source_medium IS NULL
                                  AND channel IS NOT NULL THEN $channel_group END, '')
                       AS medium,
                   coalesce(campaign, '') AS campaign, coalesce(content, '') AS content,
                   coalesce(term, '') AS term,
                   sessions, engaged_sessions, conversions, revenue
            FROM parsed
        )
        SELECT $property AS property, date_from, date_to, trim(source) AS source,
               trim(medium) AS medium, campaign, content, term,
               sessions, engaged_sessions, conversions, revenue
        FROM split
    """,
    sums_duplicates=True,
)
