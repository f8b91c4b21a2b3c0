"""The plan's forms behave (issue 15.9): a new objective's form is emptied once saved and a
second click adds nothing; Edit objective stays open while editing; a refusal shows under the
field it names, in English and Spanish; actions are added under their objective on the
Objectives page."""

import datetime as dt

from page_support import run, texts
from test_pages_objectives import STATEMENT, app, create_objective  # noqa: F401 - a fixture

from smdash.db import store
from smdash.plan import actions, objectives

D = dt.date


def stored_objectives(db_path) -> list:
    with store.connect(db_path) as con:
        return objectives.list_objectives(con, None)


def column_holding(at, kind: str, key: str):
    """The column (st.columns) a widget was drawn in."""
    for column in at.columns:
        try:
            getattr(column, kind)(key=key)
        except KeyError:
            continue
        return column
    raise AssertionError(f"no column holds {kind} {key}")


def test_a_saved_objective_empties_the_form_and_a_second_click_adds_nothing(app, db_path):  # noqa: F811
    at = create_objective(app())
    at = run(at.button(key="obj_new_save").click())
    assert texts(at.success) == [f"Objective saved: {STATEMENT}"]
    assert at.text_area(key="obj_new_statement").value == ""
    assert at.number_input(key="obj_new_target").value is None
    assert at.selectbox(key="obj_new_goal").value is None
    at = run(at.button(key="obj_new_save").click())
    assert [o.statement for o in stored_objectives(db_path)] == [STATEMENT]
    assert texts(at.success) == []
    assert texts(at.error)[0] == "Write the objective's statement."  # the empty form, refused


def test_the_edit_form_stays_open_while_the_objective_is_edited(app, db_path):  # noqa: F811
    at = create_objective(app())
    at = run(at.button(key="obj_new_save").click())
    at = run(at.button(key="edit_1").click())
    (editor,) = [e for e in at.expander if e.label == "Edit objective"]
    assert editor.proto.expanded
    assert at.selectbox(key="edit_pick").value == 1
    at = run(at.number_input(key="obj_1_target").set_value(1200.0))  # a rerun
    at = run(at.text_input(key="obj_1_owner").input("Clara"))  # and another
    (editor,) = [e for e in at.expander if e.label == "Edit objective"]
    assert editor.proto.expanded
    assert at.number_input(key="obj_1_target").value == 1200.0  # still there, as typed
    at = run(at.button(key="obj_1_save").click())
    assert texts(at.success) == [f"Objective saved: {STATEMENT}"]
    assert [(o.target, o.owner) for o in stored_objectives(db_path)] == [(1200.0, "Clara")]
    assert at.number_input(key="obj_1_target").value == 1200.0  # open after the save too


def test_an_invalid_target_is_refused_under_the_target(app, db_path):  # noqa: F811
    at = create_objective(app(), target=-5.0)
    at = run(at.button(key="obj_new_save").click())
    beside = column_holding(at, "number_input", "obj_new_target")
    assert texts(beside.error) == ["The target cannot be negative."]
    assert texts(at.error) == ["The target cannot be negative."]  # there only
    assert stored_objectives(db_path) == []
    at = run(at.number_input(key="obj_new_target").set_value(0.0))  # corrected: it goes
    assert texts(at.error) == []


def test_a_refusal_under_its_field_in_spanish(app):  # noqa: F811
    at = app()
    at = run(at.sidebar.selectbox(key="lang").set_value("es"))
    at = run(at.switch_page("pages/objectives.py"))
    at.text_area(key="obj_new_statement").input("Llegar a 1.100 seguidores en Instagram")
    at = run(at.button(key="obj_new_save").click())
    assert texts(column_holding(at, "number_input", "obj_new_target").error) == [
        "Escribe una meta."
    ]
    assert "Escribe una meta." in texts(at.error)
    assert "Escribe el enunciado del objetivo." not in texts(at.error)


def test_an_action_is_added_under_its_objective_on_the_objectives_page(app, db_path):  # noqa: F811
    at = create_objective(app())
    at = run(at.button(key="obj_new_save").click())
    assert [e.label for e in at.expander if e.label.startswith("Actions")] == ["Actions (0)"]
    at.session_state["obj_actions_1"] = True  # the user opens it
    at = run(at)
    at.text_input(key="act_for_1_description").input("Weekly reels from the bakery")
    at.selectbox(key="act_for_1_network").set_value("instagram")
    at.date_input(key="act_for_1_start").set_value(D(2026, 3, 1))
    at.date_input(key="act_for_1_end").set_value(D(2026, 4, 30))
    at = run(at.button(key="act_for_1_save").click())
    assert texts(at.success) == ["Action saved: Weekly reels from the bakery"]
    with store.connect(db_path) as con:
        (action,) = actions.list_actions(con)
    assert (action.objective_id, action.description, action.network) == (
        1,
        "Weekly reels from the bakery",
        "instagram",
    )
    assert [e.label for e in at.expander if e.label.startswith("Actions")] == ["Actions (1)"]
    assert "- A1 · Weekly reels from the bakery · 2026-03-01 – 2026-04-30 · Planned" in texts(
        at.markdown
    )
    assert at.text_input(key="act_for_1_description").value == ""  # ready for the next one
    at = run(at.button(key="act_for_1_save").click())
    assert texts(at.error) == ["Describe the action."]
    with store.connect(db_path) as con:
        assert len(actions.list_actions(con)) == 1
