"""Every page of the navigation in a real headless Chromium, on the demo workspace.

Starts the app on a copy of the session's demo database (data/demo imported as a first start
does, tests/conftest.py: demo_db; the first visit creates the demo accounts), clicks each
sidebar link in turn (and each tab of a page) and fails on any exception or error box shown. Needs
/usr/bin/chromium and playwright (skipped otherwise, which fails .ci/run: SMDASH_NO_SKIPS); see
browser_support.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (  # noqa: F401 - browser_page is a fixture
    RunningApp,
    browser_page,
    open_tab,
    running_app,
    sign_in,
    tab_names,
)

from smdash.core.paths import DEMO_DIR

pytestmark = pytest.mark.browser  # `pytest -m "not browser"` leaves these out
expect = pytest.importorskip("playwright.sync_api").expect
PAGE_MS = 30_000  # one page


@pytest.fixture
def demo_app(demo_db: Path, tmp_path: Path) -> Iterator[RunningApp]:
    """The app on a free port over a copy of the demo workspace."""
    with running_app(demo_db, DEMO_DIR, tmp_path / "streamlit.log") as app:
        yield app


def settled(page) -> None:
    """Wait until the script run is over (the running indicator is gone)."""
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=PAGE_MS)


def problems(page) -> list[str]:
    main = page.get_by_test_id("stMain")
    found = main.get_by_test_id("stException").all_inner_texts()
    found += main.get_by_test_id("stAlertContentError").all_inner_texts()
    return found


def test_every_page_of_the_navigation_on_the_demo(demo_app: RunningApp, browser_page):  # noqa: F811
    page = browser_page
    sign_in(page, demo_app.url, ("demo", "demo"))  # the demo editor of a fresh demo
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text("Overview", timeout=PAGE_MS)
    settled(page)
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    count = links.count()
    assert count >= 9  # every page of app.py's navigation
    visited = []
    for index in range(count):
        link = links.nth(index)
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url(href, timeout=PAGE_MS)
        heading = main.get_by_role("heading", level=1)
        expect(heading).to_have_count(1, timeout=PAGE_MS)
        settled(page)
        visited.append(heading.inner_text().strip())
        for tab in [None, *tab_names(page)[1:]]:  # only the chosen tab is drawn: each in turn
            if tab:
                open_tab(page, tab)
            assert problems(page) == [], f"{href} {tab or ''}: {problems(page)}"
            assert "Traceback" not in main.inner_text(), (href, tab)
    assert len(set(visited)) == count
    assert {"Overview", "Import exports", "Executive summary", "Costs"} <= set(visited)
