"""The Traffic page and the UTM links and calendar page, through AppTest on the demo."""

import datetime as dt
from pathlib import Path

import pytest
from page_support import open_tab, texts
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.imports.pipeline import import_file


@pytest.fixture
def demo_app(demo_db, db_path, start_app):
    return start_app(DEMO_DIR, signed_in(db_path))


def table_with(at, column):
    """The first table on the page with that column (st.dataframe keys are not queryable)."""
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


def metrics(at):
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_traffic_page_shows_the_last_full_month_by_network(demo_app):
    at = demo_app.switch_page("pages/traffic.py").run()
    assert not at.exception
    assert metrics(at) == {
        "Sessions": ("21,702", "+26.1 %"),
        "Engaged sessions": ("13,182", "+25.0 %"),
        "Engagement rate": ("60.7 %", "-0.8 %"),
        "Conversions": ("543", "+55.1 %"),
        "Conversion rate": ("2.50 %", "+23.1 %"),
        "Revenue": ("€11,715", "+39.3 %"),
        "Social share": ("36.8 %", "+10.5 %"),
    }
    assert table_with(at, "Sessions (previous)") is None  # on the next tab, not drawn yet
    table = table_with(open_tab(at, "By network"), "Sessions (previous)").set_index("Network")
    assert table.loc["LinkedIn", "Sessions"] == "1,139"
    assert table.loc["Search engines", "Sessions"] == "8,410"
    campaigns = table_with(open_tab(at, "Campaigns"), "Name")
    assert campaigns[["Name", "Sessions"]].values.tolist() == [
        ["catering-empresas", "831"],
        ["forn-marca", "824"],
        ["butlleti-setmanal", "700"],
    ]
    at = open_tab(at, "Tag hygiene")
    assert texts(at.markdown)[0].startswith("57.5 % of the social sessions in this period")


def test_filters_change_every_figure(demo_app):
    at = demo_app.switch_page("pages/traffic.py").run()
    at.multiselect(key="traffic_networks").set_value(["linkedin"]).run()
    at.radio(key="traffic_paid").set_value("paid").run()
    assert not at.exception
    assert metrics(at)["Sessions"][0] == "244"
    at.radio(key="traffic_grain").set_value("day").run()
    at.selectbox(key="traffic_figure").set_value("conversion_rate").run()
    assert not at.exception


def test_data_written_by_another_program_shows_on_the_next_run(demo_app, db_path):
    at = demo_app.switch_page("pages/traffic.py").run()
    before = metrics(at)["Sessions"][0]
    with store.connect(db_path) as con:  # as the CLI would, while the app is open
        con.execute(
            """INSERT INTO web_traffic VALUES ('GA4', DATE '2026-10-05', DATE '2026-10-05',
               'google', 'organic', 'otoño', '', '', 1000, 40, 1, 0, 1)"""
        )
        store.bump_data_version(con)
    at.run()
    after = metrics(at)["Sessions"][0]
    assert int(after.replace(",", "")) == int(before.replace(",", "")) + 1000


def test_an_unknown_source_is_listed_and_mapped_from_the_page(demo_app, db_path):
    with store.connect(db_path) as con:
        con.execute(
            """INSERT INTO web_traffic VALUES ('GA4', DATE '2026-10-05', DATE '2026-10-05',
               'Insta_Reels', 'stories', 'catering-empresas', '', '', 77, 40, 1, 0, 1)"""
        )
        store.bump_data_version(con)
    at = open_tab(demo_app.switch_page("pages/traffic.py").run(), "Tag hygiene")
    unknown = table_with(at, "Medium")
    assert unknown[["Source", "Medium", "Network", "Sessions"]].values.tolist() == [
        ["Insta_Reels", "stories", "Other", "77"]
    ]
    at.text_input(key="alias_source").set_value("insta reels")
    at.selectbox(key="alias_network").set_value("instagram")
    at.button(key="alias_save").click().run()
    assert not at.exception
    assert texts(at.success) == ["From now on 'insta-reels' counts as Instagram."]
    assert at.session_state["traffic_tabs"] == "Tag hygiene"  # back where the user was
    assert table_with(at, "Medium") is None
    assert table_with(at, "Spelling").values.tolist() == [
        ["insta-reels", "Instagram", "By the medium"]
    ]


