import streamlit as st

from smdash.ui import import_data as view
from smdash.ui import runtime as ui

ui.start_page("import.title")
st.caption(ui.tr("import.intro"))
with st.expander(ui.tr("import.supported")):
    ui.table(view.supported_formats(), hide_index=True)

ui.show_flash()
view.show_refused()

# Streamlit writes the box's own button and size limit in English whatever the language (it
# lets set only the label and the help): the help says in the user's words what to do.
uploads = st.file_uploader(
    ui.tr("import.uploader"),
    accept_multiple_files=True,
    key=view.uploader_key(),
    help=ui.tr("import.uploader_help"),
)
ready, refused = [], []
for n, uploaded in enumerate(uploads or []):
    preview = view.preview_upload(uploaded)
    if preview.error:
        refused.append(view.refusal_note(uploaded.name, preview))
        view.show_note(refused[-1])
        if preview.header:
            view.mapping_form(n, uploaded, preview.header)
        continue
    asked: set[str] = set()
    for part in preview.prepared.parts:
        with st.container(border=True):
            source = part.format.label[ui.lang()]
            st.markdown(f"**{ui.tr('import.detected', file=part.source, source=source)}**")
            account, dates, rows = st.columns(3)
            account.metric(ui.tr("import.account"), part.account or "—")
            dates.metric(ui.tr("import.range"), ui.date_range(part.date_from, part.date_to))
            rows.metric(ui.tr("import.rows"), ui.number(part.rows))
            view.ask(uploaded.file_id, part, asked)
            if note := view.skipped_note(part):
                st.caption(note)
            ui.table(view.preview_table(part.preview), hide_index=True)
    if preview.prepared.skipped:
        skipped = preview.prepared.skipped
        st.caption(ui.tr("imports.skipped", count=len(skipped), files=", ".join(skipped)))
    answers = view.confirmed_answers(uploaded.file_id, preview)
    if answers is not None:  # else it waits for its new accounts to be confirmed
        ready.append((preview.path, uploaded.name, answers))

if uploads and not ready:
    st.warning(ui.tr("import.nothing_valid"))
if ready and st.button(
    ui.tr("import.confirm", count=len(ready)), type="primary", key="confirm_import"
):
    bar = st.progress(0.0)
    for path, name, answers in ready:
        if note := view.run_import(path, name, bar, answers):  # a success is flashed
            refused.append(note)
    view.keep_refused(refused)  # shown until hidden: the others' successes do not wipe them
    view.clear_uploader()
    st.rerun()

st.subheader(ui.tr("import.history"))
history = view.load_history()
refused_files = view.load_refused()
if history.empty:
    st.info(ui.tr("import.no_history"))
else:
    ui.table(view.history_table(history), hide_index=True)
    applied = view.undoable(history)
    if not applied.empty:
        view.undo_section(applied)
if refused_files:
    st.markdown(f"**{ui.tr('refused.title')}**")
    ui.table(view.refused_table(refused_files), hide_index=True)
