"""Goals and objectives: storage and archive, baseline, SMART check, progress, status, forecast."""

import dataclasses
import datetime as dt
import json

import pytest
from kpi_fixture import daily, fill, insert_daily

from smdash.db import store
from smdash.metrics import kpis
from smdash.plan import annotations, objectives
from smdash.plan.objectives import Facts, InvalidInput, Objective

D = dt.date
STATEMENT = "Reach 1,100 Instagram followers by the end of April 2026"


@pytest.fixture
def data(con):
    fill(con)
    return con


def objective(**changes) -> Objective:
    base = Objective(
        None,
        STATEMENT,
        None,
        "followers",
        "instagram",
        900.0,
        1100.0,
        D(2026, 3, 1),
        D(2026, 4, 30),
        "Clara",
        "",
    )
    return dataclasses.replace(base, **changes)


def facts(**changes) -> Facts:
    base = Facts(
        current=10.0, progress=0.5, expected=0.5, meets_target=False, deadline_passed=False
    )
    return dataclasses.replace(base, **changes)


# ---------------------------------------------------------------------------------------------
# Goals and objectives: nothing is deleted, archive is a status
# ---------------------------------------------------------------------------------------------


def test_objectives_are_created_edited_archived_and_restored(con):
    goal = objectives.add_goal(con, "  Grow online sales 10% in 2026 ")
    created = objectives.add_objective(con, objective(goal_id=goal, notes=" weekly reels "))
    stored = objectives.get_objective(con, created)
    assert stored == objective(objective_id=created, goal_id=goal, notes="weekly reels")
    objectives.update_objective(con, dataclasses.replace(stored, target=1200.0))
    assert objectives.get_objective(con, created).target == 1200.0
    objectives.set_objective_status(con, created, objectives.ARCHIVED)
    assert objectives.list_objectives(con) == []
    assert [o.objective_id for o in objectives.list_objectives(con, objectives.ARCHIVED)] == [
        created
    ]
    objectives.set_objective_status(con, created, objectives.ACTIVE)
    assert [o.objective_id for o in objectives.list_objectives(con)] == [created]
    objectives.set_goal_status(con, goal, objectives.ARCHIVED)
    assert objectives.goals(con).empty
    assert objectives.goals(con, include_archived=True)[
        ["name", "status", "objectives"]
    ].values.tolist() == [["Grow online sales 10% in 2026", "archived", 1]]
    assert objectives.get_objective(con, created).goal_id == goal  # the link is kept


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"statement": "x" * 281}, "The statement has 281 characters; at most 280 fit."),
        ({"statement": "   "}, "Write the objective's statement."),
        ({"target": None}, "Enter a target."),
        ({"baseline": None}, "Enter a baseline: there is no data to propose one."),
        ({"kpi": "likes"}, "Unknown KPI: likes."),
        ({"goal_id": 99}, "That business goal no longer exists."),
    ],
)
def test_an_objective_the_user_must_correct_is_refused_with_a_message(con, changes, message):
    with pytest.raises(InvalidInput) as caught:
        objectives.add_objective(con, objective(**changes))
    assert caught.value.message("en") == message
    assert objectives.list_objectives(con, None) == []


def test_a_statement_of_exactly_280_characters_fits(con):
    assert objectives.add_objective(con, objective(statement="x" * 280)) == 1


# ---------------------------------------------------------------------------------------------
# Baseline
# ---------------------------------------------------------------------------------------------


def test_baseline_is_the_kpi_over_the_same_length_before_the_start(data):
    # a 31-day objective starting 1 March: the baseline period is 29/01 - 28/02
    march = (D(2026, 3, 1), D(2026, 3, 31))
    assert objectives.propose_baseline(data, "followers", "instagram", *march) == 900
    april = (D(2026, 4, 1), D(2026, 4, 30))  # 2/3 - 31/3
    assert objectives.propose_baseline(data, "sessions", "all", *april) == 100  # 50 + 50
    assert objectives.propose_baseline(data, "posts", "youtube", *april) is None
    # 15-31 March: the period before, 26/02 - 14/03, starts before the web data (01/03)
    late_march = (D(2026, 3, 15), D(2026, 3, 31))
    assert objectives.propose_baseline(data, "sessions", "all", *late_march) is None
    assert objectives.propose_baseline(data, "followers", "instagram", *late_march) == 900


# ---------------------------------------------------------------------------------------------
# SMART check
# ---------------------------------------------------------------------------------------------


def checks(con, item):
    return {c.letter: (c.verdict, c.reason("en")) for c in objectives.smart_check(con, item)}