def test_link_builder_suggests_the_usual_source_and_warns_on_another(demo_app, db_path):
    at = demo_app.switch_page("pages/links.py").run()
    assert "Write the landing page URL and a campaign to build the link." in texts(at.info)
    at.text_input(key="link_url").set_value("forndelaplaca.es/carta?lang=va#dolços")
    at.selectbox(key="link_network").set_value("instagram")
    at.text_input(key="link_campaign").set_value("Tots Sants 2026").run()
    assert not at.exception
    assert texts(at.code) == [
        "https://forndelaplaca.es/carta?lang=va&utm_source=ig&utm_medium=social"
        "&utm_campaign=tots-sants-2026#dolços"
    ]
    assert not at.warning
    at.text_input(key="link_source_instagram_False").set_value("Instagram").run()
    assert texts(at.warning) == [
        "Your past Instagram links used the source 'ig', not 'instagram'; one spelling "
        "keeps your reports tidy."
    ]
    at.text_input(key="link_source_instagram_False").set_value("insta_reels").run()
    assert "will count as Other social, not Instagram" in texts(at.warning)[0]
    at.date_input(key="entry_date").set_value(dt.date(2026, 10, 28))
    at.text_input(key="entry_topic").set_value("Panellets de Tots Sants")
    at.button(key="entry_save").click().run()
    assert not at.exception
    assert texts(at.success) == ["Saved to the calendar for 2026-10-28 09:00."]
    with store.connect(db_path) as con:
        saved = con.execute(
            "SELECT topic, utm_source, utm_campaign, status FROM calendar_entries "
            "WHERE topic LIKE 'Panellets%'"
        ).fetchall()
    assert saved == [("Panellets de Tots Sants", "insta_reels", "tots-sants-2026", "planned")]
    assert at.text_input(key="entry_topic").value == ""  # emptied: a second click adds nothing
    at.button(key="entry_save").click().run()
    assert texts(at.error) == ["Write a topic to save the entry."]
    with store.connect(db_path) as con:
        count = con.execute("SELECT count(*) FROM calendar_entries WHERE topic LIKE 'Panellets%'")
        assert count.fetchone()[0] == 1


def test_a_bad_url_gets_a_message_not_a_link(demo_app):
    at = demo_app.switch_page("pages/links.py").run()
    at.text_input(key="link_url").set_value("not a url")
    at.text_input(key="link_campaign").set_value("x").run()
    assert texts(at.error) == [
        "That does not look like a web address; write it like https://example.com/page."
    ]
    assert not at.code


def test_calendar_month_and_results_show_the_demo_campaigns(demo_app):
    at = open_tab(demo_app.switch_page("pages/links.py").run(), "Calendar")
    at.date_input(key="calendar_day").set_value(dt.date(2026, 3, 1)).run()
    assert not at.exception
    # the month grid: an entry is a button with its time in its network's colour, marked when
    # planned outside its network's best times
    labels = [b.label for b in at.button if b.key and b.key.startswith("calendar_open_")]
    assert labels[:2] == [
        ":blue-badge[08:00] ⚠ Fallas 2026: anuncio chocolate con buñuelos",
        ":violet-badge[09:00] ⚠ Fallas 2026: buñuelos de calabaza",
    ]
    at = open_tab(at, "Results")
    results = table_with(at, "From").set_index("Topic")
    assert results.loc["Fallas 2026: buñuelos de calabaza", "Sessions"] == "1,023"
    by_campaign = table_with(at, "Entries").set_index("Campaign")
    assert by_campaign.loc["fallas-2026", "Sessions"] == "3,520"
    at = open_tab(at, "Calendar")
    assert at.date_input(key="calendar_day").value == dt.date(2026, 3, 1)  # kept meanwhile
    at.radio(key="calendar_view").set_value("week").run()
    week = table_with(at, "Time")
    assert week["Topic"].tolist() == [
        "Fallas 2026: anuncio chocolate con buñuelos",
        "Fallas 2026: buñuelos de calabaza",
    ]
    at.selectbox(key="calendar_status").set_value("idea")
    at.button(key="calendar_set_status").click().run()
    assert not at.exception
    assert table_with(at, "Time")["Status"].tolist()[0] == "Idea"


