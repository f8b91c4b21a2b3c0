"""How cells are read: numbers, percentages, dates and encodings from real exports."""

import datetime as dt
from pathlib import Path

import pytest

from smdash.imports.errors import ImportFailed
from smdash.imports.fields import COUNT, DATE, NUMBER, RATE, TIMESTAMP, field
from smdash.imports.parse import parse_fields
from smdash.imports.pipeline import import_file

OWN = Path(__file__).resolve().parent / "fixtures"


def parsed(con, kind, header, cells, **options):
    con.execute("CREATE OR REPLACE TEMP TABLE raw (_row BIGINT, c0 VARCHAR)")
    con.executemany("INSERT INTO raw VALUES (?, ?)", list(enumerate(cells, start=1)))
    parse_fields(con, [field("v", kind, header)], {"v": 0}, [header], "f.csv", 1, options=options)
    return [row[0] for row in con.execute("SELECT v FROM parsed ORDER BY _row").fetchall()]


def test_counts_with_grouping_abbreviations_and_placeholders(con):
    cells = ["1.234", "1.2K", "3,4 M", "1,2 mil", "--", "", "7"]
    assert parsed(con, COUNT, "Views", cells) == [1234, 1200, 3_400_000, 1200, None, None, 7]


def test_numbers_with_a_decimal_comma(con):
    assert parsed(con, NUMBER, "Ingresos", ["1.234,5", "12,25", "7", "€ 3,10"]) == [
        1234.5,
        12.25,
        7.0,
        3.1,
    ]


def test_rates_read_as_fractions(con):
    assert parsed(con, RATE, "Rate", ["12%", "0.05", "-"]) == [0.12, 0.05, None]
    assert parsed(con, RATE, "Tasa", ["3,2 %", "12,5 %"]) == [0.032, 0.125]
    assert parsed(con, RATE, "Click-through rate (%)", ["3.28", "20.5"]) == pytest.approx(
        [0.0328, 0.205]
    )


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["15 abr 2026", "2 ene. 2026"], [dt.date(2026, 4, 15), dt.date(2026, 1, 2)]),
        (
            ["10 de febrero de 2026", "1 de agosto de 2025"],
            [dt.date(2026, 2, 10), dt.date(2025, 8, 1)],
        ),
        (["20260301", "20260331"], [dt.date(2026, 3, 1), dt.date(2026, 3, 31)]),
        (["Jan 6, 2024", "Dec 30, 2023"], [dt.date(2024, 1, 6), dt.date(2023, 12, 30)]),
        (["03/04/2026", "25/04/2026"], [dt.date(2026, 4, 3), dt.date(2026, 4, 25)]),
        (["03/04/2026", "04/25/2026"], [dt.date(2026, 3, 4), dt.date(2026, 4, 25)]),
    ],
)
def test_dates(con, cells, expected):
    assert parsed(con, DATE, "Fecha", cells) == expected


def test_times_with_time_zones_are_stored_in_utc(con):
    cells = ["2026-03-01T10:00:00+01:00", "2026-03-01T10:00:00Z"]
    assert parsed(con, TIMESTAMP, "Time", cells) == [
        dt.datetime(2026, 3, 1, 9, 0),
        dt.datetime(2026, 3, 1, 10, 0),
    ]


def test_dates_without_a_year_take_the_year_the_file_gives(con):
    cells = ["10 de febrero", "11 feb"]
    assert parsed(con, DATE, "Fecha", cells, year=2026) == [
        dt.date(2026, 2, 10),
        dt.date(2026, 2, 11),
    ]


@pytest.mark.parametrize(
    ("cells", "end_date", "expected"),
    [
        # the latest row is the most recent such day up to the end date, the others before it
        (["February 28", "March 1"], dt.date(2026, 3, 24), ["2026-02-28", "2026-03-01"]),
        (["December 30", "January 2"], dt.date(2026, 3, 24), ["2025-12-30", "2026-01-02"]),
        (["January 2", "December 30"], dt.date(2026, 1, 1), ["2025-01-02", "2024-12-30"]),
        (["8 de marzo", "7 mar"], dt.date(2026, 3, 8), ["2026-03-08", "2026-03-07"]),
        (["Feb 29", "Mar 1"], dt.date(2026, 6, 1), ["2024-02-29", "2024-03-01"]),
    ],
)
def test_dates_without_a_year_end_on_or_before_the_end_date(con, cells, end_date, expected):
    asked = {}
    found = parsed(con, DATE, "Date", cells, end_date=end_date, asked=asked)
    assert [d.isoformat() for d in found] == expected
    question = asked["end_date"]
    assert (question.answer, question.detail["first"]) == (max(expected), min(expected))
    assert question.detail["found"] == cells[0]


def test_a_column_without_a_year_asks_instead_of_naming_another_format(con):
    asked = {}
    parsed(con, DATE, "Date", ["February 28"], today=dt.date(2026, 2, 27), asked=asked)
    assert asked["end_date"].message("en") == (
        "Column 'Date' has dates without a year (like 'February 28'): they are read as "
        "2025-02-28 to 2025-02-28, the latest row being the most recent such day up to the "
        "import. If the file was downloaded earlier, give its last day."
    )


def test_day_and_month_that_stay_ambiguous_are_refused(con):
    with pytest.raises(ImportFailed) as failed:
        parsed(con, DATE, "Fecha", ["03/04/2026", "05/06/2026"])
    assert failed.value.message() == (
        "f.csv, column 'Fecha': the dates read both as 24/03/2026 and as 03/24/2026 (day and "
        "month could be swapped). Export with a different date format."
    )


def test_excel_day_numbers_only_in_spreadsheets(con):
    assert parsed(con, DATE, "Date", ["46082", "46112.5"], spreadsheet=True) == [
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
    ]
    with pytest.raises(ImportFailed):
        parsed(con, DATE, "Date", ["46082"])


def test_windows_1252_semicolons_and_spanish_headers(con):
    """An Instagram export saved again by Excel on Windows: cp1252, ';', Spanish headers."""
    result = import_file(con, OWN / "meta_instagram_posts_es.csv")
    assert result.prepared.format.name == "meta_instagram_posts"
    rows = con.execute(
        """SELECT post_id, account, published_at, text, impressions, reach, reactions, shares,
                  comments, saves, engagements FROM posts ORDER BY post_id"""
    ).fetchall()
    assert rows == [
        (
            "17900000000000001",
            "forndelaplaca",
            dt.datetime(2026, 3, 15, 9, 30),
            "Coca de llanda recién hecha",
            1234,
            987,
            120,
            8,
            14,
            9,
            120 + 14 + 8 + 9,
        ),
        (
            "17900000000000002",
            "forndelaplaca",
            dt.datetime(2026, 3, 28, 18, 0),
            "Mona de Pascua, ¿la has probado?",
            12500,
            9870,
            1045,
            96,
            77,
            120,
            1045 + 77 + 96 + 120,
        ),
    ]
