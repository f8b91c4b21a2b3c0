"""The calendar's sections beyond the grid: an entry's edit form, published posts against the
plan, themes and effort (the UTM links and calendar page)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from smdash.core.networks import SOCIAL_NETWORKS
from smdash.plan import calendar, effort, themes
from smdash.ui import links as view
from smdash.ui import runtime as ui

NETWORKS = (*SOCIAL_NETWORKS, "email")
TYPES = ("", *calendar.PIECE_TYPES)


def _type_label(value: str) -> str:
    return ui.tr(f"calendar.type.{value}") if value else "—"


def _hours(column, field: str, value: float | None, key: str) -> float | None:
    return column.number_input(
        ui.tr(f"calendar.column.{field}"),
        min_value=0.0,
        max_value=calendar.HOURS_MAX,
        value=value,
        step=0.5,
        key=f"{key}_{field.removeprefix('hours_')}",
    )


def edit_form(entry_id: int) -> None:
    """Every field of the entry picked (by its button in the grid or the picker), to change."""
    with ui.database() as con:
        entry = calendar.get_entry(con, entry_id)
    if entry is None:
        return
    names = dict(view.load_themes()[["theme_id", "name"]].itertuples(index=False))
    theme_options = [None, *names]
    key = f"edit_{entry_id}"  # fresh widgets for each entry
    with st.form(f"entry_edit_{entry_id}"):
        st.markdown(f"**{ui.tr('calendar.edit_title', entry=entry_id)}**")
        day_col, time_col, network_col, status_col = st.columns(4)
        day = day_col.date_input(
            ui.tr("links.date"), entry.planned_at.date(), key=f"{key}_day", format=ui.date_format()
        )
        moment = time_col.time_input(ui.tr("links.time"), entry.planned_at.time(), key=f"{key}_t")
        networks = NETWORKS if entry.network in NETWORKS else (entry.network, *NETWORKS)
        network = network_col.selectbox(
            ui.tr("links.network"),
            networks,
            index=networks.index(entry.network),
            format_func=ui.labels_of(networks, "network.").get,
            key=f"{key}_network",
        )
        status = status_col.selectbox(
            ui.tr("links.status"),
            calendar.STATUSES,
            index=calendar.STATUSES.index(entry.status),
            format_func=ui.labels_of(calendar.STATUSES, "links.status.").get,
            key=f"{key}_status",
        )
        topic = st.text_input(ui.tr("links.topic"), entry.topic, key=f"{key}_topic")
        copy = st.text_area(ui.tr("links.copy"), entry.copy, key=f"{key}_copy")
        link = st.text_input(ui.tr("calendar.link"), entry.link, key=f"{key}_link")
        theme_col, type_col, estimate_col, spent_col = st.columns(4)
        theme = theme_col.selectbox(
            ui.tr("calendar.column.theme"),
            theme_options,
            index=theme_options.index(entry.theme_id) if entry.theme_id in names else 0,
            format_func=lambda t: "—" if t is None else names[t],
            key=f"{key}_theme",
        )
        type_labels = {t: _type_label(t) for t in TYPES}
        piece_type = type_col.selectbox(
            ui.tr("calendar.column.piece_type"),
            TYPES,
            index=TYPES.index(entry.piece_type) if entry.piece_type in TYPES else 0,
            format_func=type_labels.get,
            key=f"{key}_type",
        )
        estimated = _hours(estimate_col, "hours_estimated", entry.hours_estimated, key)
        spent = _hours(spent_col, "hours_spent", entry.hours_spent, key)
        permalink = st.text_input(
            ui.tr("calendar.column.permalink"),
            entry.permalink,
            help=ui.tr("calendar.permalink_help"),
            key=f"{key}_permalink",
        )
        if st.form_submit_button(ui.tr("calendar.save_entry"), key=f"{key}_save"):
            changed = calendar.Entry(
                dt.datetime.combine(day, moment),
                network,
                topic,
                copy,
                link,
                status,
                theme,
                piece_type,
                estimated,
                spent,
                permalink,
            )
            if not topic.strip():
                st.error(ui.tr("links.save_needs_topic"))
            else:
                ui.done(view.update_entry(entry_id, changed), ui.tr("calendar.entry_saved"))
    _entry_result(entry_id)


def _entry_result(entry_id: int) -> None:
    found = view.load_entry_posts()
    row = found[found["entry_id"] == entry_id]
    if row.empty or not isinstance(row["method"].iloc[0], str):
        st.caption(ui.tr("calendar.no_post"))
        return
    ui.table(view.entry_posts_table(row), hide_index=True, key=f"entry_post_{entry_id}")


def _period(key: str) -> tuple[dt.date, dt.date]:
    """A period to read results over: the whole data range by default."""
    first, last = ui.load_data_range()
    today = dt.date.today()
    first, last = first or today - dt.timedelta(days=90), last or today
    left, right = st.columns(2)
    date_from = left.date_input(
        ui.tr("calendar.from"), first, key=f"{key}_from", format=ui.date_format()
    )
    date_to = right.date_input(ui.tr("calendar.to"), last, key=f"{key}_to", format=ui.date_format())
    return date_from, max(date_from, date_to)


def plan_and_posts() -> None:
    """Published posts against the plan: each entry's post and how it was found; the posts
    published without an entry, to give a theme by hand."""
    st.subheader(ui.tr("calendar.posts_title"))
    st.caption(ui.tr("calendar.posts_intro"))
    date_from, date_to = _period("posts")
    found = view.load_entry_posts(date_from, date_to)
    if found.empty:
        st.info(ui.tr("links.no_entries"))
    else:
        ui.table(view.entry_posts_table(found), hide_index=True, key="entry_posts")
    st.subheader(ui.tr("calendar.unplanned_title"))
    unplanned = view.load_unplanned(date_from, date_to)
    if unplanned.empty:
        st.info(ui.tr("calendar.unplanned_none"))
        return
    st.caption(ui.tr("calendar.unplanned_count", count=len(unplanned)))
    names = dict(view.load_themes()[["theme_id", "name"]].itertuples(index=False))
    ui.table(view.unplanned_table(unplanned, names), hide_index=True, key="unplanned")
    if not names:
        return
    labels = {
        (row.platform, row.post_id): f"{ui.date_time(row.published_at)} · "
        f"{view.network_label(row.platform)} · {(row.text or '')[:60]}"
        for row in unplanned.itertuples()
    }
    pick, theme_col = st.columns([3, 1])
    post = pick.selectbox(
        ui.tr("calendar.post"), list(labels), format_func=labels.get, key="unplanned_post"
    )
    theme = theme_col.selectbox(
        ui.tr("calendar.column.theme"),
        [None, *names],
        format_func=lambda t: "—" if t is None else names[t],
        key="unplanned_theme",
    )
    if st.button(ui.tr("calendar.set_theme"), key="unplanned_set_theme"):
        ui.done(view.set_post_theme(*post, theme), ui.tr("calendar.theme_set"))


def themes_and_effort() -> None:
    """Themes: defining them, their share of the plan, their results; effort per hour."""
    st.subheader(ui.tr("themes.title"))
    st.caption(ui.tr("themes.intro", margin=int(themes.SHARE_MARGIN * 100)))
    defined = view.load_themes()
    with st.form("theme_add", clear_on_submit=True):
        name_col, share_col = st.columns([3, 1])
        name = name_col.text_input(
            ui.tr("themes.name"), max_chars=themes.NAME_MAX, key="theme_name"
        )
        share = share_col.number_input(
            ui.tr("themes.target"), min_value=0.0, max_value=100.0, value=None, key="theme_share"
        )
        if st.form_submit_button(ui.tr("themes.add"), key="theme_add_button"):
            ui.done(view.add_theme(name, share), ui.tr("themes.added", name=name.strip()))
    if defined.empty:
        st.info(ui.tr("themes.none"))
        return
    date_from, date_to = _period("themes")
    ui.table(
        view.shares_table(view.load_theme_shares(date_from, date_to)),
        hide_index=True,
        key="theme_shares",
    )
    by_network = view.load_results_by_theme(date_from, date_to)
    if not by_network.empty:
        st.markdown(f"**{ui.tr('themes.by_network')}**")
        ui.table(view.theme_results_table(by_network), hide_index=True, key="theme_results")
    names = dict(defined[["theme_id", "name"]].itertuples(index=False))
    pick, remove = st.columns([3, 1])
    doomed = pick.selectbox(
        ui.tr("themes.delete_pick"), list(names), format_func=names.get, key="theme_delete_pick"
    )
    if remove.button(ui.tr("themes.delete"), key="theme_delete"):
        ui.done(view.delete_theme(doomed), ui.tr("themes.deleted"))

    st.subheader(ui.tr("effort.title"))
    st.caption(
        ui.tr(
            "effort.rule",
            keep=ui.number(effort.KEEP_RATIO * 100),
            drop=ui.number(effort.DROP_RATIO * 100),
            entries=effort.MIN_ENTRIES,
        )
    )
    figure = st.selectbox(
        ui.tr("effort.figure"),
        effort.FIGURES,
        format_func=ui.labels_of(effort.FIGURES, "calendar.column.").get,
        key="effort_figure",
    )
    for group in effort.GROUPS:
        found = view.load_effort_by(group, date_from, date_to, figure)
        st.markdown(f"**{ui.tr(f'effort.by.{group}')}**")
        if found.empty:
            st.info(ui.tr("effort.none"))
        else:
            ui.table(view.effort_table(found, group), hide_index=True, key=f"effort_{group}")
