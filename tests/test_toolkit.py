"""The CM's toolkit (smdash.plan.toolkit): parts, versions, protocol search, wiring, demo."""

import datetime as dt

import pytest

from smdash import workspace
from smdash.access import audit, roles
from smdash.db import store
from smdash.plan import calendar, objectives, toolkit
from smdash.plan.calendar import Entry
from smdash.plan.objectives import Objective
from smdash.plan.toolkit import (
    GuidePart,
    NetworkChoice,
    Profile,
    ProtocolEntry,
    Questionnaire,
)

ANA = roles.Actor("ana", "editor")
BOSS = roles.Actor("boss", "viewer")


def entry(category="Envíos", question="¿Hacéis envíos?", answer="Sí, en Valencia.", **more):
    return ProtocolEntry(None, category, question, answer, **more)


def technology(*choices) -> GuidePart:
    return GuidePart("technology", "Where the customers are.", tuple(choices))


# --- the parts and their versions -----------------------------------------------------------


def test_an_empty_toolkit_reads_as_empty_parts_and_a_checklist_with_nothing_done(con):
    assert toolkit.is_empty(con)
    assert toolkit.questionnaire(con) == Questionnaire()
    assert toolkit.questionnaire(con).saved.version == 0
    assert [part.part for part in toolkit.guide(con)] == list(toolkit.GUIDE_PARTS)
    assert all(part.text == "" for part in toolkit.guide(con))
    assert toolkit.profiles(con) == [] and toolkit.protocol(con) == []
    assert toolkit.guidelines(con).points == ()
    steps = toolkit.checklist(con)
    assert [s.key for s in steps] == [
        "questionnaire",
        "never_publish",
        "technology",
        "profiles",
        "protocol",
        "guidelines",
    ]
    assert not any(s.done for s in steps)


def test_every_save_keeps_the_earlier_version_with_who_and_when(con):
    first = Questionnaire(offer="Pan", audience="Vecinos", never_publish=("Política", " fútbol "))
    assert toolkit.save_questionnaire(con, first, actor=ANA) == 1
    second = Questionnaire(offer="Pan de **masa madre**", audience="Vecinos", never_publish=())
    assert toolkit.save_questionnaire(con, second, actor=roles.CLI) == 2
    assert toolkit.questionnaire(con) == second
    history = toolkit.history(con, "questionnaire")
    assert [(v.version, v.saved_by) for v in history] == [(2, "cli"), (1, "ana")]
    assert all(isinstance(v.saved_at, dt.datetime) for v in history)
    text = toolkit.version_text(con, "questionnaire", 1, "en")
    assert "Pan" in text and "- Política" in text and "- fútbol" in text
    assert toolkit.questionnaire(con).saved.version == 2


def test_a_save_that_changes_nothing_adds_no_version(con):
    part = GuidePart("people", "Marta runs every account.")
    assert toolkit.save_guide_part(con, part) == 1
    assert toolkit.save_guide_part(con, GuidePart("people", "  Marta runs every account.\n")) == 1
    assert len(toolkit.history(con, "guide.people")) == 1


def test_the_difference_between_two_versions_names_the_lines_that_changed(con):
    toolkit.save_guide_part(con, GuidePart("strategy", "Sell more.\nKeep the bakery videos."))
    toolkit.save_guide_part(con, GuidePart("strategy", "Sell more.\nDrop the giveaways."))
    lines = toolkit.diff(con, "guide.strategy", 1, 2, "es")
    assert "-Keep the bakery videos." in lines
    assert "+Drop the giveaways." in lines
    assert " Sell more." in lines
    assert lines[:2] == ["--- v1", "+++ v2"]
    assert toolkit.diff(con, "guide.strategy", 2, 2, "es") == []


def test_restoring_an_old_version_adds_it_as_the_newest_and_loses_nothing(con):
    toolkit.save_guide_part(con, GuidePart("objectives", "Ten objectives."))
    toolkit.save_guide_part(con, GuidePart("objectives", "Four objectives."))
    assert toolkit.restore_version(con, "guide.objectives", 1) == 3
    assert toolkit.guide_part(con, "objectives").text == "Ten objectives."
    assert [v.version for v in toolkit.history(con, "guide.objectives")] == [3, 2, 1]
    with pytest.raises(toolkit.InvalidToolkit) as missing:
        toolkit.restore_version(con, "guide.objectives", 9)
    assert "no version 9" in missing.value.message("en")


