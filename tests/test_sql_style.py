"""SQL style rules that hold for all of smdash/ (issue 12).

A statement with more than two parameters names them (``$date_from``) and gets a dict, so no
caller relies on their order. The scan reads the source (no import): for every
``.execute(...)``, ``.executemany(...)`` and ``.sql(...)`` it counts the ``?`` placeholders of
the statement, following a name to the strings assigned to it (anywhere in the module) and a
call to a function of the same module to the strings it returns. Placeholders made in a loop
(``"?" for _ in names``, ``"?" * n``) are refused wherever they are: their number is not known
from the source. Not seen: a statement put together from parts appended in a ``for`` loop.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("smdash",)
METHODS = {"execute", "executemany", "sql"}
MAX_POSITIONAL = 2

# file -> why its statements may keep more than two positional parameters. Released migration
# steps (smdash/db/migrations/mNNNN_*.py) are never edited: one that held such a statement would
# be listed here. None does today.
ALLOWED: dict[str, str] = {}

# SQL string literals and comments may hold a '?' that is no placeholder ('(?i)...' regexes)
_NOT_PLACEHOLDERS = re.compile(r"'(?:[^']|'')*'|--[^\n]*")
_GAP = "\x00"  # stands for an f-string's {expression}: keeps the text around it apart


def placeholders(sql: str) -> int:
    return _NOT_PLACEHOLDERS.sub(" ", sql).count("?")


def _text(node: ast.AST) -> str:
    """The literal text of a string expression (f-string expressions as gaps)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) if isinstance(v, ast.Constant) else _GAP for v in node.values)
    return ""


class _Module:
    def __init__(self, tree: ast.Module) -> None:
        self.functions = {
            n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        self.assigned: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned.setdefault(target.id, []).append(node.value)
            elif (
                isinstance(node, ast.AnnAssign | ast.AugAssign)
                and node.value is not None
                and isinstance(node.target, ast.Name)
            ):
                self.assigned.setdefault(node.target.id, []).append(node.value)

    def most_placeholders(self, node: ast.AST, seen: frozenset[str] = frozenset()) -> int:
        """The most placeholders the statement ``node`` can hold."""
        if isinstance(node, ast.Name):
            values = [] if node.id in seen else self.assigned.get(node.id, [])
            return max((self.most_placeholders(v, seen | {node.id}) for v in values), default=0)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            function = None if node.func.id in seen else self.functions.get(node.func.id)
            if function is None:
                return 0
            returns = [r.value for r in ast.walk(function) if isinstance(r, ast.Return) and r.value]
            return max(
                (self.most_placeholders(r, seen | {node.func.id}) for r in returns), default=0
            )
        if isinstance(node, ast.BinOp):  # "..." + "..."
            return self.most_placeholders(node.left, seen) + self.most_placeholders(
                node.right, seen
            )
        if isinstance(node, ast.IfExp):
            return max(
                self.most_placeholders(node.body, seen), self.most_placeholders(node.orelse, seen)
            )
        if isinstance(node, ast.JoinedStr):
            own = placeholders(_text(node))
            parts = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
            return own + sum(self.most_placeholders(p, seen) for p in parts)
        return placeholders(_text(node))


def _generated(tree: ast.Module) -> list[int]:
    """Lines that make placeholders in a loop or by repetition."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.GeneratorExp | ast.ListComp | ast.SetComp):
            strings = [n for n in ast.walk(node.elt) if _text(n)]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            strings = [n for n in (node.left, node.right) if _text(n)]
        else:
            continue
        if any(placeholders(_text(n)) for n in strings):
            lines.append(node.lineno)
    return lines


def violations(path: Path, source: str, relative: str) -> list[str]:
    tree = ast.parse(source, filename=str(path))
    module = _Module(tree)
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in METHODS
            and node.args
        ):
            continue
        count = module.most_placeholders(node.args[0])
        if count > MAX_POSITIONAL:
            found.append(f"{relative}:{node.lineno}: {count} positional '?' parameters")
    found += [f"{relative}:{line}: '?' placeholders made in a loop" for line in _generated(tree)]
    return [] if relative in ALLOWED else found


def _sources():
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()


def test_statements_with_more_than_two_parameters_name_them():
    found = [v for path, source, relative in _sources() for v in violations(path, source, relative)]
    assert not found, (
        "use $name parameters and a dict where a statement has more than two:\n" + "\n".join(found)
    )


def test_the_allow_list_names_files_that_exist():
    for path, reason in ALLOWED.items():
        assert (ROOT / path).is_file() and reason, path


def test_the_scan_finds_positional_statements():
    sample = '''
_ROWS = "rows AS (SELECT * FROM t WHERE day >= ? AND day <= ? AND list_contains(?, n))"

def rows(kind):
    return f"""rows AS (SELECT * FROM {kind} WHERE a = ? AND b = ? AND c = ?)"""

def read(con, a, b, c):
    con.execute("INSERT INTO t VALUES (?, ?, ?)", [a, b, c])
    con.execute(f"WITH {_ROWS} SELECT 1", [a, b, c])
    con.execute(f"WITH {rows('x')} SELECT 1", [a, b, c])
    sql = "UPDATE t SET a = ?, b = ? " + "WHERE c = ?"
    con.execute(sql, [a, b, c])
    con.execute(f"INSERT INTO t VALUES ({', '.join('?' for _ in a)})", a)
    con.execute("SELECT regexp_matches(x, '(?i)a?b?') FROM t WHERE a = ? AND b = ?", [a, b])
    con.execute("SELECT $a, $a, $b, $c", {"a": a, "b": b, "c": c})
'''
    found = violations(Path("sample.py"), sample, "sample.py")
    lines = sorted(int(v.split(":")[1]) for v in found)
    assert lines == [8, 9, 10, 12, 13], found
