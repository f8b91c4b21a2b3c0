"""The Import page's glue: uploads saved to disk, previews kept per upload, import and undo."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from smdash.core.errors import UserError
from smdash.core.i18n import t
from smdash.imports import mapping, questions
from smdash.imports.errors import ImportFailed
from smdash.imports.formats import all_formats, supported
from smdash.imports.history import import_history
from smdash.imports.pipeline import (
    Part,
    Prepared,
    import_file,
    reading_context,
    stage_file,
    undo_import,
)
from smdash.ui.networks import network_label
from smdash.ui.runtime import (
    Keys,
    database,
    date_format,
    date_time,
    flash,
    labels_by,
    lang,
    loader,
    plain,
    said,
    tr,
    write,
)

load_history = loader(import_history)


def uploader_key() -> str:
    """A fresh key after each import empties the uploader."""
    return f"uploads_{st.session_state.get(Keys.UPLOADER_ROUND, 0)}"


def clear_uploader() -> None:
    st.session_state[Keys.UPLOADER_ROUND] = st.session_state.get(Keys.UPLOADER_ROUND, 0) + 1
    forget_uploads()


class UploadFolder:
    """This session's folder for uploads, removed with everything in it when the session ends
    (its state is dropped, or the server stops): no upload outlives the session."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="smdash-upload-"))
        self._remove = weakref.finalize(self, shutil.rmtree, self.path, ignore_errors=True)


def _upload_dir() -> Path:
    if not isinstance(st.session_state.get(Keys.UPLOAD_DIR), UploadFolder):
        st.session_state[Keys.UPLOAD_DIR] = UploadFolder()
    return st.session_state[Keys.UPLOAD_DIR].path


def _saved_upload(uploaded) -> Path:
    path = _upload_dir() / f"{uploaded.file_id}.upload"
    if not path.exists():
        uploaded.seek(0)
        with path.open("wb") as out:
            shutil.copyfileobj(uploaded, out, length=1024 * 1024)
    return path


def forget_uploads() -> None:
    """Delete the saved copies of this session's uploads (after an import)."""
    for preview in st.session_state.pop(Keys.PREVIEWS, {}).values():
        preview.path.unlink(missing_ok=True)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, UserError):
        return said(exc)
    return _unexpected(exc)


def failed_text(file_name: str, error: str) -> str:
    """'<file> was not imported: <error>', the error already shown literally (``said``): not
    escaped a second time, which would show its backslashes (``A1\\:XFD1048576``)."""
    return t("import.failed", lang(), file=plain(file_name), error=error)


def _unexpected(exc: Exception) -> str:
    return tr("import.unexpected", error=f"{type(exc).__name__}: {exc}")  # escaped, as said()


@dataclass
class Preview:
    """What an uploaded file holds, or why it cannot be imported (and its header to map)."""

    path: Path
    prepared: Prepared | None = None
    error: str | None = None
    header: list[str] | None = None  # a file no format recognises: the columns to map
    answers: dict[str, str] = field(default_factory=dict)  # what it was read with


def answer_key(file_id: str, question: str) -> str:
    """The widget that answers ``question`` for one uploaded file."""
    return f"ask_{question}_{file_id}"


def _answers(file_id: str) -> dict[str, str]:
    """The answers the user gave in a file's preview (a date as YYYY-MM-DD)."""
    given = {key: st.session_state.get(answer_key(file_id, key)) for key in questions.KEYS}
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in given.items()
        if value
    }


def preview_upload(uploaded) -> Preview:
    """What the file holds, or the error text; computed once per uploaded file and again
    when an answer in its preview changes."""
    previews = st.session_state.setdefault(Keys.PREVIEWS, {})
    answers = _answers(uploaded.file_id)
    known = previews.get(uploaded.file_id)
    if known is None or known.answers != answers:
        path = _saved_upload(uploaded)
        try:
            with database() as con:
                context = reading_context(con)
            # read in a child process, with the database closed
            prepared = stage_file(path, uploaded.name, context, keep=False, answers=answers)
            previews[uploaded.file_id] = Preview(path, prepared, answers=answers)
        except Exception as exc:  # noqa: BLE001 - any failure is shown as a message, not a trace
            header = _header_to_map(exc)
            error = _error_text(exc)
            previews[uploaded.file_id] = Preview(path, error=error, header=header, answers=answers)
    return previews[uploaded.file_id]


