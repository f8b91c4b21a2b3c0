"""Files that try to hurt the importer (issue 14): each gets a message naming the file, in a
reading process of its own, and the caller, the database and the other files carry on."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import hostile_files as h
import pytest
from conftest import smdash

from smdash.access.roles import SYSTEM, acting_as
from smdash.core import settings
from smdash.db import store
from smdash.imports import isolate, pipeline, sniff
from smdash.imports.errors import ImportFailed


def import_one(db_path: Path, path: Path, file_name: str | None = None):
    with acting_as(SYSTEM):
        return pipeline.import_path(lambda: store.connect(db_path), path, file_name)


def refusal(db_path: Path, path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        import_one(db_path, path)
    return caught.value


@pytest.mark.parametrize("corner", ["XFD1048576", "CV1000000"])
def test_a_sparse_sheet_is_refused_before_it_is_loaded(tmp_path, db_path, corner):
    path = h.sparse_xlsx(tmp_path, corner)
    assert path.stat().st_size < 20_000
    exc = refusal(db_path, path)
    assert exc.code == "sheet_too_large"
    assert exc.message("en").startswith(f"sparse.xlsx: a sheet spans A1:{corner},")
    assert "smdash reads sheets of up to 20,000,000 cells" in exc.message("en")
    good = tmp_path / "good.csv"
    good.write_text(h.GOOD_CSV)
    assert import_one(db_path, good).counts.added == 2  # this process and the file carry on


def test_a_sparse_sheet_that_hides_its_size_is_stopped_by_the_memory_limit(tmp_path, db_path):
    path = h.without_dimension(h.sparse_xlsx(tmp_path))
    exc = refusal(db_path, path)
    assert exc.code == "too_demanding"
    assert exc.message("en").startswith("Reading nodim-sparse.xlsx needed more than the 4096 MB")


def test_the_reading_process_has_a_memory_and_a_time_limit():
    limits = isolate.Limits(3 * 2**30, 2)
    with pytest.raises(ImportFailed) as caught:
        isolate.run(h.hog, (8 * 2**30,), "hog.csv", limits)
    assert caught.value.code == "too_demanding"
    assert isolate.run(h.hog, (2**20,), "small.csv", limits) == 2**20
    started = time.monotonic()
    with pytest.raises(ImportFailed) as caught:
        isolate.run(h.sleeper, (60,), "slow.csv", limits)
    assert caught.value.code == "too_slow" and time.monotonic() - started < 10
    assert "Reading slow.csv took longer than 2 s" in caught.value.message("en")


@pytest.mark.parametrize(
    ("maker", "name", "words"),
    [
        (h.bad_crc_zip, "badcrc.zip", "badcrc.zip could not be read: it is damaged"),
        (h.broken_xml_xlsx, "broken.xlsx", "broken.xlsx could not be read: it is damaged"),
        (h.entity_xlsx, "entities.xlsx", "entities.xlsx"),
    ],
)
def test_broken_archives_and_xml_get_a_message_naming_the_file(
    tmp_path, db_path, snapshot, maker, name, words
):
    with store.connect(db_path) as con:
        before = snapshot(con)
    exc = refusal(db_path, maker(tmp_path))
    text = exc.message("en")
    assert text.startswith(words) and "Traceback" not in text and str(tmp_path) not in text
    with store.connect(db_path) as con:
        assert snapshot(con) == before


def test_a_cli_batch_goes_on_after_bad_files_and_exits_1(tmp_path, db_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a_good.csv").write_text(h.GOOD_CSV)
    h.bad_crc_zip(folder, "b_badcrc.zip")
    h.entity_xlsx(folder, "c_entities.xlsx")
    h.broken_xml_xlsx(folder, "d_broken.xlsx")
    h.sparse_xlsx(folder, name="e_sparse.xlsx")
    (folder / "base.xlsx").unlink()
    (folder / "f_good.csv").write_text(h.GOOD_CSV.replace("20261002", "20261003"))
    done = smdash("import", "--db", db_path, folder)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("a_good.csv: ga4_traffic_acquisition: 2 added")
    for name in ("b_badcrc.zip", "c_entities.xlsx", "d_broken.xlsx", "e_sparse.xlsx"):
        assert any(line.startswith(f"{name}: ERROR ") for line in lines), done.stdout
    assert lines[5].startswith("f_good.csv: ga4_traffic_acquisition: 1 added, 0 updated, 1 unch")
    assert "2 imported, 0 already imported, 4 failed" in lines[6]
    assert "Traceback" not in done.stdout + done.stderr


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, db_path):
    bomb = h.zip_bomb(tmp_path, 300 * 2**20)
    assert bomb.stat().st_size < 2**20
    exc = refusal(db_path, bomb)
    assert exc.code == "zip_bomb"
    assert "'traffic.csv' would expand more than 200 times" in exc.message("en")
    assert not list(Path(tmp_path).glob("smdash-zip-*"))


def test_expansion_limits_count_the_whole_zip_and_the_limit_itself(tmp_path):
    many = tmp_path / "many.zip"
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(40):
            archive.writestr(f"part{i}.csv", h.GA4_HEADER + "\n" + " " * (900 * 1024))
    with zipfile.ZipFile(many) as archive:
        members = archive.infolist()
    assert all(m.file_size < sniff.MIN_RATIO_BYTES for m in members)  # no member alone
    with pytest.raises(ImportFailed) as caught:
        sniff.check_expansion(members, "many.zip", many.stat().st_size, 2**30)
    assert caught.value.code == "zip_bomb_total"
    total = sum(m.file_size for m in members)
    with pytest.raises(ImportFailed) as caught:  # exactly the limit is refused (>=)
        sniff.check_expansion(members, "many.zip", total, total)
    assert caught.value.code == "too_big"
    exact = tmp_path / "exact.csv"
    exact.write_text(h.GOOD_CSV)
    with pytest.raises(ImportFailed) as caught:
        sniff.sniff(exact, "exact.csv", max_bytes=exact.stat().st_size)
    assert caught.value.code == "too_big"


def test_a_csv_of_200000_columns_is_not_called_empty(tmp_path, db_path):
    exc = refusal(db_path, h.wide_csv(tmp_path))
    assert exc.code == "first_line_too_long"
    assert exc.message("en").startswith("wide.csv: its first line is longer than 64 KB (at least")


def test_a_20_mb_cell_is_named_as_such(tmp_path, db_path):
    exc = refusal(db_path, h.big_cell_csv(tmp_path))
    assert exc.message("en").startswith("bigcell.csv, line 4: the row is longer than 2 MB")


def test_nul_and_bidi_controls_are_removed_from_names_and_labels(tmp_path, db_path):
    path = h.late_nul_csv(tmp_path)
    assert b"\x00" in path.read_bytes()[64 * 1024 :]
    text = path.read_text().replace("c7,", "gnp\u202e.exe,")
    path.write_text(text)
    result = import_one(db_path, path, "report\u202egnp.exe\x00.csv")
    assert result.prepared.file_name == "reportgnp.exe.csv"
    with store.connect(db_path) as con:
        campaigns = {c for (c,) in con.execute("SELECT campaign FROM web_traffic").fetchall()}
        names = con.execute("SELECT file_name FROM imports").fetchall()
    assert "springsale" in campaigns and "gnp.exe" in campaigns
    assert not any(ch in c for c in campaigns for ch in "\x00\u202e")
    assert names == [("reportgnp.exe.csv",)]


def test_the_database_is_closed_while_a_file_is_read(tmp_path, db_path, sample):
    events = []

    class Watched:
        def __enter__(self):
            events.append("open")
            self.inner = store.connect(db_path)
            return self.inner.__enter__()

        def __exit__(self, *exc):
            events.append("close")
            return self.inner.__exit__(*exc)

    def progress(stage, fraction):
        events.append(stage)

    with acting_as(SYSTEM):
        pipeline.import_path(
            Watched, sample("ga4_traffic_acquisition_source_medium.csv"), progress=progress
        )
    assert events[:2] == ["open", "close"]  # a look at the saved mappings
    reading = events[2 : events.index("open", 2)]
    assert reading and set(reading) <= {"reading", "checking"}  # read with the database closed
    assert events[-4:] == ["open", "writing", "done", "close"]  # opened for the write alone
    assert not list(tmp_path.glob("smdash-stage-*"))


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        (settings.IDLE_MINUTES, "inf", False),
        (settings.IDLE_MINUTES, "-5", False),
        (settings.IDLE_MINUTES, "nan", False),
        (settings.IDLE_MINUTES, "abc", False),
        (settings.IDLE_MINUTES, "90", True),
        (settings.IMPORT_MEMORY_MB, "512", False),
        (settings.IMPORT_MEMORY_MB, "8192", True),
        (settings.IMPORT_SECONDS, "0", False),
        (settings.IMPORT_SECONDS, "120", True),
    ],
)
def test_settings_are_checked(name, value, ok):
    found = settings.problems({name: value})
    assert (not found) == ok
    if not ok:
        assert found[0].message("en").startswith(f"The setting {name} is '{value}': it must be")


def test_the_cli_refuses_to_start_with_a_bad_setting(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.IDLE_MINUTES, "inf")
    done = smdash("history", "--db", tmp_path / "x.duckdb")
    assert done.returncode == 2
    assert "The setting SMDASH_SESSION_IDLE_MINUTES is 'inf'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_full_disk_fails_one_file_of_a_cli_batch(tmp_path, db_path, monkeypatch, capsys):
    import duckdb

    from smdash import cli

    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a.csv").write_text(h.GOOD_CSV)
    (folder / "b.csv").write_text(h.GOOD_CSV.replace("20261002", "20261005"))
    real = pipeline._write_parts

    def full_once(con, prepared, *args):
        if prepared.file_name == "a.csv":
            raise duckdb.IOException('Could not write to file "x.wal": No space left on device')
        return real(con, prepared, *args)

    monkeypatch.setattr(pipeline, "_write_parts", full_once)
    assert cli.main(["import", "--db", str(db_path), str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("a.csv: ERROR The server's disk is full")
    assert lines[1].startswith("b.csv: ga4_traffic_acquisition: 2 added")
