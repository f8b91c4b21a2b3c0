"""X (Twitter) posts: the classic tweet activity export and the newer content export."""

import datetime as dt
from pathlib import Path

from smdash.db import store
from smdash.imports.pipeline import import_file

OWN = Path(__file__).resolve().parent / "fixtures"
CLASSIC = OWN / "exports" / "x_tweet_activity.csv"


def _post(con, post_id: str) -> dict:
    cursor = con.execute("SELECT * FROM posts WHERE platform = 'x' AND post_id = ?", [post_id])
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def _sums(con) -> tuple:
    return con.execute(
        """SELECT count(*), sum(impressions), sum(engagements), sum(reactions), sum(comments),
                  sum(shares), sum(link_clicks), count(saves)
           FROM posts WHERE platform = 'x'"""
    ).fetchone()


def test_classic_export_totals_and_range(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, CLASSIC)
        assert result.prepared.format.name == "x_tweet_activity"
        assert result.counts.added == 13
        assert (result.prepared.platform, result.prepared.account) == ("x", "FloristeriaAzhr")
        assert result.prepared.date_from == dt.date(2026, 3, 1)
        assert result.prepared.date_to == dt.date(2026, 3, 31)
        # impressions, engagements, likes, replies, retweets, url clicks; no bookmarks column
        assert _sums(con) == (13, 44269, 993, 334, 36, 61, 367, 0)


def test_classic_export_one_post(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, CLASSIC)
        post = _post(con, "1961516033637135457")
        quoted = _post(con, "1597170380946291494")
    assert post["published_at"] == dt.datetime(2026, 3, 9, 10, 42)
    assert post["permalink"] == "https://twitter.com/FloristeriaAzhr/status/1961516033637135457"
    assert post["text"].startswith("Cómo hacer que tu ramo dure más\n1) Corta los tallos")
    figures = [
        post[k]
        for k in (
            "impressions",
            "engagements",
            "reactions",
            "comments",
            "shares",
            "link_clicks",
            "reach",
            "clicks",
            "video_views",
        )
    ]
    assert figures == [6497, 107, 30, 4, 9, 42, None, None, None]
    assert quoted["text"] == '¡Ya somos 2.500! 💐 "gracias por regar este jardín"'


def test_reimport_is_unchanged(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, CLASSIC)
        again = import_file(con, CLASSIC)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 13)


def test_account_analytics_content_export(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "x_account_analytics_content.csv")
        assert result.prepared.format.name == "x_post_analytics"
        assert result.prepared.date_from == dt.date(2026, 6, 30)
        assert result.prepared.date_to == dt.date(2026, 7, 14)
        assert _sums(con) == (4, 20630, 1758, 382, 61, 79, 91, 4)
        post = _post(con, "2074000000000000001")
        no_link = _post(con, "2070000000000000004")
        first_of_july = _post(con, "2071000000000000003")
    # grouped "12,978"; shares are the Reposts (21), not the Shares column (4)
    figures = [
        post[k]
        for k in (
            "impressions",
            "engagements",
            "reactions",
            "comments",
            "shares",
            "saves",
            "link_clicks",
        )
    ]
    assert figures == [12978, 1300, 112, 14, 21, 9, 66]
    assert post["published_at"] == dt.datetime(2026, 7, 14)
    assert post["account"] == "clinicasonrisa"
    assert (no_link["account"], no_link["permalink"], no_link["impressions"]) == ("", None, 1002)
    assert first_of_july["published_at"] == dt.datetime(2026, 7, 1)


def test_pre_2015_export_says_favorites(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "x_tweet_activity_2014.csv")
        assert result.prepared.account == "LibreriaLaNau"
        assert _sums(con) == (2, 2242, 80, 17, 3, 8, 40, 0)
        assert _post(con, "520000000000000001")["reactions"] == 6


def test_spanish_headers(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "x_tweet_activity_es.csv")
        assert result.prepared.format.name == "x_tweet_activity"
        assert _sums(con) == (2, 11323, 340, 40, 7, 9, 47, 0)
        assert _post(con, "1290420916326016524")["published_at"] == dt.datetime(2026, 3, 25, 12, 55)


def test_early_2025_post_analytics_shape(tmp_path):
    # 'Date' like 'Mon Feb 17 2025'; 'Link', 'Share', 'Detail expands', 'Url clicks'
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "x_post_analytics_2025.csv")
        assert result.prepared.format.name == "x_post_analytics"
        assert (result.prepared.account, result.prepared.rows) == ("FloristeriaAzhr", 2)
        assert (result.prepared.date_from, result.prepared.date_to) == (
            dt.date(2025, 2, 13),
            dt.date(2025, 2, 17),
        )
        # impressions ('2,340' + 980), engagements, likes, replies, reposts, url clicks, saves
        assert _sums(con) == (2, 3320, 164, 53, 8, 12, 25, 2)
        post = _post(con, "1891234567890123456")
        assert post["permalink"] == "https://x.com/FloristeriaAzhr/status/1891234567890123456"
        assert post["published_at"] == dt.datetime(2025, 2, 17)


def test_classic_export_resaved_by_a_spreadsheet(tmp_path):
    # ids turned into '6.49E+17' (taken from the permalink), time without '+0000' (UTC),
    # 'favorites' for likes
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "x_tweet_activity_resaved.csv")
        assert result.prepared.format.name == "x_tweet_activity"
        ids = con.execute("SELECT post_id FROM posts ORDER BY post_id").fetchall()
        assert ids == [("649123456789012480",), ("649987654321098752",)]
        post = _post(con, "649123456789012480")
        assert post["published_at"] == dt.datetime(2015, 9, 30, 8, 15)
        assert (post["impressions"], post["reactions"], post["shares"]) == (1500, 20, 5)
        assert _sums(con) == (2, 2400, 87, 29, 3, 7, 17, 0)
