"""The generic path: a file no format knows is mapped once, and its header remembers it."""

import datetime as dt

import pytest
from signin_support import signed_in

from smdash.db import store
from smdash.imports import mapping
from smdash.imports.errors import ImportFailed
from smdash.imports.history import import_history
from smdash.imports.pipeline import import_file, prepare, undo_import
from smdash.imports.sniff import sniff

SHOP = (
    "Fecha;Origen;Medio;Visitas;Ventas\n"
    "01/03/2026;facebook;social;120;1.234,5\n"
    "02/03/2026;newsletter;email;80;99,9\n"
    "15/03/2026;facebook;social;7;0\n"
)
SHOP_COLUMNS = {
    "date_from": "Fecha",
    "source": "Origen",
    "medium": "Medio",
    "sessions": "Visitas",
    "revenue": "Ventas",
}


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _header(path):
    return mapping.header_row(sniff(path, path.name))[2]


def test_saved_mapping_imports_the_file_and_the_next_one_with_the_same_header(con, tmp_path):
    first = _write(tmp_path / "tienda.csv", SHOP)
    with pytest.raises(ImportFailed) as failed:
        prepare(con, first)
    assert failed.value.code == "unknown_format"
    mapping.save_mapping(
        con, _header(first), "web_traffic", SHOP_COLUMNS, {"property": "shop"}, "x"
    )
    import_file(con, first)
    # the next month's file: other rows, columns in another case, same header otherwise
    later = _write(
        tmp_path / "abril.csv", "FECHA;origen;Medio;Visitas;Ventas\n14/04/2026;x.com;social;5;2,5\n"
    )
    result = import_file(con, later)
    assert result.prepared.format.name.startswith("mapping_")
    rows = con.execute(
        "SELECT property, date_from, date_to, source, medium, sessions, revenue FROM web_traffic "
        "ORDER BY date_from"
    ).fetchall()
    assert rows == [
        ("shop", dt.date(2026, 3, 1), dt.date(2026, 3, 1), "facebook", "social", 120, 1234.5),
        ("shop", dt.date(2026, 3, 2), dt.date(2026, 3, 2), "newsletter", "email", 80, 99.9),
        ("shop", dt.date(2026, 3, 15), dt.date(2026, 3, 15), "facebook", "social", 7, 0.0),
        ("shop", dt.date(2026, 4, 14), dt.date(2026, 4, 14), "x.com", "social", 5, 2.5),
    ]
    undo_import(con, result.import_id)
    assert con.execute("SELECT count(*) FROM web_traffic").fetchone() == (3,)
    assert import_history(con)["status"].tolist() == ["undone", "applied"]


def test_a_mapping_without_its_required_fields_is_refused(con, tmp_path):
    path = _write(tmp_path / "tienda.csv", SHOP)
    with pytest.raises(ImportFailed) as failed:
        mapping.save_mapping(con, _header(path), "web_traffic", {"date_from": "Fecha"}, {}, "x")
    assert failed.value.message() == "The mapping needs a column for: source, sessions."
    assert con.execute("SELECT count(*) FROM column_mappings").fetchone() == (0,)


def test_posts_and_daily_figures_can_be_mapped(con, tmp_path):
    posts = _write(
        tmp_path / "posts.csv",
        "id,when,views,likes\n1,2026-03-02 10:00,1.2K,30\n2,2026-03-05 18:30,950,12\n",
    )
    mapping.save_mapping(
        con,
        _header(posts),
        "posts",
        {"post_id": "id", "published_at": "when", "impressions": "views", "reactions": "likes"},
        {"platform": "Threads"},
        "threads",
    )
    import_file(con, posts)
    assert con.execute(
        "SELECT platform, post_id, published_at, impressions, reactions FROM posts ORDER BY 2"
    ).fetchall() == [
        ("threads", "1", dt.datetime(2026, 3, 2, 10, 0), 1200, 30),
        ("threads", "2", dt.datetime(2026, 3, 5, 18, 30), 950, 12),
    ]
    daily = _write(tmp_path / "daily.csv", "dia,seguidores,visitas\n2026-03-01,100,7\n")
    columns = {"day": "dia", "followers": "seguidores", "profile_visits": "visitas"}
    mapping.save_mapping(con, _header(daily), "account_daily", columns, {"platform": "bluesky"}, "")
    import_file(con, daily)
    assert con.execute(
        "SELECT platform, account, day, metric, value FROM account_daily ORDER BY metric"
    ).fetchall() == [
        ("bluesky", "", dt.date(2026, 3, 1), "followers", 100.0),
        ("bluesky", "", dt.date(2026, 3, 1), "profile_visits", 7.0),
    ]


def test_built_in_formats_win_over_a_saved_mapping(con, sample, tmp_path):
    path = sample("meta_facebook_posts.csv")
    header = sniff(path, path.name).rows[0]
    mapping.save_mapping(
        con, header, "posts", {"post_id": "Post ID", "published_at": "Publish time"}, {}, "mine"
    )
    assert prepare(con, path).format.name == "meta_facebook_posts"


def test_import_page_maps_an_unknown_file_then_imports_it(db_path, start_app):
    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value(("tienda.csv", SHOP.encode(), "text/csv")).run()
    assert not at.exception
    assert at.error[0].value.startswith("tienda.csv was not imported: tienda.csv is not an export")
    at.selectbox(key="map_target_0").set_value("web_traffic").run()
    at.text_input(key="map_0_web_traffic_property").set_value("tienda").run()
    at.button(key="map_save_0").click().run()
    assert not at.exception
    # only the date, source and sessions fields are needed; the form said which were missing
    # (the Markdown source: the field names are escaped once, and show as date_from)
    assert [e.value for e in at.error][-1] == (
        "The mapping needs a column for: date\\_from, source, sessions."
    )
    header = ["Fecha", "Origen", "Medio", "Visitas", "Ventas"]
    for name, cell in SHOP_COLUMNS.items():
        at.selectbox(key=f"map_0_web_traffic_{name}").set_value(header.index(cell) + 1)
    at.button(key="map_save_0").click().run()
    assert not at.exception
    assert not at.error
    assert {m.label: m.value for m in at.metric} == {
        "Account": "tienda",
        "Dates": "2026-03-01 – 2026-03-15",
        "Rows": "3",
    }
    at.button(key="confirm_import").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["tienda.csv: 3 added, 0 updated, 0 unchanged."]
    # the imports, then the refused files: tienda.csv as first refused, before it was mapped
    imports, refused = (table.value for table in at.dataframe[-2:])
    assert imports["Detected source"].tolist() == ["Your mapping: tienda.csv"]
    assert refused["File"].tolist() == ["tienda.csv"]
    with store.connect(db_path) as con:
        assert con.execute("SELECT sum(sessions), sum(revenue) FROM web_traffic").fetchone() == (
            207,
            1334.4,
        )
