import datetime as dt

import pytest

from smdash.i18n import CATALOG, format_date, format_number, language_from_locale, t


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


@pytest.mark.parametrize(
    ("lang", "count", "text"),
    [
        ("en", 1, "Import 1 file"),
        ("en", 0, "Import 0 files"),
        ("en", 3, "Import 3 files"),
        ("es", 1, "Importar 1 archivo"),
        ("es", 2, "Importar 2 archivos"),
        ("fr", 1, "Import 1 file"),  # another language: English, with its rule
    ],
)
def test_a_plural_message_takes_its_form_from_count(lang, count, text):
    assert t("import.confirm", lang, count=count) == text


def test_a_plural_form_may_show_a_formatted_number_or_none():
    assert t("executive.goal.no_data", "es", count=1) == "Aún no hay datos de su objetivo."
    visits = {"period": "marzo", "changes": ""}
    assert t("executive.story.visits", "es", count=1234, visits="1.234", **visits) == (
        "En marzo las redes sociales llevaron 1.234 visitas a la web."
    )
    assert t("executive.story.visits", "es", count=1.0, visits="1", **visits) == (
        "En marzo las redes sociales llevaron 1 visita a la web."
    )
