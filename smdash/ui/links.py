"""The UTM links and calendar page's glue: the link builder, calendar entries, results."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from smdash.core.networks import SOCIAL_NETWORKS
from smdash.metrics import attribution
from smdash.plan import calendar, effort, matching, themes, utm
from smdash.ui.best_times import OUTSIDE_MARK, outside_flags
from smdash.ui.networks import network_label, networks_label
from smdash.ui.runtime import (
    date,
    date_time,
    date_time_pattern,
    loader,
    money,
    number,
    plain,
    said,
    tr,
    write,
)

LINK_NETWORKS = (*SOCIAL_NETWORKS, "email")

# cached loaders (see runtime.loader): each is called with the domain function's arguments
load_usual_sources = loader(attribution.usual_sources)
load_alias_map = loader(attribution.aliases)
load_entries = loader(calendar.entries)
load_entry_results = loader(calendar.entry_results)
load_campaign_results = loader(calendar.campaign_results)


def link_preview(url: str, network: str, tags) -> tuple[str | None, str | None, list[str]]:
    """(link, error text, warnings) for the builder as it is filled in."""
    try:
        link = utm.build_link(url, tags)
    except utm.LinkError as error:
        return None, said(error), []
    warning = utm.source_warning(
        tags.source, tags.medium, network, load_usual_sources(), load_alias_map()
    )
    warnings = []
    if warning:
        key, values = warning
        values = {
            k: network_label(v) if k in ("network", "landed") else v for k, v in values.items()
        }
        warnings.append(tr(key, **values))
    return link, None, warnings


ENTRY_SAVED = "entry_saved"  # what the calendar's add form said after a save, for the next run


def save_entry(entry: calendar.Entry) -> str | None:
    return write(calendar.add_entry, entry).error


def set_status(entry_id: int, status: str) -> str | None:
    return write(calendar.set_status, entry_id, status).error


def delete_entry(entry_id: int) -> str | None:
    return write(calendar.delete_entry, entry_id).error


def calendar_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Entries or results for the screen: statuses, networks and numbers in the language."""
    out = frame.copy()
    if "status" in out.columns:
        out["status"] = out["status"].map(lambda s: tr(f"links.status.{s}"))
    if "network" in out.columns:
        out["network"] = out["network"].map(network_label)
    if "networks" in out.columns:
        out["networks"] = out["networks"].map(networks_label)
    for column in ("sessions", "conversions", "entries"):
        if column in out.columns:
            out[column] = [number(v) for v in out[column]]
    if "revenue" in out.columns:
        out["revenue"] = [money(v) for v in out["revenue"]]
    if "planned_at" in out.columns:
        out["planned_at"] = [date_time(v) for v in out["planned_at"]]
    for column in ("first_day", "last_day", "first_entry", "last_entry"):
        if column in out.columns:  # days, without a time of 00:00:00
            out[column] = ["—" if pd.isna(v) else date(v.date()) for v in out[column]]
    return out.rename(columns=lambda c: tr(f"links.column.{c}"))


def default_day(entries: pd.DataFrame) -> dt.date:
    """Today when the calendar has entries from today on, else the day of the last entry."""
    today = dt.date.today()
    if entries.empty or entries["planned_at"].max().date() >= today:
        return today
    return entries["planned_at"].max().date()


def weekday_names() -> list[str]:
    return [tr(f"links.weekday.{i}") for i in range(7)]


# ---------------------------------------------------------------------------------------------
# The calendar a person reads: month and week grids, each network in its colour, today marked,
# weeks from Monday; an entry's button opens it in the edit form below the grid.

# Streamlit's Markdown colours (the badges of the grid and the legend)
NETWORK_COLOURS = {
    "facebook": "blue",
    "instagram": "violet",
    "linkedin": "green",
    "x": "gray",
    "tiktok": "red",
    "youtube": "orange",
    "email": "yellow",
}
EDITING = "calendar_entry"  # the entry picked for editing: the picker's own key

load_themes = loader(themes.themes)
load_entry_posts = loader(matching.entry_posts)
load_unplanned = loader(matching.unplanned_posts)
load_theme_shares = loader(themes.theme_shares)
load_results_by_theme = loader(themes.results_by_theme)
load_effort_by = loader(effort.effort_by)


def colour(network: str) -> str:
    return NETWORK_COLOURS.get(network, "gray")


def badge(network: str, text: str) -> str:
    return f":{colour(network)}-badge[{plain(text)}]"


def legend(networks) -> str:
    return " ".join(badge(n, network_label(n)) for n in networks)


def _pick(entry_id: int) -> None:
    st.session_state[EDITING] = entry_id


def _entry_button(row, outside: bool | None) -> None:
    """An entry as its time in its network's colour and its topic, marked when planned outside
    the network's best times."""
    mark = f"{OUTSIDE_MARK} " if outside else ""
    label = f"{badge(row.network, f'{row.planned_at:%H:%M}')} {mark}{plain(row.topic)}"
    st.button(
        label,
        key=f"calendar_open_{row.entry_id}",
        type="tertiary",
        help=f"{network_label(row.network)} · {tr(f'links.status.{row.status}')}",
        on_click=_pick,
        args=(int(row.entry_id),),
    )


def _day_cell(day: dt.date, rows: list, today: dt.date, outside: dict) -> None:
    with st.container(border=True):
        if day == today:
            st.markdown(f":primary-badge[{day.day} · {tr('calendar.today')}]")
        else:
            st.markdown(f"**{day.day}**")
        for row in rows:
            _entry_button(row, outside.get(row.entry_id))


