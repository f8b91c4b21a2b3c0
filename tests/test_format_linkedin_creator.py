"""LinkedIn personal (creator) analytics: a profile account beside the company pages."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from smdash.imports.formats import linkedin_creator
from smdash.imports.pipeline import import_file, undo_import
from smdash.metrics import kpis

OWN = Path(__file__).resolve().parent / "fixtures"
CREATOR = OWN / "Content_2026-03-01_2026-03-05_Marta López.xlsx"
D = dt.date


def figures(con, account: str) -> dict[str, float]:
    rows = con.execute(
        """SELECT metric, sum(value) FROM account_daily
           WHERE platform = 'linkedin' AND account = ? GROUP BY metric""",
        [account],
    ).fetchall()
    return dict(rows)


def test_engagement_and_followers_sheets_land_under_the_member(con):
    result = import_file(con, CREATOR)
    assert [(p.format.name, p.source, p.rows) for p in result.prepared.parts] == [
        ("linkedin_creator_engagement", f"{CREATOR.name} [ENGAGEMENT]", 10),
        ("linkedin_creator_followers", f"{CREATOR.name} [FOLLOWERS]", 6),
    ]  # DISCOVERY, TOP POSTS and DEMOGRAPHICS add nothing
    assert (result.prepared.platform, result.prepared.account) == ("linkedin", "Marta López")
    assert (result.prepared.date_from, result.prepared.date_to) == (D(2026, 3, 1), D(2026, 3, 5))
    assert figures(con, "Marta López") == {
        "impressions": 2842.0,
        "engagements": 117.0,
        "new_followers": 25.0,
        "followers": 2048.0,  # 'Total followers on 3/5/2026:', on that day
    }
    assert con.execute("SELECT day FROM account_daily WHERE metric = 'followers'").fetchall() == [
        (D(2026, 3, 5),)
    ]
    assert kpis.value(con, "followers", "linkedin", D(2026, 3, 1), D(2026, 3, 31)) == 2048
    assert kpis.value(con, "follower_growth", "linkedin", D(2026, 3, 1), D(2026, 3, 31)) == 25


def test_the_profile_sits_beside_the_company_page(con, sample):
    import_file(con, sample("linkedin_content.xlsx"))
    page = figures(con, "")
    import_file(con, CREATOR)
    assert figures(con, "") == page  # the page's figures are untouched
    accounts = con.execute(
        "SELECT DISTINCT account FROM account_daily WHERE platform = 'linkedin' ORDER BY 1"
    ).fetchall()
    assert accounts == [("",), ("Marta López",)]


def test_a_renamed_file_is_a_linkedin_profile_and_undo_removes_it(con, tmp_path):
    renamed = tmp_path / "linkedin analytics.xlsx"
    shutil.copy(CREATOR, renamed)
    result = import_file(con, renamed)
    assert result.prepared.account == "LinkedIn profile"
    again = import_file(con, renamed)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 16)
    undo_import(con, again.import_id)
    undo_import(con, result.import_id)
    assert figures(con, "LinkedIn profile") == {}


@pytest.mark.parametrize(
    ("line", "total"),
    [
        (["Total followers on 3/5/2026:", "2048"], (2048.0, D(2026, 3, 5))),
        (["Total followers on 3/5/2026: 2,048"], (2048.0, D(2026, 3, 5))),
        (["Total de seguidores el 5/3/2026:", "1.234"], (1234.0, D(2026, 3, 5))),
        (["Followers"], (None, None)),
    ],
)
def test_the_follower_total_is_read_from_the_line_above_the_table(line, total):
    found = linkedin_creator.FOLLOWERS.context([line, []], {"day": 0})
    assert (found["total"], found["total_day"]) == total
