"""Undo targets what the user just did and asks first; a refused file stays explained (issue 15,
points 8 and 10), on the Import page through AppTest."""

import pytest
from page_support import run, texts
from signin_support import signed_in

from smdash.db import store

BINARY = ("photo.csv", bytes(range(256)) * 10, "text/csv")
EVENTS = (
    "events.csv",
    b"# ----------------------------------------\n# Events\n# Account: Azahar\n"
    b"# ----------------------------------------\n\n"
    b"Event name,Event count,Total users\npage_view,100,50\n",
    "text/csv",
)
PHOTO_REFUSED = (
    "photo.csv was not imported: photo.csv is not a text CSV or an XLSX spreadsheet (it looks "
    "like a binary file)."
)
PHOTO_NEXT = (
    "What to do next: Check that it is the export you meant, download it again from the network "
    "and import the new file."
)
EVENTS_NEXT = (
    "What to do next: Download the export the message names instead, and import that file."
)


@pytest.fixture
def import_page(db_path, start_app):
    """The Import page of an empty workspace, signed in as an editor (in ``lang``)."""

    def start(lang: str | None = None):
        at = start_app(None, signed_in(db_path))
        if lang:
            at = run(at.sidebar.selectbox(key="lang").set_value(lang))
        return run(at.switch_page("pages/import_data.py"))

    return start


def upload(sample, name: str, as_name: str | None = None) -> tuple[str, bytes, str]:
    return (as_name or name, sample(name).read_bytes(), "text/csv")


def imported(at, *files):
    at = run(at.file_uploader[0].set_value(list(files)))
    return run(at.button(key="confirm_import").click())


def statuses(db_path) -> dict[int, str]:
    with store.connect(db_path) as con:
        return dict(con.execute("SELECT import_id, status FROM imports").fetchall())


def undo_picker(at):
    (picker,) = [s for s in at.selectbox if s.label == "Import to undo"]
    return picker


def test_the_newest_import_is_preselected_and_undo_asks_first(import_page, sample, db_path):
    at = imported(import_page(), upload(sample, "meta_facebook_posts.csv", "fb.csv"))
    assert undo_picker(at).value == 1
    at = imported(at, upload(sample, "meta_instagram_posts.csv", "ig.csv"))
    assert texts(at.success) == ["ig.csv: 16 added, 0 updated, 0 unchanged."]
    assert undo_picker(at).value == 2  # what the user just imported, not the one before

    at = run(at.button(key="undo_button").click())
    assert texts(at.warning) == [
        "Undo import #2 of ig.csv? It added 16 rows and updated 0 rows: the added rows are "
        "removed and the updated ones go back to the values they had before. Nothing else "
        "changes."
    ]
    assert statuses(db_path) == {1: "applied", 2: "applied"}  # nothing done yet
    at = run(at.button(key="undo_cancel").click())
    assert not at.warning
    assert statuses(db_path) == {1: "applied", 2: "applied"}

    at = run(at.button(key="undo_button").click())
    at = run(at.button(key="undo_confirm").click())
    assert texts(at.success) == ["Import #2 undone."]
    assert statuses(db_path) == {1: "applied", 2: "undone"}
    assert undo_picker(at).value == 1  # the newest import still applied


def test_undo_names_the_updated_rows_in_spanish(import_page, sample, db_path):
    at = imported(import_page("es"), upload(sample, "meta_facebook_posts.csv", "fb.csv"))
    content = sample("meta_facebook_posts.csv").read_text(encoding="utf-8-sig")
    changed = content.replace(",Lifetime,637,", ",Lifetime,700,", 1).encode()
    at = imported(at, ("fb-2.csv", changed, "text/csv"))
    (picker,) = [s for s in at.selectbox if s.label == "Importación que deshacer"]
    assert picker.value == 2
    at = run(at.button(key="undo_button").click())
    (question,) = texts(at.warning)
    assert question.startswith(
        "¿Deshacer la importación n.º 2 de fb-2.csv? Añadió 0 filas y actualizó 1 fila:"
    )


def test_a_refused_file_stays_explained_after_the_others_import(import_page, sample, db_path):
    at = import_page()
    files = [BINARY, upload(sample, "meta_facebook_posts.csv", "fb.csv"), EVENTS]
    at = run(at.file_uploader[0].set_value(files))
    assert texts(at.error)[0] == PHOTO_REFUSED
    assert PHOTO_NEXT in texts(at.caption) and EVENTS_NEXT in texts(at.caption)

    at = run(at.button(key="confirm_import").click())
    assert texts(at.success) == ["fb.csv: 20 added, 0 updated, 0 unchanged."]
    errors = texts(at.error)
    assert errors[0] == PHOTO_REFUSED
    assert errors[1].startswith("events.csv was not imported: events.csv is a Google Analytics 4")
    assert PHOTO_NEXT in texts(at.caption) and EVENTS_NEXT in texts(at.caption)

    at = run(at)  # another run (any click on the page): still there
    assert texts(at.error)[0] == PHOTO_REFUSED and not at.success

    refused = at.dataframe[-1].value  # the history's refused files, newest first
    assert refused["File"].tolist() == ["events.csv", "photo.csv"]
    assert refused["Why it was refused"].tolist()[1] == (
        "photo.csv is not a text CSV or an XLSX spreadsheet (it looks like a binary file)."
    )
    assert refused["What to do next"].tolist()[0] == EVENTS_NEXT.removeprefix("What to do next: ")
    assert all(len(sha) == 64 for sha in refused["SHA-256"])
    assert at.dataframe[-2].value["File"].tolist() == ["fb.csv"]  # the imports, as before
    assert undo_picker(at).value == 1  # refused files are not undoable: they wrote nothing

    at = run(at.button(key="refused_dismiss").click())
    assert not at.error
    assert at.dataframe[-1].value["File"].tolist() == ["events.csv", "photo.csv"]  # still logged


def test_a_refused_file_alone_is_in_the_history(import_page, sample):
    at = run(import_page().file_uploader[0].set_value(BINARY))
    assert texts(at.info) == ["Nothing imported yet."]
    assert at.dataframe[-1].value["File"].tolist() == ["photo.csv"]
    assert not [s for s in at.selectbox if s.label == "Import to undo"]
