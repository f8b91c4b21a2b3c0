"""Exports that leave a choice open: TikTok dates without a year, Meta series without the
network. They import with a default answer, take the user's answer, and the log keeps it.
Also TikTok's business exports and follower history (fixtures: make_question_fixtures.py)."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import smdash
from page_support import texts
from signin_support import signed_in

from smdash.db import store
from smdash.imports import pipeline, questions
from smdash.imports.errors import ImportFailed
from smdash.imports.pipeline import import_file, prepare

OWN = Path(__file__).resolve().parent / "fixtures"
D = dt.date


def daily(con, metric=None):
    return con.execute(
        """SELECT platform, day, metric, value FROM account_daily
           WHERE ? IS NULL OR metric = ? ORDER BY day, metric""",
        [metric, metric],
    ).fetchall()


def logged_answers(con, result):
    sql = "SELECT answers FROM imports WHERE import_id = ?"
    return con.execute(sql, [result.import_id]).fetchone()[0]


@pytest.fixture
def import_day(monkeypatch):
    """The import day is 5 January 2026."""
    monkeypatch.setattr(pipeline, "today", lambda: D(2026, 1, 5))


def test_overview_without_a_year_ends_on_the_most_recent_day_across_new_year(con, import_day):
    result = import_file(con, OWN / "tiktok_overview_yearless.csv")
    assert (result.prepared.date_from, result.prepared.date_to) == (D(2025, 12, 29), D(2026, 1, 2))
    assert daily(con, "video_views") == [
        ("tiktok", D(2025, 12, 29), "video_views", 1200.0),
        ("tiktok", D(2025, 12, 30), "video_views", 870.0),
        ("tiktok", D(2025, 12, 31), "video_views", 1500.0),
        ("tiktok", D(2026, 1, 1), "video_views", 2310.0),
        ("tiktok", D(2026, 1, 2), "video_views", 640.0),
    ]
    assert con.execute("SELECT count(*), sum(value) FROM account_daily").fetchone() == (25, 6953.0)
    [question] = result.prepared.questions
    assert (question.key, question.answer, question.default) == (
        "end_date",
        "2026-01-02",
        "2026-01-02",
    )
    assert logged_answers(con, result) == '{"end_date": "2026-01-02"}'


def test_the_end_date_answer_moves_every_row_and_is_logged(con, import_day):
    answers = {"end_date": "2025-06-30"}  # downloaded long ago: the rows end on 2 January 2025
    result = import_file(con, OWN / "tiktok_overview_yearless.csv", answers=answers)
    assert (result.prepared.date_from, result.prepared.date_to) == (D(2024, 12, 29), D(2025, 1, 2))
    [question] = result.prepared.questions
    assert (question.answer, question.default) == ("2025-01-02", "2026-01-02")
    assert question.message("en").startswith(
        "Column 'Date' has dates without a year (like 'December 29'): they are read as "
        "2024-12-29 to 2025-01-02"
    )
    assert logged_answers(con, result) == '{"end_date": "2025-01-02"}'


def test_a_wrong_end_date_is_refused_in_the_users_words(con):
    with pytest.raises(ImportFailed) as failed:
        prepare(con, OWN / "tiktok_overview_yearless.csv", answers={"end_date": "31/12/2025"})
    assert failed.value.message() == (
        "tiktok_overview_yearless.csv: the end date '31/12/2025' is not a date like 2026-02-28."
    )


def test_spanish_overview_without_a_year(con, import_day):
    import_file(con, OWN / "tiktok_overview_yearless_es.csv", answers={"end_date": "2026-03-10"})
    assert daily(con, "video_views") == [
        ("tiktok", D(2026, 3, 6), "video_views", 410.0),
        ("tiktok", D(2026, 3, 7), "video_views", 1200.0),
        ("tiktok", D(2026, 3, 8), "video_views", 905.0),
    ]
    assert con.execute("SELECT sum(value) FROM account_daily").fetchone() == (2731.0,)


def test_overview_xlsx_newest_first_without_a_year(con, import_day):
    result = import_file(
        con, OWN / "tiktok_overview_yearless.xlsx", answers={"end_date": "2024-03-05"}
    )
    assert result.prepared.format.name == "tiktok_overview_xlsx"
    assert daily(con, "video_views") == [
        ("tiktok", D(2024, 2, 27), "video_views", 120.0),
        ("tiktok", D(2024, 2, 28), "video_views", 410.0),
        ("tiktok", D(2024, 3, 1), "video_views", 250.0),
        ("tiktok", D(2024, 3, 2), "video_views", 300.0),
    ]
    assert con.execute("SELECT count(*), sum(value) FROM account_daily").fetchone() == (20, 1172.0)


def test_content_export_without_a_year_and_a_leading_time_column(con, import_day):
    result = import_file(con, OWN / "tiktok_content_yearless.csv")
    assert result.prepared.format.name == "tiktok_content"
    rows = con.execute(
        """SELECT post_id, published_at, video_views, engagements FROM posts
           ORDER BY published_at"""
    ).fetchall()
    assert rows == [
        ("7527000000000000003", dt.datetime(2025, 6, 21), 21300, 1100 + 31 + 17),
        ("7527000000000000002", dt.datetime(2025, 7, 2), 4800, 230 + 6 + 3),
        ("7527000000000000001", dt.datetime(2025, 7, 16), 10400, 512 + 14 + 9),
    ]
    assert logged_answers(con, result) == '{"end_date": "2025-07-16"}'


def test_follower_history_keeps_the_total_and_skips_undefined(con, import_day):
    result = import_file(con, OWN / "tiktok_follower_history.csv")
    assert result.prepared.format.name == "tiktok_followers"
    assert daily(con) == [
        ("tiktok", D(2025, 3, 20), "followers", 2480.0),
        ("tiktok", D(2025, 3, 21), "followers", 2486.0),
        ("tiktok", D(2025, 3, 23), "followers", 2491.0),
    ]


def test_business_video_export(con):
    result = import_file(con, OWN / "tiktok_business_videos.csv")
    assert result.prepared.format.name == "tiktok_content"
    assert result.prepared.questions == []
    rows = con.execute(
        """SELECT post_id, account, published_at, video_views, reactions, comments, shares,
                  saves, engagements FROM posts ORDER BY published_at"""
    ).fetchall()
    assert rows == [
        ("7567000000000000002", "floristeria.azahar", dt.datetime(2025, 10, 28, 9, 5),
         3120, 205, 6, 4, 11, 226),
        ("7567000000000000001", "floristeria.azahar", dt.datetime(2025, 10, 31, 18, 19, 10),
         15230, 1210, 43, 27, 88, 1368),
    ]  # fmt: skip
    assert logged_answers(con, result) is None


def test_business_followers_overview_with_no_value_cells(con):
    result = import_file(con, OWN / "tiktok_business_followers.csv")
    assert result.prepared.format.name == "tiktok_followers"
    assert daily(con) == [
        ("tiktok", D(2025, 10, 29), "followers", 3050.0),
        ("tiktok", D(2025, 10, 29), "new_followers", 12.0),
        ("tiktok", D(2025, 10, 29), "reach", 4100.0),
        ("tiktok", D(2025, 10, 31), "followers", 3075.0),
        ("tiktok", D(2025, 10, 31), "new_followers", 25.0),
        ("tiktok", D(2025, 10, 31), "reach", 9800.0),
    ]


def test_meta_series_without_the_network_asks_and_reads_facebook_by_default(con):
    prepared = prepare(con, OWN / "meta_follows_no_platform.csv")
    [question] = prepared.questions
    assert (question.key, question.answer, question.choices) == (
        "platform",
        "facebook",
        ("facebook", "instagram"),
    )
    assert question.message("en") == (
        "The title 'Follows' does not say whether these are Facebook or Instagram figures: they "
        "are read as Facebook. Pick the account you downloaded them from; the next such file "
        "starts with your answer."
    )


def test_the_platform_answer_is_used_logged_and_remembered(con):
    result = import_file(
        con, OWN / "meta_follows_no_platform.csv", answers={"platform": "instagram"}
    )
    assert daily(con) == [
        ("instagram", D(2026, 3, 1), "new_followers", 4.0),
        ("instagram", D(2026, 3, 2), "new_followers", 0.0),
        ("instagram", D(2026, 3, 3), "new_followers", 7.0),
    ]
    assert logged_answers(con, result) == '{"platform": "instagram"}'
    # the next file that does not name its network starts with that answer
    following = import_file(con, OWN / "meta_alcance_no_platform.csv")
    assert following.prepared.questions[0].default == "instagram"
    assert daily(con, "reach") == [
        ("instagram", D(2026, 3, 1), "reach", 1830.0),
        ("instagram", D(2026, 3, 2), "reach", 2104.0),
    ]


def test_a_platform_the_file_cannot_take_is_refused(con):
    with pytest.raises(ImportFailed) as failed:
        prepare(con, OWN / "meta_alcance_no_platform.csv", answers={"platform": "tiktok"})
    assert failed.value.message() == (
        "meta_alcance_no_platform.csv: 'tiktok' is not one of the answers this file takes "
        "(facebook, instagram)."
    )


@pytest.mark.parametrize(
    ("title", "metric"),
    [
        ("Follows", "new_followers"),
        ("Views", "impressions"),
        ("Reach", "reach"),
        ("Content interactions", "engagements"),
        ("Link clicks", "link_clicks"),
        ("Visits", "profile_visits"),
        ("Alcance", "reach"),
        ("Visualizaciones", "impressions"),
        ("Interacciones", "engagements"),
        # Meta's Spanish name for the follows chart (meta-exports); the count says "totales"
        ("Seguidores", "new_followers"),
        ("Seguidores totales", "followers"),
        ("Visitas", "profile_visits"),
    ],
)
def test_meta_titles_without_the_network_still_name_the_metric(title, metric):
    from smdash.imports.formats.meta_daily import metric_from_title

    assert metric_from_title(title) == (None, metric)


def test_answers_to_questions_a_file_does_not_ask_are_ignored(con):
    result = import_file(con, OWN / "tiktok_business_videos.csv", answers={"platform": "instagram"})
    assert result.prepared.platform == "tiktok"


@pytest.mark.parametrize(
    ("month_days", "end", "last"),
    [
        ([(3, 1), (2, 28), (2, 27)], D(2026, 3, 24), D(2026, 3, 1)),
        ([(12, 30), (12, 31), (1, 1), (1, 2)], D(2026, 3, 24), D(2026, 1, 2)),
        ([(7, 16), (7, 2), (6, 21)], D(2026, 7, 15), D(2025, 7, 16)),
        ([(5, 5)], D(2026, 5, 5), D(2026, 5, 5)),
        ([(2, 28), (2, 29), (3, 1)], D(2026, 6, 1), D(2024, 3, 1)),  # a leap year's days
    ],
)
def test_the_last_day_is_the_one_before_the_longest_stretch_without_rows(month_days, end, last):
    assert questions.last_day(month_days, end) == last


def test_cli_takes_the_answers_as_flags_and_prints_what_each_file_was_read_with(db_path):
    files = [OWN / "tiktok_overview_yearless.csv", OWN / "meta_follows_no_platform.csv"]
    run = smdash(
        "import", "--db", db_path, "--end-date", "2025-06-30", "--platform", "instagram", *files
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == (
        "tiktok_overview_yearless.csv: tiktok_overview: 25 added, 0 updated, 0 unchanged "
        "(import #1)"
    )
    assert lines[1].startswith(
        "  --end-date 2025-01-02: Column 'Date' has dates without a year (like 'December 29'): "
        "they are read as 2024-12-29 to 2025-01-02"
    )
    assert lines[3].startswith("  --platform instagram: The title 'Follows' does not say")
    with store.connect(db_path) as con:
        assert con.execute("SELECT answers FROM imports ORDER BY import_id").fetchall() == [
            ('{"end_date": "2025-01-02"}',),
            ('{"platform": "instagram"}',),
        ]
        assert con.execute(
            "SELECT min(day), max(day), sum(value) FROM account_daily WHERE platform = 'tiktok'"
        ).fetchone() == (D(2024, 12, 29), D(2025, 1, 2), 6953.0)
    refused = smdash("import", "--db", db_path, "--platform", "tiktok", files[1])
    assert refused.returncode == 2 and "invalid choice: 'tiktok'" in refused.stderr


# ---------------------------------------------------------------------------------------------
# the Import page


def _upload(at, path: Path):
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "text/csv")).run()
    assert not at.exception
    return at


def test_import_page_asks_the_end_date_and_reads_the_file_again(start_app, db_path, import_day):
    at = _upload(start_app(None, signed_in(db_path)), OWN / "tiktok_overview_yearless.csv")
    assert {m.label: m.value for m in at.metric}["Dates"] == "2025-12-29 – 2026-01-02"
    [date] = at.date_input
    assert (date.label, date.value) == ("Last day in the file", D(2026, 1, 2))
    date.set_value(D(2025, 6, 30)).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Dates"] == "2024-12-29 – 2025-01-02"
    assert any("they are read as 2024-12-29 to 2025-01-02" in text for text in texts(at.caption))
    assert at.dataframe[1].value["Day"].astype(str).tolist()[:1] == ["2024-12-29"]
    at.button(key="confirm_import").click().run()
    assert texts(at.success)[0].endswith(": 25 added, 0 updated, 0 unchanged.")
    assert at.dataframe[-1].value["Answers"].tolist() == ["end_date: 2025-01-02"]
    with store.connect(db_path) as con:
        assert con.execute("SELECT min(day), max(day) FROM account_daily").fetchone() == (
            D(2024, 12, 29),
            D(2025, 1, 2),
        )


def test_import_page_asks_the_network_and_remembers_it(start_app, db_path):
    at = _upload(start_app(None, signed_in(db_path)), OWN / "meta_follows_no_platform.csv")
    [choice] = [s for s in at.selectbox if s.key.startswith("ask_")]
    assert (choice.label, choice.value, choice.options) == (
        "Network of these figures",
        "facebook",
        ["Facebook", "Instagram"],
    )
    choice.set_value("instagram").run()
    assert any("they are read as Instagram" in text for text in texts(at.caption))
    at.button(key="confirm_import").click().run()
    assert texts(at.success)[0].endswith(": 3 added, 0 updated, 0 unchanged.")
    at = _upload(at, OWN / "meta_alcance_no_platform.csv")
    [choice] = [s for s in at.selectbox if s.key.startswith("ask_")]
    assert choice.value == "instagram"  # the answer for the previous such file
    at.button(key="confirm_import").click().run()
    with store.connect(db_path) as con:
        assert con.execute("SELECT DISTINCT platform FROM account_daily").fetchall() == [
            ("instagram",)
        ]


NEW_SHAPES = {  # file -> (format, rows, first day, last day), imported on 5 January 2026
    "tiktok_overview_yearless.csv": ("tiktok_overview", 25, "2025-12-29", "2026-01-02"),
    "tiktok_overview_yearless_es.csv": ("tiktok_overview", 15, "2025-03-06", "2025-03-08"),
    "tiktok_overview_yearless.xlsx": ("tiktok_overview_xlsx", 20, "2025-02-27", "2025-03-02"),
    "tiktok_content_yearless.csv": ("tiktok_content", 3, "2025-06-21", "2025-07-16"),
    "tiktok_follower_history.csv": ("tiktok_followers", 3, "2025-03-20", "2025-03-23"),
    "tiktok_business_videos.csv": ("tiktok_content", 2, "2025-10-28", "2025-10-31"),
    "tiktok_business_followers.csv": ("tiktok_followers", 6, "2025-10-29", "2025-10-31"),
    "meta_follows_no_platform.csv": ("meta_daily_series", 3, "2026-03-01", "2026-03-03"),
    "meta_alcance_no_platform.csv": ("meta_daily_series", 2, "2026-03-01", "2026-03-02"),
}


def test_every_new_shape_in_the_import_preview(start_app, db_path, import_day):
    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    files = [(name, (OWN / name).read_bytes(), "text/csv") for name in NEW_SHAPES]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception and not at.error
    metrics = [m.value for m in at.metric]
    shown = [tuple(metrics[i : i + 3]) for i in range(0, len(metrics), 3)]
    assert shown == [
        (account, f"{first} – {last}", str(rows))
        for account, (_, rows, first, last) in zip(
            ["—", "—", "—", "floristeria.azahar", "—", "floristeria.azahar", "—", "—", "—"],
            NEW_SHAPES.values(),
            strict=True,
        )
    ]
    assert at.button(key="confirm_import").label == "Import 9 files"


def test_every_new_shape_from_the_cli(db_path):
    """(In a child process: the import day is today; the rows do not depend on it.)"""
    run = smdash("import", "--db", db_path, *(OWN / name for name in NEW_SHAPES))
    assert run.returncode == 0, run.stderr
    imported = [line for line in run.stdout.splitlines() if not line.startswith("  ")]
    assert imported == [
        f"{name}: {fmt}: {rows} added, 0 updated, 0 unchanged (import #{n})"
        for n, (name, (fmt, rows, _, _)) in enumerate(NEW_SHAPES.items(), start=1)
    ]


# ---------------------------------------------------------------------------------------------
# Meta series stacked in one file (meta-exports) whose titles do not name the network


def stacked_series(path: Path, *blocks: tuple[str, list[int]]) -> Path:
    """A Meta daily-series file (UTF-16, CRLF) of several blocks, a blank line apart, each of
    ``(title, values)`` for consecutive days from 2025-10-01."""
    lines = ["sep=,"]
    for n, (title, values) in enumerate(blocks):
        lines += [""] if n else []
        lines += [f'"{title}"', '"Date","Primary"']
        lines += [f'"2025-10-0{day}T00:00:00","{v}"' for day, v in enumerate(values, start=1)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-16")
    return path


def test_stacked_series_without_the_network_ask_once_and_share_the_answer(con, tmp_path):
    path = stacked_series(tmp_path / "series.csv", ("Follows", [3, 5]), ("Reach", [900, 1200]))
    prepared = prepare(con, path)
    [question] = prepared.questions
    assert (question.key, question.answer, question.detail) == (
        "platform",
        "facebook",
        {"about": "Follows"},
    )
    assert [(p.source, p.platform) for p in prepared.parts] == [
        ("series.csv [Follows]", "facebook"),
        ("series.csv [Reach]", "facebook"),
    ]
    result = import_file(con, path, answers={"platform": "instagram"})
    assert daily(con) == [
        ("instagram", D(2025, 10, 1), "new_followers", 3.0),
        ("instagram", D(2025, 10, 1), "reach", 900.0),
        ("instagram", D(2025, 10, 2), "new_followers", 5.0),
        ("instagram", D(2025, 10, 2), "reach", 1200.0),
    ]
    assert logged_answers(con, result) == '{"platform": "instagram"}'


def test_a_stacked_series_without_the_network_takes_the_one_its_twin_leaves(con, tmp_path):
    """'Facebook follows' then 'Follows': a file does not hold Facebook's follows twice."""
    path = stacked_series(
        tmp_path / "follows.csv", ("Facebook follows", [12, 0]), ("Follows", [40, 22])
    )
    result = import_file(con, path)
    assert result.prepared.questions == []
    assert logged_answers(con, result) is None
    assert daily(con) == [
        ("facebook", D(2025, 10, 1), "new_followers", 12.0),
        ("instagram", D(2025, 10, 1), "new_followers", 40.0),
        ("facebook", D(2025, 10, 2), "new_followers", 0.0),
        ("instagram", D(2025, 10, 2), "new_followers", 22.0),
    ]


