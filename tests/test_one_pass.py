"""The one-pass import (``parse.one_pass_query``) against the careful path (``load_raw`` ->
``parse_fields`` -> stage): where the one pass stages a file, its rows are exactly the careful
path's; where a file holds something the careful path refuses, the import is refused with the
careful path's message (file, row, column) and the database is left as it was."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from smdash.db import store
from smdash.imports import parse, pipeline
from smdash.imports.errors import ImportFailed
from tools.bench import GA4_HEADER  # the GA4 download's columns

REPO = Path(__file__).resolve().parents[1]
OWN = Path(__file__).resolve().parent / "fixtures"
DEMO_CSVS = sorted((REPO / "data" / "demo").glob("*.csv"))
OWN_CSVS = sorted([*OWN.glob("*.csv"), *OWN.glob("*.tsv")])
SAMPLE_CSVS = [
    "ga4_traffic_acquisition_source_medium.csv",
    "meta_facebook_posts.csv",
    "meta_instagram_posts.csv",
    "meta_facebook_follows_daily.csv",
    "x_tweet_activity.csv",
    "youtube_table_data.csv",
    "tiktok_content.csv",
]
# plain exports the one pass must stage itself (else the comparison would prove nothing)
ONE_PASS_FILES = {
    "ga4_traffic_acquisition_source_medium.csv",
    "meta_facebook_posts.csv",
    "meta_instagram_posts.csv",
    "meta_facebook_follows_daily.csv",  # UTF-16 with a 'sep=,' line
    "tiktok_content.csv",
    "ga4_adquisicion_trafico_20251201_20261031.csv",
    "ga4_traffic_acquisition_20250501_20251231.csv",
    "facebook_posts_20250501_20261031.csv",
    "facebook_follows_daily_20250501_20261031.csv",
    "instagram_publicaciones_20250501_20261031.csv",
    "tiktok_content_20250501_20261031.csv",
    # issue 13's other shapes (tests/fixtures/make_more_exports.py)
    "youtube_chart_subscription.csv",
    "youtube_totals_day_first.csv",
    "youtube_totals_month_first.csv",
    "x_post_analytics_2025.csv",
    "x_tweet_activity_resaved.csv",
    "ga4_channel_group_daily.csv",
    "ga4_channel_group_total.csv",
    "ga4_channel_group_hourly.csv",
    # Meta exports with rows left out (counted in the file), a tab-separated series, and files
    # read from a copy whose lines all end in LF (tests/fixtures/make_meta_fixtures.py)
    "meta_instagram_posts_2025.csv",
    "meta_instagram_posts_es_2025.csv",
    "meta_facebook_videos.csv",
    "meta_daily_tab.csv",
    "meta_daily_seguidores_es.csv",
    "ga4_mixed_line_ends.csv",
    "ga4_cr_line_ends.csv",
}

BEYOND_THE_SAMPLE = {"ga4_adquisicion_trafico_20251201_20261031.csv"}

# ---------------------------------------------------------------------------------------------
# running one file both ways


def refusal(failed: ImportFailed) -> tuple:
    return ("refused", failed.code, failed.params, failed.message("en"))


def staged(con, prepared: pipeline.Prepared) -> list[dict]:
    """Everything ``prepare`` found, each part with its staged rows in a stable order."""
    parts = []
    for part in prepared.parts:
        fmt = part.format
        ordered = not fmt.sums_duplicates and "GROUP BY" not in fmt.rows_sql.upper()
        parts.append(
            {
                "format": fmt.name,
                "source": part.source,
                "stage": part.stage,
                # string_agg(DISTINCT ...) lists several in no set order, either way
                "platform": sorted(part.platform.split(", ")),
                "account": sorted(part.account.split(", ")),
                "dates": (part.date_from, part.date_to),
                "rows": part.rows,
                "skipped": (part.skipped, part.skip_reason),  # rows left out on purpose
                "columns": con.execute(f"DESCRIBE {part.stage}").fetchall(),
                "staged": con.execute(f"SELECT * FROM {part.stage} ORDER BY ALL").fetchall(),
                # the Import page shows the first rows: the same ones, unless grouped
                "preview": part.preview.to_csv(index=False) if ordered else None,
            }
        )
    return [{"file": prepared.file_name, "skipped": prepared.skipped}, *parts]


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory) -> Path:
    """A database file with smdash's schema and nothing else, made once (migrating takes long)."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    with store.connect(path):
        pass
    return path


