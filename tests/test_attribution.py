"""Source / medium -> network: GA4's default channel rules, its social-source list, Plausible's
shorthands and Matomo's social list, on pairs as they appear in real GA4 exports."""

import pandas as pd
import pytest

from smdash.core import networks
from smdash.metrics import attribution
from smdash.metrics.attribution import classify, normalize_source, source_networks, unknown_sources

REAL_WORLD_PAIRS = [
    # Facebook: UTM spellings and the referrers of its apps and link shims
    ("facebook", "social", "facebook", False),
    ("Facebook", "Social", "facebook", False),
    ("fb", "paid_social", "facebook", True),
    ("fb", "cpc", "facebook", True),
    ("facebook", "paid", "facebook", True),
    ("facebook_ads", "cpc", "facebook", True),
    ("fb-ads", "paid-social", "facebook", True),
    ("facebook.com", "referral", "facebook", False),
    ("m.facebook.com", "referral", "facebook", False),
    ("l.facebook.com", "referral", "facebook", False),
    ("lm.facebook.com", "referral", "facebook", False),
    ("business.facebook.com", "referral", "facebook", False),
    ("web.facebook.com", "referral", "facebook", False),
    ("fb.me", "referral", "facebook", False),
    ("l.messenger.com", "referral", "facebook", False),
    # Instagram
    ("ig", "social", "instagram", False),
    ("instagram", "social", "instagram", False),
    ("instagram", "paid_social", "instagram", True),
    ("instagram.com", "referral", "instagram", False),
    ("l.instagram.com", "referral", "instagram", False),
    ("IGShopping", "cpc", "instagram", True),
    # LinkedIn
    ("linkedin", "social", "linkedin", False),
    ("linkedin", "cpc", "linkedin", True),
    ("linkedin", "paid_social", "linkedin", True),
    ("linkedin.com", "referral", "linkedin", False),
    ("lnkd.in", "referral", "linkedin", False),
    ("android-app://com.linkedin.android", "referral", "linkedin", False),
    # X / Twitter
    ("t.co", "referral", "x", False),
    ("twitter", "social", "x", False),
    ("twitter.com", "referral", "x", False),
    ("mobile.twitter.com", "referral", "x", False),
    ("x.com", "referral", "x", False),
    ("x", "social", "x", False),
    ("twitter-ads", "cpc", "x", True),
    # TikTok, YouTube, Pinterest
    ("tiktok", "social", "tiktok", False),
    ("tiktok", "paid", "tiktok", True),
    ("tiktok.com", "referral", "tiktok", False),
    ("vm.tiktok.com", "referral", "tiktok", False),
    ("youtube.com", "referral", "youtube", False),
    ("m.youtube.com", "referral", "youtube", False),
    ("youtu.be", "referral", "youtube", False),
    ("yt", "video", "youtube", False),
    ("pinterest", "social", "pinterest", False),
    ("es.pinterest.com", "referral", "pinterest", False),
    ("pinterest.es", "referral", "pinterest", False),
    ("pin.it", "referral", "pinterest", False),
    # messaging apps and the newer networks
    ("whatsapp", "social", "whatsapp", False),
    ("web.whatsapp.com", "referral", "whatsapp", False),
    ("wa.me", "referral", "whatsapp", False),
    ("t.me", "referral", "telegram", False),
    ("web.telegram.org", "referral", "telegram", False),
    ("telegram", "social", "telegram", False),
    ("threads.net", "referral", "threads", False),
    ("l.threads.net", "referral", "threads", False),
    ("threads", "social", "threads", False),
    ("bsky.app", "referral", "bluesky", False),
    ("go.bsky.app", "referral", "bluesky", False),
    ("mastodon.social", "referral", "mastodon", False),
    ("mastodon", "social", "mastodon", False),
    ("reddit.com", "referral", "reddit", False),
    ("old.reddit.com", "referral", "reddit", False),
    ("out.reddit.com", "referral", "reddit", False),
    # GA4's other social sources, and social media with an unknown source
    ("vk.com", "referral", "other social", False),
    ("tripadvisor.es", "referral", "other social", False),
    ("linktr.ee", "referral", "other social", False),
    ("bit.ly", "referral", "other social", False),
    ("mystery", "social", "other social", False),
    ("influencer-ana", "social-media", "other social", False),
    # search, organic and paid
    ("google", "organic", "search", False),
    ("google", "cpc", "search", True),
    ("bing", "organic", "search", False),
    ("bing", "cpc", "search", True),
    ("duckduckgo", "organic", "search", False),
    ("ecosia.org", "organic", "search", False),
    ("yahoo", "organic", "search", False),
    ("es.search.yahoo.com", "referral", "search", False),
    ("google.es", "referral", "search", False),
    ("search.brave.com", "referral", "search", False),
    ("news.google.com", "referral", "search", False),
    ("google", "display", "other", True),
    # email and newsletters
    ("newsletter", "email", "email", False),
    ("mailchimp", "email", "email", False),
    ("brevo", "e-mail", "email", False),
    ("newsletter-abril", "(not set)", "email", False),
    ("mail.google.com", "referral", "email", False),
    ("android-app://com.google.android.gm", "referral", "email", False),
    # direct, referral, the rest
    ("(direct)", "(none)", "direct", False),
    ("(direct)", "(not set)", "direct", False),
    ("lasprovincias.es", "referral", "referral", False),
    ("levante-emv.com", "referral", "referral", False),
    ("chatgpt.com", "referral", "referral", False),
    ("es.wikipedia.org", "referral", "referral", False),
    ("partner", "affiliate", "other", False),
    ("(not set)", "(not set)", "other", False),
    ("cartel-tienda", "qr", "other", False),
    ("sms", "sms", "other", False),
]


