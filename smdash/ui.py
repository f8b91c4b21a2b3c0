"""The Streamlit glue: the language, short-lived database connections, cached loaders, widgets.

The only smdash module that imports streamlit. The database file is opened per operation and
closed at once, so the CLI can import while the app runs; cached results are keyed by the file
and its data version, so any write refreshes every page.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from smdash import store, summary, workspace
from smdash.i18n import LANGUAGES, format_date, format_number, language_from_locale, t
from smdash.imports.errors import ImportFailed
from smdash.imports.formats import all_formats
from smdash.imports.pipeline import Prepared, import_file, import_history, prepare, undo_import

WRITE_LOCK = threading.Lock()  # one writer at a time across browser sessions
CACHE_TTL_SECONDS = 3600
LANG_KEY = "ui_lang"  # the chosen language; kept apart from the widget's own state
LANG_WIDGET = "lang"


def lang() -> str:
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = language_from_locale(st.context.locale)
    return st.session_state[LANG_KEY]


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


@contextmanager
def database() -> Iterator:
    """A connection for one operation; a busy or too-new file stops the page with a message."""
    try:
        with store.connect(db_file()) as con:
            yield con
    except store.StoreError as exc:
        st.error(tr("error.busy", error=str(exc)))
        st.stop()


@contextmanager
def writing() -> Iterator:
    with WRITE_LOCK, database() as con:
        yield con


def data_version() -> int:
    with database() as con:
        return store.data_version(con)


def start_page(title_key: str) -> None:
    """What every page opens with: the workspace (demo on first start, its banner), the title.

    Called by the pages rather than app.py: widgets in the entry script are not driven by
    AppTest when st.navigation is used (seen with streamlit 1.67).
    """
    setup_workspace()
    st.title(tr(title_key))


def setup_workspace() -> None:
    """Load the demo on the very first start; show the demo banner while it is in use."""
    with writing() as con:
        loaded = workspace.ensure_workspace(con)
        demo = workspace.is_demo(con)
    if loaded:
        st.toast(tr("demo.loaded", files=loaded))
    if demo:
        _demo_banner()


def _demo_banner() -> None:
    with st.container(border=True):
        st.info(tr("demo.banner"))
        if not st.session_state.get("confirm_empty"):
            st.button(tr("demo.start_empty"), key="start_empty", on_click=_ask_empty, args=(True,))
            return
        st.warning(tr("demo.confirm"))
        yes, no = st.columns(2)
        yes.button(
            tr("demo.confirm_yes"), key="confirm_empty_yes", type="primary", on_click=_start_empty
        )
        no.button(tr("demo.cancel"), key="confirm_empty_no", on_click=_ask_empty, args=(False,))


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


def placeholder(what_key: str) -> None:
    st.info(tr("placeholder.not_built", what=tr(what_key)))


def number(value: float | None, decimals: int = 0) -> str:
    return format_number(value, lang(), decimals)


def figures_table(result: dict, figures: tuple[str, ...]) -> pd.DataFrame:
    """The summary as a table with the figures formatted in the user's language."""
    table = summary.as_table(result)
    for figure in figures:
        table[figure] = [number(v) for v in table[figure]]
    table["network"] = table["network"].replace({"total": "Total"})
    return table.rename(columns={f: tr(f"figure.{f}") for f in ("network", *figures)})


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _monthly_sessions(path: str, version: int, date_from: dt.date, date_to: dt.date):
    with store.connect(path) as con:
        return summary.monthly_sessions_by_network(con, date_from, date_to)


def load_monthly_sessions(date_from: dt.date, date_to: dt.date) -> pd.DataFrame:
    return _monthly_sessions(str(db_file()), data_version(), date_from, date_to)


# --- the Import page -------------------------------------------------------------------------

UPLOADER_ROUND = "uploader_round"


def uploader_key() -> str:
    """A fresh key after each import empties the uploader."""
    return f"uploads_{st.session_state.get(UPLOADER_ROUND, 0)}"


