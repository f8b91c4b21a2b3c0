"""Folder imports: ``python -m smdash import DIR`` imports a folder's files not imported before."""

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import smdash

from smdash import cli
from smdash.db import store
from smdash.imports import folder as folder_import
from smdash.imports import pipeline

SUMMARY = "{} imported, {} already imported, {} failed, {} ignored (not CSV, TSV, XLSX, ZIP)"
FIRST_RUN = [
    "2026-03/tiktok_content.csv: tiktok_content: 9 added, 0 updated, 0 unchanged (import #1)",
    "both.zip: meta_instagram_posts + youtube_table_data: 23 added, 0 updated, 0 unchanged "
    "(import #2)",
    "linkedin_content.xlsx: linkedin_posts + linkedin_daily_metrics: 228 added, 0 updated, "
    "0 unchanged (import #3)",
    "meta_facebook_posts.csv: meta_facebook_posts: 20 added, 0 updated, 0 unchanged (import #4)",
    SUMMARY.format(4, 0, 0, 1),
]


@pytest.fixture
def exports(tmp_path, sample):
    """A CM's exports folder: files, a month's sub-folder, a zip of two exports, a PDF, and the
    hidden and temporary files that must be left alone."""
    root = tmp_path / "exports"
    (root / "2026-03").mkdir(parents=True)
    (root / ".trash").mkdir()
    for name in ("meta_facebook_posts.csv", "linkedin_content.xlsx"):
        shutil.copy(sample(name), root / name)
    shutil.copy(sample("tiktok_content.csv"), root / "2026-03" / "tiktok_content.csv")
    with zipfile.ZipFile(root / "both.zip", "w") as archive:
        for name in ("meta_instagram_posts.csv", "youtube_table_data.csv"):
            archive.write(sample(name), name)
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not an export")
    shutil.copy(sample("x_tweet_activity.csv"), root / ".trash" / "x_tweet_activity.csv")
    shutil.copy(sample("x_tweet_activity.csv"), root / ".hidden.csv")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "~$linkedin_content.xlsx").write_bytes(b"\x00lock")
    return root


def contents(db_path, snapshot):
    with store.connect(db_path) as con:
        return snapshot(con)


def test_a_folder_imported_twice_imports_nothing_the_second_time(db_path, exports, snapshot):
    first = smdash("import", "--db", db_path, exports)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout.splitlines() == FIRST_RUN
    before = contents(db_path, snapshot)
    with store.connect(db_path) as con:
        logged = con.execute("SELECT file_name, sha256 FROM imports ORDER BY 1").fetchall()
    files = (
        "both.zip",
        "linkedin_content.xlsx",
        "meta_facebook_posts.csv",
        "2026-03/tiktok_content.csv",
    )
    # the hash of each file as it lies in the folder (the zip's own) is what a second run finds
    assert logged == [
        (Path(f).name, hashlib.sha256((exports / f).read_bytes()).hexdigest()) for f in files
    ]

    again = smdash("import", "--db", db_path, exports)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout.splitlines() == [
        "2026-03/tiktok_content.csv: already imported (import #1)",
        "both.zip: already imported (import #2)",
        "linkedin_content.xlsx: already imported (import #3)",
        "meta_facebook_posts.csv: already imported (import #4)",
        SUMMARY.format(0, 4, 0, 1),
    ]
    assert contents(db_path, snapshot) == before


def test_a_failed_file_stops_nothing_and_changes_nothing(db_path, exports, sample, snapshot):
    cut = sample("meta_instagram_posts.csv").read_bytes()[:3000]
    (exports / "2026-03" / "instagram_cut.csv").write_bytes(cut)
    (exports / "broken.xlsx").write_bytes(sample("linkedin_content.xlsx").read_bytes()[:2000])
    first = smdash("import", "--db", db_path, exports)
    assert first.returncode == 1
    lines = first.stdout.splitlines()
    assert lines[0].startswith(
        "2026-03/instagram_cut.csv: ERROR instagram_cut.csv, line 13: the row does not have "
        "the columns of the header"
    ) and lines[0].endswith("Is the file cut short?")
    broken = (
        "broken.xlsx: ERROR broken.xlsx could not be opened as an XLSX spreadsheet "
        "(File is not a zip file)."
    )
    assert lines[1:] == [*FIRST_RUN[:2], broken, *FIRST_RUN[2:4], SUMMARY.format(4, 0, 2, 1)]

    before = contents(db_path, snapshot)  # a failed file is tried again, and changes nothing
    again = smdash("import", "--db", db_path, exports)
    assert again.returncode == 1
    assert again.stdout.splitlines() == [
        lines[0],
        "2026-03/tiktok_content.csv: already imported (import #1)",
        "both.zip: already imported (import #2)",
        broken,
        "linkedin_content.xlsx: already imported (import #3)",
        "meta_facebook_posts.csv: already imported (import #4)",
        SUMMARY.format(0, 4, 2, 1),
    ]
    assert contents(db_path, snapshot) == before


