"""An objective's statement says its target: where the statement writes the target, a new target
is written in its place, the way the statement writes numbers.

A number is found however it is usually written: ``15.000``, ``15,000``, ``15000`` (and a
percentage's ``5 %`` or ``5%``: for a KPI in percent only a number followed by ``%`` counts).
The new target keeps the style of the number it replaces: grouped thousands stay grouped with
the same mark, a plain number stays plain, and decimals take the statement's decimal mark (its
other numbers tell it, else its words: Spanish or English).
"""

from __future__ import annotations

import math
import re

from smdash.core.i18n import format_number
from smdash.metrics import kpis

# grouped thousands first (15.000, 15,000, 1.234,5), then plain numbers (15000, 4,6, 0.5)
_NUMBER = re.compile(
    r"(?<![\d.,])(?:\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
    r"(?![.,]\d)"
)
_PERCENT_AFTER = re.compile(r"^\s?%")
_SPANISH_WORDS = re.compile(r"\b(el|la|los|las|de|del|en|al|con|para|por|y|seguidores)\b", re.I)
_ENGLISH_WORDS = re.compile(r"\b(the|of|in|to|by|with|for|and|followers)\b", re.I)
_ES_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_EN_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
MAX_DECIMALS = 2


def _read(token: str, lang: str) -> float | None:
    """The token read the Spanish or the English way; None when it is not a number so."""
    thousands, decimal = (".", ",") if lang == "es" else (",", ".")
    text = token.replace("\u00a0", "").replace("\u202f", "")
    parts = text.split(decimal)
    if len(parts) > 2:
        return None
    whole = parts[0]
    if thousands in whole and not re.fullmatch(rf"\d{{1,3}}(\{thousands}\d{{3}})+", whole):
        return None
    try:
        return float(whole.replace(thousands, "") + ("." + parts[1] if len(parts) == 2 else ""))
    except ValueError:
        return None


def number_lang(statement: str) -> str:
    """'es' or 'en': how the statement writes numbers (its own numbers, else its words)."""
    for token in _NUMBER.findall(statement):
        if _ES_THOUSANDS.match(token) or re.fullmatch(r"\d+,\d{1,2}", token):
            return "es"
        if _EN_THOUSANDS.match(token) or re.fullmatch(r"\d+\.\d{1,2}", token):
            return "en"
    spanish = len(_SPANISH_WORDS.findall(statement))
    return "es" if spanish > len(_ENGLISH_WORDS.findall(statement)) else "en"


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def find_target(statement: str, value: float, kpi: str) -> tuple[re.Match, str] | None:
    """Where the statement writes ``value`` (and how: 'es' / 'en'), or None."""
    percent = kpis.KPIS[kpi].unit == kpis.PERCENT if kpi in kpis.KPIS else False
    preferred = number_lang(statement)
    for match in _NUMBER.finditer(statement or ""):
        if percent and not _PERCENT_AFTER.match(statement[match.end() :]):
            continue
        for lang in (preferred, "en" if preferred == "es" else "es"):
            read = _read(match.group(), lang)
            if read is not None and _same(read, value):
                return match, lang
    return None


def states_target(statement: str, target: float, kpi: str) -> bool:
    return find_target(statement, target, kpi) is not None


def _decimals(value: float, at_least: int) -> int:
    for places in range(at_least, MAX_DECIMALS + 1):
        if _same(round(value, places), value):
            return places
    return MAX_DECIMALS


def written_like(token: str, lang: str, value: float, money: bool = False) -> str:
    """``value`` written as ``token`` is read in ``lang``: its thousands mark (or none), its
    decimals (or those the value needs), the decimal mark of ``lang``."""
    decimal, group = (",", ".") if lang == "es" else (".", ",")
    grouped = next((c for c in (group, "\u00a0", "\u202f") if c in token), None)
    shown = token.split(decimal)[1] if decimal in token else ""
    places = _decimals(value, len(shown))
    places = MAX_DECIMALS if money and places else places  # 3.100,50 €, not 3.100,5 €
    text = format_number(value, "en", places)  # 15,500.5
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", grouped or "")
    return f"{whole}{decimal}{fraction}" if fraction else whole


def restated(statement: str, old: float, new: float, kpi: str) -> str | None:
    """The statement with its old target written as the new one; None when the statement does
    not write the old target (the CM rewords it)."""
    if _same(old, new):
        return statement
    found = find_target(statement, old, kpi)
    if found is None:
        return None
    match, lang = found
    if not re.search(r"[.,]", match.group()):  # a plain number: the statement's decimal mark
        lang = number_lang(statement)
    money = kpi in kpis.KPIS and kpis.KPIS[kpi].unit == kpis.CURRENCY
    text = written_like(match.group(), lang, new, money)
    return statement[: match.start()] + text + statement[match.end() :]


def target_text(value: float, lang: str) -> str:
    """A target as the user reads it: 15,500 / 15.500, 4.6 / 4,6."""
    return format_number(value, lang, _decimals(value, 0))