@pytest.fixture
def fresh_database(empty_database, tmp_path):
    """``with fresh_database() as con``: a new copy of the empty database, opened as smdash
    opens its file."""
    copies = itertools.count()

    @contextmanager
    def open_copy():
        copy = tmp_path / f"fresh-{next(copies)}.duckdb"
        shutil.copyfile(empty_database, copy)
        with store.connect(copy) as con:
            yield con

    return open_copy


@pytest.fixture
def both_ways(monkeypatch, fresh_database):
    """``compare(path)`` -> (one pass, careful, answers): what ``prepare`` gives as smdash runs
    (the one pass where it can) and with the one pass switched off, each on a fresh database;
    ``answers``: what ``_staged_in_one_pass`` returned, once per part."""
    real = pipeline._staged_in_one_pass

    def run(path: Path, one_pass: bool) -> tuple:
        answers: list[bool] = []

        def recorded(*args, **kwargs) -> bool:
            answers.append(real(*args, **kwargs))
            return answers[-1]

        with monkeypatch.context() as patch:
            patch.setattr(
                pipeline,
                "_staged_in_one_pass",
                recorded if one_pass else lambda *args, **kwargs: False,
            )
            with fresh_database() as con:
                try:
                    found = staged(con, pipeline.prepare(con, path, isolated=False))
                except ImportFailed as failed:
                    found = refusal(failed)
        return found, answers

    def compare(path: Path) -> tuple:
        fast, answers = run(path, one_pass=True)
        careful, _ = run(path, one_pass=False)
        return fast, careful, answers

    return compare


@pytest.fixture
def imports_alike(monkeypatch, snapshot, fresh_database):
    """``check(con, path)``: ``import_file`` as smdash runs gives what it gives with the careful
    path only (on a fresh database): the same counts and rows, or the same refusal, after which
    ``con`` holds what it held. Returns the refusal, or None."""

    def careful_import(path: Path) -> tuple:
        with monkeypatch.context() as patch:
            patch.setattr(pipeline, "_staged_in_one_pass", lambda *args, **kwargs: False)
            with fresh_database() as other:
                try:
                    result = pipeline.import_file(other, path, isolated=False)
                except ImportFailed as failed:
                    return refusal(failed)
                return result.counts, _target_rows(other, result)

    def check(con, path: Path):
        expected = careful_import(path)
        before = snapshot(con)
        try:
            result = pipeline.import_file(con, path, isolated=False)
        except ImportFailed as failed:
            assert refusal(failed) == expected
            assert snapshot(con) == before
            return failed
        assert (result.counts, _target_rows(con, result)) == expected
        return None

    return check


def _target_rows(con, result: pipeline.ImportResult) -> list[tuple]:
    table = result.prepared.format.target.name
    return con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall()


# ---------------------------------------------------------------------------------------------
# 1. every real export: the same staged rows both ways


def _check_alike(both_ways, path: Path, name: str) -> None:
    fast, careful, answers = both_ways(path)
    assert fast == careful
    if name in ONE_PASS_FILES:
        assert answers == [True], f"{name} did not take the one pass"
    if name in BEYOND_THE_SAMPLE:  # the one pass checked rows it did not decide on
        assert fast[1]["rows"] > parse.SAMPLE_ROWS


@pytest.mark.parametrize("name", SAMPLE_CSVS)
def test_shared_exports_stage_the_same_rows_both_ways(both_ways, sample, name):
    _check_alike(both_ways, sample(name), name)


@pytest.mark.parametrize("path", DEMO_CSVS, ids=lambda p: p.name)
def test_demo_exports_stage_the_same_rows_both_ways(both_ways, path):
    _check_alike(both_ways, path, path.name)


