"""Results that several actions claim, in words: "shared with A6", and totals counted once."""

from __future__ import annotations

import pandas as pd

from smdash.core.i18n import format_number, t
from smdash.plan.actions import shared_ids


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
