"""The app gets ready in the background while people sign in (smdash.ui.runtime._get_ready)."""

from __future__ import annotations

import subprocess
import sys

READY = (
    "import gc, sys, threading\n"
    "from smdash.ui import runtime\n"
    "for thread in threading.enumerate():\n"
    "    if thread.name == 'smdash-warm-up':\n"
    "        thread.join()\n"
    "print(gc.get_freeze_count() > 100_000, 'smdash.ui.toolkit' in sys.modules,\n"
    "      'smdash.ui.review' in sys.modules)\n"
)


def test_the_pages_modules_are_loaded_and_set_aside_from_the_collector():
    done = subprocess.run(
        [sys.executable, "-c", READY], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["True", "True", "True"], done.stderr[-2000:]
