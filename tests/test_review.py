"""The plan review: suggestion rules at and around every threshold, thresholds as settings,
evidence, frozen versions, the interpretation draft, carry-over to the next cycle, history and
the XLSX export."""

import datetime as dt
import io

import pandas as pd
import pytest
from kpi_fixture import fill
from openpyxl import load_workbook

from smdash import review, workspace
from smdash.core import i18n
from smdash.plan import actions, objectives
from smdash.plan.actions import Action
from smdash.plan.objectives import InvalidInput, Objective
from smdash.review import ACTION, DROP, IMPROVE, KEEP, OBJECTIVE, Decision, Facts, Thresholds

D = dt.date
LIMITS = Thresholds()  # keep 10 points, drop 40 points, 3 periods, cost 10 %

# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Facts(not_started=True, measured=False), (KEEP, "not_started")),
        (Facts(measured=False), (IMPROVE, "no_data")),
        (Facts(achieved=True, gap=0.9, stalled_periods=9), (KEEP, "achieved")),
        # on track: at most keep_margin (0.10) behind the time elapsed
        (Facts(gap=-0.3), (KEEP, "on_track")),
        (Facts(gap=0.09), (KEEP, "on_track")),
        (Facts(gap=0.10), (KEEP, "on_track")),
        (Facts(gap=0.11), (IMPROVE, "behind")),
        # far behind: more than drop_margin (0.40) behind, and stalled for 3 periods
        (Facts(gap=0.39, stalled_periods=3), (IMPROVE, "behind")),
        (Facts(gap=0.40, stalled_periods=3), (IMPROVE, "behind")),
        (Facts(gap=0.41, stalled_periods=3), (DROP, "stalled")),
        (Facts(gap=0.41, stalled_periods=2), (IMPROVE, "behind")),
        (Facts(gap=0.41, stalled_periods=4), (DROP, "stalled")),
        (Facts(gap=1.2, stalled_periods=0), (IMPROVE, "behind")),
        # cost per result worse than the previous cycle's by more than cost_margin (10 %)
        (Facts(gap=0, cost_per_result=109.99, previous_cost_per_result=100), (KEEP, "on_track")),
        (Facts(gap=0, cost_per_result=110, previous_cost_per_result=100), (KEEP, "on_track")),
        (
            Facts(gap=0, cost_per_result=110.01, previous_cost_per_result=100),
            (IMPROVE, "cost_worse"),
        ),
        (Facts(gap=0, cost_per_result=500, previous_cost_per_result=None), (KEEP, "on_track")),
        (Facts(gap=0, cost_per_result=500, previous_cost_per_result=0), (KEEP, "on_track")),
        (
            Facts(achieved=True, gap=0, cost_per_result=500, previous_cost_per_result=100),
            (KEEP, "achieved"),
        ),
        (
            Facts(gap=0.5, stalled_periods=5, cost_per_result=2, previous_cost_per_result=1),
            (IMPROVE, "cost_worse"),
        ),
    ],
)
def test_objective_suggestions(facts, expected):
    assert review.suggest(OBJECTIVE, facts, LIMITS) == expected


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (Facts(not_started=True, measured=False, objective_decision=DROP), (KEEP, "not_started")),
        (Facts(measured=False, objective_decision=KEEP), (IMPROVE, "no_results")),
        (
            Facts(cost_per_result=1.11, previous_cost_per_result=1, objective_decision=KEEP),
            (IMPROVE, "cost_worse"),
        ),
        (
            Facts(cost_per_result=1.1, previous_cost_per_result=1, objective_decision=KEEP),
            (KEEP, "follows_objective"),
        ),
        (Facts(objective_decision=IMPROVE), (IMPROVE, "follows_objective")),
        (Facts(objective_decision=DROP), (DROP, "follows_objective")),
    ],
)
def test_action_suggestions(facts, expected):
    assert review.suggest(ACTION, facts, LIMITS) == expected


