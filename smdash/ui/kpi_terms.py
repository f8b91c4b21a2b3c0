"""KPIs and objectives as the user reads them: names, scopes, values, one-line summaries.

Shared by the Objectives, KPI progress and Plan review pages.
"""

from __future__ import annotations

from smdash.metrics import kpis
from smdash.plan.objectives import Objective
from smdash.ui.runtime import currency, date, lang, tr


def kpi_name(key: str) -> str:
    return tr(f"kpis.name.{key}")


def scope_name(scope: str) -> str:
    return tr("objectives.scope.all") if scope == kpis.ALL else tr(f"network.{scope}")


def kpi_value(key: str, value: float | None) -> str:
    """A KPI value in its unit: 1,234 · 4.58 % · €1,471.95 (the workspace's currency)."""
    return kpis.written(key, value, lang(), currency())


def objective_summary(objective: Objective) -> str:
    return tr(
        "objectives.summary",
        kpi=kpi_name(objective.kpi),
        scope=scope_name(objective.scope),
        baseline=kpi_value(objective.kpi, objective.baseline),
        target=kpi_value(objective.kpi, objective.target),
        start=date(objective.start_date),
        deadline=date(objective.deadline),
    )
