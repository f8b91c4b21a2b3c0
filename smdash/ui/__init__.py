"""The Streamlit glue: the language, short-lived database connections, cached loaders, widgets.

``smdash.ui`` is the only place in smdash that imports streamlit: this module holds what every
page shares; a feature's own loaders and widgets go in ``smdash/ui/<feature>.py``. The
database file is opened per operation and closed at once, so the CLI can import while the app
runs; cached results are keyed by the file and its data version, so any write refreshes every
page.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from smdash import workspace
from smdash.access import auth as access  # not `auth`: that name is the submodule smdash.ui.auth
from smdash.access import roles
from smdash.core.i18n import LANGUAGES, format_date, format_number, language_from_locale, t
from smdash.db import store
from smdash.imports.history import import_history
from smdash.metrics import summary
from smdash.reports.charts import localized

WRITE_LOCK = threading.Lock()  # one writer at a time across browser sessions
RUN_VERSION_KEY = "data_version_this_run"
CACHE_TTL_SECONDS = 3600
LANG_KEY = "ui_lang"  # the chosen language; kept apart from the widget's own state
LANG_WIDGET = "lang"
USER_KEY = "auth_actor"  # the signed-in user of this browser session, checked on every run


def lang() -> str:
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language_from_locale(st.context.locale)
    return st.session_state[LANG_KEY]


def altair_chart(chart, **kwargs):
    """``st.altair_chart`` in the user's language: every chart is shown through here, so that
    its axes and tooltips write numbers and months as the rest of the page does."""
    return st.altair_chart(localized(chart, lang()), **kwargs)


def tr(key: str, **params: object) -> str:
    """The text for ``key``; values filled in (file names, cells) are shown literally."""
    return t(key, lang(), **{k: plain(v) if isinstance(v, str) else v for k, v in params.items()})


# what can turn text into markup in Streamlit: emphasis, code, links, colour tags, LaTeX
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]~$])")


def plain(text: str) -> str:
    """Escape Markdown, so text from files and users shows literally in st.markdown & co."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def language_switch() -> None:
    st.sidebar.selectbox(
        t("app.language", lang()),
        LANGUAGES,
        index=LANGUAGES.index(lang()),
        key=LANG_WIDGET,
        format_func=lambda code: {"es": "Español", "en": "English"}[code],
        on_change=_choose_language,
    )


def _choose_language() -> None:
    st.session_state[LANG_KEY] = st.session_state[LANG_WIDGET]


def db_file() -> Path:
    return store.db_path()


def user() -> roles.Actor:
    """The signed-in user (set by app.py each run), or roles.NOBODY."""
    return st.session_state.get(USER_KEY) or roles.NOBODY


def can_edit() -> bool:
    return user().is_editor


@contextmanager
def database() -> Iterator:
    """A connection for one operation; a busy or too-new file stops the page with a message.

    Any write made through it acts as the signed-in user, so smdash's own role check applies.
    """
    try:
        with store.connect(db_file()) as con, roles.acting_as(user()):
            yield con
    except store.StoreError as exc:
        st.error(tr("error.busy", error=str(exc)))
        st.stop()


@contextmanager
def writing() -> Iterator:
    """A connection for a write by the signed-in user; a viewer is stopped with a message."""
    if not can_edit():
        st.error(tr("auth.read_only"))
        st.stop()
    try:
        with WRITE_LOCK, database() as con:
            yield con
    finally:
        st.session_state.pop(RUN_VERSION_KEY, None)  # what was read before may be stale now


@contextmanager
def system_writing() -> Iterator:
    """A connection for what the app does by itself (the demo on first start, sign-in records)."""
    try:
        with WRITE_LOCK, database() as con, roles.acting_as(roles.SYSTEM):
            yield con
    finally:
        st.session_state.pop(RUN_VERSION_KEY, None)


def new_run() -> None:
    """Forget the data version the previous run read (app.py calls this at the top of a run)."""
    st.session_state.pop(RUN_VERSION_KEY, None)