@pytest.mark.parametrize("path", OWN_CSVS, ids=lambda p: p.name)
def test_own_fixtures_stage_the_same_rows_both_ways(both_ways, path):
    _check_alike(both_ways, path, path.name)


def test_a_csv_inside_a_zip_stages_the_same_rows_both_ways(both_ways, sample, tmp_path):
    archive = tmp_path / "exports.zip"
    with zipfile.ZipFile(archive, "w") as out:
        name = "ga4_traffic_acquisition_source_medium.csv"
        out.write(sample(name), name)
    fast, careful, answers = both_ways(archive)
    assert answers == [True]
    assert fast == careful


# ---------------------------------------------------------------------------------------------
# 2. generated GA4 downloads where a row after the first ones holds something new

ROWS = 60
SAMPLE = 20  # parse.SAMPLE_ROWS for these files
LATER = 45  # a row (0-based) well after the sample
IN_SAMPLE = 5
GA4_PREAMBLE = [
    "# ----------------------------------------",
    "# Traffic acquisition: Session source / medium",
    "# Account: Librería La Nau",
    "# Property: Librería La Nau - GA4",
    "# ----------------------------------------",
    "# ",
    "# All Users",
    "# Start date: 20260301",
    "# End date: 20260331",
]
SOURCES = ["facebook / social", "ig / social", "fb / paid_social", "google / organic", "(direct)"]


def line_of(row: int) -> int:
    """The line number (what a refusal names) of data row ``row`` (0-based) of a GA4 file."""
    return len(GA4_PREAMBLE) + 2 + row


