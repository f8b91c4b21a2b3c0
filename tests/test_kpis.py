"""The KPI catalogue on a hand-made workspace (tests/kpi_fixture.py): every number by hand."""

import datetime as dt

import pandas as pd
import pytest
from kpi_fixture import fill

from smdash.core.i18n import CATALOG
from smdash.metrics import kpis

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def data(con):
    fill(con)
    return con


# March 2026. Posts p1, p2 (facebook), p3 (instagram), p5 (x); p4 is published in April.
# Web: facebook/social, l.instagram.com/referral and linkedin/paid_social are social;
# google/organic is not.
ALL_MARCH = {
    "followers": 1500.0,  # instagram 1000 on 31/03 + facebook 500 on 31/03
    "follower_growth": 37.0,  # instagram 10 + 20, linkedin 7
    "posts": 4.0,
    "reach": 4300.0,  # 800 + 2000 + 1500 (x reports no reach)
    "impressions": 7000.0,  # 1000 + 3000 + 2000 + 1000
    "engagements": 300.0,  # 50 + 100 + 150
    "engagement_rate": 5.0,  # 300 / (1000 + 3000 + 2000): x has no engagements
    "link_clicks": 35.0,  # 10 + 20 + 5 (instagram reports none)
    "ctr": 0.7,  # 35 / (1000 + 3000 + 1000): instagram has no link clicks
    "sessions": 200.0,  # 100 + 50 + 50
    "engaged_sessions": 100.0,  # 60 + 30 + 10
    "conversions": 5.0,  # 4 + 1 + 0
    "conversion_rate": 2.5,  # 5 / 200
    "revenue": 100.0,  # 80 + 20 + 0
    "cost_per_conversion": None,  # no costs table yet
}
FACEBOOK_MARCH = {
    "followers": 500.0,
    "follower_growth": None,
    "posts": 2.0,
    "reach": 2800.0,
    "impressions": 4000.0,
    "engagements": 150.0,
    "engagement_rate": 3.75,  # 150 / 4000
    "link_clicks": 30.0,
    "ctr": 0.75,  # 30 / 4000
    "sessions": 100.0,
    "engaged_sessions": 60.0,
    "conversions": 4.0,
    "conversion_rate": 4.0,
    "revenue": 80.0,
    "cost_per_conversion": None,
}


def values(con, scope, date_from, date_to):
    return {k.key: kpis.value(con, k, scope, date_from, date_to) for k in kpis.CATALOGUE}


def test_every_kpi_over_all_social_networks_in_march(data):
    assert values(data, "all", *MARCH) == pytest.approx(ALL_MARCH)


def test_every_kpi_for_one_network_in_march(data):
    assert values(data, "facebook", *MARCH) == pytest.approx(FACEBOOK_MARCH)


def test_a_figure_the_network_does_not_report_is_none_not_zero(data):
    assert kpis.value(data, "link_clicks", "instagram", *MARCH) is None
    assert kpis.value(data, "ctr", "instagram", *MARCH) is None
    assert kpis.value(data, "reach", "x", *MARCH) is None


def test_followers_at_the_end_of_a_period_take_the_last_day_with_data(data):
    february = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert kpis.value(data, "followers", "instagram", *february) == 900
    mid_march = (dt.date(2026, 3, 1), dt.date(2026, 3, 20))
    assert kpis.value(data, "followers", "instagram", *mid_march) == 950


def test_an_empty_workspace_has_no_value_for_any_kpi(con):
    assert values(con, "all", *MARCH) == dict.fromkeys(ALL_MARCH)


def test_weekly_series_and_running_totals(data):
    weekly = kpis.series(data, "reach", "all", *MARCH)
    assert weekly["period_start"].tolist() == [
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 16),
    ]
    assert weekly["period_end"].tolist() == [
        dt.date(2026, 3, 8),
        dt.date(2026, 3, 15),
        dt.date(2026, 3, 22),
    ]
    assert weekly["value"].tolist()[:2] == [2300.0, 2000.0]  # p1 + p3, then p2
    assert weekly["value"].isna().tolist() == [False, False, True]  # only x's p5, no reach
    running = kpis.series(data, "reach", "all", *MARCH, cumulative=True)
    assert running["value"].tolist() == [2300.0, 4300.0, 4300.0]


def test_running_ratio_and_level_series(data):
    rate = kpis.series(data, "engagement_rate", "all", *MARCH, cumulative=True)
    # (50 + 150) / (1000 + 2000); then + 100 / 3000 -> 300 / 6000; p5 adds nothing
    assert rate["value"].tolist() == pytest.approx([200 / 3000 * 100, 5.0, 5.0])
    followers = kpis.series(data, "followers", "instagram", dt.date(2026, 2, 23), MARCH[1])
    assert followers["value"].tolist() == [900.0, 950.0, 1000.0]  # weeks of 28/2, 15/3, 31/3


