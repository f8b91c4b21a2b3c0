import json
import subprocess
import sys

from conftest import REPO


def smdash(*args):
    return subprocess.run(
        [sys.executable, "-m", "smdash", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


FILES = (
    "meta_facebook_posts.csv",
    "meta_instagram_posts.csv",
    "ga4_traffic_acquisition_source_medium.csv",
)


def test_import_prints_one_line_per_file_and_is_idempotent(db_path, shared):
    paths = [shared(name) for name in FILES]
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


def test_import_exits_non_zero_when_any_file_fails(db_path, shared, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("just,some\n1,2\n")
    result = smdash("import", "--db", db_path, shared(FILES[0]), bad)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("meta_facebook_posts.csv: meta_facebook_posts: 20 added")
    assert lines[1].startswith("bad.csv: ERROR bad.csv is not an export smdash recognises.")


def test_summary_json_contract(db_path, shared):
    smdash("import", "--db", db_path, *[shared(name) for name in FILES])
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


def test_summary_uses_the_environment_database(db_path, shared, monkeypatch):
    monkeypatch.setenv("SMDASH_DB", str(db_path))
    smdash("import", shared(FILES[0]))
    result = smdash("summary", "--from", "2026-03-01", "--to", "2026-03-31", "--json")
    assert json.loads(result.stdout)["networks"]["facebook"]["posts"] == 20


def test_bad_dates_are_refused_with_a_message(db_path):
    result = smdash("summary", "--db", db_path, "--from", "March", "--to", "2026-03-31")
    assert result.returncode == 2
    assert "expected a date like 2026-10-31" in result.stderr


def test_history_and_undo(db_path, shared):
    smdash("import", "--db", db_path, shared(FILES[0]))
    undo = smdash("undo", "--db", db_path, 1)
    assert (undo.returncode, undo.stdout.strip()) == (0, "Import #1 undone.")
    history = smdash("history", "--db", db_path)
    assert "meta_facebook_posts.csv" in history.stdout and "undone" in history.stdout
    assert smdash("undo", "--db", db_path, 1).returncode == 1


def test_import_waits_for_a_busy_database(db_path, shared, held_database):
    """The app holds the file only for a moment; the CLI retries until it is free."""
    smdash("history", "--db", db_path)
    with held_database(db_path, 2):
        result = smdash("import", "--db", db_path, shared(FILES[0]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "20 added" in result.stdout
