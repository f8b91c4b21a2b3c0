"""Every user-visible string, in Spanish and English, and number/date formatting per language.

The strings are data: one JSON file per language, ``smdash/core/locales/<lang>.json``, that
translators edit. Each is one object from message key to text, keys sorted. A text is a
``str.format`` template whose ``{placeholders}`` the caller fills in::

    "objectives.goal_added": "Goal added: {name}"

A message that counts something is an object of plural forms instead, and its callers pass the
number as ``count``; ``t`` picks the form by the language's plural rule (``PLURAL_RULES``: in
English and Spanish ``one`` for exactly 1, ``other`` for anything else) and fills it in like
any text. A form may show the number as ``{count}``, or a formatted copy passed under another
name (``visits="1.234"``), or not at all::

    "import.confirm": {"one": "Import {count} file", "other": "Import {count} files"}
    t("import.confirm", "en", count=3)  ->  "Import 3 files"

Both languages have the same keys, the same placeholders and the same plural forms, and every
key is used by the code (tests/test_i18n.py). This module imports nothing from smdash, so any
module may import it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Callable
from importlib import resources

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "en"

# A text, or a plural message: its forms by plural category ('one', 'other').
Text = str | dict[str, str]

# The plural category of a count, per language (CLDR's names: one, few, many, other).
PLURAL_RULES: dict[str, Callable[[float], str]] = {
    "en": lambda n: "one" if n == 1 else "other",
    "es": lambda n: "one" if n == 1 else "other",
}


@functools.cache
def load_catalogue(lang: str) -> dict[str, Text]:
    """The strings of ``lang``, read once from ``smdash/core/locales/<lang>.json``."""
    path = resources.files("smdash") / "core" / "locales" / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8"))


CATALOG: dict[str, dict[str, Text]] = {lang: load_catalogue(lang) for lang in LANGUAGES}

# How a day is written, in strftime and d3-time-format alike: 24/03/2026, 2026-03-24.
DATE_PATTERNS = {"es": "%d/%m/%Y", "en": "%Y-%m-%d"}
# The same, for Streamlit's date inputs (its own default, YYYY/MM/DD, is neither).
DATE_INPUT_FORMATS = {"es": "DD/MM/YYYY", "en": "YYYY-MM-DD"}

# Words inside messages that come from code (what a value should look like), per language.
EXPECTED_WORDS = {
    "es": {
        "a whole number": "un número entero",
        "a number": "un número",
        "a date": "una fecha",
        "a date and time": "una fecha y hora",
        "a value": "un valor",
        " like ": " como ",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for ``key`` in ``lang`` (English when missing), with ``params`` filled in.

    A plural message takes the form for ``params["count"]``; an unknown key is shown as is.
    """
    text = CATALOG.get(lang, {}).get(key)
    rule = PLURAL_RULES.get(lang)
    if not text or rule is None:
        text, rule = CATALOG[DEFAULT_LANGUAGE].get(key, key), PLURAL_RULES[DEFAULT_LANGUAGE]
    if isinstance(text, dict):
        text = text.get(rule(params["count"]), text["other"])
    if lang in EXPECTED_WORDS and "expected" in params:
        expected = str(params["expected"])
        for en, local in EXPECTED_WORDS[lang].items():
            expected = expected.replace(en, local)
        params = {**params, "expected": expected}
    return text.format(**params)


def language_from_locale(locale: str | None) -> str:
    """Spanish for any ``es`` locale (es-ES, es-MX, ...), English otherwise."""
    return "es" if (locale or "").lower().startswith("es") else DEFAULT_LANGUAGE


def format_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """``1,234.5`` in English, ``1.234,5`` in Spanish; an em dash for no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


# The symbols written for the currencies smdash knows; any other ISO code is written as is.
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def currency_symbol(currency: str) -> str:
    """``€`` for EUR, the code itself for a currency without a known symbol (``CHF``)."""
    return CURRENCY_SYMBOLS.get(currency, currency)


def _symbol_after(lang: str, currency: str) -> bool:
    """Spanish writes the symbol after the number, as does any code without a symbol."""
    return lang == "es" or currency_symbol(currency) == currency


def format_money(value: float | int | None, lang: str, currency: str, decimals: int = 2) -> str:
    """``€1,234.50`` in English, ``1.234,50 €`` in Spanish, ``1,234.50 CHF`` for a code without
    a symbol; an em dash for no value. The one way smdash writes an amount of money."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = format_number(value, lang, decimals)
    symbol = currency_symbol(currency)
    if _symbol_after(lang, currency):
        return f"{number} {symbol}"
    return f"{symbol}{number}" if not number.startswith("-") else f"-{symbol}{number[1:]}"


