"""Who may do what: accounts, sign-in and its waits, sessions, the role guard, the audit trail."""

import datetime as dt
import importlib
import inspect
import io
import pkgutil

import pytest
import streamlit as st
from argon2 import PasswordHasher
from conftest import REPO
from page_support import open_tab, texts
from signin_support import TOKEN_KEY, account, signed_in
from streamlit.testing.v1 import AppTest

import smdash
from smdash import cli
from smdash.access import audit, auth, roles, throttle
from smdash.access.throttle import Throttle
from smdash.db import store
from smdash.imports.pipeline import import_file
from smdash.plan import objectives

VIEWER = roles.Actor("boss", "viewer")
EDITOR = roles.Actor("ana", "editor")
WRONG_EN = "Wrong user name or password, or too many tries: wait a moment and try again."
WRONG_ES = (
    "Usuario o contraseña incorrectos, o demasiados intentos: espera un momento y vuelve a probar."
)


def audited_writes() -> dict[str, object]:
    """Every write function in smdash, found by its audit decorator."""
    found = {}
    for info in pkgutil.walk_packages(smdash.__path__, "smdash."):
        if ".ui" in info.name or info.name.endswith("__main__") or ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _, fn in inspect.getmembers(module, inspect.isfunction):
            if hasattr(fn, "audited_action"):
                found[fn.audited_action] = fn
    return found


