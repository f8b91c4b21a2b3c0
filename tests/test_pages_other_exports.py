"""The Import page with issue 13's other shapes: each previewed as it will be stored, the
refused ones explained, every supported export listed with where to download it."""

from pathlib import Path

import pytest
from page_support import texts
from signin_support import signed_in

from smdash.db import store
from smdash.imports.formats import all_formats

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CREATOR = "Content_2026-03-01_2026-03-05_Marta López.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# file -> per part (account, dates, rows) as the preview's metrics show them
PREVIEWS = {
    "youtube_table_top500.csv": [("—", "2025-04-11 – 2025-06-02", "3")],
    "youtube_chart_subscription.csv": [("—", "2025-06-12 – 2025-06-14", "3")],
    "youtube_totals_month_first.csv": [("—", "2022-01-01 – 2022-01-13", "4")],
    "x_post_analytics_2025.csv": [("FloristeriaAzhr", "2025-02-13 – 2025-02-17", "2")],
    "x_tweet_activity_resaved.csv": [("FloristeriaAzhr", "2015-09-30 – 2015-10-02", "2")],
    "ga4_channel_group_daily.csv": [("Floristería Azahar - GA4", "2026-03-01 – 2026-03-02", "14")],
    "ga4_channel_group_hourly.csv": [("Floristería Azahar - GA4", "2026-03-01 – 2026-03-02", "4")],
    "meta_ads_ad_level_uah.xlsx": [("—", "2025-11-01 – 2025-11-30", "2")],
    "meta_ads_raw_data_report.xlsx": [("—", "2024-02-01 – 2024-03-11", "2")],
    CREATOR: [
        ("Marta López", "2026-03-01 – 2026-03-05", "10"),
        ("Marta López", "2026-03-01 – 2026-03-05", "6"),
    ],
}


@pytest.fixture
def import_page(db_path, start_app, tmp_path):
    at = start_app(None, signed_in(db_path))
    return at.switch_page("pages/import_data.py").run()


def upload(at, path: Path):
    kind = XLSX if path.suffix == ".xlsx" else "text/csv"
    at.file_uploader[0].set_value((path.name, path.read_bytes(), kind)).run()
    assert not at.exception
    return at


def previewed(at) -> list[tuple[str, str, str]]:
    values = [m.value for m in at.metric]
    return [tuple(values[i : i + 3]) for i in range(0, len(values), 3)]


@pytest.mark.parametrize("name", PREVIEWS)
def test_each_shape_is_previewed_as_it_will_be_stored(import_page, name):
    at = upload(import_page, FIXTURES / name)
    assert not at.error
    assert previewed(at) == PREVIEWS[name]


def test_the_creator_workbook_imports_from_the_page(import_page, db_path):
    at = upload(import_page, FIXTURES / CREATOR)
    at.button(key="confirm_import").click().run()
    assert not at.exception
    shown = CREATOR.replace("_", "\\_")  # the file name is shown as plain text
    assert texts(at.success) == [f"{shown}: 16 added, 0 updated, 0 unchanged."]
    with store.connect(db_path) as con:
        assert con.execute(
            "SELECT sum(value) FROM account_daily WHERE account = 'Marta López' "
            "AND metric = 'impressions'"
        ).fetchone() == (2842.0,)


def test_a_refused_export_says_what_it_is_and_offers_no_mapping(import_page, db_path):
    at = upload(import_page, FIXTURES / "refused" / "tiktok_viewers.csv")
    # the file name escaped once for Markdown (shown as 'tiktok_viewers.csv'), the hint as is
    assert texts(at.error) == [
        "tiktok\\_viewers.csv was not imported: tiktok\\_viewers.csv is TikTok Studio's "
        "viewers export (total, new and returning viewers): an audience breakdown. smdash imports "
        "posts, daily figures and traffic: download TikTok Studio > Analytics > Overview > "
        "Download data for the account's figures by day, or Analytics > Content for each post."
    ]
    assert not [b for b in at.button if b.key == "confirm_import"]
    assert not at.selectbox  # no column mapping for a file smdash knows
    with store.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_the_page_lists_every_supported_export_with_where_to_download_it(import_page):
    listed = import_page.dataframe[0].value
    assert listed.columns.tolist() == ["Export", "Where to download it"]
    labels = list(dict.fromkeys(f.label["en"] for f in all_formats()))
    assert listed["Export"].tolist() == labels  # a CSV and an XLSX of one export: listed once
    assert all(where.strip() for where in listed["Where to download it"])
    shown = dict(zip(listed["Export"], listed["Where to download it"], strict=True))
    assert (
        "Content_<from>_<to>_<Name>.xlsx"
        in shown["LinkedIn profile (creator analytics): impressions and engagements by day"]
    )
    assert (
        "Subscription status"
        in shown[
            "YouTube channel views by day, split by subscription status (YouTube Studio, "
            "Chart data.csv)"
        ]
    )
