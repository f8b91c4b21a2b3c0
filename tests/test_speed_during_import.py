"""Issue 14: a page load during a long import in another session takes under 1 s.

An editor's import of a big export runs in a thread of this process, as a second browser
session's import runs in a thread of the app's process, through the same steps as the Import
page (``ui.import_data.run_import``): the database opened for a look at the saved mappings,
the file read and staged in a child process, then the write. While the file is being read and
staged, another user's page is loaded in AppTest.
"""

from __future__ import annotations

import statistics
import threading
import time

import streamlit as st
from signin_support import signed_in

from smdash.access import roles
from smdash.db import store
from smdash.imports.pipeline import import_file, reading_context, stage_file
from smdash.ui.runtime import WRITE_LOCK
from tools import bench

# A 1M-row GA4 export: its reading and staging take some 3 s on a quiet 2-core machine (the
# benchmark's figure), longer on a busy one, which leaves time for the page loads measured.
ROWS = 1_000_000
PAGE = "pages/overview.py"
LOADS = 3
LIMIT_SECONDS = 1.0  # the target
# Before issue 14 a page waited for the whole import (6.6 s instead of 0.14 s during a 4M-row
# import); here the page shares two cores with the reading process and this test's own thread.
SLOWER_AT_MOST = 3.0


class Import(threading.Thread):
    """The import of ``path`` into ``db`` by an editor, as the Import page runs it."""

    def __init__(self, db, path) -> None:
        super().__init__(daemon=True)
        self.db, self.path = db, path
        self.reading = threading.Event()  # the child process has started reading the file
        self.staged = threading.Event()  # the file is read and staged: the write comes next
        self.result, self.error = None, None

    def run(self) -> None:
        try:
            with store.connect(self.db) as con:
                context = reading_context(con)
            staged = stage_file(self.path, context=context, progress=lambda *_: self.reading.set())
            self.staged.set()
            try:
                editor = roles.acting_as(roles.Actor("cm", "editor"))
                with WRITE_LOCK, store.connect(self.db) as con, editor:
                    self.result = import_file(con, self.path, staged=staged)
            finally:
                staged.discard()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
        finally:
            self.reading.set()
            self.staged.set()


def page_load(at) -> float:
    """Seconds for a first visit of the page (nothing cached: every figure read from the file)."""
    st.cache_data.clear()
    started = time.perf_counter()
    at.switch_page(PAGE).run()
    took = time.perf_counter() - started
    assert not at.exception
    assert [title.value for title in at.title] == ["Overview"]
    return took


def test_a_page_loads_in_under_a_second_while_another_session_imports_a_big_file(
    demo_db, start_app, tmp_path
):
    """Measured against the same page's load without the import, in the same conditions.

    A loaded CI machine can make any page slow, import or not: the test asserts the issue's
    1 s on the median of three loads, and when the machine is so busy that the page alone
    takes more than a third of that, it asserts the page is at most ``SLOWER_AT_MOST`` times
    slower during the import than without (a page that waited for the import, as before issue
    14, would take the import's whole reading time: several seconds, tens of times more).
    The loads must have run while the file was still being read and staged.
    """
    big = bench.generate_ga4_csv(tmp_path / "ga4_big.csv", ROWS)
    at = start_app(token=signed_in(demo_db, "viewer"))
    page_load(at)  # the page's modules imported, as in a running app
    alone = statistics.median(page_load(at) for _ in range(LOADS))

    importing = Import(demo_db, big)
    importing.start()
    assert importing.reading.wait(120), "the import did not start reading"
    during = []
    for _ in range(LOADS):
        during.append(page_load(at))
        assert not importing.staged.is_set(), "the import was read before the loads ended"
    importing.join(300)
    assert importing.error is None, importing.error
    assert importing.result.counts.added == ROWS

    during_median = statistics.median(during)
    if alone < LIMIT_SECONDS / 3:
        assert during_median < LIMIT_SECONDS, (alone, during)
    else:  # a machine too busy for the absolute figure: the import's own cost, relatively
        assert during_median < SLOWER_AT_MOST * alone, (alone, during)
