"""GA4 traffic acquisition at its default dimension, the channel group: sessions stored by
channel; Organic / Paid Social are social traffic whose network is unknown."""

import datetime as dt
from pathlib import Path

import pytest

from smdash.core.networks import CHANNEL_GROUP
from smdash.imports.pipeline import import_file
from smdash.metrics import attribution, kpis, traffic
from smdash.metrics.traffic import Filters

OWN = Path(__file__).resolve().parent / "fixtures"
D = dt.date
MARCH = Filters(D(2026, 3, 1), D(2026, 3, 31))


def stored(con) -> list[tuple]:
    return con.execute(
        """SELECT date_from, date_to, source, medium, sessions, conversions, revenue
           FROM web_traffic ORDER BY date_from, sessions DESC"""
    ).fetchall()


def test_channel_group_by_day(con):
    result = import_file(con, OWN / "ga4_channel_group_daily.csv")
    assert result.prepared.format.name == "ga4_traffic_acquisition"
    assert (result.prepared.account, result.prepared.rows) == ("Floristería Azahar - GA4", 14)
    rows = stored(con)
    assert rows[:3] == [
        (D(2026, 3, 1), D(2026, 3, 1), "Organic Search", CHANNEL_GROUP, 120, 3.0, 75.0),
        (D(2026, 3, 1), D(2026, 3, 1), "Direct", CHANNEL_GROUP, 80, 2.0, 50.0),
        (D(2026, 3, 1), D(2026, 3, 1), "Organic Social", CHANNEL_GROUP, 45, 1.0, 25.0),
    ]
    assert sum(r[4] for r in rows) == 563
    assert traffic.totals(con, MARCH)["sessions"] == 563
    # Organic Social 45 + 55 and Paid Social 30 + 20: social, of no named network
    assert traffic.totals(con, MARCH)["social_share"] == pytest.approx(150 / 563)
    networks = traffic.by_network(con, MARCH).set_index("network")
    assert networks.loc["other social", "sessions"] == 150
    assert networks.loc["other social", "paid_sessions"] == 50
    assert networks.loc["search", "sessions"] == 220
    assert networks.loc["other", "sessions"] == 3  # Unassigned
    assert traffic.channel_group_sessions(con, MARCH) == 563


def test_sessions_from_social_kpi_counts_the_social_channels(con):
    import_file(con, OWN / "ga4_channel_group_daily.csv")
    assert kpis.value(con, "sessions", kpis.ALL, D(2026, 3, 1), D(2026, 3, 31)) == 150
    assert kpis.value(con, "conversions", kpis.ALL, D(2026, 3, 1), D(2026, 3, 31)) == 4
    assert kpis.value(con, "sessions", "facebook", D(2026, 3, 1), D(2026, 3, 31)) is None


def test_channel_rows_are_no_spelling_to_map_nor_untagged_links(con):
    import_file(con, OWN / "ga4_channel_group_daily.csv")
    assert attribution.unknown_sources(con).empty
    assert traffic.untagged_social(con, MARCH).empty
    assert traffic.untagged_share(con, MARCH) is None


def test_channel_group_without_date_covers_the_range(con):
    result = import_file(con, OWN / "ga4_channel_group_total.csv")
    assert (result.prepared.date_from, result.prepared.date_to) == (D(2026, 3, 1), D(2026, 3, 2))
    rows = stored(con)
    assert rows[0] == (D(2026, 3, 1), D(2026, 3, 2), "Organic Search", CHANNEL_GROUP, 220, 6.0,
                       None)  # fmt: skip
    assert (len(rows), sum(r[4] for r in rows)) == (7, 563)
    assert kpis.value(con, "sessions", kpis.ALL, D(2026, 3, 1), D(2026, 3, 31)) == 150


def test_channel_group_by_date_and_hour_adds_up_each_day(con):
    result = import_file(con, OWN / "ga4_channel_group_hourly.csv")
    assert result.prepared.rows == 4
    assert [r[:5] for r in stored(con)] == [
        (D(2026, 3, 1), D(2026, 3, 1), "Direct", CHANNEL_GROUP, 41),
        (D(2026, 3, 1), D(2026, 3, 1), "Organic Social", CHANNEL_GROUP, 21),
        (D(2026, 3, 2), D(2026, 3, 2), "Direct", CHANNEL_GROUP, 41),
        (D(2026, 3, 2), D(2026, 3, 2), "Organic Social", CHANNEL_GROUP, 21),
    ]


def test_a_source_medium_export_keeps_its_split_by_network(con, sample):
    import_file(con, sample("ga4_traffic_acquisition_source_medium.csv"))
    assert traffic.channel_group_sessions(con, MARCH) is None
    assert con.execute(
        "SELECT count(*) FROM web_traffic WHERE medium = ?", [CHANNEL_GROUP]
    ).fetchone() == (0,)