def ga4_rows(rows: int = ROWS) -> list[list[str]]:
    """Rows of plain figures: whole numbers, except rates and times with a decimal point."""
    first = dt.date(2026, 3, 1)
    return [
        [
            (first + dt.timedelta(days=i // len(SOURCES))).strftime("%Y%m%d"),
            SOURCES[i % len(SOURCES)],
            "(organic)",
            str(40 + i),
            str(20 + i % 7),
            "0.5",
            "12.50",
            str(100 + i),
            str(i % 3),
            "0.025",
            str(i * 3),  # revenue: whole amounts
        ]
        for i in range(rows)
    ]


def write_ga4(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(GA4_PREAMBLE) + "\n")
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(GA4_HEADER)
        writer.writerows(rows)
    return path


def edited(edits: dict[int, dict[str, str]]) -> list[list[str]]:
    rows = ga4_rows()
    for row, cells in edits.items():
        for column, value in cells.items():
            rows[row][GA4_HEADER.index(column)] = value
    return rows


@pytest.fixture
def small_sample(monkeypatch):
    monkeypatch.setattr(parse, "SAMPLE_ROWS", SAMPLE)
    return SAMPLE


def _one_way(both_ways, path: Path) -> tuple:
    """The outcome, once both ways agree on it, and whether the one pass staged the file."""
    fast, careful, answers = both_ways(path)
    assert fast == careful
    assert len(answers) == 1
    return careful, answers[0]


def _values(outcome, column: str) -> list:
    part = outcome[1]
    names = [c[0] for c in part["columns"]]
    return [row[names.index(column)] for row in part["staged"]]


def test_a_clean_generated_file_takes_the_one_pass(
    both_ways, imports_alike, small_sample, con, tmp_path
):
    path = write_ga4(tmp_path / "ga4.csv", ga4_rows())
    outcome, one_pass = _one_way(both_ways, path)
    assert one_pass
    assert outcome[1]["rows"] == ROWS
    assert imports_alike(con, path) is None


def test_the_small_sample_is_what_the_one_pass_decides_on(both_ways, small_sample, tmp_path):
    # a comma decimal inside the sample is seen there: one pass, read as the careful path does
    rows = edited({IN_SAMPLE: {"Total revenue": "12,5"}})
    outcome, one_pass = _one_way(both_ways, write_ga4(tmp_path / "ga4.csv", rows))
    assert one_pass
    assert 12.5 in _values(outcome, "revenue")


# edits -> (whether the one pass stages the file, what both read in the LATER row's fields)
ACCEPTED = {
    "comma decimal after plain integers": (
        {LATER: {"Total revenue": "12,5"}},
        False,
        {"revenue": 12.5},
    ),
    "grouped comma decimal after plain integers": (
        {LATER: {"Total revenue": "1.234,56"}},
        False,
        {"revenue": 1234.56},
    ),
    "a dot decimal after comma decimals": (
        {IN_SAMPLE: {"Total revenue": "12,5"}, LATER: {"Total revenue": "0.5"}},
        False,  # both marks: '.' is the decimal mark (and '12,5' reads as 125)
        {"revenue": 0.5},
    ),
    "abbreviated count after plain counts": (
        {LATER: {"Sessions": "1.2K"}},
        False,
        {"sessions": 1200},
    ),
    "abbreviated count with a comma": (
        {LATER: {"Sessions": "3,4 M"}},
        False,
        {"sessions": 3_400_000},
    ),
    "grouped count in the sample and later": (
        {IN_SAMPLE: {"Sessions": "1.234"}, LATER: {"Sessions": "2.345"}},
        True,
        {"sessions": 2345},
    ),
    "comma-grouped count later": (
        {LATER: {"Sessions": "1,234"}},
        True,  # "," grouping thousands is no evidence either way: a count reads it as a group
        {"sessions": 1234},
    ),
    "placeholders in optional counts": (
        {LATER: {"Engaged sessions": "--", "Key events": ""}},
        True,
        {"engaged_sessions": None, "conversions": None},
    ),
    # the CSV reader reads plain-number columns itself and refuses what it would not read
    "a placeholder in a number column of plain numbers": (
        {LATER: {"Total revenue": "n/a"}},
        False,
        {"revenue": None},
    ),
    "money signs and spaces": (
        {LATER: {"Total revenue": "€ 1 234"}},
        False,
        {"revenue": 1234.0},
    ),
    "money signs and spaces in the sample too": (
        {IN_SAMPLE: {"Total revenue": "€ 5"}, LATER: {"Total revenue": "€ 1 234"}},
        True,
        {"revenue": 1234.0},
    ),
}
# edits -> the careful path's refusal: (code, row of the edits, column, the cell)
REFUSED = {
    "grouped count in the sample, then a dot decimal": (
        {IN_SAMPLE: {"Sessions": "1.234"}, LATER: {"Sessions": "0.5"}},
        ("bad_value", IN_SAMPLE, "Sessions", "1.234"),
    ),
    "both after the sample": (
        {LATER: {"Sessions": "1.234"}, LATER + 3: {"Sessions": "0.5"}},
        ("bad_value", LATER, "Sessions", "1.234"),
    ),
    "a decimal in a count": (
        {LATER: {"Sessions": "12.5"}},
        ("bad_value", LATER, "Sessions", "12.5"),
    ),
    "a month that does not exist": (
        {LATER: {"Date": "20261345"}},
        ("bad_value", LATER, "Date", "20261345"),
    ),
    "a date in another format": (
        {LATER: {"Date": "2026-13-45"}},
        ("bad_value", LATER, "Date", "2026-13-45"),
    ),
    "a date in the other accepted format": (
        {LATER: {"Date": "2026-03-09"}},
        ("bad_value", LATER, "Date", "2026-03-09"),
    ),
    "text in a required count": (
        {LATER: {"Sessions": "abc"}},
        ("bad_value", LATER, "Sessions", "abc"),
    ),
    "text in an optional count": (
        {LATER: {"Engaged sessions": "abc"}},
        ("bad_value", LATER, "Engaged sessions", "abc"),
    ),
    "text in a number": (
        {LATER: {"Total revenue": "abc"}},
        ("bad_value", LATER, "Total revenue", "abc"),
    ),
    "an empty required count": (
        {LATER: {"Sessions": ""}},
        ("missing_value", LATER, "Sessions", ""),
    ),
    "a placeholder in a required count": (
        {LATER: {"Sessions": "n/a"}},
        ("bad_value", LATER, "Sessions", "n/a"),
    ),
    "the first of two refusals": (
        {LATER: {"Total revenue": "abc"}, LATER + 5: {"Sessions": ""}},
        ("bad_value", LATER, "Total revenue", "abc"),
    ),
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_a_later_row_read_alike(both_ways, imports_alike, small_sample, con, tmp_path, case):
    edits, one_pass, expected = ACCEPTED[case]
    path = write_ga4(tmp_path / "ga4.csv", edited(edits))
    outcome, took_one_pass = _one_way(both_ways, path)
    assert outcome[0] != "refused", outcome
    assert took_one_pass == one_pass
    later = ga4_rows()[LATER]
    part = outcome[1]
    names = [c[0] for c in part["columns"]]
    row = next(
        r
        for r in part["staged"]
        if r[names.index("date_from")].strftime("%Y%m%d") == later[0]
        and f"{r[names.index('source')]} / {r[names.index('medium')]}".strip(" /") == later[1]
    )
    assert {column: row[names.index(column)] for column in expected} == expected
    assert imports_alike(con, path) is None


@pytest.mark.parametrize("case", REFUSED)
def test_a_later_row_refused_alike(both_ways, imports_alike, small_sample, con, tmp_path, case):
    edits, (code, row, column, found) = REFUSED[case]
    path = write_ga4(tmp_path / "ga4.csv", edited(edits))
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert outcome[0] == "refused"
    params = outcome[2]
    assert (outcome[1], params["file"], params["row"], params["column"], params["found"]) == (
        code,
        "ga4.csv",
        line_of(row),
        column,
        found,
    )
    failed = imports_alike(con, path)
    assert failed is not None and failed.code == code


def test_a_short_row_after_the_sample_is_refused_with_its_line(
    both_ways, imports_alike, small_sample, con, tmp_path
):
    rows = ga4_rows()
    rows[LATER] = rows[LATER][:4]
    path = write_ga4(tmp_path / "ga4.csv", rows)
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert outcome[:2] == ("refused", "csv_shape")
    assert imports_alike(con, path).code == "csv_shape"


def test_semicolon_files_follow_the_comma_hint_until_a_dot_decimal_shows(
    both_ways, imports_alike, small_sample, con, tmp_path
):
    # ';' files suggest a decimal comma: '1.234' in the sample is 1234 ... until '0.5' shows
    # that '.' is the decimal mark, and the careful path reads 1.234
    rows = edited({IN_SAMPLE: {"Total revenue": "1.234"}, LATER: {"Total revenue": "0.5"}})
    path = write_ga4(tmp_path / "ga4.csv", rows, delimiter=";")
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert 1.234 in _values(outcome, "revenue")
    assert imports_alike(con, path) is None


def test_utf16_daily_series_after_the_sample(both_ways, imports_alike, small_sample, con, tmp_path):
    first = dt.date(2026, 3, 1)
    values = [str(10 + i) for i in range(ROWS)]
    values[LATER] = "12,5"
    lines = ["sep=,", '"Facebook follows"', '"Date","Primary"'] + [
        f'"{(first + dt.timedelta(days=i)).isoformat()}T00:00:00","{v}"'
        for i, v in enumerate(values)
    ]
    path = tmp_path / "follows.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-16")
    outcome, took_one_pass = _one_way(both_ways, path)
    assert outcome[1]["format"] == "meta_daily_series"
    assert not took_one_pass
    assert 12.5 in _values(outcome, "value")
    assert imports_alike(con, path) is None


# ---------------------------------------------------------------------------------------------
# 3. dates the first rows cannot settle


def facebook_posts(sample, path: Path, times: list[str]) -> Path:
    with sample("meta_facebook_posts.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, template, *_ = list(csv.reader(handle))
    at = header.index("Publish time")
    rows = []
    for i, time in enumerate(times):
        row = list(template)
        row[header.index("Post ID")] = str(2636663731674502 + i)
        row[at] = time
        rows.append(row)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    return path


def ambiguous_times(rows: int = ROWS) -> list[str]:
    """Times that both 'month/day' and 'day/month' read, differently."""
    return [f"{1 + i % 12:02d}/{1 + (i * 5 + 1) % 12:02d}/2026 1{i % 10}:30" for i in range(rows)]


def published(outcome) -> list[dt.datetime]:
    return sorted(_values(outcome, "published_at"))


def test_day_month_dates_the_sample_cannot_settle(
    both_ways, imports_alike, sample, small_sample, con, tmp_path
):
    times = ambiguous_times()
    times[LATER] = "24/03/2026 17:30"  # only day/month reads this one
    path = facebook_posts(sample, tmp_path / "posts.csv", times)
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert dt.datetime(2026, 3, 24, 17, 30) in published(outcome)
    assert dt.datetime(2026, 2, 1, 10, 30) in published(outcome)  # '01/02/2026 10:30'
    assert imports_alike(con, path) is None


def test_month_day_dates_the_sample_cannot_settle(both_ways, sample, small_sample, tmp_path):
    times = ambiguous_times()
    times[LATER] = "03/24/2026 17:30"
    path = facebook_posts(sample, tmp_path / "posts.csv", times)
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert dt.datetime(2026, 1, 2, 10, 30) in published(outcome)  # '01/02/2026 10:30'


def test_dates_nothing_settles_are_refused_alike(
    both_ways, imports_alike, sample, small_sample, con, tmp_path
):
    path = facebook_posts(sample, tmp_path / "posts.csv", ambiguous_times())
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert outcome[:2] == ("refused", "ambiguous_dates")
    assert outcome[2]["column"] == "Publish time"
    assert imports_alike(con, path).code == "ambiguous_dates"


def test_dates_both_formats_read_alike_are_accepted(both_ways, sample, small_sample, tmp_path):
    times = [f"{1 + i % 12:02d}/{1 + i % 12:02d}/2026 10:{i:02d}" for i in range(ROWS)]
    path = facebook_posts(sample, tmp_path / "posts.csv", times)
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert outcome[1]["rows"] == ROWS


def test_a_later_date_the_sample_format_cannot_read(
    both_ways, imports_alike, sample, small_sample, con, tmp_path
):
    times = ambiguous_times()
    times[IN_SAMPLE] = "03/24/2026 17:30"  # the sample settles month/day ...
    times[LATER] = "24/03/2026 17:30"  # ... which cannot read this one
    path = facebook_posts(sample, tmp_path / "posts.csv", times)
    outcome, took_one_pass = _one_way(both_ways, path)
    assert not took_one_pass
    assert outcome[:2] == ("refused", "bad_value")
    assert (outcome[2]["row"], outcome[2]["column"]) == (LATER + 2, "Publish time")
    assert imports_alike(con, path).code == "bad_value"


# ---------------------------------------------------------------------------------------------
# 4. rows the format's own SQL leaves out (YouTube's Chart data.csv drops 'Total' rows): such a
#    format takes the careful path, as DuckDB would push its filter below the one-pass checks

CHART_ROWS = {
    # a row the careful path refuses, and what it says: (code, row, column, found)
    "empty content": ('2024-01-08,,Extra,"Jan 6, 2024",612,5', ("missing_value", 6, "Content", "")),
    "total row with empty views": ("2024-01-08,Total,,,,", ("missing_value", 6, "Views", "")),
    "total row with text in views": ("2024-01-08,Total,,,,abc", ("bad_value", 6, "Views", "abc")),
}


@pytest.mark.parametrize("case", CHART_ROWS)
def test_rows_the_format_leaves_out_are_checked_alike(
    both_ways, imports_alike, con, tmp_path, case
):
    line, (code, row, column, found) = CHART_ROWS[case]
    path = tmp_path / "Chart data.csv"
    path.write_text((OWN / "youtube_chart_data.csv").read_text("utf-8") + line + "\n", "utf-8")
    fast, careful, answers = both_ways(path)
    params = careful[2]
    assert (careful[1], params["row"], params["column"], params["found"]) == (
        code,
        row,
        column,
        found,
    )
    assert fast == careful
    assert imports_alike(con, path).code == code
