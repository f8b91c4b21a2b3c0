"""The demo's actions, a finished past review and the current cycle."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from smdash.plan import actions, objectives
from smdash.plan.objectives import Objective
from smdash.review.cycles import start_first_cycle
from smdash.review.decisions import Decision, save_review
from smdash.review.next_cycle import start_next_cycle
from smdash.review.terms import ACTION, DEMO_FILE, OBJECTIVE


def _find(items: dict[int, str], prefix: str) -> int:
    return next(i for i, text in items.items() if text.startswith(prefix))


def _demo_objectives(con, plan: dict) -> dict[int, str]:
    goals = dict(con.execute("SELECT goal_id, name FROM goals").fetchall())
    for item in plan.get("objectives", []):
        objectives.add_objective(
            con,
            Objective(
                None,
                item["statement"],
                _find(goals, item["goal"]),
                item["kpi"],
                item["scope"],
                item["baseline"],
                item["target"],
                dt.date.fromisoformat(item["start"]),
                dt.date.fromisoformat(item["deadline"]),
                item.get("owner", ""),
                item.get("notes", ""),
            ),
        )
    return {o.objective_id: o.statement for o in objectives.list_objectives(con)}


def _demo_actions(con, plan: dict, statements: dict[int, str]) -> dict[int, str]:
    for item in plan["actions"]:
        actions.add_action(
            con,
            actions.Action(
                None,
                _find(statements, item["objective"]),
                item["description"],
                item.get("network", ""),
                item.get("campaign", ""),
                dt.date.fromisoformat(item["start"]),
                dt.date.fromisoformat(item["end"]),
                item.get("owner", ""),
                item.get("cost"),
                item.get("status", "planned"),
            ),
        )
    return {a.action_id: a.description for a in actions.list_actions(con)}


def _demo_decisions(past: dict, statements: dict, descriptions: dict) -> list[Decision]:
    decisions = []
    for item in past["decisions"]:
        kind = OBJECTIVE if "objective" in item else ACTION
        names = statements if kind == OBJECTIVE else descriptions
        decisions.append(
            Decision(
                kind,
                _find(names, item[kind]),
                item["decision"],
                item.get("reason", ""),
                item.get("new_target"),
            )
        )
    return decisions


def seed_demo(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """The demo's actions, one finished past review and the current cycle (data/demo/
    review.json, over the objectives ``objectives.seed_demo`` added). Returns how many cycles
    were opened; 0 without the file."""
    path = folder / DEMO_FILE
    if not path.exists():
        return 0
    plan = json.loads(path.read_text(encoding="utf-8"))
    statements = _demo_objectives(con, plan)
    descriptions = _demo_actions(con, plan, statements)
    past = plan["past_cycle"]
    cycle_id = start_first_cycle(
        con, past["period"], dt.date.fromisoformat(past["from"]), dt.date.fromisoformat(past["to"])
    )
    decisions = _demo_decisions(past, statements, descriptions)
    save_review(con, cycle_id, decisions, past["interpretation"])
    start_next_cycle(con, cycle_id)
    return 2


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every action, cycle and review (starting an empty workspace)."""
    for table in ("cycle_items", "review_items", "reviews", "review_cycles", "actions"):
        con.execute(f"DELETE FROM {table}")  # noqa: S608 - table from the fixed list above