def test_the_table_has_at_least_sixty_real_world_pairs():
    assert len(REAL_WORLD_PAIRS) >= 60
    assert len({(s, m) for s, m, _, _ in REAL_WORLD_PAIRS}) == len(REAL_WORLD_PAIRS)


@pytest.mark.parametrize(("source", "medium", "network", "paid"), REAL_WORLD_PAIRS)
def test_source_medium_to_network(source, medium, network, paid):
    assert classify(source, medium) == (network, paid)


def test_every_network_of_the_issue_is_reachable():
    reached = {network for _, _, network, _ in REAL_WORLD_PAIRS}
    assert reached == set(networks.NETWORKS)


def test_source_spellings_compare_without_case_spaces_or_underscores():
    assert normalize_source("  FB_ads ") == "fb-ads"
    assert normalize_source("Insta Stories") == "insta-stories"


def add_web_rows(con, rows):
    """rows: (day, source, medium, campaign, sessions, conversions)."""
    con.executemany(
        "INSERT INTO web_traffic VALUES ('GA4', ?, ?, ?, ?, ?, '', '', ?, ?, ?, 0, 1)",
        [(d, d, s, m, c, n, n, conv) for d, s, m, c, n, conv in rows],
    )


def test_the_cms_own_spelling_maps_past_and_future_rows(con):
    add_web_rows(con, [("2026-03-01", "Insta_Reels", "stories", "fallas", 40, 2)])
    assert source_networks(con)[["source", "network", "paid"]].values.tolist() == [
        ["Insta_Reels", "other", False]
    ]
    assert unknown_sources(con)[["source", "medium", "network", "sessions"]].values.tolist() == [
        ["Insta_Reels", "stories", "other", 40]
    ]
    assert attribution.save_alias(con, "insta reels", "instagram") == "insta-reels"
    add_web_rows(con, [("2026-03-02", "INSTA-reels", "stories", "fallas", 10, 0)])
    mapped = source_networks(con).sort_values("source")
    assert mapped[["source", "network", "paid", "mapped"]].values.tolist() == [
        ["INSTA-reels", "instagram", False, True],
        ["Insta_Reels", "instagram", False, True],
    ]
    assert unknown_sources(con).empty


