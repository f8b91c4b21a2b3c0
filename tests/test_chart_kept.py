"""A page's chart is built once per database file, data version and language, and kept for
every run and session after it (ui.runtime.kept_chart)."""

from __future__ import annotations

import datetime as dt

from page_support import run
from signin_support import signed_in

from smdash.db import store
from smdash.plan import annotations
from smdash.reports import charts
from smdash.ui.runtime import Keys


def test_the_overview_chart_is_built_again_only_for_new_data_or_another_language(
    demo_db, start_app, monkeypatch
):
    built = []
    real = charts.monthly_sessions_chart

    def counted(frame, lang):
        built.append(lang)
        return real(frame, lang)

    monkeypatch.setattr(charts, "monthly_sessions_chart", counted)
    at = start_app(None, signed_in(demo_db))  # Overview
    shown = at.get("vega_lite_chart")[0].proto.spec
    at = run(at)
    assert built == ["en"]  # the second run shows the chart kept
    assert at.get("vega_lite_chart")[0].proto.spec == shown

    with store.connect(demo_db) as con:
        annotations.add_annotation(con, dt.date(2026, 10, 12), None, "Puente del Pilar")
        store.bump_data_version(con)
    at = run(at)
    assert built == ["en", "en"]  # a write: built again, with the new note
    assert at.get("vega_lite_chart")[0].proto.spec != shown

    at.session_state[Keys.LANG] = "es"  # as the sidebar's language switch does
    at = run(at)
    assert built == ["en", "en", "es"]
    assert '"locale"' in at.get("vega_lite_chart")[0].proto.spec  # 1.234,5 and "oct" on axes
    at = run(at)
    assert built == ["en", "en", "es"]


def test_the_executive_summary_charts_are_kept_for_the_period_shown(
    demo_db, start_app, monkeypatch
):
    from smdash.ui import executive_summary as view

    built = []
    for name in ("growth_chart", "pays_off_chart"):
        real = getattr(view, name)
        monkeypatch.setattr(
            view, name, lambda *a, real=real, name=name: built.append(name) or real(*a)
        )
    at = start_app(None, signed_in(demo_db))
    at = run(at.switch_page("pages/executive_summary.py"))
    assert sorted(built) == ["growth_chart", "pays_off_chart"]
    assert len(at.get("vega_lite_chart")) == 2
    at = run(at)
    assert len(built) == 2 and len(at.get("vega_lite_chart")) == 2
    at = run(at.segmented_control(key="exec_kind").set_value("quarter"))
    assert len(built) == 4  # another period: its own charts
