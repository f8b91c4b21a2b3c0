"""smdash: entry point and navigation. Run with `streamlit run app.py`.

`streamlit run` finds ``app = st.App(...)`` below and serves this same file through it, with
the app's own routes (smdash.ui.web: the session cookie); the browser sessions run it as
``__main__``, the part after the ``if``.
"""

from pathlib import Path
from typing import NamedTuple

import streamlit as st

from smdash.ui import runtime as ui
from smdash.ui import session, web


class page(NamedTuple):  # noqa: N801 - reads as the call it stands for: page(path, title, icon)
    path: str
    title_key: str
    icon: str
    default: bool = False

    def build(self) -> st.Page:
        return st.Page(self.path, title=ui.tr(self.title_key), icon=self.icon, default=self.default)

    def stand_in(self, script) -> st.Page:
        """A hidden page at this page's address that runs ``script`` instead."""
        url_path = Path(self.path).stem
        return st.Page(script, title=ui.tr(self.title_key), url_path=url_path, visibility="hidden")


RESULTS = [
    ("pages/overview.py", "page.overview", ":material/dashboard:"),
    ("pages/kpis.py", "page.kpis", ":material/track_changes:"),
    ("pages/traffic.py", "page.traffic", ":material/travel_explore:"),
]
SUMMARY = ("pages/executive_summary.py", "page.summary", ":material/business_center:")
TOOLKIT = ("pages/toolkit.py", "page.toolkit", ":material/menu_book:")  # viewers read it
ACCOUNT = ("pages/account.py", "auth.account_title", ":material/manage_accounts:")


def pages_for(user) -> dict[str, list[page]]:
    """Only the pages the user's role may open: a page left out cannot be reached by URL."""
    editor = user.is_editor  # the CM starts on Overview, the director on the summary
    results = [page(*RESULTS[0], default=editor), *(page(*p) for p in RESULTS[1:])]
    account = {ui.tr("auth.nav"): [page(*ACCOUNT)]}  # every signed-in user: their password
    if not editor:
        return {
            ui.tr("nav.director"): [page(*SUMMARY, default=True)],
            ui.tr("nav.results"): results,
            ui.tr("nav.plan"): [page(*TOOLKIT)],
            **account,
        }
    return {
        ui.tr("nav.results"): results,
        ui.tr("nav.plan"): [
            page(*TOOLKIT),
            page("pages/objectives.py", "page.objectives", ":material/flag:"),
            page("pages/links.py", "page.links", ":material/add_link:"),
            page("pages/review.py", "page.review", ":material/rule:"),
        ],
        ui.tr("nav.data"): [
            page("pages/import_data.py", "page.import", ":material/upload_file:"),
            page("pages/users.py", "auth.users_title", ":material/group:"),
        ],
        ui.tr("nav.director"): [
            page(*SUMMARY),
            page("pages/costs.py", "costs.page", ":material/payments:"),
        ],
        **account,
    }


def stand_ins(shown: list[page], script) -> list[st.Page]:
    """Hidden pages at the addresses of the pages not ``shown``: a bookmark opens the sign-in
    form (which then opens the bookmarked page), or says the page is not for this role,
    instead of Streamlit's "Page not found"."""
    taken = {p.path for p in shown}
    every = [p for section in pages_for(session.ANY_EDITOR).values() for p in section]
    return [p.stand_in(script) for p in every if p.path not in taken]


def main() -> None:
    st.set_page_config(page_title="smdash", page_icon=":material/insights:", layout="wide")
    ui.language_switch()
    ui.check_settings()
    ui.new_run()
    with ui.holding_file():  # the run's reads find the database open
        user = session.signed_in_user()
        session.browser_cookie()
        web.page_by_address()
        if user is None:
            sign_in = page("pages/sign_in.py", "auth.title", ":material/login:")
            navigation = st.navigation([sign_in.build(), *stand_ins([sign_in], sign_in.path)])
        else:
            session.account_sidebar(user)
            sections = pages_for(user)
            shown = [p for section in sections.values() for p in section]
            built = {name: [p.build() for p in section] for name, section in sections.items()}
            hidden = stand_ins(shown, session.not_for_your_role)
            navigation = st.navigation({**built, "": hidden} if hidden else built)
        navigation.run()
        # the pages' first visits, while the sign-in form is filled in or a page is looked at
        # (once per data version: a visitor who is not signed in sees nothing of it)
        ui.read_ahead()


if __name__ == "__main__":
    main()
else:  # `streamlit run app.py` imports this file for the server: the app with its routes
    web.navigation_only()
    app = st.App(__file__, routes=web.routes())
