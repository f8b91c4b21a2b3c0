import datetime as dt

import pytest

from smdash.core.i18n import CATALOG, format_date, format_number, language_from_locale, t


def test_both_catalogues_have_the_same_keys():
    assert set(CATALOG["es"]) == set(CATALOG["en"])


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (1234.5, "es", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567, "es", 0, "1.234.567"),
        (0.25, "es", 2, "0,25"),
        (None, "es", 0, "—"),
        (float("nan"), "en", 0, "—"),
    ],
)
def test_numbers_follow_the_language(value, lang, decimals, text):
    assert format_number(value, lang, decimals) == text


def test_dates_follow_the_language():
    assert format_date(dt.date(2026, 3, 24), "es") == "24/03/2026"
    assert format_date(dt.date(2026, 3, 24), "en") == "2026-03-24"


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("es-ES", "es"), ("es-MX", "es"), ("ca-ES", "en"), ("en-GB", "en"), (None, "en")],
)
def test_language_defaults_to_spanish_only_for_spanish_locales(locale, lang):
    assert language_from_locale(locale) == lang


def test_messages_fill_in_values_in_each_language():
    assert t("import.result", "es", file="a.csv", added=1, updated=2, unchanged=3) == (
        "a.csv: 1 nuevas, 2 actualizadas, 3 sin cambios."
    )
    assert t("missing.key.here", "es") == "missing.key.here"
