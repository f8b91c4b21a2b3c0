"""The suggestion rules: for an objective or an action, the first that applies, top to bottom."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from smdash.core.i18n import format_number, t
from smdash.review.terms import ACTION, DROP, FOLLOW, IMPROVE, KEEP, OBJECTIVE
from smdash.review.thresholds import Thresholds


@dataclass(frozen=True)
class Facts:
    """What the suggestion rules look at, for one objective or action."""

    not_started: bool = False
    measured: bool = True  # objectives: progress can be computed; actions: a result above 0
    achieved: bool = False
    gap: float | None = None  # progress behind the time elapsed, in shares (0.25 = 25 points)
    stalled_periods: int = 0  # latest periods in a row without improvement
    cost_per_result: float | None = None
    previous_cost_per_result: float | None = None
    objective_decision: str | None = None  # actions: their objective's suggestion


@dataclass(frozen=True)
class Rule:
    rule: str  # strings: review.rule.<kind>.<rule>
    decision: str  # keep / improve / drop, or FOLLOW
    applies: Callable[[Facts, Thresholds], bool]


def _cost_worse(facts: Facts, limits: Thresholds) -> bool:
    now, before = facts.cost_per_result, facts.previous_cost_per_result
    if now is None or not before:
        return False
    return round(now / before - 1, 9) > limits.cost_margin


def _gap(facts: Facts) -> float:
    return round(facts.gap, 9)


# The suggestion for an objective: the first rule that applies, top to bottom.
OBJECTIVE_RULES: tuple[Rule, ...] = (
    Rule("not_started", KEEP, lambda f, s: f.not_started),
    Rule("no_data", IMPROVE, lambda f, s: not f.measured),
    Rule("achieved", KEEP, lambda f, s: f.achieved),
    Rule("cost_worse", IMPROVE, _cost_worse),
    Rule("on_track", KEEP, lambda f, s: _gap(f) <= s.keep_margin),
    Rule(
        "stalled",
        DROP,
        lambda f, s: _gap(f) > s.drop_margin and f.stalled_periods >= s.stalled_periods,
    ),
    Rule("behind", IMPROVE, lambda f, s: True),
)
# The suggestion for an action: the first rule that applies, top to bottom.
ACTION_RULES: tuple[Rule, ...] = (
    Rule("not_started", KEEP, lambda f, s: f.not_started),
    Rule("no_results", IMPROVE, lambda f, s: not f.measured),
    Rule("cost_worse", IMPROVE, _cost_worse),
    Rule("follows_objective", FOLLOW, lambda f, s: True),
)
RULES = {OBJECTIVE: OBJECTIVE_RULES, ACTION: ACTION_RULES}


def suggest(kind: str, facts: Facts, limits: Thresholds) -> tuple[str, str]:
    """(suggested decision, the rule that decided it)."""
    rule = next(rule for rule in RULES[kind] if rule.applies(facts, limits))
    decision = facts.objective_decision or KEEP if rule.decision == FOLLOW else rule.decision
    return decision, rule.rule


def rule_params(limits: Thresholds, lang: str) -> dict[str, str]:
    """The thresholds as the rules' texts show them."""
    return {
        "keep": format_number(limits.keep_margin * 100, lang),
        "drop": format_number(limits.drop_margin * 100, lang),
        "periods": str(limits.stalled_periods),
        "cost": format_number(limits.cost_margin * 100, lang),
    }


def rules_in_words(kind: str, limits: Thresholds, lang: str) -> list[str]:
    # count: the periods of review.rule.objective.stalled, the one rule text with plural forms
    params = {**rule_params(limits, lang), "count": limits.stalled_periods}
    return [t(f"review.rule.{kind}.{rule.rule}", lang, **params) for rule in RULES[kind]]
