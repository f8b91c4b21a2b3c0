"""The sparse XLSX of issue 14 imported through the app in a real browser, while a second
browser session keeps working: the file gets a message naming it, the server stays up."""

from __future__ import annotations

import re
import time

import hostile_files as h
import pytest
from browser_support import (  # noqa: F401 - fixtures, see F811 below
    RunningApp,
    app,
    browser_page,
    sign_in,
)
from test_browser import import_link, upload

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
TIMEOUT_MS = 30_000


def test_a_sparse_xlsx_leaves_the_app_and_another_session_working(
    app: RunningApp,  # noqa: F811
    browser_page,  # noqa: F811
    tmp_path,
):
    sparse = h.sparse_xlsx(tmp_path)  # A1 and XFD1048576: 512 GiB if read whole
    page = browser_page
    other = page.context.browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    sign_in(page, app.url)
    sign_in(other, app.url)
    import_link(page).click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Import exports")).to_be_visible(timeout=TIMEOUT_MS)

    upload(page, sparse)
    # meanwhile the second session moves between pages, each answered
    started = time.monotonic()
    for name in ("KPI progress", "Overview"):
        link = other.get_by_test_id("stSidebarNav").get_by_role("link", name=re.compile(name))
        link.click()
        heading = other.get_by_test_id("stMain").get_by_role("heading", name=re.compile(name))
        expect(heading.first).to_be_visible(timeout=TIMEOUT_MS)
    assert time.monotonic() - started < 20

    error = main.get_by_test_id("stAlertContentError").filter(has_text="sparse.xlsx")
    expect(error).to_be_visible(timeout=TIMEOUT_MS)
    expect(error).to_contain_text("sparse.xlsx was not imported: sparse.xlsx: a sheet spans")
    expect(error).to_contain_text("A1:XFD1048576")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path="/tmp/smdash-sparse-xlsx.png", full_page=True)

    # the same file without its <dimension>: the reading process meets its memory limit
    upload(page, h.without_dimension(sparse))
    error = main.get_by_test_id("stAlertContentError").filter(has_text="nodim-sparse.xlsx")
    expect(error).to_contain_text("needed more than the 4096 MB", timeout=TIMEOUT_MS)

    # the server is up for both sessions: the first one goes on too
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=re.compile("Overview")).click()
    heading = main.get_by_role("heading", name=re.compile("Overview"))
    expect(heading.first).to_be_visible(timeout=TIMEOUT_MS)
    assert "Traceback" not in main.inner_text() + app.log_tail()
