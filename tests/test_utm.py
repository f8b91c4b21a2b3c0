import pytest

from smdash.plan.utm import (
    LinkError,
    Tags,
    build_link,
    default_source,
    source_warning,
    tag_value,
    tags_of,
)

FALLAS = Tags("Instagram", "Social", "Fallas 2026")


def test_tags_are_lower_cased_and_spaces_made_safe():
    assert tag_value("  Verano  24 ") == "verano-24"
    assert build_link("https://forndelaplaca.es/", FALLAS) == (
        "https://forndelaplaca.es/?utm_source=instagram&utm_medium=social&utm_campaign=fallas-2026"
    )


def test_accents_and_reserved_characters_are_percent_encoded():
    tags = Tags("ig", "social", "roscón reyes", "story día 1 & 2", "pan+café")
    assert build_link("forndelaplaca.es/tienda", tags) == (
        "https://forndelaplaca.es/tienda?utm_source=ig&utm_medium=social"
        "&utm_campaign=rosc%C3%B3n-reyes&utm_content=story-d%C3%ADa-1-%26-2&utm_term=pan%2Bcaf%C3%A9"
    )


def test_existing_query_and_fragment_are_kept():
    assert build_link("https://forndelaplaca.es/carta?lang=va&tab=dolços#horaris", FALLAS) == (
        "https://forndelaplaca.es/carta?lang=va&tab=dol%C3%A7os&utm_source=instagram"
        "&utm_medium=social&utm_campaign=fallas-2026#horaris"
    )


def test_existing_utm_parameters_are_replaced_not_repeated():
    link = build_link("https://forndelaplaca.es/?utm_source=old&utm_campaign=old&ref=qr", FALLAS)
    assert link == (
        "https://forndelaplaca.es/?ref=qr&utm_source=instagram&utm_medium=social"
        "&utm_campaign=fallas-2026"
    )
    assert tags_of(link) == Tags("instagram", "social", "fallas-2026", "", "")


def test_a_link_without_scheme_gets_https_and_a_path():
    assert build_link("forndelaplaca.es", Tags("fb", "paid_social", "verano26")) == (
        "https://forndelaplaca.es/?utm_source=fb&utm_medium=paid_social&utm_campaign=verano26"
    )


@pytest.mark.parametrize(
    ("url", "tags", "key"),
    [
        ("", FALLAS, "links.error_no_url"),
        ("ftp://forndelaplaca.es", FALLAS, "links.error_bad_url"),
        ("not a url", FALLAS, "links.error_bad_url"),
        ("forndelaplaca.es", Tags("", "social", "x"), "links.error_no_source"),
        ("forndelaplaca.es", Tags("ig", "social", " "), "links.error_no_campaign"),
    ],
)
def test_bad_input_names_what_is_missing(url, tags, key):
    with pytest.raises(LinkError) as error:
        build_link(url, tags)
    assert error.value.key == key


def test_tags_of_a_link_without_utm_is_none():
    assert tags_of("https://forndelaplaca.es/?ref=qr") is None


def test_the_suggested_source_is_the_one_the_data_uses():
    assert default_source("instagram", {"instagram": "ig"}) == "ig"
    assert default_source("tiktok", {}) == "tiktok"
    assert default_source("email", {}) == "newsletter"


def test_source_warnings():
    usual = {"instagram": "ig"}
    assert source_warning("ig", "social", "instagram", usual, {}) is None
    assert source_warning("Instagram", "social", "instagram", usual, {}) == (
        "links.warn_spelling",
        {"source": "instagram", "usual": "ig", "network": "instagram"},
    )
    assert source_warning("insta_reels", "social", "instagram", usual, {}) == (
        "links.warn_other_network",
        {"source": "insta_reels", "network": "instagram", "landed": "other social"},
    )
    mapping = {"insta-reels": ("instagram", None)}
    assert source_warning("insta_reels", "social", "instagram", {}, mapping) is None
    assert source_warning("newsletter", "email", "email", {}, {}) is None
