"""The interpretation (strengths, weaknesses, opportunities), pre-filled from the data."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from smdash.core.i18n import format_number, t
from smdash.metrics import summary
from smdash.plan import objectives
from smdash.review.cycles import Cycle
from smdash.review.evidence import cycle_as_of, number_or_none, short_label
from smdash.review.sharing import shared_note
from smdash.review.terms import (
    ACTION,
    OBJECTIVE,
    OPPORTUNITIES_SHOWN,
    OPPORTUNITY_FIGURES,
    OPPORTUNITY_MIN_BASE,
)

GOOD_RULES = ("achieved", "on_track")
WEAK_RULES = ("behind", "stalled", "cost_worse", "no_data")


def _share(value: float | None, lang: str) -> str:
    return "—" if value is None or pd.isna(value) else f"{format_number(value * 100, lang)} %"


def _objective_line(row, lang: str) -> str:
    params = {
        "label": short_label(row.label),
        "progress": _share(row.progress, lang),
        "elapsed": _share(row.expected, lang),
        "status": t(f"objectives.status.{row.status}", lang),
        "now": format_number(number_or_none(row.cost_per_result), lang, 2),
        "before": format_number(number_or_none(row.previous_cost_per_result), lang, 2),
    }
    return t(f"review.draft.{row.rule}", lang, **params)


def _best_line(row, lang: str) -> str:
    line = t(
        "review.draft.action_best",
        lang,
        label=short_label(row.label),
        result=format_number(row.result, lang),
        kind=t(f"review.result.{row.result_kind}", lang),
    )
    note = shared_note(row.shared_with, row.shared_result, row.result, lang)
    return f"{line[:-1]} ({note})." if note and line.endswith(".") else line


def _action_lines(frame: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """(the action with the most results of each kind, the actions without results)."""
    done = frame[(frame["kind"] == ACTION) & (frame["result"] > 0)]
    best = done.sort_values("result", ascending=False).drop_duplicates("result_kind")
    good = [_best_line(row, lang) for row in best.itertuples()]
    missing = frame[(frame["kind"] == ACTION) & (frame["rule"] == "no_results")]
    weak = [
        t("review.draft.no_results", lang, label=short_label(row.label))
        for row in missing.itertuples()
    ]
    return good, weak


def growth(con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date) -> pd.DataFrame:
    """Per social network and figure (``OPPORTUNITY_FIGURES``): the period, the same length
    before it, and the relative change; largest growth first, only figures that grew."""
    length = date_to - date_from + dt.timedelta(days=1)
    now = summary.summary(con, date_from, date_to)["networks"]
    before = summary.summary(con, date_from - length, date_from - dt.timedelta(1))["networks"]
    rows = [
        (network, figure, before[network][figure], figures[figure])
        for network, figures in now.items()
        if network in objectives.SCOPES and network in before
        for figure in OPPORTUNITY_FIGURES
        if figures[figure] and (before[network][figure] or 0) >= OPPORTUNITY_MIN_BASE
    ]
    frame = pd.DataFrame(rows, columns=["network", "figure", "previous", "current"])
    frame["change"] = frame["current"] / frame["previous"] - 1
    return frame[frame["change"] > 0].sort_values("change", ascending=False, kind="stable")


def interpretation_draft(
    con: duckdb.DuckDBPyConnection, cycle: Cycle, frame: pd.DataFrame, lang: str
) -> dict[str, str]:
    """Strengths, weaknesses and opportunities written from the evidence, for the CM to edit."""
    goals = frame[frame["kind"] == OBJECTIVE]
    good_actions, weak_actions = _action_lines(frame, lang)
    lines = {
        "strengths": [_objective_line(r, lang) for r in goals.itertuples() if r.rule in GOOD_RULES]
        + good_actions,
        "weaknesses": [_objective_line(r, lang) for r in goals.itertuples() if r.rule in WEAK_RULES]
        + weak_actions,
        "opportunities": [],
    }
    as_of = cycle_as_of(con, cycle)
    if as_of is not None and as_of >= cycle.date_from:
        for row in growth(con, cycle.date_from, as_of).head(OPPORTUNITIES_SHOWN).itertuples():
            lines["opportunities"].append(
                t(
                    "review.draft.growth",
                    lang,
                    figure=t(f"figure.{row.figure}", lang),
                    network=t(f"network.{row.network}", lang),
                    change=f"+{format_number(row.change * 100, lang)} %",
                    before=format_number(row.previous, lang),
                    now=format_number(row.current, lang),
                )
            )
    return {
        section: "\n".join(f"- {line}" for line in found) or t(f"review.draft.none.{section}", lang)
        for section, found in lines.items()
    }
