"""Refused files in the import log (``refusal_log``), from the CLI too; an import's totals for
undo's confirmation (``history.import_totals``)."""

import json

import pytest
from conftest import smdash

from smdash.core.i18n import t
from smdash.imports import refusal_log
from smdash.imports.errors import ImportFailed
from smdash.imports.history import ImportTotals, import_totals
from smdash.imports.pipeline import import_file, undo_import
from smdash.imports.sniff import sha256_of

EVENTS = (
    "# ----------------------------------------\n# Events\n# Account: Azahar\n"
    "# ----------------------------------------\n\n"
    "Event name,Event count,Total users\npage_view,100,50\n"
)


@pytest.fixture
def files(tmp_path, sample):
    """A GA4 events report (a known export smdash does not import) and a Facebook posts export
    with a word where a number goes."""
    events = tmp_path / "events.csv"
    events.write_text(EVENTS)
    posts = sample("meta_facebook_posts.csv").read_text(encoding="utf-8-sig")
    bad = tmp_path / "fb_bad.csv"
    bad.write_text(posts.replace(",Lifetime,637,", ",Lifetime,lots,", 1))
    return {"events": events, "bad": bad}


def refused(con, path):
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    return caught.value


def test_a_refusal_is_kept_with_its_reason_and_next_step(con, files):
    exc = refused(con, files["bad"])
    assert exc.params["detected"] == "meta_facebook_posts"  # what the file was taken for
    refusal_log.record_refusal(con, "fb_bad.csv", sha256_of(files["bad"]), exc)
    events = refused(con, files["events"])
    refusal_log.record_refusal(con, "events.csv", sha256_of(files["events"]), events)

    newest, older = refusal_log.refused_files(con)
    assert (newest.file_name, newest.detected) == ("events.csv", None)
    assert newest.sha256 == sha256_of(files["events"])
    assert newest.reason.message("en").startswith("events.csv is a Google Analytics 4 events")
    assert t(newest.next_step, "en") == (
        "Download the export the message names instead, and import that file."
    )
    assert (older.file_name, older.detected) == ("fb_bad.csv", "meta_facebook_posts")
    assert older.reason.message("es").startswith("fb_bad.csv, fila 2, columna 'Views'")
    assert older.next_step == "refused.next_fix_file"
    assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0  # nothing to undo


def test_the_same_file_refused_again_is_logged_once(con, files):
    exc, sha = refused(con, files["events"]), sha256_of(files["events"])
    for _ in range(2):
        refusal_log.record_refusal(con, "events.csv", sha, exc)
    refusal_log.record_refusal(con, "renamed.csv", sha, exc)  # another name: another entry
    names = [r.file_name for r in refusal_log.refused_files(con)]
    assert names == ["renamed.csv", "events.csv"]


def test_the_mapping_header_is_not_kept(con):
    exc = ImportFailed("unknown_format", file="x.csv", known="…", header=["a", "b"])
    refusal_log.record_refusal(con, "x.csv", None, exc)
    params = con.execute("SELECT params FROM import_refusals").fetchone()[0]
    assert json.loads(params) == {"file": "x.csv", "known": "…"}
    assert refusal_log.refused_files(con)[0].next_step == "refused.next_map_columns"


@pytest.mark.parametrize(
    ("code", "step"),
    [
        ("refused_tiktok_viewers", "refused.next_other_export"),
        ("binary", "refused.next_download_again"),
        ("too_big", "refused.next_smaller_file"),
        ("disk_full", "refused.next_server_space"),
        ("duplicate_key", "refused.next_fix_file"),
        ("a_code_added_later", "refused.next_fix_file"),
    ],
)
def test_next_step_by_code(code, step):
    assert refusal_log.next_step(code) == step


def test_every_next_step_is_written_in_english_and_spanish():
    steps = {*refusal_log.NEXT_STEPS, refusal_log.FIX_THE_FILE}
    for lang in ("en", "es"):
        for step in steps:
            key = f"refused.next_{step}"
            assert t(key, lang) != key, (lang, key)


def test_the_cli_records_a_refused_file_and_its_history_shows_it(db_path, files, sample):
    result = smdash("import", "--db", db_path, sample("meta_facebook_posts.csv"), files["bad"])
    assert result.returncode == 1
    history = smdash("history", "--db", db_path)
    assert history.returncode == 0, history.stderr
    lines = history.stdout.splitlines()
    refused_at = lines.index("Refused files:")
    assert "meta_facebook_posts.csv" in "\n".join(lines[:refused_at])
    (line,) = lines[refused_at + 1 :]
    when, name, detected, reason, step = line.split("\t")
    assert (name, detected) == ("fb_bad.csv", "meta_facebook_posts")
    assert reason == "fb_bad.csv, row 2, column 'Views': expected a whole number, found 'lots'."
    assert step.startswith("Correct what the message names in the file")
    spanish = smdash("history", "--db", db_path, "--lang", "es").stdout
    assert "Archivos rechazados:" in spanish and "fb_bad.csv, fila 2, columna 'Views'" in spanish


def test_import_totals_add_up_every_part(con, sample):
    first = import_file(con, sample("linkedin_content.xlsx"))  # two parts: posts and metrics
    again = import_file(con, sample("linkedin_content.xlsx"))
    parts = con.execute(
        "SELECT sum(rows_added) FROM import_parts WHERE import_id = ?", [first.import_id]
    ).fetchone()[0]
    totals = import_totals(con, first.import_id)
    assert totals == ImportTotals(first.import_id, "linkedin_content.xlsx", parts, 0, 0, "applied")
    assert totals.added == first.counts.added > 0
    assert import_totals(con, again.import_id).added == 0
    undo_import(con, again.import_id)
    assert import_totals(con, again.import_id).status == "undone"
    assert import_totals(con, 99) is None
