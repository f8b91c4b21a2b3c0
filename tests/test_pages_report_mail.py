"""The report by e-mail in the app: a viewer asks for it on My account, an editor sets it for
anyone on Users and sees what was sent."""

import datetime as dt

from page_support import run, texts
from signin_support import signed_in

from smdash.access import auth, report_mail
from smdash.db import store
from smdash.reports import outbox


def _open(start_app, token: str, page: str, lang: str = "en"):
    at = start_app(None, token)
    if lang != "en":
        at.session_state["ui_lang"] = lang
        at.run()
    return run(at.switch_page(page))


def _settings(db_path, name: str) -> report_mail.ReportMail:
    with store.connect(db_path) as con:
        return report_mail.report_mail(con, name)


def test_a_viewer_asks_for_the_report_on_my_account(start_app, db_path):
    at = _open(start_app, signed_in(db_path, "viewer"), "pages/account.py")
    assert at.text_input(key="own_mail_boss_email").value == ""
    assert at.selectbox(key="own_mail_boss_cadence").value is None
    assert at.selectbox(key="own_mail_boss_cadence").options == [
        "No e-mail", "Every fortnight (1st-15th, 16th-end of month)", "Every month"
    ]  # fmt: skip
    at.text_input(key="own_mail_boss_email").input("boss@forn.example")
    at.selectbox(key="own_mail_boss_cadence").select("monthly")
    at.selectbox(key="own_mail_boss_lang").select("en")
    at = run(at.button(key="own_mail_boss_save").click())
    assert texts(at.success) == ["E-mail settings of boss saved."]
    assert _settings(db_path, "boss") == report_mail.ReportMail(
        "boss", "boss@forn.example", "monthly", "en"
    )
    # the next visit shows what was saved
    assert at.text_input(key="own_mail_boss_email").value == "boss@forn.example"
    assert at.selectbox(key="own_mail_boss_cadence").value == "monthly"


def test_a_bad_address_is_refused_in_the_users_words(start_app, db_path):
    at = _open(start_app, signed_in(db_path, "viewer"), "pages/account.py", "es")
    at.text_input(key="own_mail_boss_email").input("boss.forn.example")
    at.selectbox(key="own_mail_boss_cadence").select("fortnightly")
    at = run(at.button(key="own_mail_boss_save").click())
    assert texts(at.error) == [
        "«boss.forn.example» no es una dirección de correo: escríbela como nombre@ejemplo.com."
    ]
    assert _settings(db_path, "boss").cadence is None


def test_an_editor_sets_it_for_a_viewer_and_sees_the_outbox(start_app, db_path):
    token = signed_in(db_path, "editor")
    with store.connect(db_path) as con:
        auth.add_user(con, "boss", "viewer", "director-secret")
    at = _open(start_app, token, "pages/users.py")
    assert texts(at.info)[-1].startswith("No report has been e-mailed yet.")
    at.selectbox(key="manage_name").select("boss")
    at = run(at)
    at.text_input(key="users_mail_boss_email").input("boss@forn.example")
    at.selectbox(key="users_mail_boss_cadence").select("fortnightly")
    at = run(at.button(key="users_mail_boss_save").click())
    assert texts(at.success) == ["E-mail settings of boss saved."]
    assert _settings(db_path, "boss").cadence == "fortnightly"
    with store.connect(db_path) as con:
        [due] = outbox.due_sends(con, dt.date(2026, 11, 16))
        outbox.record(con, due, "smtp.example.com:587: timed out")
    at = run(at)
    table = at.dataframe[1].value  # after the users, before the audit trail
    assert table.iloc[0].to_dict() | {"Last attempt (UTC)": None} == {
        "User": "boss",
        "Period": "2026-11-01 – 2026-11-15",
        "E-mail": "boss@forn.example",
        "Status": "failed: tried again on the next run",
        "Attempts": 1,
        "Last attempt (UTC)": None,
        "Error": "smtp.example.com:587: timed out",
    }
