"""X Ads (ads.x.com) campaign export (CSV).

``Campaign name, ..., Time period, Campaign start date, Campaign end date, Spend, Impressions,
Engagements, Billed engagements, ..., Link clicks, ..., Results, Result type, ...``.
``Time period`` is one day (``2026-10-01``) with the daily breakdown, or a range
(``Oct 1, 2026 - Oct 31, 2026``); both are read. A ``Currency`` column is read when present
(unconfirmed); otherwise the workspace currency applies. Column list from public code reading
the export; unconfirmed against a current file, Spanish headers unconfirmed.
"""

from smdash.db.tables import AD_SPEND
from smdash.imports.fields import COUNT, NUMBER, TEXT, field
from smdash.imports.formats.ads_common import SKIP_TOTALS
from smdash.imports.formats.base import Format

_FIELDS = [
    field("campaign", TEXT, "Campaign name", "Nombre de la campaña", required=True),
    field("period", TEXT, "Time period", "Periodo", "Período", required=True),
    field("account", TEXT, "Funding source name", "Funding Instrument Name", "Fuente de pago"),
    field("currency", TEXT, "Currency", "Moneda", "Divisa"),
    field("amount", NUMBER, "Spend", "Gasto", "Importe gastado", required=True),
    field("impressions", COUNT, "Impressions", "Impresiones"),
    field("clicks", COUNT, "Link clicks", "Clics en el enlace"),
    field("results", NUMBER, "Results", "Resultados"),
    field("result_type", TEXT, "Result type", "Tipo de resultado"),
]

_DATE_FORMATS = "['%Y-%m-%d', '%b %d, %Y', '%d/%m/%Y', '%m/%d/%Y', '%d %b %Y']"


def _end_of_period(part: int) -> str:
    """SQL for the first (1) or last (-1) date of 'Time period' (one date or 'A - B')."""
    piece = (
        f"trim(split_part(period, ' - ', {part}))"
        if part == 1
        else (
            "trim(CASE WHEN strpos(period, ' - ') > 0 THEN split_part(period, ' - ', 2) "
            "ELSE period END)"
        )
    )
    return f"CAST(try_strptime({piece}, {_DATE_FORMATS}) AS DATE)"


FORMAT = Format(
    name="x_ads",
    label={"en": "X Ads – campaign spend", "es": "X Ads – gasto en campañas"},
    hint={
        "en": "ads.x.com > Campaigns > Export (by day) (.csv)",
        "es": "ads.x.com > Campañas > Exportar (por día) (.csv)",
    },
    target=AD_SPEND,
    fields=_FIELDS,
    skip_rows_sql=SKIP_TOTALS,
    rows_sql=f"""
        SELECT 'x' AS platform, coalesce(account, '') AS account, campaign,
               {_end_of_period(1)} AS date_from, {_end_of_period(-1)} AS date_to,
               upper(any_value(currency)) AS currency, sum(amount) AS amount,
               sum(results) AS results, string_agg(DISTINCT result_type, ', ') AS result_type,
               sum(impressions) AS impressions, sum(clicks) AS clicks
        FROM parsed
        GROUP BY ALL
    """,  # noqa: S608 - SQL helpers from code
)
