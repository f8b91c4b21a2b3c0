"""The plan document's downloads (on the Toolkit page): the whole plan as PDF and XLSX."""

from __future__ import annotations

from functools import partial

import streamlit as st

from smdash.db import store
from smdash.reports import plan_content, plan_document
from smdash.ui.runtime import database, db_file, lang, tr

MIME = {"pdf": "application/pdf", "xlsx": plan_document.XLSX_MIME}


def plan_file(path: str, language: str, kind: str) -> bytes:
    """The plan as ``kind``, made when the button is clicked, in the download's own thread (no
    session state there): a read, which viewers may make too."""
    with store.connect(path) as con:
        period = plan_content.plan_period(con)
        return plan_document.plan_bytes(con, period, language, kind)


def downloads_section() -> None:
    with database() as con:
        period = plan_content.plan_period(con)
    language, path = lang(), str(db_file())
    st.caption(tr("plandoc.download_intro", period=period.label(language)))
    columns = st.columns(2)
    labels = {"pdf": tr("plandoc.download_pdf"), "xlsx": tr("plandoc.download_xlsx")}
    for column, (kind, label) in zip(columns, labels.items(), strict=True):
        column.download_button(
            label,
            data=partial(plan_file, path, language, kind),
            file_name=f"plan-{period.key}-{language}.{kind}",
            mime=MIME[kind],
            key=f"plan_download_{kind}",
            on_click="ignore",
            icon=":material/download:",
        )