def test_series_in_buckets_of_any_length(data):
    buckets = kpis.series(data, "sessions", "all", *MARCH, days=2, anchor=dt.date(2026, 3, 1))
    assert buckets.values.tolist() == [
        [dt.date(2026, 3, 1), dt.date(2026, 3, 2), 150.0],
        [dt.date(2026, 3, 3), dt.date(2026, 3, 4), 50.0],
    ]


def test_a_series_is_a_frame_of_dates_and_floats_even_when_empty(data):
    """Charts and forecasts read the frame as it is: dates as dates, values as floats (NaN for
    no value), a plain 0..n index, the same columns when no bucket has rows."""
    weekly = kpis.series(data, "reach", "all", *MARCH)
    empty = kpis.series(data, "reach", "all", dt.date(2030, 1, 1), dt.date(2030, 2, 1))
    for frame in (weekly, empty):
        assert list(frame.columns) == ["period_start", "period_end", "value"]
        assert [str(t) for t in frame.dtypes] == ["object", "object", "float64"]
        assert frame.index.equals(pd.RangeIndex(len(frame)))
    assert {type(d) for d in [*weekly["period_start"], *weekly["period_end"]]} == {dt.date}
    assert len(empty) == 0


def test_data_span_of_a_kpi_in_a_scope(data):
    assert kpis.data_span(data, "sessions", "facebook") == (
        dt.date(2026, 3, 1),
        dt.date(2026, 4, 2),
    )
    assert kpis.data_span(data, "followers", "youtube") == (None, None)
    assert kpis.data_span(data, "cost_per_conversion", "all") == (None, None)


def test_comparison_with_the_previous_period_of_the_same_length(data):
    table = kpis.comparison(data, "instagram", *MARCH).set_index("kpi")
    # March has 31 days: the previous period is 29/01 - 28/02
    followers = table.loc["followers", ["current", "previous", "change"]].tolist()
    assert followers == pytest.approx([1000.0, 900.0, 1 / 9])
    assert table.loc["followers", "accounts"] == 1  # one account's count, not a total
    assert table.loc["posts", "current"] == 1
    assert pd.isna(table.loc["posts", "previous"])  # no instagram post before March
    assert pd.isna(table.loc["posts", "change"])


def test_comparison_gives_each_kpi_as_read_alone(data):
    # the KPIs of a comparison share one attribution: each number stays that of value()
    table = kpis.comparison(data, "all", *MARCH).set_index("kpi")

    def column(name):
        return {k: None if pd.isna(v) else v for k, v in table[name].items()}

    assert column("current") == pytest.approx(ALL_MARCH)
    assert column("previous") == pytest.approx(
        values(data, "all", dt.date(2026, 1, 29), dt.date(2026, 2, 28))
    )


def test_every_kpi_states_its_formula_unit_and_direction_in_both_languages():
    for kpi in kpis.CATALOGUE:
        doc = CATALOG["en"][f"kpis.doc.{kpi.key}"]
        assert "Unit:" in doc and f"Direction: {kpi.direction}." in doc, kpi.key
        assert "Unidad:" in CATALOG["es"][f"kpis.doc.{kpi.key}"], kpi.key
        assert CATALOG["es"][f"kpis.name.{kpi.key}"], kpi.key
    ratios = [k for k in kpis.CATALOGUE if k.kind == kpis.RATIO]
    assert all(k.denominator for k in ratios)
    assert "denominator: impressions" in CATALOG["en"]["kpis.doc.engagement_rate"]
    assert kpis.KPIS["cost_per_conversion"].direction == kpis.DOWN
    assert all(k.direction == kpis.UP for k in kpis.CATALOGUE if k.kind == kpis.TOTAL)


def test_spans_are_read_once_per_source_and_scope_inside_a_kept_block(data):
    """A read of many objectives keeps each source's span: a second KPI of the same source and
    scope asks nothing more of the database (here emptied meanwhile, which such a read never
    does); outside the block every span is read again."""
    span = kpis.data_span(data, "sessions", "facebook")
    assert span == (dt.date(2026, 3, 1), dt.date(2026, 4, 2))
    with kpis.spans_kept():
        assert kpis.data_span(data, "sessions", "facebook") == span
        data.execute("DELETE FROM web_traffic")
        assert kpis.data_span(data, "conversions", "facebook") == span  # web rows, as sessions
        assert kpis.data_span(data, "sessions", "instagram") == (None, None)  # another scope
    assert kpis.data_span(data, "conversions", "facebook") == (None, None)
