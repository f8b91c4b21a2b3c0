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
from smdash.imports import accounts, mapping, questions
from smdash.imports.accounts import AccountRows
from smdash.imports.errors import ImportFailed
from smdash.imports.formats import all_formats, supported
from smdash.imports.history import import_history, import_totals
from smdash.imports.pipeline import (
    Part,
    Prepared,
    import_file,
    reading_context,
    stage_file,
    undo_import,
)
from smdash.imports.refusal_log import next_step, record_refusal, refused_files
from smdash.imports.sniff import sha256_of
from smdash.ui.networks import network_label
from smdash.ui.runtime import (
    Keys,
    database,
    date,
    date_format,
    date_time,
    done,
    flash,
    labels_by,
    lang,
    let_go_of_file,
    loader,
    number,
    plain,
    said,
    tr,
    write,
    writing,
)

load_history = loader(import_history)
load_totals = loader(import_totals)
load_refused = loader(refused_files)


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
    next_step: str | None = None  # after a refusal: what to do next, in the user's words
    new_accounts: list[AccountRows] = field(default_factory=list)  # to confirm before importing


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
            let_go_of_file()
            prepared = stage_file(path, uploaded.name, context, keep=False, answers=answers)
            with database() as con:
                new = accounts.new_accounts(con, prepared.accounts)
            previews[uploaded.file_id] = Preview(path, prepared, answers=answers, new_accounts=new)
        except Exception as exc:  # noqa: BLE001 - any failure is shown as a message, not a trace
            header = _header_to_map(exc)
            error = _error_text(exc)
            step = _keep_refusal(path, uploaded.name, exc)
            previews[uploaded.file_id] = Preview(path, None, error, header, answers, step)
    return previews[uploaded.file_id]


def _keep_refusal(path: Path, file_name: str, exc: Exception) -> str | None:
    """A refused file in the import log (an ImportFailed: a refusal the user can act on, not a
    bug); returns what to do next, or None."""
    if not isinstance(exc, ImportFailed):
        return None
    write(record_refusal, file_name, sha256_of(path), exc)
    return tr(next_step(exc.code))


Note = tuple[str, str | None]  # a refused file's message, and what to do next (if known)


def refusal_note(file_name: str, preview: Preview) -> Note:
    """How a refused upload is told: its message, and what to do next."""
    return failed_text(file_name, preview.error), preview.next_step


def show_note(note: Note) -> None:
    text, step = note
    st.error(text)
    if step:
        st.caption(tr("refused.next", step=step))


def keep_refused(notes: list[Note]) -> None:
    """The refused files of an import, shown on every run from now until the user hides them
    (or imports again): the success messages of the other files do not push them away."""
    st.session_state[Keys.REFUSED] = notes


def show_refused() -> None:
    notes = st.session_state.get(Keys.REFUSED)
    if not notes:
        return
    for note in notes:
        show_note(note)
    if st.button(tr("refused.dismiss"), key="refused_dismiss"):
        st.session_state.pop(Keys.REFUSED, None)
        st.rerun()


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


def confirmed_answers(file_id: str, preview: Preview) -> dict[str, str] | None:
    """The answers to import a file with; when it brings accounts new to the workspace, they
    are named and a checkbox asks to confirm them: None until it is ticked (the file waits)."""
    new = preview.new_accounts
    if not new:
        return preview.answers
    names = accounts.listed(new, lang())  # tr shows it literally
    st.warning(tr("accounts.preview_new", count=len(new), accounts=names))
    if not st.checkbox(tr("accounts.confirm", count=len(new)), key=f"accounts_new_{file_id}"):
        st.info(tr("accounts.waiting", file=preview.prepared.file_name))
        return None
    return preview.answers | {accounts.NEW_ACCOUNTS: accounts.answer(new)}


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