@pytest.mark.parametrize(
    ("limits", "facts", "expected"),
    [
        (Thresholds(keep_margin=0.2), Facts(gap=0.2), KEEP),
        (Thresholds(keep_margin=0.2), Facts(gap=0.21), IMPROVE),
        (Thresholds(drop_margin=0.3), Facts(gap=0.31, stalled_periods=3), DROP),
        (Thresholds(stalled_periods=1), Facts(gap=0.5, stalled_periods=1), DROP),
        (Thresholds(stalled_periods=5), Facts(gap=0.5, stalled_periods=4), IMPROVE),
        (
            Thresholds(cost_margin=0.5),
            Facts(gap=0, cost_per_result=150, previous_cost_per_result=100),
            KEEP,
        ),
        (
            Thresholds(cost_margin=0.5),
            Facts(gap=0, cost_per_result=151, previous_cost_per_result=100),
            IMPROVE,
        ),
    ],
)
def test_the_thresholds_move_the_suggestions(limits, facts, expected):
    assert review.suggest(OBJECTIVE, facts, limits)[0] == expected


def test_the_rules_read_in_words_with_their_thresholds():
    assert review.rules_in_words(OBJECTIVE, Thresholds(keep_margin=0.15), "en") == [
        "Not started: it starts after the last day with data → keep.",
        "No data: its KPI cannot be measured in the cycle → improve (import what it needs, or "
        "measure it another way).",
        "Achieved: the target is met → keep.",
        "Cost per result more than 10 % worse than in the previous cycle → improve.",
        "On track: progress trails the time elapsed by at most 15 points → keep.",
        "Far behind (progress trails the time elapsed by more than 40 points) and no "
        "improvement for 3 periods of the cycle's length in a row → drop.",
        "Otherwise (behind, but not that far or still improving) → improve.",
    ]
    assert review.rules_in_words(ACTION, LIMITS, "es")[-1] == (
        "Si no, como su objetivo: una acción sirve a su objetivo."
    )


def test_every_rule_and_setting_is_written_in_both_languages():
    for lang in ("en", "es"):
        catalog = i18n.CATALOG[lang]
        for kind, rules in review.RULES.items():
            for rule in rules:
                assert f"review.rule.{kind}.{rule.rule}" in catalog
                assert f"review.rule_name.{kind}.{rule.rule}" in catalog
        for rule in (*review.GOOD_RULES, *review.WEAK_RULES):
            assert f"review.draft.{rule}" in catalog
        for setting in review.SETTINGS:
            assert f"review.setting.{setting.key}" in catalog
            assert f"review.setting.{setting.key}.help" in catalog
            assert f"review.error.setting.{setting.key}" in catalog


def test_thresholds_are_settings_stored_in_the_workspace(con):
    assert review.thresholds(con) == Thresholds(0.10, 0.40, 3, 0.10)
    review.save_thresholds(con, Thresholds(0.05, 0.5, 2, 0.25))
    assert review.thresholds(con) == Thresholds(0.05, 0.5, 2, 0.25)


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (Thresholds(keep_margin=0.4, drop_margin=0.4), "The far-behind margin must be larger "
         "than the keep margin."),
        (Thresholds(keep_margin=-0.1), "The keep margin must be between 0 and 100 points."),
        (Thresholds(drop_margin=1.5), "The far-behind margin must be between 0 and 100 points."),
        (Thresholds(stalled_periods=0), "The periods without improvement must be between 1 "
         "and 12."),
        (Thresholds(stalled_periods=2.5), "The periods without improvement must be a whole "
         "number."),
        (Thresholds(cost_margin=None), "The cost margin must be between 0 and 1,000 %."),
    ],
)  # fmt: skip
def test_bad_thresholds_are_refused_with_a_message(con, limits, message):
    with pytest.raises(InvalidInput) as refused:
        review.save_thresholds(con, limits)
    assert refused.value.message("en") == message
    assert review.thresholds(con) == Thresholds()


