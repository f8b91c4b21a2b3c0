"""The Plan review's decisions in a real headless Chromium: the editor overrides a suggestion
in the decisions grid (glide data grid: its cells are drawn on a canvas, so they are reached by
position), is asked for a reason, gives one and saves. Needs /usr/bin/chromium and playwright;
see browser_support.py."""

from __future__ import annotations

import pytest
from browser_support import RunningApp, browser_page, sign_in  # noqa: F401 - a fixture
from test_browser_pages import PAGE_MS, demo_app, settled  # noqa: F401 - a fixture

from smdash.ui.review import DECISION_WIDTHS

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

ROW_PX = 35  # the grid's header and rows (Streamlit's default row height)
# At 1400 px the columns are as wide as set (wider screens stretch them to the page's width).
FOLLOWERS = "Llegar a 15.000 seguidores en Instagram antes del 31 de diciembre de 2026"


def click_cell(page, grid, row: int, column: str) -> None:
    """Select the cell of ``column`` in data row ``row`` (0: the first under the header)."""
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # the scroll has settled before the cell is placed
    box = grid.bounding_box()
    columns = list(DECISION_WIDTHS)
    left = sum(DECISION_WIDTHS[c] for c in columns[: columns.index(column)])
    x = box["x"] + left + DECISION_WIDTHS[column] / 2
    y = box["y"] + ROW_PX * (row + 1) + ROW_PX / 2
    page.mouse.move(x, y)  # the grid follows the pointer: a click without it may not select
    page.wait_for_timeout(100)
    page.mouse.click(x, y, delay=50)
    cell = grid.get_by_test_id(f"glide-cell-{columns.index(column)}-{row}")  # its a11y table
    expect(cell).to_have_attribute("aria-selected", "true")


def test_the_editor_overrides_a_suggestion_in_the_grid_and_saves(
    demo_app: RunningApp,  # noqa: F811
    browser_page,  # noqa: F811
    tmp_path,
):
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})  # the grid's columns as they are set
    sign_in(page, demo_app.url, ("demo", "demo"))  # the demo editor of a fresh demo
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Plan review").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text("Plan review", timeout=PAGE_MS)
    settled(page)
    form = main.get_by_test_id("stForm")
    objectives = page.get_by_role("region", name="Objectives", exact=True)  # the grid's alt
    grid = form.get_by_test_id("stDataFrame").filter(has=objectives)
    expect(grid).to_have_count(1)

    # objective #1 (suggested: keep) is dropped: its decision cell's dropdown
    click_cell(page, grid, 0, "decision")
    page.keyboard.press("Enter")
    page.get_by_role("option", name="Drop", exact=True).click()
    expect(grid.get_by_test_id("glide-cell-1-0")).to_have_text("drop")  # the grid's a11y table
    save = form.get_by_test_id("stBaseButton-primaryFormSubmit")
    save.click()
    expect(main.get_by_test_id("stAlertContentError")).to_have_text(
        f"Give a reason for overriding the suggestion for: {FOLLOWERS} con reels semanales "
        "del obrador.",
        timeout=PAGE_MS,
    )

    settled(page)

    # the reason: typed in the cell's editor
    click_cell(page, grid, 0, "reason")
    page.keyboard.press("Enter")  # the cell's editor opens
    editor = page.locator("textarea.gdg-input")
    editor.fill("The reels bring followers without it")
    editor.press("Enter")
    expect(grid.get_by_test_id("glide-cell-2-0")).to_have_text(
        "The reels bring followers without it"
    )
    save.click()
    expect(main.get_by_test_id("stAlertContentSuccess")).to_have_text(
        "Review saved as version 1.", timeout=PAGE_MS
    )
    settled(page)
    expect(main.get_by_text("Saved as version 1 on ")).to_be_visible()
    page.screenshot(path=str(tmp_path / "review.png"))
