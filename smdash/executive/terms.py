"""The words of the executive summary: its figures, the period kinds, the goal lights."""

from __future__ import annotations

from smdash.core.i18n import CURRENCY_SYMBOLS  # noqa: F401  (named by the package)
from smdash.metrics import kpis

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
PERIOD_KINDS = (MONTH, QUARTER, YEAR, CUSTOM)
TREND_MONTHS = 13  # the chart "is it growing?" shows the period's month and the 12 before
COMMENT_MAX = 1000
NAME_MAX = 120
LOGO_MAX_BYTES = 2_000_000
PINNED_KEY = "executive_pinned"
NAME_KEY = "business_name"
LOGO = "logo"
STATEMENT_CHARS = 70  # objective statements quoted in one line
DEMO_FILE = "executive.json"

# (figure key, unit, direction): the headline figures, in the order the director reads them
HEADLINES: tuple[tuple[str, str, str], ...] = (
    ("visits", kpis.COUNT, kpis.UP),
    ("conversions", kpis.COUNT, kpis.UP),
    ("revenue", kpis.CURRENCY, kpis.UP),
    ("spend", kpis.CURRENCY, kpis.DOWN),
    ("cost_per_conversion", kpis.CURRENCY, kpis.DOWN),
    ("objectives", "objectives", kpis.UP),
)
# figures the CM may pin beside the headlines; never shown otherwise
VANITY = ("followers", "follower_growth", "posts", "reach", "impressions", "engagements")
# a goal's light: the first rule whose statuses one of its objectives has, top to bottom
GOAL_LIGHTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("red", ("behind",)),
    ("amber", ("at_risk",)),
    ("green", ("on_track", "achieved")),
)
GREY = "grey"
ON_TRACK = ("achieved", "on_track")
