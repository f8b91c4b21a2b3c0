"""An action's results are its own: posts and web rows go to the actions they identify (UTM
campaign in the post's link, the calendar entry it became, the web row's campaign; then network
and dates); what two actions claim is said to be shared, and totals count it once."""

import datetime as dt

import openpyxl
import pytest

from smdash.db import store
from smdash.plan import actions, objectives
from smdash.plan.actions import Action
from smdash.plan.objectives import Objective
from smdash.review import evidence, shared_note, totals_note, workbook
from smdash.review.cycles import current_cycle, start_first_cycle
from smdash.review.decisions import save_review

D = dt.date
MARCH = (D(2026, 3, 1), D(2026, 3, 31))


def post(con, post_id, day, engagements, text="", permalink="", platform="instagram"):
    con.execute(
        """INSERT INTO posts (platform, post_id, account, published_at, text, permalink, reach,
                              engagements, import_id)
           VALUES (?, ?, '', ?, ?, ?, ?, ?, 0)""",
        [platform, post_id, day, text, permalink, engagements * 10, engagements],
    )


def visits(con, campaign, day, conversions):
    con.execute(
        """INSERT INTO web_traffic (property, date_from, date_to, source, medium, campaign,
                                    content, term, sessions, engaged_sessions, conversions,
                                    revenue, import_id)
           VALUES ('P', ?, ?, 'instagram', 'social', ?, '', '', 10, 0, ?, 0, 0)""",
        [day, day, campaign, conversions],
    )


def add(con, description, network="instagram", campaign="", dates=MARCH, cost=None) -> int:
    return actions.add_action(
        con, Action(None, 1, description, network, campaign, *dates, "", cost, "in_progress")
    )


@pytest.fixture
def plan(con):
    goal = objectives.add_goal(con, "Be known")
    objectives.add_objective(
        con,
        Objective(None, "Reach 1,100 followers", goal, "followers", "instagram", 900, 1100,
                  *MARCH),
    )  # fmt: skip
    post(con, "reel", "2026-03-03 10:00", 100)
    post(con, "story-poll", "2026-03-05 10:00", 40)
    post(con, "promo", "2026-03-10 10:00", 7, text="Order: https://forn.es/?utm_source=ig"
         "&utm_medium=social&utm_campaign=Pascua")  # fmt: skip
    post(con, "planned", "2026-03-12 10:00", 5, permalink="https://instagram.com/p/planned/")
    con.execute(
        """INSERT INTO calendar_entries (planned_at, network, topic, utm_campaign, permalink)
           VALUES ('2026-03-12 09:00', 'instagram', 'Mona de Pascua', 'pascua',
                   'https://instagram.com/p/planned')"""
    )
    visits(con, "pascua", "2026-03-10", 3)
    visits(con, "pascua", "2026-03-20", 2)
    return con


def by_id(con, *dates):
    return actions.results(con, *dates).set_index("action_id")


def test_two_network_actions_share_the_posts_nothing_else_identifies(plan):
    reels, polls = add(plan, "Weekly reels"), add(plan, "Polls in stories")
    found = by_id(plan)
    # no action of the Pascua campaign: all four posts (152) are both network actions'
    for mine, other in ((reels, polls), (polls, reels)):
        row = found.loc[mine]
        assert (row.posts, row.result, row.shared_result) == (4, 152, 152)
        assert row.shared_with == str(other)
        assert shared_note(row.shared_with, row.shared_result, row.result, "en") == (
            f"shared with A{other}"
        )
        assert shared_note(row.shared_with, row.shared_result, row.result, "es") == (
            f"compartido con A{other}"
        )
    totals = actions.result_totals(plan, [reels, polls])
    assert totals.to_dict("records") == [
        {"result_kind": "engagements", "total": 152.0, "claimed": 304.0}
    ]


