"""What the ads managers' exports share: the ``ad_spend`` row they become, and money headers.

Each ads export (Meta Ads Manager, LinkedIn Campaign Manager, X Ads, TikTok Ads Manager) is one
row per campaign and reporting span: a day when the report is broken down by day, otherwise the
report's whole range. It becomes one ``ad_spend`` row (``smdash.db.tables.AD_SPEND``): network, ad
account ('' when the export does not name it), campaign, the span, currency, amount spent,
results (the export's own "results" / conversions / leads), impressions and clicks.
"""

from __future__ import annotations

from smdash.imports.fields import NUMBER, Field, field

# Currencies whose "Amount spent (XXX)" headers are recognised (Meta puts the currency there):
# every active ISO 4217 code, the ones smdash's users spend most in first.
CURRENCIES = (
    "EUR", "USD", "GBP", "MXN", "COP", "ARS", "CLP", "PEN", "BRL", "CHF", "CAD", "AUD",
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
    "BIF", "BMD", "BND", "BOB", "BSD", "BTN", "BWP", "BYN", "BZD", "CDF", "CNY", "CRC", "CUC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "FJD", "FKP", "GEL",
    "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
    "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD",
    "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK",
    "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR",
    "NZD", "OMR", "PAB", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF",
    "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN",
    "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH",
    "UGX", "UYU", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF",
    "YER", "ZAR", "ZMW", "ZWG", "ZWL",
)  # fmt: skip


def amount_fields(name: str, *labels: str) -> list[Field]:
    """One field per currency for headers like 'Amount spent (EUR)': ``<name>_eur``, ..."""
    return [
        field(f"{name}_{code.lower()}", NUMBER, *(f"{label} ({code})" for label in labels))
        for code in CURRENCIES
    ]


def amount_sql(name: str) -> str:
    """SQL for the amount found under any of the currency headers."""
    return f"coalesce({', '.join(f'{name}_{c.lower()}' for c in CURRENCIES)})"


def currency_sql(name: str) -> str:
    """SQL for the currency named by the header the amount came from (NULL for none)."""
    cases = " ".join(f"WHEN {name}_{c.lower()} IS NOT NULL THEN '{c}'" for c in CURRENCIES)
    return f"CASE {cases} END"


def has_any(columns: dict[str, int], names: list[str]) -> bool:
    return any(name in columns for name in names)


# rows that are no campaign: the totals line some exports end with
TOTALS = "('total', 'totales', 'results', 'resultados')"
SKIP_TOTALS = f"campaign IS NULL OR lower(campaign) IN {TOTALS}"
