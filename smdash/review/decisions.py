"""Saving a review: decisions, interpretation and numbers frozen as a new version."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, fields

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.db.store import bump_data_version, transaction
from smdash.review.cycles import get_cycle
from smdash.review.evidence import (
    DECISION_COLUMNS,
    ITEM_COLUMNS,
    cycle_as_of,
    evidence,
    item_frame,
    ordered_items,
)
from smdash.review.terms import (
    DECISIONS,
    IMPROVE,
    OBJECTIVE,
    OPEN,
    REASON_MAX,
    SECTION_MAX,
    SECTIONS,
)
from smdash.review.thresholds import Thresholds, thresholds


@dataclass(frozen=True)
class Decision:
    kind: str
    item_id: int
    decision: str
    reason: str = ""
    new_target: float | None = None


@dataclass(frozen=True)
class Review:
    review_id: int
    cycle_id: int
    version: int
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date | None
    saved_at: dt.datetime
    strengths: str
    weaknesses: str
    opportunities: str
    thresholds: str  # JSON of the Thresholds it used

    @property
    def interpretation(self) -> dict[str, str]:
        return {section: getattr(self, section) for section in SECTIONS}

    @property
    def limits(self) -> Thresholds:
        return Thresholds(**json.loads(self.thresholds))


@dataclass(frozen=True)
class Saved:
    review_id: int
    version: int
    created: bool  # False: nothing had changed since that version


_REVIEW_FIELDS = ", ".join(f.name for f in fields(Review))


def reviews(con: duckdb.DuckDBPyConnection, cycle_id: int | None = None) -> list[Review]:
    """Saved reviews (of one cycle when given), newest version first."""
    rows = con.execute(
        f"""SELECT {_REVIEW_FIELDS} FROM reviews WHERE cycle_id = coalesce(?, cycle_id)
            ORDER BY cycle_id DESC, version DESC""",  # noqa: S608 - columns: Review's fields
        [cycle_id],
    ).fetchall()
    return [Review(*row) for row in rows]


def latest_review(con: duckdb.DuckDBPyConnection, cycle_id: int) -> Review | None:
    found = reviews(con, cycle_id)
    return found[0] if found else None


def get_review(con: duckdb.DuckDBPyConnection, review_id: int) -> Review | None:
    rows = con.execute(
        f"SELECT {_REVIEW_FIELDS} FROM reviews WHERE review_id = ?",  # noqa: S608 - Review's fields
        [review_id],
    ).fetchall()
    return Review(*rows[0]) if rows else None


def review_items(con: duckdb.DuckDBPyConnection, review_id: int) -> pd.DataFrame:
    """The frozen rows of a saved review (``ITEM_COLUMNS``): objectives first, then actions."""
    frame = con.execute(
        f"""SELECT {", ".join(ITEM_COLUMNS)} FROM review_items WHERE review_id = ?
