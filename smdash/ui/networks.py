"""Network names as the user reads them, for the Traffic and Links pages."""

from __future__ import annotations

from smdash.ui.runtime import tr


def network_label(network: str) -> str:
    return tr(f"network.{network}")


def networks_label(names: str) -> str:
    """A list of networks as stored (``email, linkedin``), in the user's words."""
    return ", ".join(network_label(name) for name in str(names).split(", "))
