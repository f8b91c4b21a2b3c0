"""Where smdash keeps its files: the repository's data/ folder, the database, the demo exports."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA_DIR = REPO / "data"
DEFAULT_DB = DATA_DIR / "smdash.duckdb"
DEMO_DIR = DATA_DIR / "demo"


def demo_dir() -> Path:
    """data/demo, or $SMDASH_DEMO_DIR (tests point it elsewhere)."""
    return Path(os.environ.get("SMDASH_DEMO_DIR") or DEMO_DIR)
