import csv
import datetime as dt
from collections import defaultdict

import pytest

from smdash.core.periods import last_full_month
from smdash.imports.pipeline import import_file
from smdash.metrics.summary import FIGURES, data_range, summary

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
# the fixture's sources, mapped by hand
NETWORK_OF_SOURCE = {
    "facebook": "facebook",
    "m.facebook.com": "facebook",
    "ig": "instagram",
    "l.instagram.com": "instagram",
    "linkedin.com": "linkedin",
    "lnkd.in": "linkedin",
    "t.co": "x",
    "x.com": "x",
    "google": "search",
    "bing": "search",
    "(direct)": "direct",
    "newsletter": "email",
}


@pytest.fixture
def march(con, sample):
    for name in (
        "meta_facebook_posts.csv",
        "meta_instagram_posts.csv",
        "meta_facebook_follows_daily.csv",
        "ga4_traffic_acquisition_source_medium.csv",
    ):
        import_file(con, sample(name))
    return con


def csv_dicts(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_post_figures_are_sums_over_posts_published_in_range(march, sample):
    rows = csv_dicts(sample("meta_facebook_posts.csv"))
    facebook = summary(march, *MARCH)["networks"]["facebook"]
    assert facebook["posts"] == len(rows) == 20
    assert facebook["impressions"] == sum(int(r["Views"]) for r in rows)
    assert facebook["reach"] == sum(int(r["Reach"]) for r in rows)
    assert facebook["engagements"] == sum(int(r["Reactions, Comments and Shares"]) for r in rows)
    assert facebook["link_clicks"] == sum(int(r["Link clicks"]) for r in rows)


def test_web_figures_are_attributed_by_source(march, sample):
    expected = defaultdict(lambda: defaultdict(float))
    for r in csv_dicts(sample("ga4_traffic_acquisition_source_medium.csv")):
        network = NETWORK_OF_SOURCE[r["Session source / medium"].split(" / ")[0]]
        for figure, column in (
            ("sessions", "Sessions"),
            ("engaged_sessions", "Engaged sessions"),
            ("conversions", "Key events"),
            ("revenue", "Total revenue"),
        ):
            expected[network][figure] += float(column and r[column])
    networks = summary(march, *MARCH)["networks"]
    for network, figures in expected.items():
        assert networks[network]["sessions"] == figures["sessions"]
        assert networks[network]["engaged_sessions"] == figures["engaged_sessions"]
        assert networks[network]["conversions"] == figures["conversions"]
        assert networks[network]["revenue"] == pytest.approx(figures["revenue"], abs=0.01)


def test_no_data_is_null_never_zero(march):
    result = summary(march, *MARCH)
    assert result["networks"]["instagram"]["link_clicks"] is None  # IG exports have none
    assert result["networks"]["linkedin"]["posts"] is None  # web traffic only
    assert result["networks"]["facebook"]["followers"] is None  # follows are not a count
    empty = summary(march, dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    assert set(empty["networks"]) == set(result["networks"])
    assert all(v is None for figures in empty["networks"].values() for v in figures.values())
    assert all(v is None for v in empty["total"].values())


def test_shape_is_the_documented_contract(march):
    result = summary(march, *MARCH)
    assert list(result) == ["from", "to", "networks", "total"]
    assert (result["from"], result["to"]) == ("2026-03-01", "2026-03-31")
    assert sorted(result["networks"]) == [
        "direct",
        "email",
        "facebook",
        "instagram",
        "linkedin",
        "search",
        "x",
    ]
    for figures in [*result["networks"].values(), result["total"]]:
        assert tuple(figures) == FIGURES


def test_total_adds_the_networks(march):
    result = summary(march, *MARCH)
    for figure in ("posts", "sessions"):
        assert result["total"][figure] == sum(
            f[figure] for f in result["networks"].values() if f[figure] is not None
        )


def test_followers_are_the_count_on_the_last_day_with_data(con, tmp_path):
    lines = [
        "sep=,",
        '"Instagram followers"',
        '"Date","Primary"',
        '"2026-03-01T00:00:00","1000"',
        '"2026-03-15T00:00:00","1100"',
        '"2026-04-02T00:00:00","1200"',
    ]
    path = tmp_path / "followers.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-16")
    import_file(con, path)
    assert summary(con, *MARCH)["networks"]["instagram"]["followers"] == 1100
    assert summary(con, *MARCH)["total"]["followers"] == 1100


def test_range_and_default_month(march):
    assert data_range(march) == MARCH
    assert last_full_month(dt.date(2026, 3, 31)) == MARCH
    assert last_full_month(dt.date(2026, 4, 15)) == MARCH