def ask(file_id: str, part: Part, asked: set[str]) -> None:
    """The questions ``part`` asked that no earlier part of the file showed (``asked``), each
    as a widget with what its answer does; a change reads the file again on the next run."""
    for question in part.questions:
        if question.key in asked:
            continue
        asked.add(question.key)
        key = answer_key(file_id, question.key)
        if question.key == questions.END_DATE:
            st.date_input(
                tr("imports.ask_end_date_label"),
                value=dt.date.fromisoformat(question.answer),
                key=key,
                format=date_format(),
            )
        else:
            st.selectbox(
                tr("imports.ask_platform_label"),
                question.choices,
                index=question.choices.index(question.answer),
                format_func=labels_by(question.choices, network_label),
                key=key,
            )
        st.caption(question.message(lang(), plain))


def _header_to_map(exc: Exception) -> list[str] | None:
    """The header of a file no format recognises (read with the file, in its own process)."""
    if not (isinstance(exc, ImportFailed) and exc.code == "unknown_format"):
        return None
    return exc.params.get("header")


def save_mapping(
    uploaded, header: list[str], target: str, columns: dict, constants: dict
) -> str | None:
    """Save the user's mapping and read the file again; returns an error text or None."""
    _, error = write(mapping.save_mapping, header, target, columns, constants, uploaded.name)
    if not error:
        st.session_state.get(Keys.PREVIEWS, {}).pop(uploaded.file_id, None)
    return error


def mapping_targets() -> list[str]:
    return list(mapping.TARGETS)


def mapping_fields(target: str) -> list[tuple[str, bool]]:
    """(field, required) a column can be mapped to in ``target``."""
    return [(name, required) for name, _, required in mapping.TARGETS[target].fields]


def mapping_constants(target: str) -> tuple[str, ...]:
    return mapping.TARGETS[target].constants


def field_label(target: str, name: str) -> str:
    """A daily metric's name ('New followers'), else the table column's ('Published')."""
    if target == "account_daily" and name != "day":
        return tr(f"imports.metric_{name}")
    return tr(f"column.{name}")


def guess_column(name: str, header: list[str]) -> int:
    """The header cell most likely meant for a field: same words as its label, else none (0)."""
    labels = {tr(f"column.{name}").lower(), name.replace("_", " ")}
    for index, cell in enumerate(header, start=1):
        if cell.strip().lower() in labels:
            return index
    return 0


def run_import(path: Path, file_name: str, bar, answers: dict[str, str] | None = None) -> None:
    """Import one saved upload with the answers of its preview, moving ``bar``; its outcome is
    flashed for the next run."""

    def progress(stage: str, fraction: float) -> None:
        bar.progress(fraction, text=tr(f"import.progress_{stage}", file=file_name))

    def run(con, staged):
        return import_file(con, path, file_name, progress=progress, answers=answers, staged=staged)

    try:
        with database() as con:
            context = reading_context(con)
        # read and staged in a child process; the database is held only for the write
        staged = stage_file(path, file_name, context, progress=progress, answers=answers)
        try:
            result, error = write(run, staged)
        finally:
            staged.discard()
    except Exception as exc:  # noqa: BLE001 - any failure is shown as a message, not a trace
        result, error = None, _error_text(exc)
    finally:
        path.unlink(missing_ok=True)  # the upload's copy is not kept after its import
    if error:
        flash("error", failed_text(file_name, error))
        return
    c = result.counts
    flash(
        "success",
        tr(
            "import.result",
            file=file_name,
            added=tr("import.result_added", count=c.added),
            updated=tr("import.result_updated", count=c.updated),
            unchanged=tr("import.result_unchanged", count=c.unchanged),
        ),
    )


def undo(import_id: int) -> str | None:
    """Undo one import; returns an error text, or None when it worked."""
    try:
        return write(undo_import, import_id).error
    except Exception as exc:  # noqa: BLE001 - any failure is shown as a message, not a trace
        return _unexpected(exc)


