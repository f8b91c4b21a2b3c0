"""Imports and undos in any order against a model: a key's current row is always the one of the
latest import still applied that holds it, and every import keeps exactly one version per key."""

import random

import pandas as pd
import pytest

from smdash.db import store
from smdash.imports.history import import_history
from smdash.imports.pipeline import import_file, undo_import

DAYS = [f"202603{day:02d}" for day in range(1, 9)]
SOURCES = ["google / organic", "facebook / social", "(direct) / (none)"]


def ga4_export(path, rows: dict[tuple[str, str], int]) -> None:
    lines = [
        "# Start date: 20260301",
        "# End date: 20260308",
        "Date,Session source / medium,Sessions",
    ]
    lines += [f"{day},{source},{sessions}" for (day, source), sessions in sorted(rows.items())]
    path.write_text("\n".join(lines) + "\n")


def current_rows(con) -> dict[tuple[str, str], int]:
    found = con.execute(
        "SELECT strftime(date_from, '%Y%m%d'), source || ' / ' || medium, sessions FROM web_traffic"
    ).fetchall()
    return {(day, source): sessions for day, source, sessions in found}


def expected_rows(applied: list[dict]) -> dict[tuple[str, str], int]:
    expected = {}
    for rows in applied:  # oldest first: a later import wins
        expected.update(rows)
    return expected


@pytest.mark.parametrize("seed", range(8))
def test_any_sequence_of_imports_and_undos_matches_the_model(db_path, tmp_path, seed):
    chance = random.Random(seed)
    keys = [(day, source) for day in DAYS for source in SOURCES]
    exports: list[tuple] = []  # (path, rows) of every export written so far
    imports: dict[int, dict] = {}  # import id -> its rows, in import order
    applied: set[int] = set()
    with store.connect(db_path) as con:
        for step in range(16):
            roll = chance.random()
            if applied and roll < 0.3:
                undone = chance.choice(sorted(applied))
                undo_import(con, undone)
                applied.discard(undone)
                continue
            if exports and roll < 0.55:  # the same export again: often a repeat
                path, rows = chance.choice(exports)
            else:
                held = chance.sample(keys, chance.randint(1, len(keys)))
                rows = {key: chance.choice([3, 5, 8]) for key in held}
                path = tmp_path / f"export-{step}.csv"
                ga4_export(path, rows)
                exports.append((path, rows))
            result = import_file(con, path)
            imports[result.import_id] = rows
            applied.add(result.import_id)
            model = expected_rows([imports[i] for i in sorted(imports) if i in applied])
            assert current_rows(con) == model, f"seed {seed}, step {step}"
            _every_import_holds_one_row_per_key(con, imports)


def _every_import_holds_one_row_per_key(con, imports: dict[int, dict]) -> None:
    """Each import holds each key of its file once: its own rows, or those it repeats."""
    held = dict(
        con.execute(
            """WITH stored AS (
                   SELECT import_id, date_from, source, medium FROM web_traffic
                   UNION ALL
                   SELECT import_id, date_from, source, medium FROM web_traffic_versions)
               SELECT i.import_id, count(*)
               FROM imports i LEFT JOIN import_repeats r USING (import_id)
               JOIN stored s ON s.import_id = coalesce(r.repeat_of, i.import_id)
               GROUP BY i.import_id"""
        ).fetchall()
    )
    assert held == {import_id: len(rows) for import_id, rows in imports.items()}


def test_each_row_is_stored_once_and_an_unchanged_export_again_stores_nothing(con, tmp_path):
    rows = {(day, source): 5 for day in DAYS for source in SOURCES}
    path = tmp_path / "export.csv"
    ga4_export(path, rows)
    first = import_file(con, path)
    stored = (
        "SELECT (SELECT count(*) FROM web_traffic), (SELECT count(*) FROM web_traffic_versions)"
    )
    assert con.execute(stored).fetchone() == (len(rows), 0)
    again = import_file(con, path)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, len(rows))
    assert con.execute(stored).fetchone() == (len(rows), 0)
    assert con.execute("SELECT * FROM import_repeats").fetchall() == [
        (again.import_id, "web_traffic", first.import_id)
    ]
    history = import_history(con).set_index("import_id")["repeat_of"]
    assert history[again.import_id] == first.import_id and pd.isna(history[first.import_id])
    undo_import(con, first.import_id)  # the repeat still holds every row
    assert current_rows(con) == rows


