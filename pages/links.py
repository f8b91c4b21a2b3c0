import datetime as dt

import streamlit as st

from smdash.core import periods
from smdash.plan import calendar, calendar_export, utm
from smdash.ui import best_times, calendar_edit, toolkit
from smdash.ui import links as view
from smdash.ui import runtime as ui

ui.start_page("page.links")


def builder_tab() -> None:
    url = st.text_input(ui.tr("links.url"), placeholder="https://", key="link_url")
    left, right = st.columns(2)
    network = left.selectbox(
        ui.tr("links.network"),
        view.LINK_NETWORKS,
        format_func=ui.labels_of(view.LINK_NETWORKS, "network.").get,
        key="link_network",
    )
    paid = right.toggle(ui.tr("links.paid"), key="link_paid")
    usual = view.load_usual_sources() if not paid else {}
    source = left.text_input(
        ui.tr("links.source"),
        value=utm.default_source(network, usual),
        key=f"link_source_{network}_{paid}",
    )
    medium = right.text_input(
        ui.tr("links.medium"),
        value=utm.default_medium(network, paid),
        key=f"link_medium_{network}_{paid}",
    )
    campaign = st.text_input(ui.tr("links.campaign"), key="link_campaign")
    left, right = st.columns(2)
    content = left.text_input(ui.tr("links.content"), key="link_content")
    term = right.text_input(ui.tr("links.term"), key="link_term")

    link, error = None, None
    if url.strip() and campaign.strip():
        tags = utm.Tags(source, medium, campaign, content, term)
        link, error, warnings = view.link_preview(url, network, tags)
        if error:
            st.error(error)
        else:
            st.markdown(ui.tr("links.your_link"))
            st.code(link, language=None, wrap_lines=True)
            for warning in warnings:
                st.warning(warning)
    else:
        st.info(ui.tr("links.start"))

    best_times.suggested_slots(network)  # a pick fills the form's date and time
    st.session_state.setdefault(best_times.ENTRY_TIME, dt.time(9, 0))
    saved = st.session_state.pop(view.ENTRY_SAVED, None)
    if saved:  # the entry is in the calendar: an empty form, so a second click adds nothing
        st.session_state.update(entry_topic="", entry_copy="")
    with st.form("entry_form"):
        st.markdown(f"**{ui.tr('links.save_title')}**")
        day_col, time_col, status_col = st.columns(3)
        day = day_col.date_input(ui.tr("links.date"), key="entry_date", format=ui.date_format())
        moment = time_col.time_input(ui.tr("links.time"), key="entry_time")
        status = status_col.selectbox(
            ui.tr("links.status"),
            calendar.STATUSES,
            index=1,
            format_func=ui.labels_of(calendar.STATUSES, "links.status.").get,
            key="entry_status",
        )
        topic = st.text_input(ui.tr("links.topic"), key="entry_topic")
        copy = st.text_area(ui.tr("links.copy"), key="entry_copy")
        if st.form_submit_button(ui.tr("links.save"), key="entry_save"):
            if not link:
                st.error(ui.tr("links.save_needs_link"))
            elif not topic.strip():
                st.error(ui.tr("links.save_needs_topic"))
            else:
                entry = calendar.Entry(
                    dt.datetime.combine(day, moment), network, topic, copy, link, status
                )
                error = view.save_entry(entry)
                if error:
                    st.error(error)
                else:
                    said = ui.tr("links.saved", date=ui.date_time(entry.planned_at))
                    st.session_state[view.ENTRY_SAVED] = (said, f"{topic} {copy}")
                    st.rerun()
        if saved:
            st.success(saved[0])
            toolkit.forbidden_in_text_warning(saved[1])