def test_the_technology_part_lists_networks_used_and_not_used_with_reasons(con):
    toolkit.save_guide_part(
        con,
        technology(
            NetworkChoice("instagram", True, "Young customers"),
            NetworkChoice("tiktok", False, "No time for video"),
        ),
    )
    assert toolkit.networks_used(con) == {"instagram": "Young customers"}
    assert toolkit.networks_not_used(con) == {"tiktok": "No time for video"}
    text = toolkit.version_text(con, "guide.technology", 1, "en")
    assert "- TikTok (not used): No time for video" in text
    with pytest.raises(toolkit.InvalidToolkit) as twice:
        toolkit.save_guide_part(
            con, technology(NetworkChoice("x", True), NetworkChoice("x", False, "Twice"))
        )
    assert twice.value.message("en") == "x is listed twice: keep one line per network."
    with pytest.raises(toolkit.InvalidToolkit):
        toolkit.save_guide_part(con, technology(NetworkChoice("myspace", True)))


def test_profiles_are_added_edited_and_removed_without_losing_a_version(con):
    profile_id = toolkit.save_profile(
        con, Profile(None, "instagram", "@forn", "https://instagram.com/forn", tone="Warm")
    )
    saved = toolkit.get_profile(con, profile_id)
    assert (saved.network, saved.handle, saved.tone) == ("instagram", "@forn", "Warm")
    toolkit.save_profile(con, Profile(profile_id, "instagram", "@forn", times="Mon 8:00"))
    assert toolkit.profiles(con)[0].times == "Mon 8:00"
    toolkit.remove_profile(con, profile_id)
    assert toolkit.profiles(con) == [] and toolkit.get_profile(con, profile_id) is None
    history = toolkit.history(con, f"profile.{profile_id}")
    assert [(v.version, v.removed) for v in history] == [(3, True), (2, False), (1, False)]
    with pytest.raises(toolkit.InvalidToolkit) as bad:
        toolkit.save_profile(con, Profile(None, "instagram", "@forn", "instagram.com/forn"))
    assert "https://" in bad.value.message("en")
    with pytest.raises(toolkit.InvalidToolkit):
        toolkit.save_profile(con, Profile(None, "instagram", "  "))


def test_guidelines_are_a_short_list(con):
    assert toolkit.save_guidelines(con, ["Speak for yourself.", "", "Ask before posting."]) == 1
    assert toolkit.guidelines(con).points == ("Speak for yourself.", "Ask before posting.")
    with pytest.raises(toolkit.InvalidToolkit) as too_many:
        toolkit.save_guidelines(con, [f"Point {n}" for n in range(11)])
    assert too_many.value.message("es") == (
        "Las pautas tienen 11 puntos: déjalas en 10 como mucho."
    )
    assert len(toolkit.history(con, "guidelines")) == 1


def test_a_viewer_cannot_write_and_every_write_is_audited(con):
    with pytest.raises(roles.PermissionDenied):
        toolkit.save_questionnaire(con, Questionnaire(offer="x"), actor=BOSS)
    with roles.acting_as(BOSS), pytest.raises(roles.PermissionDenied):
        toolkit.save_protocol_entry(con, entry())
    assert toolkit.is_empty(con)
    toolkit.save_protocol_entry(con, entry(), actor=ANA)
    trail = audit.trail(con)
    assert trail.loc[0, ["actor", "action"]].tolist() == ["ana", "toolkit.save_protocol_entry"]
    for name in (
        "save_questionnaire",
        "save_guide_part",
        "save_profile",
        "remove_profile",
        "save_protocol_entry",
        "mark_reviewed",
        "remove_protocol_entry",
        "save_guidelines",
        "restore_version",
    ):
        assert getattr(toolkit, name).audited_action == f"toolkit.{name}"


# --- the response protocol ------------------------------------------------------------------


@pytest.fixture
def protocol(con):
    ids = [
        toolkit.save_protocol_entry(
            con,
            entry(networks=("instagram",), keywords="delivery shipping"),
            today=dt.date(2026, 9, 1),
        ),
        toolkit.save_protocol_entry(
            con,
            entry("Alergias", "¿Tenéis pan sin gluten?", "No: trabajamos con harina de trigo."),
            today=dt.date(2026, 9, 2),
        ),
        toolkit.save_protocol_entry(
            con,
            entry("Catering", "Price of a catering?", "From 6 EUR a person.", tone="Formal"),
            today=dt.date(2026, 9, 3),
        ),
    ]
    return con, ids


