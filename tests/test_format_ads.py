"""Ads managers' exports: Meta Ads Manager, LinkedIn Campaign Manager, X Ads, TikTok Ads Manager.

The fixtures in tests/fixtures are shaped like the real exports (see each format module for
what is confirmed and what is not).
"""

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from smdash.imports.errors import ImportFailed
from smdash.imports.pipeline import import_file, undo_import
from smdash.plan import costs

FIXTURES = Path(__file__).resolve().parent / "fixtures"
D = dt.date
COLUMNS = (
    "platform, account, campaign, date_from, date_to, currency, amount, results, result_type, "
    "impressions, clicks"
)


def rows(con) -> list[tuple]:
    return con.execute(f"SELECT {COLUMNS} FROM ad_spend ORDER BY ALL").fetchall()


def test_meta_ads_manager_campaigns(con):
    result = import_file(con, FIXTURES / "meta_ads_campaigns.csv")
    assert result.prepared.format.name == "meta_ads"
    assert (result.prepared.platform, result.prepared.date_from, result.prepared.date_to) == (
        "facebook",
        D(2026, 10, 1),
        D(2026, 10, 31),
    )
    assert rows(con) == [
        ("facebook", "", '=HYPERLINK("http://x")', D(2026, 10, 1), D(2026, 10, 31), "EUR", 0.0,
         None, None, 0, None),  # kept as text; defused only when written to a spreadsheet
        ("facebook", "", "Catering empresas - leads", D(2026, 10, 1), D(2026, 10, 31), "EUR",
         123.5, 12.0, "actions:onsite_conversion.lead_grouped", 14980, None),
        ("facebook", "", "Roscón de Reyes - pedidos", D(2026, 10, 1), D(2026, 10, 31), "EUR",
         300.0, 42.0, "actions:offsite_conversion.fb_pixel_purchase", 52310, None),
    ]  # fmt: skip
    assert costs.total_spend(con, D(2026, 10, 1), D(2026, 10, 31)) == 423.5


def test_meta_ads_in_spanish_by_day_and_platform(con):
    import_file(con, FIXTURES / "meta_ads_daily_platform_es.csv")
    got = con.execute(
        "SELECT platform, date_from, date_to, amount, results FROM ad_spend ORDER BY ALL"
    ).fetchall()
    assert got == [
        ("facebook", D(2026, 10, 1), D(2026, 10, 1), 4.5, 1.0),
        ("facebook", D(2026, 10, 2), D(2026, 10, 2), 1.0, 0.0),  # audience_network counts as FB
        ("instagram", D(2026, 10, 1), D(2026, 10, 1), 6.25, 2.0),
        ("instagram", D(2026, 10, 2), D(2026, 10, 2), 7.75, 3.0),
    ]


def test_meta_ads_xlsx_export(con, tmp_path):
    with (FIXTURES / "meta_ads_campaigns.csv").open(encoding="utf-8") as source:
        table = list(csv.reader(source))
    book = Workbook()
    for row in table:
        if not row[2].startswith("="):  # openpyxl would write it as a formula
            book.active.append(row)
    path = tmp_path / "Forn-Campaigns-Oct-1-2026-Oct-31-2026.xlsx"
    book.save(path)
    assert import_file(con, path).prepared.format.name == "meta_ads_xlsx"
    assert con.execute("SELECT sum(amount) FROM ad_spend").fetchone()[0] == 423.5


def test_meta_ads_manager_xlsx_at_ad_level_in_hryvnias(con):
    # no Campaign name: the ads of one ad set are added up; the totals row (names empty) is not
    # a campaign; 'Amount spent (UAH)' gives the currency
    result = import_file(con, FIXTURES / "meta_ads_ad_level_uah.xlsx")
    assert (result.prepared.format.name, result.prepared.rows) == ("meta_ads_xlsx", 2)
    assert rows(con) == [
        ("facebook", "", "Kyiv - mujeres 25-45", D(2025, 11, 1), D(2025, 11, 30), "UAH", 10615.0,
         50.0, "actions:link_click", 87000, 1060),
        ("facebook", "", "Lviv - todos", D(2025, 11, 1), D(2025, 11, 30), "UAH", 1835.75, 7.0,
         "actions:link_click", 11000, 150),
    ]  # fmt: skip
    # the file's totals row says 12,450.75
    assert costs.total_spend(con, D(2025, 11, 1), D(2025, 11, 30)) == 12450.75