# ---------------------------------------------------------------------------------------------
# Cycles
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("two_weeks", D(2026, 3, 2), D(2026, 3, 15)),
        ("month", D(2026, 3, 1), D(2026, 3, 31)),
        ("month", D(2026, 1, 31), D(2026, 2, 27)),
        ("month", D(2026, 3, 15), D(2026, 4, 14)),
        ("quarter", D(2026, 10, 1), D(2026, 12, 31)),
        ("quarter", D(2026, 11, 1), D(2027, 1, 31)),
    ],
)
def test_cycle_lengths(period, start, end):
    assert review.period_end(period, start) == end


def test_a_custom_cycle_needs_its_last_day_after_the_first():
    assert review.period_end("custom", D(2026, 3, 1), D(2026, 3, 10)) == D(2026, 3, 10)
    with pytest.raises(InvalidInput) as refused:
        review.period_end("custom", D(2026, 3, 1), D(2026, 2, 1))
    assert refused.value.key == "review.error.dates"


def test_only_one_cycle_is_open_at_a_time(con):
    first = review.start_first_cycle(con, "month", D(2026, 3, 1))
    assert review.current_cycle(con) == review.Cycle(
        first, 1, D(2026, 3, 1), D(2026, 3, 31), "month", "open", None
    )
    with pytest.raises(InvalidInput) as refused:
        review.start_first_cycle(con, "month", D(2026, 4, 1))
    assert refused.value.key == "review.error.open_cycle"


# ---------------------------------------------------------------------------------------------
# A workspace to review: the hand-made fixture data of March 2026
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def plan(con):
    """Two objectives, an action, and the March 2026 cycle over the fixture data."""
    fill(con)
    goal = objectives.add_goal(con, "Grow online sales 10% in 2026")
    followers = objectives.add_objective(
        con,
        Objective(
            None,
            "Reach 1,100 Instagram followers by the end of April",
            goal,
            "followers",
            "instagram",
            900,
            1100,
            D(2026, 3, 1),
            D(2026, 4, 30),
        ),
    )
    sessions = objectives.add_objective(
        con,
        Objective(
            None, "1,000 social visits in March", goal, "sessions", "all", 100, 1000,
            D(2026, 3, 1), D(2026, 3, 31),
        ),
    )  # fmt: skip
    reels = actions.add_action(
        con,
        Action(
            None, followers, "Instagram reels", "instagram", "", D(2026, 3, 1), D(2026, 3, 31),
            "Clara", 310.0,
        ),
    )  # fmt: skip
    ads = actions.add_action(
        con,
        Action(None, sessions, "Facebook posts", "facebook", "", D(2026, 3, 1), D(2026, 4, 15)),
    )
    cycle_id = review.start_first_cycle(con, "month", D(2026, 3, 1))
    return {
        "followers": followers,
        "sessions": sessions,
        "reels": reels,
        "ads": ads,
        "cycle": cycle_id,
    }


def evidence_rows(frame):
    return {(row["kind"], row["item_id"]): row for row in frame.to_dict("records")}


def test_the_evidence_of_each_objective_and_action(con, plan):
    cycle = review.get_cycle(con, plan["cycle"])
    assert review.cycle_as_of(con, cycle) == D(2026, 3, 31)
    rows = evidence_rows(review.evidence(con, cycle))
    followers = rows[(OBJECTIVE, plan["followers"])]
    # 900 -> 1,000 of the way to 1,100 on 2026-03-31: half-way with half the time elapsed
    assert {k: followers[k] for k in ("achieved", "progress", "expected", "status")} == {
        "achieved": 1000.0,
        "progress": 0.5,
        "expected": 0.5,
        "status": "on_track",
    }
    # one period of 31 days before: 900 on 2026-02-28, so +11 % and still improving
    assert followers["trend"] == pytest.approx(1 / 9)
    assert followers["stalled_periods"] == 0
    # gained 100 followers in March for the 310 of its action: 3.10 per follower
    assert (followers["result"], followers["cost"], followers["cost_per_result"]) == (
        100.0,
        310.0,
        3.1,
    )
    assert (followers["suggested"], followers["rule"]) == (KEEP, "on_track")
    sessions = rows[(OBJECTIVE, plan["sessions"])]
    # social sessions in March: facebook 100 + instagram 50 + linkedin 50; the deadline passed
    assert (sessions["achieved"], sessions["progress"], sessions["expected"]) == (200, 0.2, 1.0)
    assert (sessions["suggested"], sessions["rule"]) == (IMPROVE, "behind")
    reels = rows[(ACTION, plan["reels"])]
    # p3, Instagram, 2026-03-05: 150 engagements
    assert (reels["result"], reels["result_kind"], reels["cost_per_result"]) == (
        150,
        "engagements",
        pytest.approx(310 / 150),
    )
    assert (reels["suggested"], reels["rule"]) == (KEEP, "follows_objective")
    ads = rows[(ACTION, plan["ads"])]
    assert (ads["result"], ads["suggested"]) == (150, IMPROVE)
    assert list(rows) == [
        (OBJECTIVE, plan["followers"]),
        (OBJECTIVE, plan["sessions"]),
        (ACTION, plan["reels"]),
        (ACTION, plan["ads"]),
    ]


