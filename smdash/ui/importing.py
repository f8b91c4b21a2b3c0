"""The Import page's glue: uploads saved to disk, previews kept per upload, import and undo."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from smdash.imports.errors import ImportFailed
from smdash.imports.formats import all_formats
from smdash.imports.pipeline import Prepared, import_file, prepare, undo_import
from smdash.ui import database, lang, tr, writing

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


def import_label(imports: pd.DataFrame):
    """How an import is named in the undo picker: '#12 · file.csv · 2026-11-23 10:15'."""
    names = dict(zip(imports["import_id"], imports["file_name"], strict=True))
    times = dict(zip(imports["import_id"], imports["imported_at"], strict=True))
    return lambda i: f"#{i} · {names[i]} · {times[i]:%Y-%m-%d %H:%M}"
