"""Web analytics by traffic source other than GA4's traffic acquisition report.

- Plausible site export, ``imported_sources_YYYYMMDD_YYYYMMDD.csv``: ``date, source, referrer,
  utm_source, utm_medium, utm_campaign, utm_content, utm_term, pageviews, visitors, visits,
  visit_duration, bounces``. Visits are sessions; the source is ``utm_source`` when tagged,
  else Plausible's source name (``Facebook``), with medium ``referral`` for a referrer.
- Matomo, Referrers > Campaigns / Sources exported per day (UTF-16 LE with BOM, tab separated):
  ``date, label, nb_visits, ...`` where ``label`` is ``source - medium`` (Marketing Campaigns
  Reporting) or a campaign name. Column names are the API's raw names or the interface's
  (``Visits``); unconfirmed beyond FORMATS.md.
- Universal Analytics report download (until 2023): a ``#`` preamble whose range line reads
  ``# 20230101-20230131``, then ``Source / Medium, Users, New Users, Sessions, ..., Goal
  Completions, Goal Value`` (column names from memory of the UA interface: unconfirmed).
  The report's later tables (after a blank line) are not read.
"""

from __future__ import annotations

import datetime as dt
import re

from smdash.db.tables import WEB_TRAFFIC
from smdash.imports.fields import COUNT, DATE, NUMBER, TEXT, field
from smdash.imports.formats.base import Format

PLAUSIBLE = Format(
    name="plausible_sources",
    label={"en": "Plausible sources by day", "es": "Fuentes de Plausible por día"},
    hint={
        "en": "Plausible > Site settings > Imports & Exports > Export data (zip); import the zip "
        "or imported_sources_….csv",
        "es": "Plausible > Configuración del sitio > Importaciones y exportaciones > Exportar "
        "datos (zip); importa el zip o imported_sources_….csv",
    },
    target=WEB_TRAFFIC,
    fields=[
        field("date", DATE, "date", required=True, formats=("%Y-%m-%d",)),
        field("source", TEXT, "source", required=True),
        field("referrer", TEXT, "referrer"),
        field("utm_source", TEXT, "utm_source"),
        field("utm_medium", TEXT, "utm_medium"),
        field("utm_campaign", TEXT, "utm_campaign"),
        field("utm_content", TEXT, "utm_content"),
        field("utm_term", TEXT, "utm_term"),
        field("visits", COUNT, "visits", required=True),
    ],
    rows_sql="""
        SELECT 'plausible' AS property, date AS date_from, date AS date_to,
               coalesce(utm_source, CASE WHEN source IN ('Direct / None', '')
                                         THEN '(direct)' ELSE source END, '(direct)') AS source,
               coalesce(utm_medium, CASE WHEN source IN ('Direct / None', '') THEN '(none)'
                                         WHEN referrer IS NOT NULL OR source IS NOT NULL
                                         THEN 'referral' END, '') AS medium,
               coalesce(utm_campaign, '') AS campaign, coalesce(utm_content, '') AS content,
               coalesce(utm_term, '') AS term, sum(visits) AS sessions,
               NULL AS engaged_sessions, NULL AS conversions, NULL AS revenue
        FROM parsed GROUP BY ALL
    """,
)

MATOMO = Format(
    name="matomo_sources",
    label={"en": "Matomo sources / campaigns by day", "es": "Fuentes / campañas de Matomo por día"},
    hint={
        "en": "Matomo > Acquisition > Campaigns (Source - Medium) or All channels, period Day, "
        "date range > Export > CSV",
        "es": "Matomo > Adquisición > Campañas (Fuente - Medio) o Todos los canales, periodo "
        "Día, rango de fechas > Exportar > CSV",
    },
    target=WEB_TRAFFIC,
    fields=[
        field("date", DATE, "date", "Date", "Fecha", required=True),
        field("label", TEXT, "label", "Source - Medium", "Fuente - Medio", required=True),
        field("visits", COUNT, "nb_visits", "Visits", "Visitas", required=True),
        field("conversions", NUMBER, "nb_conversions", "Conversions", "Conversiones"),
        field("revenue", NUMBER, "revenue", "Revenue", "Ingresos"),
    ],
    rows_sql="""
        SELECT 'matomo' AS property, date AS date_from, date AS date_to,
               trim(CASE WHEN strpos(label, ' - ') > 0
                    THEN left(label, strpos(label, ' - ') - 1) ELSE label END) AS source,
               trim(CASE WHEN strpos(label, ' - ') > 0
                    THEN substr(label, strpos(label, ' - ') + 3) ELSE '' END) AS medium,
               '' AS campaign, '' AS content, '' AS term, sum(visits) AS sessions,
               NULL AS engaged_sessions, sum(conversions) AS conversions, sum(revenue) AS revenue
        FROM parsed GROUP BY ALL
    """,
)

_UA_RANGE = re.compile(r"#\s*(\d{8})\s*-\s*(\d{8})")


def _ua_context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
    if "source_medium" not in columns:
        return None
    for row in rows:
        found = _UA_RANGE.match(",".join(row).strip())
        if found:
            start, end = (dt.datetime.strptime(d, "%Y%m%d").date() for d in found.groups())
            return {"start": start, "end": end}
    return None  # UA downloads always state their range in the preamble


UNIVERSAL_ANALYTICS = Format(
    name="ua_source_medium",
    label={
        "en": "Universal Analytics – source / medium",
        "es": "Universal Analytics – fuente / medio",
    },
    hint={
        "en": "Universal Analytics (until 2023) > Acquisition > All traffic > Source/Medium > "
        "Export > CSV",
        "es": "Universal Analytics (hasta 2023) > Adquisición > Todo el tráfico > Fuente/Medio >"
        " Exportar > CSV",
    },
    target=WEB_TRAFFIC,
    fields=[
        # not required per row: the table ends with a totals row that has no source
        field("source_medium", TEXT, "Source / Medium", "Fuente / Medio"),
        field("campaign", TEXT, "Campaign", "Campaña"),
        field("sessions", COUNT, "Sessions", "Sesiones", required=True),
        field(
            "conversions",
            NUMBER,
            "Goal Completions",
            "Transactions",
            "Objetivos conseguidos",
            "Transacciones",
        ),
        field("revenue", NUMBER, "Revenue", "Goal Value", "Ingresos", "Valor del objetivo"),
    ],
    context=_ua_context,
    extra={"ends_at_blank_line": True},
    rows_sql="""
        SELECT 'Universal Analytics' AS property, $start AS date_from, $end AS date_to,
               trim(CASE WHEN strpos(source_medium, ' / ') > 0
                    THEN left(source_medium, strpos(source_medium, ' / ') - 1)
                    ELSE source_medium END) AS source,
               trim(CASE WHEN strpos(source_medium, ' / ') > 0
                    THEN substr(source_medium, strpos(source_medium, ' / ') + 3)
                    ELSE '' END) AS medium,
               coalesce(campaign, '') AS campaign, '' AS content, '' AS term,
               sum(sessions) AS sessions, NULL AS engaged_sessions,
               sum(conversions) AS conversions, sum(revenue) AS revenue
        FROM parsed WHERE source_medium IS NOT NULL GROUP BY ALL
    """,
)