def clear_uploader() -> None:
    st.session_state[UPLOADER_ROUND] = st.session_state.get(UPLOADER_ROUND, 0) + 1
    st.session_state.pop("previews", None)


def _upload_dir() -> Path:
    if "upload_dir" not in st.session_state:
        st.session_state["upload_dir"] = tempfile.mkdtemp(prefix="smdash-upload-")
    return Path(st.session_state["upload_dir"])


def _saved_upload(uploaded) -> Path:
    path = _upload_dir() / f"{uploaded.file_id}.upload"
    if not path.exists():
        uploaded.seek(0)
        with path.open("wb") as out:
            shutil.copyfileobj(uploaded, out, length=1024 * 1024)
    return path


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ImportFailed):
        return exc.message(lang())
    return tr("import.unexpected", error=f"{type(exc).__name__}: {exc}")


def preview_upload(uploaded) -> tuple[Path, Prepared | None, str | None]:
    """(saved path, what the file holds, or the error text); computed once per uploaded file."""
    previews = st.session_state.setdefault("previews", {})
    if uploaded.file_id not in previews:
        path = _saved_upload(uploaded)
        try:
            with database() as con:
                previews[uploaded.file_id] = (path, prepare(con, path, uploaded.name), None)
        except Exception as exc:  # noqa: BLE001 - any failure is shown as a message, not a trace
            previews[uploaded.file_id] = (path, None, _error_text(exc))
    return previews[uploaded.file_id]


def run_import(path: Path, file_name: str, bar) -> tuple[str, str]:
    """Import one saved upload, moving ``bar``; returns ("ok" or "error", a line for the user)."""

    def progress(stage: str, fraction: float) -> None:
        bar.progress(fraction, text=tr(f"import.progress_{stage}", file=file_name))

    try:
        with writing() as con:
            result = import_file(con, path, file_name, progress=progress)
    except Exception as exc:  # noqa: BLE001
        return "error", tr("import.failed", file=file_name, error=_error_text(exc))
    c = result.counts
    return "ok", tr(
        "import.result", file=file_name, added=c.added, updated=c.updated, unchanged=c.unchanged
    )


def undo(import_id: int) -> str | None:
    """Undo one import; returns an error text, or None when it worked."""
    try:
        with writing() as con:
            undo_import(con, import_id)
    except Exception as exc:  # noqa: BLE001
        return _error_text(exc)
    return None


def supported_formats() -> pd.DataFrame:
    rows = [(f.label[lang()], f.hint[lang()]) for f in all_formats()]
    return pd.DataFrame(rows, columns=[tr("import.format"), tr("import.where")])


def preview_table(preview: pd.DataFrame) -> pd.DataFrame:
    """The first rows of a file as smdash will store them, with translated column names."""
    return preview.rename(columns={c: tr(f"column.{c}") for c in preview.columns})


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The import log with translated headers and statuses."""
    shown = history[
        [
            "import_id",
            "imported_at",
            "file_name",
            "format",
            "account",
            "date_from",
            "date_to",
            "rows_added",
            "rows_updated",
            "rows_unchanged",
            "status",
        ]
    ].copy()
    labels = {f.name: f.label[lang()] for f in all_formats()}
    shown["format"] = shown["format"].map(lambda name: labels.get(name, name))
    shown["status"] = shown["status"].map(lambda s: tr(f"import.status_{s}"))
    return shown.rename(columns={c: tr(f"history.{c}") for c in shown.columns})


def date_range(date_from: dt.date | None, date_to: dt.date | None) -> str:
    return f"{format_date(date_from, lang())} – {format_date(date_to, lang())}"


def import_label(imports: pd.DataFrame):
    """How an import is named in the undo picker: '#12 · file.csv · 2026-11-23 10:15'."""
    names = dict(zip(imports["import_id"], imports["file_name"], strict=True))
    times = dict(zip(imports["import_id"], imports["imported_at"], strict=True))
    return lambda i: f"#{i} · {names[i]} · {times[i]:%Y-%m-%d %H:%M}"
