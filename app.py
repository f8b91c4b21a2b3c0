"""smdash: entry point and navigation. Run with `streamlit run app.py`."""

import streamlit as st

from smdash.ui import runtime as ui
from smdash.ui import session

st.set_page_config(page_title="smdash", page_icon=":material/insights:", layout="wide")
ui.language_switch()
ui.check_settings()


def page(path: str, title_key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(path, title=ui.tr(title_key), icon=icon, default=default)


RESULTS = [
    ("pages/overview.py", "page.overview", ":material/dashboard:"),
    ("pages/kpis.py", "page.kpis", ":material/track_changes:"),
    ("pages/traffic.py", "page.traffic", ":material/travel_explore:"),
]
SUMMARY = ("pages/executive_summary.py", "page.summary", ":material/business_center:")
TOOLKIT = ("pages/toolkit.py", "page.toolkit", ":material/menu_book:")  # viewers read it
ACCOUNT = ("pages/account.py", "auth.account_title", ":material/manage_accounts:")


def pages_for(user) -> dict[str, list[st.Page]]:
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


ui.new_run()
with ui.holding_file():
    user = session.signed_in_user()
    if user is None:
        navigation = st.navigation([page("pages/sign_in.py", "auth.title", ":material/login:")])
    else:
        session.account_sidebar(user)
        navigation = st.navigation(pages_for(user))
    navigation.run()
