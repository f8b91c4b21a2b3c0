"""The director on a phone (Chromium at 390 x 844, in Spanish), on the demo workspace: the
Executive summary opens with its six headline figures inside the first screen, and no page the
director has shows a form or a button they cannot use. Screenshots of each page are kept in
/tmp/smdash-phone/ to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, RunningApp, running_app
from signin_support import PASSWORDS, account

from smdash.core.paths import DEMO_DIR

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
PHONE = {"width": 390, "height": 844}
PAGE_MS = 60_000
SHOTS = Path("/tmp/smdash-phone")


@pytest.fixture
def director_app(demo_db: Path, tmp_path: Path) -> Iterator[RunningApp]:
    """The demo workspace with the director's own account (boss), as after changing the demo
    password (the demo's warning about it would take a screen of its own)."""
    account(demo_db, "viewer")
    with running_app(demo_db, DEMO_DIR, tmp_path / "streamlit.log") as app:
        yield app


@pytest.fixture
def phone() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(
                locale="es-ES", viewport=PHONE, is_mobile=True, has_touch=True
            )
            yield context.new_page()
        finally:
            browser.close()


def settled(page) -> None:
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=PAGE_MS)


def sign_in_as_director(page, url: str) -> None:
    page.goto(url)
    form = page.get_by_test_id("stForm")
    form.locator("input[type=text]").fill("boss", timeout=PAGE_MS)
    form.locator("input[type=password]").fill(PASSWORDS["viewer"])
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    expect(form).to_have_count(0, timeout=PAGE_MS)  # the sign-in page is gone (its out-of-sight
    # figure, which gets the browser ready, is not the summary's)
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=PAGE_MS)
    settled(page)


def test_the_director_sees_the_headline_figures_on_the_first_screen(director_app, phone):
    SHOTS.mkdir(exist_ok=True)
    sign_in_as_director(phone, director_app.url)
    main = phone.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text("Resumen ejecutivo")
    phone.screenshot(path=str(SHOTS / "executive_summary.png"))
    values = main.get_by_test_id("stMetricValue").all()[:6]  # the pinned ones come further down
    boxes = {value.inner_text(): value.bounding_box() for value in values}
    assert list(boxes) == ["7.983", "119", "1.472 €", "2.039 €", "17,13 €", "5 de 9"]
    below = {text: box["y"] + box["height"] for text, box in boxes.items()}
    assert all(0 < bottom <= PHONE["height"] for bottom in below.values()), below
    assert all(box["x"] + box["width"] <= PHONE["width"] for box in boxes.values()), boxes


ON_SCREEN = "e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > 0 }"


def open_navigation(page):
    """The navigation's links; on a phone the sidebar is folded away until asked for (folded,
    it slides out of the screen before it is hidden: "visible" says nothing of it)."""
    navigation = page.get_by_test_id("stSidebarNav")
    if not (navigation.count() and navigation.evaluate(ON_SCREEN)):
        page.get_by_test_id("stExpandSidebarButton").click()
    expect(navigation).to_be_in_viewport(timeout=PAGE_MS)
    return navigation.get_by_role("link")


def test_the_director_meets_no_form_they_cannot_submit(director_app, phone):
    SHOTS.mkdir(exist_ok=True)
    sign_in_as_director(phone, director_app.url)
    links = open_navigation(phone)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) == 6  # summary, overview, KPI progress, traffic, toolkit, my account
    found = {}
    for index, href in enumerate(hrefs):
        open_navigation(phone).nth(index).click()
        phone.wait_for_url(href, timeout=PAGE_MS)
        main = phone.get_by_test_id("stMain")
        expect(main.get_by_role("heading", level=1)).to_have_count(1, timeout=PAGE_MS)
        settled(phone)
        phone.get_by_test_id("stSidebarCollapseButton").click()  # it stays open on a phone
        expect(phone.get_by_test_id("stSidebarNav")).not_to_be_in_viewport(timeout=PAGE_MS)
        expect(phone.get_by_test_id("stExpandSidebarButton")).to_be_visible(timeout=PAGE_MS)
        phone.screenshot(path=str(SHOTS / f"page{index}.png"))
        disabled = main.locator("[data-testid=stForm] :disabled, button:disabled")
        found[href] = disabled.count()
        refused = main.get_by_test_id("stAlertContentError").all_inner_texts()
        assert refused == [], href
    assert found == dict.fromkeys(hrefs, 0)
