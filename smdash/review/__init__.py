"""The plan review: keep, improve or drop each objective and action, cycle after cycle.

A plan runs in cycles (two weeks, a month, a quarter or custom dates); one cycle is open at a
time. Its review shows, for every active objective whose dates overlap the cycle and every
action of those objectives, the evidence as of the last day with data inside the cycle (target
vs achieved, progress against the time elapsed, the trend over the last periods of the cycle's
length, the pace still needed, cost per result against the previous cycle) and a suggested
decision from ``OBJECTIVE_RULES`` / ``ACTION_RULES``: the first rule that applies, top to
bottom. The thresholds are settings (``SETTINGS``) stored in the database; the page shows the
rules in words with their current values.

Saving a review freezes it: its numbers, the decisions (the suggestion confirmed or overridden
with a reason) and the interpretation are written as a new version; nothing saved is ever
updated. Starting the next cycle applies the latest version: dropped objectives are archived
(their actions dropped), improved ones take their new target and wait for the CM to adjust
them, kept ones carry on. ``cycle_items`` records what each cycle started from.

Cost per result: an objective's cost is what its actions cost inside the cycle (see
``smdash.plan.actions``), or, when none of its actions has a cost, the costs recorded for its
networks (``smdash.plan.costs``); its result is what its KPI gained inside the cycle (totals: the
amount; levels: the change), so ratios have none. An action's result is its own (conversions or
engagements, by its campaign, tagged posts, network and dates); a result two actions claim is
shown under both as shared (``sharing``), and totals over actions count it once.

A review that gives an objective a new target writes it into the statement when the next cycle
starts, where the statement writes the old one (``smdash.plan.statements``); otherwise the CM
is asked to reword it.

The package, one module per part: terms, thresholds, rules, cycles, evidence, decisions,
interpretation, next_cycle, history, export, demo. Callers use the names listed here.
"""

from smdash.review.cycles import (
    CYCLES_SQL,
    Cycle,
    checked_start,
    current_cycle,
    cycles,
    get_cycle,
    insert_cycle,
    next_period,
    period_end,
    start_first_cycle,
)
from smdash.review.decisions import (
    Decision,
    Review,
    Saved,
    decided,
    edited_decisions,
    get_review,
    latest_review,
    prefilled,
    review_items,
    reviews,
    save_review,
)
from smdash.review.demo import clear_workspace, seed_demo
from smdash.review.evidence import (
    DECISION_COLUMNS,
    EVIDENCE_COLUMNS,
    ITEM_COLUMNS,
    CycleEvidence,
    cycle_as_of,
    cycle_evidence,
    evidence,
    item_frame,
    number_or_none,
    objectives_in,
    ordered_items,
    period_result,
    previous_costs,
    scope_cost,
    short_label,
    trend,
)
from smdash.review.export import ACTION_SHEET, OBJECTIVE_SHEET, workbook
from smdash.review.history import cycles_overview, history
from smdash.review.interpretation import GOOD_RULES, WEAK_RULES, growth, interpretation_draft
from smdash.review.next_cycle import carried, dropped, mark_adjusted, start_next_cycle
from smdash.review.rules import (
    ACTION_RULES,
    OBJECTIVE_RULES,
    RULES,
    Facts,
    Rule,
    rule_params,
    rules_in_words,
    suggest,
)
from smdash.review.sharing import (
    action_names,
    cost_totals_note,
    shared_cost_note,
    shared_note,
    totals_note,
)
from smdash.review.terms import (
    ACTION,
    CLOSED,
    DECISIONS,
    DEMO_FILE,
    DROP,
    FOLLOW,
    IMPROVE,
    KEEP,
    LABEL_CHARS,
    OBJECTIVE,
    OPEN,
    OPPORTUNITIES_SHOWN,
    OPPORTUNITY_FIGURES,
    OPPORTUNITY_MIN_BASE,
    PERIODS,
    REASON_MAX,
    SECTION_MAX,
    SECTIONS,
    SETTING_PREFIX,
)
from smdash.review.thresholds import (
    SETTINGS,
    Setting,
    Thresholds,
    save_thresholds,
    thresholds,
    validated_thresholds,
)

__all__ = [
    "ACTION_RULES",
    "OBJECTIVE_RULES",
    "SETTINGS",
    "ACTION",
    "ACTION_SHEET",
    "CLOSED",
    "CYCLES_SQL",
    "Cycle",
    "CycleEvidence",
    "DECISIONS",
    "DECISION_COLUMNS",
    "DEMO_FILE",
    "DROP",
    "Decision",
    "EVIDENCE_COLUMNS",
    "FOLLOW",
    "Facts",
    "GOOD_RULES",
    "IMPROVE",
    "ITEM_COLUMNS",
    "KEEP",
    "LABEL_CHARS",
    "OBJECTIVE",
    "OBJECTIVE_SHEET",
    "OPEN",
    "OPPORTUNITIES_SHOWN",
    "OPPORTUNITY_FIGURES",
    "OPPORTUNITY_MIN_BASE",
    "PERIODS",
    "REASON_MAX",
    "RULES",
    "Review",
    "Rule",
    "SECTIONS",
    "SECTION_MAX",
    "SETTING_PREFIX",
    "Saved",
    "Setting",
    "Thresholds",
    "WEAK_RULES",
    "carried",
    "checked_start",
    "clear_workspace",
    "current_cycle",
    "cycle_as_of",
    "cycle_evidence",
    "cycles",
    "cycles_overview",
    "decided",
    "dropped",
    "edited_decisions",
    "evidence",
    "get_cycle",
    "get_review",
    "growth",
    "history",
    "insert_cycle",
    "interpretation_draft",
    "item_frame",
    "latest_review",
    "mark_adjusted",
    "next_period",
    "number_or_none",
    "objectives_in",
    "ordered_items",
    "period_end",
    "period_result",
    "prefilled",
    "previous_costs",
    "review_items",
    "reviews",
    "rule_params",
    "rules_in_words",
    "save_review",
    "save_thresholds",
    "scope_cost",
    "seed_demo",
    "short_label",
    "shared_cost_note",
    "shared_note",
    "totals_note",
    "cost_totals_note",
    "action_names",
    "start_first_cycle",
    "start_next_cycle",
    "suggest",
    "thresholds",
    "trend",
    "validated_thresholds",
    "workbook",
]
