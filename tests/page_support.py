"""Small helpers for the AppTest page tests."""

from __future__ import annotations

# Every page a viewer (the director) has, in the order of their navigation.
VIEWER_PAGES = [
    "pages/executive_summary.py",
    "pages/overview.py",
    "pages/kpis.py",
    "pages/traffic.py",
    "pages/toolkit.py",
    "pages/account.py",
]


def run(element):
    """Run the app after acting on ``element`` (or the app itself); it must raise nothing."""
    at = element.run()
    assert not at.exception
    return at


def texts(elements) -> list[str]:
    """The shown values of some elements (``at.success``, ``at.markdown`` ...)."""
    return [element.value for element in elements]