def test_an_overlapping_export_keeps_its_own_copy_of_the_rows_it_repeats(con, tmp_path):
    older, newer = tmp_path / "older.csv", tmp_path / "newer.csv"
    ga4_export(older, {(DAYS[0], SOURCES[0]): 3, (DAYS[1], SOURCES[0]): 4})
    ga4_export(newer, {(DAYS[1], SOURCES[0]): 4, (DAYS[2], SOURCES[0]): 6})
    first, second = import_file(con, older), import_file(con, newer)
    assert (second.counts.added, second.counts.unchanged) == (1, 1)
    assert con.execute("SELECT count(*) FROM import_repeats").fetchone() == (0,)
    versions = "SELECT import_id, sessions FROM web_traffic_versions"
    assert con.execute(versions).fetchall() == [(second.import_id, 4)]
    undo_import(con, first.import_id)
    assert current_rows(con) == {(DAYS[1], SOURCES[0]): 4, (DAYS[2], SOURCES[0]): 6}


def test_a_file_from_before_step_9_loses_only_the_copies_of_current_rows(db_path, tmp_path):
    older, newer = tmp_path / "older.csv", tmp_path / "newer.csv"
    ga4_export(older, {(DAYS[0], SOURCES[0]): 3, (DAYS[1], SOURCES[0]): 4})
    ga4_export(newer, {(DAYS[1], SOURCES[0]): 9})
    with store.connect(db_path) as con:
        first, second = import_file(con, older), import_file(con, newer)
        # as schema 8 kept them: every row of every import in the versions, current ones too;
        # without what later steps add (m0010's repeats, m0011's answers, m0012's skipped rows,
        # the toolkit, the report by e-mail, the calendar's themes and hours, the
        # actions' shared results)
        con.execute(
            """INSERT INTO web_traffic_versions SELECT * FROM web_traffic;
               DROP TABLE import_repeats;
               ALTER TABLE imports DROP COLUMN answers;
               ALTER TABLE import_parts DROP COLUMN rows_skipped;
               ALTER TABLE import_parts DROP COLUMN skip_reason;
               DROP VIEW toolkit_protocol;
               DROP VIEW toolkit_current;
               DROP TABLE toolkit_versions;
               DROP SEQUENCE toolkit_item_seq;
               ALTER TABLE users DROP COLUMN email;
               ALTER TABLE users DROP COLUMN report_cadence;
               ALTER TABLE users DROP COLUMN report_lang;
               DROP TABLE report_outbox;
               DROP TABLE themes;
               DROP SEQUENCE theme_seq;
               DROP TABLE post_themes;
               ALTER TABLE calendar_entries DROP COLUMN theme_id;
               ALTER TABLE calendar_entries DROP COLUMN piece_type;
               ALTER TABLE calendar_entries DROP COLUMN hours_estimated;
               ALTER TABLE calendar_entries DROP COLUMN hours_spent;
               ALTER TABLE calendar_entries DROP COLUMN permalink;
               ALTER TABLE review_items DROP COLUMN hours;
               ALTER TABLE review_items DROP COLUMN result_per_hour;
               ALTER TABLE review_items DROP COLUMN shared_result;
               ALTER TABLE review_items DROP COLUMN shared_with;
               UPDATE meta SET value = '8' WHERE key = 'schema_version'"""
        )
    with store.connect(db_path) as con:
        assert store.schema_version(con) == store.latest_version()
        versions = "SELECT import_id, sessions FROM web_traffic_versions ORDER BY ALL"
        assert con.execute(versions).fetchall() == [(first.import_id, 4)]
        undo_import(con, second.import_id)
        assert current_rows(con) == {(DAYS[0], SOURCES[0]): 3, (DAYS[1], SOURCES[0]): 4}