def test_a_smart_objective_passes_every_letter(data):
    goal = objectives.add_goal(data, "Be known beyond our four neighbourhoods")
    # a 15-day objective from 1 April: two whole periods of history before it (2-16/3, 17-31/3)
    item = objective(
        statement="Reach 1,070 Instagram followers by 15 April 2026",
        goal_id=goal,
        baseline=1000.0,
        target=1070.0,
        start_date=D(2026, 4, 1),
        deadline=D(2026, 4, 15),
    )
    assert checks(data, item) == {
        "S": ("pass", "One KPI, one scope and a statement."),
        "M": (
            "pass",
            "The KPI can be computed from the imported data for this scope "
            "(2026-02-28 – 2026-03-31).",
        ),
        "A": (
            "pass",
            "The target needs +7 % on the baseline; the best change seen from one period of "
            "the same length to the next was +5 %.",
        ),
        "R": ("pass", "Serves the business goal: Be known beyond our four neighbourhoods."),
        "T": ("pass", "The deadline is 14 days after the start."),
    }


def test_a_target_beyond_the_stated_multiple_of_the_best_growth_is_very_ambitious(data):
    item = objective(
        baseline=1000.0, target=1100.0, start_date=D(2026, 4, 1), deadline=D(2026, 4, 15)
    )
    # needed +10 %; best seen 950 -> 1000 = +5.3 %; 10 > 1.5 x 5.3
    assert objectives.best_growth(
        data, "followers", "instagram", D(2026, 4, 1), D(2026, 4, 15)
    ) == pytest.approx(50 / 950)
    assert checks(data, item)["A"] == (
        "warn",
        "Very ambitious: the target needs +10 % on the baseline, more than 1.5 times the best "
        "change seen from one period of the same length to the next (+5 %).",
    )


def test_smart_flags_no_goal_no_data_no_history_and_a_deadline_before_the_start(data):
    item = objective(scope="youtube", start_date=D(2026, 4, 1), deadline=D(2026, 3, 1))
    result = checks(data, item)
    assert result["R"] == ("fail", "Not linked to a business goal.")
    assert result["T"] == ("fail", "The deadline must come after the start.")
    assert result["M"][0] == "warn"
    assert result["M"][1] == (
        "No imported data for this KPI and scope yet: import the daily followers series of "
        "YouTube (Meta Business Suite)."
    )
    assert checks(data, objective())["A"][0] == "warn"  # 59 days: not two periods of history


def test_smart_with_a_zero_baseline_cannot_judge_the_growth(data):
    assert checks(data, objective(baseline=0.0))["A"] == (
        "warn",
        "No baseline to compare the target with (it is 0 or empty).",
    )


def test_cost_per_conversion_is_not_measurable_until_costs_exist(data):
    item = objective(kpi="cost_per_conversion", scope="all", baseline=15.0, target=12.0)
    assert checks(data, item)["M"] == (
        "warn",
        "Cost per conversion needs costs, and none are recorded yet: import an ads manager "
        "export or enter costs on the Costs page.",
    )
    assert objectives.needed_growth(item) == pytest.approx(0.2)  # lower is better: -3 on 15


# ---------------------------------------------------------------------------------------------
# Status rule
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "status", "rule"),
    [
        ({"current": None, "progress": None}, "no_data", "no_data"),
        ({"meets_target": True, "deadline_passed": True}, "achieved", "achieved"),
        ({"deadline_passed": True, "progress": 0.99, "expected": 1.0}, "behind", "deadline_passed"),
        ({"progress": None}, "no_data", "no_progress"),
        ({"progress": 0.40, "expected": 0.50}, "on_track", "on_track"),
        ({"progress": 0.39, "expected": 0.50}, "at_risk", "at_risk"),
        ({"progress": 0.25, "expected": 0.50}, "at_risk", "at_risk"),
        ({"progress": 0.24, "expected": 0.50}, "behind", "behind"),
        ({"progress": -0.3, "expected": 0.0}, "behind", "behind"),
    ],
)
def test_status_rule_first_match_wins(changes, status, rule):
    assert objectives.status_of(facts(**changes)) == (status, rule)


def test_progress_from_baseline_to_target_when_the_target_is_below_the_baseline():
    down = kpis.KPIS["cost_per_conversion"]  # lower is better
    assert objectives.share_of_way(down, 13.5, 15.0, 12.0) == pytest.approx(0.5)
    assert objectives.meets(down, 11.9, 12.0)
    up = kpis.KPIS["engagement_rate"]  # a floor to hold: target below the baseline
    assert objectives.share_of_way(up, 4.2, 4.4, 4.0) == 1.0
    assert objectives.share_of_way(up, 3.9, 4.4, 4.0) == 0.0


def test_progress_from_a_zero_baseline():
    rate = kpis.KPIS["conversion_rate"]
    assert objectives.share_of_way(rate, 1.0, 0.0, 2.0) == 0.5
    totals = kpis.KPIS["sessions"]  # totals accumulate towards the target
    assert objectives.share_of_way(totals, 50.0, 0.0, 200.0) == 0.25
    assert objectives.share_of_way(totals, 50.0, 0.0, 0.0) is None


