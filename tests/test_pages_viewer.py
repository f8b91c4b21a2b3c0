"""The director (a viewer) sees no control they may not use: on every page they have, each
button does what it says instead of answering that the workspace is read-only."""

from page_support import VIEWER_PAGES, texts
from signin_support import signed_in

from smdash.core.i18n import t
from smdash.core.paths import DEMO_DIR

READ_ONLY = t("auth.read_only", "en")


def test_a_viewer_meets_no_button_that_answers_read_only(demo_db, start_app):
    at = start_app(DEMO_DIR, signed_in(demo_db, "viewer"))
    refused, disabled, clicked = [], [], 0
    for page in VIEWER_PAGES:
        at.switch_page(page).run()
        disabled += [f"{page}: {w.label}" for w in at.main.button if w.disabled]
        keys = [button.key for button in at.main.button]
        for key in keys:
            at.switch_page(page).run()
            at.main.button(key=key).click().run()
            clicked += 1
            assert not at.exception, (page, key)
            if READ_ONLY in texts(at.error):
                refused.append(f"{page}: {key}")
    assert refused == []
    assert disabled == []
    assert clicked >= 2  # the account page's own forms at least
