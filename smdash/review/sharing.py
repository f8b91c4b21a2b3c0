"""Results and costs that several actions claim, in words: "shared with A6", and totals counted
once. A campaign's costs are not split between the actions of the campaign (nothing in the data
says which action spent what): each shows them, marked as shared, and every total over the
actions (the review's, an objective's cost) counts them once, as the Costs page does. An
action's own cost is its own."""

from __future__ import annotations

import pandas as pd

from smdash.core.i18n import format_money, format_number, t
from smdash.plan.actions import CostTotals, shared_ids


def action_names(ids: list[int], lang: str) -> str:
    """A6, A8"""
    prefix = t("review.action_prefix", lang)
    return ", ".join(f"{prefix}{i}" for i in ids)


def shared_note(shared_with, shared_result, result, lang: str) -> str:
    """'' when the result is the action's alone; "shared with A6" when all of it is shared;
    "15 of them shared with A6" when a part is."""
    ids = shared_ids(shared_with)
    if not ids or shared_result is None or pd.isna(shared_result):
        return ""
    names = action_names(ids, lang)
    if result is not None and not pd.isna(result) and shared_result < result:
        return t(
            "attribution.shared_part",
            lang,
            shared=format_number(shared_result, lang),
            actions=names,
        )
    return t("attribution.shared_all", lang, actions=names)


def totals_note(totals: pd.DataFrame, lang: str) -> str:
    """What the actions brought together, each result counted once, and what the rows add up
    to when they share results; '' without results."""
    if totals.empty:
        return ""

    def amounts(column: str) -> str:
        return ", ".join(
            f"{format_number(value, lang)} {t(f'review.result.{kind}', lang)}"
            for kind, value in zip(totals["result_kind"], totals[column], strict=True)
        )

    text = t("attribution.totals", lang, results=amounts("total"))
    if (totals["claimed"] > totals["total"]).any():
        text += " " + t("attribution.totals_shared", lang, claimed=amounts("claimed"))
    return text


def shared_cost_note(cost_shared_with, shared_cost, cost, lang: str, currency: str) -> str:
    """'' when the cost is the action's alone; "shared with A6" when all of it is shared;
    "€150.00 of it shared with A6" when a part is."""
    ids = shared_ids(cost_shared_with)
    if not ids or shared_cost is None or pd.isna(shared_cost):
        return ""
    names = action_names(ids, lang)
    if cost is not None and not pd.isna(cost) and round(shared_cost, 2) < round(cost, 2):
        shared = format_money(shared_cost, lang, currency)
        return t("attribution.cost_shared_part", lang, shared=shared, actions=names)
    return t("attribution.shared_all", lang, actions=names)


def cost_totals_note(totals: CostTotals, lang: str, currency: str) -> str:
    """What the actions cost together, each cost counted once, and what the rows add up to when
    they share a campaign's costs; '' without costs."""
    if totals.total is None:
        return ""
    text = t("attribution.cost_totals", lang, total=format_money(totals.total, lang, currency))
    if totals.claimed is not None and round(totals.claimed, 2) > round(totals.total, 2):
        claimed = format_money(totals.claimed, lang, currency)
        text += " " + t("attribution.cost_totals_shared", lang, claimed=claimed)
    return text
