"""A database file that is cut short, read-only, too new or on a full disk: each has its own
plain message, never a traceback or a server path; a read-only one can still be read."""

from __future__ import annotations

import duckdb
import pytest
from signin_support import signed_in
from streamlit.testing.v1 import AppTest

from smdash.access import auth
from smdash.db import store

KINDS = ("error", "warning", "info", "success")


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in KINDS for e in getattr(at, kind)]
    parts += [e.value for e in at.markdown] + [e.value for e in at.code]
    return "\n".join(str(p) for p in parts)


def assert_plain(at: AppTest, expected: str, db_path) -> None:
    text = page_text(at)
    assert expected in text, text
    assert not at.exception
    assert "Traceback" not in text
    assert str(db_path.parent) not in text  # no server path


def test_a_database_cut_short_gets_a_plain_message_on_the_sign_in_page(demo_db, start_app, db_path):
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    at = start_app(None)
    assert_plain(at, "it is damaged or it is not a database", db_path)


def test_a_too_new_database_is_not_called_busy(start_app, db_path):
    with store.connect(db_path) as con:
        con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    at = start_app(None)
    assert_plain(at, "written by a newer version of smdash (schema 999", db_path)
    assert "busy" not in page_text(at)


def test_a_full_disk_gets_its_own_message(start_app, db_path, monkeypatch):
    token = signed_in(db_path)

    def full(*args, **kwargs):
        raise duckdb.IOException('Could not write file "x.wal": No space left on device')

    monkeypatch.setattr(auth, "find_session", full)
    at = start_app(None, token)
    assert_plain(at, "The server's disk is full", db_path)


def test_a_read_only_database_is_read_and_refuses_writes(start_app, db_path, monkeypatch):
    token = signed_in(db_path)
    start_app(None, token)  # the workspace is set up, and the day's backup made
    monkeypatch.setattr(store, "_writable", lambda path: False)
    at = start_app(None, token)
    assert not at.exception
    assert "busy" not in page_text(at)
    assert at.title and not at.error, page_text(at)  # the signed-in user still sees a page
    with pytest.raises(store.DatabaseReadOnly), store.connect(db_path) as con:
        con.execute("INSERT INTO settings VALUES ('x', 'y')")
    assert "cannot be written" in store.DatabaseReadOnly("").message("en")


def test_a_bad_setting_stops_the_app_with_a_message(start_app, db_path, monkeypatch):
    for value in ("inf", "-5"):
        monkeypatch.setenv("SMDASH_SESSION_IDLE_MINUTES", value)
        at = start_app(None, signed_in(db_path))
        text = page_text(at).replace("\\_", "_")  # shown as Markdown: '_' escaped
        assert "smdash cannot start with these settings" in text
        assert f"The setting SMDASH_SESSION_IDLE_MINUTES is '{value}'" in text
        assert not at.exception