def test_objectives_outside_the_cycle_and_archived_ones_are_not_reviewed(con, plan):
    objectives.set_objective_status(con, plan["sessions"], objectives.ARCHIVED)
    objectives.add_objective(
        con,
        Objective(None, "Later", None, "posts", "all", 1, 10, D(2026, 4, 1), D(2026, 4, 30)),
    )
    frame = review.evidence(con, review.get_cycle(con, plan["cycle"]))
    assert frame[["kind", "item_id"]].values.tolist() == [
        [OBJECTIVE, plan["followers"]],
        [ACTION, plan["reels"]],
    ]


def test_an_objective_whose_kpi_has_no_data_is_to_improve(con, plan):
    objectives.add_objective(
        con,
        Objective(None, "TikTok followers", None, "followers", "tiktok", 10, 100, D(2026, 3, 1),
                  D(2026, 3, 31)),
    )  # fmt: skip
    row = review.evidence(con, review.get_cycle(con, plan["cycle"])).iloc[2]
    assert (row["label"], row["status"], row["suggested"], row["rule"]) == (
        "TikTok followers",
        "no_data",
        IMPROVE,
        "no_data",
    )


# ---------------------------------------------------------------------------------------------
# Saving: decisions, reasons, frozen versions
# ---------------------------------------------------------------------------------------------

TEXTS = {"strengths": "Reels work.", "weaknesses": "Web visits.", "opportunities": ""}


def test_overriding_a_suggestion_needs_a_reason(con, plan):
    with pytest.raises(InvalidInput) as refused:
        review.save_review(con, plan["cycle"], [Decision(OBJECTIVE, plan["sessions"], DROP)], {})
    assert refused.value.message("en") == (
        "Give a reason for overriding the suggestion for: 1,000 social visits in March"
    )
    assert review.reviews(con) == []


def test_saving_freezes_the_numbers_and_a_change_writes_a_new_version(con, plan):
    drop = Decision(OBJECTIVE, plan["sessions"], DROP, "  Web visits are not our game  ")
    first = review.save_review(con, plan["cycle"], [drop], TEXTS)
    assert (first.version, first.created) == (1, True)
    items = review.review_items(con, first.review_id)
    assert items[["item_id", "suggested", "decision", "reason"]].values.tolist() == [
        [plan["followers"], KEEP, KEEP, ""],
        [plan["sessions"], IMPROVE, DROP, "Web visits are not our game"],
        [plan["reels"], KEEP, KEEP, ""],
        [plan["ads"], IMPROVE, IMPROVE, ""],
    ]
    # the same decisions again: nothing new is written
    again = review.save_review(con, plan["cycle"], [drop], TEXTS)
    assert (again.review_id, again.version, again.created) == (first.review_id, 1, False)
    # new data arrives: the saved version keeps the numbers it was based on
    con.execute(
        "INSERT INTO account_daily VALUES ('instagram', '', '2026-03-20', 'followers', 1200, 0)"
    )
    now = review.evidence(con, review.get_cycle(con, plan["cycle"]))
    assert now.loc[0, "suggested"] == KEEP and now.loc[0, "rule"] == "on_track"
    second = review.save_review(con, plan["cycle"], [drop], TEXTS)
    assert (second.version, second.created) == (2, True)
    assert review.review_items(con, first.review_id).equals(items)
    assert review.review_items(con, second.review_id).loc[0, "achieved"] == 1000.0
    assert [r.version for r in review.reviews(con, plan["cycle"])] == [2, 1]
    assert review.latest_review(con, plan["cycle"]).interpretation == {
        "strengths": "Reels work.",
        "weaknesses": "Web visits.",
        "opportunities": "",
    }


