"""LinkedIn Campaign Manager campaign performance report (CSV).

A few title lines (``Campaign Performance Report (in UTC)``, ``Report Start: ...``, ``Report
End: ...``, ``Date Generated: ...``), then ``Start Date (in UTC), Account Name, Campaign Group
Name, Campaign Name, Campaign ID, ..., Currency, Total Spent, Impressions, Clicks, ...,
Conversions, ..., Leads, ...``. With the daily time breakdown each row is one day; a report
without it (or by month) has no end column that smdash has seen, so each row is read as the
day it starts (unconfirmed: ``End Date (in UTC)`` is read when present). Results are the leads
when the campaign collected any (Lead Gen Forms), else its conversions. Dates like
``10/1/2026`` (month first). Headers from public samples; Spanish headers unconfirmed.
"""

from smdash.db.tables import AD_SPEND
from smdash.imports.fields import COUNT, DATE, NUMBER, TEXT, field
from smdash.imports.formats.ads_common import SKIP_TOTALS
from smdash.imports.formats.base import Format

_DATES = ("%m/%d/%Y", "%Y-%m-%d")  # Campaign Manager writes dates month first
_FIELDS = [
    field(
        "starts",
        DATE,
        "Start Date (in UTC)",
        "Fecha de inicio (en UTC)",
        required=True,
        formats=_DATES,
    ),
    field("ends", DATE, "End Date (in UTC)", "Fecha de finalización (en UTC)", formats=_DATES),
    field("account", TEXT, "Account Name", "Nombre de la cuenta"),
    field("campaign", TEXT, "Campaign Name", "Nombre de la campaña", required=True),
    field("currency", TEXT, "Currency", "Divisa", "Moneda"),
    field("amount", NUMBER, "Total Spent", "Total gastado", "Importe total gastado", required=True),
    field("impressions", COUNT, "Impressions", "Impresiones"),
    field("clicks", COUNT, "Clicks", "Clics"),
    field("conversions", NUMBER, "Conversions", "Conversiones"),
    field("leads", NUMBER, "Leads", "Clientes potenciales"),
]

FORMAT = Format(
    name="linkedin_ads",
    label={
        "en": "LinkedIn Campaign Manager – campaign performance",
        "es": "LinkedIn Campaign Manager – rendimiento de campañas",
    },
    hint={
        "en": "Campaign Manager > Campaigns > Export > Campaign performance, time breakdown "
        "Daily (.csv)",
        "es": "Campaign Manager > Campañas > Exportar > Rendimiento de la campaña, desglose "
        "Diario (.csv)",
    },
    target=AD_SPEND,
    fields=_FIELDS,
    skip_rows_sql=SKIP_TOTALS,
    rows_sql="""
        SELECT 'linkedin' AS platform, coalesce(account, '') AS account, campaign,
               starts AS date_from, coalesce(ends, starts) AS date_to,
               upper(any_value(currency)) AS currency, sum(amount) AS amount,
               coalesce(nullif(sum(leads), 0), sum(conversions)) AS results,
               CASE WHEN sum(leads) > 0 THEN 'leads'
                    WHEN sum(conversions) IS NOT NULL THEN 'conversions' END AS result_type,
               sum(impressions) AS impressions, sum(clicks) AS clicks
        FROM parsed
        GROUP BY ALL
    """,
)
