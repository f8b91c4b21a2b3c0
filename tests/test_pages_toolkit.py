"""The Toolkit page through AppTest: an editor fills and edits it, a viewer reads and searches;
its warnings on the Objectives and calendar pages."""

import datetime as dt

import pytest
from page_support import every_view, open_expanders, open_tab, run, texts
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.plan import calendar, objectives, toolkit
from smdash.plan.objectives import Objective
from smdash.plan.toolkit import GuidePart, NetworkChoice, Questionnaire

PAGE = "pages/toolkit.py"


@pytest.fixture
def app(db_path, start_app, request):
    """AppTest on the Toolkit page, signed in as ``role``, on the demo or an empty workspace."""

    def start(role: str = "editor", demo: bool = False):
        if demo:
            request.getfixturevalue("demo_db")
        at = start_app(DEMO_DIR if demo else None, signed_in(db_path, role))
        return run(at.switch_page(PAGE))

    return start


def keys(elements) -> list[str]:
    return [element.key for element in elements]


def edit_controls(at) -> list:
    """Every control that writes: buttons, forms and their fields, the networks table (the one
    dataframe with a key: an editable one)."""
    editors = [frame for frame in at.dataframe if frame.key]
    return [*at.button, *at.text_area, *at.multiselect, *at.get("form"), *editors]


def test_an_empty_workspace_shows_what_to_fill_first(app):
    at = app()
    assert at.title[0].value == "Toolkit"
    shown = "\n".join(texts(at.markdown))
    assert "What to fill first" in shown
    assert ":material/radio_button_unchecked: 1. The questionnaire" in shown
    assert "6. The guidelines for employees" in shown
    # the editor's forms (what the viewer must not see), on each tab and in its expanders
    assert sum(len(edit_controls(view)) for view in every_view(at)) > 20


def test_only_the_chosen_tab_runs_and_an_edit_form_only_once_opened(app):
    at = app(demo=True)
    assert [tab.label for tab in at.tabs][:3] == ["Questionnaire", "Guide", "Profiles"]
    profile = "**Instagram · \\@forndelaplaca**"
    assert profile not in texts(at.markdown)  # the Profiles tab has not run
    assert not [e for e in at.expander if e.label == "Edit this profile"]
    at = open_tab(at, "Profiles")
    assert profile in texts(at.markdown)
    assert "Edit the questionnaire" not in [e.label for e in at.expander]  # the first tab's
    assert [e.label for e in at.expander].count("Edit this profile") == 6
    assert "toolkit_profile_1_handle" not in keys(at.text_input)  # its form: not drawn yet ...
    at = open_expanders(at, "toolkit_profile_open_1")
    assert at.text_input(key="toolkit_profile_1_handle").value == "@forndelaplaca"  # ... now
    assert "toolkit_profile_2_handle" not in keys(at.text_input)  # the other cards' still not


def test_a_write_comes_back_to_its_tab_with_its_message(app):
    at = open_tab(app(demo=True), "Response protocol")
    entry = next(b for b in at.button if b.key.endswith("_reviewed"))
    at = run(entry.click())
    assert at.session_state["toolkit_tabs"] == "Response protocol"
    assert texts(at.success) == ["Marked as reviewed today."]
    assert any(c.startswith("Last reviewed on ") for c in texts(at.caption))


def test_an_empty_profiles_tab_opens_its_add_form_by_itself(app):
    at = open_tab(app(), "Profiles")
    assert texts(at.info) == ["No profiles yet."]
    assert at.text_input(key="toolkit_profile_new_handle").value == ""  # no click needed
    at.text_input(key="toolkit_profile_new_handle").input("@forn")
    at = run(at.button(key="toolkit_profile_new_save").click())
    assert texts(at.success) == ["Profile \\@forn saved."]  # plain(): "@" escaped
    assert at.session_state["toolkit_tabs"] == "Profiles"
    assert "**Facebook · \\@forn**" in texts(at.markdown)