def test_passwords_are_stored_as_salted_argon2_hashes(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    auth.add_user(con, "eva", "editor", "s3cret-pass!")
    hashes = [r[0] for r in con.execute("SELECT password_hash FROM users ORDER BY name").fetchall()]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert hashes[0] != hashes[1]  # the same password, two salts
    assert "s3cret-pass!" not in "".join(hashes)


def test_wrong_passwords_and_unknown_names_get_the_same_answer(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    for name, password in (("ana", "wrong"), ("nobody", "s3cret-pass!")):
        with pytest.raises(auth.SignInFailed) as refused:
            auth.sign_in(con, name, password)
        assert refused.value.message("en") == WRONG_EN
    token = auth.sign_in(con, "ana", "s3cret-pass!")
    assert auth.session_actor(con, token) == roles.Actor("ana", "editor")


def test_wrong_tries_make_the_name_wait_longer_each_time_never_lock_it(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    for _ in range(5):  # five free wrong tries
        with pytest.raises(auth.SignInFailed, match="auth.wrong"):
            auth.sign_in(con, "ana", "wrong")
    assert auth.sign_in(con, "ana", "s3cret-pass!")  # the free tries never keep her out
    for _ in range(6):
        with pytest.raises(auth.SignInFailed, match="auth.wrong"):
            auth.sign_in(con, "ana", "wrong")
    with pytest.raises(auth.SignInFailed) as waiting:
        auth.sign_in(con, "ana", "s3cret-pass!")  # even the right password, while she must wait
    assert waiting.value.message("en") == WRONG_EN
    assert auth.users(con)[0]["locked"] is True
    assert auth.ACCOUNT_TRIES.wait("ana") <= 1.0  # the sixth wrong try: a 1 s wait
    auth.ACCOUNT_TRIES.succeeded("ana")  # (the wait is over)
    assert auth.sign_in(con, "ana", "s3cret-pass!")


def test_waits_grow_to_a_minute_per_name_and_five_minutes_per_client():
    assert [auth.ACCOUNT_TRIES.delay(n) for n in (5, 6, 7, 8, 12, 100)] == [0, 1, 2, 4, 60, 60]
    assert auth.CLIENT_TRIES.delay(20) == 0 and auth.CLIENT_TRIES.delay(21) == 1
    assert auth.CLIENT_TRIES.delay(1000) == 300


def test_throttle_waits_and_forgets():
    tries = Throttle(free=2, longest=10)
    for now in (0, 1, 2):
        tries.failed("x", now=now)
    assert tries.wait("x", now=2.5) == 0.5 and tries.wait("x", now=3.1) == 0
    assert tries.wait("y", now=2.5) == 0
    assert tries.wait("x", now=2 + throttle.FORGET + 1) == 0
    assert tries.failed("x", now=2 + throttle.FORGET + 1) is False  # counted afresh


def test_a_client_guessing_many_names_must_wait_whichever_name_it_tries(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    for index in range(21):
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(con, f"guess{index}", "wrong", client="10.0.0.9")
    with pytest.raises(auth.SignInFailed) as refused:
        auth.sign_in(con, "ana", "s3cret-pass!", client="10.0.0.9")
    assert refused.value.message("en") == WRONG_EN
    assert auth.sign_in(con, "ana", "s3cret-pass!", client="10.0.0.7")  # others go on


def test_every_answer_costs_one_hash_check_and_says_the_same(con, monkeypatch):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    checks = []
    real_verify = auth._verify
    monkeypatch.setattr(auth, "_verify", lambda h, p: checks.append(h) or real_verify(h, p))
    for _ in range(6):
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(con, "ana", "wrong")
    messages = set()
    for name, password in (("ana", "s3cret-pass!"), ("nobody", "x"), ("ana", "wrong")):
        checks.clear()
        with pytest.raises(auth.SignInFailed) as refused:
            auth.sign_in(con, name, password)
        assert len(checks) == 1
        messages.add(refused.value.message("es"))
    assert messages == {WRONG_ES}


def test_the_app_hashes_as_owasp_sets_argon2id():
    """46 MiB, one pass, one lane (the test process uses a cheaper hasher: conftest.py)."""
    made = PasswordHasher(**auth.HASH_COST).hash("s3cret-pass!")
    assert made.startswith("$argon2id$v=19$m=47104,t=1,p=1$")


def test_a_hash_made_with_other_parameters_is_replaced_at_the_next_sign_in(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    older = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=2).hash("s3cret-pass!")
    con.execute("UPDATE users SET password_hash = ? WHERE name = 'ana'", [older])
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(con, "ana", "wrong")
    assert con.execute("SELECT password_hash FROM users").fetchone()[0] == older
    assert auth.sign_in(con, "ana", "s3cret-pass!")
    now = con.execute("SELECT password_hash FROM users").fetchone()[0]
    assert now != older and not auth._hasher.check_needs_rehash(now)
    assert auth.sign_in(con, "ana", "s3cret-pass!")  # the new hash checks the same password
    assert con.execute("SELECT password_hash FROM users").fetchone()[0] == now


def test_sign_ins_failures_and_waits_are_audited(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    token = auth.sign_in(con, "ana", "s3cret-pass!", client="10.0.0.9")
    for _ in range(6):
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(con, "ana", "wrong", client="10.0.0.9")
    auth.sign_out(con, token)
    rows = con.execute(
        "SELECT actor, action, details FROM audit_log WHERE action LIKE 'sign%' ORDER BY audit_id"
    ).fetchall()
    assert rows[0] == ("ana", "sign_in", "ana from 10.0.0.9")
    assert rows[1:7] == [("system", "sign_in.failed", "ana from 10.0.0.9")] * 6
    assert rows[7:] == [
        ("system", "sign_in.throttled", "ana from 10.0.0.9"),
        ("system", "sign_out", "ana"),
    ]


def test_user_names_are_one_after_normalising(con):
    auth.add_user(con, "Demo", "editor", "s3cret-pass!")
    assert auth.users(con)[0]["name"] == "demo"
    for twin in ("DEMO", "ｄｅｍｏ", "demo\u200b", "\u202edemo", " demo "):
        with pytest.raises(auth.InvalidAccount, match="auth.exists"):
            auth.add_user(con, twin, "viewer", "s3cret-pass!")
    assert auth.sign_in(con, "ＤＥＭＯ", "s3cret-pass!")


@pytest.mark.parametrize(
    ("password", "key"),
    [
        ("nine-char", "auth.short_password"),
        (" " * 12, "auth.short_password"),
        ("\x00" * 12, "auth.bad_password_characters"),
        ("long-enough\x00", "auth.bad_password_characters"),
        ("qwertyuiop", "auth.common_password"),
        ("Password123", "auth.common_password"),
        ("contraseña123", "auth.common_password"),
    ],
)
def test_weak_passwords_are_refused(con, password, key):
    with pytest.raises(auth.InvalidAccount, match=key) as refused:
        auth.add_user(con, "ana", "editor", password)
    assert "{" not in refused.value.message("es")
    assert not auth.has_users(con)


def test_a_password_cannot_go_back_to_the_demo_one(con):
    auth.check_password_rules("a-fine-password")
    for demo in ("demo", "director", "Director  "):
        with pytest.raises(auth.InvalidAccount, match="auth.demo_password"):
            auth.check_password_rules(demo)


def test_the_audit_row_lands_in_the_write_transaction_or_neither_does(con, sample, monkeypatch):
    def crash(*args):
        raise RuntimeError("killed between the write and its audit row")

    monkeypatch.setattr(audit, "record", crash)
    with roles.acting_as(EDITOR), pytest.raises(RuntimeError):
        import_file(con, sample("meta_facebook_posts.csv"))
    assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    monkeypatch.undo()
    with roles.acting_as(EDITOR):
        import_file(con, sample("meta_facebook_posts.csv"))
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 1


def test_a_session_expires_after_the_idle_time_and_on_sign_out(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    token = auth.sign_in(con, "ana", "s3cret-pass!")
    con.execute("UPDATE sessions SET last_seen = last_seen - INTERVAL 2 HOUR")
    assert auth.session_actor(con, token, dt.timedelta(hours=3)) == EDITOR
    con.execute("UPDATE sessions SET last_seen = last_seen - INTERVAL 2 HOUR")
    assert auth.session_actor(con, token, dt.timedelta(hours=1)) is None
    assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    other = auth.sign_in(con, "ana", "s3cret-pass!")
    auth.sign_out(con, other)
    assert auth.session_actor(con, other) is None
    assert auth.session_actor(con, "made-up-token") is None


def test_every_write_function_refuses_a_viewer(con, snapshot):
    writes = audited_writes()
    assert {
        "pipeline.import_file",
        "pipeline.undo_import",
        "objectives.add_objective",
        "objectives.update_objective",
        "review.save_review",
        "costs.add_cost",
        "executive.save_comment",
        "workspace.start_empty",
        "mapping.save_mapping",
        "attribution.save_alias",
        "calendar.add_entry",
        "backup.make",
        "backup.keep",
        "toolkit.save_questionnaire",
        "toolkit.save_protocol_entry",
    } <= set(writes)
    assert len(writes) == 54  # 38 (with the refused files' log), the calendar's 7, the toolkit's 9
    before = snapshot(con)
    for name, fn in writes.items():
        arity = len(inspect.signature(fn).parameters) - 2  # con and actor
        with pytest.raises(roles.PermissionDenied) as refused:
            fn(con, *([None] * arity), actor=VIEWER)
        assert refused.value.message("en") == (
            "boss may only read: changes need an editor account."
        ), name
        with roles.acting_as(VIEWER), pytest.raises(roles.PermissionDenied):
            fn(con, *([None] * arity))
        with roles.acting_as(roles.NOBODY), pytest.raises(roles.PermissionDenied):
            fn(con, *([None] * arity))
    for change in (auth.add_user, auth.set_role):
        with pytest.raises(roles.PermissionDenied):
            change(
                con,
                "x",
                "editor",
                *(["pw12-long-enough"] if change is auth.add_user else []),
                actor=VIEWER,
            )
    with pytest.raises(roles.PermissionDenied):
        auth.remove_user(con, "cm", actor=VIEWER)
    for name in ("cm", "boss"):  # not even their own password without the current one
        with pytest.raises(roles.PermissionDenied):
            auth.set_password(con, name, "new-pass-word", actor=VIEWER)
    assert snapshot(con) == before


# --- changing one's own password -------------------------------------------------------------


def password_state(con) -> list[tuple]:
    """Every account's hash and flags, the sessions and the audit trail: what a change touches."""
    return [
        *con.execute("SELECT * FROM users ORDER BY name").fetchall(),
        *con.execute("SELECT * FROM sessions ORDER BY token").fetchall(),
        *con.execute("SELECT * FROM audit_log ORDER BY audit_id").fetchall(),
    ]


@pytest.fixture
def boss(con):
    """A viewer with a demo password, signed in twice, beside an editor."""
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    auth.add_user(con, "boss", "viewer", "director", actor=roles.SYSTEM, demo=True)
    return auth.sign_in(con, "boss", "director"), auth.sign_in(con, "boss", "director")


def test_a_viewer_changes_their_own_password(con, boss):
    here, elsewhere = boss
    assert auth.demo_passwords_in_use(con) == ["boss"]
    auth.change_own_password(
        con, "boss", "director", "new-boss-pw", "new-boss-pw", actor=VIEWER, keep_session=here
    )
    assert auth.sign_in(con, "boss", "new-boss-pw")
    with pytest.raises(auth.SignInFailed, match="auth.wrong"):
        auth.sign_in(con, "boss", "director")
    assert auth.demo_passwords_in_use(con) == []  # the app's warning goes
    assert auth.session_actor(con, here) == VIEWER  # the session that changed it stays
    assert auth.session_actor(con, elsewhere) is None  # whoever knew the old one is out
    stored = con.execute("SELECT password_hash FROM users WHERE name = 'boss'").fetchone()[0]
    assert stored.startswith("$argon2id$") and "new-boss-pw" not in stored
    changes = "SELECT actor, action, details FROM audit_log WHERE action LIKE 'user.%'"
    assert con.execute(changes).fetchall()[-1] == ("boss", "user.own_password", "boss")
    with roles.acting_as(EDITOR):  # an editor too, as the signed-in user of the app
        auth.change_own_password(con, "ana", "s3cret-pass!", "n3w-ana-pass", "n3w-ana-pass")
    assert auth.sign_in(con, "ana", "n3w-ana-pass")
    assert con.execute(changes).fetchall()[-1][:2] == ("ana", "user.own_password")


def test_an_editor_resetting_a_password_signs_out_whoever_used_the_old_one(con, boss):
    here, elsewhere = boss
    auth.set_password(con, "boss", "reset-by-ana", actor=EDITOR)
    assert auth.session_actor(con, here) is None and auth.session_actor(con, elsewhere) is None
    assert auth.sign_in(con, "boss", "reset-by-ana")
    own = auth.sign_in(con, "ana", "s3cret-pass!")
    auth.set_password(con, "ana", "ana-again-pass", actor=EDITOR)  # her own: she stays signed in
    assert auth.session_actor(con, own) == EDITOR


def test_nobody_changes_someone_elses_password_this_way(con, boss, snapshot):
    before = snapshot(con)
    for target, actor in (
        ("ana", VIEWER),  # the viewer, even knowing the editor's password
        ("boss", EDITOR),  # an editor sets others' passwords on the Users page, not here
        ("boss", roles.NOBODY),
        ("", roles.NOBODY),
        ("boss", roles.Actor("boss", "none")),
    ):
        with pytest.raises(roles.PermissionDenied) as refused:
            auth.change_own_password(con, target, "s3cret-pass!", "hijack1", "hijack1", actor=actor)
        assert refused.value.key == "auth.not_own"
    with roles.acting_as(VIEWER), pytest.raises(roles.PermissionDenied):
        auth.change_own_password(con, "ana", "s3cret-pass!", "hijack1", "hijack1")
    assert snapshot(con) == before
    assert auth.sign_in(con, "ana", "s3cret-pass!")


@pytest.mark.parametrize(
    ("current", "new", "repeat", "en", "es"),
    [
        ("wrong", "new-boss-pw", "new-boss-pw", "The current password is wrong.",
         "La contraseña actual no es correcta."),
        ("director", "new-boss-pw", "new-boss-pX", "The two passwords differ.",
         "Las dos contraseñas no coinciden."),
        ("director", "abc", "abc",
         "The password needs at least 10 characters (spaces alone do not count).",
         "La contraseña necesita al menos 10 caracteres (los espacios solos no cuentan)."),
        ("director", "director", "director", "The new password is the same as the current one.",
         "La nueva contraseña es igual que la actual."),
    ],
)  # fmt: skip
def test_a_refused_change_changes_no_password(con, boss, current, new, repeat, en, es):
    before = password_state(con)
    with pytest.raises(auth.InvalidAccount) as refused:
        auth.change_own_password(con, "boss", current, new, repeat, actor=VIEWER)
    assert (refused.value.message("en"), refused.value.message("es")) == (en, es)
    if current == "wrong":  # a wrong current password counts as a wrong sign-in, nothing else
        assert auth.ACCOUNT_TRIES.failed("boss") is False  # (the second wrong try)
    assert password_state(con) == before
    assert auth.sign_in(con, "boss", "director")
    assert auth.demo_passwords_in_use(con) == ["boss"]  # the warning stays
    if new != current:
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(con, "boss", new)


def test_wrong_current_passwords_count_like_wrong_sign_ins(con, boss):
    change = ("new-pass-word", "new-pass-word")
    for _ in range(6):
        with pytest.raises(auth.InvalidAccount, match="auth.wrong_current"):
            auth.change_own_password(con, "boss", "guess", *change, actor=VIEWER)
    with pytest.raises(auth.InvalidAccount, match="auth.wrong_current"):  # the right one waits
        auth.change_own_password(con, "boss", "director", *change, actor=VIEWER)
    with pytest.raises(auth.SignInFailed):
        auth.sign_in(con, "boss", "director")
    auth.ACCOUNT_TRIES.succeeded("boss")
    assert auth.sign_in(con, "boss", "director")
    changes = "SELECT count(*) FROM audit_log WHERE action = 'user.own_password'"
    assert con.execute(changes).fetchone()[0] == 0


def test_the_audit_trail_records_who_wrote(con, sample):
    goal_id = objectives.add_goal(con, "Grow Instagram", actor=EDITOR)
    with roles.acting_as(roles.Actor("eva", "editor")):
        result = import_file(con, sample("meta_facebook_posts.csv"))
    objectives.rename_goal(con, goal_id, "Grow IG")  # the command line
    rows = con.execute("SELECT actor, action, details FROM audit_log ORDER BY audit_id").fetchall()
    assert rows == [
        ("ana", "objectives.add_goal", "Grow Instagram"),
        ("eva", "pipeline.import_file", "meta_facebook_posts.csv"),
        ("cli", "objectives.rename_goal", f"{goal_id}, Grow IG"),
    ]
    assert result.import_id == 1
    assert list(audit.trail(con)["actor"]) == ["cli", "eva", "ana"]


def test_the_last_editor_cannot_be_removed_or_demoted(con):
    auth.add_user(con, "ana", "editor", "s3cret-pass!")
    auth.add_user(con, "boss", "viewer", "s3cret-pass!")
    for change in (
        lambda: auth.remove_user(con, "ana"),
        lambda: auth.set_role(con, "ana", "viewer"),
    ):
        with pytest.raises(auth.InvalidAccount, match="auth.last_editor"):
            change()
    with pytest.raises(auth.InvalidAccount, match="auth.exists"):
        auth.add_user(con, "boss", "viewer", "other-pass-1")
    with pytest.raises(auth.InvalidAccount, match="auth.bad_name"):
        auth.add_user(con, "two words", "viewer", "other-pass-1")
    auth.remove_user(con, "boss")
    assert [u["name"] for u in auth.users(con)] == ["ana"]


def test_cli_adds_lists_and_removes_users(db_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("director-pw\n"))
    assert cli.main(["user", "add", "boss", "--role", "viewer", "--password-stdin",
                     "--db", str(db_path)]) == 0  # fmt: skip
    assert cli.main(["user", "list", "--db", str(db_path)]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n"))
    assert cli.main(["user", "add", "x", "--role", "editor", "--password-stdin",
                     "--db", str(db_path)]) == 1  # fmt: skip
    out, err = capsys.readouterr()
    assert out.splitlines() == ["added boss (viewer)", "boss\tviewer"]
    assert err.strip() == (
        "ERROR The password needs at least 10 characters (spaces alone do not count)."
    )
    with store.connect(db_path) as con:
        assert auth.sign_in(con, "boss", "director-pw")
        assert con.execute("SELECT actor, action FROM audit_log").fetchall() == [
            ("cli", "user.add"),
            ("boss", "sign_in"),
        ]


def test_the_role_maps_from_the_identity_providers_email():
    roles = {"editor": ["cm@forn.example"], "viewer": ["@forn.example"]}
    assert auth.role_for_email("CM@forn.example", roles) == "editor"
    assert auth.role_for_email("boss@forn.example", roles) == "viewer"
    assert auth.role_for_email("someone@else.example", roles) is None
    assert auth.role_for_email(None, roles) is None


# --- the app ---------------------------------------------------------------------------------


@pytest.fixture
def app(start_app):
    return lambda token=None: start_app(None, token)


def sign_in(at, name, password):
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button(key="sign_in_submit").click().run()
    assert not at.exception
    if TOKEN_KEY not in at.session_state:
        return at
    # After a click AppTest (streamlit 1.67) reruns the page alone, not app.py, so it does not
    # follow the st.rerun() that shows the navigation; the next run of the browser session
    # is a fresh AppTest with the session's token (tests/test_browser_auth.py clicks for real).
    token = at.session_state[TOKEN_KEY]
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.session_state[TOKEN_KEY] = token
    at.run()
    assert not at.exception
    return at


def titles(at):
    return [t.value for t in at.title]


def test_nothing_shows_before_signing_in_and_a_wrong_password_is_refused(app, db_path):
    account(db_path, "editor")
    at = app()
    assert titles(at) == ["Sign in"]
    # only the out-of-sight figure and table that get the browser ready hold a value: a zero
    assert [m.value for m in at.metric] == ["0"]
    assert [d.value["value"].tolist() for d in at.dataframe] == [[0]]
    at = sign_in(at, "cm", "wrong")
    assert [e.value for e in at.error] == [WRONG_EN]
    assert titles(at) == ["Sign in"]
    at = sign_in(at, "cm", "cm-secret-2026")
    assert titles(at) == ["Overview"]
    assert at.session_state["auth_actor"] == roles.Actor("cm", "editor")


def test_a_viewer_cannot_reach_an_editor_page_by_switching_pages(app, db_path):
    at = app(signed_in(db_path, "viewer"))
    assert titles(at) == ["Executive summary"]  # the director's first screen
    for page in ("pages/import_data.py", "pages/objectives.py", "pages/users.py", "pages/costs.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)  # not registered in the viewer's navigation
    at.switch_page("pages/executive_summary.py").run()
    assert titles(at) == ["Executive summary"]
    assert not at.text_area  # the CM's comment editor is not there
    at.switch_page("pages/account.py").run()  # their own password: every role
    assert titles(at) == ["My account"]
    own = {"own_current", "own_new", "own_repeat", "own_mail_boss_email"}  # and their e-mail
    assert {w.key for w in at.text_input} == own


def test_a_viewer_sees_traffic_hygiene_lists_without_their_controls(app, db_path, sample):
    with store.connect(db_path) as con:
        import_file(con, sample("ga4_traffic_acquisition_source_medium.csv"))
    at = app(signed_in(db_path, "viewer"))
    at = open_tab(at.switch_page("pages/traffic.py").run(), "Tag hygiene")
    assert not at.exception
    assert texts(at.subheader)[0] == "Social visits without UTM tags"  # the lists: shown
    keys = {widget.key for widget in [*at.button, *at.selectbox, *at.text_input]}
    assert not keys & {"alias_source", "alias_remove_button", "unmerge_button"}
    editor = app(signed_in(db_path, "editor"))
    editor = open_tab(editor.switch_page("pages/traffic.py").run(), "Tag hygiene")
    assert "alias_source" in {widget.key for widget in editor.text_input}


def test_an_editor_manages_users_and_sees_the_trail(app, db_path):
    at = app(signed_in(db_path, "editor"))
    at.switch_page("pages/users.py").run()
    assert titles(at) == ["Users"]
    at.text_input(key="new_name").input("boss")
    at.text_input(key="new_password").input("director-pw")
    at.selectbox(key="new_role").select("viewer")
    at.button(key="add_user_button").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["User boss added."]
    with store.connect(db_path) as con:
        assert auth.user_role(con, "boss") == "viewer"
        added = "SELECT actor, action, details FROM audit_log WHERE action = 'user.add'"
        assert con.execute(added).fetchall()[-1] == ("cm", "user.add", "boss (viewer)")


def test_a_fresh_demo_workspace_has_demo_accounts_and_warns_about_them(
    db_path, monkeypatch, tmp_path
):
    st.cache_data.clear()
    monkeypatch.setenv("SMDASH_DB", str(db_path))
    monkeypatch.setenv("SMDASH_DEMO_DIR", str(tmp_path))  # a demo folder without files
    with store.connect(db_path) as con:
        store.set_setting(con, "workspace_mode", "demo")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120).run()
    at = sign_in(at, "demo", "demo")
    assert titles(at) == ["Overview"]
    assert [w.value for w in at.warning] == [
        "The demo accounts (demo, director) still have their demo passwords. Change them on "
        "the Users page before anyone else can reach this dashboard."
    ]
