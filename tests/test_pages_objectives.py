"""The Objectives and KPI progress pages through AppTest: create, check, track, annotate."""

import datetime as dt
import re

import pytest
from kpi_fixture import fill
from page_support import figures, run, texts
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.db import store

D = dt.date
STATEMENT = "Reach 1,100 Instagram followers by the end of April 2026"


@pytest.fixture
def app(db_path, start_app, request):
    """AppTest on a database holding the hand-made fixture data (or the demo workspace)."""

    def start(demo: bool = False):
        if demo:
            request.getfixturevalue("demo_db")  # a copy of the session's demo workspace
        else:
            with store.connect(db_path) as con:
                fill(con)
        return start_app(DEMO_DIR if demo else None, signed_in(db_path))

    return start


def badges(at):
    """Each badge shown, with what its element's tooltip says of it (the SMART badges share one
    element: its tooltip has a paragraph per letter, "**S** · why")."""
    found = []
    for element in at.markdown:
        shown = re.findall(r":\w+-badge\[[^\]]*\]", element.value)
        if not shown:
            continue
        reasons = element.proto.help.split("\n\n")
        if len(shown) > 1:
            reasons = [re.sub(r"\\(.)", r"\1", r.split(" · ", 1)[1]) for r in reasons]
        found += zip(shown, reasons, strict=True)
    return found


def create_objective(at, **values):
    at = run(at.switch_page("pages/objectives.py"))
    at.text_input(key="goal_name").input("Grow online sales 10% in 2026")
    at = run(at.button(key="add_goal").click())
    assert texts(at.success) == ["Goal added: Grow online sales 10% in 2026"]
    at.text_area(key="obj_new_statement").input(values.get("statement", STATEMENT))
    at.selectbox(key="obj_new_goal").set_value(1)
    at.selectbox(key="obj_new_kpi").set_value("followers")
    at.selectbox(key="obj_new_scope").set_value("instagram")
    at.date_input(key="obj_new_start").set_value(D(2026, 3, 1))
    at = run(at.date_input(key="obj_new_deadline").set_value(D(2026, 4, 30)))
    at.number_input(key="obj_new_target").set_value(values.get("target", 1100.0))
    return at


def test_create_an_objective_and_see_its_smart_badges(app):
    at = create_objective(app())
    assert (
        "Proposed baseline: 900 (Followers at end of period from 2025-12-30 to 2026-02-28, the "
        "same length of time before the start)." in texts(at.caption)
    )
    at = run(at.button(key="obj_new_save").click())
    assert texts(at.success) == [f"Objective saved: {STATEMENT}"]
    assert f"**#1 · {STATEMENT}**" in texts(at.markdown)
    assert "- **Grow online sales 10% in 2026** · 1 active objective" in texts(at.markdown)
    assert (
        "Followers at end of period · Instagram · 900 → 1,100 · 2026-03-01 – 2026-04-30  \n"
        "Owner: — · Goal: Grow online sales 10% in 2026"
    ) in texts(at.caption)
    assert badges(at) == [
        (":green-badge[:material/check: S · Specific]", "One KPI, one scope and a statement."),
        (
            ":green-badge[:material/check: M · Measurable]",
            "The KPI can be computed from the imported data for this scope "
            "(2026-02-28 – 2026-03-31).",
        ),
        (
            ":orange-badge[:material/warning: A · Achievable]",
            "The target needs +22 % on the baseline; there is not enough history (two periods "
            "of the same length before the start) to compare it with.",
        ),
        (
            ":green-badge[:material/check: R · Relevant]",
            "Serves the business goal: Grow online sales 10% in 2026.",
        ),
        (
            ":green-badge[:material/check: T · Time-bound]",
            "The deadline is 60 days after the start.",
        ),
    ]


def test_the_new_objective_is_on_track_on_the_progress_page(app):
    at = create_objective(app())
    at = run(at.button(key="obj_new_save").click())
    at = run(at.switch_page("pages/kpis.py"))
    assert badges(at) == [
        (
            ":blue-badge[On track]",
            "On track: progress trails the share of time elapsed by at most 10 points.",
        )
    ]
    assert figures(at) == [
        {
            "Current": "1,000",
            "Target": "1,100",
            "Progress": "50 %",
            "Time elapsed": "50 %",
            "Forecast at deadline": "1,107",
            "Needed per week": "23",
        }
    ]
    assert any(
        text.startswith("As of 2026-03-31. Forecast: linear trend") for text in texts(at.caption)
    )
    comparison = at.dataframe[0].value.set_index("KPI")
    # Instagram 1,000 and Facebook 500: the count over all networks says it adds up accounts
    assert comparison.loc["Followers at end of period", "Period"] == "1,500 (total of 2 accounts)"
    assert comparison.loc["Followers at end of period", "Previous period"] == "900"
    assert comparison.loc["Followers at end of period", "Change"] == "+67 %"


