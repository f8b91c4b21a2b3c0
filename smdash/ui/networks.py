"""Network names as the user reads them, for the Traffic and Links pages."""

from __future__ import annotations

from smdash.ui.runtime import tr


def network_label(network: str) -> str:
    return tr(f"network.{network}")
