"""YouTube Studio Table data.csv (Content dimension)."""

import datetime as dt
from pathlib import Path

from smdash.db import store
from smdash.imports.pipeline import import_file

OWN = Path(__file__).resolve().parent / "fixtures"
TABLE = OWN / "exports" / "youtube_table_data.csv"


def _video(con, post_id: str) -> tuple:
    return con.execute(
        "SELECT published_at, impressions, video_views, text, permalink, account FROM posts "
        "WHERE platform = 'youtube' AND post_id = ?",
        [post_id],
    ).fetchone()


def test_table_data_matches_its_total_row(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, TABLE)
        assert result.prepared.format.name == "youtube_table_data"
        assert (result.prepared.platform, result.prepared.account) == ("youtube", "")
        assert result.prepared.date_from == dt.date(2026, 3, 2)
        assert result.prepared.date_to == dt.date(2026, 3, 28)
        count, impressions, views = con.execute(
            "SELECT count(*), sum(impressions), sum(video_views) FROM posts"
        ).fetchone()
        totals = con.execute("SELECT count(*) FROM posts WHERE lower(post_id) = 'total'")
        assert totals.fetchone() == (0,)
    # the file's Total row says 11468 views and 115215 impressions
    assert (count, impressions, views) == (7, 115215, 11468)


def test_table_data_one_video(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, TABLE)
        video = _video(con, "kR7pW2xQa9E")
        spaced = _video(con, "-Tm4bZ8cVn1")  # written ' -Tm4bZ8cVn1' in the file
    assert video == (
        dt.datetime(2026, 3, 21),
        4547,
        1363,
        "Cómo hacer que tu ramo dure más\n1) Corta los tallos en diagonal\n2) Agua fresca\n"
        "3) Lejos del sol #flores",
        "https://www.youtube.com/watch?v=kR7pW2xQa9E",
        "",
    )
    assert spaced[:3] == (dt.datetime(2026, 3, 5), 3124, 653)


def test_reimport_is_unchanged(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, TABLE)
        again = import_file(con, TABLE)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 7)


def test_thumbnail_impressions_and_leading_space_id(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "youtube_table_thumbnail.csv")
        assert result.prepared.rows == 2
        assert _video(con, "-xY3kLm9QwE")[:3] == (dt.datetime(2024, 1, 6), 30000, 3100)
        assert _video(con, "dQw4w9WgXcQ")[:3] == (dt.datetime(2023, 12, 30), 10100, 1110)


def test_spanish_headers_and_month_names(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "youtube_table_es.csv")
        assert result.prepared.rows == 2  # the Total row is not data
        assert _video(con, "fowMPedTbC-")[:3] == (dt.datetime(2026, 3, 27), 32421, 1065)
        assert _video(con, "hCzP33q7eRX")[:3] == (dt.datetime(2026, 4, 15), 924, 1530)


def test_a_long_table_ends_with_a_note_instead_of_a_total_row(tmp_path):
    # more videos than the table shows: no Total row, 'Showing top 500 results' as last line
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "youtube_table_top500.csv")
        assert (result.prepared.format.name, result.prepared.rows) == ("youtube_table_data", 3)
        assert con.execute(
            "SELECT post_id, impressions, video_views FROM posts ORDER BY post_id"
        ).fetchall() == [
            ("-Qp1Rs2Tu3", 12000, 880),
            ("Zx9Yw8Vu7Ts", 30500, 3100),
            ("aB3dE5gH7jK", 48000, 5200),
        ]
        assert result.prepared.date_from == dt.date(2025, 4, 11)
        assert result.prepared.date_to == dt.date(2025, 6, 2)
