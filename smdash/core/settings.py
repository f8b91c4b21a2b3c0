"""The SMDASH_* environment settings: their defaults, and a check made when smdash starts.

A setting with a value smdash cannot use (``SMDASH_SESSION_IDLE_MINUTES=inf``, ``-5``,
``abc``) stops the app and the command line at start with a message naming it, what it holds
and what it takes, rather than crashing every page later or quietly doing something else.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from smdash.core.i18n import t

IDLE_MINUTES = "SMDASH_SESSION_IDLE_MINUTES"
IMPORT_MEMORY_MB = "SMDASH_IMPORT_MEMORY_MB"
IMPORT_SECONDS = "SMDASH_IMPORT_SECONDS"
DB = "SMDASH_DB"
DEMO_DIR = "SMDASH_DEMO_DIR"

DEFAULT_IDLE_MINUTES = 8 * 60
DEFAULT_IMPORT_MEMORY_MB = 4096
DEFAULT_IMPORT_SECONDS = 900.0
# the reading process itself (Python, DuckDB, the parsers) reserves about 1.2 GB of addresses
MIN_IMPORT_MEMORY_MB = 2048


class InvalidSetting(ValueError):
    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(f"{name}={value!r}: expected {expected}")
        self.name, self.value, self.expected = name, value, expected

    def message(self, lang: str) -> str:
        return t(
            "settings.invalid",
            lang,
            name=self.name,
            value=self.value,
            expected=t(self.expected, lang),
        )


def _number(name: str, text: str, low: float, high: float, expected: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidSetting(name, text, expected) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidSetting(name, text, expected)
    return value


def _idle(text: str) -> float:
    return _number(IDLE_MINUTES, text, 1, 60 * 24 * 365, "settings.expected_idle")


def _memory(text: str) -> float:
    value = _number(IMPORT_MEMORY_MB, text, MIN_IMPORT_MEMORY_MB, 2**20, "settings.expected_memory")
    if value != int(value):
        raise InvalidSetting(IMPORT_MEMORY_MB, text, "settings.expected_memory")
    return value


def _seconds(text: str) -> float:
    return _number(IMPORT_SECONDS, text, 10, 24 * 3600, "settings.expected_seconds")


def _db(text: str) -> Path:
    path = Path(text).expanduser()
    if not text.strip() or path.is_dir():
        raise InvalidSetting(DB, text, "settings.expected_db")
    return path


def _demo_dir(text: str) -> Path:
    path = Path(text).expanduser()
    if not path.is_dir():
        raise InvalidSetting(DEMO_DIR, text, "settings.expected_folder")
    return path


@dataclass(frozen=True)
class Setting:
    name: str
    read: Callable[[str], object]


SETTINGS = (
    Setting(DB, _db),
    Setting(DEMO_DIR, _demo_dir),
    Setting(IDLE_MINUTES, _idle),
    Setting(IMPORT_MEMORY_MB, _memory),
    Setting(IMPORT_SECONDS, _seconds),
)


def problems(environ: dict | None = None) -> list[InvalidSetting]:
    """Every SMDASH_* setting that is set to a value smdash cannot use."""
    environ = os.environ if environ is None else environ
    found = []
    for setting in SETTINGS:
        if environ.get(setting.name) not in (None, ""):
            try:
                setting.read(environ[setting.name])
            except InvalidSetting as exc:
                found.append(exc)
    return found


def _value(name: str, read: Callable[[str], float], default: float) -> float:
    """The setting's value, or its default when unset or unusable (``problems`` reports it)."""
    text = os.environ.get(name)
    if text in (None, ""):
        return default
    try:
        return read(text)
    except InvalidSetting:
        return default


def idle_minutes() -> float:
    return _value(IDLE_MINUTES, _idle, DEFAULT_IDLE_MINUTES)


def import_memory_mb() -> int:
    return int(_value(IMPORT_MEMORY_MB, _memory, DEFAULT_IMPORT_MEMORY_MB))


def import_seconds() -> float:
    return _value(IMPORT_SECONDS, _seconds, DEFAULT_IMPORT_SECONDS)
