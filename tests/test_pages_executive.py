"""The Director pages through AppTest: the executive summary and the costs editor."""

import datetime as dt

import pytest
from executive_fixture import fill
from page_support import run, texts
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.db import store

D = dt.date
SUMMARY, COSTS = "pages/executive_summary.py", "pages/costs.py"


@pytest.fixture
def app(db_path, start_app, request):
    """AppTest on the hand-made executive fixture (or on the demo workspace)."""

    def start(demo: bool = False):
        if demo:
            request.getfixturevalue("demo_db")  # a copy of the session's demo workspace
        else:
            with store.connect(db_path) as con:
                fill(con)
        return start_app(DEMO_DIR if demo else None, signed_in(db_path))

    return start


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_summary_of_the_demo_workspace(app):
    at = run(app(demo=True).switch_page(SUMMARY))
    assert at.title[0].value == "Executive summary"
    assert metrics(at) == {
        "Visits from social networks": "7,983",
        "Conversions (leads, sales)": "119",
        "Revenue from social": "€1,472",
        "Money spent": "€2,039",
        "Cost per conversion": "€17.13",
        "Objectives on track": "5 of 9",
        "Followers at end of period": "20,308",  # pinned in the demo
    }
    # Instagram's and Facebook's accounts, as KPI progress says over all networks
    assert "Total of 2 accounts" in texts(at.caption)
    markdown = texts(at.markdown)
    assert "**Forn de la Plaça** · October 2026" in markdown
    story = next(m for m in markdown if m.startswith("In October 2026"))
    assert story.startswith(
        "In October 2026 social networks brought 7,983 visits to the website (+44% on September "
        "2026; +41% on October 2025)."
    )
    assert any(m.startswith("Octubre: la campaña de catering en LinkedIn") for m in markdown)
    assert [s.value for s in at.subheader][:4] == [
        "In short",
        "Business goals",
        "Is it growing?",
        "Which network pays off?",
    ]


def test_period_picker_month_quarter_and_custom(app):
    at = run(app().switch_page(SUMMARY))
    assert metrics(at)["Visits from social networks"] == "3,500"
    at = run(at.selectbox(key="exec_month").set_value("2026-09"))
    assert metrics(at)["Visits from social networks"] == "2,400"
    assert texts(at.markdown)[0].startswith("In September 2026 social networks brought 2,400")
    at = run(at.button_group(key="exec_kind").set_value("quarter"))
    assert at.selectbox(key="exec_quarter").value == "2026-Q4"
    assert metrics(at)["Visits from social networks"] == "3,500"
    at = run(at.button_group(key="exec_kind").set_value("custom"))
    at = run(at.date_input(key="exec_dates").set_value((D(2026, 9, 1), D(2026, 10, 31))))
    assert metrics(at)["Visits from social networks"] == "5,900"
    assert metrics(at)["Money spent"] == "€1,550"


def test_comment_name_and_pins_are_saved(app):
    at = run(app().switch_page(SUMMARY))
    at.text_area(key="exec_comment_2026-10").input("A *good* month for catering.")
    at = run(at.button(key="exec_save_comment").click())
    assert texts(at.success) == ["Comment saved."]
    assert r"A \*good\* month for catering." in texts(at.markdown)  # shown literally
    at.text_input(key="exec_name").input("Forn de la Plaça")
    at = run(at.button(key="exec_save_name").click())
    assert texts(at.success) == ["Name saved."]
    assert "**Forn de la Plaça** · October 2026" in texts(at.markdown)
    at.multiselect(key="exec_pins").set_value(["engagements"])
    at = run(at.button(key="exec_save_pins").click())
    assert "Engagements" in metrics(at)
    at.text_input(key="exec_currency").input("12")
    at = run(at.button(key="exec_save_currency").click())
    assert texts(at.error) == ["“12” is not a currency code: use three letters, like EUR."]


def test_summary_in_spanish(app):
    at = app()
    at.session_state["ui_lang"] = "es"
    at = run(at.switch_page(SUMMARY))
    assert at.title[0].value == "Resumen ejecutivo"
    assert metrics(at)["Dinero gastado"] == "810 €"
    assert texts(at.markdown)[0].startswith(
        "En octubre de 2026 las redes sociales llevaron 3.500 visitas a la web"
    )


def test_costs_page_adds_and_deletes_a_cost(app):
    at = run(app().switch_page(COSTS))
    assert at.title[0].value == "Costs"
    at.date_input(key="cost_month").set_value(D(2026, 10, 12))
    at.selectbox(key="cost_network").set_value("tiktok")
    at.selectbox(key="cost_category").set_value("agency")
    at.number_input(key="cost_amount").set_value(90.0)
    at.text_input(key="cost_description").input("Video editing")
    submit = next(b for b in at.button if b.label == "Add cost")
    at = run(submit.click())
    assert texts(at.success) == ["Cost added: €90.00 for October 2026."]
    entered = at.dataframe[-1].value
    assert entered.iloc[0].tolist() == [
        "October 2026",
        "TikTok",
        "",
        "Agency",
        "Video editing",
        "€90.00",
    ]
    labels = at.selectbox(key="cost_delete_pick")
    assert labels.options[0] == "October 2026 · TikTok · Video editing · €90.00"
    at = run(at.button(key="cost_delete").click())
    assert texts(at.success) == ["Cost deleted."]


def test_costs_page_refuses_a_cost_without_amount(app):
    at = run(app().switch_page(COSTS))
    submit = next(b for b in at.button if b.label == "Add cost")
    at = run(submit.click())
    assert texts(at.error) == ["The amount must be a number above 0."]
