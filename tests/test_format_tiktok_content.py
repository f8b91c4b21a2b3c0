"""TikTok Studio content export."""

import datetime as dt
from pathlib import Path

from smdash.db import store
from smdash.imports.pipeline import import_file

OWN = Path(__file__).resolve().parent / "fixtures"
CONTENT = OWN / "exports" / "tiktok_content.csv"
FIGURES = ("impressions", "video_views", "engagements", "reactions", "comments", "shares")


def _figures(con, post_id: str) -> list:
    columns = ", ".join(FIGURES)
    sql = f"SELECT {columns} FROM posts WHERE platform = 'tiktok' AND post_id = ?"
    return list(con.execute(sql, [post_id]).fetchone())


def test_content_export_totals_and_range(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, CONTENT)
        assert result.prepared.format.name == "tiktok_content"
        assert (result.prepared.platform, result.prepared.account) == (
            "tiktok",
            "floristeria.azahar",
        )
        assert result.prepared.date_from == dt.date(2026, 3, 2)
        assert result.prepared.date_to == dt.date(2026, 3, 31)
        sums = con.execute(
            "SELECT count(*), sum(impressions), sum(video_views), sum(engagements), "
            "sum(reactions), sum(comments), sum(shares) FROM posts"
        ).fetchone()
    assert sums == (9, 224842, 224842, 12675, 12365, 191, 119)


def test_content_export_one_video(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, CONTENT)
        assert _figures(con, "7480721739235920428") == [56665, 56665, 2282, 2266, 5, 11]
        published, link, text = con.execute(
            "SELECT published_at, permalink, text FROM posts WHERE post_id = '7486566320222366385'"
        ).fetchone()
    assert published == dt.datetime(2026, 3, 18, 19, 42)
    assert link == "https://www.tiktok.com/@floristeria.azahar/video/7486566320222366385"
    assert text == 'Detrás del mostrador 🌷 bodas, bautizos, y un ramo "de última hora"'


def test_reimport_is_unchanged(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, CONTENT)
        again = import_file(con, CONTENT)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 9)


def test_grouped_numbers_and_other_column_order(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "tiktok_content_grouped.csv")
        assert result.prepared.account == "libreria.lanau"
        assert _figures(con, "7412345678901234567") == [18400, 18400, 1284, 1203, 37, 44]
        assert _figures(con, "7412345678901234568") == [950, 950, 68, 61, 5, 2]


def test_spanish_headers_read_the_same_figures(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, OWN / "tiktok_content_grouped.csv")
        spanish = import_file(con, OWN / "tiktok_content_es.csv")
        assert spanish.prepared.format.name == "tiktok_content"
        assert spanish.counts.unchanged == 2
        assert _figures(con, "7412345678901234567") == [18400, 18400, 1284, 1203, 37, 44]


def test_abbreviated_counts_are_read_as_whole_numbers(tmp_path):
    path = tmp_path / "abbreviated.csv"
    path.write_text(
        "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views\n"
        'A,https://www.tiktok.com/@a/video/1,2026-05-10 18:00:00,1.2K,3,4,"18,400"\n'
        'B,https://www.tiktok.com/@a/video/2,2026-05-11 18:00:00,"3,4 M",1,2,1.25K\n'
        'C,https://www.tiktok.com/@a/video/3,2026-05-12 18:00:00,"1,2 mil",0,0,950\n',
        encoding="utf-8",
    )
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, path)
        rows = con.execute(
            "SELECT post_id, reactions, video_views FROM posts ORDER BY post_id"
        ).fetchall()
    assert rows == [("1", 1200, 18400), ("2", 3_400_000, 1250), ("3", 1200, 950)]
