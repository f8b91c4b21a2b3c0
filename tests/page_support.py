"""Small helpers for the AppTest page tests."""

from __future__ import annotations

import re

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


def figures(at) -> list[dict[str, str]]:
    """Each table of labelled figures (``runtime.figures_table``: labels in the header and in
    bold rows, each above its values) as a label -> value mapping, as the reader sees them."""
    found = []
    for text in texts(at.markdown):
        lines = text.split("\n")
        if len(lines) < 3 or not lines[1].startswith("| --- |"):
            continue
        rows = [_cells(line) for line in lines[:1] + lines[2:]]
        shown = {}
        for labels, values in zip(rows[::2], rows[1::2], strict=True):
            pairs = zip(labels, values, strict=True)
            shown.update((label.strip("*"), value) for label, value in pairs if label)
        found.append(shown)
    return found


def _cells(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in cells]


# Tabs and expanders that run only what is shown (runtime.tab_sections, runtime.folded): their
# content comes after choosing the tab / opening the expander, on the next run.


def key_of(block) -> str | None:
    """The key a tabs or expander block was given (a keyed element's id ends with it)."""
    proto = block.proto
    found = proto.tab_container.id if block.type == "tab_container" else getattr(proto, "id", "")
    return found.split("-", 2)[2] if found.count("-") >= 2 else None


def blocks(node, kind: str):
    """Every block of ``kind`` ("tab_container", "expander") under ``node`` (``at.main``)."""
    if getattr(node, "type", None) == kind:
        yield node
    for child in getattr(node, "children", {}).values():
        yield from blocks(child, kind)


def tab_labels(at) -> list[str]:
    return [tab.label for tab in at.tabs]


def open_tab(at, label: str):
    """Run the page again on the tab labelled ``label``: only the chosen tab's content runs."""
    for tabs in blocks(at.main, "tab_container"):
        if label in [tab.label for tab in tabs.children.values()]:
            at.session_state[key_of(tabs)] = label
            return run(at)
    raise AssertionError(f"no tab {label!r} among {tab_labels(at)}")


def open_expanders(at, *keys: str):
    """Run the page again with the expanders keyed ``keys`` open (their content runs then)."""
    for key in keys:
        at.session_state[key] = True
    return run(at)


def folded_keys(at) -> list[str]:
    """The keys of the closed expanders whose content runs only once opened."""
    found = [key_of(box) for box in blocks(at.main, "expander") if not box.proto.expanded]
    return [key for key in found if key]


def every_view(at):
    """The page on each of its tabs (the page itself when it has none), with every expander
    that runs only once opened open: what a user can reach without a click that writes."""
    labels = tab_labels(at) or [None]
    for label in labels:
        if label is not None:
            at = open_tab(at, label)
        if folded := folded_keys(at):
            at = open_expanders(at, *folded)
        yield at
