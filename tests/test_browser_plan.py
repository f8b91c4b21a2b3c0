"""The plan document in a real headless Chromium: the director (a viewer) downloads the plan
PDF from the Toolkit page, and its pages read right (the text read back). Needs
/usr/bin/chromium and playwright; see browser_support.py."""

from __future__ import annotations

import pytest
from browser_support import RunningApp, browser_page, sign_in  # noqa: F401 - a fixture
from test_browser_pages import PAGE_MS, demo_app, settled  # noqa: F401 - a fixture
from test_plan_document import pdf_pages

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect


def test_the_director_downloads_the_plan_pdf_and_it_reads_right(
    demo_app: RunningApp,  # noqa: F811
    browser_page,  # noqa: F811
    tmp_path,
):
    page = browser_page
    sign_in(page, demo_app.url, ("director", "director"))  # the demo viewer
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Toolkit").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text("Toolkit", timeout=PAGE_MS)
    settled(page)
    with page.expect_download(timeout=120_000) as download:
        main.get_by_role("button", name="Plan as PDF").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "plan-2026-10-en.pdf"
    pages = pdf_pages(saved.read_bytes())
    assert pages[0].startswith("Social media plan Prepared for Forn de la Plaça")
    assert "Period: October 2026" in pages[0]
    text = " ".join(pages)
    for title in (
        "1. Social media guide", "2. Knowledge questionnaire", "3. Profiles managed",
        "4. Objectives and their SMART check", "5. KPIs", "6. Monthly actions",
        "7. Publication calendar of the period", "8. Response protocol",
        "9. Participation guidelines for employees", "10. Latest review",
    ):  # fmt: skip
        assert text.count(title) == 2, title  # in the contents and as the section's heading
    assert "Instagram: @forndelaplaca" in text
    assert all(f"page {n}" in page_text for n, page_text in enumerate(pages, start=1))
    page.screenshot(path=str(tmp_path / "toolkit.png"))