def money_title(title: str, currency: str) -> str:
    """A column or chart-axis title for amounts: ``Revenue (€)``."""
    return f"{title} ({currency_symbol(currency)})"


def xlsx_money_format(lang: str, currency: str, decimals: int = 2) -> str:
    """An Excel number format that shows the currency beside a number that stays a number:
    ``"€"#,##0.00`` or ``#,##0.00 "€"`` (the spreadsheet writes the separators its own way)."""
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    symbol = f'"{currency_symbol(currency)}"'
    if _symbol_after(lang, currency):
        return f"{number} {symbol};-{number} {symbol}"
    return f"{symbol}{number};-{symbol}{number}"


def format_date(value: dt.date | None, lang: str) -> str:
    if value is None:
        return "—"
    return value.strftime(date_pattern(lang))


def format_datetime(value: dt.datetime | None, lang: str) -> str:
    """The day as ``format_date`` writes it and the time to the minute: ``24/03/2026 09:30``."""
    if value is None:
        return "—"
    return f"{format_date(value, lang)} {value:%H:%M}"


ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def days_written(text: str, lang: str) -> str:
    """``text`` (a record written once, such as an audit row's details) with its days
    ``2026-07-01`` written the user's way; what is no real day is left as it is."""

    def written(found: re.Match) -> str:
        try:
            return format_date(dt.date(*map(int, found.groups())), lang)
        except ValueError:
            return found.group(0)

    return ISO_DAY.sub(written, text)


def date_pattern(lang: str) -> str:
    """The ``DATE_PATTERNS`` entry of ``lang`` (English when missing)."""
    return DATE_PATTERNS.get(lang, DATE_PATTERNS[DEFAULT_LANGUAGE])


# fmt: off
MONTH_NAMES = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
}
# fmt: on


def month_name(month: int, lang: str) -> str:
    """The month's name (1 = January) in ``lang``, English when the language has none."""
    return MONTH_NAMES.get(lang, MONTH_NAMES[DEFAULT_LANGUAGE])[month - 1]


# How charts write numbers and dates: Vega-Lite's ``config.locale``, a d3-format ``number``
# locale and a d3-time-format ``time`` locale (``days`` and ``shortDays`` start on Sunday).
# English needs none: Vega's default is en-US. The same marks as ``format_number``.
CHART_LOCALES: dict[str, dict[str, dict]] = {
    "es": {
        "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " €"]},
        "time": {
            "dateTime": "%A, %e de %B de %Y, %X",
            "date": DATE_PATTERNS["es"],
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
            "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
            "months": list(MONTH_NAMES["es"]),
            "shortMonths": [month[:3] for month in MONTH_NAMES["es"]],
        },
    },
}

# How chart time axes write their ticks: Vega labels each tick by the largest unit it falls on
# (a year, a month, a week, a day, an hour) with that unit's d3-time-format specifier, so the
# axis keeps choosing how fine to go. Vega's own specifiers are English ('Sep 28', 'Jul 05',
# '01 PM'); Spanish puts the day first on a 24-hour clock ('28 sep', '5 jul', '13:00'). Given to
# temporal axes only (Vega-Lite's ``config.axisTemporal``); English needs none.
CHART_TIME_LABELS: dict[str, dict[str, str]] = {
    "es": {
        "year": "%Y",
        "quarter": "%b",
        "month": "%b",
        "week": "%-d %b",
        "date": "%-d %b",
        "hours": "%H:%M",
        "minutes": "%H:%M",
    },
}

# A field with a time unit (one point a day, a month) is written in one pattern on every tick and
# in its tooltip: Vega-Lite's 'Sep 28, 2026' and 'Sep 2026', month first, whatever the locale.
# The other languages' patterns, per time unit, given through ``charts.time_unit_format``; they
# also keep such axes off the ``CHART_TIME_LABELS`` above, as English keeps the year on them.
TIME_UNIT_FORMATS: dict[str, dict[str, str]] = {
    "es": {"yearmonthdate": "%-d %b %Y", "yearmonth": "%b %Y"},
}