def test_a_new_target_is_kept_only_for_an_objective_to_improve(con, plan):
    saved = review.save_review(
        con,
        plan["cycle"],
        [
            Decision(OBJECTIVE, plan["followers"], IMPROVE, "Aim higher", 1300),
            Decision(OBJECTIVE, plan["sessions"], IMPROVE, "", 900),
            Decision(ACTION, plan["reels"], KEEP, "", 5),
        ],
        {},
    )
    targets = review.review_items(con, saved.review_id)["new_target"].tolist()
    assert targets[:2] == [1300.0, 900.0]
    assert all(t != t for t in targets[2:])  # NaN: actions take no target


def test_the_form_starts_from_the_latest_saved_decisions_else_the_suggestions(con, plan):
    cycle = review.get_cycle(con, plan["cycle"])
    frame = review.evidence(con, cycle)
    fresh = review.prefilled(frame, None)
    assert fresh[["kind", "item_id", "decision", "reason"]].values.tolist() == [
        [OBJECTIVE, plan["followers"], KEEP, ""],
        [OBJECTIVE, plan["sessions"], IMPROVE, ""],
        [ACTION, plan["reels"], KEEP, ""],
        [ACTION, plan["ads"], IMPROVE, ""],
    ]
    assert fresh["new_target"].isna().all()
    drop = Decision(OBJECTIVE, plan["sessions"], DROP, "Web visits are not our game")
    higher = Decision(OBJECTIVE, plan["followers"], IMPROVE, "Aim higher", 1300)
    saved = review.save_review(con, plan["cycle"], [drop, higher], {})
    items = review.prefilled(frame, review.review_items(con, saved.review_id))
    assert items[["item_id", "suggested", "decision", "reason"]].values.tolist() == [
        [plan["followers"], KEEP, IMPROVE, "Aim higher"],
        [plan["sessions"], IMPROVE, DROP, "Web visits are not our game"],
        [plan["reels"], KEEP, KEEP, ""],
        [plan["ads"], IMPROVE, IMPROVE, ""],
    ]
    assert items["new_target"].tolist()[0] == 1300.0


def test_edited_tables_turn_back_into_decisions():
    objectives_table = pd.DataFrame(
        {
            "item": ["#3 · Followers", "#5 · Visits", "#6 · Leads"],
            "decision": [IMPROVE, DROP, KEEP],
            "reason": ["Aim higher", None, float("nan")],
            "new_target": pd.Series([1300, float("nan"), None], index=[3, 5, 6], dtype=object),
        },
        index=pd.Index([3, 5, 6], dtype="int64"),
    )
    assert review.edited_decisions(OBJECTIVE, objectives_table) == [
        Decision(OBJECTIVE, 3, IMPROVE, "Aim higher", 1300.0),
        Decision(OBJECTIVE, 5, DROP, "", None),
        Decision(OBJECTIVE, 6, KEEP, "", None),
    ]
    actions_table = pd.DataFrame(
        {"item": ["A2 · Reels"], "decision": [KEEP], "reason": [""]},
        index=pd.Index([2], dtype="Int64"),
    )
    (decision,) = review.edited_decisions(ACTION, actions_table)
    assert decision == Decision(ACTION, 2, KEEP, "", None)
    assert type(decision.item_id) is int
    assert review.edited_decisions(ACTION, actions_table.iloc[:0]) == []


