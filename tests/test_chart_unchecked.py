"""Charts go to the browser without Altair's schema check (ui.runtime.unchecked); the suite
checks them (conftest: CHECK_CHARTS)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
from altair.utils.schemapi import SchemaValidationError

from smdash.ui import runtime as ui


def chart() -> alt.LayerChart:
    frame = pd.DataFrame({"day": pd.date_range("2026-01-01", periods=3), "value": [1, 2, 3]})
    line = alt.Chart(frame).mark_line().encode(x="day:T", y="value:Q")
    return alt.layer(line, line.mark_point()).properties(height=200)


def test_an_unchecked_chart_gives_the_same_spec(monkeypatch):
    monkeypatch.setattr(ui, "CHECK_CHARTS", False)
    assert ui.unchecked(chart()).to_dict() == chart().to_dict()


def test_only_the_shown_copy_skips_the_check(monkeypatch):
    monkeypatch.setattr(ui, "CHECK_CHARTS", False)
    wrong = chart()
    wrong["height"] = "tall"  # not a height Vega-Lite knows
    assert ui.unchecked(wrong).to_dict()["height"] == "tall"
    with pytest.raises(SchemaValidationError):
        wrong.to_dict()  # the caller's chart still checks itself


def test_the_suite_checks_every_chart_drawn():
    wrong = chart()
    wrong["height"] = "tall"
    with pytest.raises(SchemaValidationError):
        ui.unchecked(wrong).to_dict()