def calendar_grid(shown: pd.DataFrame, weeks: list[list[dt.date]], month: int | None) -> None:
    """The weeks as rows of seven boxes (Monday first); days outside ``month`` left empty."""
    by_day: dict[dt.date, list] = {}
    for row in shown.itertuples():
        by_day.setdefault(row.planned_at.date(), []).append(row)
    outside = dict(zip(shown["entry_id"], outside_flags(shown), strict=True))
    today = dt.date.today()
    for column, name in zip(st.columns(7), weekday_names(), strict=True):
        column.markdown(f"**{name}**")
    for week in weeks:
        for column, day in zip(st.columns(7), week, strict=True):
            with column:
                if month is None or day.month == month:
                    _day_cell(day, by_day.get(day, []), today, outside)


def update_entry(entry_id: int, entry: calendar.Entry) -> str | None:
    return write(calendar.update_entry, entry_id, entry).error


def set_post_theme(platform: str, post_id: str, theme_id: int | None) -> str | None:
    return write(themes.set_post_theme, platform, post_id, theme_id).error


def add_theme(name: str, share_percent: float | None) -> str | None:
    share = None if share_percent is None else share_percent / 100
    return write(themes.add_theme, name, share).error


def delete_theme(theme_id: int) -> str | None:
    return write(themes.delete_theme, theme_id).error


def _share(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{number(value * 100, 1)} %"


def _figure(value, decimals: int = 0) -> str:
    return "—" if value is None or pd.isna(value) else number(value, decimals)


def entry_posts_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Each entry with the post it became: how it was matched and what it brought."""
    return pd.DataFrame(
        {
            tr("links.column.planned_at"): frame["planned_at"].dt.strftime(date_time_pattern()),
            tr("links.column.network"): frame["network"].map(network_label),
            tr("links.column.topic"): frame["topic"],
            tr("calendar.column.method"): [
                tr(f"calendar.method.{m}") if isinstance(m, str) else tr("calendar.not_found")
                for m in frame["method"]
            ],
            tr("calendar.column.published_at"): [
                "" if pd.isna(v) else date_time(v) for v in frame["published_at"]
            ],
            tr("calendar.column.reach"): [_figure(v) for v in frame["reach"]],
            tr("calendar.column.engagements"): [_figure(v) for v in frame["engagements"]],
            tr("calendar.column.engagement_rate"): [_share(v) for v in frame["engagement_rate"]],
            tr("calendar.column.permalink"): frame["permalink"].fillna(""),
        }
    )


def unplanned_table(frame: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("calendar.column.published_at"): frame["published_at"].dt.strftime(
                date_time_pattern()
            ),
            tr("links.column.network"): frame["platform"].map(network_label),
            tr("calendar.column.text"): frame["text"].fillna("").str.slice(0, 120),
            tr("calendar.column.reach"): [_figure(v) for v in frame["reach"]],
            tr("calendar.column.engagements"): [_figure(v) for v in frame["engagements"]],
            tr("calendar.column.theme"): [
                names.get(int(v), "") if not pd.isna(v) else "" for v in frame["theme_id"]
            ],
            tr("calendar.column.permalink"): frame["permalink"].fillna(""),
        }
    )


def shares_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("calendar.column.theme"): frame["theme"],
            tr("calendar.column.entries"): frame["entries"].astype(int),
            tr("themes.column.planned_share"): [_share(v) for v in frame["planned_share"]],
            tr("themes.column.target_share"): [_share(v) for v in frame["target_share"]],
            tr("themes.column.results_share"): [_share(v) for v in frame["results_share"]],
            tr("themes.column.use"): [
                tr(f"themes.use.{u}") if isinstance(u, str) else "—" for u in frame["use"]
            ],
        }
    )


def theme_results_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("calendar.column.theme"): frame["theme"],
            tr("links.column.network"): frame["network"].map(network_label),
            tr("themes.column.posts"): frame["posts"].astype(int),
            tr("calendar.column.reach"): [_figure(v) for v in frame["reach"]],
            tr("calendar.column.engagements"): [_figure(v) for v in frame["engagements"]],
            tr("calendar.column.engagement_rate"): [_share(v) for v in frame["engagement_rate"]],
        }
    )


def effort_table(frame: pd.DataFrame, group: str) -> pd.DataFrame:
    names = (
        frame[group].map(lambda v: tr(f"calendar.type.{v}"))
        if group == "piece_type"
        else frame[group]
    )
    return pd.DataFrame(
        {
            tr(f"calendar.column.{group}"): names,
            tr("calendar.column.entries"): frame["entries"].astype(int),
            tr("calendar.column.hours_estimated"): [
                _figure(v, 1) for v in frame["hours_estimated"]
            ],
            tr("calendar.column.hours_spent"): [_figure(v, 1) for v in frame["hours_spent"]],
            tr("effort.column.measured"): frame["measured"].astype(int),
            tr("effort.column.results"): [_figure(v) for v in frame["results"]],
            tr("effort.column.per_hour"): [_figure(v, 1) for v in frame["per_hour"]],
            tr("effort.column.verdict"): [
                tr(f"review.decision.{v}") if isinstance(v, str) else tr("effort.too_few")
                for v in frame["verdict"]
            ],
        }
    )
