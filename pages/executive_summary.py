import streamlit as st

from smdash import executive
from smdash.ui import executive_summary as view
from smdash.ui import runtime as ui

ui.start_page("page.summary")
ui.show_flash()
# The headline figures come first, above the period picker: on a phone they fill the first screen.
first_screen = st.container()
period = view.period_picker()
st.caption(ui.tr("executive.intro"))
if period is None:
    st.stop()
summary = view.load_summary(period)
settings = view.load_settings()
_, last = ui.load_data_range()

with first_screen:
    if last is None:
        st.info(ui.tr("executive.empty"))
    if summary.business:
        business = ui.plain(summary.business)
        st.markdown(f"**{business}** · {ui.plain(summary.period.label(ui.lang()))}")
    view.figure_metrics(summary.figures, summary)
    st.caption(view.compared_caption(summary))
    if summary.other_currencies:
        st.warning(
            ui.tr(
                "executive.other_currencies",
                currencies=", ".join(summary.other_currencies),
                currency=summary.currency,
            )
        )

st.subheader(ui.tr("executive.story_title"))
st.markdown("\n\n".join(ui.plain(s) for s in executive.narrative(summary, ui.lang())))
if summary.comment:
    with st.container(border=True):
        st.markdown(f"**{ui.tr('executive.comment_title')}**")
        st.markdown(ui.plain(summary.comment))

st.subheader(ui.tr("executive.goals_title"))
if summary.goals:
    view.goal_lines(summary)
else:
    st.caption(ui.tr("executive.goals_none"))

view.charts(summary, period)

if summary.vanity:
    st.subheader(ui.tr("executive.pinned_title"))
    view.figure_metrics(summary.vanity, summary)

if not summary.networks.empty:
    with st.expander(ui.tr("executive.report.networks")):
        st.dataframe(view.networks_frame(summary), hide_index=True)

st.subheader(ui.tr("executive.report_title"))
view.report_buttons(period)

if ui.can_edit():  # the director reads; the comment and settings are the CM's
    with st.expander(ui.tr("executive.comment_title")):
        text = st.text_area(
            ui.tr("executive.comment_edit", period=period.label(ui.lang())),
            value=summary.comment,
            max_chars=executive.COMMENT_MAX,
            key=f"exec_comment_{period.key}",
        )
        if st.button(ui.tr("executive.comment_save"), key="exec_save_comment"):
            error = view.save_comment(period, text)
            ui.done(error, ui.tr("executive.comment_saved"))

    with st.expander(ui.tr("executive.settings_title")):
        name = st.text_input(
            ui.tr("executive.business_name"),
            value=settings["name"],
            max_chars=executive.NAME_MAX,
            key="exec_name",
        )
        if st.button(ui.tr("executive.save_name"), key="exec_save_name"):
            error = view.save_name(name)
            ui.done(error, ui.tr("executive.name_saved"))
        if settings["logo"]:
            st.image(settings["logo"][0], width=160)
            if st.button(ui.tr("executive.remove_logo"), key="exec_remove_logo"):
                ui.done(view.save_logo(None), ui.tr("executive.logo_removed"))
        upload = st.file_uploader(
            ui.tr("executive.logo"), type=["png", "jpg", "jpeg"], key="exec_logo"
        )
        if upload is not None and st.button(ui.tr("executive.save_logo"), key="exec_save_logo"):
            error = view.save_logo(upload.getvalue())
            ui.done(error, ui.tr("executive.logo_saved"))
        vanity = {k: ui.tr(f"kpis.name.{k}") for k in executive.VANITY}
        pins = st.multiselect(
            ui.tr("executive.pin"),
            list(vanity),
            default=settings["pinned"],
            format_func=vanity.get,
            key="exec_pins",
        )
        if st.button(ui.tr("executive.save_pins"), key="exec_save_pins"):
            error = view.save_pins(pins)
            ui.done(error, ui.tr("executive.pins_saved"))
        currency = st.text_input(
            ui.tr("executive.currency"),
            value=settings["currency"],
            max_chars=3,
            key="exec_currency",
        )
        if st.button(ui.tr("executive.save_currency"), key="exec_save_currency"):
            error = view.save_currency(currency)
            ui.done(error, ui.tr("executive.currency_saved"))
