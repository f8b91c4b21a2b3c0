"""Growing waits after wrong sign-ins, per account name and per client, kept in memory.

A lockout that anyone can trigger keeps the real user out; a wait that grows with each wrong
try (1 s, 2 s, 4 s ... up to a ceiling) slows a guesser to a crawl and costs the real user a
minute at most. Names that do not exist are counted like names that do, so the waits tell
nothing about which accounts exist. The counts live in the server process (a restart forgets
them) and are forgotten after ``FORGET`` without a wrong try.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

FORGET = 15 * 60  # seconds without a wrong try after which a key starts afresh


class Throttle:
    """``free`` wrong tries without a wait, then 1 s, 2 s, 4 s ... up to ``longest`` seconds."""

    def __init__(self, free: int, longest: float, keep: int = 10_000) -> None:
        self.free, self.longest, self.keep = free, longest, keep
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, key: str, now: float | None = None) -> float:
        """Seconds before ``key`` may try again (0: now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            count, last = self._failures.get(key, (0, 0.0))
        if count <= self.free or now - last > FORGET:
            return 0.0
        return max(0.0, last + self.delay(count) - now)

    def delay(self, failures: int) -> float:
        return min(2.0 ** (failures - self.free - 1), self.longest) if failures > self.free else 0.0

    def failed(self, key: str, now: float | None = None) -> bool:
        """Count a wrong try; True when ``key`` must now wait before the next one."""
        now = time.monotonic() if now is None else now
        with self._lock:
            count, last = self._failures.pop(key, (0, 0.0))
            count = 1 if now - last > FORGET else count + 1
            self._failures[key] = (count, now)
            while len(self._failures) > self.keep:  # a flood of made-up names stays bounded
                self._failures.popitem(last=False)
        return count > self.free

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()
