"""Web analytics by source: GA4 landing pages, Universal Analytics, Matomo, Plausible."""

import datetime as dt
import zipfile
from pathlib import Path

from smdash.imports.pipeline import import_file
from smdash.metrics.summary import summary

OWN = Path(__file__).resolve().parent / "fixtures"
D = dt.date
COLUMNS = "property, date_from, date_to, source, medium, campaign, sessions, conversions, revenue"


def traffic(con):
    return con.execute(f"SELECT {COLUMNS} FROM web_traffic ORDER BY date_from, source").fetchall()


def test_ga4_landing_page_export_adds_up_pages_per_source(con):
    result = import_file(con, OWN / "ga4_landing_page.csv")
    assert result.prepared.format.name == "ga4_traffic_acquisition"
    rows = {row[3]: row[4:] for row in traffic(con)}
    assert rows == {
        "google": ("organic", "", 1200, 12.0, 340.5),
        "instagram": ("social", "", 405, 5.0, 100.25),  # '/carta' and '/' together
        "facebook": ("paid_social", "", 77, 2.0, 40.0),
        "(direct)": ("(none)", "", 12, 0.0, 0.0),
    }
    assert {row[:3] for row in traffic(con)} == {
        ("Forn de la Plaça - GA4", D(2026, 3, 1), D(2026, 3, 31))
    }


def test_universal_analytics_reads_the_first_table_only(con):
    import_file(con, OWN / "ua_source_medium.csv")
    assert traffic(con) == [
        (
            "Universal Analytics",
            D(2023, 1, 1),
            D(2023, 1, 31),
            "(direct)",
            "(none)",
            "",
            141,
            4.0,
            40.0,
        ),
        (
            "Universal Analytics",
            D(2023, 1, 1),
            D(2023, 1, 31),
            "facebook.com",
            "referral",
            "",
            402,
            3.0,
            30.0,
        ),
        (
            "Universal Analytics",
            D(2023, 1, 1),
            D(2023, 1, 31),
            "google",
            "organic",
            "",
            1532,
            23.0,
            230.0,
        ),
    ]  # the totals row (2,075 sessions) and the Day Index table are not data


def test_matomo_utf16_tab_separated_with_decimal_commas(con):
    import_file(con, OWN / "matomo_source_medium.tsv")
    assert traffic(con) == [
        ("matomo", D(2026, 3, 1), D(2026, 3, 1), "facebook", "social", "", 52, 2.0, 35.5),
        ("matomo", D(2026, 3, 1), D(2026, 3, 1), "newsletter", "email", "", 11, 0.0, 0.0),
        ("matomo", D(2026, 3, 2), D(2026, 3, 2), "facebook", "social", "", 38, 1.0, 12.25),
    ]


def test_plausible_sources_prefer_utm_tags(con):
    import_file(con, OWN / "plausible_imported_sources.csv")
    assert traffic(con) == [
        ("plausible", D(2026, 3, 1), D(2026, 3, 1), "(direct)", "(none)", "", 200, None, None),
        ("plausible", D(2026, 3, 1), D(2026, 3, 1), "Facebook", "referral", "", 80, None, None),
        (
            "plausible",
            D(2026, 3, 1),
            D(2026, 3, 1),
            "instagram",
            "social",
            "primavera",
            44,
            None,
            None,
        ),
        ("plausible", D(2026, 3, 2), D(2026, 3, 2), "Facebook", "referral", "", 15, None, None),
    ]


def test_plausible_zip_skips_the_files_that_are_no_export(con, tmp_path):
    path = tmp_path / "plausible-export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(
            OWN / "plausible_imported_sources.csv", "imported_sources_20260301_20260302.csv"
        )
        archive.writestr(
            "imported_browsers_20260301_20260302.csv",
            "date,browser,visitors\n2026-03-01,Firefox,3\n",
        )
    result = import_file(con, path)
    assert result.prepared.skipped == [
        "plausible-export.zip/imported_browsers_20260301_20260302.csv"
    ]
    assert con.execute("SELECT sum(sessions) FROM web_traffic").fetchone() == (339,)


def test_summary_reflects_the_web_imports(con):
    import_file(con, OWN / "matomo_source_medium.tsv")
    import_file(con, OWN / "plausible_imported_sources.csv")
    networks = summary(con, D(2026, 3, 1), D(2026, 3, 31))["networks"]
    assert networks["facebook"]["sessions"] == 52 + 38 + 80 + 15
    assert networks["instagram"]["sessions"] == 44
