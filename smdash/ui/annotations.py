"""The workspace's annotations over any time chart (Overview, KPI progress, Traffic)."""

from __future__ import annotations

import datetime as dt

from smdash.plan import annotations
from smdash.reports import kpi_charts
from smdash.ui.runtime import lang, loader

load_annotations = loader(annotations.annotations)


def annotated(chart, date_from: dt.date | None = None, date_to: dt.date | None = None):
    """Any time chart with the workspace's annotations between the dates drawn over it."""
    return kpi_charts.with_annotations(chart, load_annotations(), lang(), date_from, date_to)
