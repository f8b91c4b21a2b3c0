"""The Spanish catalogue: nothing left in English, one term for a business goal, counts that
agree with their number; date inputs that write dates the user's way."""

import ast
import re
from pathlib import Path

import pytest
from spanish_support import english_words

from smdash import executive
from smdash.core.i18n import CATALOG, DATE_INPUT_FORMATS, t

ROOT = Path(__file__).resolve().parents[1]
ES, EN = CATALOG["es"], CATALOG["en"]
GOAL = re.compile(r"objetivos? de negocio")  # the one Spanish term (the most used)
OTHER_GOAL_TERMS = re.compile(
    r"\bmetas? (de negocio|empresariale?s?)|\bobjetivos? empresariale?s?|\bfin(es)? de negocio",
    re.IGNORECASE,
)
# A number then a word that agrees with it ("{count} retrasados"): the form must follow the
# number, so such a text must be a plural message (invariable words after the number are fine).
COUNTED = re.compile(r"\{count\} (?!de\b|en\b|sin\b|por\b|a\b|con\b)([^\W\d_]+s)\b")


def texts(value) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]


def test_no_spanish_text_is_left_in_english():
    left = {
        key: sorted(found)
        for key, value in ES.items()
        for text in texts(value)
        if (found := english_words(text))
    }
    assert left == {}


def test_a_business_goal_has_one_name_in_spanish():
    others = [
        key for key, value in ES.items() for text in texts(value) if OTHER_GOAL_TERMS.search(text)
    ]
    assert others == []
    for key, value in EN.items():
        if any("business goal" in text.lower() for text in texts(value)):
            assert all(GOAL.search(text.lower()) for text in texts(ES[key])), key


def test_a_counted_word_agrees_with_its_number():
    plain = {key: value for key, value in ES.items() if isinstance(value, str)}
    assert {key: text for key, text in plain.items() if COUNTED.search(text)} == {}


@pytest.mark.parametrize(
    ("at_risk", "behind", "line"),
    [(1, 1, "1 en riesgo, 1 retrasado"), (2, 2, "2 en riesgo, 2 retrasados")],
)
def test_the_objectives_figure_says_retrasado_for_one(at_risk, behind, line):
    assert executive.objectives_detail({"at_risk": at_risk, "behind": behind}, "es") == line
    assert executive.objectives_detail({"at_risk": 1, "behind": 1}, "en") == "1 at risk, 1 behind"


def test_counted_messages_in_spanish():
    assert t("executive.goal.red", "es", count=1, total=2, statement="x") == (
        "1 de 2 retrasado, p. ej. «x»."
    )
    carried = [t(f"review.carried.{k}", "es", count=1) for k in ("keep", "improve", "drop")]
    assert t(
        "review.carried_counts", "es", keep=carried[0], improve=carried[1], drop=carried[2]
    ) == ("De la última revisión: 1 mantenido, 1 por mejorar, 1 eliminado.")
    assert t("toolkit.account_line", "es", account="@forn", count=1, posts="1", last="x") == (
        "@forn: 1 publicación, datos hasta el x"
    )
    assert t("import.result_added", "es", count=1) == "1 fila nueva"
    assert t("import.result_added", "es", count=2) == "2 filas nuevas"


def _date_inputs(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "date_input"
    ]


def test_every_date_input_writes_dates_the_users_way():
    """Streamlit writes YYYY/MM/DD unless told: every date input passes format=."""
    sources = [*ROOT.glob("smdash/ui/*.py"), *ROOT.glob("pages/*.py")]
    calls = [(path, call) for path in sources for call in _date_inputs(path)]
    assert len(calls) >= 15
    missing = [
        f"{path.relative_to(ROOT)}:{call.lineno}"
        for path, call in calls
        if "format" not in {keyword.arg for keyword in call.keywords}
    ]
    assert missing == []
    assert DATE_INPUT_FORMATS == {"es": "DD/MM/YYYY", "en": "YYYY-MM-DD"}
