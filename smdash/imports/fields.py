"""What a format reads from a file: named fields, each with a kind and the headers it goes by."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TEXT = "text"
COUNT = "count"  # a whole number: views, clicks, sessions
NUMBER = "number"  # any number: money, conversions
RATE = "rate"  # a fraction: 0.05, or '5%' / '5 %' (read as 0.05), or any value under a '%' header
DATE = "date"
TIMESTAMP = "timestamp"

EXPECTED = {
    COUNT: "a whole number",
    NUMBER: "a number",
    RATE: "a number or a percentage",
    DATE: "a date",
    TIMESTAMP: "a date and time",
}

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y%m%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%b %d, %Y",
    "%a, %b %d, %Y",
    "%d %b %Y",  # also Spanish: '15 abr 2026', '10 de febrero de 2026' (see parse.month_names)
    "%B %d, %Y",
)
TIMESTAMP_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%dT%H:%M:%S%z",  # '+01:00' or 'Z'
    "%Y-%m-%d %H:%M:%S %z",
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    *DATE_FORMATS,
)


@lru_cache(maxsize=8192)
def normalize_header(text: str) -> str:
    """Lower-case, no accents, no BOM or quotes, single spaces: how headers are compared."""
    text = text.replace("\ufeff", "").strip().strip('"').strip()
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().split())


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    headers: tuple[str, ...]
    required: bool = False
    formats: tuple[str, ...] = ()  # date/time formats to try, most likely first

    @property
    def aliases(self) -> frozenset[str]:
        return frozenset(normalize_header(h) for h in self.headers)

    @property
    def candidate_formats(self) -> tuple[str, ...]:
        if self.formats:
            return self.formats
        return TIMESTAMP_FORMATS if self.kind == TIMESTAMP else DATE_FORMATS


def field(name: str, kind: str, *headers: str, required: bool = False, formats=()) -> Field:
    return Field(name, kind, tuple(headers), required, tuple(formats))


def locate(fields: list[Field], header: list[str]) -> dict[str, int] | None:
    """Column index of each field found in a header row, or None when a required one is missing."""
    normalized = [normalize_header(cell) for cell in header]
    found: dict[str, int] = {}
    for f in fields:
        index = next((i for i, cell in enumerate(normalized) if cell in f.aliases), None)
        if index is not None:
            found[f.name] = index
        elif f.required:
            return None
    return found
