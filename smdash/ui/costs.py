"""The Costs page's glue: cached loaders, the costs entered and spent, in the user's words."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smdash import executive
from smdash.plan import costs
from smdash.plan.objectives import scope_name
from smdash.ui.runtime import lang, loader, number, tr, write

# cached loaders (see runtime.loader): each is called with the domain function's arguments
load_currency = loader(costs.currency)
load_manual_costs = loader(costs.manual_costs)
load_spend_by = loader(costs.spend_by)
load_spend_range = loader(costs.spend_range)
load_campaign_spend = loader(executive.campaign_spend)


def add_cost(
    month: dt.date | None,
    network: str,
    category: str,
    amount: float | None,
    description: str,
    campaign: str,
) -> str | None:
    return write(costs.add_cost, month, network, category, amount, description, campaign).error


def delete_cost(cost_id: int) -> str | None:
    return write(costs.delete_cost, cost_id).error


def network_name(network: str) -> str:
    return tr("costs.network.all") if network == costs.ALL else scope_name(network, lang())


def costs_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Costs (entered or grouped) with names in the user's language and readable headers."""
    shown = frame.drop(columns=[c for c in ("cost_id", "currency") if c in frame]).copy()
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
    for column in ("amount", "results", "cost_per_result", "conversions", "cost_per_conversion"):
        decimals = 0 if column in ("results", "conversions") else 2
        shown[column] = [
            "—" if pd.isna(value) else number(value, decimals) for value in shown[column]
        ]
    return costs_frame(shown)


def cost_label(row: dict, currency: str) -> str:
    amount = executive.money(row["amount"], lang(), currency, 2)
    month = executive.month_period(row["month"]).label(lang())
    what = row["description"] or tr(f"costs.category.{row['category']}")
    return f"{month} · {network_name(row['network'])} · {what} · {amount}"
