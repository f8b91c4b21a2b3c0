"""TikTok Ads Manager report export (CSV or XLSX), campaign level.

``By Day`` (or ``Date``), ``Campaign name``, ``Cost``, ``Currency``, ``Impressions``,
``Clicks (destination)``, ``Conversions``, ``Results``, ... ; a report without a date dimension
is not read (the span of its figures is not in the file). Column names from public code reading
the export; ``Currency`` and the Spanish headers are unconfirmed.
"""

from dataclasses import replace

from smdash.db.tables import AD_SPEND
from smdash.imports.fields import COUNT, DATE, NUMBER, TEXT, field
from smdash.imports.formats.ads_common import SKIP_TOTALS
from smdash.imports.formats.base import Format

_FIELDS = [
    field("day", DATE, "By Day", "Date", "Por día", "Fecha", required=True),
    field("campaign", TEXT, "Campaign name", "Nombre de la campaña", required=True),
    field("account", TEXT, "Account name", "Advertiser name", "Nombre de la cuenta"),
    field("currency", TEXT, "Currency", "Moneda", "Divisa"),
    field("amount", NUMBER, "Cost", "Coste", "Costo", required=True),
    field("impressions", COUNT, "Impressions", "Impresiones"),
    field("clicks", COUNT, "Clicks (destination)", "Clics (destino)"),
    field("conversions", NUMBER, "Conversions", "Conversiones"),
    field("results", NUMBER, "Results", "Resultados"),
]

FORMAT = Format(
    name="tiktok_ads",
    label={
        "en": "TikTok Ads Manager – campaign spend",
        "es": "TikTok Ads Manager – gasto en campañas",
    },
    hint={
        "en": "TikTok Ads Manager > Campaign > Export (By Day, campaign level) (.csv or .xlsx)",
        "es": "TikTok Ads Manager > Campaña > Exportar (Por día, nivel de campaña) (.csv o .xlsx)",
    },
    target=AD_SPEND,
    fields=_FIELDS,
    skip_rows_sql=SKIP_TOTALS,
    rows_sql="""
        SELECT 'tiktok' AS platform, coalesce(account, '') AS account, campaign,
               day AS date_from, day AS date_to, upper(any_value(currency)) AS currency,
               sum(amount) AS amount, coalesce(sum(results), sum(conversions)) AS results,
               CASE WHEN sum(results) IS NOT NULL THEN 'results'
                    WHEN sum(conversions) IS NOT NULL THEN 'conversions' END AS result_type,
               sum(impressions) AS impressions, sum(clicks) AS clicks
        FROM parsed
        GROUP BY ALL
    """,
)

XLSX_FORMAT = replace(FORMAT, name="tiktok_ads_xlsx", kind="xlsx")