def test_meta_ads_reporting_raw_data_report_by_region_and_month(con):
    result = import_file(con, FIXTURES / "meta_ads_raw_data_report.xlsx")
    assert result.prepared.parts[0].source == "meta_ads_raw_data_report.xlsx [Raw Data Report]"
    # regions added up; 'Month' = '2024-03-01 - 2024-03-11' is the span
    assert rows(con) == [
        ("facebook", "", "", D(2024, 2, 1), D(2024, 2, 29), "USD", 450.0, None, None, 61000,
         790),
        ("facebook", "", "", D(2024, 3, 1), D(2024, 3, 11), "USD", 200.75, None, None, 24800,
         330),
    ]  # fmt: skip


def test_linkedin_campaign_manager_report(con):
    result = import_file(con, FIXTURES / "linkedin_ads_campaign_performance.csv")
    assert result.prepared.format.name == "linkedin_ads"
    assert rows(con) == [
        ("linkedin", "Forn de la Plaça", "Catering empresas - leads", D(2026, 10, 1),
         D(2026, 10, 1), "EUR", 41.2, 2.0, "leads", 2210, 19),
        ("linkedin", "Forn de la Plaça", "Catering empresas - leads", D(2026, 10, 2),
         D(2026, 10, 2), "EUR", 38.8, 1.0, "leads", 2050, 17),
        ("linkedin", "Forn de la Plaça", "Marca empleadora", D(2026, 10, 2), D(2026, 10, 2),
         "EUR", 20.0, 0.0, "conversions", 1800, 8),
    ]  # fmt: skip


def test_x_ads_campaigns_with_range_and_day(con):
    assert import_file(con, FIXTURES / "x_ads_campaigns.csv").prepared.format.name == "x_ads"
    assert rows(con) == [
        ("x", "Forn de la Plaça - Visa", "Fallas 2026 - buñuelos", D(2026, 3, 1), D(2026, 3, 19),
         "EUR", 95.4, 380.0, "Link clicks", 40210, 380),
        ("x", "Forn de la Plaça - Visa", "Roscón de Reyes", D(2026, 10, 5), D(2026, 10, 5),
         "EUR", 12.6, 52.0, "Link clicks", 5100, 52),
    ]  # fmt: skip
    # 95.40 over the 19 days of Fallas: 1-10 March hold 10 of them
    assert costs.total_spend(con, D(2026, 3, 1), D(2026, 3, 10)) == pytest.approx(50.21)


def test_tiktok_ads_manager_by_day(con):
    assert import_file(con, FIXTURES / "tiktok_ads_campaigns.csv").prepared.format.name == (
        "tiktok_ads"
    )
    assert rows(con) == [
        ("tiktok", "", "Recetas semanales", D(2026, 10, 1), D(2026, 10, 1), "EUR", 1234.5, 35.0,
         "results", 199113, 3011),
        ("tiktok", "", "Recetas semanales", D(2026, 10, 2), D(2026, 10, 2), "EUR", 15.5, 1.0,
         "results", 2541, 39),
    ]  # fmt: skip


def test_reimport_changes_nothing_and_undo_removes_the_spend(con):
    first = import_file(con, FIXTURES / "linkedin_ads_campaign_performance.csv")
    again = import_file(con, FIXTURES / "linkedin_ads_campaign_performance.csv")
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 3)
    undo_import(con, again.import_id)
    assert len(rows(con)) == 3
    undo_import(con, first.import_id)
    assert rows(con) == []
    assert not costs.has_costs(con)


def test_an_ads_export_without_an_amount_column_is_not_recognised(con, tmp_path):
    path = tmp_path / "meta_no_amount.csv"
    path.write_text(
        "Reporting starts,Reporting ends,Campaign name,Results\n2026-10-01,2026-10-31,Roscón,4\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    assert caught.value.code == "unknown_format"
    assert rows(con) == []
