"""What the pages' first visits read most is read ahead in the background, once per data
version, into the cache the pages read (ui.runtime.read_ahead and each page's warmer)."""

from __future__ import annotations

import streamlit as st
from signin_support import signed_in

from smdash.db import store
from smdash.metrics import summary, traffic
from smdash.plan import objectives
from smdash.ui import runtime as ui

PAGES = ("kpis", "objectives", "review", "executive_summary")


def test_first_visits_find_what_was_read_ahead(demo_db, start_app, monkeypatch):
    at = start_app(None, signed_in(demo_db))  # Overview, the caches emptied
    computed = []
    real = objectives._progress

    def counted(*args, **kwargs):
        computed.append(args[1].objective_id)
        return real(*args, **kwargs)

    monkeypatch.setattr(objectives, "_progress", counted)
    with store.connect(demo_db) as con:
        version = store.data_version(con)
    ui._read_ahead(str(store.db_path()), version, "en")
    read_ahead = len(computed)
    assert read_ahead >= 10  # every objective's progress, for KPI progress, review, summary
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
    assert len(computed) == read_ahead  # no page worked out a progress again


def test_a_warmer_that_fails_leaves_the_others_reading(monkeypatch):
    load = _Loader()

    def failing(read):
        raise RuntimeError("the page's own run reads it again and says what is wrong")

    def reading(read):
        assert read(load, "October") == "figures"

    monkeypatch.setattr(ui, "_ahead", [(0, failing), (1, reading)])
    ui._read_ahead("shop.duckdb", 7, "en")
    assert load.asked == [("shop.duckdb", 7, ("October",))]


class _Loader:
    def __init__(self) -> None:
        self.asked = []

    def ahead(self, path, version, *args):
        self.asked.append((path, version, args))
        return "figures"


def test_reading_ahead_starts_once_per_file_data_version_and_language(monkeypatch):
    started = []
    monkeypatch.setattr(ui, "READ_AHEAD", True)
    monkeypatch.setattr(ui, "_read_ahead_for", set())
    monkeypatch.setattr(ui, "db_file", lambda: "shop.duckdb")
    monkeypatch.setattr(ui.threading, "Thread", lambda **kwargs: _Started(started, kwargs))
    for version, language in ((3, "en"), (3, "en"), (4, "en"), (4, "en"), (4, "es")):
        monkeypatch.setattr(ui, "data_version", lambda v=version: v)
        monkeypatch.setattr(ui, "lang", lambda lang=language: lang)
        ui.read_ahead()
    # and once more for another language: only what is written in it is new (the charts)
    assert started == [("shop.duckdb", 3, "en"), ("shop.duckdb", 4, "en"), ("shop.duckdb", 4, "es")]


class _Started:
    def __init__(self, started: list, kwargs: dict) -> None:
        self.started, self.args = started, kwargs["args"]

    def start(self) -> None:
        self.started.append(self.args)


def test_the_page_after_signing_in_finds_what_was_read_ahead(demo_db, start_app, monkeypatch):
    at = start_app(None, signed_in(demo_db))  # Overview
    st.cache_data.clear()
    computed = []
    real = summary._web_figures
    monkeypatch.setattr(summary, "_web_figures", lambda *a: computed.append(a) or real(*a))
    with store.connect(demo_db) as con:
        version = store.data_version(con)
    ui._read_ahead(str(store.db_path()), version, "en")
    read_ahead = len(computed)
    assert read_ahead >= 2  # the period and the days before it
    at.run()
    assert not at.exception and at.title[0].value == "Overview"
    assert len(computed) == read_ahead


def test_traffic_first_visit_finds_what_was_read_ahead(demo_db, start_app, monkeypatch):
    at = start_app(None, signed_in(demo_db))
    st.cache_data.clear()
    asked = []
    real = traffic._query
    monkeypatch.setattr(traffic, "_query", lambda *a, **k: asked.append(a[1]) or real(*a, **k))
    with store.connect(demo_db) as con:
        version = store.data_version(con)
    ui._read_ahead(str(store.db_path()), version, "en")
    read_ahead = len(asked)
    assert read_ahead >= 4  # this period's figures and the days before, over time, paid
    at.switch_page("pages/traffic.py").run()
    assert not at.exception and at.title[0].value == "Traffic by network"
    assert asked[read_ahead:] == []  # its figures and its first tab asked nothing more


def test_the_first_charts_are_built_ahead_in_the_language_of_the_run(
    demo_db, start_app, monkeypatch
):
    from smdash.reports import charts, kpi_charts

    at = start_app(None, signed_in(demo_db))  # Overview, in English
    st.cache_data.clear()
    st.cache_resource.clear()
    built = []
    for module, name in ((charts, "monthly_sessions_chart"), (kpi_charts, "progress_chart")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, n=name: built.append(n) or real(*a))
    with store.connect(demo_db) as con:
        version = store.data_version(con)
    ui._read_ahead(str(store.db_path()), version, "en")
    assert sorted(built) == ["monthly_sessions_chart", "progress_chart"]
    assert getattr(ui._this_run, "ahead", None) is None  # this thread is itself again
    at.run()
    at.switch_page("pages/kpis.py").run()
    assert not at.exception and at.title[0].value == "KPI progress"
    assert len(built) == 2  # both pages showed the charts built ahead


def test_a_damaged_file_met_ahead_is_left_for_the_page_to_say(tmp_path, monkeypatch):
    damaged = ui.loader(lambda con: (_ for _ in ()).throw(store.DatabaseUnreadable(tmp_path, "x")))
    reached = []

    def warm(read):
        damaged()  # a page's loader, called as the page calls it
        reached.append("after")

    monkeypatch.setattr(ui, "_ahead", [(0, warm), (1, lambda read: reached.append("next"))])
    ui._read_ahead(str(tmp_path / "shop.duckdb"), 7, "en")  # no st.stop(), no message shown
    assert reached == ["next"]
    assert getattr(ui._this_run, "ahead", None) is None


def test_reading_ahead_gives_way_to_the_runs_under_way(tmp_path, monkeypatch):
    events = []

    def month(con, name):
        events.append("read ahead")
        return name

    load = ui.loader(month)
    monkeypatch.setattr(ui, "_ahead", [(0, lambda read: read(load, "October"))])
    with ui._runs.one():  # a click's run
        path = str(tmp_path / "shop.duckdb")
        thread = ui.threading.Thread(target=ui._read_ahead, args=(path, 7, "en"))
        thread.start()
        thread.join(0.5)
        events.append("run ended")
    thread.join(10)
    assert events == ["run ended", "read ahead"]
