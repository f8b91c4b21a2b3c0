import csv
import datetime as dt
import hashlib

import pytest

from smdash.imports.errors import ImportFailed
from smdash.imports.history import import_history
from smdash.imports.pipeline import import_file, prepare, undo_import

FB = "meta_facebook_posts.csv"
GA4 = "ga4_traffic_acquisition_source_medium.csv"


def read_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path, rows, bom=True):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return path


def posts(con):
    return con.execute(
        "SELECT post_id, impressions, reach, engagements, import_id FROM posts ORDER BY post_id"
    ).fetchall()


@pytest.mark.parametrize(
    ("name", "expected_format", "platform"),
    [
        (FB, "meta_facebook_posts", "facebook"),
        ("meta_instagram_posts.csv", "meta_instagram_posts", "instagram"),
        ("meta_facebook_follows_daily.csv", "meta_daily_series", "facebook"),
        (GA4, "ga4_traffic_acquisition", "web"),
    ],
)
def test_format_is_detected_from_content(con, sample, tmp_path, name, expected_format, platform):
    renamed = tmp_path / "export.csv"  # the name says nothing: detection reads the content
    renamed.write_bytes(sample(name).read_bytes())
    prepared = prepare(con, renamed)
    assert (prepared.format.name, prepared.platform) == (expected_format, platform)


def test_facebook_post_export_lands_with_exact_figures(con, sample):
    result = import_file(con, sample(FB))
    assert (result.counts.added, result.counts.updated, result.counts.unchanged) == (20, 0, 0)
    row = con.execute(
        """SELECT platform, account, published_at, post_type, impressions, reach, engagements,
                  reactions, comments, shares, clicks, link_clicks
           FROM posts WHERE post_id = '5237267429293239'"""
    ).fetchone()
    assert row == (
        "facebook",
        "Floristería Azahar",
        dt.datetime(2026, 3, 17, 18, 45),
        "Photos",
        637,
        375,
        113,
        103,
        8,
        2,
        24,
        11,
    )
    rows = read_rows(sample(FB))
    header = rows[0]
    expected_views = sum(int(r[header.index("Views")]) for r in rows[1:])
    assert con.execute("SELECT sum(impressions), count(*) FROM posts").fetchone() == (
        expected_views,
        20,
    )


def test_instagram_engagements_add_likes_comments_shares_saves(con, sample):
    import_file(con, sample("meta_instagram_posts.csv"))
    row = con.execute(
        "SELECT account, impressions, reach, engagements, saves, link_clicks FROM posts "
        "WHERE post_id = '67643169659251831'"
    ).fetchone()
    assert row == ("floristeria.azahar", 3404, 1940, 138 + 18 + 9 + 5, 5, None)


def test_ga4_export_lands_per_day_and_source(con, sample):
    import_file(con, sample(GA4))
    first = con.execute(
        """SELECT property, date_from, date_to, campaign, sessions, engaged_sessions,
                  conversions, revenue
           FROM web_traffic WHERE date_from = DATE '2026-03-01' AND source = 'facebook'
             AND medium = 'social'"""
    ).fetchone()
    assert first == (
        "Floristería Azahar - GA4",
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 1),
        "dia-del-padre",
        58,
        41,
        1.0,
        51.97,
    )
    rows = [r for r in read_rows(sample(GA4)) if r and not r[0].startswith("#")][1:]
    assert con.execute("SELECT sum(sessions), sum(revenue) FROM web_traffic").fetchone() == (
        sum(int(r[3]) for r in rows),
        pytest.approx(sum(float(r[10]) for r in rows)),
    )


def test_daily_series_reads_the_title_as_metric(con, sample):
    import_file(con, sample("meta_facebook_follows_daily.csv"))
    assert con.execute(
        "SELECT platform, metric, day, value FROM account_daily ORDER BY day LIMIT 2"
    ).fetchall() == [
        ("facebook", "new_followers", dt.date(2026, 3, 1), 14.0),
        ("facebook", "new_followers", dt.date(2026, 3, 2), 19.0),
    ]


def test_same_file_twice_changes_nothing(con, sample, snapshot):
    import_file(con, sample(FB))
    before = snapshot(con)
    again = import_file(con, sample(FB))
    after = snapshot(con)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 20)
    assert after["posts"] == before["posts"]
    assert len(after["imports"]) == len(before["imports"]) + 1  # the attempt is still logged


