"""Money spent on social media: ad spend imported from the ads managers, and costs entered by hand.

Two sources, one view (``cost_lines``, see ``smdash/migrations/m0007_costs.py``):

- ad spend from Meta Ads Manager, LinkedIn Campaign Manager, X Ads and TikTok Ads Manager exports
  (``smdash/imports/formats/ads_*.py``): network, campaign, the span it covers, amount, results;
- costs the CM types in per month: the agency's fee, staff hours, tools, content production, ad
  invoices from a network with no export. ``network`` is one social network, or ``all`` for
  social media as a whole (an agency fee): those count in every total over all networks, never
  in one network's.

Every cost is spread evenly over the days it covers (``cost_days``), so a period sums the part
of each cost that falls inside it: October holds 31/31 of an October fee and 4/10 of an ad line
from 25 September to 4 October. Amounts are taken as they are, in the workspace's currency
(``currency``); lines in another currency are counted but listed by ``other_currencies``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import UserError
from smdash.core.networks import SOCIAL_NETWORKS
from smdash.core.periods import month_start, months_between
from smdash.db.store import bump_data_version, get_setting, set_setting, transaction

ALL = "all"  # the same id as kpis.ALL: social media as a whole
NETWORKS = (ALL, *SOCIAL_NETWORKS)
CATEGORIES = ("ads", "agency", "staff", "tools", "content", "other")
ORIGINS = ("ads", "manual")  # imported ad spend, costs entered by hand
CURRENCY_KEY = "currency"
DEFAULT_CURRENCY = "EUR"
DESCRIPTION_MAX = 200
AMOUNT_MAX = 10_000_000
DEMO_FILE = "costs.json"


class InvalidCost(UserError, ValueError):
    """A cost the CM typed that cannot be stored; ``message(lang)`` says why in their words."""


def currency(con: duckdb.DuckDBPyConnection) -> str:
    """The workspace's currency (ISO code), EUR until the CM sets another."""
    return get_setting(con, CURRENCY_KEY, DEFAULT_CURRENCY) or DEFAULT_CURRENCY


@audit.write("costs.set_currency")
def set_currency(con: duckdb.DuckDBPyConnection, code: str) -> None:
    code = (code or "").strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise InvalidCost("costs.error.currency", found=code)
    set_setting(con, CURRENCY_KEY, code)
    bump_data_version(con)


def _checked_amount(amount: float | None) -> float:
    if amount is None or not math.isfinite(amount) or amount <= 0:
        raise InvalidCost("costs.error.amount")
    if amount > AMOUNT_MAX:
        raise InvalidCost("costs.error.amount_too_big", limit=AMOUNT_MAX)
    return round(float(amount), 2)


@audit.write("costs.add_cost")
def add_cost(
    con: duckdb.DuckDBPyConnection,
    month: dt.date | None,
    network: str,
    category: str,
    amount: float | None,
    description: str = "",
    campaign: str = "",
) -> int:
    """Store one cost for a month; returns its id. Raises InvalidCost on bad input."""
    if month is None:
        raise InvalidCost("costs.error.month")
    if network not in NETWORKS:
        raise InvalidCost("costs.error.network", found=network)
    if category not in CATEGORIES:
        raise InvalidCost("costs.error.category", found=category)
    description, campaign = (description or "").strip(), (campaign or "").strip()
    if len(description) > DESCRIPTION_MAX or len(campaign) > DESCRIPTION_MAX:
        raise InvalidCost("costs.error.too_long", limit=DESCRIPTION_MAX)
    cost_id = con.execute(
        """INSERT INTO manual_costs (month, network, campaign, category, description, amount,
                                     currency)
           VALUES ($month, $network, $campaign, $category, $description, $amount, $currency)
           RETURNING cost_id""",
        {
            "month": month_start(month),
            "network": network,
            "campaign": campaign,
            "category": category,
            "description": description,
            "amount": _checked_amount(amount),
            "currency": currency(con),
        },
    ).fetchall()[0][0]
    bump_data_version(con)
    return cost_id


@audit.write("costs.delete_cost")
def delete_cost(con: duckdb.DuckDBPyConnection, cost_id: int) -> None:
    con.execute("DELETE FROM manual_costs WHERE cost_id = ?", [cost_id])
    bump_data_version(con)


