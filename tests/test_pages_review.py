"""The Plan review page through AppTest: a whole review (open, suggestions, override, save,
next cycle, history), the actions editor, the thresholds, and the demo's review in Spanish."""

import datetime as dt

import pytest
from kpi_fixture import fill
from page_support import open_expanders, open_tab, run, texts
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.plan import actions, objectives
from smdash.plan.actions import Action
from smdash.plan.objectives import Objective

D = dt.date
PREFIX = {"objective": "#", "action": "A"}
FOLLOWERS = "Reach 1,100 Instagram followers by the end of April"
SESSIONS = "1,000 social visits in March"


def plan(con) -> None:
    """The fixture data of March 2026, two objectives and an action (ids 1, 2 and A1)."""
    fill(con)
    goal = objectives.add_goal(con, "Grow online sales 10% in 2026")
    objectives.add_objective(
        con,
        Objective(None, FOLLOWERS, goal, "followers", "instagram", 900, 1100, D(2026, 3, 1),
                  D(2026, 4, 30)),
    )  # fmt: skip
    objectives.add_objective(
        con,
        Objective(None, SESSIONS, goal, "sessions", "all", 100, 1000, D(2026, 3, 1),
                  D(2026, 3, 31)),
    )  # fmt: skip
    actions.add_action(
        con,
        Action(None, 1, "Instagram reels", "instagram", "", D(2026, 3, 1), D(2026, 3, 31),
               "Clara", 310.0),
    )  # fmt: skip


@pytest.fixture
def app(db_path, start_app, request):
    def start(demo: bool = False, lang: str | None = None):
        if demo:
            request.getfixturevalue("demo_db")  # a copy of the session's demo workspace
        else:
            with store.connect(db_path) as con:
                plan(con)
        at = start_app(DEMO_DIR if demo else None, signed_in(db_path))
        if lang:
            at = run(at.sidebar.selectbox(key="lang").set_value(lang))
        return run(at.switch_page("pages/review.py"))

    return start


def suggestions(at) -> list[tuple[str, str]]:
    """Each item of the decisions editors (objectives, then actions) with its suggestion."""
    return [
        (item, suggested)
        for editor in at.data_editor
        for item, suggested in zip(editor.value["item"], editor.value["suggested"], strict=True)
    ]


def decide(at, kind: str, item_id: int, cycle: int = 1, **cells) -> None:
    """Edit an item's row in the decisions editor (``decision=``, ``reason=``, ``new_target=``)
    for the next run, as the browser sends it: AppTest cannot type into a grid, a keyed editor
    takes its edit state from the session."""
    key = f"c{cycle}_decisions_{kind}"
    items = at.data_editor(key=key).value["item"].tolist()
    row = [item.split(" · ")[0] for item in items].index(f"{PREFIX[kind]}{item_id}")
    edited = dict(at.session_state[key]["edited_rows"]) if key in at.session_state else {}
    edited[row] = {**edited.get(row, {}), **cells}
    at.session_state[key] = {"edited_rows": edited, "added_rows": [], "deleted_rows": []}


def table(at, first_column: str):
    """The first dataframe whose first column is ``first_column``."""
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def tables(at, column: str):
    return [d.value for d in at.dataframe if column in d.value.columns]


