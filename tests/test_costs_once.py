"""A campaign's cost counted once (issue 15, points 2 and 3): two actions of one UTM campaign
each show the campaign's costs, marked as shared; their objective's cost and the review's
totals count them once, as the Costs page does; an action's own cost stays its own."""

import datetime as dt

import pytest
from page_support import run, texts
from signin_support import signed_in
from test_action_attribution import add, plan  # noqa: F401 - the fixture

from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.plan import actions, costs
from smdash.review import cost_totals_note, current_cycle, evidence, shared_cost_note
from smdash.review.cycles import start_first_cycle

D = dt.date
FIRST_HALF = (D(2026, 3, 1), D(2026, 3, 15))


@pytest.fixture
def easter(plan):  # noqa: F811 - the fixture imported above
    """Pascua's €310 of Instagram ads in March, taken by two actions of the campaign (the first
    over 1-15 March), and a third that has its own cost."""
    costs.add_cost(plan, D(2026, 3, 1), "instagram", "ads", 310, "Meta Ads", "Pascua")
    posts = add(plan, "Easter posts", campaign="pascua", dates=FIRST_HALF)
    ads = add(plan, "Easter ads", network="", campaign="pascua")
    flyer = add(plan, "Easter flyer", network="", campaign="pascua", cost=100.0)
    return plan, posts, ads, flyer


def test_each_action_shows_the_campaigns_costs_marked_as_shared(easter):
    con, posts, ads, flyer = easter
    found = actions.results(con).set_index("action_id")
    # 15 of March's 31 days of the 310 € line are the posts' and the ads' both
    assert found.loc[posts, "cost"] == pytest.approx(150.0)
    assert found.loc[posts, "shared_cost"] == pytest.approx(150.0)
    assert found.loc[posts, "cost_shared_with"] == str(ads)
    assert found.loc[ads, "cost"] == pytest.approx(310.0)
    assert found.loc[ads, "shared_cost"] == pytest.approx(150.0)
    assert found.loc[ads, "cost_shared_with"] == str(posts)
    # the flyer's own cost is its own: it takes no part of the campaign's costs
    assert (found.loc[flyer, "cost"], found.loc[flyer, "cost_source"]) == (100.0, "action")
    assert found.loc[flyer, "cost_shared_with"] == ""
    row = found.loc[posts]
    assert shared_cost_note(row.cost_shared_with, row.shared_cost, row.cost, "en", "EUR") == (
        f"shared with A{ads}"
    )
    row = found.loc[ads]
    assert shared_cost_note(row.cost_shared_with, row.shared_cost, row.cost, "en", "EUR") == (
        f"€150.00 of it shared with A{posts}"
    )
    assert shared_cost_note(row.cost_shared_with, row.shared_cost, row.cost, "es", "EUR") == (
        f"150,00 € de ello compartido con A{posts}"
    )
    assert shared_cost_note("", None, 100.0, "en", "EUR") == ""


def test_totals_and_the_objectives_cost_count_the_campaign_once(easter):
    con, posts, ads, flyer = easter
    march = (D(2026, 3, 1), D(2026, 3, 31))
    spent = costs.spend_by(con, *march, by="campaign").set_index("campaign")["amount"]
    assert spent["Pascua"] == 310.0  # the Costs page's figure for the campaign
    totals = actions.cost_totals(con, [posts, ads, flyer], *march)
    assert totals == actions.CostTotals(410.0, 560.0, {1: 410.0})
    assert actions.cost_totals(con, [posts, ads], *march).total == pytest.approx(spent["Pascua"])
    assert cost_totals_note(totals, "en", "EUR") == (
        "Together these actions cost €410.00, each cost counted once. The rows add up to "
        "€560.00: a campaign's costs that several actions share appear under each of them."
    )
    assert cost_totals_note(actions.cost_totals(con, [flyer], *march), "en", "EUR") == (
        "Together these actions cost €100.00, each cost counted once."
    )
    # the review reads March up to its last day with data, the 20th: 200 € of the campaign
    # (150 € of them taken by both actions) and 20/31 of the flyer's 100 €
    start_first_cycle(con, "month", D(2026, 3, 1))
    rows = evidence(con, current_cycle(con)).set_index(["kind", "item_id"])
    assert rows.loc[("action", posts), "cost"] == pytest.approx(150.0)
    assert rows.loc[("action", ads), "cost"] == pytest.approx(200.0)
    assert rows.loc[("action", ads), "cost_shared_with"] == str(posts)
    assert rows.loc[("action", ads), "shared_cost"] == pytest.approx(150.0)
    assert rows.loc[("objective", 1), "cost"] == pytest.approx(200 + 100 * 20 / 31)  # not +150


def test_the_review_page_marks_the_shared_cost_and_counts_it_once(easter, db_path, start_app):
    con, posts, ads, flyer = easter
    start_first_cycle(con, "month", D(2026, 3, 1))
    con.close()
    at = start_app(None, signed_in(db_path))
    at = run(at.switch_page("pages/review.py"))
    assert not at.exception
    shown = next(d.value for d in at.dataframe if "Results in the cycle" in d.value.columns)
    cost = shown.set_index("#")["Cost"]
    assert cost[posts] == f"€150.00 (shared with A{ads})"
    assert cost[ads] == f"€200.00 (€150.00 of it shared with A{posts})"  # up to the 20th
    assert cost[flyer] == "€64.52"
    objective = next(d.value for d in at.dataframe if "KPI" in d.value.columns)
    assert objective.set_index("#").loc[1, "Cost"] == "€264.52"
    assert (
        "Together these actions cost €264.52, each cost counted once. The rows add up to "
        "€414.52: a campaign's costs that several actions share appear under each of them."
    ) in texts(at.caption)


def test_the_demo_review_totals_reconcile_with_the_objectives_and_the_costs_page(
    demo_db, start_app
):
    with store.connect(demo_db) as con:
        cycle = current_cycle(con)  # October 2026
        rows = evidence(con, cycle)
        ids = rows.loc[rows["kind"] == "action", "item_id"].astype(int).tolist()
        totals = actions.cost_totals(con, ids, cycle.date_from, cycle.date_to)
        spent = costs.spend_by(con, cycle.date_from, cycle.date_to, by="campaign")
    objective_costs = rows[rows["kind"] == "objective"].set_index("item_id")["cost"]
    # no campaign is shared in the demo: the rows add up to the total, objective by objective
    assert totals.total == pytest.approx(totals.claimed) == pytest.approx(1234.45, abs=0.01)
    assert sum(totals.by_objective.values()) == pytest.approx(totals.total)
    for objective_id, cost in totals.by_objective.items():
        assert objective_costs[objective_id] == pytest.approx(cost)
    # the catering objective (#7) costs what the Costs page says catering-empresas cost
    catering = spent.set_index("campaign").loc["catering-empresas", "amount"]
    assert objective_costs[7] == pytest.approx(catering) == 760.0
    at = start_app(DEMO_DIR, signed_in(demo_db))
    at = run(at.switch_page("pages/review.py"))
    assert "Together these actions cost €1,234.45, each cost counted once." in texts(at.caption)
