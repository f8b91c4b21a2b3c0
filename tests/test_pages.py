"""Every page through Streamlit's AppTest, on the demo workspace and on an empty database."""

import shutil

import pytest
from page_support import texts
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.plan import objectives

PAGES = [
    "pages/overview.py",
    "pages/kpis.py",
    "pages/traffic.py",
    "pages/objectives.py",
    "pages/review.py",
    "pages/toolkit.py",
    "pages/import_data.py",
    "pages/executive_summary.py",
    "pages/account.py",
    "pages/costs.py",
]
SMALL_DEMO = (
    "meta_facebook_posts.csv",
    "meta_instagram_posts.csv",
    "ga4_traffic_acquisition_source_medium.csv",
)


@pytest.fixture
def app(db_path, start_app):
    """The app signed in as an editor, over a chosen demo folder."""
    return lambda demo_dir: start_app(demo_dir, signed_in(db_path))


@pytest.fixture
def small_demo(tmp_path, sample):
    folder = tmp_path / "demo"
    folder.mkdir()
    for name in SMALL_DEMO:
        shutil.copy(sample(name), folder / name)
    return folder


@pytest.fixture
def empty_demo(tmp_path):
    folder = tmp_path / "no-demo"
    folder.mkdir()
    return folder


def visit_every_page(at):
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        assert len(at.title) == 1, page


def test_every_page_runs_on_the_demo_workspace(demo_db, app):
    at = app(DEMO_DIR)
    assert any("demo data" in text for text in texts(at.info))
    assert len(at.metric) == 5
    visit_every_page(at)


def test_every_page_runs_on_an_empty_database(app, empty_demo, db_path):
    at = app(empty_demo)
    assert texts(at.info) == ["The workspace is empty. Import your exports on the Import page."]
    visit_every_page(at)
    assert texts(at.info)[-1] == "No spend recorded yet."  # the Costs page comes last


def test_overview_shows_the_summary_of_the_last_full_month(app, small_demo):
    at = app(small_demo)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Sessions": "12,059",
        "Conversions": "177",
        "Revenue": "€2,949",
        "Posts": "36",
        "Engagements": "3,044",
    }
    table = at.dataframe[0].value
    assert table.iloc[-1]["Network"] == "Total"
    assert table.set_index("Network").loc["Facebook", "Posts"] == "20"
    assert table.set_index("Network").loc["Search engines", "Posts"] == "—"


def test_spanish_formats_numbers_the_spanish_way(app, small_demo):
    at = app(small_demo)
    at.sidebar.selectbox(key="lang").set_value("es").run()
    assert not at.exception
    assert texts(at.title) == ["Resumen"]
    assert {m.label: m.value for m in at.metric}["Sesiones"] == "12.059"


def test_start_empty_workspace_needs_confirmation(app, small_demo, db_path):
    at = app(small_demo)
    with store.connect(db_path) as con:  # the user's own work goes too, and is listed
        objectives.add_goal(con, "Open a second shop")
    at.button(key="start_empty").click().run()
    assert texts(at.warning) == [
        "Starting an empty workspace deletes everything in it, the demo's and whatever you "
        "imported or wrote yourself (a backup is made first):\n"
        "- 3 imported files, with their history\n"
        "- 355 imported rows (posts, daily figures, visits, ad spend)\n"
        "- 1 business goal"
    ]
    with store.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 3  # only asked
    at.button(key="confirm_empty_no").click().run()
    assert not at.warning
    at.button(key="start_empty").click().run()
    at.button(key="confirm_empty_yes").click().run()
    assert not at.exception
    assert not any("demo data" in text for text in texts(at.info))
    with store.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
    assert texts(at.info) == ["The workspace is empty. Import your exports on the Import page."]


def test_import_page_previews_imports_and_undoes(app, empty_demo, sample, db_path):
    at = app(empty_demo)
    at.switch_page("pages/import_data.py").run()
    content = sample("meta_facebook_posts.csv").read_bytes()
    at.file_uploader[0].set_value(("fb.csv", content, "text/csv")).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {
        "Account": "Floristería Azahar",
        "Dates": "2026-03-01 – 2026-03-31",
        "Rows": "20",
    }
    at.button(key="confirm_import").click().run()
    assert not at.exception
    assert texts(at.success) == ["fb.csv: 20 added, 0 updated, 0 unchanged."]
    history = at.dataframe[-1].value
    assert history["File"].tolist() == ["fb.csv"]
    assert history["Status"].tolist() == ["applied"]
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    assert texts(at.success) == ["Import #1 undone."]
    assert at.dataframe[-1].value["Status"].tolist() == ["undone"]
    with store.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM posts").fetchone()[0] == 0


def test_import_page_explains_a_bad_file_and_writes_nothing(app, empty_demo, db_path):
    at = app(empty_demo)
    at.switch_page("pages/import_data.py").run()
    at.file_uploader[0].set_value(("photo.csv", bytes(range(256)) * 10, "text/csv")).run()
    assert not at.exception
    assert texts(at.error) == [
        "photo.csv was not imported: photo.csv is not a text CSV or an XLSX spreadsheet (it "
        "looks like a binary file)."
    ]
    assert not [b for b in at.button if b.key == "confirm_import"]
    with store.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
