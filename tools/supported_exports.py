"""The README's list of supported exports, written from the format registry
(``smdash.imports.formats.supported``, as the Import page lists them), so that a new format is
listed once it is declared.

``python -m tools.supported_exports`` prints the list; ``--write`` puts it into README.md
between its two markers. tests/test_supported_exports.py checks that README.md holds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from smdash.imports.formats import supported

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- supported exports: written by python -m tools.supported_exports --write -->"
END = "<!-- end of supported exports -->"


def supported_list() -> str:
    """One Markdown line per format: its English label and where to download it."""
    return "\n".join(f"- {label}: {where}" for label, where in supported("en"))


def with_list(readme: str) -> str:
    """``readme`` with the text between the markers replaced by the current list."""
    head, found, rest = readme.partition(BEGIN)
    _, ended, tail = rest.partition(END)
    if not (found and ended):
        raise SystemExit(f"README.md lacks the markers {BEGIN!r} ... {END!r}")
    return f"{head}{BEGIN}\n{supported_list()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    if "--write" in argv:
        README.write_text(with_list(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(supported_list())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