def test_an_entry_opens_in_the_edit_form_and_shows_its_post(demo_app, db_path):
    at = open_tab(demo_app.switch_page("pages/links.py").run(), "Calendar")
    at.date_input(key="calendar_day").set_value(dt.date(2026, 3, 1)).run()
    with store.connect(db_path) as con:
        (entry_id,) = con.execute(
            "SELECT entry_id FROM calendar_entries WHERE topic = 'Fallas 2026: buñuelos en directo'"
        ).fetchone()
    at = at.button(key=f"calendar_open_{entry_id}").click().run()
    assert not at.exception
    assert at.text_input(key=f"edit_{entry_id}_topic").value == "Fallas 2026: buñuelos en directo"
    assert at.number_input(key=f"edit_{entry_id}_estimated").value == 4.0
    shown = table_with(at, "Matched by")
    assert shown["Matched by"].tolist()[0] == "network, day and text"
    at.number_input(key=f"edit_{entry_id}_spent").set_value(6.0)
    at.button(key=f"edit_{entry_id}_save").click().run()
    assert not at.exception
    assert "Entry saved." in texts(at.success)
    with store.connect(db_path) as con:
        spent = con.execute(
            "SELECT hours_spent FROM calendar_entries WHERE entry_id = ?", [entry_id]
        ).fetchone()
    assert spent == (6.0,)


def test_themes_and_effort_show_the_demo_pillars(demo_app):
    at = open_tab(demo_app.switch_page("pages/links.py").run(), "Themes and effort")
    shares = table_with(at, "Share of the plan").set_index("Theme")
    assert shares.loc["Obrador y producto", "Use"] == "Under-used"
    assert shares.loc["Campañas de temporada", "Use"] == "Over-used"
    by_type = table_with(at, "Type of piece").set_index("Type of piece")
    assert by_type.loc["Video", "Suggestion"] == "Drop"
    assert by_type.loc["Reel", "Suggestion"] == "too few"
    unplanned = table_with(open_tab(at, "Results"), "Text")
    assert len(unplanned) > 100


def test_pages_speak_spanish(demo_app):
    demo_app.sidebar.selectbox(key="lang").set_value("es").run()
    at = demo_app.switch_page("pages/traffic.py").run()
    assert not at.exception
    assert texts(at.title) == ["Tráfico por red"]
    assert metrics(at)["Sesiones"][0] == "21.702"
    at = open_tab(at.switch_page("pages/links.py").run(), "Calendario")
    assert texts(at.title) == ["Enlaces UTM y calendario"]
    # the calendar's weeks start on Monday in Spanish
    days = [m for m in texts(at.markdown) if m in ("**Lun**", "**Dom**")]
    assert days == ["**Lun**", "**Dom**"]


def test_traffic_by_channel_group_says_where_the_split_by_network_comes_from(db_path, start_app):
    with store.connect(db_path) as con:
        import_file(con, Path(__file__).parent / "fixtures" / "ga4_channel_group_daily.csv")
    at = start_app(None, signed_in(db_path)).switch_page("pages/traffic.py").run()
    at.date_input(key="traffic_period").set_value((dt.date(2026, 3, 1), dt.date(2026, 3, 2)))
    at.run()
    assert not at.exception
    assert metrics(at)["Sessions"][0] == "563"
    assert metrics(at)["Social share"][0] == "26.6 %"
    note = texts(at.info)[0]
    assert note.startswith("563 sessions in this period come from a Google Analytics report")
    assert "dimension Session source / medium for the split by network" in note
    table = table_with(open_tab(at, "By network"), "Sessions (previous)").set_index("Network")
    assert table.loc["Other social", "Sessions"] == "150"