def _split_exports(sample, tmp_path):
    rows = read_rows(sample(FB))
    header, body = rows[0], rows[1:]
    reach = header.index("Reach")
    first = write_rows(tmp_path / "first.csv", [header, *body[:12]])
    later_body = [list(r) for r in body[6:]]
    for r in later_body[:3]:  # the later export has grown figures for posts 7-9
        r[reach] = str(int(r[reach]) + 100)
    later = write_rows(tmp_path / "later.csv", [header, *later_body])
    return first, later, body, reach


def test_overlapping_export_updates_shared_rows_and_adds_new(con, sample, tmp_path):
    first, later, body, reach = _split_exports(sample, tmp_path)
    import_file(con, first)
    result = import_file(con, later)
    assert (result.counts.added, result.counts.updated, result.counts.unchanged) == (8, 3, 3)
    reach_of = dict(con.execute("SELECT post_id, reach FROM posts").fetchall())
    assert len(reach_of) == 20
    assert reach_of[body[6][0]] == int(body[6][reach]) + 100
    assert reach_of[body[0][0]] == int(body[0][reach])


def test_undo_restores_exactly_what_the_import_replaced(con, sample, tmp_path, snapshot):
    first, later, _, _ = _split_exports(sample, tmp_path)
    import_file(con, first)
    after_first = snapshot(con)["posts"]
    second = import_file(con, later)
    undo_import(con, second.import_id)
    assert snapshot(con)["posts"] == after_first
    history = import_history(con)
    assert history.set_index("import_id").loc[second.import_id, "status"] == "undone"


def test_undo_of_an_older_import_keeps_every_row_of_the_newer_one(con, sample, tmp_path):
    first, later, body, reach = _split_exports(sample, tmp_path)
    one = import_file(con, first)
    two = import_file(con, later)
    undo_import(con, one.import_id)
    reach_of = dict(con.execute("SELECT post_id, reach FROM posts").fetchall())
    assert sorted(reach_of) == sorted(r[0] for r in body[6:])  # posts only in 'first' are gone
    assert reach_of[body[6][0]] == int(body[6][reach]) + 100
    undo_import(con, two.import_id)
    assert posts(con) == []


def test_undo_twice_is_refused(con, sample):
    result = import_file(con, sample(FB))
    undo_import(con, result.import_id)
    with pytest.raises(ImportFailed, match="already undone"):
        undo_import(con, result.import_id)
    with pytest.raises(ImportFailed, match="no import #999"):
        undo_import(con, 999)


def test_log_keeps_name_hash_source_account_range_and_counts(con, sample):
    path = sample(FB)
    import_file(con, path)
    row = import_history(con).iloc[0]
    assert row["file_name"] == FB
    assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (row["format"], row["platform"], row["account"]) == (
        "meta_facebook_posts",
        "facebook",
        "Floristería Azahar",
    )
    assert (row["date_from"].date(), row["date_to"].date()) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
    )
    assert (row["rows_in_file"], row["rows_added"], row["rows_updated"], row["rows_unchanged"]) == (
        20,
        20,
        0,
        0,
    )
    assert row["status"] == "applied"


def test_progress_is_reported_in_order(con, sample):
    seen = []
    import_file(con, sample(FB), progress=lambda stage, fraction: seen.append((stage, fraction)))
    assert [s for s, _ in seen] == ["reading", "checking", "checking", "writing", "done"]
    assert [f for _, f in seen] == sorted(f for _, f in seen)


def test_undo_of_the_first_of_two_identical_imports_keeps_the_data(con, sample):
    one = import_file(con, sample(FB))
    figures = [row[:4] for row in posts(con)]
    import_file(con, sample(FB))
    undo_import(con, one.import_id)
    assert [row[:4] for row in posts(con)] == figures
    assert len(figures) == 20


def test_ga4_rows_differing_in_an_unkept_dimension_are_added_together(con, tmp_path):
    path = tmp_path / "ga4.csv"
    path.write_text(
        "# Start date: 20260301\n# End date: 20260331\n"
        "Date,Session source / medium,Session default channel group,Sessions,Key events,"
        "Total revenue\n"
        "20260301,google / organic,Organic Search,10,1,5.5\n"
        "20260301,google / organic,Other,5,0,1.5\n"
        "20260302,google / organic,Organic Search,7,0,0\n"
    )
    result = import_file(con, path)
    assert result.counts.added == 2
    assert con.execute(
        "SELECT date_from, sessions, conversions, revenue FROM web_traffic ORDER BY 1"
    ).fetchall() == [(dt.date(2026, 3, 1), 15, 1.0, 7.0), (dt.date(2026, 3, 2), 7, 0.0, 0.0)]
