"""The UTM links and calendar page's glue: the link builder, calendar entries, results."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smdash.core.networks import SOCIAL_NETWORKS
from smdash.metrics import attribution
from smdash.plan import calendar, utm
from smdash.ui.networks import network_label
from smdash.ui.runtime import loader, number, said, tr, write

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
        out["networks"] = out["networks"].map(
            lambda names: ", ".join(network_label(n) for n in str(names).split(", "))
        )
    for column in ("sessions", "conversions", "entries"):
        if column in out.columns:
            out[column] = [number(v) for v in out[column]]
    if "revenue" in out.columns:
        out["revenue"] = [number(v, 2) for v in out["revenue"]]
    if "planned_at" in out.columns:
        out["planned_at"] = out["planned_at"].dt.strftime("%Y-%m-%d %H:%M")
    return out.rename(columns=lambda c: tr(f"links.column.{c}"))


def default_day(entries: pd.DataFrame) -> dt.date:
    """Today when the calendar has entries from today on, else the day of the last entry."""
    today = dt.date.today()
    if entries.empty or entries["planned_at"].max().date() >= today:
        return today
    return entries["planned_at"].max().date()


def weekday_names() -> list[str]:
    return [tr(f"links.weekday.{i}") for i in range(7)]
