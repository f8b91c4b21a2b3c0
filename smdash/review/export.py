"""A saved review as an XLSX workbook."""

from __future__ import annotations

import duckdb
import pandas as pd

from smdash.core.i18n import format_date, t
from smdash.core.spreadsheet import write_xlsx
from smdash.plan import objectives
from smdash.plan.actions import shared_ids
from smdash.review.cycles import get_cycle
from smdash.review.decisions import get_review, review_items
from smdash.review.rules import rule_params, rules_in_words
from smdash.review.sharing import action_names
from smdash.review.terms import ACTION, OBJECTIVE, SECTIONS

OBJECTIVE_SHEET = (
    "item_id", "label", "kpi", "scope", "baseline", "target", "achieved", "progress", "expected",
    "status", "trend", "stalled_periods", "forecast", "needed_per_week", "result", "cost",
    "cost_per_result", "previous_cost_per_result", "suggested", "rule", "decision", "reason",
    "new_target",
)  # fmt: skip
ACTION_SHEET = (
    "item_id", "objective_id", "label", "scope", "status", "result", "result_kind",
    "shared_result", "shared_with", "cost",
    "cost_per_result", "previous_cost_per_result", "hours", "result_per_hour", "suggested",
    "rule", "decision", "reason",
)  # fmt: skip
_PERCENT_COLUMNS = ("progress", "expected", "trend")


def _sheet(items: pd.DataFrame, kind: str, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    rows = items[items["kind"] == kind][list(columns)].copy()
    for column in _PERCENT_COLUMNS:
        if column in rows:
            rows[column] = (rows[column] * 100).round(1)
    words = {
        "kpi": lambda v: t(f"kpis.name.{v}", lang),
        "scope": lambda v: objectives.scope_name(v, lang),
        "status": lambda v: t(f"review.item_status.{v}", lang),
        "result_kind": lambda v: t(f"review.result.{v}", lang),
        "shared_with": lambda v: action_names(shared_ids(v), lang) or None,
        "suggested": lambda v: t(f"review.decision.{v}", lang),
        "decision": lambda v: t(f"review.decision.{v}", lang),
        "rule": lambda v: t(f"review.rule_name.{kind}.{v}", lang),
    }
    for column, word in words.items():
        if column in rows:
            rows[column] = [None if pd.isna(v) else word(v) for v in rows[column]]
    return rows.rename(columns={c: t(f"review.column.{c}", lang) for c in columns})


def workbook(con: duckdb.DuckDBPyConnection, review_id: int, lang: str) -> bytes:
    """The saved review as XLSX: one sheet per section (review, objectives, actions,
    interpretation, rules)."""
    review = get_review(con, review_id)
    cycle = get_cycle(con, review.cycle_id)
    items = review_items(con, review_id)
    limits = review.limits
    about = [
        ("cycle", str(cycle.number)),
        ("period", f"{format_date(review.date_from, lang)} – {format_date(review.date_to, lang)}"),
        ("as_of", format_date(review.as_of, lang)),
        ("version", str(review.version)),
        ("saved_at", review.saved_at.strftime("%Y-%m-%d %H:%M")),
        *((f"setting.{k}", v) for k, v in rule_params(limits, lang).items()),
    ]
    rules = [
        (t(f"review.kind.{kind}", lang), index, text)
        for kind in (OBJECTIVE, ACTION)
        for index, text in enumerate(rules_in_words(kind, limits, lang), start=1)
    ]
    column = lambda key: t(f"review.column.{key}", lang)  # noqa: E731
    sheets = {
        t("review.sheet.review", lang): pd.DataFrame(
            [(t(f"review.about.{k}", lang), v) for k, v in about],
            columns=[column("field"), column("value")],
        ),
        t("review.sheet.objectives", lang): _sheet(items, OBJECTIVE, OBJECTIVE_SHEET, lang),
        t("review.sheet.actions", lang): _sheet(items, ACTION, ACTION_SHEET, lang),
        t("review.sheet.interpretation", lang): pd.DataFrame(
            [(t(f"review.section.{s}", lang), review.interpretation[s]) for s in SECTIONS],
            columns=[column("section"), column("text")],
        ),
        t("review.sheet.rules", lang): pd.DataFrame(
            rules, columns=[column("kind"), column("order"), column("rule_text")]
        ),
    }
    return write_xlsx(sheets)
