"""The report-by-e-mail form (My account for oneself, Users for anyone) and the outbox table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from smdash import executive
from smdash.access import report_mail
from smdash.core.i18n import LANGUAGES
from smdash.reports import outbox
from smdash.ui.runtime import LANGUAGE_NAMES, database, done, lang, tr, write


def _cadence_labels() -> dict[str | None, str]:
    return {
        None: tr("mailing.cadence_none"),
        "fortnightly": tr("mailing.cadence_fortnightly"),
        "monthly": tr("mailing.cadence_monthly"),
    }


def report_mail_form(name: str, own_account: bool, key: str) -> None:
    """Address, cadence and language of ``name``'s report e-mail, saved as the signed-in user
    (``own_account``: their own, which a viewer may change)."""
    with database() as con:
        current = report_mail.report_mail(con, name)
    if current is None:
        return
    labels = _cadence_labels()
    cadences = list(labels)
    key = f"{key}_{name}"  # another user's form starts from their own values
    with st.form(f"{key}_form"):
        st.markdown(f"**{tr('mailing.title')}**")
        st.caption(tr("mailing.intro"))
        email = st.text_input(tr("mailing.email"), value=current.email or "", key=f"{key}_email")
        left, right = st.columns(2)
        cadence = left.selectbox(
            tr("mailing.cadence"),
            cadences,
            index=cadences.index(current.cadence),
            format_func=labels.get,
            key=f"{key}_cadence",
        )
        lang = right.selectbox(
            tr("mailing.lang"),
            LANGUAGES,
            index=LANGUAGES.index(current.lang),
            format_func=LANGUAGE_NAMES.get,
            key=f"{key}_lang",
        )
        if st.form_submit_button(tr("mailing.save"), key=f"{key}_save"):
            saved = write(
                report_mail.set_report_mail, name, email, cadence, lang, own_account=own_account
            )
            done(saved.error, tr("mailing.saved", name=name))


def outbox_table() -> pd.DataFrame:
    """The latest report e-mails: who, which period, where, sent or failed, attempts."""
    with database() as con:
        rows = outbox.outbox(con)
    status = {"sent": tr("mailing.status_sent"), "failed": tr("mailing.status_failed")}
    return pd.DataFrame(
        {
            tr("mailing.col_user"): [r["user_name"] for r in rows],
            tr("mailing.col_period"): [
                executive.period_for(r["period_start"], r["period_end"]).label(lang()) for r in rows
            ],
            tr("mailing.col_email"): [r["email"] for r in rows],
            tr("mailing.col_status"): [status[r["status"]] for r in rows],
            tr("mailing.col_attempts"): [r["attempts"] for r in rows],
            tr("mailing.col_last_attempt"): [r["last_attempt"] for r in rows],
            tr("mailing.col_error"): [r["error"] or "" for r in rows],
        }
    )


def outbox_section() -> None:
    st.subheader(tr("mailing.outbox_title"))
    table = outbox_table()
    if table.empty:
        st.info(tr("mailing.outbox_none"))
    else:
        st.dataframe(table, hide_index=True, key="mail_outbox_table")