def test_a_campaign_claims_its_tagged_and_planned_posts_and_its_visits_alone(plan):
    reels = add(plan, "Weekly reels")
    easter = add(plan, "Easter campaign", campaign="Pascua")
    found = by_id(plan)
    # the tagged post (a UTM link) and the planned one (its calendar entry's campaign)
    assert (found.loc[easter].posts, found.loc[easter].engagements) == (2, 12)
    assert (found.loc[easter].result_kind, found.loc[easter].result) == ("conversions", 5)
    assert found.loc[easter].shared_with == ""
    # the reels keep the untagged posts only, not shared with anyone
    assert (found.loc[reels].posts, found.loc[reels].result) == (2, 140)
    assert found.loc[reels].shared_with == ""
    assert shared_note("", None, 140, "en") == ""


def test_two_actions_of_one_campaign_share_its_visits_and_the_total_counts_them_once(plan):
    first = add(plan, "Easter posts", campaign="pascua", dates=(D(2026, 3, 1), D(2026, 3, 15)))
    second = add(plan, "Easter ads", network="", campaign="pascua")
    found = by_id(plan)
    assert (found.loc[first].result, found.loc[first].shared_result) == (3, 3)
    assert found.loc[first].shared_with == str(second)
    # the second has the 20 March visits (2) alone and shares the 10 March ones (3)
    assert (found.loc[second].result, found.loc[second].shared_result) == (5, 3)
    assert (
        shared_note(found.loc[second].shared_with, 3, 5, "en") == f"3 of them shared with A{first}"
    )
    assert shared_note(found.loc[second].shared_with, 3, 5, "es") == (
        f"3 de ellas compartidas con A{first}"
    )
    totals = actions.result_totals(plan, [first, second])
    assert totals.to_dict("records") == [
        {"result_kind": "conversions", "total": 5.0, "claimed": 8.0}
    ]
    assert totals_note(totals, "en") == (
        "Together these actions brought 5 conversions, each result counted once. The rows add "
        "up to 8 conversions: a result that several actions share appears under each of them."
    )


def test_the_review_keeps_and_exports_what_is_shared(plan, tmp_path):
    reels, polls = add(plan, "Weekly reels"), add(plan, "Polls in stories")
    start_first_cycle(plan, "month", D(2026, 3, 1))
    cycle = current_cycle(plan)
    rows = evidence(plan, cycle).set_index("item_id")
    actions_only = rows[rows["kind"] == "action"]
    assert actions_only.loc[[reels, polls], "shared_with"].tolist() == [str(polls), str(reels)]
    assert actions_only.loc[[reels, polls], "shared_result"].tolist() == [152, 152]
    saved = save_review(plan, cycle.cycle_id, [], {})
    path = tmp_path / "review.xlsx"
    path.write_bytes(workbook(plan, saved.review_id, "es"))
    sheet = openpyxl.load_workbook(path)["Acciones"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    head = values[0]
    got = {r[0]: (r[head.index("Compartido con")], r[head.index("Resultado compartido")])
           for r in values[1:]}  # fmt: skip
    assert got == {reels: (f"A{polls}", 152), polls: (f"A{reels}", 152)}


def test_the_demo_instagram_actions_share_the_cycles_engagements(demo_db):
    with store.connect(demo_db) as con:
        found = by_id(con, D(2026, 10, 1), D(2026, 10, 31))
        # A1 (weekly reels) and A6 (stories and answers) both on Instagram, neither with a
        # campaign: nothing in the data splits October's 16,707 engagements between them
        assert found.loc[1, ["result", "shared_result", "shared_with"]].tolist() == [
            16707,
            16707,
            "6",
        ]
        assert found.loc[6, ["result", "shared_result", "shared_with"]].tolist() == [
            16707,
            16707,
            "1",
        ]
        # the LinkedIn ads (A7, campaign catering-empresas) no longer take the page's posts
        assert found.loc[8, ["posts", "result", "shared_with"]].tolist() == [18, 1970, ""]
        assert found.loc[7, "result"] == 51 and found.loc[7, "shared_with"] == ""
        totals = actions.result_totals(con, [1, 3, 4, 6, 7, 8, 9, 11], D(2026, 10, 1),
                                       D(2026, 10, 31))  # fmt: skip
        assert totals.to_dict("records") == [
            {"result_kind": "conversions", "total": 97.0, "claimed": 97.0},
            {"result_kind": "engagements", "total": 21482.0, "claimed": 38189.0},
        ]
