"""Characters no name or label from a file may carry: NUL, and the controls that reorder text.

A right-to-left override (U+202E) makes ``gnp.exe`` display as ``exe.png``; a NUL cuts text
short in some viewers. Both are removed from file names and imported text at import.
"""

from __future__ import annotations

# NUL; the bidi embeddings, overrides and isolates; the invisible direction marks
HIDDEN_CONTROLS = "\x00\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_REMOVE = str.maketrans("", "", HIDDEN_CONTROLS)


def clean_label(text: str) -> str:
    """``text`` without NUL and bidi control characters."""
    return text.translate(_REMOVE)


# the same characters as an RE2 class, written without a NUL (which would end the SQL text)
_HIDDEN_CLASS = r"[\x00\x{202A}-\x{202E}\x{2066}-\x{2069}\x{200E}\x{200F}\x{061C}]"


def clean_label_sql(expr: str) -> str:
    """The SQL for ``clean_label`` of the text expression ``expr`` (DuckDB). The regex runs
    only on text holding a NUL or a non-ASCII character (more bytes than characters): on
    plain text the test costs a tenth of the regex."""
    return (
        f"(CASE WHEN strlen({expr}) <> length({expr}) OR contains({expr}, chr(0)) "
        f"THEN regexp_replace({expr}, '{_HIDDEN_CLASS}', '', 'g') ELSE {expr} END)"
    )
