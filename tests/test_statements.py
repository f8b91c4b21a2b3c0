"""Objectives say what they aim at: a new target is written into the statement where it writes
the old one; otherwise the SMART check flags the mismatch and the review asks to reword it."""

import dataclasses
import datetime as dt

import pytest

from smdash.db import store
from smdash.plan import objectives, statements
from smdash.plan.objectives import Objective
from smdash.review import Decision, carried, current_cycle, save_review, start_first_cycle
from smdash.review.next_cycle import start_next_cycle

D = dt.date


@pytest.mark.parametrize(
    ("statement", "kpi", "old", "new", "restated"),
    [
        ("Llegar a 15.000 seguidores en 2026", "followers", 15000, 15500,
         "Llegar a 15.500 seguidores en 2026"),
        ("Reach 15,000 followers in 2026", "followers", 15000, 15500,
         "Reach 15,500 followers in 2026"),
        ("Reach 15000 followers in 2026", "followers", 15000, 15500,
         "Reach 15500 followers in 2026"),
        ("Subir la tasa de interacción al 5 % en 2026", "engagement_rate", 5, 4.6,
         "Subir la tasa de interacción al 4,6 % en 2026"),
        ("Raise the engagement rate to 5% in 2026", "engagement_rate", 5, 4.6,
         "Raise the engagement rate to 4.6% in 2026"),
        ("Subir el CTR al 0,5 % en 2026", "ctr", 0.5, 0.65, "Subir el CTR al 0,65 % en 2026"),
        ("Facturar 2.800 € en diciembre", "revenue", 2800, 3000, "Facturar 3.000 € en diciembre"),
        ("Facturar 2.800 € en diciembre", "revenue", 2800, 3100.5,
         "Facturar 3.100,50 € en diciembre"),
        # a percentage is the number before '%': the 5 of "Top 5" stays
        ("Top 5 reels at a 5 % rate", "engagement_rate", 5, 6, "Top 5 reels at a 6 % rate"),
        ("Llegar a quince mil seguidores", "followers", 15000, 15500, None),
        ("Reach 15,000 followers", "followers", 12000, 15500, None),
    ],
)  # fmt: skip
def test_the_new_target_takes_the_old_ones_place_in_the_statements_style(
    statement, kpi, old, new, restated
):
    assert statements.restated(statement, old, new, kpi) == restated


def objective(goal, **changes) -> Objective:
    base = Objective(
        None, "Llegar a 15.000 seguidores en Instagram antes de 2027", goal, "followers",
        "instagram", 12000.0, 15000.0, D(2026, 7, 1), D(2026, 12, 31),
    )  # fmt: skip
    return dataclasses.replace(base, **changes)


def specific(con, item) -> tuple[str, str]:
    check = objectives.smart_check(con, item)[0]
    return check.verdict, check.reason("es")


def test_an_edited_target_rewrites_the_statement_or_the_smart_check_flags_it(con):
    goal = objectives.add_goal(con, "Que nos conozcan")
    created = objectives.add_objective(con, objective(goal))
    stored = objectives.get_objective(con, created)
    assert specific(con, stored)[0] == "pass"
    objectives.update_objective(con, dataclasses.replace(stored, target=15500.0))
    stored = objectives.get_objective(con, created)
    assert stored.statement == "Llegar a 15.500 seguidores en Instagram antes de 2027"
    assert specific(con, stored)[0] == "pass"
    # a statement that does not write the target: kept as the CM wrote it, and flagged
    worded = dataclasses.replace(stored, statement="Llegar a quince mil seguidores", target=16000)
    objectives.update_objective(con, worded)
    stored = objectives.get_objective(con, created)
    assert stored.statement == "Llegar a quince mil seguidores"
    assert specific(con, stored) == (
        "warn",
        "El enunciado no dice la meta, 16.000: reescríbelo para que la diga.",
    )
    english = objectives.smart_check(con, stored)[0].reason("en")
    assert english == "The statement does not say the target, 16,000: reword it so that it does."


def test_a_review_that_raises_a_target_rewrites_the_statement(con):
    goal = objectives.add_goal(con, "Que nos conozcan")
    first = objectives.add_objective(con, objective(goal))
    second = objectives.add_objective(
        con, objective(goal, statement="Más seguidores en Instagram", target=9000.0)
    )
    cycle_id = start_first_cycle(con, "month", D(2026, 9, 1))
    decisions = [
        Decision("objective", first, "improve", "Va mejor de lo previsto", 15500.0),
        Decision("objective", second, "improve", "Más ambición", 9500.0),
    ]
    save_review(con, cycle_id, decisions, {})
    start_next_cycle(con, cycle_id)
    raised = objectives.get_objective(con, first)
    assert (raised.target, raised.statement) == (
        15500.0,
        "Llegar a 15.500 seguidores en Instagram antes de 2027",
    )
    unworded = objectives.get_objective(con, second)
    assert (unworded.target, unworded.statement) == (9500.0, "Más seguidores en Instagram")
    assert objectives.smart_check(con, unworded)[0].verdict == "warn"
    pending = carried(con, current_cycle(con).cycle_id).set_index("item_id")
    assert not statements.states_target(
        pending.loc[second, "label"], pending.loc[second, "target"], pending.loc[second, "kpi"]
    )
    assert statements.states_target(
        pending.loc[first, "label"], pending.loc[first, "target"], pending.loc[first, "kpi"]
    )


def test_every_demo_objective_says_its_target(demo_db):
    with store.connect(demo_db) as con:
        found = {o.objective_id: o for o in objectives.list_objectives(con, None)}
        # #6: the September review lowered the target from 5 % to 4.6 %
        assert found[6].target == 4.6
        assert found[6].statement == (
            "Subir la tasa de interacción de Instagram (interacciones / impresiones) al 4,6 % "
            "en 2026."
        )
        for item in found.values():
            assert statements.states_target(item.statement, item.target, item.kpi), item
            assert objectives.smart_check(con, item)[0].verdict == "pass", item
