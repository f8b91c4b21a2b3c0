"""Small helpers for the AppTest page tests."""

from __future__ import annotations


def run(element):
    """Run the app after acting on ``element`` (or the app itself); it must raise nothing."""
    at = element.run()
    assert not at.exception
    return at


def texts(elements) -> list[str]:
    """The shown values of some elements (``at.success``, ``at.markdown`` ...)."""
    return [element.value for element in elements]
