"""Fixtures for the headless-browser tests: the app in a subprocess, and a Chromium page.

Import the fixtures explicitly in a test module (``from browser_support import app, page``);
tests/conftest.py is shared and deliberately left alone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from smdash import workspace
from smdash.db import store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from signin_support import account  # noqa: E402 - tests/ is not a package

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 60.0
FAILURE_SCREENSHOT = Path("/tmp/smdash-browser-failure.png")


@dataclass
class RunningApp:
    url: str
    db: Path
    log: Path

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@contextmanager
def running_app(db: Path, demo_dir: Path, log: Path) -> Iterator[RunningApp]:
    """``streamlit run app.py`` on a free port over ``db``; stopped when the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SMDASH_DB": str(db), "SMDASH_DEMO_DIR": str(demo_dir)}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    running = RunningApp(url=url, db=db, log=log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _healthy(url):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}:\n{running.log_tail()}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {STARTUP_SECONDS:.0f} s:\n"
                            f"{running.log_tail()}")  # fmt: skip
            time.sleep(0.2)
        yield running
    finally:
        _stop(process)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[RunningApp]:
    """The app on a free port with a fresh database and no demo data; killed at teardown."""
    db = tmp_path / "browser.duckdb"
    demo = tmp_path / "empty-demo"
    demo.mkdir()
    # Settle the workspace as the user's own before the app starts, so the test does not
    # depend on data/demo even if SMDASH_DEMO_DIR is not honoured.
    with store.connect(db) as con:
        store.set_setting(con, workspace.MODE_KEY, "own")
    account(db, "editor")  # cm / cm-secret-2026
    account(db, "viewer")  # boss / director-secret
    with running_app(db, demo, tmp_path / "streamlit.log") as running:
        yield running


EDITOR = ("cm", "cm-secret-2026")  # the accounts the app fixture creates
VIEWER = ("boss", "director-secret")


def sign_in(page, url: str, credentials: tuple[str, str] = EDITOR) -> None:
    """Open the app and sign in through its form (labels differ by language: fields by type)."""
    page.goto(url)
    form = page.get_by_test_id("stForm")
    form.locator("input[type=text]").fill(credentials[0], timeout=30_000)
    form.locator("input[type=password]").fill(credentials[1])
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    page.get_by_test_id("stSidebarNav").wait_for(timeout=30_000)


# The tab ``name`` is chosen and its panel drawn by a script run that is over: only the chosen
# tab runs (runtime.tab_sections), on the run that choosing it starts, and until that run draws
# it the panel is empty.
_TAB_DRAWN = """name => {
  const tab = [...document.querySelectorAll('[role="tab"]')].find(t => t.innerText.trim() === name);
  const panel = tab && document.getElementById(tab.getAttribute("aria-controls"));
  const app = document.querySelector('[data-testid="stApp"]');
  return tab?.getAttribute("aria-selected") === "true"
    && !!panel?.querySelector('[data-testid="stElementContainer"]')
    && app?.getAttribute("data-test-script-state") === "notRunning";
}"""


def open_tab(page, name: str, timeout_ms: int = 30_000):
    """Choose the page's tab ``name`` and wait until its content is drawn; the shown panel."""
    page.get_by_test_id("stMain").get_by_role("tab", name=name, exact=True).click()
    page.wait_for_function(_TAB_DRAWN, arg=name, timeout=timeout_ms)
    return page.get_by_role("tabpanel")


def tab_names(page) -> list[str]:
    return [name.strip() for name in page.get_by_role("tab").all_inner_texts()]


@pytest.fixture
def browser_page(request: pytest.FixtureRequest) -> Iterator:
    """A headless Chromium page; a screenshot is saved if the test fails.

    The browser's locale is en-US unless the test is marked ``@pytest.mark.browser_locale(...)``.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            marker = request.node.get_closest_marker("browser_locale")
            locale = marker.args[0] if marker else "en-US"
            context = browser.new_context(locale=locale, viewport={"width": 2400, "height": 1400})
            page = context.new_page()
            failed_before = request.session.testsfailed
            yield page
            # The call phase has been reported by now: a failure bumped the session's count.
            if request.session.testsfailed > failed_before:
                _screenshot(page)
        finally:
            browser.close()


def _screenshot(page) -> None:
    try:
        page.screenshot(path=str(FAILURE_SCREENSHOT), full_page=True)
    except Exception as exc:  # noqa: BLE001 - a failed screenshot must not hide the real failure
        print(f"could not save {FAILURE_SCREENSHOT}: {exc}")
    else:
        print(f"screenshot of the failure: {FAILURE_SCREENSHOT}")