def questions(found) -> list[str]:
    return [e.question for e in found]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("envio", ["¿Hacéis envíos?"]),  # accents ignored in the text
        ("ENVÍOS", ["¿Hacéis envíos?"]),  # and in the words searched
        ("Shipping", ["¿Hacéis envíos?"]),  # the entry's search words, in English
        ("harina trigo", ["¿Tenéis pan sin gluten?"]),  # every word, anywhere in the entry
        ("harina catering", []),
        ("formal", ["Price of a catering?"]),  # the tone
        ("catering price", ["Price of a catering?"]),  # English text, any order
        ("", ["¿Tenéis pan sin gluten?", "Price of a catering?", "¿Hacéis envíos?"]),
        ("¿%_'", ["¿Tenéis pan sin gluten?", "Price of a catering?", "¿Hacéis envíos?"]),
    ],
)
def test_the_protocol_is_searched_by_words_with_accents_and_case_ignored(protocol, words, expected):
    con, _ = protocol
    assert questions(toolkit.protocol(con, words)) == expected


def test_the_protocol_is_filtered_by_category_and_network(protocol):
    con, _ = protocol
    assert toolkit.protocol_categories(con) == ["Alergias", "Catering", "Envíos"]
    assert questions(toolkit.protocol(con, category="Catering")) == ["Price of a catering?"]
    # an entry for no network in particular applies to every network
    assert questions(toolkit.protocol(con, network="tiktok")) == [
        "¿Tenéis pan sin gluten?",
        "Price of a catering?",
    ]
    assert len(toolkit.protocol(con, network="instagram")) == 3
    assert toolkit.protocol(con, "gluten", category="Envíos") == []


def test_each_entry_shows_when_it_was_last_reviewed(protocol):
    con, ids = protocol
    found = toolkit.protocol_entry(con, ids[0])
    assert found.last_reviewed == dt.date(2026, 9, 1) and found.networks == ("instagram",)
    toolkit.mark_reviewed(con, ids[0], today=dt.date(2026, 11, 20))
    assert toolkit.protocol_entry(con, ids[0]).last_reviewed == dt.date(2026, 11, 20)
    assert toolkit.protocol_entry(con, ids[0]).answer == found.answer
    # editing an entry counts as reviewing it
    edited = toolkit.protocol_entry(con, ids[1])
    toolkit.save_protocol_entry(
        con,
        ProtocolEntry(ids[1], *[getattr(edited, f) for f in toolkit.PROTOCOL_FIELDS[:-1]]),
        today=dt.date(2026, 12, 1),
    )
    assert toolkit.protocol_entry(con, ids[1]).last_reviewed == dt.date(2026, 12, 1)
    with pytest.raises(toolkit.InvalidToolkit):
        toolkit.mark_reviewed(con, 999)
    with pytest.raises(toolkit.InvalidToolkit):  # an id is never made up by the caller
        toolkit.save_protocol_entry(con, ProtocolEntry(999, "Envíos", "¿Sí?", "Sí."))
    with pytest.raises(toolkit.InvalidToolkit):
        toolkit.save_profile(con, Profile(999, "instagram", "@forn"))


def test_an_entry_needs_category_question_and_answer(con):
    with pytest.raises(toolkit.InvalidToolkit) as incomplete:
        toolkit.save_protocol_entry(con, entry(answer="  "))
    assert incomplete.value.message("en") == (
        "A protocol entry needs a category, the question and the answer."
    )
    assert toolkit.is_empty(con)


def test_a_removed_entry_leaves_the_protocol_but_not_the_history(protocol):
    con, ids = protocol
    toolkit.remove_protocol_entry(con, ids[2])
    assert "Price of a catering?" not in questions(toolkit.protocol(con))
    assert toolkit.protocol_categories(con) == ["Alergias", "Envíos"]
    assert [v.removed for v in toolkit.history(con, f"protocol.{ids[2]}")] == [True, False]
    assert toolkit.restore_version(con, f"protocol.{ids[2]}", 1) == 3
    assert "Price of a catering?" in questions(toolkit.protocol(con))


# --- wired into the rest ------------------------------------------------------------------


