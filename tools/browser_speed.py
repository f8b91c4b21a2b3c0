"""Speed as felt in the browser: sign-in, each page's first visit, and visits again.

    python -m tools.browser_speed [--rounds 3]

Starts the app (``streamlit run app.py``) on a fresh copy of the demo workspace, drives Debian's
Chromium (/usr/bin/chromium) with Playwright, signs in as the demo editor and opens every page
of the menu, then every page again ``--rounds`` times. Each figure is timed from the click until
the page's title is shown and the app's script state is back to not running (the app's root
element says so: ``data-test-script-state``). Targets (issue 14): sign-in under 1 s, a first
visit under 1 s, a page visited again under 0.5 s at the median. A benchmark, not a test: it
prints the figures and checks none.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TARGETS = {"sign-in": 1.0, "first visit": 1.0, "visit again (median)": 0.5}
TIMEOUT_MS = 120_000
TYPING_MS = int(os.environ.get("SMDASH_TYPING_MS", "3000"))  # a name and a password typed


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app did not answer at {url} within {seconds:.0f} s")


def _settled(page, title: str) -> None:
    """Until the main heading reads ``title`` and the app's script state is back to not running
    (the app's root element says it; Streamlit's status widget would not do: it shows only
    after half a second of running)."""
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    heading.filter(has_text=title).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        "?.getAttribute('data-test-script-state') === 'notRunning'",
        timeout=TIMEOUT_MS,
    )


def _timed(action, page, title: str) -> float:
    started = time.perf_counter()
    action()
    _settled(page, title)
    return time.perf_counter() - started


def _menu(page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    return [text.split("\n")[-1].strip() for text in links.all_inner_texts()]


def _open(page, name: str):
    link = page.get_by_test_id("stSidebarNav").get_by_role("link").filter(has_text=name)
    return lambda: link.first.click()


def measure(url: str, rounds: int) -> dict[str, list[tuple[str, float]]]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[tuple[str, float]]] = {name: [] for name in TARGETS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="en-US")
        page.goto(url)
        form = page.get_by_test_id("stForm")
        form.locator("input[type=text]").fill("demo", timeout=TIMEOUT_MS)  # the demo is loaded
        form.locator("input[type=password]").fill("demo")
        page.wait_for_timeout(TYPING_MS)  # as long as a person takes to type them
        button = form.get_by_test_id("stBaseButton-primaryFormSubmit")
        figures["sign-in"].append(("demo", _timed(button.click, page, "Overview")))
        menu = _menu(page)
        for name in menu[1:] + menu[:1]:
            figures["first visit"].append((name, _timed(_open(page, name), page, name)))
        for _ in range(rounds):
            for name in menu:
                figures["visit again (median)"].append(
                    (name, _timed(_open(page, name), page, name))
                )
        browser.close()
    return figures


def report(figures: dict[str, list[tuple[str, float]]]) -> str:
    lines = []
    for name, target in TARGETS.items():
        values = figures[name]
        if not values:
            continue
        worst = max(values, key=lambda item: item[1])
        value = statistics.median(v for _, v in values) if "median" in name else worst[1]
        verdict = "PASS" if value < target else "FAIL"
        detail = f" (slowest: {worst[0]} {worst[1]:.2f} s)" if len(values) > 1 else ""
        lines.append(f"{name:<22} {value:6.2f} s  target < {target:.1f} s  {verdict}{detail}")
    if figures["first visit"]:
        lines.append(
            "first visits: " + ", ".join(f"{n} {v:.2f}" for n, v in figures["first visit"])
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "SMDASH_DB": str(Path(folder) / "speed.duckdb")}
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                   "--server.address", "127.0.0.1", "--server.headless", "true",
                   "--browser.gatherUsageStats", "false"]  # fmt: skip
        app = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            _wait_healthy(url)
            print(report(measure(url, args.rounds)))
        finally:
            os.killpg(app.pid, signal.SIGTERM)
            app.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
