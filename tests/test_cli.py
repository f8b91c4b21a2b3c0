import json
import subprocess
import sys

import duckdb
import pytest
from conftest import REPO, smdash

from smdash import cli
from smdash.db import store
from smdash.imports.history import import_history

FILES = (
    "meta_facebook_posts.csv",
    "meta_instagram_posts.csv",
    "ga4_traffic_acquisition_source_medium.csv",
)


def test_import_prints_one_line_per_file_and_is_idempotent(db_path, sample):
    paths = [sample(name) for name in FILES]
    first = smdash("import", "--db", db_path, *paths)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "meta_facebook_posts.csv: meta_facebook_posts: 20 added, 0 updated, 0 unchanged "
        "(import #1)",
        "meta_instagram_posts.csv: meta_instagram_posts: 16 added, 0 updated, 0 unchanged "
        "(import #2)",
        "ga4_traffic_acquisition_source_medium.csv: ga4_traffic_acquisition: 319 added, "
        "0 updated, 0 unchanged (import #3)",
    ]
    again = smdash("import", "--db", db_path, paths[0])
    assert again.stdout.strip().endswith("0 added, 0 updated, 20 unchanged (import #4)")


def test_import_exits_non_zero_when_any_file_fails(db_path, sample, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("just,some\n1,2\n")
    result = smdash("import", "--db", db_path, sample(FILES[0]), bad)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("meta_facebook_posts.csv: meta_facebook_posts: 20 added")
    assert lines[1].startswith("bad.csv: ERROR bad.csv is not an export smdash recognises.")


def test_summary_json_contract(db_path, sample):
    smdash("import", "--db", db_path, *[sample(name) for name in FILES])
    result = smdash(
        "summary", "--db", db_path, "--from", "2026-03-01", "--to", "2026-03-31", "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["from"], data["to"]) == ("2026-03-01", "2026-03-31")
    assert data["networks"]["facebook"]["posts"] == 20
    assert data["networks"]["facebook"]["followers"] is None
    assert data["networks"]["search"]["posts"] is None
    assert data["total"]["posts"] == 36
    assert set(data["total"]) == {
        "posts",
        "impressions",
        "reach",
        "engagements",
        "link_clicks",
        "followers",
        "sessions",
        "engaged_sessions",
        "conversions",
        "revenue",
    }


def test_summary_uses_the_environment_database(db_path, sample, monkeypatch):
    monkeypatch.setenv("SMDASH_DB", str(db_path))
    smdash("import", sample(FILES[0]))
    result = smdash("summary", "--from", "2026-03-01", "--to", "2026-03-31", "--json")
    assert json.loads(result.stdout)["networks"]["facebook"]["posts"] == 20


def test_bad_dates_are_refused_with_a_message(db_path):
    result = smdash("summary", "--db", db_path, "--from", "March", "--to", "2026-03-31")
    assert result.returncode == 2
    assert "expected a date like 2026-10-31" in result.stderr


def test_history_and_undo(db_path, sample):
    smdash("import", "--db", db_path, sample(FILES[0]))
    undo = smdash("undo", "--db", db_path, 1)
    assert (undo.returncode, undo.stdout.strip()) == (0, "Import #1 undone.")
    history = smdash("history", "--db", db_path)
    assert "meta_facebook_posts.csv" in history.stdout and "undone" in history.stdout
    assert smdash("undo", "--db", db_path, 1).returncode == 1


def test_import_waits_for_a_busy_database(db_path, sample, held_database):
    """The app holds the file only for a moment; the CLI retries until it is free."""
    smdash("history", "--db", db_path)
    with held_database(db_path, 2):
        result = smdash("import", "--db", db_path, sample(FILES[0]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "20 added" in result.stdout


HEAVY = ("pandas", "numpy", "pyarrow", "streamlit", "altair", "argon2")
LOADED = """
import contextlib, io, sys
from smdash import cli
with contextlib.redirect_stdout(io.StringIO()):
    try:
        code = cli.main(sys.argv[1:])
    except SystemExit as exit:
        code = exit.code
print(code, *sorted(m for m in {heavy!r} if m in sys.modules))
"""


def heavy_modules_loaded(*args):
    result = subprocess.run(
        [sys.executable, "-c", LOADED.format(heavy=HEAVY), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    code, *loaded = result.stdout.split()
    return int(code), loaded


def test_help_and_history_start_without_the_heavy_libraries(db_path, sample):
    """Start-up time: these commands load neither pandas, numpy, pyarrow, argon2 nor the UI's
    libraries (the speed itself is measured, not tested: README)."""
    smdash("import", "--db", db_path, *[sample(name) for name in FILES])
    assert heavy_modules_loaded("--help") == (0, [])
    assert heavy_modules_loaded("history", "--db", db_path) == (0, [])


def test_summary_starts_without_the_heavy_libraries(db_path, sample):
    smdash("import", "--db", db_path, *[sample(name) for name in FILES])
    dates = ("--from", "2026-03-01", "--to", "2026-03-31")
    assert heavy_modules_loaded("summary", "--db", db_path, *dates, "--json") == (0, [])
    assert heavy_modules_loaded("summary", "--db", db_path, *dates) == (0, [])


LAYOUT_CASES = {
    "numbers, text, dates and microseconds": """
        SELECT * FROM (VALUES
            (1, 'a.csv', 'facebook', DATE '2026-03-01', TIMESTAMP '2026-03-02 10:00:00.123456',
             NULL::INTEGER, 5::BIGINT),
            (12, 'b  é.xlsx [Metrics]', NULL, NULL, TIMESTAMP '2026-03-02 00:00:00', 1, 0))
        t(import_id, file_name, platform, date_from, imported_at, repeat_of, rows_added)""",
    "milliseconds, missing times, tabs and new lines": """
        SELECT * FROM (VALUES
            ('x\ty', TIMESTAMP '2026-03-02 10:00:00.120', NULL::TIMESTAMP),
            ('line\r\nbreak', TIMESTAMP '2026-03-02 10:00:01', NULL::TIMESTAMP))
        t(file_name, imported_at, undone_at)""",
    "whole seconds and columns with nothing": """
        SELECT * FROM (VALUES
            (TIMESTAMP '2026-03-02 10:00:00', NULL::VARCHAR, NULL::INTEGER, NULL::DATE),
            (TIMESTAMP '2026-03-02 11:30:00', NULL::VARCHAR, NULL::INTEGER, NULL::DATE))
        t(imported_at, account, repeat_of, date_to)""",
    "times all at midnight": """
        SELECT * FROM (VALUES (TIMESTAMP '2026-03-02 00:00:00', 'x'), (NULL, ''))
        t(imported_at, account)""",
    "no rows": "SELECT 1 AS import_id, 'x' AS file_name WHERE false",
}


@pytest.mark.parametrize("sql", LAYOUT_CASES.values(), ids=LAYOUT_CASES.keys())
def test_history_prints_what_pandas_printed(sql):
    """``history`` lays its rows out itself, exactly as ``DataFrame.to_string(index=False)``."""
    with duckdb.connect() as con:
        expected = con.execute(sql).df().to_string(index=False)
        result = con.execute(sql)
        columns = [(name, str(kind)) for name, kind, *_ in result.description]
        assert cli._frame_text(columns, result.fetchall()) == expected


def test_history_of_a_real_log_is_unchanged(db_path, sample):
    smdash("import", "--db", db_path, *[sample(name) for name in FILES], sample(FILES[0]))
    smdash("import", "--db", db_path, sample("linkedin_content.xlsx"))
    smdash("undo", "--db", db_path, 2)
    with store.connect(db_path) as con:
        expected = import_history(con).drop(columns=["sha256"]).to_string(index=False)
    assert smdash("history", "--db", db_path).stdout == expected + "\n"