def test_objectives_on_a_network_the_guide_says_not_to_use_are_listed(con):
    base = Objective(
        None, "TikTok views", None, "engagements", "tiktok", 0.0, 100.0,
        dt.date(2026, 1, 1), dt.date(2026, 6, 30),
    )  # fmt: skip
    tiktok = objectives.add_objective(con, base)
    objectives.add_objective(con, Objective(**{**base.__dict__, "scope": "instagram"}))
    assert toolkit.objectives_on_unused_networks(con).empty
    toolkit.save_guide_part(con, technology(NetworkChoice("tiktok", False, "No time")))
    found = toolkit.objectives_on_unused_networks(con)
    assert found[["objective_id", "network", "reason"]].values.tolist() == [
        [tiktok, "tiktok", "No time"]
    ]
    objectives.set_objective_status(con, tiktok, objectives.ARCHIVED)
    assert toolkit.objectives_on_unused_networks(con).empty


def test_topics_never_to_publish_are_found_in_the_planned_posts(con):
    when = dt.datetime(2026, 11, 5, 9)
    planned = calendar.add_entry(con, Entry(when, "instagram", "Roscón", "Ni POLITICA ni nada"))
    calendar.add_entry(con, Entry(when, "facebook", "Futbol y pan", "", status="published"))
    idea = calendar.add_entry(con, Entry(when, "tiktok", "Fútbol: el derbi", "", status="idea"))
    calendar.add_entry(con, Entry(when, "x", "Horarios", "Abrimos el domingo"))
    assert toolkit.forbidden_topics_in_calendar(con).empty  # no topics yet
    toolkit.save_questionnaire(con, Questionnaire(never_publish=("política", "fútbol")))
    found = toolkit.forbidden_topics_in_calendar(con)
    assert found[["entry_id", "forbidden"]].values.tolist() == [
        [planned, "política"],
        [idea, "fútbol"],
    ]
    assert toolkit.forbidden_topics_in_calendar(con, dt.date(2026, 12, 1)).empty
    assert toolkit.forbidden_topics_in(con, "Un post sobre Política") == ["política"]
    assert toolkit.forbidden_topics_in(con, "Pan") == []


def test_a_profile_links_to_its_accounts_in_the_imported_data(con):
    con.executemany(
        "INSERT INTO posts (platform, post_id, account, published_at, import_id) "
        "VALUES (?, ?, ?, TIMESTAMP '2026-10-01 09:00', 1)",
        [("instagram", "1", "forndelaplaca"), ("instagram", "2", "forndelaplaca"),
         ("instagram", "3", "otra"), ("linkedin", "4", "")],
    )  # fmt: skip
    found = toolkit.profile_accounts(con, Profile(None, "instagram", "@FornDeLaPlaca"))
    assert found[["account", "posts"]].values.tolist() == [["forndelaplaca", 2]]
    assert found.loc[0, "last_day"] == dt.date(2026, 10, 1)
    named = toolkit.profile_accounts(con, Profile(None, "instagram", "@x", accounts=("otra",)))
    assert named["account"].tolist() == ["otra"]
    unnamed = toolkit.profile_accounts(con, Profile(None, "linkedin", "Forn de la Plaça"))
    assert unnamed["account"].tolist() == [""]
    assert len(toolkit.imported_accounts(con)) == 3


# --- the demo workspace -------------------------------------------------------------------


def test_the_demo_has_a_complete_toolkit_for_the_bakery_in_spanish(demo_db):
    with store.connect(demo_db) as con:
        assert all(step.done for step in toolkit.checklist(con))
        answers = toolkit.questionnaire(con)
        assert "masa madre" in answers.offer and "fútbol" in answers.never_publish
        assert all(part.text for part in toolkit.guide(con))
        assert toolkit.networks_not_used(con).keys() == {"pinterest", "threads", "whatsapp"}
        assert [v.version for v in toolkit.history(con, "guide.technology")] == [2, 1]
        assert toolkit.history(con, "guide.technology")[0].saved_by == "demo"
        assert len(toolkit.profiles(con)) == 6
        for profile in toolkit.profiles(con):
            assert not toolkit.profile_accounts(con, profile).empty, profile.network
        assert questions(toolkit.protocol(con, "sin gluten")) == ["¿Tenéis pan sin gluten?"]
        assert len(toolkit.protocol(con)) == 8
        assert 5 <= len(toolkit.guidelines(con).points) <= toolkit.GUIDELINES_MAX
        # a good toolkit: nothing planned that it forbids, no objective where it says not to be
        assert toolkit.forbidden_topics_in_calendar(con).empty
        assert toolkit.objectives_on_unused_networks(con).empty


def test_starting_an_empty_workspace_empties_the_toolkit(demo_db):
    with store.connect(demo_db) as con:
        workspace.start_empty(con, actor=ANA)
        assert toolkit.is_empty(con)
        assert not any(step.done for step in toolkit.checklist(con))
