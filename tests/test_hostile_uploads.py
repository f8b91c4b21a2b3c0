"""The Import page with hostile files: a message naming the file, the app and other sessions
carry on, and no upload outlives its import or its session (issue 14)."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import hostile_files as h
from page_support import run
from signin_support import signed_in

from smdash.ui.import_data import UploadFolder

KINDS = ("error", "warning", "info", "success")


def shown(at) -> str:
    """The messages on the page as the browser shows them: Markdown escapes (``A1\\:X``)
    undone once; a backslash escaped twice would stay (and show in the browser)."""
    text = "\n".join(str(e.value) for kind in KINDS for e in getattr(at, kind))
    return re.sub(r"\\([^\\])", r"\1", text)


def import_page(start_app, db_path):
    return run(start_app(None, signed_in(db_path)).switch_page("pages/import_data.py"))


def upload_folder(at) -> Path:
    return at.session_state["upload_dir"].path


def test_a_sparse_xlsx_gets_a_message_and_other_sessions_carry_on(start_app, db_path, tmp_path):
    at = import_page(start_app, db_path)
    other = import_page(start_app, db_path)
    sparse = h.sparse_xlsx(tmp_path).read_bytes()
    at = run(at.file_uploader[0].set_value(("sparse.xlsx", sparse, "application/octet-stream")))
    text = shown(at)
    assert "sparse.xlsx was not imported: sparse.xlsx: a sheet spans A1:XFD1048576" in text
    assert "unexpected problem" not in text and "\\" not in text  # none shown
    assert not at.exception
    good = ("good.csv", h.GOOD_CSV.encode(), "text/csv")
    other = run(other.file_uploader[0].set_value(good))
    other = run(other.button(key="confirm_import").click())
    assert "good.csv: 2 added, 0 updated, 0 unchanged." in shown(other)
    assert not other.exception


def test_broken_files_in_the_app_name_the_file_without_a_stray_backslash(
    start_app, db_path, tmp_path
):
    at = import_page(start_app, db_path)
    for maker, name in ((h.bad_crc_zip, "badcrc.zip"), (h.broken_xml_xlsx, "broken.xlsx")):
        data = maker(tmp_path).read_bytes()
        at = run(at.file_uploader[0].set_value((name, data, "application/octet-stream")))
        text = shown(at)
        assert f"{name} was not imported: {name} could not be read: it is damaged" in text
        assert "unexpected problem" not in text and "Traceback" not in text
        assert "\\" not in text  # escaped for Markdown once, not twice: no backslash shown


def test_an_upload_is_deleted_after_its_import(start_app, db_path):
    at = import_page(start_app, db_path)
    at = run(at.file_uploader[0].set_value(("good.csv", h.GOOD_CSV.encode(), "text/csv")))
    folder = upload_folder(at)
    assert len(list(folder.iterdir())) == 1
    at = run(at.button(key="confirm_import").click())
    assert "good.csv: 2 added" in shown(at)
    assert list(folder.iterdir()) == []


def test_uploads_go_with_their_session():
    holder = UploadFolder()
    (holder.path / "left.upload").write_bytes(b"x" * 1024)
    folder = holder.path
    del holder  # what happens to a session's state when the session ends
    gc.collect()
    assert not folder.exists()
