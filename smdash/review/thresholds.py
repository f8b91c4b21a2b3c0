"""The thresholds of the suggestion rules: settings stored in the database, with their limits."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import duckdb

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.db.store import bump_data_version, get_setting, set_setting
from smdash.review.terms import SETTING_PREFIX


@dataclass(frozen=True)
class Setting:
    """One threshold: strings review.setting.<key> (label) and review.setting.<key>.help."""

    key: str
    default: float
    minimum: float
    maximum: float
    whole: bool = False  # a whole number (periods)


SETTINGS: tuple[Setting, ...] = (
    # points of progress an objective may trail the time elapsed and still be kept
    Setting("keep_margin", 0.10, 0.0, 1.0),
    # beyond this many points behind, an objective is far behind
    Setting("drop_margin", 0.40, 0.0, 1.0),
    # far behind and no improvement for this many periods in a row: drop
    Setting("stalled_periods", 3, 1, 12, whole=True),
    # cost per result worse than the previous cycle's by more than this share: improve
    Setting("cost_margin", 0.10, 0.0, 10.0),
)


@dataclass(frozen=True)
class Thresholds:
    keep_margin: float = 0.10
    drop_margin: float = 0.40
    stalled_periods: int = 3
    cost_margin: float = 0.10


def thresholds(con: duckdb.DuckDBPyConnection) -> Thresholds:
    """The thresholds stored in the workspace (the defaults for those never set)."""
    values = {}
    for setting in SETTINGS:
        stored = get_setting(con, SETTING_PREFIX + setting.key)
        value = float(stored) if stored is not None else setting.default
        values[setting.key] = int(value) if setting.whole else value
    return Thresholds(**values)


def validated_thresholds(values: Thresholds) -> Thresholds:
    for setting in SETTINGS:
        value = getattr(values, setting.key)
        if value is None or not setting.minimum <= value <= setting.maximum:
            raise InvalidInput(f"review.error.setting.{setting.key}")
        if setting.whole and value != int(value):
            raise InvalidInput("review.error.whole")
    if values.keep_margin >= values.drop_margin:
        raise InvalidInput("review.error.margins")
    return Thresholds(**{**asdict(values), "stalled_periods": int(values.stalled_periods)})


@audit.write("review.save_thresholds")
def save_thresholds(con: duckdb.DuckDBPyConnection, values: Thresholds) -> None:
    values = validated_thresholds(values)
    for setting in SETTINGS:
        set_setting(con, SETTING_PREFIX + setting.key, repr(getattr(values, setting.key)))
    bump_data_version(con)
