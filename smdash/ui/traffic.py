"""The Traffic page's glue: cached loaders, filters, figures and tables, the hygiene writes."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from smdash.core.i18n import xlsx_money_format
from smdash.core.networks import NETWORKS
from smdash.core.periods import default_range
from smdash.core.spreadsheet import write_csv, write_xlsx
from smdash.metrics import attribution, traffic
from smdash.ui.networks import network_label, networks_label
from smdash.ui.runtime import (
    ahead_of_visits,
    currency,
    date_format,
    flash,
    labels_of,
    lang,
    loader,
    money,
    money_column,
    number,
    tr,
    write,
)

# cached loaders (see runtime.loader): each is called with the domain function's arguments
load_web_range = loader(traffic.web_range)
load_networks = loader(traffic.networks_in_data)
load_totals = loader(traffic.totals)
load_over_time = loader(traffic.over_time)
load_paid_organic = loader(traffic.paid_organic)
load_comparison = loader(traffic.comparison)
load_by_campaign = loader(traffic.by_campaign)
load_campaign_networks = loader(traffic.campaign_networks)
load_untagged_social = loader(traffic.untagged_social)
load_untagged_share = loader(traffic.untagged_share)
load_channel_group_sessions = loader(traffic.channel_group_sessions)
load_near_duplicates = loader(traffic.near_duplicate_campaigns)
load_merges = loader(traffic.campaign_merges)
load_unknown_sources = loader(attribution.unknown_sources)
load_aliases = loader(attribution.alias_table)


DEFAULT_GRAIN = traffic.GRAINS[1]


def default_filters(first: dt.date, last: dt.date) -> traffic.Filters:
    """What the filter bar shows at first: the default dates, every network, paid and organic."""
    return traffic.Filters(*default_range(first, last), (), None)


@ahead_of_visits(place=2)
def _traffic_ahead(read) -> None:
    """The figures, the note and the Over time tab of the filter bar's first choices."""
    first, last = read(load_web_range)
    if last is None:
        return
    filters = default_filters(first, last)
    read(load_networks)
    read(load_totals, filters)
    read(load_totals, filters.previous())
    read(load_channel_group_sessions, filters)
    read(load_over_time, filters, DEFAULT_GRAIN)
    read(load_paid_organic, filters)


def filter_bar(first: dt.date, last: dt.date) -> tuple[traffic.Filters, str] | None:
    """Period, grain, networks and paid / organic; None while the period is half chosen."""
    defaults = default_filters(first, last)
    left, middle, right = st.columns([2, 3, 2])
    period = left.date_input(
        tr("traffic.period"),
        value=(defaults.date_from, defaults.date_to),
        min_value=first,
        max_value=last,
        key="traffic_period",
        format=date_format(),
    )
    names = labels_of(NETWORKS, "network.")
    networks = middle.multiselect(
        tr("traffic.networks"),
        load_networks(),
        format_func=names.get,
        key="traffic_networks",
        placeholder=tr("traffic.all_networks"),
    )
    paid = right.radio(
        tr("traffic.paid_filter"),
        ("all", "paid", "organic"),
        format_func=labels_of(("all", "paid", "organic"), "traffic.paid_").get,
        horizontal=True,
        key="traffic_paid",
    )
    grain = st.radio(
        tr("traffic.grain"),
        traffic.GRAINS,
        index=traffic.GRAINS.index(DEFAULT_GRAIN),
        format_func=labels_of(traffic.GRAINS, "traffic.grain_").get,
        horizontal=True,
        key="traffic_grain",
    )
    if len(period) != 2:
        return None
    flag = {"all": None, "paid": True, "organic": False}[paid]
    return traffic.Filters(period[0], period[1], tuple(networks), flag), grain


def channel_group_note(filters: traffic.Filters) -> None:
    """Say so when some of the period's traffic came by channel group, without its network."""
    sessions = load_channel_group_sessions(filters)
    if sessions:
        st.info(tr("traffic.channel_group_note", sessions=number(sessions)))


def percent(value: float | None, decimals: int = 1) -> str:
    return "—" if value is None or pd.isna(value) else f"{number(value * 100, decimals)} %"


def change(now: float | None, before: float | None) -> str | None:
    """'+12.5 %' against the previous period, None when there is nothing to compare."""
    if now is None or not before:
        return None
    value = (now - before) / before * 100
    return ("+" if value >= 0 else "") + f"{number(value, 1)} %"