def test_an_undone_import_is_skipped_and_a_named_file_is_imported(db_path, exports):
    smdash("import", "--db", db_path, exports)
    assert smdash("undo", "--db", db_path, 4).returncode == 0
    facebook = exports / "meta_facebook_posts.csv"
    again = smdash("import", "--db", db_path, exports, facebook)
    assert again.returncode == 0
    assert again.stdout.splitlines()[3:] == [
        "meta_facebook_posts.csv: skipped: imported before as #4, which was undone "
        "(name the file to import it again)",
        # named on its own, a file is imported as always
        "meta_facebook_posts.csv: meta_facebook_posts: 20 added, 0 updated, 0 unchanged "
        "(import #5)",
        SUMMARY.format(1, 4, 0, 1),
    ]
    # applied again (#5): the folder's copy is now already imported as #5, the first applied
    third = smdash("import", "--db", db_path, "--lang", "es", exports, facebook)
    assert third.stdout.splitlines()[3:] == [
        "meta_facebook_posts.csv: ya importado (importación n.º 5)",
        "meta_facebook_posts.csv: meta_facebook_posts: 0 added, 0 updated, 20 unchanged "
        "(import #6)",
        "importados: 1; ya importados antes: 4; con error: 0; ignorados: 1 "
        "(no son CSV, TSV, XLSX, ZIP)",
    ]


def test_the_same_content_twice_in_one_folder_is_imported_once(db_path, tmp_path, sample):
    root = tmp_path / "exports"
    (root / "march").mkdir(parents=True)
    shutil.copy(sample("tiktok_content.csv"), root / "tiktok.csv")
    shutil.copy(sample("tiktok_content.csv"), root / "march" / "tiktok copy.csv")
    result = smdash("import", "--db", db_path, root)
    assert result.stdout.splitlines() == [
        "march/tiktok copy.csv: tiktok_content: 9 added, 0 updated, 0 unchanged (import #1)",
        "tiktok.csv: already imported (import #1)",
        SUMMARY.format(1, 1, 0, 0),
    ]


def test_an_empty_folder_and_a_missing_one(db_path, tmp_path):
    (tmp_path / "empty").mkdir()
    empty = smdash("import", "--db", db_path, tmp_path / "empty")
    assert (empty.returncode, empty.stdout.splitlines()) == (0, [SUMMARY.format(0, 0, 0, 0)])
    missing = smdash("import", "--db", db_path, tmp_path / "nowhere")
    assert missing.returncode == 1
    assert missing.stdout.splitlines() == [
        f"nowhere: ERROR {tmp_path / 'nowhere'} does not exist, or is neither a file nor a folder."
    ]


def test_an_unexpected_error_is_that_files_failure_and_writes_nothing(
    db_path, tmp_path, sample, monkeypatch, capsys
):
    """Any exception, not only a refusal, is one file's failure line; its transaction is rolled
    back and the next file is imported."""
    root = tmp_path / "exports"
    root.mkdir()
    for name in ("meta_facebook_posts.csv", "tiktok_content.csv"):
        shutil.copy(sample(name), root / name)
    log = pipeline._log

    def failing_log(con, import_id, prepared):
        log(con, import_id, prepared)  # the rows and the log are written, then it fails
        if prepared.file_name == "meta_facebook_posts.csv":
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "_log", failing_log)
    assert cli.main(["import", "--db", str(db_path), str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "meta_facebook_posts.csv: ERROR unexpected problem, nothing was written "
        "(RuntimeError: disk on fire)"
    )
    assert lines[1].startswith("tiktok_content.csv: tiktok_content: 9 added")
    with store.connect(db_path) as con:
        assert con.execute("SELECT file_name FROM imports").fetchall() == [("tiktok_content.csv",)]
        assert con.execute("SELECT count(*) FROM posts WHERE platform = 'facebook'").fetchone() == (
            0,
        )
    monkeypatch.setattr(pipeline, "_log", log)
    assert cli.main(["import", "--db", str(db_path), str(root)]) == 0
    assert (
        capsys.readouterr()
        .out.splitlines()[0]
        .startswith("meta_facebook_posts.csv: meta_facebook_posts: 20 added")
    )


def test_folder_files_are_the_readable_exports_in_name_order(tmp_path):
    root = tmp_path / "exports"
    for name in (
        "b.CSV",
        "a.xlsx",
        "z/c.tsv",
        "z/y/d.zip",
        "10.csv",
        "2.csv",
        "notes.txt",
        "report.pdf",
        ".hidden.csv",
        "~$a.xlsx",
        ".git/e.csv",
        "~tmp/f.csv",
        "z/.~lock.a.xlsx#",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    (root / "linked").symlink_to(root / "z", target_is_directory=True)  # not followed
    files, ignored = folder_import.folder_files(root)
    assert [f.relative_to(root).as_posix() for f in files] == [
        "10.csv",
        "2.csv",
        "a.xlsx",
        "b.CSV",
        "z/c.tsv",
        "z/y/d.zip",
    ]
    assert [f.name for f in ignored] == ["notes.txt", "report.pdf"]


def test_a_folder_that_cannot_be_read_is_a_failure(db_path, tmp_path, monkeypatch, capsys):
    root = tmp_path / "exports"
    root.mkdir()

    def walk(top, onerror):  # running as root, permissions would not stop the real walk
        onerror(PermissionError(13, "Permission denied", str(top / "private")))
        yield str(top), [], []

    monkeypatch.setattr(folder_import.os, "walk", walk)
    assert cli.main(["import", "--db", str(db_path), str(root)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "private: ERROR private: the folder could not be read (Permission denied).",
        SUMMARY.format(0, 0, 1, 0),
    ]