def data_version() -> int:
    """The counter every cached loader keys on, read once per run and again after a write of
    this run: each read opens the database file (some 20 ms), and a page has many loaders."""
    if RUN_VERSION_KEY not in st.session_state:
        with database() as con:
            st.session_state[RUN_VERSION_KEY] = store.data_version(con)
    return st.session_state[RUN_VERSION_KEY]


def start_page(title_key: str) -> None:
    """What every page opens with: the workspace (demo on first start, its banner), the title.

    Called by the pages rather than app.py: widgets in the entry script are not driven by
    AppTest when st.navigation is used (seen with streamlit 1.67).
    """
    if not user().name:
        st.stop()  # app.py shows only the sign-in page until someone signs in
    setup_workspace()
    st.title(tr(title_key))
    _demo_password_warning()


def setup_workspace() -> None:
    """Load the demo on the very first start; show the demo banner while it is in use."""
    with system_writing() as con:
        loaded = workspace.ensure_workspace(con)
        demo = workspace.is_demo(con)
    if loaded:
        st.toast(tr("demo.loaded", files=loaded))
    if demo:
        _demo_banner()


def _demo_banner() -> None:
    with st.container(border=True):
        st.info(tr("demo.banner"))
        if not can_edit():
            return
        if not st.session_state.get("confirm_empty"):
            st.button(tr("demo.start_empty"), key="start_empty", on_click=_ask_empty, args=(True,))
            return
        st.warning(tr("demo.confirm"))
        yes, no = st.columns(2)
        yes.button(
            tr("demo.confirm_yes"), key="confirm_empty_yes", type="primary", on_click=_start_empty
        )
        no.button(tr("demo.cancel"), key="confirm_empty_no", on_click=_ask_empty, args=(False,))


def _demo_password_warning() -> None:
    """An editor is told of every demo password still in use; a viewer of their own."""
    with database() as con:
        names = access.demo_passwords_in_use(con)
    if names and can_edit():
        st.warning(tr("auth.change_demo", names=", ".join(names)))
    elif user().name in names:
        st.warning(tr("auth.own_demo"))


def _ask_empty(asking: bool) -> None:
    st.session_state["confirm_empty"] = asking


def _start_empty() -> None:
    with writing() as con:
        workspace.start_empty(con)
    st.session_state["confirm_empty"] = False


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _summary(path: str, version: int, date_from: dt.date, date_to: dt.date) -> dict:
    with store.connect(path) as con:
        return summary.summary(con, date_from, date_to)


def load_summary(date_from: dt.date, date_to: dt.date) -> dict:
    return _summary(str(db_file()), data_version(), date_from, date_to)


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _history(path: str, version: int) -> pd.DataFrame:
    with store.connect(path) as con:
        return import_history(con)


def load_history() -> pd.DataFrame:
    return _history(str(db_file()), data_version())


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _data_range(path: str, version: int) -> tuple[dt.date | None, dt.date | None]:
    with store.connect(path) as con:
        return summary.data_range(con)


def load_data_range() -> tuple[dt.date | None, dt.date | None]:
    return _data_range(str(db_file()), data_version())


def number(value: float | None, decimals: int = 0) -> str:
    return format_number(value, lang(), decimals)


def figures_table(result: dict, figures: tuple[str, ...]) -> pd.DataFrame:
    """The summary as a table with the figures formatted in the user's language."""
    table = summary.as_table(result)
    for figure in figures:
        table[figure] = [number(v) for v in table[figure]]
    table["network"] = [
        "Total" if n == "total" else tr(f"traffic.network.{n}") for n in table["network"]
    ]
    return table.rename(columns={f: tr(f"figure.{f}") for f in ("network", *figures)})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _monthly_sessions(path: str, version: int, date_from: dt.date, date_to: dt.date):
    with store.connect(path) as con:
        return summary.monthly_sessions_by_network(con, date_from, date_to)


def load_monthly_sessions(date_from: dt.date, date_to: dt.date) -> pd.DataFrame:
    return _monthly_sessions(str(db_file()), data_version(), date_from, date_to)


def date_range(date_from: dt.date | None, date_to: dt.date | None) -> str:
    return f"{format_date(date_from, lang())} – {format_date(date_to, lang())}"