def headline(now: dict, before: dict) -> None:
    figures = [
        ("sessions", number),
        ("engaged_sessions", number),
        ("engagement_rate", percent),
        ("conversions", number),
        ("conversion_rate", lambda v: percent(v, 2)),
        ("revenue", lambda v: money(v, 0)),
        ("social_share", percent),
    ]
    for column, (figure, shown) in zip(st.columns(len(figures)), figures, strict=True):
        column.metric(
            tr(f"traffic.figure.{figure}"),
            shown(now[figure]),
            change(now[figure], before[figure]),
            help=tr(f"traffic.help.{figure}"),
        )


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["network_label"] = frame["network"].map(network_label)
    return frame


def figure_labels() -> dict[str, str]:
    keys = (*traffic.FIGURES, *traffic.RATES)
    labels = {k: tr(f"traffic.figure.{k}") for k in keys}
    labels["revenue"] = money_column(labels["revenue"])  # the chart's axis says the currency
    return labels | {
        "period": tr("traffic.column.period"),
        "network": tr("traffic.column.network"),
        "kind": tr("traffic.column.kind"),
        "campaign": tr("traffic.column.campaign"),
    }


_COUNTS = ("sessions", "engaged_sessions", "conversions", "entries")
_RATES = ("engagement_rate", "conversion_rate", "share", "network_share")


def shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for the screen: numbers formatted in the user's language, headers translated."""
    out = frame.copy()
    for column in out.columns:
        base = column.removesuffix("_previous")
        if column.endswith("_change"):
            out[column] = [percent(v) for v in out[column]]
        elif base == "revenue":
            out[column] = [money(v) for v in out[column]]
        elif base in _COUNTS or column == "paid_sessions":
            out[column] = [number(v) for v in out[column]]
        elif base in _RATES:
            out[column] = [percent(v) for v in out[column]]
    if "network" in out.columns:
        out["network"] = out["network"].map(network_label)
    if "networks" in out.columns:
        out["networks"] = out["networks"].map(networks_label)
    if "paid" in out.columns:
        out["paid"] = out["paid"].map(paid_label)
    return out.rename(columns=column_title)


def paid_label(paid) -> str:
    if paid is None or pd.isna(paid):
        return tr("traffic.alias_paid_medium")
    return tr("traffic.paid_paid" if paid else "traffic.paid_organic")


def column_title(column: str) -> str:
    for suffix in ("_previous", "_change"):
        if column.endswith(suffix):
            base = column.removesuffix(suffix)
            return f"{column_title(base)} ({tr('traffic.column.' + suffix)})"
    return tr(f"traffic.column.{column}")


def download_title(column: str) -> str:
    """A download's header: the screen's, with the currency on amounts (``Revenue (€)``)."""
    title = column_title(column)
    return money_column(title) if column.startswith("revenue") else title


def for_download(frame: pd.DataFrame) -> pd.DataFrame:
    """Raw numbers (rates as fractions), network names and headers translated."""
    out = frame.copy()
    if "network" in out.columns:
        out["network"] = out["network"].map(network_label)
    return out.rename(columns=download_title)


def money_formats(frame: pd.DataFrame) -> dict[str, str]:
    """The XLSX number format of each amount column of a download, by its header."""
    code = xlsx_money_format(lang(), currency())
    revenue = [c for c in frame.columns if c.startswith("revenue") and not c.endswith("_change")]
    return {download_title(column): code for column in revenue}


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    table = for_download(frame)
    left, right = st.columns(2)
    left.download_button(
        tr("traffic.download_csv"),
        partial(write_csv, table),  # made when clicked, not on every run
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
    )
    right.download_button(
        tr("traffic.download_xlsx"),
        partial(write_xlsx, {name: table}, money_formats(frame)),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )


def save_alias(source: str, network: str, paid: str) -> None:
    """Store a mapping; the outcome is flashed for the next run."""
    flag = {"medium": None, "paid": True, "organic": False}[paid]
    alias, error = write(attribution.save_alias, source, network, flag)
    if error:
        flash("error", error)
    else:
        flash("success", tr("traffic.alias_saved", source=alias, network=network_label(network)))


def delete_alias(alias: str) -> str | None:
    return write(attribution.delete_alias, alias).error


def merge(names: list[str], into: str) -> str | None:
    """Merge campaign spellings; returns an error text or None."""
    if len(names) < 2 and (not names or names[0] == into):
        return tr("traffic.merge_pick_two")
    return write(traffic.merge_campaigns, names, into).error


def unmerge(alias: str) -> str | None:
    return write(traffic.unmerge_campaign, alias).error
