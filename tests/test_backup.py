"""Backups and restores (issue 18): consistent copies while another process writes, restore
round trips, the automatic backups, a damaged database file, the Users page's download.

Every test works on real DuckDB files; the command line runs in its own processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, smdash, table_contents
from page_support import run, texts
from signin_support import signed_in

from smdash import workspace
from smdash.access import auth, roles
from smdash.access.roles import SYSTEM, acting_as
from smdash.core.errors import InvalidInput
from smdash.core.paths import DEMO_DIR
from smdash.db import backup, copies, store
from smdash.db.migrations import MIGRATIONS
from smdash.ui import runtime
from smdash.ui import users as users_view
from tools import bench


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def contents(path: Path) -> dict[str, list]:
    """Every row of every table of the DuckDB file ``path``, read without changing it."""
    with duckdb.connect(str(path), read_only=True) as con:
        return table_contents(con)


def fingerprint(path: Path) -> dict[str, tuple[int, int]]:
    """Each table's row count and the sum of its rows' hashes: equal for equal contents (any
    order), and quick on hundreds of thousands of rows."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            name: con.execute(f'SELECT count(*), sum(hash(t)) FROM "{name}" t').fetchone()
            for name in names
        }


def without_data_version(tables: dict[str, list]) -> dict[str, list]:
    """A restore gives the file a new data version (the app's caches key on it)."""
    return {**tables, "meta": [row for row in tables["meta"] if "data_version" not in row]}


def summaries(db: Path) -> list[dict]:
    """``summary --json`` of the demo's whole span and of three of its months."""
    spans = [
        ("2025-05-01", "2026-10-31"),
        ("2025-05-01", "2025-05-31"),
        ("2026-03-01", "2026-03-31"),
        ("2026-10-01", "2026-10-31"),
    ]
    results = []
    for start, end in spans:
        result = smdash("summary", "--db", db, "--from", start, "--to", end, "--json")
        assert result.returncode == 0, result.stderr
        results.append(json.loads(result.stdout))
    return results


def old_schema_file(path: Path, steps: int = 2) -> Path:
    """A database written by an smdash that knew only the first ``steps`` schema steps, with
    one import in its log."""
    con = duckdb.connect(str(path))
    for statements in MIGRATIONS[:steps]:
        for statement in statements:
            con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(steps)])
    con.execute(
        "INSERT INTO imports (import_id, file_name, sha256, format, target, rows_in_file,"
        " rows_added, rows_updated, rows_unchanged, imported_at)"
        " VALUES (7, 'old.csv', 'abc', 'x', 'posts', 1, 1, 0, 0, now())"
    )
    con.close()
    return path


# ---------------------------------------------------------------------------------------------
# A consistent copy while others write


ROWS = 200_000  # GA4 rows: an import of a second or two
IMPORTER = """
import sys
from smdash.db import store
from smdash.imports.pipeline import import_file

with store.connect(sys.argv[1]) as con:  # held until both files are in
    print("importing", flush=True)
    for name in sys.argv[2:]:
        import_file(con, name)
"""


def test_a_backup_during_a_long_import_in_another_process_is_consistent(db_path, sample, tmp_path):
    assert smdash("import", "--db", db_path, sample("meta_facebook_posts.csv")).returncode == 0
    before = fingerprint(db_path)
    big = bench.generate_ga4_csv(tmp_path / "ga4.csv", ROWS)
    importer = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, db_path, big, sample("meta_instagram_posts.csv")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert importer.stdout.readline().strip() == "importing"  # it holds the file
        assert importer.poll() is None
        out = tmp_path / "during.duckdb"
        made = smdash("backup", "--db", db_path, "--out", out)
    finally:
        assert importer.wait(timeout=120) == 0
    assert made.returncode == 0, made.stderr
    after = fingerprint(db_path)
    assert after["imports"][0] == before["imports"][0] + 2
    assert after["web_traffic"][0] == ROWS
    # the import held the file, so the backup waited for it: the state after, whole
    assert fingerprint(out) == after
    assert not list(tmp_path.glob(".*partial*"))  # no half-written file left behind