def test_the_same_series_twice_without_the_network_is_refused(con, tmp_path):
    path = stacked_series(tmp_path / "follows.csv", ("Follows", [12, 0]), ("Follows", [40, 22]))
    for answers in ({}, {"platform": "instagram"}):
        with pytest.raises(ImportFailed) as failed:
            import_file(con, path, answers=answers)
        assert failed.value.message() == (
            "follows.csv holds the series 'Follows' twice without naming the network of either: "
            "export Facebook's and Instagram's in separate files, or with the network in their "
            "titles."
        )
    assert con.execute("SELECT count(*) FROM account_daily").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM imports").fetchone() == (0,)


def test_import_page_history_shows_answers_and_skipped_rows(start_app, db_path, tmp_path):
    series = stacked_series(tmp_path / "series.csv", ("Follows", [3, 5]), ("Alcance", [9, 12]))
    posts = OWN / "meta_facebook_posts_2025.csv"
    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value(
        [(p.name, p.read_bytes(), "text/csv") for p in (series, posts)]
    ).run()
    assert not at.exception
    [choice] = [s for s in at.selectbox if s.key.startswith("ask_")]  # one for both blocks
    choice.set_value("instagram").run()
    assert "3 rows skipped: Meta could not compute their metrics" in texts(at.caption)
    at.button(key="confirm_import").click().run()
    assert not at.exception
    history = at.dataframe[-1].value
    assert history[["File", "Answers", "Skipped"]].values.tolist() == [
        [
            "meta_facebook_posts_2025.csv",
            "",
            "3 rows skipped: Meta could not compute their metrics",
        ],
        ["series.csv [Follows]", "platform: instagram", ""],
        ["series.csv [Alcance]", "platform: instagram", ""],
    ]
    with store.connect(db_path) as con:
        assert con.execute("SELECT DISTINCT platform FROM account_daily").fetchall() == [
            ("instagram",)
        ]
