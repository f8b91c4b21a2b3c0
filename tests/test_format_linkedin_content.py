"""LinkedIn Page content export: All posts as posts, Metrics as daily figures."""

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from smdash.db import store
from smdash.imports.errors import ImportFailed
from smdash.imports.history import import_history
from smdash.imports.pipeline import import_file, undo_import

OWN = Path(__file__).resolve().parent / "fixtures"
CONTENT = OWN / "exports" / "linkedin_content.xlsx"
FIGURES = "published_at, impressions, clicks, reactions, comments, shares, engagements"


def _post(con, post_id: str) -> tuple:
    sql = f"SELECT {FIGURES} FROM posts WHERE platform = 'linkedin' AND post_id = ?"
    return con.execute(sql, [post_id]).fetchone()


def _file_rates() -> dict[str, float]:
    rows = CalamineWorkbook.from_path(str(CONTENT)).get_sheet_by_name("All posts").to_python()
    header = rows[1]
    link, rate = header.index("Post link"), header.index("Engagement rate")
    return {row[link].rsplit(":", 1)[1]: row[rate] for row in rows[2:]}


def test_all_posts_totals_and_range(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, CONTENT)
        sums = con.execute(
            "SELECT count(*), sum(impressions), sum(clicks), sum(reactions), sum(comments), "
            "sum(shares), sum(engagements), count(link_clicks) FROM posts"
        ).fetchone()
    # the file is two parts, All posts (posts) and Metrics (daily figures), in one import
    assert [(p.format.name, p.source, p.rows) for p in result.prepared.parts] == [
        ("linkedin_posts", "linkedin_content.xlsx [All posts]", 11),
        ("linkedin_daily_metrics", "linkedin_content.xlsx [Metrics]", 31 * 7),
    ]
    assert result.prepared.format.name == "linkedin_posts"
    assert (result.prepared.platform, result.prepared.account) == ("linkedin", "")
    assert result.prepared.date_from == dt.date(2026, 3, 1)
    assert result.prepared.date_to == dt.date(2026, 3, 31)
    assert sums == (11, 21130, 671, 284, 57, 39, 1051, 0)


def test_both_sheets_land_in_one_import_logged_per_part_and_undone_together(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, CONTENT)
        history = import_history(con)
        counted = con.execute(
            "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM account_daily)"
        ).fetchone()
        undo_import(con, result.import_id)
        after_undo = con.execute(
            "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM account_daily)"
        ).fetchone()
    assert counted == (11, 217)
    assert history[["import_id", "part", "format", "rows_added"]].values.tolist() == [
        [result.import_id, 1, "linkedin_posts", 11],
        [result.import_id, 2, "linkedin_daily_metrics", 217],
    ]
    assert (result.counts.added, result.counts.updated, result.counts.unchanged) == (228, 0, 0)
    assert after_undo == (0, 0)


def test_a_bad_cell_in_one_sheet_writes_neither(tmp_path):
    book = load_workbook(CONTENT)
    book["Metrics"]["D5"] = "lots"
    book.save(tmp_path / "bad_metrics.xlsx")
    with store.connect(tmp_path / "t.duckdb") as con:
        with pytest.raises(ImportFailed) as failed:
            import_file(con, tmp_path / "bad_metrics.xlsx")
        assert con.execute("SELECT count(*) FROM posts").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM imports").fetchone() == (0,)
    assert failed.value.message() == (
        "bad_metrics.xlsx [Metrics], row 5, column 'Impressions (total)': expected a whole "
        "number, found 'lots'."
    )


def test_all_posts_one_post_and_ids_as_text(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, CONTENT)
        post = _post(con, "7306746521077608357")
        post_type, permalink = con.execute(
            "SELECT post_type, permalink FROM posts WHERE post_id = '7306746521077608357'"
        ).fetchone()
    assert post == (dt.datetime(2026, 3, 23), 292, 18, 7, 4, 0, 29)
    assert post_type == "Video"
    assert permalink.endswith("urn:li:activity:7306746521077608357")


def test_engagements_over_impressions_match_the_files_rate(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, CONTENT)
        ours = dict(
            con.execute("SELECT post_id, round(engagements / impressions, 4) FROM posts").fetchall()
        )
    assert ours == _file_rates()


def test_reimport_is_unchanged(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, CONTENT)
        again = import_file(con, CONTENT)
    assert [
        (p.counts.added, p.counts.updated, p.counts.unchanged) for p in again.prepared.parts
    ] == [
        (0, 0, 11),
        (0, 0, 217),
    ]


def test_metrics_sheet_as_daily_figures(tmp_path):
    book = load_workbook(CONTENT)
    del book["All posts"]
    book.save(tmp_path / "metrics_only.xlsx")
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, tmp_path / "metrics_only.xlsx")
        sums = dict(
            con.execute("SELECT metric, sum(value) FROM account_daily GROUP BY metric").fetchall()
        )
        first_day = con.execute(
            "SELECT value FROM account_daily WHERE day = '2026-03-01' AND metric = 'engagements'"
        ).fetchone()
        again = import_file(con, tmp_path / "metrics_only.xlsx")
    assert result.prepared.format.name == "linkedin_daily_metrics"
    assert result.prepared.rows == 31 * 7
    assert (result.prepared.date_from, result.prepared.date_to) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
    )
    assert sums == {
        "impressions": 16998,
        "reach": 11483,
        "clicks": 1034,
        "reactions": 429,
        "comments": 438,
        "shares": 396,
        "engagements": 2297,
    }
    assert first_day == (48 + 7 + 22 + 12,)
    assert again.counts.unchanged == 31 * 7


def test_pre_2022_update_headers(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, OWN / "linkedin_content_2021.xlsx")
        # MM/DD/YYYY even when every day is 12 or less; a urn:li:share link gives its number
        assert _post(con, "6752000000000000001") == (
            dt.datetime(2021, 1, 5),
            1500,
            30,
            12,
            2,
            1,
            45,
        )
        assert _post(con, "6766000000000000002") == (dt.datetime(2021, 2, 3), 820, 11, 9, 0, 2, 22)
    assert result.prepared.format.name == "linkedin_posts"


def test_spanish_headers_and_day_first_dates(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, OWN / "linkedin_content_es.xlsx")
        assert _post(con, "7300000000000000021") == (
            dt.datetime(2026, 3, 22),
            2000,
            40,
            25,
            4,
            3,
            72,
        )
        assert _post(con, "7300000000000000022") == (dt.datetime(2026, 3, 9), 500, 10, 8, 1, 0, 19)


def test_import_page_previews_each_part(db_path, start_app):
    from signin_support import signed_in

    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].set_value(("li.xlsx", CONTENT.read_bytes(), xlsx)).run()
    assert not at.exception
    assert [m.value for m in at.markdown if m.value.startswith("**li.xlsx")] == [
        "**li.xlsx \\[All posts\\]: LinkedIn Page posts**",
        "**li.xlsx \\[Metrics\\]: LinkedIn Page daily metrics**",
    ]
    assert [m.value for m in at.metric if m.label == "Rows"] == ["11", "217"]
    at.button(key="confirm_import").click().run()
    assert [s.value for s in at.success] == ["li.xlsx: 228 added, 0 updated, 0 unchanged."]
    history = at.dataframe[-1].value
    assert history["File"].tolist() == ["li.xlsx [All posts]", "li.xlsx [Metrics]"]
    assert history["Added"].tolist() == [11, 217]
