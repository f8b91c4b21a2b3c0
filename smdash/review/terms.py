"""The words of a review: decisions, kinds of item, cycle periods, limits on what the CM types."""

from __future__ import annotations

KEEP, IMPROVE, DROP = "keep", "improve", "drop"
DECISIONS = (KEEP, IMPROVE, DROP)
FOLLOW = "follow"  # an action rule whose decision is its objective's suggestion
OBJECTIVE, ACTION = "objective", "action"
OPEN, CLOSED = "open", "closed"
PERIODS = ("two_weeks", "month", "quarter", "custom")
SECTIONS = ("strengths", "weaknesses", "opportunities")
REASON_MAX = 200
SECTION_MAX = 3000
LABEL_CHARS = 80
OPPORTUNITY_FIGURES = ("sessions", "engagements", "conversions")
OPPORTUNITIES_SHOWN = 3
OPPORTUNITY_MIN_BASE = 20  # growth from fewer than this (3 -> 9 conversions) is noise
DEMO_FILE = "review.json"
SETTING_PREFIX = "review."
