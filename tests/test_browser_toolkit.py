"""The Toolkit page in a real headless Chromium (issue 16): the editor fills the questionnaire,
adds a protocol entry, edits the guide twice and sees the history and the difference; the
director (a viewer) searches the protocol and reads the guide but finds no edit control.

Runs the app with `streamlit run` on a workspace with no data (browser_support.app: editor cm,
viewer boss). Screenshots of each step go to SHOTS, to be looked at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import (  # noqa: F401
    EDITOR,
    VIEWER,
    RunningApp,
    app,
    browser_page,
    sign_in,
    tab_names,
)
from browser_support import open_tab as open_drawn_tab

from smdash.db import store
from smdash.plan import toolkit

pytestmark = pytest.mark.browser  # `pytest -m "not browser"` leaves these out
expect = pytest.importorskip("playwright.sync_api").expect
MS = 30_000
SHOTS = Path("/tmp/smdash-toolkit-shots")


def settled(page) -> None:
    """Wait until the script run is over (the running indicator is gone), twice over: on a busy
    machine a rerun may start a moment after the click that caused it."""
    for _ in range(2):
        page.wait_for_timeout(400)
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=MS)


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_toolkit(page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Toolkit").click()
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(heading).to_have_text("Toolkit", timeout=MS)
    settled(page)


def open_tab(page, name: str):
    """The shown panel (hidden tabs are not drawn: only the chosen one runs)."""
    panel = open_drawn_tab(page, name)
    settled(page)
    return panel


def save_form(page, form) -> None:
    form.get_by_test_id("stBaseButton-secondaryFormSubmit").or_(
        form.get_by_test_id("stBaseButton-primaryFormSubmit")
    ).click()
    settled(page)


def edit_people(page, text: str) -> None:
    panel = open_tab(page, "Guide")
    expander = panel.get_by_test_id("stExpander").filter(has_text="Edit: People")
    if not expander.get_by_role("textbox", name="People", exact=True).is_visible():
        expander.get_by_text("Edit: People").click()
    field = expander.get_by_role("textbox", name="People", exact=True)
    field.fill(text)
    settled(page)
    expect(field).to_have_value(text)  # not reset by a rerun that started late
    save_form(page, expander.get_by_test_id("stForm"))
    expect(page.get_by_test_id("stMain").get_by_text("People saved.")).to_be_visible(timeout=MS)


def test_the_editor_fills_the_toolkit_and_the_director_reads_it(app: RunningApp, browser_page):  # noqa: F811
    page = browser_page
    sign_in(page, app.url, EDITOR)
    open_toolkit(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("What to fill first")).to_be_visible(timeout=MS)
    shot(page, "1-empty-checklist")

    # the questionnaire (its form is open while it was never saved)
    panel = open_tab(page, "Questionnaire")
    panel.get_by_role("textbox", name="What the company offers", exact=True).fill(
        "Pan de **masa madre** cada mañana."
    )
    panel.get_by_role("textbox", name="Who its audience is", exact=True).fill(
        "Vecinos de Russafa y oficinas."
    )
    panel.get_by_role("textbox", name="Topics never to publish or discuss", exact=True).fill(
        "política\nfútbol"
    )
    save_form(page, panel.get_by_test_id("stForm"))
    expect(main.get_by_text("Questionnaire saved.")).to_be_visible(timeout=MS)
    panel = page.get_by_role("tabpanel")
    expect(panel.locator("strong", has_text="masa madre")).to_be_visible(
        timeout=MS
    )  # Markdown rendered
    expect(panel.get_by_text("Version 1, saved by cm on")).to_be_visible(timeout=MS)
    shot(page, "2-questionnaire-saved")

    # a protocol entry through the "new question" form
    panel = open_tab(page, "Response protocol")
    panel.get_by_text("New question").click()
    form = panel.get_by_test_id("stForm")
    form.get_by_role("textbox", name="Category", exact=True).fill("Envíos")
    form.get_by_role("textbox", name="Question", exact=True).fill("¿Hacéis envíos a domicilio?")
    form.get_by_role("textbox", name="Answer", exact=True).fill(
        "De momento no: encarga en la web y recoge en tienda."
    )
    form.get_by_role("textbox", name="Escalate to", exact=True).fill("Laura")
    save_form(page, form)
    expect(main.get_by_text("Answer saved in the protocol.")).to_be_visible(timeout=MS)
    panel = page.get_by_role("tabpanel")
    expect(panel.get_by_test_id("stCode")).to_contain_text("encarga en la web", timeout=MS)
    shot(page, "3-protocol-entry")

    # the guide, edited twice
    edit_people(page, "Marta lleva todas las cuentas.")
    edit_people(page, "Marta y Jordi llevan las cuentas; Laura responde a la prensa.")
    panel = page.get_by_role("tabpanel")
    expect(panel.locator("p", has_text="Laura responde a la prensa.")).to_be_visible(timeout=MS)
    shot(page, "4-guide-edited-twice")

    # the history and the difference
    panel = open_tab(page, "History")
    panel.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Guide · People").click()
    settled(page)
    panel = page.get_by_role("tabpanel")
    expect(panel.get_by_text("What changed from version 1 to version 2")).to_be_visible(timeout=MS)
    diff = panel.get_by_test_id("stCode").first
    expect(diff).to_contain_text("-Marta lleva todas las cuentas.", timeout=MS)
    expect(diff).to_contain_text("+Marta y Jordi llevan las cuentas", timeout=MS)
    shot(page, "5-history-difference")
    with store.connect(app.db) as con:
        assert [v.version for v in toolkit.history(con, "guide.people")] == [2, 1]

    # the director: reads and searches, finds no edit control
    director = page.context.browser.new_page(
        locale="en-US", viewport={"width": 1600, "height": 1200}
    )
    sign_in(director, app.url, VIEWER)
    open_toolkit(director)
    dmain = director.get_by_test_id("stMain")
    panel = open_tab(director, "Response protocol")
    search = panel.get_by_role("textbox", name="Search", exact=True)
    search.fill("ENVIO")
    search.press("Enter")
    settled(director)
    panel = director.get_by_role("tabpanel")
    expect(panel.get_by_text("1 answer")).to_be_visible(timeout=MS)
    expect(panel.get_by_text("¿Hacéis envíos a domicilio?")).to_be_visible(timeout=MS)
    expect(panel.get_by_test_id("stCode")).to_contain_text("encarga en la web", timeout=MS)
    shot(director, "6-director-protocol-search")
    panel = open_tab(director, "Guide")
    expect(panel.locator("p", has_text="Laura responde a la prensa.")).to_be_visible(timeout=MS)
    shot(director, "7-director-guide")
    # no control that writes anywhere on the page, on any tab (only the chosen one is drawn) ...
    buttons = "[data-testid^=stBaseButton]:not([data-testid=stBaseButton-elementToolbar])"
    downloads = "[data-testid=stDownloadButton] *"  # the plan as PDF and XLSX: reading
    buttons += f":not({downloads})"
    tabs = tab_names(director)
    assert len(tabs) == 6
    for tab in tabs:
        panel = open_tab(director, tab)
        for control in ("stForm", "stTextArea", "stExpander", "stMultiSelect"):
            assert dmain.get_by_test_id(control).count() == 0, (tab, control)
        assert dmain.locator(buttons).count() == 0, tab  # a table's toolbar is fine
        assert dmain.locator(downloads).filter(has_text="Plan as").count() >= 2
        # ... and no table to edit (the History tab's tables of versions are read-only)
        if tab != "History":
            assert panel.get_by_test_id("stDataFrame").count() == 0, tab
    director.close()
