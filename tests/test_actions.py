"""The plan's actions: stored and checked, and their results from the data (campaign traffic,
posts of a network in the action's dates) with cost per result."""

import datetime as dt

import pytest
from kpi_fixture import fill

from smdash.plan import actions, objectives
from smdash.plan.actions import Action
from smdash.plan.objectives import InvalidInput, Objective

D = dt.date


@pytest.fixture
def objective_id(con):
    fill(con)
    goal = objectives.add_goal(con, "Grow online sales")
    return objectives.add_objective(
        con,
        Objective(
            None, "Web sessions", goal, "sessions", "all", 100, 1000, D(2026, 3, 1), D(2026, 4, 30)
        ),
    )


def action(objective, **changes) -> Action:
    values = {
        "action_id": None,
        "objective_id": objective,
        "description": "Spring campaign",
        "network": "",
        "campaign": "",
        "start_date": D(2026, 3, 1),
        "end_date": D(2026, 3, 31),
    }
    return Action(**{**values, **changes})


def tag_campaign(con, campaign: str, day: str, sessions: int, conversions: float) -> None:
    con.execute(
        """INSERT INTO web_traffic (property, date_from, date_to, source, medium, campaign,
                                    content, term, sessions, engaged_sessions, conversions,
                                    revenue, import_id)
           VALUES ('P', ?, ?, 'facebook', 'paid_social', ?, '', '', ?, 0, ?, 0, 0)""",
        [day, day, campaign, sessions, conversions],
    )


def test_an_action_is_stored_trimmed_and_edited(con, objective_id):
    created = actions.add_action(
        con, action(objective_id, description="  Reels  ", network="instagram", cost=300.0)
    )
    stored = actions.get_action(con, created)
    assert stored == Action(
        created, objective_id, "Reels", "instagram", "", D(2026, 3, 1), D(2026, 3, 31), "", 300.0
    )
    actions.update_action(con, Action(**{**stored.__dict__, "status": "done", "owner": " Clara "}))
    assert actions.get_action(con, created).status == "done"
    assert actions.get_action(con, created).owner == "Clara"
    actions.set_status(con, created, actions.DROPPED)
    assert actions.list_actions(con) == []
    assert [a.action_id for a in actions.list_actions(con, include_dropped=True)] == [created]


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"description": " "}, "actions.error.no_description"),
        ({"description": "x" * 201}, "actions.error.too_long"),
        ({"objective_id": 99}, "actions.error.objective"),
        ({"network": "myspace"}, "actions.error.network"),
        ({"end_date": None}, "actions.error.no_dates"),
        ({"end_date": D(2026, 2, 28)}, "actions.error.dates"),
        ({"cost": -1.0}, "actions.error.cost"),
        ({"status": "paused"}, "actions.error.status"),
    ],
)
def test_bad_actions_are_refused_with_a_message(con, objective_id, changes, key):
    with pytest.raises(InvalidInput) as refused:
        actions.add_action(con, action(objective_id, **changes))
    assert refused.value.key == key
    assert con.execute("SELECT count(*) FROM actions").fetchone()[0] == 0


def test_the_end_before_the_start_reads_as_a_sentence(con, objective_id):
    with pytest.raises(InvalidInput) as refused:
        actions.add_action(con, action(objective_id, end_date=D(2026, 2, 1)))
    assert refused.value.message("en") == "The action's end comes before its start."
    assert refused.value.message("es") == "El fin de la acción es anterior a su inicio."


def test_a_campaign_action_counts_its_tagged_traffic_inside_its_dates(con, objective_id):
    tag_campaign(con, "Spring-26", "2026-02-28", 500, 50)  # before the action
    tag_campaign(con, "spring-26", "2026-03-02", 40, 4)
    tag_campaign(con, "SPRING-26", "2026-03-20", 60, 1)
    tag_campaign(con, "spring26", "2026-03-21", 10, 1)  # merged into spring-26 below
    tag_campaign(con, "spring-26", "2026-04-01", 900, 9)  # after it
    con.execute("INSERT INTO campaign_aliases VALUES ('spring26', 'spring-26')")
    created = actions.add_action(con, action(objective_id, campaign="spring-26", cost=155.0))
    row = actions.results(con).set_index("action_id").loc[created]
    assert (row.sessions, row.conversions, row.result_kind, row.result) == (
        110,
        6.0,
        "conversions",
        6.0,
    )
    assert (row.cost, row.cost_source) == (155.0, "action")
    assert row.cost_per_result == pytest.approx(155 / 6)


