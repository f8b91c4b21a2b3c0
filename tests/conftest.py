"""Shared fixtures: a throwaway DuckDB file per test, the sample exports, snapshots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from smdash import workspace
from smdash.access import auth
from smdash.access.roles import SYSTEM, acting_as
from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.ui import runtime as ui

REPO = Path(__file__).resolve().parents[1]
NO_SKIPS = "SMDASH_NO_SKIPS"  # =1 (set by .ci/run): any skipped test fails the run
OWN_FIXTURES = Path(__file__).resolve().parent / "fixtures"
# one month of a fictional shop's exports, written by tests/fixtures/make_export_fixtures.py
EXPORTS = OWN_FIXTURES / "exports"


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashes():
    """Passwords hashed with argon2id at its lowest cost in the test process.

    The app's hasher costs some 0.1-0.5 s of CPU per hash and the suite signs in hundreds of
    times. Hashes stay salted argon2id ($argon2id$...); the app started by the browser tests
    and the command line in test_cli.py run in their own processes, with the real cost.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield


@pytest.fixture(autouse=True)
def fresh_sign_in_waits():
    """The wrong-try counts live in the process: each test starts with none."""
    auth.ACCOUNT_TRIES.clear()
    auth.CLIENT_TRIES.clear()
    yield


@pytest.fixture(autouse=True, scope="session")
def charts_checked_nothing_read_ahead():
    """Every chart a page draws in the suite is checked against the Vega-Lite schema (the app
    skips the check: ui.runtime.unchecked), and nothing is read ahead in the background."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ui, "CHECK_CHARTS", True)
        # no reads in the background while a test changes or copies the file: the read-ahead is
        # tested on its own (test_read_ahead.py) and runs in the browser tests' app
        patch.setattr(ui, "READ_AHEAD", False)
        yield


@pytest.fixture(autouse=True)
def files_let_go_at_once():
    """A script run lets go of the database file as it ends (the app keeps it open a moment
    longer, store.LINGER_SECONDS): tests read and change the file between runs, some with
    connections of another configuration. tests/test_held_file.py sets the linger it tests;
    the app started by the browser tests runs in its own process, with it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(store, "LINGER_SECONDS", 0.0)
        yield
    store.close_unused()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "smdash-test.duckdb"


@pytest.fixture
def con(db_path: Path):
    with store.connect(db_path) as connection:
        yield connection


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the demo workspace (data/demo), built once per test session.

    Built as the app's first start builds it (``workspace.ensure_workspace``, acting as the
    system); the connection is closed before any test copies the file, so no WAL is left.
    """
    path = tmp_path_factory.mktemp("demo-db") / "demo.duckdb"
    with store.connect(path) as connection, acting_as(SYSTEM):
        assert workspace.ensure_workspace(connection, DEMO_DIR) > 0
    assert not Path(f"{path}.wal").exists()
    return path


@pytest.fixture
def demo_db(built_demo: Path, db_path: Path) -> Path:
    """The test's database file (``db_path``) starts as a copy of the demo workspace.

    Request it before anything writes to ``db_path``; an app started on it finds the demo
    already loaded, as on any start after the first.
    """
    assert not db_path.exists(), "demo_db must come before anything that opens db_path"
    shutil.copy(built_demo, db_path)
    return db_path


@pytest.fixture
def sample():
    """Path of a sample export in tests/fixtures/exports: ``sample("meta_facebook_posts.csv")``.

    A missing file is an error, never a skip: every sample lives in this repository.
    """

    def find(name: str) -> Path:
        path = EXPORTS / name
        assert path.is_file(), f"no sample export {name} in {EXPORTS}"
        return path

    return find


def smdash(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m smdash ARGS`` in a child process, as a script or cron job runs it."""
    return subprocess.run(
        [sys.executable, "-m", "smdash", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=180,
    )


def table_contents(connection) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, to prove that a failed import changed nothing."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
        ).fetchall()
    ]
    return {
        name: sorted(map(repr, connection.execute(f'SELECT * FROM "{name}"').fetchall()))
        for name in names
    }


@pytest.fixture
def snapshot():
    return table_contents


@contextmanager
def database_held_by_another_process(path: Path, seconds: float):
    """Another process holds the DuckDB file's lock for ``seconds`` (like the app mid-query)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(float(sys.argv[2])); c.close()",
            str(path),
            str(seconds),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def held_database():
    return database_held_by_another_process


@pytest.fixture
def start_app(db_path, tmp_path, monkeypatch):
    """Run app.py in AppTest on the test database: ``start_app(demo_dir, token)``.

    ``demo_dir`` is what a first start imports (None: an empty folder, no demo); ``token`` a
    signed-in session (tests/signin_support.py), or None for the sign-in page.
    """

    def start(demo_dir: Path | None = None, token: str | None = None) -> AppTest:
        if demo_dir is None:
            demo_dir = tmp_path / "no-demo"
            demo_dir.mkdir(exist_ok=True)
        st.cache_data.clear()
        st.cache_resource.clear()
        monkeypatch.setenv("SMDASH_DB", str(db_path))
        monkeypatch.setenv("SMDASH_DEMO_DIR", str(demo_dir))
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        if token:
            at.session_state["auth_token"] = token
        at.run()
        assert not at.exception
        return at

    return start


# ---------------------------------------------------------------------------------------------
# Under pytest-xdist (.ci/run: -n 2 --dist loadgroup) the browser tests share one worker, one
# after the other: two Streamlit servers and two Chromiums at once would crowd two cores, and
# two workers could pick the same free port.


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


# ---------------------------------------------------------------------------------------------
# No skips: under SMDASH_NO_SKIPS=1 a skip (a missing browser, package or file) fails the run,
# so a suite that silently stopped testing something cannot pass CI.

_skipped: list[str] = []


def _no_skips() -> bool:
    return os.environ.get(NO_SKIPS) == "1"


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.skipped:  # a module-level skip, e.g. pytest.importorskip
        _skipped.append(report.nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _no_skips() and _skipped:
        terminalreporter.section(f"{NO_SKIPS}=1: skipped tests fail this run", red=True)
        for nodeid in _skipped:
            terminalreporter.line(f"skipped: {nodeid}", red=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: its reports reach the controller, which decides
    if _no_skips() and _skipped and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