def test_the_editor_fills_the_questionnaire_and_a_new_version_keeps_the_old(app, db_path):
    at = app()
    at.text_area(key="toolkit_q_offer").input("Sourdough **bread** <b>baked</b> daily")
    at.text_area(key="toolkit_q_audience").input("Neighbours")
    at.text_area(key="toolkit_q_never_publish").input("Politics\nFootball")
    at = run(at.button(key="toolkit_q_save").click())
    assert texts(at.success) == ["Questionnaire saved."]
    # Markdown is rendered, raw HTML is not: st.markdown without unsafe_allow_html
    assert "Sourdough **bread** <b>baked</b> daily" in texts(at.markdown)
    assert "- Politics\n- Football" in texts(at.markdown)
    assert any(c.startswith("Version 1, saved by cm on ") for c in texts(at.caption))
    at = open_expanders(at, "toolkit_q_open")  # once saved, the form is under "Edit"
    at.text_area(key="toolkit_q_audience").input("Neighbours and offices")
    at = run(at.button(key="toolkit_q_save").click())
    with store.connect(db_path) as con:
        assert [v.version for v in toolkit.history(con, "questionnaire")] == [2, 1]
        assert toolkit.questionnaire(con).audience == "Neighbours and offices"
    # the checklist ticks what was filled
    assert ":material/check_circle: 1. The questionnaire" in "\n".join(texts(at.markdown))


def test_the_editor_edits_the_guide_twice_and_sees_the_difference(app):
    at = open_expanders(open_tab(app(), "Guide"), "toolkit_guide_open_people")
    at.text_area(key="toolkit_guide_text_people").input("Marta runs every account.")
    at = run(at.button(key="toolkit_guide_save_people").click())
    at.text_area(key="toolkit_guide_text_people").input("Marta and Jordi run the accounts.")
    at = run(at.button(key="toolkit_guide_save_people").click())
    assert texts(at.success) == ["People saved."]
    assert "Marta and Jordi run the accounts." in texts(at.markdown)
    at = open_tab(at, "History")
    at = run(at.selectbox(key="toolkit_history_item").set_value("guide.people"))
    table = [d.value for d in at.dataframe if "Saved by" in d.value.columns][0]
    assert table["Version"].tolist() == [2, 1] and set(table["Saved by"]) == {"cm"}
    assert "What changed from version 1 to version 2" in " ".join(texts(at.markdown))
    diff = next(c.value for c in at.code if c.proto.language == "diff")
    assert "-Marta runs every account." in diff
    assert "+Marta and Jordi run the accounts." in diff


def test_the_editor_adds_a_protocol_entry_and_finds_it_without_accents(app, db_path):
    at = open_expanders(open_tab(app(), "Response protocol"), "toolkit_pf_open_new")
    at.text_input(key="toolkit_pf_new_category").input("Envíos")
    at.text_input(key="toolkit_pf_new_q").input("¿Hacéis envíos a domicilio?")
    at.text_area(key="toolkit_pf_new_answer").input("De momento no: recógelo en tienda.")
    at.text_input(key="toolkit_pf_new_to").input("Laura")
    at.multiselect(key="toolkit_pf_new_networks").set_value(["instagram"])
    at = run(at.button(key="toolkit_pf_new_save").click())
    assert texts(at.success) == ["Answer saved in the protocol."]
    at = run(at.text_input(key="toolkit_search").input("envio domicilio"))
    assert "1 answer" in texts(at.caption)
    assert "**¿Hacéis envíos a domicilio?**" in texts(at.markdown)
    assert "De momento no: recógelo en tienda." in [c.value for c in at.code]
    assert any(c.startswith("Last reviewed on ") for c in texts(at.caption))
    at = run(at.selectbox(key="toolkit_network").set_value("tiktok"))
    assert "0 answers" in texts(at.caption)
    with store.connect(db_path) as con:
        assert toolkit.protocol(con)[0].escalate_to == "Laura"


