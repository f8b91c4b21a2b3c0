"""Exports smdash knows but does not import are refused with a message that says what the file
is and which export to download instead (smdash/imports/refusals.py)."""

from pathlib import Path

import pytest
from conftest import smdash

from smdash.imports.errors import ImportFailed
from smdash.imports.pipeline import import_file

REFUSED = Path(__file__).resolve().parent / "fixtures" / "refused"
CASES = {
    "meta_audience.csv": "refused_audience",
    "tiktok_follower_gender.csv": "refused_audience",
    "tiktok_viewers.csv": "refused_tiktok_viewers",
    "ga4_reports_snapshot.csv": "refused_ga4_snapshot",
    "ga4_events.csv": "refused_ga4_events",
    "ga4_cities.csv": "refused_ga4_audience",
}
GA4_INSTEAD = (
    "smdash imports posts, daily figures and traffic: download GA4 > Reports > Acquisition > "
    "Traffic acquisition, dimension Session source / medium (add Date for daily figures) > "
    "Share > Download file > CSV."
)


def refused(con, path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    return caught.value


@pytest.mark.parametrize(("name", "code"), CASES.items())
def test_each_known_export_is_refused_for_what_it_is(con, snapshot, name, code):
    before = snapshot(con)
    failed = refused(con, REFUSED / name)
    assert failed.code == code
    assert failed.message("en").startswith(f"{name} is ")
    assert "smdash imports posts, daily figures and traffic" in failed.message("en")
    assert "smdash importa publicaciones, cifras diarias y tráfico" in failed.message("es")
    assert snapshot(con) == before


def test_an_audience_breakdown_names_itself_and_what_to_download(con):
    assert refused(con, REFUSED / "meta_audience.csv").message("en") == (
        "meta_audience.csv is an audience breakdown (age, gender, places or jobs of the "
        "followers or viewers): smdash imports posts, daily figures and traffic. Download the "
        "account's posts or its daily overview instead; the Import page lists each export and "
        "where to download it."
    )


def test_ga4_reports_say_which_ga4_report_to_download(con):
    snapshot_message = refused(con, REFUSED / "ga4_reports_snapshot.csv").message("en")
    assert snapshot_message == (
        "ga4_reports_snapshot.csv is a Google Analytics 4 Reports snapshot: several small "
        f"summary tables, none of them traffic by source. {GA4_INSTEAD}"
    )
    assert refused(con, REFUSED / "ga4_events.csv").message("en").endswith(GA4_INSTEAD)
    cities = refused(con, REFUSED / "ga4_cities.csv").message("es")
    assert cities.startswith("ga4_cities.csv es un informe de Google Analytics 4 por ciudad")


def test_tiktok_viewers_points_to_the_overview(con):
    message = refused(con, REFUSED / "tiktok_viewers.csv").message("en")
    assert message.startswith("tiktok_viewers.csv is TikTok Studio's viewers export")
    assert "TikTok Studio > Analytics > Overview > Download data" in message


@pytest.mark.parametrize(
    "text", ["Fruit,Colour\napple,red\n", "Country,Orders,Revenue\nSpain,12,340.5\n"]
)
def test_a_file_of_no_known_kind_is_still_unknown(con, tmp_path, text):
    # figures by country that are no audience share stay a file the user may map
    path = tmp_path / "notes.csv"
    path.write_text(text, encoding="utf-8")
    assert refused(con, path).code == "unknown_format"


def test_the_cli_refuses_each_with_its_message(db_path):
    done = smdash("import", "--db", db_path, REFUSED)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert "tiktok_viewers.csv: ERROR tiktok_viewers.csv is TikTok Studio's viewers export" in (
        "\n".join(lines)
    )
    assert sum(": ERROR " in line for line in lines) == len(CASES)
