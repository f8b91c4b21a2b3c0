"""Imports and undos in any order against a model: a key's current row is always the one of the
latest import still applied that holds it, and every import keeps exactly one version per key."""

import random

import pytest

from smdash import store
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


@pytest.mark.parametrize("seed", range(6))
def test_any_sequence_of_imports_and_undos_matches_the_model(db_path, tmp_path, seed):
    chance = random.Random(seed)
    keys = [(day, source) for day in DAYS for source in SOURCES]
    imports: dict[int, dict] = {}  # import id -> its rows, in import order
    applied: set[int] = set()
    with store.connect(db_path) as con:
        for step in range(14):
            if applied and chance.random() < 0.35:
                undone = chance.choice(sorted(applied))
                undo_import(con, undone)
                applied.discard(undone)
            else:
                held = chance.sample(keys, chance.randint(1, len(keys)))
                rows = {key: chance.choice([3, 5, 8]) for key in held}
                path = tmp_path / f"export-{step}.csv"
                ga4_export(path, rows)
                result = import_file(con, path)
                imports[result.import_id] = rows
                applied.add(result.import_id)
            model = expected_rows([imports[i] for i in sorted(imports) if i in applied])
            assert current_rows(con) == model, f"seed {seed}, step {step}"
            _every_import_keeps_one_version_per_key(con, imports)


def _every_import_keeps_one_version_per_key(con, imports: dict[int, dict]) -> None:
    held = dict(
        con.execute(
            """SELECT import_id, count(*) FROM (
                   SELECT import_id, date_from, source, medium FROM web_traffic
                   UNION ALL
                   SELECT import_id, date_from, source, medium FROM web_traffic_versions)
               GROUP BY import_id"""
        ).fetchall()
    )
    assert held == {import_id: len(rows) for import_id, rows in imports.items()}


def test_a_reimport_writes_each_row_once_and_a_first_import_too(con, tmp_path):
    rows = {(day, source): 5 for day in DAYS for source in SOURCES}
    path = tmp_path / "export.csv"
    ga4_export(path, rows)
    import_file(con, path)
    counts = (
        "SELECT (SELECT count(*) FROM web_traffic), (SELECT count(*) FROM web_traffic_versions)"
    )
    assert con.execute(counts).fetchone() == (len(rows), 0)
    again = import_file(con, path)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, len(rows))
    assert con.execute(counts).fetchone() == (len(rows), len(rows))


def test_a_file_from_before_step_9_loses_only_the_copies_of_current_rows(db_path, tmp_path):
    older, newer = tmp_path / "older.csv", tmp_path / "newer.csv"
    ga4_export(older, {(DAYS[0], SOURCES[0]): 3, (DAYS[1], SOURCES[0]): 4})
    ga4_export(newer, {(DAYS[1], SOURCES[0]): 9})
    with store.connect(db_path) as con:
        first, second = import_file(con, older), import_file(con, newer)
        # as schema 8 kept them: every row of every import in the versions, current ones too
        con.execute(
            """INSERT INTO web_traffic_versions SELECT * FROM web_traffic;
               UPDATE meta SET value = '8' WHERE key = 'schema_version'"""
        )
    with store.connect(db_path) as con:
        assert store.schema_version(con) == store.latest_version()
        versions = "SELECT import_id, sessions FROM web_traffic_versions ORDER BY ALL"
        assert con.execute(versions).fetchall() == [(first.import_id, 4)]
        undo_import(con, second.import_id)
        assert current_rows(con) == {(DAYS[0], SOURCES[0]): 3, (DAYS[1], SOURCES[0]): 4}