def test_a_network_action_counts_the_posts_of_its_network_in_its_dates(con, objective_id):
    created = actions.add_action(
        con, action(objective_id, network="facebook", end_date=D(2026, 3, 5), cost=50.0)
    )
    row = actions.results(con).set_index("action_id").loc[created]
    # p1 (2026-03-02) only: p2 is published on 2026-03-10, after the action
    assert (row.posts, row.engagements, row.result_kind, row.result) == (1, 50, "engagements", 50)
    assert row.cost_per_result == 1.0


def test_inside_a_review_period_the_cost_counts_the_days_that_fall_in_it(con, objective_id):
    created = actions.add_action(
        con,
        action(
            objective_id,
            network="facebook",
            start_date=D(2026, 2, 20),
            end_date=D(2026, 3, 11),
            cost=200.0,
        ),
    )
    row = actions.results(con, D(2026, 3, 1), D(2026, 3, 31)).set_index("action_id").loc[created]
    # 11 of its 20 days fall in March; p1 and p2 (150 engagements) too
    assert (row.first_day, row.last_day) == (D(2026, 3, 1), D(2026, 3, 11))
    assert row.cost == pytest.approx(110.0)
    assert row.result == 150
    outside = actions.results(con, D(2026, 4, 1), D(2026, 4, 30)).set_index("action_id")
    assert outside.loc[created].isna()[["result", "cost", "cost_per_result"]].all()


def test_without_its_own_cost_a_campaign_action_takes_its_campaigns_recorded_costs(
    con, objective_id
):
    tag_campaign(con, "catering", "2026-03-10", 80, 8)
    con.execute(
        """INSERT INTO manual_costs (month, network, campaign, category, amount)
           VALUES ('2026-03-01', 'linkedin', 'Catering', 'ads', 310),
                  ('2026-03-01', 'linkedin', 'other', 'ads', 999)"""
    )
    created = actions.add_action(
        con, action(objective_id, campaign="catering", end_date=D(2026, 3, 10))
    )
    row = actions.results(con).set_index("action_id").loc[created]
    # 10 of March's 31 days of the 310 € line
    assert (row.cost, row.cost_source) == (pytest.approx(100.0), "costs")
    assert row.cost_per_result == pytest.approx(12.5)


def test_an_action_with_neither_campaign_nor_network_has_no_results(con, objective_id):
    created = actions.add_action(con, action(objective_id))
    row = actions.results(con).set_index("action_id").loc[created]
    assert row.isna()[["result", "result_kind", "cost", "cost_per_result"]].all()


def test_the_plan_lists_the_actions_of_active_objectives(con, objective_id):
    kept = actions.add_action(con, action(objective_id, description="Kept"))
    dropped = actions.add_action(con, action(objective_id, description="Dropped"))
    actions.set_status(con, dropped, actions.DROPPED)
    assert actions.plan(con)["action_id"].tolist() == [kept]
    objectives.set_objective_status(con, objective_id, objectives.ARCHIVED)
    assert actions.plan(con).empty


def test_problems_name_the_field_they_concern(con, objective_id):
    bad = action(objective_id, description="", end_date=D(2026, 2, 1), cost=-3.0)
    assert [(p.field, p.message("en")) for p in actions.problems(con, bad)] == [
        ("description", "Describe the action."),
        ("end_date", "The action's end comes before its start."),
        ("cost", "The cost cannot be negative."),
    ]
    assert actions.problems(con, action(objective_id)) == []


def test_the_same_action_saved_twice_in_a_row_is_one_action(con, objective_id, monkeypatch):
    first = actions.add_action(con, action(objective_id))
    assert actions.add_action(con, action(objective_id, description=" Spring campaign")) == first
    assert actions.add_action(con, action(objective_id, network="instagram")) != first
    monkeypatch.setattr(actions, "REPEAT_SECONDS", 0)
    actions.add_action(con, action(objective_id))
    assert con.execute("SELECT count(*) FROM actions").fetchone()[0] == 3
