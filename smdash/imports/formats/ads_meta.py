"""Meta Ads Manager export (Ads Reporting / Ads Manager > Export table data, CSV or XLSX).

``Campaign name, Reporting starts, Reporting ends, ..., Results, Result indicator, Reach,
Impressions, Cost per result, Amount spent (EUR), ...``: the currency is in the amount's header.
With the ``Day`` breakdown each row is one day (then ``Reporting starts`` = ``Reporting ends``);
with the ``Platform`` breakdown (facebook, instagram, audience_network, messenger) the spend is
split by network; without it the whole campaign counts as Facebook (Meta's ads run on both
Facebook and Instagram, and the export does not say where each euro went).
An export at ad level has no ``Campaign name``: its rows are named by ``Ad set name`` (the
ads of one ad set are added up) or, without it, ``Ad name``. Any ISO 4217 currency may stand in
the amount's header (``Amount spent (UAH)``). The totals row, whose names are empty, is skipped.
Ads Reporting's sheet ``Raw Data Report`` by ``Region`` and ``Month`` (``2024-03-01 -
2024-03-11``) has neither names nor ``Reporting starts``: one row per month, regions added up,
under the campaign name ''.
English headers confirmed from public samples; the Spanish ones (Ads Manager in Spanish:
``Nombre de la campaña``, ``Inicio del informe``, ``Importe gastado (EUR)``) are unconfirmed.
"""

from dataclasses import replace

from smdash.db.tables import AD_SPEND
from smdash.imports.fields import COUNT, DATE, NUMBER, TEXT, field
from smdash.imports.formats.ads_common import (
    TOTALS,
    amount_fields,
    amount_sql,
    currency_sql,
    has_any,
)
from smdash.imports.formats.base import Format

_AMOUNTS = amount_fields("spent", "Amount spent", "Importe gastado", "Importe gastado total")
_FIELDS = [
    field("campaign", TEXT, "Campaign name", "Nombre de la campaña", "Campaña"),
    field("ad_set", TEXT, "Ad set name", "Nombre del conjunto de anuncios"),
    field("ad_name", TEXT, "Ad name", "Nombre del anuncio"),
    field("region", TEXT, "Region", "Región"),
    field("month", TEXT, "Month", "Mes"),
    field("starts", DATE, "Reporting starts", "Inicio del informe"),
    field("ends", DATE, "Reporting ends", "Fin del informe"),
    field("day", DATE, "Day", "Día"),
    field("network", TEXT, "Platform", "Plataforma"),
    field("account", TEXT, "Account name", "Nombre de la cuenta"),
    field("spent", NUMBER, "Amount spent", "Importe gastado"),
    *_AMOUNTS,
    field("results", NUMBER, "Results", "Resultados"),
    field("result_type", TEXT, "Result indicator", "Indicador de resultado", "Result type"),
    field("impressions", COUNT, "Impressions", "Impresiones"),
    field("clicks", COUNT, "Link clicks", "Clics en el enlace"),
]


def _context(rows: list[list[str]], columns: dict[str, int]) -> dict | None:
    """Ours only with an amount spent column, a name (or a region) and the dates."""
    named = has_any(columns, ["campaign", "ad_set", "ad_name", "region"])
    dated = has_any(columns, ["month", "day"]) or {"starts", "ends"} <= set(columns)
    spent = has_any(columns, ["spent", *(f.name for f in _AMOUNTS)])
    return {} if named and dated and spent else None


_NAME = "coalesce(campaign, ad_set, ad_name)"
# a month of Ads Reporting: '2024-03-01 - 2024-03-11' (or one date)
_MONTH_FROM = "try_cast(trim(split_part(month, ' - ', 1)) AS DATE)"
_MONTH_TO = f"coalesce(try_cast(trim(split_part(month, ' - ', 2)) AS DATE), {_MONTH_FROM})"
# the finest span a row has: its day, its month, else the report's range


FORMAT = Format(
    name="meta_ads",
    label={
        "en": "Meta Ads Manager – spend by campaign, ad set or ad",
        "es": "Meta Ads Manager – gasto por campaña, conjunto de anuncios o anuncio",
    },
    hint={
        "en": "Ads Manager > Campaigns (or Ad sets, Ads) > Reports > Export table data (.csv or "
        ".xlsx); add the Day breakdown for daily spend and the Platform breakdown to split "
        "Facebook / Instagram. Or Ads Reporting > Export (.xlsx, sheet Raw Data Report)",
        "es": "Administrador de anuncios > Campañas (o Conjuntos de anuncios, Anuncios) > "
        "Informes > Exportar datos de la tabla (.csv o .xlsx); añade el desglose Día para el "
        "gasto diario y Plataforma para separar Facebook e Instagram. O Informes de anuncios > "
        "Exportar (.xlsx, hoja Raw Data Report)",
    },
    target=AD_SPEND,
    fields=_FIELDS,
    context=_context,
    skip_rows_sql=f"coalesce({_NAME}, region) IS NULL "
    f"OR lower(coalesce({_NAME}, region)) IN {TOTALS}",
    rows_sql=f"""
        SELECT CASE WHEN lower(network) LIKE '%instagram%' THEN 'instagram'
                    WHEN lower(network) LIKE '%threads%' THEN 'threads'
                    ELSE 'facebook' END AS platform,
               coalesce(account, '') AS account, coalesce({_NAME}, '') AS campaign,
               coalesce(day, {_MONTH_FROM}, starts) AS date_from,
               coalesce(day, {_MONTH_TO}, ends) AS date_to,
               {currency_sql("spent")} AS currency,
               sum(coalesce(spent, {amount_sql("spent")})) AS amount,
               sum(results) AS results, string_agg(DISTINCT result_type, ', ') AS result_type,
               sum(impressions) AS impressions, sum(clicks) AS clicks
        FROM parsed
        GROUP BY ALL
    """,  # noqa: S608 - SQL helpers from code
)

XLSX_FORMAT = replace(FORMAT, name="meta_ads_xlsx", kind="xlsx")
