import datetime as dt

import pytest

from smdash.metrics import traffic
from smdash.metrics.traffic import Filters

MARCH = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
ROWS = [  # day, source, medium, campaign, sessions, engaged, conversions, revenue
    ("2026-03-02", "ig", "social", "verano24", 100, 60, 4, 50.0),
    ("2026-03-03", "l.instagram.com", "referral", "(referral)", 50, 20, 1, 0.0),
    ("2026-03-09", "fb", "paid_social", "Verano 24", 30, 10, 3, 90.0),
    ("2026-03-10", "google", "organic", "(organic)", 200, 150, 10, 300.0),
    ("2026-02-27", "ig", "social", "verano-24", 40, 20, 2, 10.0),
]


@pytest.fixture
def web(con):
    con.executemany(
        "INSERT INTO web_traffic VALUES ('GA4', ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, 1)",
        [(d, d, s, m, c, n, e, conv, rev) for d, s, m, c, n, e, conv, rev in ROWS],
    )
    return con


def test_totals_rates_and_social_share(web):
    assert traffic.totals(web, MARCH) == {
        "sessions": 380.0,
        "engaged_sessions": 240.0,
        "conversions": 18.0,
        "revenue": 440.0,
        "engagement_rate": 240 / 380,
        "conversion_rate": 18 / 380,
        "social_share": 180 / 380,
    }


def test_filters_by_network_and_paid(web):
    assert (
        traffic.totals(web, Filters(MARCH.date_from, MARCH.date_to, ("instagram",)))["sessions"]
        == 150
    )
    assert traffic.totals(web, Filters(MARCH.date_from, MARCH.date_to, paid=True))["sessions"] == 30


def test_weekly_series_starts_on_monday(web):
    weekly = traffic.over_time(web, MARCH, "week")
    assert weekly[["period", "network", "sessions"]].astype({"period": str}).values.tolist() == [
        ["2026-03-02", "instagram", 150],
        ["2026-03-09", "facebook", 30],
        ["2026-03-09", "search", 200],
    ]
    with pytest.raises(ValueError):
        traffic.over_time(web, MARCH, "year")


def test_by_network_and_paid_organic(web):
    table = traffic.by_network(web, MARCH)
    assert table[["network", "sessions", "paid_sessions"]].fillna(0).values.tolist() == [
        ["search", 200, 0],
        ["instagram", 150, 0],
        ["facebook", 30, 30],
    ]
    assert table["share"].round(4).tolist() == [0.5263, 0.3947, 0.0789]
    split = traffic.paid_organic(web, MARCH)
    assert split[["network", "paid", "sessions"]].values.tolist() == [
        ["facebook", True, 30],
        ["instagram", False, 150],
        ["search", False, 200],
    ]


def test_comparison_with_the_previous_period(web):
    assert MARCH.previous() == Filters(dt.date(2026, 1, 29), dt.date(2026, 2, 28))
    table = traffic.comparison(web, MARCH).set_index("network")
    assert table.loc["instagram", "sessions_previous"] == 40
    assert table.loc["instagram", "sessions_change"] == pytest.approx(110 / 40)


def test_campaigns_and_untagged_social(web):
    campaigns = traffic.by_campaign(web, MARCH)
    assert campaigns[["name", "sessions", "networks"]].values.tolist() == [
        ["verano24", 100, "instagram"],
        ["Verano 24", 30, "facebook"],
    ]
    untagged = traffic.untagged_social(web, MARCH)
    assert untagged[["network", "source", "sessions"]].values.tolist() == [
        ["instagram", "l.instagram.com", 50]
    ]
    assert untagged["network_share"].tolist() == [pytest.approx(50 / 150)]
    assert traffic.untagged_share(web, MARCH) == pytest.approx(50 / 180)


def test_near_duplicate_campaigns_are_flagged_and_merged(web):
    assert traffic.campaign_key("Verano-24 ") == traffic.campaign_key("verano24")
    assert traffic.campaign_key("Roscón") == "roscon"
    groups = traffic.near_duplicate_campaigns(web)
    assert groups[["key", "campaign", "sessions"]].values.tolist() == [
        ["verano24", "verano24", 100],
        ["verano24", "verano-24", 40],
        ["verano24", "Verano 24", 30],
    ]
    assert traffic.merge_campaigns(web, groups["campaign"].tolist(), "verano24") == 2
    assert traffic.near_duplicate_campaigns(web).empty
    merged = traffic.by_campaign(web, MARCH)
    assert merged[["name", "sessions", "networks"]].values.tolist() == [
        ["verano24", 130, "facebook, instagram"]
    ]
    traffic.unmerge_campaign(web, "Verano 24")
    assert traffic.campaign_merges(web).values.tolist() == [["verano-24", "verano24"]]


def test_merging_into_a_merged_name_moves_the_earlier_merges(web):
    traffic.merge_campaigns(web, ["verano-24"], "Verano 24")
    traffic.merge_campaigns(web, ["Verano 24"], "verano24")
    assert traffic.campaign_merges(web).values.tolist() == [
        ["Verano 24", "verano24"],
        ["verano-24", "verano24"],
    ]
