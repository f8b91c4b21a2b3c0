"""Costs: entered by hand and imported ad spend, spread over the days they cover, and the cost
per conversion they feed in the KPI catalogue."""

import datetime as dt
import json

import pytest
from executive_fixture import OCTOBER, fill, insert_ad_spend
from kpi_fixture import insert_web

from smdash import workspace
from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.metrics import kpis
from smdash.plan import costs
from smdash.plan.costs import InvalidCost

D = dt.date
SEPTEMBER = (D(2026, 9, 1), D(2026, 9, 30))


@pytest.fixture
def data(con):
    fill(con)
    return con


def test_a_period_sums_the_part_of_each_cost_inside_it(data):
    # October: staff 500 + Instagram content 150 + 4 of the 10 days of LinkedIn's 400 = 810
    assert costs.total_spend(data, *OCTOBER) == 810.0
    # September: staff 500 + 6 of the 10 days of LinkedIn's 400 = 740
    assert costs.total_spend(data, *SEPTEMBER) == 740.0
    # 1-4 October: the 4 LinkedIn days (160) and 4/31 of the two October costs (650 * 4 / 31)
    assert costs.total_spend(data, D(2026, 10, 1), D(2026, 10, 4)) == pytest.approx(243.87)
    assert costs.total_spend(data, D(2025, 1, 1), D(2025, 12, 31)) is None


def test_spend_per_network_campaign_and_month(data):
    assert costs.network_spend(data, *OCTOBER) == {
        "all": 500.0,
        "instagram": 150.0,
        "linkedin": 160.0,
    }
    campaigns = costs.spend_by(data, *OCTOBER, "campaign")
    assert campaigns.fillna(-1).to_dict("records") == [
        {"network": "all", "campaign": "", "amount": 500.0, "results": -1, "cost_per_result": -1},
        {
            "network": "linkedin",
            "campaign": "catering",
            "amount": 160.0,
            "results": pytest.approx(4.8),  # 12 results over 10 days, 4 of them in October
            "cost_per_result": 33.33,
        },
        {"network": "instagram", "campaign": "roscon", "amount": 150.0, "results": -1,
         "cost_per_result": -1},
    ]  # fmt: skip
    months = costs.spend_by(data, D(2026, 9, 1), D(2026, 10, 31), "month")
    assert months.to_dict("records") == [
        {"month": D(2026, 9, 1), "amount": 740.0, "results": pytest.approx(7.2),
         "cost_per_result": 33.33},  # the ad spend with results (240) over them
        {"month": D(2026, 10, 1), "amount": 810.0, "results": pytest.approx(4.8),
         "cost_per_result": 33.33},
    ]  # fmt: skip


def test_cost_per_conversion_kpi_reads_the_costs(data):
    # all social: 810 / (10 + 30 + 20) conversions; general costs count only here
    assert kpis.value(data, "cost_per_conversion", "all", *OCTOBER) == pytest.approx(13.5)
    assert kpis.value(data, "cost_per_conversion", "instagram", *OCTOBER) == pytest.approx(5.0)
    assert kpis.value(data, "cost_per_conversion", "linkedin", *OCTOBER) == pytest.approx(8.0)
    assert kpis.value(data, "cost_per_conversion", "facebook", *OCTOBER) is None  # no spend
    assert kpis.value(data, "cost_per_conversion", "all", *SEPTEMBER) == pytest.approx(37.0)


def test_cost_per_conversion_has_no_data_until_a_cost_exists(con):
    insert_web(con)
    assert not kpis.available(con, kpis.KPIS["cost_per_conversion"])
    assert kpis.data_span(con, "cost_per_conversion", "all") == (None, None)
    insert_ad_spend(con)
    assert kpis.available(con, kpis.KPIS["cost_per_conversion"])


def test_a_cost_is_stored_for_its_month_in_the_workspace_currency(con):
    costs.set_currency(con, "usd")
    cost_id = costs.add_cost(con, D(2026, 10, 17), "linkedin", "ads", 99.999, " Invoice ", "")
    rows = costs.manual_costs(con).to_dict("records")
    assert rows == [
        {"cost_id": cost_id, "month": D(2026, 10, 1), "network": "linkedin", "campaign": "",
         "category": "ads", "description": "Invoice", "amount": 100.0, "currency": "USD"},
    ]  # fmt: skip
    assert costs.other_currencies(con, *OCTOBER) == []
    costs.set_currency(con, "EUR")
    assert costs.other_currencies(con, *OCTOBER) == ["USD"]
    costs.delete_cost(con, cost_id)
    assert costs.manual_costs(con).empty


@pytest.mark.parametrize(
    ("month", "network", "category", "amount", "message"),
    [
        (None, "all", "staff", 10.0, "Pick the month the cost belongs to."),
        (D(2026, 10, 1), "myspace", "staff", 10.0, "Unknown network: myspace."),
        (D(2026, 10, 1), "all", "coffee", 10.0, "Unknown kind of cost: coffee."),
        (D(2026, 10, 1), "all", "staff", 0.0, "The amount must be a number above 0."),
        (D(2026, 10, 1), "all", "staff", -5.0, "The amount must be a number above 0."),
        (D(2026, 10, 1), "all", "staff", None, "The amount must be a number above 0."),
        (D(2026, 10, 1), "all", "staff", float("nan"), "The amount must be a number above 0."),
        (D(2026, 10, 1), "all", "staff", 2e7, "The amount is too big: 10000000 at most."),
    ],
)
def test_bad_costs_are_refused_with_a_reason(con, month, network, category, amount, message):
    with pytest.raises(InvalidCost) as caught:
        costs.add_cost(con, month, network, category, amount)
    assert caught.value.message("en") == message
    assert costs.manual_costs(con).empty


def test_bad_currency_is_refused_in_spanish_too(con):
    with pytest.raises(InvalidCost) as caught:
        costs.set_currency(con, "euros")
    assert (
        caught.value.message("es")
        == "«EUROS» no es un código de moneda: usa tres letras, como EUR."
    )
    assert costs.currency(con) == "EUR"


def test_demo_costs_and_start_empty(con, tmp_path):
    plan = {
        "currency": "EUR",
        "costs": [
            {"category": "staff", "network": "all", "amount": 720, "from": "2026-09",
             "to": "2026-10"},
            {"category": "ads", "network": "linkedin", "from": "2026-09", "to": "2026-10",
             "amounts": {"2026-10": 760}, "campaign": "catering-empresas"},
        ],
    }  # fmt: skip
    path = tmp_path / costs.DEMO_FILE
    path.write_text(json.dumps(plan), encoding="utf-8")
    assert (
        costs.seed_demo(con, tmp_path) == 3
    )  # staff in September and October, LinkedIn in October
    assert costs.total_spend(con, *OCTOBER) == 1480.0
    insert_ad_spend(con)
    workspace.start_empty(con)
    assert not costs.has_costs(con)


def test_the_shipped_demo_costs_give_octobers_spend(tmp_path):
    with store.connect(tmp_path / "demo.duckdb") as con:
        assert costs.seed_demo(con, DEMO_DIR) > 0
        # staff 720 + tools 39 + content 300 + Instagram ads 220 + LinkedIn ads 760
        assert costs.total_spend(con, *OCTOBER) == 2039.0
