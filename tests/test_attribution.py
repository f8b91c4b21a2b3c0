import pytest

from smdash.attribution import classify


@pytest.mark.parametrize(
    ("source", "medium", "network", "paid"),
    [
        ("facebook", "social", "facebook", False),
        ("fb", "paid_social", "facebook", True),
        ("m.facebook.com", "referral", "facebook", False),
        ("l.facebook.com", "referral", "facebook", False),
        ("lm.facebook.com", "referral", "facebook", False),
        ("ig", "social", "instagram", False),
        ("l.instagram.com", "referral", "instagram", False),
        ("lnkd.in", "referral", "linkedin", False),
        ("linkedin", "cpc", "linkedin", True),
        ("t.co", "referral", "x", False),
        ("twitter", "social", "x", False),
        ("x.com", "referral", "x", False),
        ("youtube.com", "referral", "youtube", False),
        ("tiktok", "paid", "tiktok", True),
        ("google", "organic", "search", False),
        ("google", "cpc", "search", True),
        ("bing", "organic", "search", False),
        ("newsletter", "email", "email", False),
        ("mailchimp", "email", "email", False),
        ("(direct)", "(none)", "direct", False),
        ("lasprovincias.es", "referral", "referral", False),
        ("partner", "affiliate", "other", False),
        ("mystery", "social", "other social", False),
    ],
)
def test_source_medium_to_network(source, medium, network, paid):
    assert classify(source, medium) == (network, paid)
