"""smdash: entry point and navigation. Run with `streamlit run app.py`."""

import streamlit as st

from smdash import ui

st.set_page_config(page_title="smdash", page_icon=":material/insights:", layout="wide")
ui.language_switch()


def page(path: str, title_key: str, icon: str, default: bool = False) -> st.Page:
    return st.Page(path, title=ui.tr(title_key), icon=icon, default=default)


navigation = st.navigation(
    {
        ui.tr("nav.results"): [
            page("pages/overview.py", "page.overview", ":material/dashboard:", default=True),
            page("pages/kpis.py", "page.kpis", ":material/track_changes:"),
            page("pages/traffic.py", "page.traffic", ":material/travel_explore:"),
        ],
        ui.tr("nav.plan"): [
            page("pages/objectives.py", "page.objectives", ":material/flag:"),
            page("pages/links.py", "page.links", ":material/add_link:"),
            page("pages/review.py", "page.review", ":material/rule:"),
        ],
        ui.tr("nav.data"): [
            page("pages/import_data.py", "page.import", ":material/upload_file:"),
        ],
        ui.tr("nav.director"): [
            page("pages/executive_summary.py", "page.summary", ":material/business_center:"),
            page("pages/costs.py", "costs.page", ":material/payments:"),
        ],
    }
)
navigation.run()