def test_the_interpretation_draft_is_written_from_the_evidence(con, plan):
    cycle = review.get_cycle(con, plan["cycle"])
    draft = review.interpretation_draft(con, cycle, review.evidence(con, cycle), "en")
    assert draft == {
        "strengths": "- Reach 1,100 Instagram followers by the end of April: on track, 50 % of "
        "the way with 50 % of the time elapsed.\n"
        "- Instagram reels: 150 engagements.",
        "weaknesses": "- 1,000 social visits in March: 20 % of the way with 100 % of the time "
        "elapsed.",
        "opportunities": "No network grew on the previous period.",
    }


def test_opportunities_name_the_networks_that_grew(con, plan):
    con.execute(
        """INSERT INTO web_traffic (property, date_from, date_to, source, medium, campaign,
               content, term, sessions, engaged_sessions, conversions, revenue, import_id)
           VALUES ('P', '2026-02-10', '2026-02-10', 'facebook', 'social', '', '', '', 40, 0,
                   0, 0, 0)"""
    )
    cycle = review.get_cycle(con, plan["cycle"])
    draft = review.interpretation_draft(con, cycle, review.evidence(con, cycle), "es")
    assert draft["opportunities"] == (
        "- Sesiones desde Facebook: +150 % sobre el periodo anterior (40 → 100)."
    )


# ---------------------------------------------------------------------------------------------
# The next cycle
# ---------------------------------------------------------------------------------------------


def test_the_next_cycle_needs_a_saved_review(con, plan):
    with pytest.raises(InvalidInput) as refused:
        review.start_next_cycle(con, plan["cycle"])
    assert refused.value.key == "review.error.save_first"
    assert len(review.cycles(con)) == 1


def test_starting_the_next_cycle_carries_the_decisions_over(con, plan):
    review.save_review(
        con,
        plan["cycle"],
        [
            Decision(OBJECTIVE, plan["followers"], IMPROVE, "Aim higher", 1300),
            Decision(OBJECTIVE, plan["sessions"], DROP, "Not our channel"),
            Decision(ACTION, plan["reels"], IMPROVE, "Two a week"),
        ],
        TEXTS,
    )
    new_id = review.start_next_cycle(con, plan["cycle"])
    old, new = review.cycles(con)
    assert (old.status, new.status) == ("closed", "open")
    assert (new.number, new.date_from, new.date_to, new.period, new.previous_id) == (
        2,
        D(2026, 4, 1),
        D(2026, 4, 30),
        "month",
        plan["cycle"],
    )
    # improved: the new target, waiting to be adjusted; dropped: archived with its action
    assert objectives.get_objective(con, plan["followers"]).target == 1300
    assert objectives.get_objective(con, plan["sessions"]).status == objectives.ARCHIVED
    assert actions.get_action(con, plan["ads"]).status == actions.DROPPED
    assert actions.get_action(con, plan["reels"]).status == "planned"
    carried = review.carried(con, new_id)
    assert carried[["kind", "item_id", "origin", "reason", "adjusted"]].values.tolist() == [
        [OBJECTIVE, plan["followers"], IMPROVE, "Aim higher", False],
        [ACTION, plan["reels"], IMPROVE, "Two a week", False],
        [OBJECTIVE, plan["sessions"], DROP, "Not our channel", True],
        [ACTION, plan["ads"], DROP, "Not our channel", True],
    ]
    review.mark_adjusted(con, new_id, OBJECTIVE, plan["followers"])
    assert review.carried(con, new_id)["adjusted"].tolist() == [True, False, True, True]
    assert review.dropped(con)[["cycle", "label", "reason"]].values.tolist() == [
        [1, "1,000 social visits in March", "Not our channel"],
        [1, "Facebook posts", "Not our channel"],
    ]
    # the closed cycle's review can no longer change
    with pytest.raises(InvalidInput) as refused:
        review.save_review(con, plan["cycle"], [], TEXTS)
    assert refused.value.key == "review.error.closed"
    # the April review reads the improved objective with its new target
    april = review.evidence(con, review.current_cycle(con))
    assert april[["kind", "item_id", "target"]].values.tolist()[0] == [
        OBJECTIVE,
        plan["followers"],
        1300.0,
    ]