def test_an_alias_can_fix_paid_or_leave_it_to_the_medium(con):
    add_web_rows(
        con,
        [
            ("2026-03-01", "FB_promo", "boost", "x", 5, 0),
            ("2026-03-01", "FB_promo", "cpc", "", 7, 0),
        ],
    )
    attribution.save_alias(con, "FB_promo", "facebook")
    by_medium = source_networks(con).set_index("medium")["paid"].to_dict()
    assert by_medium == {"boost": False, "cpc": True}
    attribution.save_alias(con, "FB_promo", "facebook", paid=True)
    assert source_networks(con)["paid"].tolist() == [True, True]
    attribution.delete_alias(con, "fb_promo")
    assert attribution.alias_table(con).empty


def test_an_alias_to_an_unknown_network_is_refused(con):
    with pytest.raises(attribution.InvalidAlias, match="traffic.alias_invalid"):
        attribution.save_alias(con, "insta", "myspace")


def test_the_summary_follows_the_mapping(con):
    import datetime as dt

    from smdash.metrics.summary import summary

    add_web_rows(con, [("2026-03-01", "Insta_Reels", "stories", "", 40, 2)])
    attribution.save_alias(con, "insta_reels", "instagram")
    result = summary(con, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert result["networks"]["instagram"]["sessions"] == 40
    assert "other" not in result["networks"]


def test_usual_sources_are_the_most_used_tagged_spellings(con):
    add_web_rows(
        con,
        [
            ("2026-03-01", "ig", "social", "a", 30, 0),
            ("2026-03-01", "instagram", "social", "a", 5, 0),
            ("2026-03-01", "l.instagram.com", "referral", "(referral)", 90, 0),
            ("2026-03-01", "fb", "paid_social", "a", 90, 0),
            ("2026-03-01", "facebook", "social", "a", 9, 0),
        ],
    )
    assert attribution.usual_sources(con) == {"instagram": "ig", "facebook": "facebook"}


def test_source_networks_types_stay_as_the_summary_expects(con):
    table = source_networks(con)
    assert list(table.columns) == ["source", "medium", "network", "paid", "tagged", "mapped"]
    assert isinstance(table, pd.DataFrame)


def lookup_networks(con):
    return con.execute(
        "SELECT source, network FROM source_networks_view ORDER BY source"
    ).fetchall()


def view_registered(con):
    return bool(
        con.execute(
            "SELECT count(*) FROM duckdb_views() WHERE view_name = 'source_networks_view'"
        ).fetchone()[0]
    )


def test_a_lookup_inside_another_shares_it_and_the_next_one_reads_the_data_again(con):
    add_web_rows(con, [("2026-03-01", "Insta_Reels", "stories", "", 40, 2)])
    with attribution.network_lookup(con):
        with attribution.network_lookup(con):
            assert lookup_networks(con) == [("Insta_Reels", "other")]
        assert lookup_networks(con) == [("Insta_Reels", "other")]  # still there for the outer
    assert not view_registered(con)
    attribution.save_alias(con, "insta_reels", "instagram")
    add_web_rows(con, [("2026-03-02", "fb", "social", "", 5, 0)])
    with attribution.network_lookup(con):
        assert lookup_networks(con) == [("Insta_Reels", "instagram"), ("fb", "facebook")]
    assert not view_registered(con)


def test_a_failing_query_inside_a_lookup_leaves_no_view_behind(con):
    with (
        pytest.raises(Exception, match="no_such_table"),
        attribution.network_lookup(con),
        attribution.network_lookup(con),
    ):
        con.execute("SELECT * FROM no_such_table")
    assert not view_registered(con)
    with attribution.network_lookup(con):
        assert lookup_networks(con) == []


def test_a_lookup_ends_cleanly_after_a_result_read_in_part(con):
    # duckdb 2 refuses to drop the view while a fetchone() result is unfinished
    with attribution.network_lookup(con), attribution.network_lookup(con):
        assert con.execute("SELECT * FROM range(5)").fetchone() == (0,)
    assert not view_registered(con)


def test_the_rule_table_names_exactly_the_known_social_networks():
    assert tuple(attribution.SOCIAL_SOURCES) == networks.ALL_SOCIAL
