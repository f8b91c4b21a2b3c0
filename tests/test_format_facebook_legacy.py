"""The legacy Facebook Insights post export: two header rows, repeated titles."""

import datetime as dt
from pathlib import Path

from smdash.imports.pipeline import import_file

OWN = Path(__file__).resolve().parent / "fixtures"


def test_repeated_titles_are_told_apart_by_the_description_row(con):
    result = import_file(con, OWN / "facebook_insights_legacy.csv")
    assert result.prepared.format.name == "facebook_insights_legacy"
    rows = con.execute(
        """SELECT post_id, account, published_at, post_type, impressions, reach, engagements,
                  reactions, comments, shares, clicks, link_clicks
           FROM posts ORDER BY published_at"""
    ).fetchall()
    assert rows == [
        (
            "123456789012345_987654321098765",
            "123456789012345",
            dt.datetime(2019, 10, 8, 9, 5),
            "Photo",
            2210,
            1520,
            51 + 7 + 4,
            51,
            7,
            4,
            88,
            12,
        ),
        (
            "123456789012345_987654321098766",
            "123456789012345",
            dt.datetime(2019, 11, 20, 18, 30),
            "Link",
            1004,
            830,
            19 + 3 + 2,
            19,
            3,
            2,
            47,
            25,
        ),
    ]
