import ast
import datetime as dt
import re
import string
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from smdash.core import i18n
from smdash.core.i18n import (
    CATALOG,
    PLURAL_RULES,
    format_date,
    format_number,
    language_from_locale,
    t,
)

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("smdash/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"])

# Keys the code builds at run time: a prefix and a value (f"kpis.name.{key}", "x." + suffix,
# labels_of(values, "traffic.grain_")). A catalogue key under one of these counts as used. Each
# must be built somewhere (test below), and a prefix built anywhere must be listed here.
DYNAMIC_PREFIXES = (
    "actions.column.",  # the action tables' columns
    "audit.action.",  # the audit trail's actions (tests/test_audit_words.py)
    "auth.column.",  # the users and audit tables' columns
    "auth.role.",  # auth.ROLES and 'none'
    "backup.reason.",  # copies.REASONS
    "calendar.column.",  # the calendar's tables and exports: columns
    "calendar.method.",  # matching.METHODS
    "calendar.type.",  # calendar.PIECE_TYPES
    "column.",  # the columns of an import preview
    "confirm.empty_",  # workspace.DELETED_ON_START_EMPTY
    "costs.category.",  # costs.CATEGORIES
    "costs.column.",  # the costs tables' columns
    "effort.by.",  # effort.GROUPS
    "executive.column.",  # the summary tables' columns
    "executive.figure.",  # its figures
    "executive.goal.",  # a goal's light (green, amber, red)
    "executive.kind.",  # executive.PERIOD_KINDS
    "executive.light.",  # the lights
    "figure.",  # summary figures
    "history.",  # the import history's columns
    "import.progress_",  # the stages of an import
    "import.status_",  # an import's status (applied, undone)
    "import_error.",  # the code of an ImportFailed
    "import_skipped.",  # why rows were left out (formats' SkippedRows.reason)
    "imports.map_",  # the fields of a column mapping
    "imports.metric_",  # the metrics of account_daily
    "imports.table_",  # the tables a mapping fills
    "kpipage.",  # the progress chart's series and axes
    "kpis.doc.",  # kpis.CATALOGUE
    "kpis.name.",  # kpis.CATALOGUE
    "kpis.needs.",  # the data a KPI's source needs
    "links.column.",  # the links and calendar tables' columns
    "links.error_no_",  # a missing UTM field
    "links.status.",  # calendar.STATUSES
    "links.view_",  # the calendar's views (month, week)
    "links.weekday.",  # the calendar's weekdays 0-6
    "network.",  # network display names
    "themes.use.",  # under, over, on_target
    "objectives.method.",  # objectives.FORECAST_METHOD
    "objectives.rule.",  # objectives.STATUS_RULES
    "objectives.smart.",  # the SMART letters
    "objectives.status.",  # objectives.STATUSES
    "refused.column_",  # the refused files' table columns
    "refused.next_",  # refusal_log.NEXT_STEPS
    "review.about.",  # the export's first sheet
    "review.adjust.",  # the kind of an item to adjust
    "review.column.",  # the review tables' columns
    "review.cycle_status.",  # open, closed
    "review.decision.",  # review.DECISIONS
    "review.draft.",  # review.GOOD_RULES, WEAK_RULES
    "review.draft.none.",  # review.SECTIONS
    "review.error.setting.",  # review.SETTINGS
    "review.gantt.",  # the plan chart's fields
    "review.history_chart.",  # the history chart's fields
    "review.item_status.",  # item statuses
    "review.kind.",  # objective, action
    "review.period.",  # review.PERIODS
    "review.result.",  # actions.RESULT_KINDS
    "review.rule.",  # review.RULES
    "review.rule_name.",  # review.RULES
    "review.rules_for.",  # objective, action
    "review.section.",  # review.SECTIONS
    "review.setting.",  # review.SETTINGS
    "traffic.alias_paid_",  # medium, organic, paid
    "traffic.column.",  # the traffic tables' columns
    "traffic.figure.",  # traffic.FIGURES and RATES
    "traffic.grain_",  # traffic.GRAINS
    "traffic.help.",  # traffic.FIGURES and RATES
    "traffic.paid_",  # all, paid, organic
    "toolkit.checklist.",  # toolkit.checklist's steps
    "toolkit.field.",  # the toolkit's fields (toolkit.version_text)
    "toolkit.kind.",  # toolkit.KINDS
    "toolkit.part.",  # toolkit.GUIDE_PARTS
    "toolkit.part_help.",  # toolkit.GUIDE_PARTS
)
# Calls whose first argument is a code rather than a key: ImportFailed("empty") says
# import_error.empty, so a literal code must have its key.
CODE_PREFIXES = {"ImportFailed": "import_error."}
# Strings of the code that look like keys but are not messages.
NOT_KEYS = re.compile(r".*\.(json|csv|xlsx|py)|review\.")  # file names; settings' prefix
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+")
NAMESPACES = {key.split(".")[0] for key in CATALOG["en"]}