def test_progress_of_a_level_half_way_at_half_time_is_on_track(data):
    result = objectives.progress(data, objective(objective_id=1))
    # instagram followers: last day with data 31/03; 900 -> 1000 of 900 -> 1100; 30 of 60 days
    assert result.as_of == D(2026, 3, 31)
    assert (result.current, result.progress, result.expected_progress) == (1000.0, 0.5, 0.5)
    assert (result.status, result.rule) == ("on_track", "on_track")
    assert result.needed_per_week == pytest.approx(100 / (30 / 7))
    # weekly values 900, 950, 1000 in the weeks of 26/02, 12/03, 26/03: +25 a week
    assert result.forecast == pytest.approx(1000 + 25 * 30 / 7)


def test_a_total_past_its_target_is_achieved(data):
    item = objective(
        kpi="sessions", scope="all", baseline=150.0, target=150.0, deadline=D(2026, 3, 31)
    )
    result = objectives.progress(data, item)
    assert (result.as_of, result.current, result.status) == (D(2026, 3, 31), 200.0, "achieved")
    assert result.needed_per_week is None  # the deadline is reached


def test_a_passed_deadline_without_the_target_is_behind(data):
    item = objective(target=1200.0, deadline=D(2026, 3, 20))
    result = objectives.progress(data, item)
    # as of 20/03: 950 followers, the deadline is reached, 1,200 is not
    assert (result.as_of, result.current, result.status, result.rule) == (
        D(2026, 3, 20),
        950.0,
        "behind",
        "deadline_passed",
    )


def test_no_data_for_the_scope_gives_no_data(data):
    result = objectives.progress(data, objective(scope="youtube"))
    assert (result.current, result.status, result.forecast) == (None, "no_data", None)


def test_an_objective_that_has_not_started_has_no_value_yet(data):
    result = objectives.progress(data, objective(start_date=D(2026, 5, 1), deadline=D(2026, 6, 30)))
    assert (result.current, result.expected_progress, result.status) == (None, 0.0, "no_data")


# ---------------------------------------------------------------------------------------------
# Forecast
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def trend(con):
    """Instagram followers +2 a day and 3 new followers a day, 05/01 - 05/04/2026 (91 days)."""
    first = D(2026, 1, 5)
    insert_daily(con, daily("instagram", "followers", first, [1000 + 2 * i for i in range(91)]))
    insert_daily(con, daily("instagram", "new_followers", first, [3] * 91))
    return con


def test_forecast_of_a_level_extends_the_weekly_trend_to_the_deadline(trend):
    item = objective(
        baseline=1000.0, target=1300.0, start_date=D(2026, 1, 5), deadline=D(2026, 4, 19)
    )
    result = objectives.progress(trend, item)
    assert result.current == 1180  # 1000 + 2 x 90 on 05/04
    assert result.forecast == pytest.approx(1208)  # two more weeks of +14
    assert result.forecast_method == "linear_trend"
    assert result.needed_per_week == pytest.approx((1300 - 1180) / 2)


def test_forecast_of_a_total_adds_the_weekly_amounts_still_to_come(trend):
    item = objective(
        kpi="follower_growth",
        baseline=60.0,
        target=100.0,
        start_date=D(2026, 3, 30),
        deadline=D(2026, 4, 19),
    )
    result = objectives.progress(trend, item)
    assert result.current == 21  # 30/03 - 05/04
    assert result.forecast == pytest.approx(63)  # + 21 a week for two weeks
    assert result.progress == pytest.approx(0.21)
    assert result.expected_progress == pytest.approx(6 / 20)


def test_json_of_a_progress_has_the_cli_fields(data):
    assert objectives.progress(data, objective(objective_id=7)).as_json() == {
        "objective_id": 7,
        "as_of": "2026-03-31",
        "current": 1000.0,
        "baseline": 900.0,
        "target": 1100.0,
        "progress": 0.5,
        "expected_progress": 0.5,
        "status": "on_track",
        "rule": "on_track",
        "forecast": pytest.approx(1000 + 25 * 30 / 7),
        "forecast_method": "linear_trend",
        "needed_per_week": pytest.approx(23.333333),
    }


# ---------------------------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------------------------