""",  # noqa: S608 - columns: the ITEM_COLUMNS constant
        [review_id],
    ).df()
    return ordered_items(item_frame(frame.to_dict("records"), ITEM_COLUMNS))


def decided(frame: pd.DataFrame, decisions: list[Decision]) -> pd.DataFrame:
    """The evidence with the CM's decisions (the suggestion where none was given), checked:
    overriding a suggestion needs a reason."""
    chosen = {(d.kind, d.item_id): d for d in decisions}
    out = frame.copy()
    picked, reasons, targets = [], [], []
    for row in frame.itertuples():
        choice = chosen.get((row.kind, row.item_id))
        decision = choice.decision if choice else row.suggested
        reason = (choice.reason if choice else "").strip()
        if decision not in DECISIONS:
            raise InvalidInput("review.error.decision", decision=decision)
        if decision != row.suggested and not reason:
            raise InvalidInput("review.error.reason", item=row.label)
        if len(reason) > REASON_MAX:
            raise InvalidInput("review.error.reason_long", item=row.label, limit=REASON_MAX)
        target = choice.new_target if choice else None
        keeps_target = row.kind == OBJECTIVE and decision == IMPROVE and target is not None
        picked.append(decision)
        reasons.append(reason)
        targets.append(float(target) if keeps_target else None)
    out["decision"], out["reason"] = picked, reasons
    out["new_target"] = pd.Series(targets, index=out.index, dtype="float64")
    return out


def prefilled(frame: pd.DataFrame, saved: pd.DataFrame | None) -> pd.DataFrame:
    """Each item of the evidence (kind, id, label, suggestion, rule) with the decision, reason
    and new target the review form starts from: the latest saved version's, else the suggestion
    with no reason and no new target."""
    items = frame[["kind", "item_id", "label", "suggested", "rule"]].reset_index(drop=True)
    if saved is None or saved.empty:
        return items.assign(decision=items["suggested"], reason="", new_target=float("nan"))
    items = items.merge(
        saved[["kind", "item_id", *DECISION_COLUMNS]], on=["kind", "item_id"], how="left"
    )
    return items.assign(
        decision=items["decision"].fillna(items["suggested"]),
        reason=items["reason"].fillna(""),
        new_target=pd.to_numeric(items["new_target"]).astype("float64"),
    )


def edited_decisions(kind: str, table: pd.DataFrame) -> list[Decision]:
    """The decisions an edited table of one kind holds: its index is the items' ids, its columns
    ``decision``, ``reason`` and (objectives) ``new_target``; a blank reason is "", a blank new
    target None."""
    targets = table["new_target"] if "new_target" in table else [None] * len(table)
    return [
        Decision(
            kind,
            int(item_id),
            decision,
            reason if isinstance(reason, str) else "",
            None if target is None or pd.isna(target) else float(target),
        )
        for item_id, decision, reason, target in zip(
            table.index, table["decision"], table["reason"], targets, strict=True
        )
    ]


def _interpretation(values: dict[str, str]) -> dict[str, str]:
    texts = {section: (values.get(section) or "").strip() for section in SECTIONS}
    for text in texts.values():
        if len(text) > SECTION_MAX:
            raise InvalidInput("review.error.section_long", limit=SECTION_MAX)
    return texts


def _unchanged(con, review: Review, items: pd.DataFrame, texts: dict, limits: Thresholds) -> bool:
    if review.interpretation != texts or review.limits != limits:
        return False
    before = _blanks_as_none(review_items(con, review.review_id))
    now = _blanks_as_none(item_frame(items.to_dict("records"), ITEM_COLUMNS))
    try:
        pd.testing.assert_frame_equal(before, now, check_dtype=False)
    except AssertionError:
        return False
    return True


def _blanks_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    """A missing value as None however it was read (a text column stored empty comes back None,
    a fresh one holds NaN), so that only what differs makes a new version."""
    frame = frame.reset_index(drop=True).astype(object)
    return frame.where(frame.notna(), None)


@audit.write("review.save_review")
def save_review(
    con: duckdb.DuckDBPyConnection,
    cycle_id: int,
    decisions: list[Decision],
    interpretation: dict[str, str],
) -> Saved:
    """Freeze the cycle's review as a new version: the evidence as it is now, the decisions and
    the interpretation. Saving what the latest version already holds writes nothing."""
    cycle = get_cycle(con, cycle_id)
    if cycle is None or cycle.status != OPEN:
        raise InvalidInput("review.error.closed")
    limits = thresholds(con)
    frame = evidence(con, cycle, limits)
    if frame.empty:
        raise InvalidInput("review.error.nothing")
    items = decided(frame, decisions)
    texts = _interpretation(interpretation)
    latest = latest_review(con, cycle_id)
    if latest and _unchanged(con, latest, items, texts, limits):
        return Saved(latest.review_id, latest.version, False)
    version = (latest.version if latest else 0) + 1
    with transaction(con):
        review_id = con.execute(
            """INSERT INTO reviews (cycle_id, version, date_from, date_to, as_of, saved_at,
                   strengths, weaknesses, opportunities, thresholds)
               VALUES ($cycle_id, $version, $date_from, $date_to, $as_of, $saved_at,
                   $strengths, $weaknesses, $opportunities, $thresholds) RETURNING review_id""",
            {
                "cycle_id": cycle_id,
                "version": version,
                "date_from": cycle.date_from,
                "date_to": cycle.date_to,
                "as_of": cycle_as_of(con, cycle),
                "saved_at": dt.datetime.now(),
                "strengths": texts["strengths"],
                "weaknesses": texts["weaknesses"],
                "opportunities": texts["opportunities"],
                "thresholds": json.dumps(asdict(limits)),
            },
        ).fetchone()[0]
        con.register("new_review_items", items[ITEM_COLUMNS])
        try:
            con.execute(
                "INSERT INTO review_items BY NAME SELECT ? AS review_id, * FROM new_review_items",
                [review_id],
            )
        finally:
            con.unregister("new_review_items")
        bump_data_version(con)
    return Saved(review_id, version, True)