def _is_audit_name(node: ast.AST) -> bool:
    """@audit.write("costs.add_cost"): an audit log action, not a message."""
    return isinstance(node, ast.Call) and ast.unparse(node.func) == "audit.write"


def _called(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


@cache
def _source_strings() -> dict[str, dict[str, set[str]]]:
    """What the code says about keys, each with the files that say it: ``literal`` strings that
    look like keys, keys ``called`` t / tr / a UserError with (codes given to ImportFailed as
    their keys), and the prefixes keys are ``built`` from."""
    found: dict[str, dict[str, set[str]]] = {"literal": {}, "called": {}, "built": {}}
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SOURCES}
    classes = [n for tree in trees.values() for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    errors, before = {"UserError"}, set()  # UserError and its subclasses take a key first
    while errors != before:
        before = set(errors)
        errors |= {c.name for c in classes if {ast.unparse(b) for b in c.bases} & errors}
    for path, tree in trees.items():
        where = str(path.relative_to(ROOT))
        skip = {id(a) for n in ast.walk(tree) if _is_audit_name(n) for a in n.args}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
            ):
                text = node.value
                if text.split(".")[0] in NAMESPACES and not NOT_KEYS.fullmatch(text):
                    if KEY.fullmatch(text) and not text.endswith("_"):
                        found["literal"].setdefault(text, set()).add(where)
                    elif "." in text and text.endswith((".", "_")):
                        found["built"].setdefault(text, set()).add(where)
            head = None
            if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                head = node.values[0].value
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                head = node.left.value if isinstance(node.left, ast.Constant) else None
            if isinstance(head, str) and "." in head and head.split(".")[0] in NAMESPACES:
                found["built"].setdefault(head, set()).add(where)
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name, first = _called(node), node.args[0].value
                if name in CODE_PREFIXES:
                    found["called"].setdefault(CODE_PREFIXES[name] + first, set()).add(where)
                elif name in {"t", "tr"} | errors and isinstance(first, str):
                    found["called"].setdefault(first, set()).add(where)
    return found


def _placeholders(text) -> set[str]:
    forms = text.values() if isinstance(text, dict) else [text]
    return {
        f"{name}:{spec}"
        for form in forms
        for _, name, spec, _ in string.Formatter().parse(form)
        if name is not None
    }


def test_both_catalogues_have_the_same_keys():
    assert set(CATALOG["es"]) == set(CATALOG["en"])


def test_each_key_has_the_same_placeholders_and_plural_forms_in_both_languages():
    for key, en in CATALOG["en"].items():
        es = CATALOG["es"][key]
        assert _placeholders(es) == _placeholders(en), key
        assert type(es) is type(en), key
        if isinstance(en, dict):
            assert set(es) == set(en), key
            for lang, rule in PLURAL_RULES.items():
                assert {rule(n) for n in (0, 1, 2, 1.5, 21)} <= set(CATALOG[lang][key]), key


