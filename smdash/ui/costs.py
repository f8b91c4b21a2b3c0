"""The Costs page's glue: cached loaders, the costs entered and spent, in the user's words."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smdash import executive
from smdash.plan import costs
from smdash.plan.objectives import scope_name
from smdash.ui import forms
from smdash.ui.runtime import lang, loader, money, number, tr, write

# cached loaders (see runtime.loader): each is called with the domain function's arguments
load_manual_costs = loader(costs.manual_costs)
load_spend_by = loader(costs.spend_by)
load_spend_range = loader(costs.spend_range)
load_campaign_spend = loader(executive.campaign_spend)


FORM = "cost"  # the new cost's widgets: cost_month, cost_network ... (forms.widget_key)


def cost_form(first_month: dt.date) -> dict[str, object]:
    """A new cost's first values (the month: ``first_month``), given to its widgets through
    the session (forms.start); returned for the Add button's callback."""
    defaults = {
        "month": first_month,
        "network": costs.NETWORKS[0],
        "category": costs.CATEGORIES[0],
        "amount": None,
        "description": "",
        "campaign": "",
    }
    forms.start(FORM, defaults)
    return defaults


def add_cost(defaults: dict[str, object]) -> None:
    """The Add button's callback: the cost the form holds, stored; the form emptied once it is,
    kept as typed when refused."""
    get = lambda field: forms.value(FORM, field)  # noqa: E731
    month, amount = get("month"), get("amount")
    added = tr(
        "costs.added",
        amount=money(amount),
        month=executive.month_period(month or dt.date.today()).label(lang()),
    )
    fields = (get("network"), get("category"), amount, get("description"), get("campaign"))
    forms.written(FORM, defaults, added, costs.add_cost, month, *fields)


def delete_cost(cost_id: int) -> str | None:
    return write(costs.delete_cost, cost_id).error


def network_name(network: str) -> str:
    return tr("costs.network.all") if network == costs.ALL else scope_name(network, lang())


MONEY = ("amount", "cost_per_result", "cost_per_conversion")


def costs_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Costs (entered or grouped) with names in the user's language, amounts with the
    workspace's currency and readable headers."""
    shown = frame.drop(columns=[c for c in ("cost_id", "currency") if c in frame]).copy()
    for column in MONEY:
        if column in shown and not pd.api.types.is_string_dtype(shown[column]):
            shown[column] = [money(value) for value in shown[column]]
    if "network" in shown:
        shown["network"] = [network_name(n) for n in shown["network"]]
    if "category" in shown:
        shown["category"] = [tr(f"costs.category.{c}") for c in shown["category"]]
    if "month" in shown:
        shown["month"] = [executive.month_period(m).label(lang()) for m in shown["month"]]
    return shown.rename(columns={c: tr(f"costs.column.{c}") for c in shown.columns})


def campaign_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Spend per campaign beside the conversions Traffic credits it with; a missing figure is
    a dash, never "None"."""
    shown = frame.copy()
    for column in ("results", "conversions"):
        shown[column] = [None if pd.isna(value) else number(value) for value in shown[column]]
    return costs_frame(shown).fillna("—")


def spend_by_month(by_month: pd.DataFrame) -> pd.DataFrame:
    """Spend per month (newest first) and network, amounts with the currency, "—" for none."""
    wide = by_month.pivot_table(index="month", columns="network", values="amount", aggfunc="sum")
    wide = wide.rename(columns=network_name).sort_index(ascending=False)
    wide.index = [executive.month_period(m).label(lang()) for m in wide.index]
    return wide.map(money)


def cost_label(row: dict) -> str:
    amount = money(row["amount"])
    month = executive.month_period(row["month"]).label(lang())
    what = row["description"] or tr(f"costs.category.{row['category']}")
    return f"{month} · {network_name(row['network'])} · {what} · {amount}"
