"""CLI start-up figures: how long ``--help``, ``history`` and ``summary`` take from a cold start.

    python -m tools.startup [--runs 20] [--db PATH]

Without ``--db`` it imports ``data/demo/`` into a temporary database with the CLI itself. Each
command then runs ``--runs`` times, each time in a fresh interpreter, beside two references: the
bare interpreter and ``import duckdb``. It prints the median and fastest wall time and the mean
CPU time (user + system, steadier than wall time on a busy machine), then the largest imports of
each command by ``python -X importtime`` (cumulative). Target: under 0.25 s. A benchmark, not a
test: it reports the figures and checks none.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.25
IMPORT_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)")


def commands(db: Path) -> dict[str, list[str]]:
    dates = ["--from", "2026-01-01", "--to", "2026-10-31"]
    return {
        "python -c pass": ["-c", "pass"],
        "python -c 'import duckdb'": ["-c", "import duckdb"],
        "--help": ["-m", "smdash", "--help"],
        "history": ["-m", "smdash", "history", "--db", str(db)],
        "summary --json": ["-m", "smdash", "summary", "--db", str(db), *dates, "--json"],
    }


def run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one cold run."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args)
    return wall, usage.ru_utime + usage.ru_stime


def imports(args: list[str], count: int = 5) -> tuple[float, list[tuple[str, float]]]:
    """``python -X importtime``: the seconds importing ``smdash.cli`` took, and the packages
    inside it that took longest (cumulative, their own imports included)."""
    found = subprocess.run(
        [sys.executable, "-X", "importtime", *args], cwd=ROOT, capture_output=True, text=True
    ).stderr
    lines = [(int(c) / 1e6, len(indent), name) for c, indent, name in IMPORT_LINE.findall(found)]
    end = next(i for i, (_, depth, name) in enumerate(lines) if (depth, name) == (0, "smdash.cli"))
    start = max((i for i in range(end) if lines[i][1] == 0), default=-1) + 1
    packages: dict[str, float] = {}
    for seconds, _, name in lines[start:end]:
        if "." not in name and name != "smdash":
            packages[name] = max(packages.get(name, 0.0), seconds)
    return lines[end][0], sorted(packages.items(), key=lambda item: -item[1])[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="an existing database (default: the demo data)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "startup.duckdb"
        if args.db is None:
            demo = sorted([*ROOT.glob("data/demo/*.csv"), *ROOT.glob("data/demo/*.xlsx")])
            subprocess.run(
                [sys.executable, "-m", "smdash", "import", "--db", str(db), *map(str, demo)],
                cwd=ROOT,
                capture_output=True,
                check=True,
            )
        runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands(db)}
        for _ in range(args.runs):  # in turns, so that a busy spell weighs on every command
            for label, command in commands(db).items():
                runs[label].append(run(command))
        print(f"{args.runs} cold runs each; target under {TARGET:.2f} s")
        print(f"{'command':28} {'median':>8} {'fastest':>8} {'CPU':>8}")
        for label, figures in runs.items():
            walls = [wall for wall, _ in figures]
            cpu = statistics.mean(cpu for _, cpu in figures)
            print(f"{label:28} {statistics.median(walls):7.3f}s {min(walls):7.3f}s {cpu:7.3f}s")
        for label, command in list(commands(db).items())[2:]:
            total, largest = imports(command)
            shown = ", ".join(f"{name} {seconds:.3f}" for name, seconds in largest)
            print(f"importing smdash.cli for {label}: {total:.3f}s; largest: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