def planner_tab() -> None:
    toolkit.forbidden_topics_warning()  # a warning, not a block
    everything = view.load_entries()
    if everything.empty:
        st.info(ui.tr("links.empty"))
    else:
        left, right = st.columns(2)
        mode = left.radio(
            ui.tr("links.view"),
            ("month", "week"),
            format_func=ui.labels_of(("month", "week"), "links.view_").get,
            horizontal=True,
            key="calendar_view",
            persist_state="page",  # kept while another tab is shown
        )
        day = right.date_input(
            ui.tr("links.day"),
            value=view.default_day(everything),
            key="calendar_day",
            persist_state="page",  # kept while another tab is shown
            format=ui.date_format(),
        )
        if mode == "month":
            first, last = periods.month_days(day.year, day.month)
            weeks, month = calendar.month_weeks(day.year, day.month), day.month
        else:
            first, last = calendar.week_days(day)
            weeks, month = [[first + dt.timedelta(days=i) for i in range(7)]], None
        shown = view.load_entries(first, last)
        st.markdown(view.legend(sorted(set(everything["network"]))))
        view.calendar_grid(shown, weeks, month)
        if shown.empty:
            st.info(ui.tr("links.no_entries"))
        else:
            st.caption(ui.tr("best_times.mark_legend", mark=best_times.OUTSIDE_MARK))
        if mode == "week" and not shown.empty:
            week = calendar.week_table(shown, first)
            week["best_time"] = week["entry_id"].map(best_times.mark_column(shown))
            ui.table(view.calendar_table(week), hide_index=True, key="week_table")
        if not shown.empty:
            downloads = (
                ("links.export", calendar.scheduler_csv(shown), "csv", "text/csv", ""),
                ("calendar.export_ics", ui.made_on_click(calendar_export.ics, first, last,
                 ui.lang()), "ics", "text/calendar", "_ics"),
                ("calendar.export_xlsx", ui.made_on_click(calendar_export.xlsx, first, last,
                 ui.lang()), "xlsx", None, "_xlsx"),
            )  # fmt: skip
            for column, (label, data, suffix, mime, key) in zip(
                st.columns(3), downloads, strict=True
            ):
                column.download_button(
                    ui.tr(label),
                    data,
                    file_name=f"calendar_{first}_{last}.{suffix}",
                    mime=mime,
                    key=f"calendar_export{key}",
                )
            st.caption(ui.tr("calendar.ics_zone", zone=best_times.load_zone()))
            labels = {
                row.entry_id: f"#{row.entry_id} · {ui.date_time(row.planned_at)} · {row.topic}"
                for row in shown.itertuples()
            }
            if st.session_state.get(view.EDITING) not in labels:
                st.session_state.pop(view.EDITING, None)
            pick, status_col = st.columns([3, 1])
            entry_id = pick.selectbox(
                ui.tr("links.entry"), list(labels), format_func=labels.get, key=view.EDITING
            )
            new_status = status_col.selectbox(
                ui.tr("links.status"),
                calendar.STATUSES,
                format_func=ui.labels_of(calendar.STATUSES, "links.status.").get,
                key="calendar_status",
            )
            change, delete = st.columns(2)
            if change.button(ui.tr("links.set_status"), key="calendar_set_status"):
                ui.done(view.set_status(entry_id, new_status))
            if delete.button(ui.tr("links.delete"), key="calendar_delete"):
                ui.done(view.delete_entry(entry_id))
            calendar_edit.edit_form(entry_id)


def results_tab() -> None:
    per_entry = view.load_entry_results()
    if per_entry.empty:
        st.info(ui.tr("links.no_results"))
    else:
        st.caption(ui.tr("links.results_intro", days=calendar.ATTRIBUTION_DAYS))
        columns = [
            "entry_id",
            "planned_at",
            "network",
            "topic",
            "status",
            "utm_campaign",
            "first_day",
            "last_day",
            "sessions",
            "conversions",
            "revenue",
        ]
        ui.table(view.calendar_table(per_entry[columns]), hide_index=True, key="entry_results")
        st.subheader(ui.tr("links.campaign_results"))
        ui.table(
            view.calendar_table(view.load_campaign_results()),
            hide_index=True,
            key="campaign_results",
        )

    calendar_edit.plan_and_posts()


ui.tab_sections(
    "links_tabs",
    {
        "links.tab.builder": builder_tab,
        "links.tab.calendar": planner_tab,
        "links.tab.results": results_tab,
        "links.tab.themes": calendar_edit.themes_and_effort,
        "best_times.tab": best_times.section,
    },
    always=("links.tab.builder",),  # the entry being written survives a look at the calendar
)