def test_seed_demo_proposes_missing_baselines_and_clear_removes_everything(data, tmp_path):
    plan = {
        "goals": [{"key": "g", "name": "Grow online sales"}],
        "objectives": [
            {
                "goal": "g",
                "kpi": "followers",
                "scope": "instagram",
                "target": 1100,
                "start": "2026-03-01",
                "deadline": "2026-04-30",
                "statement": "1,100 followers",
            }
        ],
        "annotations": [{"from": "2026-03-01", "to": "2026-03-19", "note": "Fallas"}],
    }
    path = tmp_path / objectives.DEMO_FILE
    path.write_text(json.dumps(plan), encoding="utf-8")
    assert objectives.seed_demo(data, tmp_path) == 1
    (item,) = objectives.list_objectives(data)
    assert (item.baseline, item.target, item.goal_id) == (900.0, 1100.0, 1)
    assert annotations.annotations(data)["note"].tolist() == ["Fallas"]
    objectives.clear_workspace(data)
    assert objectives.list_objectives(data, None) == []
    assert objectives.goals(data, include_archived=True).empty
    assert annotations.annotations(data).empty


def test_cli_prints_an_objectives_progress_as_json(data, db_path, capsys):
    from smdash.cli import main

    objectives.add_objective(data, objective())
    data.close()  # the CLI opens the file itself
    assert main(["kpi", "--db", str(db_path), "--objective", "1", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {k: printed[k] for k in ("current", "target", "progress", "expected_progress")} == {
        "current": 1000.0,
        "target": 1100.0,
        "progress": 0.5,
        "expected_progress": 0.5,
    }
    assert (printed["status"], printed["kpi"], printed["scope"]) == (
        "on_track",
        "followers",
        "instagram",
    )
    assert printed["forecast"] == pytest.approx(1000 + 25 * 30 / 7)
    assert printed["forecast_method"].startswith("linear trend (least squares)")
    assert main(["kpi", "--db", str(db_path), "--objective", "9"]) == 1
    assert capsys.readouterr().err == "ERROR no objective with id 9\n"


# ---------------------------------------------------------------------------------------------
# Forms: every problem names its field; a second click on Save adds nothing
# ---------------------------------------------------------------------------------------------


def test_problems_name_the_field_they_concern_in_english_and_spanish(con):
    item = objective(statement=" ", target=-5.0, baseline=None, goal_id=99)
    found = objectives.problems(con, item)
    assert [(p.field, p.message("en")) for p in found] == [
        ("statement", "Write the objective's statement."),
        ("goal_id", "That business goal no longer exists."),
        ("baseline", "Enter a baseline: there is no data to propose one."),
        ("target", "The target cannot be negative."),
    ]
    assert found[-1].message("es") == "La meta no puede ser negativa."
    assert objectives.problems(con, objective()) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target": None}, "Enter a target."),
        ({"target": float("nan")}, "The target cannot be negative."),
        (
            {"kpi": "sessions", "scope": "all", "target": 0.0},
            "This KPI adds up from 0 each period: the target must be above 0.",
        ),
        (
            {"kpi": "engagement_rate", "target": 460.0},
            "A percentage cannot go above 100: write the target as a percentage (4.6 for 4.6 %).",
        ),
    ],
)
def test_a_target_the_kpi_cannot_reach_is_refused_at_the_target(con, changes, message):
    assert [(p.field, p.message("en")) for p in objectives.problems(con, objective(**changes))] == [
        ("target", message)
    ]
    with pytest.raises(InvalidInput):
        objectives.add_objective(con, objective(**changes))
    assert objectives.list_objectives(con, None) == []


def test_a_level_may_aim_at_0_and_a_rate_at_100(con):
    assert objectives.problems(con, objective(target=0.0)) == []  # followers: a level
    assert objectives.problems(con, objective(kpi="engagement_rate", target=100.0)) == []


def test_the_same_objective_saved_twice_in_a_row_is_one_objective(con, monkeypatch):
    first = objectives.add_objective(con, objective())
    assert objectives.add_objective(con, objective(statement=f"  {STATEMENT} ")) == first
    other = objectives.add_objective(con, objective(target=1200.0))
    assert other != first
    assert len(objectives.list_objectives(con)) == 2
    monkeypatch.setattr(objectives, "REPEAT_SECONDS", 0)  # later, it is a new objective
    assert objectives.add_objective(con, objective()) not in (first, other)
    assert len(objectives.list_objectives(con)) == 3


def test_objectives_read_in_one_go_are_those_read_one_by_one(demo_db):
    """The pages read every objective's progress and SMART check in one go: the same results,
    figure for figure, as reading each objective alone (the demo's web and social KPIs)."""
    with store.connect(demo_db) as con:
        items = objectives.list_objectives(con)
        assert len(items) >= 9 and {kpis.KPIS[o.kpi].source for o in items} >= {"web", "posts"}
        together = objectives.progress_of(con, items)
        checks = objectives.smart_checks(con, items)
        assert together == {o.objective_id: objectives.progress(con, o) for o in items}
        assert checks == {o.objective_id: objectives.smart_check(con, o) for o in items}
        assert any(p.current is not None and p.forecast is not None for p in together.values())
        # the pages ask for the active objectives without naming them (a cheap cache key)
        assert objectives.progress_of(con) == together
        assert objectives.smart_checks(con) == checks
