"""The Import page in a real headless Chromium: upload, preview, import, history, undo, bad file.

Needs Chromium at /usr/bin/chromium and the playwright package (skipped otherwise, which fails
.ci/run: SMDASH_NO_SKIPS); starts the app with `streamlit run` on a free port against a
throwaway database (see browser_support.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import RunningApp, app, browser_page, sign_in  # noqa: F401 - fixtures, see F811 below
from conftest import EXPORTS

from smdash.db import store

POSTS_FILE = "meta_facebook_posts.csv"
POSTS_SOURCE = "Facebook posts (Meta Business Suite)"
POSTS_ROWS = 20
HISTORY_COLUMNS = [
    "#", "When", "File", "Detected source", "Account", "From", "To",
    "Added", "Updated", "Unchanged", "Skipped", "Same rows as", "Answers", "Status",
]  # fmt: skip
TIMEOUT_MS = 20_000  # any single step; the whole flow takes a few seconds

pytestmark = pytest.mark.browser  # `pytest -m "not browser"` leaves these out
expect = pytest.importorskip("playwright.sync_api").expect


def test_upload_import_undo_and_bad_file(app: RunningApp, browser_page, tmp_path):  # noqa: F811
    posts = EXPORTS / POSTS_FILE
    broken = tmp_path / "broken.csv"
    broken.write_bytes(bytes(range(256)) * 8 + b"\x00\xff\xfe\x89PNG\r\n\x1a\n" * 32)
    page = browser_page
    main = page.get_by_test_id("stMain")

    # Open the app and go to the Import page from the sidebar.
    sign_in(page, app.url)
    import_link(page).click()
    expect(page).to_have_url(re.compile(r"/import_data$"), timeout=TIMEOUT_MS)
    expect(main.get_by_role("heading", name="Import exports")).to_be_visible(timeout=TIMEOUT_MS)
    expect(main.get_by_text("Nothing imported yet.")).to_be_visible(timeout=TIMEOUT_MS)

    # Upload the Facebook posts export: the preview names the source and counts the rows.
    upload(page, posts)
    expect(main.get_by_text(f"{POSTS_FILE}: {POSTS_SOURCE}")).to_be_visible(timeout=TIMEOUT_MS)
    rows = main.get_by_test_id("stMetric").filter(has_text="Rows")
    expect(rows.get_by_test_id("stMetricValue")).to_have_text(str(POSTS_ROWS))
    confirm = main.get_by_role("button", name="Import 1 file")
    expect(confirm).to_be_visible(timeout=TIMEOUT_MS)
    confirm.click()

    # The result line, then the file in the history as applied.
    result = f"{POSTS_FILE}: {POSTS_ROWS} added, 0 updated, 0 unchanged."
    expect(main.get_by_text(result, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(confirm).to_have_count(0)  # the uploader was emptied
    expect_history_row(main, import_id=1, status="applied")

    # Undo it: the message, and the history says undone; nothing is left to undo.
    undo = main.get_by_role("button", name="Undo import #1")
    expect(undo).to_be_visible(timeout=TIMEOUT_MS)
    undo.click()
    # it asks first, naming the file; nothing is undone until confirmed
    expect(main.get_by_text(re.compile(r"^Undo import #1 of "))).to_be_visible(timeout=TIMEOUT_MS)
    main.get_by_role("button", name="Yes, undo import #1").click()
    expect(main.get_by_text("Import #1 undone.", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect_history_row(main, import_id=1, status="undone")
    expect(main.get_by_role("button", name=re.compile(r"^Undo import"))).to_have_count(0)

    # A file of binary junk: a readable error naming it, no traceback, no import button.
    upload(page, broken)
    error = main.get_by_test_id("stAlertContentError").filter(has_text="broken.csv")
    expect(error).to_be_visible(timeout=TIMEOUT_MS)
    expect(error).to_contain_text("broken.csv was not imported:")
    expect(main.get_by_text("None of the files can be imported")).to_be_visible()
    expect(main.get_by_role("button", name=re.compile(r"^Import \d+ file"))).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert "Traceback" not in main.inner_text()

    # The database agrees: the rows are gone and the one import is marked undone.
    with store.connect(app.db) as con:
        assert con.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
        imports = con.execute("SELECT import_id, file_name, status FROM imports").fetchall()
    assert imports == [(1, POSTS_FILE, "undone")]


def test_sidebar_link_keeps_language(app: RunningApp, browser_page):  # noqa: F811
    """An en-US browser stays in English when it moves to another page from the sidebar."""
    page = browser_page
    sign_in(page, app.url)
    expect(page.get_by_test_id("stMain").get_by_role("heading", name="Overview")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    import_link(page).click()
    expect(page).to_have_url(re.compile(r"/import_data$"), timeout=TIMEOUT_MS)
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(heading).to_have_text("Import exports", timeout=5_000)  # it shows at once, or never


@pytest.mark.browser_locale("es-ES")
def test_spanish_browser_starts_in_spanish_and_can_switch(app: RunningApp, browser_page):  # noqa: F811
    page = browser_page
    sign_in(page, app.url)
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(heading).to_have_text("Resumen", timeout=TIMEOUT_MS)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="English").click()
    expect(heading).to_have_text("Overview", timeout=TIMEOUT_MS)
    import_link(page).click()
    expect(heading).to_have_text("Import exports", timeout=TIMEOUT_MS)


def import_link(page):
    """The sidebar link to the Import page (its text also holds the icon's ligature name)."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    return links.filter(has_text=re.compile(r"^\W*(upload_file)?\W*Import\W*$"))


def upload(page, path: Path) -> None:
    """Hand a file to the (single) uploader on the page, as a drop or a file dialog would."""
    field = page.get_by_test_id("stFileUploader").locator("input[type=file]")
    expect(field).to_have_count(1, timeout=TIMEOUT_MS)
    field.set_input_files(str(path))


def expect_history_row(main, import_id: int, status: str) -> None:
    """The history grid has a row for the posts file, with this id and status.

    st.dataframe draws on a canvas; the grid's accessible table is the canvas's fallback content,
    which Playwright counts as hidden (hence CSS, not get_by_role) and which only holds the
    columns in view, so the test's window is wide enough to show every column.
    """
    grid = main.get_by_test_id("stDataFrame").last  # the history table comes last on the page
    row = grid.locator("tr[role=row]").filter(has_text=POSTS_FILE)
    expect(row).to_have_count(1, timeout=TIMEOUT_MS)
    cells = row.locator("td[role=gridcell]")
    expect(cells).to_have_count(len(HISTORY_COLUMNS))
    header = grid.locator("[role=columnheader]")
    expect(header).to_have_text(HISTORY_COLUMNS)
    expect(cells.first).to_have_text(str(import_id))
    expect(cells.last).to_have_text(status, timeout=TIMEOUT_MS)