def test_a_whole_review_from_the_first_cycle_to_the_history(app, db_path):
    at = app()
    assert "No plan cycle yet." in texts(at.info)[0]
    at.selectbox(key="first_cycle_period").set_value("month")
    at = run(at.date_input(key="first_cycle_start").set_value(D(2026, 3, 1)))
    at = run(at.button(key="start_first_cycle").click())
    assert texts(at.success) == ["Cycle started."]
    assert texts(at.subheader) == ["Cycle 1: 2026-03-01 – 2026-03-31"]
    assert "Evidence as of 2026-03-31, the last day with data in the cycle." in texts(at.caption)

    # the evidence and the suggestions
    evidence = table(at, "#").set_index("#")
    assert evidence.loc[1].to_dict() == {
        "Objective": FOLLOWERS,
        "KPI": "Followers at end of period · Instagram",
        "Target": "1,100",
        "Achieved": "1,000",
        "Progress (%)": "50 %",
        "Time elapsed (%)": "50 %",
        "Status": "On track",
        "Last period (%)": "+11 %",
        "Periods without improvement": 0,
        "Forecast": "1,107",
        "Cost": "€310.00",
        "Cost per result": "€3.10",
        "Previous cycle": "—",
        "Suggested": "Keep",
    }
    assert evidence.loc[2, "Cost"] == "no cost data"
    assert evidence.loc[2, "Suggested"] == "Improve"
    assert suggestions(at) == [
        (f"#1 · {FOLLOWERS}", "Keep"),
        (f"#2 · {SESSIONS}", "Improve"),
        ("A1 · Instagram reels", "Keep"),
    ]
    why = at.data_editor(key="c1_decisions_objective").value["why"].tolist()
    assert why[1] == "Otherwise (behind, but not that far or still improving) → improve."
    sections = {a.label: a.value for a in at.text_area}
    assert sections["Weaknesses"] == (
        f"- {SESSIONS}: 20 % of the way with 100 % of the time elapsed."
    )
    assert "Save the review first: the next cycle starts from its decisions." in texts(at.caption)

    # override a suggestion: a reason is needed
    decide(at, "objective", 2, decision="drop")
    at = run(at.button(key="save_review").click())
    assert texts(at.error) == [f"Give a reason for overriding the suggestion for: {SESSIONS}"]
    decide(at, "objective", 2, reason="Web visits are not our game")
    at.text_area(key="c1_section_opportunities").input("Reels on Sundays")
    at = run(at.button(key="save_review").click())
    assert texts(at.success) == ["Review saved as version 1."]
    assert any(c.startswith("Saved as version 1 on ") for c in texts(at.caption))
    assert at.download_button(key="export_review_1").proto.label == (
        "Download the review (XLSX, version 1)"
    )
    at = run(at.button(key="save_review").click())
    assert texts(at.info)[-1] == "Nothing changed since version 1: no new version written."

    # the next cycle starts from the decisions, once the user confirmed it
    at = run(at.button(key="start_next_cycle").click())
    assert texts(at.warning)[-1] == (
        "Start cycle 2 (2026-04-01 – 2026-04-30)? Cycle 1 closes and the review's decisions "
        "(version 1) are applied: kept objectives and actions carry over, dropped ones are "
        "archived."
    )
    with store.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM review_cycles").fetchone()[0] == 1
    at = run(at.button(key="cancel_next_cycle").click())
    assert not [b for b in at.button if b.key == "confirm_next_cycle"]
    at = run(at.button(key="start_next_cycle").click())
    at = run(at.button(key="confirm_next_cycle").click())
    assert texts(at.success) == ["Cycle 2 started from the review's decisions."]
    assert texts(at.subheader) == ["Cycle 2: 2026-04-01 – 2026-04-30"]
    assert "From the last review: 2 kept, 0 to improve, 1 dropped." in texts(at.caption)
    assert suggestions(at) == [(f"#1 · {FOLLOWERS}", "Keep")]  # the reels ended in March
    assert "c1_decisions_objective" not in at.session_state  # cycle 1's edits went with it
    assert at.data_editor(key="c2_decisions_objective").value["decision"].tolist() == ["keep"]

    # the history
    at = open_tab(at, "History")
    overview = table(at, "Cycle")
    assert overview.values.tolist() == [
        [1, "2026-03-01 – 2026-03-31", "Closed", 1, 2, 0, 1],
        [2, "2026-04-01 – 2026-04-30", "Current", 0, 0, 0, 0],
    ]
    decisions = tables(at, "Reason")[0]
    assert decisions.values.tolist() == [
        [1, f"#1 · {FOLLOWERS}", "50 %", "On track", "Keep", "Keep", ""],
        [1, f"#2 · {SESSIONS}", "20 %", "Behind", "Improve", "Drop", "Web visits are not our game"],
        [1, "A1 · Instagram reels", "—", "Planned", "Keep", "Keep", ""],
    ]
    dropped = tables(at, "Reason")[1]
    assert dropped.values.tolist() == [[1, f"#2 · {SESSIONS}", "Web visits are not our game"]]
    (saved,) = at.selectbox(key="past_review_pick").options
    assert saved.startswith("Cycle 1 · version 1 · ")
    assert len(at.get("vega_lite_chart")) == 1  # the history chart (the Gantt: Actions tab)


