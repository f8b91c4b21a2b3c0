"""The demo data: reproducible, committed as generated, and telling the stories the demo shows."""

from __future__ import annotations

import codecs
import csv
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from smdash.db import store
from smdash.imports.pipeline import import_file
from smdash.imports.sniff import EXPORT_SUFFIXES
from tools import demo

COMMITTED = Path(__file__).resolve().parent.parent / "data" / "demo"
FALLAS = (date(2026, 3, 1), date(2026, 3, 19))
AROUND_FALLAS = ((date(2026, 2, 1), date(2026, 2, 28)), (date(2026, 3, 20), date(2026, 4, 16)))
INSTAGRAM_SOURCES = ("ig", "instagram.com", "l.instagram.com")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    demo.generate(out)
    return out


def one(folder: Path, prefix: str) -> Path:
    (path,) = folder.glob(f"{prefix}*")
    return path


def workbook_values(path: Path) -> dict[str, list[list]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def export_names(folder: Path) -> list[str]:
    """The generated export files (the plan's JSON files beside them are written by hand)."""
    return sorted(p.name for p in folder.iterdir() if p.suffix in EXPORT_SUFFIXES)


def assert_same_files(expected: Path, actual: Path) -> None:
    names = export_names(expected)
    assert names == export_names(actual)
    for name in names:
        if name.endswith(".xlsx"):
            assert workbook_values(expected / name) == workbook_values(actual / name), name
        else:
            assert (expected / name).read_bytes() == (actual / name).read_bytes(), name


def ga4_file(path: Path) -> tuple[list[str], list[list[str]]]:
    """(preamble lines, data rows without the header) of a GA4 download."""
    lines = path.read_text(encoding="utf-8").splitlines()
    preamble = [line for line in lines if line.startswith("#")]
    return preamble, list(csv.reader(lines[len(preamble) + 1 :]))


def all_ga4_rows(folder: Path) -> list[list[str]]:
    english = ga4_file(one(folder, "ga4_traffic_acquisition"))[1]
    spanish = ga4_file(one(folder, "ga4_adquisicion_trafico"))[1]
    return [row for row in english if row[0] < "20251201"] + spanish


def daily_sessions(rows: list[list[str]], sources: tuple[str, ...] = ()) -> dict[date, int]:
    sessions: dict[date, int] = defaultdict(int)
    for row in rows:
        if not sources or row[1].split(" / ")[0] in sources:
            day = date(int(row[0][:4]), int(row[0][4:6]), int(row[0][6:]))
            sessions[day] += int(row[3])
    return sessions


def mean_per_day(sessions: dict[date, int], first: date, last: date) -> float:
    days = (last - first).days + 1
    return sum(sessions[first + timedelta(days=i)] for i in range(days)) / days


def meta_series(path: Path) -> list[int]:
    text = path.read_bytes().decode("utf-16")
    return [int(line.split('","')[1].rstrip('"')) for line in text.splitlines()[3:]]


def test_two_runs_write_the_same_files(generated: Path, tmp_path: Path) -> None:
    demo.generate(tmp_path)
    assert_same_files(generated, tmp_path)


def test_the_committed_demo_files_are_a_fresh_generation(generated: Path) -> None:
    assert_same_files(COMMITTED, generated)


def test_ga4_files_cover_the_period_and_overlap_in_december_with_identical_rows(
    generated: Path,
) -> None:
    english_preamble, english = ga4_file(one(generated, "ga4_traffic_acquisition"))
    spanish_preamble, spanish = ga4_file(one(generated, "ga4_adquisicion_trafico"))
    assert "# Start date: 20250501" in english_preamble
    assert "# Fecha de finalización: 20261031" in spanish_preamble
    assert (english[0][0], english[-1][0]) == ("20250501", "20251231")
    assert (spanish[0][0], spanish[-1][0]) == ("20251201", "20261031")
    december = [row for row in english if row[0] >= "20251201"]
    assert len(december) > 500
    assert december == [row for row in spanish if row[0] <= "20251231"]
    days = {row[0] for row in all_ga4_rows(generated)}
    assert len(days) == (demo.END - demo.START).days + 1


def test_ga4_days_have_at_most_thirty_rows(generated: Path) -> None:
    rows_per_day: dict[str, int] = defaultdict(int)
    for row in all_ga4_rows(generated):
        rows_per_day[row[0]] += 1
    counts = rows_per_day.values()
    assert min(counts) >= 10
    assert max(counts) <= 30


def test_fallas_doubles_sessions_and_triples_instagram_visits(generated: Path) -> None:
    rows = all_ga4_rows(generated)
    for sources, factor in (((), 2.0), (INSTAGRAM_SOURCES, 3.0)):
        sessions = daily_sessions(rows, sources)
        around = sum(mean_per_day(sessions, *weeks) for weeks in AROUND_FALLAS) / 2
        assert mean_per_day(sessions, *FALLAS) > factor * around, sources


def test_december_peaks_and_august_dips(generated: Path) -> None:
    sessions = daily_sessions(all_ga4_rows(generated))
    december = mean_per_day(sessions, date(2025, 12, 1), date(2025, 12, 31))
    november = mean_per_day(sessions, date(2025, 11, 1), date(2025, 11, 30))
    assert december > 1.5 * november
    for year in (2025, 2026):
        august = mean_per_day(sessions, date(year, 8, 1), date(year, 8, 31))
        july = mean_per_day(sessions, date(year, 7, 1), date(year, 7, 31))
        september = mean_per_day(sessions, date(year, 9, 1), date(year, 9, 30))
        assert august < 0.75 * min(july, september)


def test_linkedin_visits_come_on_weekdays(generated: Path) -> None:
    sessions = daily_sessions(all_ga4_rows(generated), ("linkedin", "lnkd.in"))
    weekend = sum(v for d, v in sessions.items() if d.weekday() >= 5) / 2
    weekdays = sum(v for d, v in sessions.items() if d.weekday() < 5) / 5
    assert weekend < 0.4 * weekdays


def test_followers_are_the_running_total_of_follows(generated: Path) -> None:
    for network in ("facebook", "instagram"):
        follows = meta_series(one(generated, f"{network}_follows_daily"))
        followers = meta_series(one(generated, f"{network}_followers_daily"))
        assert len(follows) == len(followers) == (demo.END - demo.START).days + 1
        start = followers[0] - follows[0]
        assert followers == [start + sum(follows[: i + 1]) for i in range(len(follows))]
    assert meta_series(one(generated, "instagram_followers_daily"))[-1] > 10_000


def test_meta_daily_files_are_utf16_with_the_meta_preamble(generated: Path) -> None:
    raw = one(generated, "instagram_followers_daily").read_bytes()
    assert raw.startswith(codecs.BOM_UTF16_LE)
    lines = raw.decode("utf-16").split("\r\n")
    assert lines[:4] == ["sep=,", '"Instagram followers"', '"Date","Primary"', lines[3]]
    assert lines[3].startswith('"2025-05-01T00:00:00","')


def test_youtube_total_row_is_the_sum_of_the_videos(generated: Path) -> None:
    rows = list(csv.reader(one(generated, "youtube_table_data").open(encoding="utf-8")))
    total, videos = rows[1], rows[2:]
    assert total[0] == "Total"
    for column in (4, 6, 7):
        assert int(total[column]) == sum(int(v[column]) for v in videos)
    assert round(float(total[5]), 4) == round(sum(float(v[5]) for v in videos), 4)
    assert any(v[0].startswith(" -") for v in videos)


def test_every_demo_file_imports_and_a_second_ga4_import_changes_nothing(
    generated: Path, tmp_path: Path
) -> None:
    with store.connect(tmp_path / "demo.duckdb") as con:
        for path in sorted(generated.iterdir()):
            assert import_file(con, path).prepared.rows > 0, path.name
        again = import_file(con, one(generated, "ga4_traffic_acquisition")).counts
        assert (again.added, again.updated) == (0, 0)
