"""The audit trail in words (issue 15.11): each action a write records is shown on the Users
page as a short phrase in English and Spanish ("Imported a file", "Importó un archivo"), never
as its name in the code (``pipeline.import_file``)."""

import ast
import re
from functools import cache
from pathlib import Path

from page_support import run
from signin_support import signed_in

from smdash.core.i18n import CATALOG
from smdash.core.paths import DEMO_DIR
from smdash.ui import users

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("smdash/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])
PREFIX = "audit.action."
# The calls that record an audit row, and which of their arguments is the action's name.
RECORDERS = {"audit.write": 0, "audit.record": 2}
RAW_NAME = re.compile(r"[a-z_]+(\.[a-z_]+)*")


def _strings_assigned(function: ast.AST, name: str) -> set[str]:
    """The strings assigned to ``name`` in ``function`` (``action = "a" if e else "b"``)."""
    found = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            found |= {
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
    return found


@cache
def recorded_actions() -> dict[str, str]:
    """Every action name the code records, with where: the ``@audit.write("...")`` decorators
    and the ``audit.record(con, who, "...", details)`` calls (a name held in a variable is
    read from the strings assigned to it in the same function)."""
    found: dict[str, str] = {}
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or ast.unparse(node.func) not in RECORDERS:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            argument = node.args[RECORDERS[ast.unparse(node.func)]]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                names = {argument.value}
            elif isinstance(argument, ast.Name):
                (inside,) = [
                    f for f in functions if f.lineno <= node.lineno <= (f.end_lineno or 0)
                ][-1:]
                names = _strings_assigned(inside, argument.id)
            else:
                names = set()
            assert names, f"{where}: the action's name cannot be read from the code"
            found.update(dict.fromkeys(names, where))
    return found


def test_the_scan_finds_the_decorators_and_the_direct_records():
    actions = recorded_actions()
    assert len(actions) >= 66
    for name in ("pipeline.import_file", "review.save_review", "costs.add_cost", "sign_in",
                 "sign_in.failed", "user.add", "report.sent", "report.send_failed"):  # fmt: skip
        assert name in actions


def test_every_action_the_code_records_has_its_words_in_both_languages():
    missing = {
        lang: sorted(n for n in recorded_actions() if PREFIX + n not in CATALOG[lang])
        for lang in ("en", "es")
    }
    assert missing == {"en": [], "es": []}


def test_every_action_phrase_is_for_an_action_the_code_records():
    phrased = {key.removeprefix(PREFIX) for key in CATALOG["en"] if key.startswith(PREFIX)}
    assert phrased == set(recorded_actions())


def test_an_action_without_words_is_shown_by_its_name():
    assert users.action_words("pipeline.import_file") == "Imported a file"
    assert users.action_words("plugin.some_new_write") == "plugin.some_new_write"


def audit_column(at, column: str) -> list[str]:
    (trail,) = [frame.value for frame in at.dataframe if column in frame.value.columns]
    return list(trail[column])


def test_the_users_page_tells_the_trail_in_words_in_english_and_spanish(
    demo_db, db_path, start_app
):
    at = start_app(DEMO_DIR, signed_in(db_path))  # signed in: a sign_in row
    at = run(at.switch_page("pages/users.py"))
    at.text_input(key="new_name").input("boss")
    at.text_input(key="new_password").input("director-pw")
    at = run(at.button(key="add_user_button").click())  # a user.add row
    english = audit_column(at, "What")
    assert english[:2] == ["Added a user", "Signed in"]
    assert "Imported a file" in english  # the demo's imports
    assert not [a for a in english if RAW_NAME.fullmatch(a)]

    at = start_app(DEMO_DIR, signed_in(db_path))  # signed in again
    at = run(at.sidebar.selectbox(key="lang").set_value("es"))
    at = run(at.switch_page("pages/users.py"))
    spanish = audit_column(at, "Qué")
    assert spanish[:3] == ["Inició sesión", "Añadió un usuario", "Inició sesión"]
    assert "Importó un archivo" in spanish
    assert not [a for a in spanish if RAW_NAME.fullmatch(a)]
    assert len(spanish) == len(english) + 1