def test_every_key_the_code_uses_is_in_the_catalogue():
    found = _source_strings()
    missing = {
        key: sorted(where)
        for kind in ("literal", "called")
        for key, where in found[kind].items()
        if key not in CATALOG["en"]
    }
    assert not missing


def test_every_key_in_the_catalogue_is_used_by_the_code():
    found = _source_strings()
    used = found["literal"].keys() | found["called"].keys()
    unused = [
        key for key in CATALOG["en"] if key not in used and not key.startswith(DYNAMIC_PREFIXES)
    ]
    assert not unused


def test_the_dynamic_prefixes_are_those_the_code_builds_keys_from():
    built = set(_source_strings()["built"])
    assert built == set(DYNAMIC_PREFIXES)
    assert len(DYNAMIC_PREFIXES) == len(set(DYNAMIC_PREFIXES))


def test_the_catalogue_imports_no_domain_code():
    # any module may import t (smdash.errors does at its top) without an import cycle
    code = f"import sys, {i18n.__name__}; print(*(m for m in sys.modules if 'smdash' in m))"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    packages = i18n.__name__.split(".")
    allowed = {".".join(packages[: n + 1]) for n in range(len(packages))}
    assert run.returncode == 0 and set(run.stdout.split()) == allowed, run.stderr


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (1234.5, "es", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567, "es", 0, "1.234.567"),
        (0.25, "es", 2, "0,25"),
        (None, "es", 0, "—"),
        (float("nan"), "en", 0, "—"),
    ],
)
def test_numbers_follow_the_language(value, lang, decimals, text):
    assert format_number(value, lang, decimals) == text


def test_dates_follow_the_language():
    assert format_date(dt.date(2026, 3, 24), "es") == "24/03/2026"
    assert format_date(dt.date(2026, 3, 24), "en") == "2026-03-24"


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("es-ES", "es"), ("es-MX", "es"), ("ca-ES", "en"), ("en-GB", "en"), (None, "en")],
)
def test_language_defaults_to_spanish_only_for_spanish_locales(locale, lang):
    assert language_from_locale(locale) == lang


def test_messages_fill_in_values_in_each_language():
    counts = {
        "added": t("import.result_added", "es", count=1),
        "updated": t("import.result_updated", "es", count=2),
        "unchanged": t("import.result_unchanged", "es", count=3),
    }
    assert t("import.result", "es", file="a.csv", **counts) == (
        "a.csv: 1 fila nueva, 2 actualizadas, 3 sin cambios."
    )
    assert t("missing.key.here", "es") == "missing.key.here"


@pytest.mark.parametrize(
    ("lang", "count", "text"),
    [
        ("en", 1, "Import 1 file"),
        ("en", 0, "Import 0 files"),
        ("en", 3, "Import 3 files"),
        ("es", 1, "Importar 1 archivo"),
        ("es", 2, "Importar 2 archivos"),
        ("fr", 1, "Import 1 file"),  # another language: English, with its rule
    ],
)
def test_a_plural_message_takes_its_form_from_count(lang, count, text):
    assert t("import.confirm", lang, count=count) == text


def test_a_plural_form_may_show_a_formatted_number_or_none():
    assert t("executive.goal.no_data", "es", count=1) == "Aún no hay datos de su objetivo."
    visits = {"period": "marzo", "changes": ""}
    assert t("executive.story.visits", "es", count=1234, visits="1.234", **visits) == (
        "En marzo las redes sociales llevaron 1.234 visitas a la web."
    )
    assert t("executive.story.visits", "es", count=1.0, visits="1", **visits) == (
        "En marzo las redes sociales llevaron 1 visita a la web."
    )


def test_days_in_a_recorded_text_are_written_the_users_way():
    from smdash.core.i18n import days_written

    text = "kind: month, start: 2026-10-01, end: 2026-10-31, id 2026-13-45"
    written = "kind: month, start: 01/10/2026, end: 31/10/2026, id 2026-13-45"
    assert days_written(text, "es") == written
    assert days_written(text, "en") == text  # English writes days year first
