"""A small hand-made workspace for the executive summary, costs and report tests: every
expected number in those tests is computed by hand from the rows below."""

from __future__ import annotations

import datetime as dt

from kpi_fixture import insert_web

from smdash.plan import costs, objectives
from smdash.plan.objectives import Objective

OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
WEB = [
    # day, source, medium, sessions, engaged_sessions, conversions, revenue
    ("2026-10-05", "facebook", "social", 1000, 600, 10, 200.0),
    ("2026-10-06", "l.instagram.com", "referral", 2000, 1200, 30, 600.0),
    ("2026-10-07", "linkedin", "paid_social", 500, 300, 20, 0.0),
    ("2026-10-08", "google", "organic", 9000, 6000, 90, 5000.0),  # not social: never counted
    ("2026-09-10", "facebook", "social", 800, 400, 8, 100.0),
    ("2026-09-11", "instagram", "social", 1600, 900, 12, 300.0),
    ("2025-10-15", "facebook", "social", 1750, 900, 25, 500.0),
]
MANUAL_COSTS = [
    # month, network, category, amount, description, campaign
    (dt.date(2026, 10, 1), "all", "staff", 500.0, "Clara: 25 h", ""),
    (dt.date(2026, 10, 1), "instagram", "content", 150.0, "Photo session", "roscon"),
    (dt.date(2026, 9, 1), "all", "staff", 500.0, "Clara: 25 h", ""),
]
# 400 over 10 days (25 Sep - 4 Oct): 240 fall in September, 160 in October
AD_SPEND = [
    ("linkedin", "Forn", "catering", "2026-09-25", "2026-10-04", "EUR", 400.0, 12.0, 100, 40),
]


def insert_ad_spend(con, rows=AD_SPEND) -> None:
    for row in rows:
        con.execute(
            """INSERT INTO ad_spend (platform, account, campaign, date_from, date_to, currency,
                                     amount, results, impressions, clicks, import_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
            list(row),
        )


def insert_costs(con) -> None:
    for month, network, category, amount, description, campaign in MANUAL_COSTS:
        costs.add_cost(con, month, network, category, amount, description, campaign)
    insert_ad_spend(con)


def insert_plan(con) -> dict[str, int]:
    """Two goals: 'Sell more online' (one objective, on track) and 'Be known' (one behind, one
    without data). Returns the goal ids by name."""
    sell = objectives.add_goal(con, "Sell more online")
    known = objectives.add_goal(con, "Be known")
    plan = [
        # statement, goal, kpi, scope, baseline, target, start, deadline
        ("100 online orders from social in Q4", sell, "conversions", "all", 0.0, 100.0,
         dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("100,000 visits from Facebook in 2026", known, "sessions", "facebook", 0.0, 100000.0,
         dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ("5,000 Instagram followers by December", known, "followers", "instagram", 1000.0,
         5000.0, dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
        ("Finished before October: not under way", sell, "sessions", "all", 0.0, 10.0,
         dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ]  # fmt: skip
    for statement, goal, kpi, scope, baseline, target, start, deadline in plan:
        objectives.add_objective(
            con, Objective(None, statement, goal, kpi, scope, baseline, target, start, deadline)
        )
    return {"sell": sell, "known": known}


def fill(con) -> None:
    insert_web(con, WEB)
    insert_costs(con)
    insert_plan(con)
