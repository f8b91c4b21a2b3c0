"""Best times to post, on the UTM links and calendar page: the heatmap tab, the suggested slots
above the add-entry form, and the mark on entries planned outside the best times."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from smdash.metrics import best_times, time_zone
from smdash.metrics.best_times import Scope
from smdash.reports.best_times_charts import FIGURE_KEYS, NAME_KEYS, heatmap, heatmap_data
from smdash.ui.accounts import one_of
from smdash.ui.networks import network_label
from smdash.ui.runtime import altair_chart, date, done, labels_by, lang, loader, tr, write

OUTSIDE_MARK, AT_BEST_MARK = "⚠", "✓"
ENTRY_DATE, ENTRY_TIME = "entry_date", "entry_time"  # the add-entry form's date and time inputs

TYPE_KEYS = {
    "reel": "best_times.type.reel",
    "photo": "best_times.type.photo",
    "video": "best_times.type.video",
    "carousel": "best_times.type.carousel",
    "text": "best_times.type.text",
    "link": "best_times.type.link",
    "other": "best_times.type.other",
}

load_networks = loader(best_times.networks)
load_cells = loader(best_times.cells)
load_best = loader(best_times.best)
load_post_types = loader(best_times.post_types)
load_accounts = loader(best_times.accounts)
load_zone = loader(time_zone.workspace_zone)
load_zone_names = loader(time_zone.zone_names)
load_outside = loader(best_times.outside_best)


def section() -> None:
    """The Best times tab: the rule, the choices, the best times and the heatmap."""
    zone = load_zone()
    st.caption(
        tr("best_times.rule", posts=best_times.MIN_POSTS, best=best_times.BEST_COUNT, zone=zone)
    )
    found = load_networks()
    timed = [n for n, has_times in found.items() if has_times]
    dated = [n for n, has_times in found.items() if not has_times]
    if dated:
        st.info(tr("best_times.dates_only", networks=", ".join(map(network_label, dated))))
    if not timed:
        st.info(tr("best_times.no_posts"))
        _zone_setting(zone)
        return
    scope = _choices(timed)
    cells, best = load_cells(scope), load_best(scope)
    if not cells:
        st.info(tr("best_times.no_figure", network=network_label(scope.network)))
    else:
        st.markdown(f"**{tr('best_times.best_title')}**")
        st.dataframe(best_table(best, scope.figure), hide_index=True, key="best_times_best")
        altair_chart(heatmap(cells, best, scope.figure, lang()), key="best_times_heatmap")
    _zone_setting(zone)


def _choices(networks: list[str]) -> Scope:
    network_col, figure_col, account_col, type_col = st.columns(4)
    network = network_col.selectbox(
        tr("links.network"),
        networks,
        format_func=labels_by(networks, network_label),
        key="best_times_network",
    )
    figure = figure_col.selectbox(
        tr("best_times.figure"),
        best_times.FIGURES,
        format_func={f: tr(key) for f, key in FIGURE_KEYS.items()}.get,
        key="best_times_figure",
    )
    account = one_of(account_col, load_accounts(network), f"best_times_account_{network}")
    types = load_post_types(Scope(network, account))
    post_type = None
    if types:
        labels = {k: f"{tr(TYPE_KEYS[k])} ({n})" for k, n in types.items()}
        labels = {"": tr("best_times.all_types"), **labels}
        post_type = (
            type_col.selectbox(
                tr("best_times.post_type"),
                list(labels),
                format_func=labels.get,
                key=f"best_times_type_{network}",
            )
            or None
        )
    return Scope(network, account, post_type, figure)


def best_table(best: list[best_times.Cell], figure: str) -> pd.DataFrame:
    """The best times, best first: rank, day, hour, posts and the median as shown."""
    shown = heatmap_data(best, best, figure, lang())
    columns = {name: tr(key) for name, key in NAME_KEYS.items()}
    columns["shown"] = tr(FIGURE_KEYS[figure])
    return shown[["best", "day", "hour", "posts", "shown"]].rename(columns=columns)


def _zone_setting(zone: str) -> None:
    with st.expander(tr("best_times.zone_title", zone=zone)):
        st.caption(tr("best_times.zone_help"))
        names = load_zone_names()
        chosen = st.selectbox(
            tr("best_times.zone"), names, index=names.index(zone), key="best_times_zone"
        )
        if st.button(tr("best_times.zone_save"), key="best_times_zone_save"):
            error = write(time_zone.set_workspace_zone, chosen).error
            done(error, tr("best_times.zone_saved", zone=chosen))


def suggested_slots(network: str) -> None:
    """The network's next best times as buttons that fill the add-entry form's date and time."""
    now = time_zone.now_in(load_zone())
    slots = best_times.next_slots(load_best(Scope(network)), now)
    if not slots:
        st.caption(
            tr("best_times.no_slots", network=network_label(network), posts=best_times.MIN_POSTS)
        )
        return
    st.caption(tr("best_times.slots_intro", network=network_label(network)))
    for column, slot in zip(st.columns(len(slots)), slots, strict=False):
        column.button(
            slot_label(slot.at),
            key=f"best_times_slot_{slot.at:%Y%m%d%H}",
            on_click=_fill_entry,
            args=(slot.at,),
            icon=":material/schedule:",
        )


def slot_label(at: dt.datetime) -> str:
    return f"{tr(f'links.weekday.{at.weekday()}')} {date(at.date())} {at:%H:%M}"


def _fill_entry(at: dt.datetime) -> None:
    st.session_state[ENTRY_DATE] = at.date()
    st.session_state[ENTRY_TIME] = at.time()


def mark_column(entries: pd.DataFrame) -> dict[int, str]:
    """Per entry id: the mark when planned outside the network's best times, a tick at one of
    them, '' when the network has none yet."""
    flags = outside_flags(entries)
    return {
        entry_id: {True: OUTSIDE_MARK, False: AT_BEST_MARK}.get(flag, "")
        for entry_id, flag in zip(entries["entry_id"], flags, strict=True)
    }


def outside_flags(entries: pd.DataFrame) -> list[bool | None]:
    planned = [
        (network, at.to_pydatetime())
        for network, at in zip(entries["network"], entries["planned_at"], strict=True)
    ]
    return load_outside(planned)