def skipped_note(part) -> str | None:
    """'3 rows skipped: Meta could not compute their metrics', or None when none was."""
    return tr(f"import_skipped.{part.skip_reason}", count=part.skipped) if part.skipped else None


def supported_formats() -> pd.DataFrame:
    return pd.DataFrame(supported(lang()), columns=[tr("import.format"), tr("import.where")])


def preview_table(preview: pd.DataFrame) -> pd.DataFrame:
    """The first rows of a file as smdash will store them, with translated column names."""
    return preview.rename(columns={c: tr(f"column.{c}") for c in preview.columns})


def table_name(target: str) -> str:
    return tr(f"imports.table_{target}")


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The import log with translated headers and statuses; one row per part of a file."""
    shown = history[
        [
            "import_id",
            "imported_at",
            "source",
            "format",
            "account",
            "date_from",
            "date_to",
            "rows_added",
            "rows_updated",
            "rows_unchanged",
            "rows_skipped",
            "repeat_of",
            "answers",
            "status",
        ]
    ].copy()
    shown["answers"] = shown["answers"].map(answers_text)
    shown["rows_skipped"] = [
        tr(f"import_skipped.{reason}", count=int(count)) if isinstance(reason, str) else ""
        for count, reason in zip(history["rows_skipped"], history["skip_reason"], strict=True)
    ]
    shown["format"] = shown["format"].map(lambda name: format_labels().get(name, name))
    shown["repeat_of"] = shown["repeat_of"].map(lambda i: "" if pd.isna(i) else f"#{int(i)}")
    shown["status"] = shown["status"].map(lambda s: tr(f"import.status_{s}"))
    shown = shown.rename(columns={"source": "file_name", "rows_skipped": "skipped"})
    return shown.rename(columns={c: tr(f"history.{c}") for c in shown.columns})


def answers_text(logged) -> str:
    """The answers an import was read with, as the log keeps them: 'platform: instagram'."""
    if not isinstance(logged, str):
        return ""
    return ", ".join(f"{key}: {value}" for key, value in json.loads(logged).items())


def format_labels() -> dict[str, str]:
    labels = {f.name: f.label for f in all_formats()}
    with database() as con:
        labels |= mapping.saved_labels(con)
    return {name: label[lang()] for name, label in labels.items()}


def undoable(history: pd.DataFrame) -> pd.DataFrame:
    """The applied imports, one row per file (its parts are undone together)."""
    applied = history[history["status"] == "applied"]
    return applied.drop_duplicates("import_id")


def import_label(imports: pd.DataFrame):
    """How an import is named in the undo picker: '#12 · file.csv · 23/11/2026 10:15'."""
    rows = zip(imports["import_id"], imports["file_name"], imports["imported_at"], strict=True)
    labels = {i: f"#{i} · {name} · {date_time(at)}" for i, name, at in rows}
    return labels.get


def mapping_form(n: int, uploaded, header: list[str]) -> None:
    """Map the columns of a file no format knows to a table's fields, once for its header."""
    with st.expander(tr("imports.map_title"), expanded=True):
        st.caption(tr("imports.map_intro"))
        targets = mapping_targets()
        target = st.selectbox(
            tr("imports.map_target"),
            targets,
            format_func=labels_by(targets, table_name),
            key=f"map_target_{n}",
        )
        constants = {
            name: st.text_input(tr(f"imports.map_{name}"), key=f"map_{n}_{target}_{name}")
            for name in mapping_constants(target)
        }
        options = list(range(len(header) + 1))
        columns = {}
        for name, required in mapping_fields(target):
            label = field_label(target, name) + (" *" if required else "")
            choice = st.selectbox(
                label,
                options,
                index=guess_column(name, header),
                format_func=lambda i: header[i - 1] if i else "—",
                key=f"map_{n}_{target}_{name}",
            )
            columns[name] = header[choice - 1] if choice else ""
        if st.button(tr("imports.map_save"), key=f"map_save_{n}"):
            error = save_mapping(uploaded, header, target, columns, constants)
            if error:
                st.error(error)
            else:
                st.rerun()