def test_typed_decisions_do_not_move_to_other_items(app, db_path):
    """Decisions typed but not saved stay with their rows while the cycle lists the same items;
    a list that changed meanwhile (one action gone, another added: the typed one moved up a
    row) starts afresh rather than give a typed decision to the item now in that row."""
    at = app()
    with store.connect(db_path) as con:
        actions.add_action(
            con,
            Action(None, 2, "Blog posts", "facebook", "", D(2026, 3, 1), D(2026, 3, 31), "Clara"),
        )
    at.selectbox(key="first_cycle_period").set_value("month")
    at = run(at.date_input(key="first_cycle_start").set_value(D(2026, 3, 1)))
    at = run(at.button(key="start_first_cycle").click())
    assert [item for item, _ in suggestions(at)][2:] == ["A1 · Instagram reels", "A2 · Blog posts"]
    decide(at, "action", 2, decision="drop", reason="Nobody reads them")
    at = run(at)
    with store.connect(db_path) as con:
        con.execute(
            "UPDATE actions SET start_date = '2026-02-01', end_date = '2026-02-28' "
            "WHERE action_id = 1"
        )
        actions.add_action(
            con,
            Action(None, 2, "Newsletter", "facebook", "", D(2026, 3, 1), D(2026, 3, 31), "Clara"),
        )  # now A2 in the first row, the newsletter in the row A2 had
    at = run(at.button(key="save_review").click())
    assert texts(at.success) == ["Review saved as version 1."]
    assert [item for item, _ in suggestions(at)][2:] == ["A2 · Blog posts", "A3 · Newsletter"]
    with store.connect(db_path) as con:
        saved = con.execute(
            """SELECT item_id, suggested, decision FROM review_items WHERE kind = 'action'
               ORDER BY item_id"""
        ).fetchall()
    assert saved == [(2, "improve", "improve"), (3, "improve", "improve")]


def test_an_action_is_added_on_the_review_page_and_shows_in_the_plan(app):
    at = open_expanders(open_tab(app(), "Actions"), "actions_new_open")
    at.selectbox(key="act_new_objective").set_value(2)
    at.text_input(key="act_new_description").input("Facebook posts with links")
    at.selectbox(key="act_new_network").set_value("facebook")
    at.date_input(key="act_new_start").set_value(D(2026, 3, 1))
    at.date_input(key="act_new_end").set_value(D(2026, 3, 31))
    at = run(at.button(key="act_new_save").click())
    assert texts(at.success) == ["Action saved: Facebook posts with links"]
    plan_table = tables(at, "Results")[0]
    assert plan_table[["#", "Action", "Network", "Results"]].values.tolist() == [
        [1, "Instagram reels", "Instagram", "150 engagements"],
        [2, "Facebook posts with links", "Facebook", "150 engagements"],
    ]
    at.text_input(key="act_new_description").input("")
    at = run(at.button(key="act_new_save").click())
    assert texts(at.error) == ["Describe the action."]


def test_changed_thresholds_change_the_suggestions(app):
    at = app()
    at.selectbox(key="first_cycle_period").set_value("month")
    at = run(at.date_input(key="first_cycle_start").set_value(D(2026, 3, 1)))
    at = run(at.button(key="start_first_cycle").click())
    assert suggestions(at)[1] == (f"#2 · {SESSIONS}", "Improve")
    at = open_tab(at, "Rules")
    assert suggestions(at)[1] == (f"#2 · {SESSIONS}", "Improve")  # the Review tab stays drawn
    # the sessions objective is 80 points behind and has one period of data: never stalled,
    # so only a keep margin of 80 points makes it a keep
    at = run(at.number_input(key="setting_keep_margin").set_value(80.0))
    at = run(at.number_input(key="setting_drop_margin").set_value(90.0))
    at = run(at.button(key="save_settings").click())
    assert texts(at.success) == ["Thresholds saved. Suggestions follow them from now on."]
    assert suggestions(at)[1] == (f"#2 · {SESSIONS}", "Keep")
    why = at.data_editor(key="c1_decisions_objective").value["why"].tolist()
    assert why[1] == "On track: progress trails the time elapsed by at most 80 points → keep."
    at = run(at.number_input(key="setting_keep_margin").set_value(95.0))
    at = run(at.button(key="save_settings").click())
    assert texts(at.error) == ["The far-behind margin must be larger than the keep margin."]