def test_kept_items_carry_over_unchanged_and_cost_per_result_compares_cycles(con, plan):
    review.save_review(con, plan["cycle"], [], TEXTS)
    new_id = review.start_next_cycle(con, plan["cycle"], "custom", D(2026, 4, 1), D(2026, 4, 15))
    assert review.current_cycle(con).date_to == D(2026, 4, 15)
    assert objectives.get_objective(con, plan["followers"]).target == 1100
    assert set(review.carried(con, new_id)["origin"]) == {KEEP, IMPROVE}
    assert review.previous_costs(con, review.current_cycle(con)) == {
        (OBJECTIVE, plan["followers"]): 3.1,
        (ACTION, plan["reels"]): pytest.approx(310 / 150),
    }


def test_the_next_cycle_cannot_start_before_the_current_one(con, plan):
    review.save_review(con, plan["cycle"], [], TEXTS)
    with pytest.raises(InvalidInput) as refused:
        review.start_next_cycle(con, plan["cycle"], "month", D(2026, 2, 1))
    assert refused.value.message("en") == "The next cycle must start after this cycle's first day."
    assert review.current_cycle(con).cycle_id == plan["cycle"]


# ---------------------------------------------------------------------------------------------
# History and export
# ---------------------------------------------------------------------------------------------


def test_history_shows_the_latest_version_of_each_cycle(con, plan):
    review.save_review(con, plan["cycle"], [], TEXTS)
    review.save_review(
        con, plan["cycle"], [Decision(OBJECTIVE, plan["sessions"], DROP, "Not ours")], TEXTS
    )
    review.start_next_cycle(con, plan["cycle"])
    past = review.history(con)
    assert past[["cycle", "version", "kind", "item_id", "decision"]].values.tolist() == [
        [1, 2, OBJECTIVE, plan["followers"], KEEP],
        [1, 2, OBJECTIVE, plan["sessions"], DROP],
        [1, 2, ACTION, plan["reels"], KEEP],
        [1, 2, ACTION, plan["ads"], IMPROVE],
    ]
    assert review.cycles_overview(con).values.tolist() == [
        [1, D(2026, 3, 1), D(2026, 3, 31), "closed", 2, 2, 1, 1],
        [2, D(2026, 4, 1), D(2026, 4, 30), "open", 0, 0, 0, 0],
    ]


def test_the_review_exports_as_a_workbook_with_one_sheet_per_section(con, plan):
    saved = review.save_review(
        con,
        plan["cycle"],
        [Decision(OBJECTIVE, plan["sessions"], DROP, "=HYPERLINK(evil)")],
        {**TEXTS, "opportunities": "+ TikTok"},
    )
    book = load_workbook(io.BytesIO(review.workbook(con, saved.review_id, "en")))
    assert book.sheetnames == ["Review", "Objectives", "Actions", "Interpretation", "Rules"]
    sheet = [list(row) for row in book["Objectives"].iter_rows(values_only=True)]
    assert sheet[0][:10] == [
        "#",
        "Objective or action",
        "KPI",
        "Network",
        "Baseline",
        "Target",
        "Achieved",
        "Progress (%)",
        "Time elapsed (%)",
        "Status",
    ]
    header = sheet[0]
    sessions = dict(zip(header, sheet[2], strict=True))
    assert sessions["Achieved"] == 200
    assert sessions["Progress (%)"] == 20.0
    assert sessions["Suggested"] == "Improve"
    assert sessions["Rule"] == "Behind"
    assert sessions["Decision"] == "Drop"
    assert sessions["Reason"] == "'=HYPERLINK(evil)"
    about = dict(book["Review"].iter_rows(values_only=True))
    assert about["Cycle"] == "1"
    assert about["Period"] == "2026-03-01 – 2026-03-31"
    assert about["Version"] == "1"
    interpretation = list(book["Interpretation"].iter_rows(values_only=True))
    assert interpretation[3] == ("Opportunities", "'+ TikTok")
    actions_sheet = list(book["Actions"].iter_rows(values_only=True))
    assert actions_sheet[1][:3] == (plan["reels"], plan["followers"], "Instagram reels")
    rules = list(book["Rules"].iter_rows(values_only=True))
    assert len(rules) == 1 + len(review.OBJECTIVE_RULES) + len(review.ACTION_RULES)
    spanish = load_workbook(io.BytesIO(review.workbook(con, saved.review_id, "es")))
    assert spanish.sheetnames == ["Revisión", "Objetivos", "Acciones", "Interpretación", "Reglas"]


