"""The next cycle: what carries over from the latest review, what the CM still has to adjust."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.db.store import bump_data_version, transaction
from smdash.plan import statements
from smdash.review.cycles import CYCLES_SQL, checked_start, get_cycle, insert_cycle, next_period
from smdash.review.decisions import latest_review
from smdash.review.terms import OPEN

_CARRY_OVER = [
    # dropped objectives are archived
    """UPDATE objectives SET status = 'archived', updated_at = $now
       WHERE objective_id IN (SELECT item_id FROM review_items
                              WHERE review_id = $review AND kind = 'objective'
                                AND decision = 'drop')""",
    # improved objectives take the new target the review gave them
    """UPDATE objectives SET target = i.new_target, updated_at = $now
       FROM review_items i
       WHERE i.review_id = $review AND i.kind = 'objective' AND i.decision = 'improve'
         AND i.new_target IS NOT NULL AND objectives.objective_id = i.item_id""",
    """INSERT INTO cycle_items
       SELECT $cycle, kind, item_id, decision, reason, new_target, decision <> 'improve'
       FROM review_items WHERE review_id = $review""",
    # the actions of a dropped objective go with it
    """INSERT INTO cycle_items
       SELECT $cycle, 'action', a.action_id, 'drop', i.reason, NULL, true
       FROM actions a JOIN review_items i
         ON i.review_id = $review AND i.kind = 'objective' AND i.decision = 'drop'
        AND i.item_id = a.objective_id
       WHERE a.status <> 'dropped'
       ON CONFLICT (cycle_id, kind, item_id) DO UPDATE SET
           origin = 'drop', adjusted = true,
           reason = CASE WHEN cycle_items.reason = '' THEN excluded.reason
                         ELSE cycle_items.reason END""",
    """UPDATE actions SET status = 'dropped', updated_at = $now
       WHERE action_id IN (SELECT item_id FROM cycle_items
                           WHERE cycle_id = $cycle AND kind = 'action' AND origin = 'drop')""",
]


def restate_new_targets(con: duckdb.DuckDBPyConnection, review_id: int, now: dt.datetime) -> None:
    """Improved objectives' statements written with the new target the review gives them, where
    they write the old one (``smdash.plan.statements``); the others wait for the CM."""
    rows = con.execute(
        """SELECT o.objective_id, o.statement, o.kpi, o.target, i.new_target
           FROM objectives o JOIN review_items i
             ON i.review_id = ? AND i.kind = 'objective' AND i.decision = 'improve'
            AND i.new_target IS NOT NULL AND o.objective_id = i.item_id""",
        [review_id],
    ).fetchall()
    for objective_id, statement, kpi, old, new in rows:
        text = statements.restated(statement, old, new, kpi)
        if text is not None and text != statement:
            con.execute(
                """UPDATE objectives SET statement = $statement, updated_at = $now
                   WHERE objective_id = $objective_id""",
                {"statement": text, "now": now, "objective_id": objective_id},
            )


@audit.write("review.start_next_cycle")
def start_next_cycle(
    con: duckdb.DuckDBPyConnection,
    cycle_id: int,
    period: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> int:
    """Close the cycle and open the next one from its latest saved review: kept items carry
    over, improved ones take their new target and wait to be adjusted, dropped ones are
    archived with their reason. Without dates, the next period of the same kind."""
    cycle = get_cycle(con, cycle_id)
    if cycle is None or cycle.status != OPEN:
        raise InvalidInput("review.error.closed")
    review = latest_review(con, cycle_id)
    if review is None:
        raise InvalidInput("review.error.save_first")
    period = period or cycle.period
    if date_from is None:
        date_from, date_to = next_period(cycle) if period == cycle.period else (None, None)
    date_to = checked_start(period, date_from, date_to)
    if date_from <= cycle.date_from:
        raise InvalidInput("review.error.next_dates")
    with transaction(con):
        now = dt.datetime.now()
        con.execute(
            "UPDATE review_cycles SET status = 'closed', closed_at = ? WHERE cycle_id = ?",
            [now, cycle_id],
        )
        new_id = insert_cycle(con, date_from, date_to, period, cycle_id)
        restate_new_targets(con, review.review_id, now)
        for statement in _CARRY_OVER:
            params = {"now": now, "review": review.review_id, "cycle": new_id}
            con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
        bump_data_version(con)
    return new_id


def carried(con: duckdb.DuckDBPyConnection, cycle_id: int) -> pd.DataFrame:
    """What the cycle started from: kind, item_id, label, origin (the decision), reason,
    new_target, adjusted, kpi and target (objectives: as they are now); improved items first."""
    return con.execute(
        """SELECT c.kind, c.item_id, coalesce(o.statement, a.description) AS label,
                  c.origin, c.reason, c.new_target, c.adjusted, o.kpi, o.target
           FROM cycle_items c
           LEFT JOIN objectives o ON c.kind = 'objective' AND o.objective_id = c.item_id
           LEFT JOIN actions a ON c.kind = 'action' AND a.action_id = c.item_id
           WHERE c.cycle_id = ?
           ORDER BY c.origin <> 'improve', c.kind DESC, c.item_id""",
        [cycle_id],
    ).df()


@audit.write("review.mark_adjusted")
def mark_adjusted(con: duckdb.DuckDBPyConnection, cycle_id: int, kind: str, item_id: int) -> None:
    con.execute(
        """UPDATE cycle_items SET adjusted = true
           WHERE cycle_id = $cycle_id AND kind = $kind AND item_id = $item_id""",
        {"cycle_id": cycle_id, "kind": kind, "item_id": item_id},
    )
    bump_data_version(con)


def dropped(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Everything the reviews dropped: cycle number it was dropped at, kind, item_id, label,
    reason."""
    return con.execute(
        f"""WITH c AS ({CYCLES_SQL})
            SELECT c.number - 1 AS cycle, i.kind, i.item_id,
                   coalesce(o.statement, a.description) AS label, i.reason
            FROM cycle_items i JOIN c USING (cycle_id)
            LEFT JOIN objectives o ON i.kind = 'objective' AND o.objective_id = i.item_id
            LEFT JOIN actions a ON i.kind = 'action' AND a.action_id = i.item_id
            WHERE i.origin = 'drop' ORDER BY c.number, i.kind DESC, i.item_id"""  # noqa: S608 - CYCLES_SQL: constant query
    ).df()