def run_import(
    path: Path, file_name: str, bar, answers: dict[str, str] | None = None
) -> Note | None:
    """Import one saved upload with the answers of its preview, moving ``bar``; its success is
    flashed for the next run, its refusal logged and returned (see ``keep_refused``), whether
    reading refused the file or the write did (accounts another file brought a moment before)."""

    def progress(stage: str, fraction: float) -> None:
        bar.progress(fraction, text=tr(f"import.progress_{stage}", file=file_name))

    def run(con, staged):
        return import_file(con, path, file_name, progress=progress, answers=answers, staged=staged)

    step = None
    try:
        with database() as con:
            context = reading_context(con)
        # read and staged in a child process; the database is held only for the write
        let_go_of_file()
        staged = stage_file(path, file_name, context, progress=progress, answers=answers)
        try:
            with writing() as con:  # a refusal here is logged below, once the write is undone
                result, error = run(con, staged), None
        finally:
            staged.discard()
    except Exception as exc:  # noqa: BLE001 - any failure is shown as a message, not a trace
        result, error = None, _error_text(exc)
        step = _keep_refusal(path, file_name, exc)
    finally:
        path.unlink(missing_ok=True)  # the upload's copy is not kept after its import
    if error:
        return failed_text(file_name, error), step
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
    return None


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
    shown["imported_at"] = ["" if pd.isna(v) else date_time(v) for v in shown["imported_at"]]
    for column in ("date_from", "date_to"):  # days, without a time of 00:00:00
        shown[column] = ["" if pd.isna(v) else date(v.date()) for v in shown[column]]
    shown["rows_skipped"] = [
        tr(f"import_skipped.{reason}", count=int(count)) if isinstance(reason, str) else ""
        for count, reason in zip(history["rows_skipped"], history["skip_reason"], strict=True)
    ]
    labels = format_labels()  # once: it reads the saved mappings from the database
    shown["format"] = shown["format"].map(lambda name: labels.get(name, name))
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


def undo_key(applied: pd.DataFrame) -> str:
    """The undo picker's key, new with each newest import: the picker starts on what the user
    just imported, not on the import it showed before."""
    return f"undo_choice_{int(applied['import_id'].max())}"


def undo_question(import_id: int) -> str:
    """'Undo import #12 of fb.csv? It added 20 rows and updated 3: ...'"""
    totals = load_totals(import_id)

    def rows(count: int) -> str:
        return tr("undo.rows", count=count, number=number(count))

    return tr(
        "undo.ask",
        id=import_id,
        file=totals.file_name,
        added=rows(totals.added),
        updated=rows(totals.updated),
    )


def undo_section(applied: pd.DataFrame) -> None:
    """Pick an import (the newest first) and undo it, once the user confirmed what it takes
    back."""
    key = undo_key(applied)
    choice = st.selectbox(
        tr("import.pick_undo"),
        applied["import_id"].tolist(),
        format_func=import_label(applied),
        key=key,
    )
    asked = (key, int(choice))  # a question asked before another import is not asked again
    if st.button(tr("import.undo", id=choice), key="undo_button"):
        st.session_state[Keys.UNDO_ASKED] = asked
    if st.session_state.get(Keys.UNDO_ASKED) != asked:
        return
    st.warning(undo_question(int(choice)))
    yes, no = st.columns(2)
    if yes.button(tr("undo.yes", id=choice), type="primary", key="undo_confirm"):
        st.session_state.pop(Keys.UNDO_ASKED, None)
        done(undo(int(choice)), tr("import.undone", id=choice))
    if no.button(tr("undo.cancel"), key="undo_cancel"):
        st.session_state.pop(Keys.UNDO_ASKED, None)
        st.rerun()


def refused_table(refused: list) -> pd.DataFrame:
    """The refused files, newest first: when, which file, what it was taken for, why, what to
    do next (texts in the user's language)."""
    labels = format_labels()
    shown = pd.DataFrame(
        {
            "refused_at": [r.refused_at for r in refused],
            "file_name": [r.file_name for r in refused],
            "detected": [labels.get(r.detected, r.detected) or "" for r in refused],
            "reason": [r.reason.message(lang()) for r in refused],
            "next_step": [tr(r.next_step) for r in refused],
            "sha256": [r.sha256 or "" for r in refused],
        }
    )
    return shown.rename(columns={c: tr(f"refused.column_{c}") for c in shown.columns})


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