# ---------------------------------------------------------------------------------------------
# The demo workspace
# ---------------------------------------------------------------------------------------------


def test_the_demo_has_one_finished_review_and_a_current_cycle(demo_db, con):
    past, current = review.cycles(con)
    assert (past.date_from, past.date_to, past.status) == (D(2026, 9, 1), D(2026, 9, 30), "closed")
    assert (current.date_from, current.date_to, current.status) == (
        D(2026, 10, 1),
        D(2026, 10, 31),
        "open",
    )
    assert review.cycles_overview(con)[["versions", "keep", "improve", "drop"]].values.tolist() == [
        [1, 5, 8, 2],
        [0, 0, 0, 0],
    ]
    history = review.history(con)
    overridden = history[history["decision"] != history["suggested"]]
    assert overridden[["kind", "label", "suggested", "decision"]].values.tolist() == [
        [
            OBJECTIVE,
            "Sumar 25.000 interacciones en TikTok en el segundo semestre de 2026 con una serie "
            "semanal de recetas.",
            IMPROVE,
            KEEP,
        ],
        [ACTION, "Butlletí setmanal con enlace a la tienda", IMPROVE, KEEP],
        [ACTION, "Serie semanal de recetas en TikTok", IMPROVE, KEEP],
    ]
    assert review.dropped(con)["label"].str.slice(0, 25).tolist() == [
        "Subir el CTR de los tuits",
        "Un enlace con UTM a la ti",
    ]
    evidence = review.evidence(con, current)
    assert len(evidence) == 17
    tiktok = evidence[evidence["label"].str.startswith("Serie semanal de recetas")].iloc[0]
    assert (tiktok["suggested"], tiktok["rule"]) == (IMPROVE, "cost_worse")
    workspace.start_empty(con)
    assert review.cycles(con) == []
    assert con.execute("SELECT count(*) FROM actions").fetchone()[0] == 0


def test_the_cycle_evidence_reads_the_totals_the_page_shows_in_one_go(demo_db, con):
    """The Plan review reads the evidence and its actions' totals together: the same frame as
    ``evidence`` and the totals of the listed actions up to the last day with data."""
    current = review.current_cycle(con)
    found = review.cycle_evidence(con, current)
    pd.testing.assert_frame_equal(found.frame, review.evidence(con, current))
    ids = found.frame.loc[found.frame["kind"] == ACTION, "item_id"].astype(int).tolist()
    last = review.cycle_as_of(con, current)
    assert len(ids) == 8 and last == D(2026, 10, 31)
    pd.testing.assert_frame_equal(
        found.totals, actions.result_totals(con, ids, current.date_from, last), rtol=1e-12
    )
    costs = actions.cost_totals(con, ids, current.date_from, last)
    # DuckDB adds amounts in parallel, in any order: the last bit of a sum may differ run to run
    assert found.costs.total == pytest.approx(costs.total, rel=1e-12)
    assert found.costs.claimed == pytest.approx(costs.claimed, rel=1e-12)
    assert found.costs.by_objective == pytest.approx(costs.by_objective, rel=1e-12)
    assert found.totals["result_kind"].tolist() == ["conversions", "engagements"]
    assert found.costs.total is not None and found.costs.by_objective
    # objectives without actions' costs take their networks' costs (read once per dates)
    from_networks = 0
    for row in found.frame[found.frame["kind"] == OBJECTIVE].itertuples():
        if row.objective_id in found.costs.by_objective:
            continue
        item = objectives.get_objective(con, int(row.objective_id))
        own = min(objectives.as_of_date(con, item), last)
        expected = review.scope_cost(con, item, current.date_from, own)
        assert (None if pd.isna(row.cost) else row.cost) == pytest.approx(expected), row.label
        from_networks += expected is not None
    assert from_networks >= 1
