"""The Users page's glue: the accounts, changes to them, the audit trail, the backups."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from smdash import workspace
from smdash.access import audit, auth, roles
from smdash.core.i18n import CATALOG, DEFAULT_LANGUAGE, days_written
from smdash.db import copies, store
from smdash.ui import forms
from smdash.ui.runtime import (
    WRITE_LOCK,
    database,
    date,
    date_time,
    db_file,
    done,
    labels_of,
    lang,
    number,
    table,
    tr,
    user,
    write,
)


def load_users() -> pd.DataFrame:
    with database() as con:
        rows = auth.users(con)
    frame = pd.DataFrame(rows, columns=["name", "role", "demo_password", "locked"])
    frame["role"] = [tr(f"auth.role.{r}") for r in frame["role"]]
    return frame.rename(columns={c: tr(f"auth.column.{c}") for c in frame.columns})


def load_trail() -> pd.DataFrame:
    with database() as con:
        frame = audit.trail(con)
    frame["happened_at"] = [date_time(v.to_pydatetime()) for v in frame["happened_at"]]
    frame["action"] = [action_words(a) for a in frame["action"]]
    frame["details"] = [days_written(d or "", lang()) for d in frame["details"].fillna("")]
    return frame.rename(columns={c: tr(f"auth.column.{c}") for c in frame.columns})


def action_words(action: str) -> str:
    """What an audit row records, as a short phrase in the user's language ("Imported a
    file"); the action's own name when the catalogue has no phrase for it."""
    key = f"audit.action.{action}"
    return tr(key) if key in CATALOG[DEFAULT_LANGUAGE] else action


def user_names() -> list[str]:
    with database() as con:
        return [row["name"] for row in auth.users(con)]


def change(action, *args) -> str | None:
    """Run an account change as the signed-in editor; an error text or None."""
    return write(action, *args).error


# ---------------------------------------------------------------------------------------------
# The forms: saved by their button's callback, emptied once saved, kept as typed when refused

NEW_USER, RESET = "new", "reset"  # widgets new_name, new_password, new_role; reset_password
NEW_USER_FIRST = {"name": "", "password": "", "role": roles.ROLES[0]}
RESET_FIRST = {"password": ""}


def start_forms() -> None:
    forms.start(NEW_USER, NEW_USER_FIRST)
    forms.start(RESET, RESET_FIRST)


def add_user() -> None:
    """The Add button's callback: the account the form holds, added."""
    name = forms.value(NEW_USER, "name") or ""
    password, role = forms.value(NEW_USER, "password") or "", forms.value(NEW_USER, "role")
    added = tr("auth.added", name=name.strip())
    forms.written(NEW_USER, NEW_USER_FIRST, added, auth.add_user, name, role, password)


def reset_password(name: str) -> None:
    """The Save password button's callback: ``name``'s password set to the one typed."""
    password = forms.value(RESET, "password") or ""
    saved = tr("auth.password_saved")
    forms.written(RESET, RESET_FIRST, saved, auth.set_password, name, password)


# ---------------------------------------------------------------------------------------------
# Backups: a fresh one to download, the list of those kept, how many to keep, how to restore


def fresh_backup(path: str, actor: roles.Actor) -> bytes:
    """A backup made when the download button is clicked, as ``actor`` (an editor: the write is
    checked and recorded), in the download's own thread: no session state there."""
    with WRITE_LOCK, store.connect(path) as con, roles.acting_as(actor):
        made = workspace.backup_now(con)
    return made.read_bytes()


def backup_table() -> pd.DataFrame:
    reasons = labels_of(copies.REASONS, "backup.reason.")
    rows = [
        {
            tr("backup.column.file"): backup.path.name,
            tr("backup.column.made"): f"{date(backup.made.date())} {backup.made:%H:%M}",
            tr("backup.column.reason"): reasons[backup.reason],
            tr("backup.column.size"): f"{number(backup.size / 2**20, 1)} MB",
        }
        for backup in copies.listing(db_file())
    ]
    return pd.DataFrame(rows)


def backups_section() -> None:
    with database() as con:
        keep = workspace.backup_keep(con)
    path = db_file()
    st.subheader(tr("backup.title"))
    st.caption(tr("backup.intro", count=keep, folder=str(copies.folder(path))))
    st.download_button(
        tr("backup.download"),
        data=partial(fresh_backup, str(path), user()),
        file_name=f"{path.stem}-{dt.datetime.now():%Y%m%d-%H%M}.duckdb",
        mime="application/octet-stream",
        key="backup_download",
        on_click="ignore",
        icon=":material/download:",
    )
    backups = backup_table()
    if backups.empty:
        st.info(tr("backup.none"))
    else:
        table(backups, hide_index=True, key="backups_table")
    left, _ = st.columns(2)
    count = left.number_input(
        tr("backup.keep"), min_value=1, max_value=copies.MAX_KEEP, value=keep, key="backup_keep"
    )
    if left.button(tr("backup.keep_save"), key="backup_keep_save"):
        error = write(workspace.set_backup_keep, int(count)).error
        done(error, tr("backup.keep_saved", count=int(count)))
    st.markdown(tr("backup.restore_hint"))
    st.code(copies.restore_command("FILE", path), language="bash")