def test_a_backup_in_the_apps_process_is_of_one_moment(db_path):
    """Another browser session writing meanwhile (a thread, the same DuckDB instance): every
    write is in the backup wholly or not at all."""
    with store.connect(db_path) as con:
        con.execute("CREATE TABLE left_side (i INTEGER)")
        con.execute("CREATE TABLE right_side (i INTEGER)")
    stop = threading.Event()

    def write_pairs():
        with store.connect(db_path) as con:
            while not stop.is_set():
                with store.transaction(con):
                    con.execute("INSERT INTO left_side SELECT range FROM range(500)")
                    con.execute("INSERT INTO right_side SELECT range FROM range(500)")

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        time.sleep(0.2)
        made = []
        for _ in range(4):
            with store.connect(db_path) as con:
                made.append(copies.save(con, "manual"))
    finally:
        stop.set()
        writer.join()
    counts = []
    for path in made:
        with duckdb.connect(str(path), read_only=True) as con:
            left, right = con.execute(
                "SELECT (SELECT count(*) FROM left_side), (SELECT count(*) FROM right_side)"
            ).fetchone()
        assert left == right
        counts.append(left)
    assert counts == sorted(counts) and counts[-1] > 0


# ---------------------------------------------------------------------------------------------
# Restore


def test_restore_round_trips_the_demo(demo_db, tmp_path, sample):
    before, tables = summaries(demo_db), contents(demo_db)
    saved = tmp_path / "demo-backup.duckdb"
    made = smdash("backup", "--db", demo_db, "--out", saved)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Backup written: {saved} (")
    with store.connect(demo_db) as con, acting_as(SYSTEM):
        workspace.start_empty(con)
    assert summaries(demo_db)[0]["total"]["posts"] is None

    restored = smdash("restore", saved, "--db", demo_db, "--yes")
    assert restored.returncode == 0, restored.stderr
    lines = restored.stdout.splitlines()
    assert lines[0].startswith(f"Restore {saved} (made ")
    assert lines[0].endswith(f", 12 imports in its log) as the database {demo_db}.")
    aside = Path(lines[-1].removeprefix("The file it replaced is kept as ").removesuffix("."))
    assert aside.name.startswith(f"{demo_db.name}.before-restore-")

    assert summaries(demo_db) == before  # every figure
    assert without_data_version(contents(demo_db)) == without_data_version(tables)
    assert contents(aside)["imports"] == []  # the emptied workspace, kept aside
    assert not Path(f"{demo_db}.wal").exists()
    # the restored file goes on: its sequences continue where the backup's were
    # (another page than the demo's: an account new to its Facebook, confirmed)
    again = smdash("import", "--db", demo_db, "--new-accounts", sample("meta_facebook_posts.csv"))
    assert again.returncode == 0 and "(import #13)" in again.stdout


def test_restore_asks_first_and_changes_nothing_without_a_yes(db_path, sample, tmp_path):
    smdash("import", "--db", db_path, sample("meta_facebook_posts.csv"))
    saved = tmp_path / "b.duckdb"
    smdash("backup", "--db", db_path, "--out", saved)
    smdash("undo", "--db", db_path, 1)
    kept = digest(db_path)
    for answer in ("no\n", "", "y\n"):  # "" : no terminal, no answer
        refused = smdash("restore", saved, "--db", db_path, stdin=answer)
        assert refused.returncode == 1
        assert "Type yes to restore it: Nothing was changed." in refused.stdout
        assert digest(db_path) == kept
    assert list(db_path.parent.glob("*before-restore*")) == []
    done = smdash("restore", saved, "--db", db_path, "--lang", "es", stdin="sí\n")
    assert done.returncode == 0, done.stderr
    assert "Escribe «sí» para recuperarla: Se ha recuperado" in done.stdout
    with store.connect(db_path) as con:
        assert con.execute("SELECT undone_at IS NULL FROM imports").fetchall() == [(True,)]


def test_a_backup_from_an_older_version_is_upgraded_when_restored(db_path, tmp_path, sample):
    smdash("import", "--db", db_path, sample("meta_facebook_posts.csv"))
    old = old_schema_file(tmp_path / "old.duckdb")
    result = smdash("restore", old, "--db", db_path, "--yes")
    assert result.returncode == 0, result.stderr
    assert f"upgraded from schema 2 to {len(MIGRATIONS)}." in result.stdout
    with store.connect(db_path) as con:
        assert store.schema_version(con) == len(MIGRATIONS)
        assert con.execute("SELECT import_id, file_name FROM imports").fetchall() == [
            (7, "old.csv")
        ]
    with duckdb.connect(str(old), read_only=True) as con:
        assert store.schema_version(con) == 2  # the backup itself stays as it was


def test_restore_refuses_what_it_cannot_restore(db_path, tmp_path):
    with store.connect(db_path):
        pass
    kept = digest(db_path)
    plain = tmp_path / "plain.duckdb"
    with duckdb.connect(str(plain)) as con:
        con.execute("CREATE TABLE t (i INTEGER)")
    newer = tmp_path / "newer.duckdb"
    with store.connect(newer) as con:
        con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(os.urandom(50_000))
    cases = {
        tmp_path / "missing.duckdb": "does not exist.",
        plain: "is a DuckDB file but not an smdash database.",
        newer: "was written by a newer version of smdash (schema 999;",
        garbage: "cannot be read whole: it is damaged or it is not a database",
        db_path: "is the database itself: choose a backup.",
    }
    for file, message in cases.items():
        result = smdash("restore", file, "--db", db_path, "--yes")
        assert (result.returncode, result.stdout) == (1, ""), file
        assert message in result.stderr, file
    assert digest(db_path) == kept
    assert sorted(p.name for p in db_path.parent.iterdir() if "smdash-test" in p.name) == [
        db_path.name
    ]


def test_restore_waits_for_a_busy_database_then_gives_up_changing_nothing(
    db_path, tmp_path, held_database
):
    with store.connect(db_path) as con:
        saved = copies.save(con, "manual", out=tmp_path / "b.duckdb")
    kept = digest(db_path)
    with held_database(db_path, 30), pytest.raises(store.DatabaseBusy):
        backup.restore(saved, db_path, retry_seconds=0.5)
    assert digest(db_path) == kept
    assert not list(db_path.parent.glob(f"*{db_path.name}.*"))  # nothing aside, nothing staged


# ---------------------------------------------------------------------------------------------
# The backups the app makes by itself


def test_the_backup_before_start_empty_restores_the_users_data(demo_db, start_app):
    with store.connect(demo_db) as con:
        auth.add_user(con, "maria", "editor", "maria-secret", actor=SYSTEM)  # the user's own
    tables = contents(demo_db)
    at = start_app(DEMO_DIR, signed_in(demo_db))
    at = run(at.button(key="start_empty").click())
    at = run(at.button(key="confirm_empty_yes").click())
    assert not any("demo data" in text for text in texts(at.info))
    with store.connect(demo_db) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone() == (0,)

    [made] = copies.listing(demo_db)
    assert made.reason == "before-start-empty"
    assert made.path.name.startswith("smdash-test-") and made.path.parent.name == "backups"
    result = smdash("restore", made.path, "--db", demo_db, "--yes")
    assert result.returncode == 0, result.stderr
    restored = contents(demo_db)
    assert restored["imports"] == tables["imports"]
    assert restored["posts"] == tables["posts"]
    assert [row for row in restored["users"] if "'maria'" in row]


def test_start_empty_deletes_nothing_when_its_backup_cannot_be_written(demo_db, start_app):
    copies.folder(demo_db).write_text("a file where the backups folder should be")
    at = start_app(DEMO_DIR, signed_in(demo_db))
    at = run(at.button(key="start_empty").click())
    at = run(at.button(key="confirm_empty_yes").click())
    [error] = texts(at.error)
    assert error.startswith("The backup could not be made (")
    assert error.endswith("), so nothing was changed.")
    assert any("demo data" in text for text in texts(at.info))  # still the demo
    with store.connect(demo_db) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone() == (12,)


def test_a_schema_upgrade_of_a_file_with_data_is_preceded_by_a_backup(db_path):
    old_schema_file(db_path)
    with store.connect(db_path) as con:
        assert store.schema_version(con) == len(MIGRATIONS)
    [made] = copies.listing(db_path)
    assert made.reason == "before-upgrade"
    with duckdb.connect(str(made.path), read_only=True) as con:
        assert store.schema_version(con) == 2
        assert con.execute("SELECT file_name FROM imports").fetchall() == [("old.csv",)]
    fresh = db_path.with_name("fresh.duckdb")
    with store.connect(fresh):
        pass  # a new file has nothing to keep
    assert copies.listing(fresh) == []


def test_the_daily_backup_is_made_once_a_day_and_not_for_the_demo(db_path, demo_db):
    morning = dt.datetime(2026, 10, 5, 9, 0)
    with store.connect(db_path) as con:
        assert workspace.daily_backup(con, morning) == (None, morning + workspace.DAILY)  # demo
        store.set_setting(con, workspace.MODE_KEY, "own")
        made, due = workspace.daily_backup(con, morning)
        assert made.name.endswith("-daily.duckdb") and made.exists()
        newest = copies.newest(db_path)
        assert workspace.daily_backup(con, newest.made + dt.timedelta(hours=23)) == (
            None,
            newest.made + workspace.DAILY,
        )
        later, _ = workspace.daily_backup(con, newest.made + dt.timedelta(hours=25))
    assert later is not None and len(copies.listing(db_path)) == 2


def test_the_app_makes_the_days_backup_on_its_first_page_run(db_path, start_app, sample):
    with store.connect(db_path) as con:
        from smdash.imports.pipeline import import_file

        import_file(con, sample("meta_facebook_posts.csv"))
    token = signed_in(db_path)
    at = start_app(None, token)
    [daily] = copies.listing(db_path)
    assert daily.reason == "daily"
    run(at)  # the next run looks at the clock only
    runtime._daily_due.clear()  # as in a new app process: it looks at the backups folder
    start_app(None, token)
    assert copies.listing(db_path) == [daily]  # the newest is not a day old yet


def test_the_newest_backups_are_kept_and_older_ones_removed(db_path):
    with store.connect(db_path) as con:
        for _ in range(4):
            copies.save(con, "manual")
        made = [b.path for b in copies.listing(db_path)]
        assert len(made) == 4
        assert workspace.set_backup_keep(con, 2) == 2  # fewer to keep: the oldest go at once
        assert [b.path for b in copies.listing(db_path)] == made[:2]
        newest = copies.save(con, "daily")
        assert [b.path for b in copies.listing(db_path)] == [newest, made[0]]
        with pytest.raises(InvalidInput):
            workspace.set_backup_keep(con, 0)
        assert copies.keep_count(con) == 2
    result = smdash("backup", "--db", db_path, "--keep", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"Keeping the newest backup in {copies.folder(db_path)}."
    )
    [kept] = copies.listing(db_path)
    assert kept.reason == "manual"


# ---------------------------------------------------------------------------------------------
# A damaged database file


@pytest.fixture
def truncated(demo_db):
    """The demo database cut in half (as by a full disk), with two backups made before."""
    older_backups = []
    with store.connect(demo_db) as con:
        older_backups.append(copies.save(con, "daily"))
        older_backups.append(copies.save(con, "manual"))
    data = demo_db.read_bytes()
    demo_db.write_bytes(data[: len(data) // 2])
    return demo_db, older_backups[-1]


def test_a_truncated_database_names_the_newest_backup(truncated):
    db, newest = truncated
    kept, listed = digest(db), copies.listing(db)
    result = smdash("summary", "--db", db, "--from", "2026-10-01", "--to", "2026-10-31")
    assert (result.returncode, result.stdout) == (3, "")
    first, second, command = result.stderr.splitlines()
    assert first.startswith(f"ERROR The database file {db} cannot be opened: it is damaged")
    assert first.endswith("smdash changed nothing in it.")
    assert second.startswith(f"The newest backup is {newest}, made ")
    assert command.strip() == f"python -m smdash restore {newest} --db {db}"
    assert digest(db) == kept and not Path(f"{db}.wal").exists()
    assert copies.listing(db) == listed  # no backup of the damaged file either

    # the command it names puts the data back
    restored = smdash(*command.split()[3:], "--yes")
    assert restored.returncode == 0, restored.stderr
    assert summaries(db)[0]["total"]["posts"] > 0


def test_the_app_says_the_database_is_damaged_and_changes_nothing(truncated, start_app):
    db, newest = truncated
    kept = digest(db)
    at = start_app(DEMO_DIR)  # a visitor: the plain message, no server path, no command
    assert texts(at.error) == [
        "The database cannot be opened: it is damaged or it is not a database. smdash changed "
        "nothing in it; the administrator can put back a backup."
    ]
    assert not at.code and str(db.parent) not in " ".join(texts(at.info))
    result = smdash("history", "--db", db)  # the operator's command line names both
    assert f"python -m smdash restore {newest} --db {db}" in result.stderr
    run(at)
    assert digest(db) == kept


def test_a_file_that_is_not_a_database_is_not_replaced_by_a_new_one(db_path, start_app):
    db_path.write_bytes(b"not a database at all\n" * 1000)
    kept = digest(db_path)
    result = smdash("history", "--db", db_path, "--lang", "es")
    assert result.returncode == 3
    assert f"No se puede abrir el archivo de la base de datos {db_path}" in result.stderr
    assert f"No hay ninguna copia de seguridad en {copies.folder(db_path)}." in result.stderr
    assert f"python -m smdash restore FILE --db {db_path}" in result.stderr
    at = start_app(None)
    assert not at.code and texts(at.error)[0].startswith("The database cannot be opened")
    assert digest(db_path) == kept


def test_a_block_damaged_in_place_is_reported_when_read(demo_db):
    """Zeros over the second half (the file keeps its length): found by the blocks' checksums
    when a query reads them, reported like a cut file, and the file is left as it is."""
    data = demo_db.read_bytes()
    half = len(data) // 2
    demo_db.write_bytes(data[:half] + bytes(len(data) - half))
    kept = digest(demo_db)
    result = smdash("summary", "--db", demo_db, "--from", "2025-05-01", "--to", "2026-10-31")
    assert result.returncode == 3
    assert "cannot be opened: it is damaged" in result.stderr
    assert "Corrupt database file" in result.stderr
    assert digest(demo_db) == kept


def test_a_file_duckdb_shortened_itself_is_not_taken_for_a_damaged_one(db_path):
    """DuckDB cuts free blocks off the end of its file: such a file is whole."""
    with store.connect(db_path) as con:
        con.execute("CREATE TABLE big AS SELECT range AS i, random() AS r FROM range(3000000)")
        con.execute("CREATE TABLE small AS SELECT range AS i FROM range(100)")
    with store.connect(db_path) as con:
        con.execute("DROP TABLE big")
        con.execute("CHECKPOINT")
    with store.connect(db_path) as con:
        con.execute("DROP TABLE small")
    with duckdb.connect(str(db_path), read_only=True) as con:
        _, _, block_size, total, *_ = con.execute("PRAGMA database_size").fetchone()
    assert db_path.stat().st_size < store.HEADER_BYTES + total * block_size  # shortened
    store._whole.clear()
    with store.connect(db_path) as con:
        assert store.schema_version(con) == len(MIGRATIONS)


# ---------------------------------------------------------------------------------------------
# The Users page: editors download a backup


def test_the_users_page_offers_an_editor_a_backup_to_download(db_path, start_app):
    at = start_app(None, signed_in(db_path))
    at = run(at.switch_page("pages/users.py"))
    assert "Backups" in texts(at.subheader)
    button = at.download_button(key="backup_download")
    assert button.proto.label == "Download a backup made now"
    assert texts(at.code) == [f"python -m smdash restore FILE --db {db_path}"]
    backups = at.dataframe[-1].value  # after the users and the audit trail
    assert backups.columns.tolist() == ["File", "Made", "Why", "Size"]
    assert backups["Why"].tolist() == ["daily"]  # made by the first page run

    at.number_input(key="backup_keep").set_value(3)
    at = run(at.button(key="backup_keep_save").click())
    assert texts(at.success) == ["smdash now keeps the newest 3 backups."]
    with store.connect(db_path) as con:
        assert copies.keep_count(con) == 3

    # what the button sends when clicked (made then, in the download's own thread)
    data = users_view.fresh_backup(str(db_path), roles.Actor("cm", "editor"))
    saved = db_path.with_name("downloaded.duckdb")
    saved.write_bytes(data)
    assert contents(saved)["users"] == contents(db_path)["users"]
    with store.connect(db_path) as con:
        assert con.execute(
            "SELECT actor, action FROM audit_log ORDER BY audit_id DESC LIMIT 1"
        ).fetchone() == ("cm", "backup.make")
    assert copies.newest(db_path).reason == "download"


def test_a_viewer_cannot_reach_the_backups(db_path, start_app):
    at = start_app(None, signed_in(db_path, "viewer"))
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/users.py")
    with pytest.raises(roles.PermissionDenied):
        users_view.fresh_backup(str(db_path), roles.Actor("boss", "viewer"))