def test_a_protocol_entry_needs_its_answer(app):
    at = open_expanders(open_tab(app(), "Response protocol"), "toolkit_pf_open_new")
    at.text_input(key="toolkit_pf_new_category").input("Envíos")
    at.text_input(key="toolkit_pf_new_q").input("¿Hacéis envíos?")
    at = run(at.button(key="toolkit_pf_new_save").click())
    assert texts(at.error) == ["A protocol entry needs a category, the question and the answer."]


def test_the_viewer_reads_and_searches_the_demo_toolkit_but_finds_no_edit_control(app):
    at = app("viewer", demo=True)
    assert not at.exception
    assert all(edit_controls(view) == [] for view in every_view(at))
    assert "What to fill first" not in "\n".join(texts(at.markdown))  # the demo's is complete
    shown = "\n".join(texts(open_tab(at, "Guide").markdown))
    assert "Marta (community manager) publica y responde" in shown  # the guide, people
    assert "- **Pinterest**: Nuestro público local apenas lo usa." in shown
    shown = "\n".join(texts(open_tab(at, "Profiles").markdown))
    assert "**Instagram · \\@forndelaplaca**" in shown  # plain(): "@" escaped
    at = open_tab(at, "Response protocol")
    at = run(at.text_input(key="toolkit_search").input("GLUTEN"))
    assert "1 answer" in texts(at.caption)
    assert "**¿Tenéis pan sin gluten?**" in texts(at.markdown)
    at = run(at.text_input(key="toolkit_search").input("shipping"))  # an English search word
    assert "**¿Hacéis envíos a domicilio?**" in texts(at.markdown)
    at = open_tab(at, "History")
    at = run(at.selectbox(key="toolkit_history_item").set_value("guide.technology"))
    assert edit_controls(at) == []
    assert any("+- TikTok (used)" in c.value for c in at.code)


def test_the_objectives_page_warns_of_an_objective_on_a_network_not_used(app, db_path):
    with store.connect(db_path) as con:
        objectives.add_objective(
            con,
            Objective(
                None, "TikTok engagements", None, "engagements", "tiktok", 0.0, 100.0,
                dt.date(2026, 1, 1), dt.date(2026, 6, 30),
            ),
        )  # fmt: skip
        toolkit.save_guide_part(
            con, GuidePart("technology", "", (NetworkChoice("tiktok", False, "No time"),))
        )
    at = run(app().switch_page("pages/objectives.py"))
    assert texts(at.warning)[-1] == (
        "This objective is on TikTok, which the guide says not to use: No time"
    )


def test_the_calendar_warns_of_a_planned_post_on_a_topic_never_to_publish(app, db_path):
    with store.connect(db_path) as con:
        when = dt.datetime(2026, 11, 20, 9)
        calendar.add_entry(con, calendar.Entry(when, "instagram", "Derby day", "Fútbol y pan"))
        toolkit.save_questionnaire(con, Questionnaire(never_publish=("futbol",)))
    at = open_tab(run(app().switch_page("pages/links.py")), "Calendar")
    assert (
        "Planned posts mention topics the questionnaire says never to publish:\n"
        "- 2026-11-20 09:00, Instagram: Derby day (mentions futbol)"
    ) in texts(at.warning)


def test_the_language_switched_on_a_tab_opens_the_first_tab_in_the_other_language(app):
    at = open_tab(app(demo=True), "Profiles")
    at.session_state["ui_lang"] = "es"  # as the sidebar's language switch sets it
    at = run(at)
    assert [tab.label for tab in at.tabs][0] == "Cuestionario"
    assert at.session_state["toolkit_tabs"] == "Cuestionario"  # the labels changed with it
    assert "Editar el cuestionario" in [e.label for e in at.expander]
    assert texts(at.title) == ["Kit de redes"]
