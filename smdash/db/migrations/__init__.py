"""Ordered schema migrations, one module a step: ``mNNNN_<what>.py`` with a list ``STEPS``.

The steps run in the order of their file names, all pending ones in one transaction (a file is
upgraded entirely or not at all); step N takes a file from schema N-1 to schema N. Never edit a
released step: add a new module. The schema version is a module's position in that order, so
the modules are numbered 1, 2, 3 ... without gaps (tests/test_store.py checks it): a branch that
adds a step takes the next free number when it lands, never one before a landed step.

Every canonical data table comes in two parts: ``<table>`` holds the current version of each
row, the one from the latest import still applied, and ``<table>_versions`` every other version
an import brought (tagged with its ``import_id``); an import that repeats an earlier one exactly
stores none (``import_repeats``). Undoing an import rebuilds the current rows it touched from
the versions that remain (see ``smdash.imports.write``).
"""

import importlib
import pkgutil


def _steps() -> list[list[str]]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("m"))
    return [importlib.import_module(f"{__name__}.{name}").STEPS for name in names]


MIGRATIONS: list[list[str]] = _steps()