def test_an_objective_without_a_statement_is_refused_with_a_message(app):
    at = create_objective(app(), statement="")
    at = run(at.button(key="obj_new_save").click())
    assert texts(at.error) == ["Write the objective's statement."]
    assert texts(at.info)[-1] == "No objectives yet. Create the first one below."


def test_archive_an_objective_and_restore_it(app):
    at = create_objective(app())
    at = run(at.button(key="obj_new_save").click())
    at = run(at.button(key="archive_1").click())
    assert texts(at.success) == [f"Objective archived: {STATEMENT}. Restore it from the archive."]
    assert not badges(at)
    at = run(at.button(key="restore_1").click())
    assert texts(at.success) == [f"Objective restored: {STATEMENT}"]
    assert len(badges(at)) == 5


def test_annotations_are_added_on_the_progress_page(app):
    at = run(app().switch_page("pages/kpis.py"))
    assert texts(at.info) == ["No active objectives. Create them on the Objectives page."]
    at.date_input(key="annotation_dates").set_value((D(2026, 3, 1), D(2026, 3, 19)))
    at.text_input(key="annotation_note").input("Fallas 2026")
    at = run(at.button(key="add_annotation").click())
    assert texts(at.success) == ["Annotation added: Fallas 2026"]
    notes = at.dataframe[-1].value
    assert notes.values.tolist() == [["2026-03-01", "2026-03-19", "Fallas 2026"]]
    at.text_input(key="annotation_note").input("")
    at = run(at.button(key="add_annotation").click())
    assert texts(at.error) == ["Write the annotation's note."]
    assert len(at.dataframe[-1].value) == 1


def test_the_demo_objectives_have_each_status(app):
    at = run(app(demo=True).switch_page("pages/kpis.py"))
    assert [value for value, _ in badges(at)] == [
        ":blue-badge[On track]",  # Instagram followers
        ":orange-badge[At risk]",  # Facebook followers
        ":blue-badge[On track]",  # sessions Q4
        ":orange-badge[At risk]",  # conversions H2
        ":blue-badge[On track]",  # revenue Q4
        ":red-badge[Behind]",  # Instagram engagement rate
        ":blue-badge[On track]",  # LinkedIn leads
        ":green-badge[Achieved]",  # Fallas sessions
        ":red-badge[Behind]",  # TikTok engagements
        ":blue-badge[On track]",  # LinkedIn cost per conversion: the demo's costs
    ]
    assert texts(at.info) == [
        "You are looking at demo data for a fictional bakery chain in Valencia.",
    ]
    assert len(at.get("vega_lite_chart")) == 1


def test_the_progress_page_in_spanish(app):
    at = app(demo=True)
    at = run(at.sidebar.selectbox(key="lang").set_value("es"))
    at = run(at.switch_page("pages/kpis.py"))
    assert texts(at.title) == ["Progreso de KPI"]
    assert [value for value, _ in badges(at)][:2] == [
        ":blue-badge[En camino]",
        ":orange-badge[En riesgo]",
    ]
    assert figures(at)[0] == {
        "Actual": "14.037",
        "Meta": "15.000",
        "Avance": "61 %",
        "Tiempo transcurrido": "67 %",
        "Previsión a la fecha límite": "14.701",
        "Necesario por semana": "111",
    }


def test_an_edited_target_is_written_into_the_statement(app):
    at = run(create_objective(app()).button(key="obj_new_save").click())
    at = run(at.button(key="edit_1").click())
    at = run(at.number_input(key="obj_1_target").set_value(1200.0))
    at = run(at.button(key="obj_1_save").click())
    raised = STATEMENT.replace("1,100", "1,200")
    assert f"**#1 · {raised}**" in texts(at.markdown)
    assert badges(at)[0] == (
        ":green-badge[:material/check: S · Specific]",
        "One KPI, one scope and a statement.",
    )
    # saving the form again keeps the statement as it is now
    at = run(at.button(key="obj_1_save").click())
    assert f"**#1 · {raised}**" in texts(at.markdown)
    # a statement that does not say the target: the SMART check flags it
    at.text_area(key="obj_1_statement").input("Reach many more Instagram followers")
    at = run(at.button(key="obj_1_save").click())
    assert badges(at)[0] == (
        ":orange-badge[:material/warning: S · Specific]",
        "The statement does not say the target, 1,200: reword it so that it does.",
    )