def test_the_demo_review_in_spanish(app):
    at = app(demo=True, lang="es")
    assert texts(at.title) == ["Revisión del plan"]
    assert texts(at.subheader) == ["Ciclo 2: 01/10/2026 – 31/10/2026"]
    assert "De la última revisión: 5 mantenidos, 8 por mejorar, 2 eliminados." in texts(at.caption)
    assert any(
        text.startswith("Objetivo #6: Subir la tasa de interacción de Instagram")
        and "nueva meta: 4,60 · motivo: El 5 % no es realista" in text
        for text in texts(at.markdown)
    )
    overview = table(open_tab(at, "Historial"), "Ciclo")
    assert overview.values.tolist() == [
        [1, "01/09/2026 – 30/09/2026", "Cerrado", 1, 5, 8, 2],
        [2, "01/10/2026 – 31/10/2026", "Actual", 0, 0, 0, 0],
    ]
    tiktok = table(at, "#").set_index("#").loc[9]
    assert tiktok["Sugerencia"] == "Mejorar"
    assert tiktok["Coste por resultado"] == "0,09 €"
    assert tiktok["Ciclo anterior"] == "0,04 €"
    at = run(at.button(key="adjusted_objective_6").click())
    assert texts(at.success) == [
        "Marcado como ajustado: Subir la tasa de interacción de Instagram (interacciones / "
        "impresiones) al 4,6 % en 2026."
    ]


def test_the_demo_actions_say_what_they_share(app):
    at = app(demo=True, lang="es")
    evidence = tables(at, "Resultados en el ciclo")[0].set_index("#")
    assert evidence.loc[1, "Resultados en el ciclo"] == "16.707 interacciones (compartido con A6)"
    assert evidence.loc[6, "Resultados en el ciclo"] == "16.707 interacciones (compartido con A1)"
    assert evidence.loc[8, "Resultados en el ciclo"] == "1.970 interacciones"
    assert (
        "En conjunto, estas acciones suman 97 conversiones, 21.482 interacciones, cada resultado "
        "contado una vez. Las filas suman 97 conversiones, 38.189 interacciones: un resultado que "
        "comparten varias acciones aparece en cada una de ellas."
    ) in texts(at.caption)
    # the plan's table, over each action's whole dates
    plan_results = tables(open_tab(at, "Acciones"), "Resultados")[0].set_index("#")["Resultados"]
    assert plan_results[1].endswith("(compartido con A6)")
    assert "compartido" not in plan_results[8]


def test_shared_results_and_a_raised_target_on_the_page(app, db_path):
    at = app()
    with store.connect(db_path) as con:
        actions.add_action(
            con,
            Action(None, 1, "Stories with polls", "instagram", "", D(2026, 3, 1),
                   D(2026, 3, 31)),
        )  # fmt: skip
        # a statement that does not write its target
        con.execute(
            "UPDATE objectives SET statement = 'More **social** visits' WHERE objective_id = 2"
        )
    at.selectbox(key="first_cycle_period").set_value("month")
    at = run(at.date_input(key="first_cycle_start").set_value(D(2026, 3, 1)))
    at = run(at.button(key="start_first_cycle").click())
    evidence = tables(at, "Results in the cycle")[0].set_index("#")
    assert evidence["Results in the cycle"].to_dict() == {
        1: "150 engagements (shared with A2)",
        2: "150 engagements (shared with A1)",
    }
    assert (
        "Together these actions brought 150 engagements, each result counted once. The rows add "
        "up to 300 engagements: a result that several actions share appears under each of them."
    ) in texts(at.caption)
    # the review raises #1's target: its statement says the new one in the next cycle
    decide(
        at, "objective", 1, decision="improve", reason="Reels work better than planned",
        new_target=1200.0,
    )  # fmt: skip
    decide(at, "objective", 2, decision="improve", new_target=900.0)
    at = run(at.button(key="save_review").click())
    assert texts(at.success) == ["Review saved as version 1."]
    at = run(at.button(key="start_next_cycle").click())
    at = run(at.button(key="confirm_next_cycle").click())
    lines = [m for m in texts(at.markdown) if m.startswith("Objective #")]  # labels: literal
    assert lines[0].startswith(
        "Objective #1: Reach 1,200 Instagram followers by the end of April · new target: 1,200.00"
    )
    assert "reword" not in lines[0]
    assert lines[1] == (
        "Objective #2: More \\*\\*social\\*\\* visits · new target: 900.00 · reword the statement: "
        "it does not say the target, 900"
    )