def manual_costs(
    con: duckdb.DuckDBPyConnection, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> pd.DataFrame:
    """Costs entered by hand whose month overlaps the dates (all without dates), newest first."""
    frame = con.execute(
        """SELECT cost_id, month, network, campaign, category, description, amount, currency
           FROM manual_costs
           WHERE (CAST($date_from AS DATE) IS NULL OR last_day(month) >= $date_from)
             AND (CAST($date_to AS DATE) IS NULL OR month <= $date_to)
           ORDER BY month DESC, cost_id DESC""",
        {"date_from": date_from, "date_to": date_to},
    ).df()
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


def has_costs(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT EXISTS (SELECT 1 FROM cost_lines)").fetchone()[0]


def total_spend(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date
) -> float | None:
    """Everything spent in the period (all networks, both origins); None when nothing is known."""
    value = con.execute(
        "SELECT sum(amount) FROM cost_days WHERE day BETWEEN ? AND ?", [date_from, date_to]
    ).fetchone()[0]
    return None if value is None else round(float(value), 2)


_GROUPINGS = {
    "network": "network",
    "campaign": "network, campaign",
    "category": "category",
    "origin": "origin",
    "month": "month",
    "month_network": "month, network",
}


def spend_by(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date, by: str = "network"
) -> pd.DataFrame:
    """Spend in the period per network, campaign (with network), category, origin or month.

    Columns: the grouping's, amount, results (from the ads exports; None for hand-entered costs)
    and cost_per_result (the spend of the lines with results over those results). Largest
    amount first (months in order).
    """
    columns = _GROUPINGS[by]
    order = "month, amount DESC" if by.startswith("month") else "amount DESC, 1"
    frame = con.execute(
        f"""SELECT {columns}, round(sum(amount), 2) AS amount, sum(results) AS results,
                   round(sum(amount) FILTER (WHERE results IS NOT NULL)
                         / nullif(sum(results), 0), 2) AS cost_per_result
            FROM (SELECT *, CAST(date_trunc('month', day) AS DATE) AS month FROM cost_days)
            WHERE day BETWEEN ? AND ?
            GROUP BY {columns} ORDER BY {order}""",  # noqa: S608 - columns, order: constants
        [date_from, date_to],
    ).df()
    if "month" in frame:
        frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


def network_spend(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date
) -> dict[str, float]:
    """Spend per network in the period (``all`` for costs of social media as a whole)."""
    rows = con.execute(
        """SELECT network, round(sum(amount), 2) FROM cost_days
           WHERE day BETWEEN ? AND ? GROUP BY network""",
        [date_from, date_to],
    ).fetchall()
    return dict(rows)


def other_currencies(con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date) -> list:
    """Currencies other than the workspace's found on costs in the period (not converted)."""
    rows = con.execute(
        """SELECT DISTINCT currency FROM cost_days
           WHERE day BETWEEN $date_from AND $date_to AND currency IS NOT NULL
             AND currency <> $currency
           ORDER BY 1""",
        {"date_from": date_from, "date_to": date_to, "currency": currency(con)},
    ).fetchall()
    return [code for (code,) in rows]


def spend_range(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    return con.execute("SELECT min(date_from), max(date_to) FROM cost_lines").fetchone()


# ---------------------------------------------------------------------------------------------
# Demo workspace
# ---------------------------------------------------------------------------------------------


def seed_demo(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """Add the demo's hand-entered costs (one line per month and item between its dates).

    Returns how many cost lines were added; 0 without the file.
    """
    path = folder / DEMO_FILE
    if not path.exists():
        return 0
    plan = json.loads(path.read_text(encoding="utf-8"))
    added = 0
    with transaction(con):
        set_setting(con, CURRENCY_KEY, plan.get("currency", DEFAULT_CURRENCY))
        for item in plan["costs"]:
            first, last = item["from"], item.get("to") or item["from"]
            for month in months_between(_month(first), _month(last)):
                amount = item.get("amounts", {}).get(month.isoformat()[:7], item.get("amount"))
                if amount:
                    add_cost(
                        con,
                        month,
                        item["network"],
                        item["category"],
                        amount,
                        item.get("description", ""),
                        item.get("campaign", ""),
                    )
                    added += 1
    return added


def _month(text: str) -> dt.date:
    """The first day of a ``2026-10`` month."""
    return dt.date.fromisoformat(text + "-01")


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Delete the costs entered by hand (imported ad spend goes with the other imports)."""
    con.execute("DELETE FROM manual_costs")
