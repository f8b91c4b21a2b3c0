"""The results report by e-mail: who asked for it, which period is due on which day, and
`report --send` against a local SMTP server (aiosmtpd) that receives the PDF and the XLSX; a
failed send is reported and tried again on the next run."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import socket
import ssl
import subprocess
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from conftest import smdash
from executive_fixture import fill
from openpyxl import load_workbook
from test_report import pdf_text

from smdash import executive
from smdash.access import auth, report_mail
from smdash.access.roles import Actor, PermissionDenied
from smdash.db import store
from smdash.reports import mailing, outbox

D = dt.date


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _password_check(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=(auth_data.login, auth_data.password) == (b"cm", b"s3cret"))


@contextmanager
def _serving(**options):
    """A local SMTP server on a free port that asks for user cm / password s3cret; its Inbox."""
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=_free_port(), authenticator=_password_check, **options
    )
    controller.start()
    inbox.port = controller.port
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def smtp():
    """A server that takes the password without TLS."""
    with _serving(auth_require_tls=False) as inbox:
        yield inbox


@pytest.fixture
def tls_smtp(tmp_path, monkeypatch):
    """A server that takes mail only after STARTTLS, with a certificate made for 127.0.0.1
    that the command trusts through SSL_CERT_FILE (ssl's default verify paths)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    with _serving(tls_context=context, require_starttls=True) as inbox:
        yield inbox


def _secrets(tmp_path, port: int, starttls: bool = False):
    path = tmp_path / "secrets.toml"
    path.write_text(
        "[smtp]\n"
        f'host = "127.0.0.1"\nport = {port}\nstarttls = {str(starttls).lower()}\n'
        f'user = "cm"\npassword = "s3cret"\nsender = "cm@forn.example"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def workspace(db_path):
    """The executive test workspace, a director who asked for the monthly report in Spanish
    and a viewer who asked for nothing."""
    with store.connect(db_path) as con:
        fill(con)
        executive.set_business_name(con, "Forn de la Plaça")
        auth.add_user(con, "boss", "viewer", "director-secret")
        auth.add_user(con, "quiet", "viewer", "quiet-secret")
        report_mail.set_report_mail(con, "boss", "boss@forn.example", "monthly", "es")
        report_mail.set_report_mail(con, "quiet", "quiet@forn.example", None, "en")
    return db_path


def _send(db, secrets, today: str, *extra):
    return smdash("report", "--db", db, "--send", "--today", today, "--secrets", secrets, *extra)


def _outbox(db) -> list[tuple]:
    with store.connect(db) as con:
        return con.execute(
            "SELECT user_name, period_start, period_end, status, attempts FROM report_outbox "
            "ORDER BY period_start, user_name"
        ).fetchall()


def _audit(db, prefix: str) -> list[tuple]:
    with store.connect(db) as con:
        return con.execute(
            "SELECT actor, action, details FROM audit_log WHERE action LIKE ? ORDER BY audit_id",
            [prefix + "%"],
        ).fetchall()


# --- which period is due ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "today", "start", "end"),
    [
        ("monthly", D(2026, 11, 1), D(2026, 10, 1), D(2026, 10, 31)),
        ("monthly", D(2026, 11, 30), D(2026, 10, 1), D(2026, 10, 31)),
        ("monthly", D(2027, 1, 1), D(2026, 12, 1), D(2026, 12, 31)),
        ("fortnightly", D(2026, 11, 15), D(2026, 10, 16), D(2026, 10, 31)),
        ("fortnightly", D(2026, 11, 16), D(2026, 11, 1), D(2026, 11, 15)),
        ("fortnightly", D(2026, 12, 1), D(2026, 11, 16), D(2026, 11, 30)),
        ("fortnightly", D(2026, 3, 10), D(2026, 2, 16), D(2026, 2, 28)),
        ("fortnightly", D(2027, 1, 3), D(2026, 12, 16), D(2026, 12, 31)),
    ],
)
def test_the_due_period_is_the_last_one_that_ended(cadence, today, start, end):
    period = outbox.due_period(cadence, today)
    assert (period.start, period.end) == (start, end)


def test_a_month_comes_back_from_the_outbox_as_a_month():
    assert executive.period_for(D(2026, 10, 1), D(2026, 10, 31)).key == "2026-10"
    assert executive.period_for(D(2026, 10, 1), D(2026, 10, 15)).key == "2026-10-01..2026-10-15"


# --- who asked for it ------------------------------------------------------------------------


def test_a_viewer_sets_their_own_and_an_editor_anyones(con):
    auth.add_user(con, "boss", "viewer", "director-secret")
    auth.add_user(con, "other", "viewer", "other-secret")
    boss = Actor("boss", "viewer")
    saved = report_mail.set_report_mail(
        con, "boss", " boss@forn.example ", "fortnightly", "en", actor=boss
    )
    assert saved == report_mail.ReportMail("boss", "boss@forn.example", "fortnightly", "en")
    assert report_mail.report_mail(con, "boss") == saved
    with pytest.raises(PermissionDenied):
        report_mail.set_report_mail(con, "other", "x@forn.example", "monthly", "en", actor=boss)
    report_mail.set_report_mail(con, "other", "o@forn.example", "monthly", "es")  # the CLI: editor
    assert [s.name for s in report_mail.subscribers(con)] == ["boss", "other"]
    rows = con.execute(
        "SELECT actor, action, details FROM audit_log WHERE action = 'user.report_mail'"
    ).fetchall()
    assert rows == [
        ("boss", "user.report_mail", "boss: boss@forn.example, fortnightly, en"),
        ("cli", "user.report_mail", "other: o@forn.example, monthly, es"),
    ]


@pytest.mark.parametrize(
    ("email", "cadence", "lang", "message"),
    [
        ("boss.forn.example", "monthly", "en",
         "“boss.forn.example” is not an e-mail address: write it like name@example.com."),
        ("boss@forn", "monthly", "en",
         "“boss@forn” is not an e-mail address: write it like name@example.com."),
        ("", "monthly", "en", "Write an e-mail address to receive the report by e-mail."),
        ("boss@forn.example", "weekly", "en",
         "How often must be one of: fortnightly, monthly."),
        ("boss@forn.example", "monthly", "fr",
         "The report's language must be one of: es, en."),
    ],
)  # fmt: skip
def test_bad_settings_are_refused_and_nothing_changes(con, email, cadence, lang, message):
    auth.add_user(con, "boss", "viewer", "director-secret")
    with pytest.raises(report_mail.InvalidReportMail) as refused:
        report_mail.set_report_mail(con, "boss", email, cadence, lang)
    assert refused.value.message("en") == message
    assert report_mail.report_mail(con, "boss") == report_mail.ReportMail("boss", None, None, "es")


def test_no_address_means_no_report(con):
    auth.add_user(con, "boss", "viewer", "director-secret")
    report_mail.set_report_mail(con, "boss", "boss@forn.example", "monthly", "es")
    report_mail.set_report_mail(con, "boss", "", None, "es")
    assert report_mail.subscribers(con) == []


# --- report --send ---------------------------------------------------------------------------


def test_send_mails_pdf_and_xlsx_once_per_period(workspace, smtp, tmp_path):
    secrets = _secrets(tmp_path, smtp.port)
    result = _send(workspace, secrets, "2026-11-02")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Report for October 2026 sent to boss <boss@forn.example>.\n"
    assert result.stderr == ""
    assert smtp.envelopes == [("cm@forn.example", ["boss@forn.example"])]
    [mail] = smtp.messages
    assert mail["To"] == "boss <boss@forn.example>"
    assert mail["Subject"] == "Informe de redes sociales: octubre de 2026 (Forn de la Plaça)"
    assert "Adjunto va el informe de redes sociales de octubre de 2026" in (
        mail.get_body(("plain",)).get_content()
    )
    files = {part.get_filename(): part.get_content() for part in mail.iter_attachments()}
    stem = "smdash-report-20261001-20261031"
    assert sorted(files) == [f"{stem}.pdf", f"{stem}.xlsx"]
    pdf = files[f"{stem}.pdf"]
    assert "En octubre de 2026 las redes sociales llevaron 3.500 visitas" in pdf_text(pdf)
    book = load_workbook(io.BytesIO(files[f"{stem}.xlsx"]))
    assert book["Cifras clave"]["B2"].value == 3500
    assert _outbox(workspace) == [("boss", D(2026, 10, 1), D(2026, 10, 31), "sent", 1)]
    assert _audit(workspace, "report.") == [
        ("cli", "report.sent", "2026-10 to boss <boss@forn.example>")
    ]
    # the next daily runs of the month send nothing: the cadence decides
    again = _send(workspace, secrets, "2026-11-20", "--lang", "es")
    assert again.returncode == 0
    assert again.stdout == "Hoy no toca enviar ningún informe por correo.\n"
    assert len(smtp.messages) == 1


def test_send_over_starttls_with_a_password(workspace, tls_smtp, tmp_path):
    result = _send(workspace, _secrets(tmp_path, tls_smtp.port, starttls=True), "2026-11-02")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Report for October 2026 sent to boss <boss@forn.example>.\n"
    [mail] = tls_smtp.messages  # the server takes none before STARTTLS
    assert len(list(mail.iter_attachments())) == 2
    plain = _send(workspace, _secrets(tmp_path, tls_smtp.port), "2026-12-01")
    assert plain.returncode == 1  # without STARTTLS this server refuses: reported, kept due
    assert "SMTP AUTH extension not supported by server" in plain.stderr  # not before TLS
    assert _outbox(workspace)[-1][3:] == ("failed", 1)


def test_a_failed_send_is_reported_and_retried_on_the_next_run(workspace, smtp, tmp_path):
    with store.connect(workspace) as con:
        report_mail.set_report_mail(con, "boss", "boss@forn.example", "fortnightly", "en")
    dead = _secrets(tmp_path, _free_port())  # nothing listens there
    failed = _send(workspace, dead, "2026-11-16")
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.startswith(
        "ERROR Could not send the report for 2026-11-01 – 2026-11-15 to boss "
        "<boss@forn.example>: 127.0.0.1:"
    )
    assert failed.stderr.endswith("\nWhat failed is tried again on the next run.\n")
    assert _outbox(workspace) == [("boss", D(2026, 11, 1), D(2026, 11, 15), "failed", 1)]
    assert _send(workspace, dead, "2026-11-17").returncode == 1  # the next day's run: again
    assert _outbox(workspace) == [("boss", D(2026, 11, 1), D(2026, 11, 15), "failed", 2)]
    assert smtp.messages == []
    # a fortnight later the server works: the failed report goes first, then the new one
    sent = _send(workspace, _secrets(tmp_path, smtp.port), "2026-12-01")
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.splitlines() == [
        "Report for 2026-11-01 – 2026-11-15 sent to boss <boss@forn.example>.",
        "Report for 2026-11-16 – 2026-11-30 sent to boss <boss@forn.example>.",
    ]
    assert [m["Subject"] for m in smtp.messages] == [
        "Social media report: 2026-11-01 – 2026-11-15 (Forn de la Plaça)",
        "Social media report: 2026-11-16 – 2026-11-30 (Forn de la Plaça)",
    ]
    assert all(len(list(m.iter_attachments())) == 2 for m in smtp.messages)
    assert _outbox(workspace) == [
        ("boss", D(2026, 11, 1), D(2026, 11, 15), "sent", 3),
        ("boss", D(2026, 11, 16), D(2026, 11, 30), "sent", 1),
    ]
    assert [action for _, action, _ in _audit(workspace, "report.")] == [
        "report.send_failed", "report.send_failed", "report.sent", "report.sent"
    ]  # fmt: skip


def test_a_refused_address_fails_alone(workspace, smtp, tmp_path):
    with store.connect(workspace) as con:
        report_mail.set_report_mail(con, "quiet", "quiet@forn.example", "monthly", "en")
    smtp.refuse.add("quiet@forn.example")
    result = _send(workspace, _secrets(tmp_path, smtp.port), "2026-11-02")
    assert result.returncode == 1
    assert result.stdout == "Report for October 2026 sent to boss <boss@forn.example>.\n"
    assert result.stderr == (
        "ERROR Could not send the report for October 2026 to quiet <quiet@forn.example>: "
        f"127.0.0.1:{smtp.port}: refused quiet@forn.example\n"
        "What failed is tried again on the next run.\n"
    )
    assert [e[1] for e in smtp.envelopes] == [["boss@forn.example"]]
    assert [row[::3] for row in _outbox(workspace)] == [("boss", "sent"), ("quiet", "failed")]


def test_missing_smtp_settings_fail_loudly_and_keep_the_send_due(workspace, tmp_path):
    missing = tmp_path / "nowhere.toml"
    result = _send(workspace, missing, "2026-11-02")
    assert result.returncode == 2
    assert f"{missing} does not exist" in result.stderr
    assert _outbox(workspace) == [("boss", D(2026, 10, 1), D(2026, 10, 31), "failed", 1)]


def test_send_refuses_a_period_or_an_out_file(workspace, tmp_path):
    result = smdash("report", "--db", workspace, "--send", "--period", "2026-10")
    assert result.returncode == 2
    assert result.stderr.startswith("ERROR --send takes each person's period")
    bare = smdash("report", "--db", workspace, "--period", "2026-10")
    assert bare.returncode == 2
    assert bare.stderr == (
        "ERROR Write --period and --out to save a report, or --send to e-mail the reports "
        "that are due.\n"
    )


def test_smtp_settings_are_read_from_secrets(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text('[smtp]\nhost = "smtp.example.com"\nuser = "cm@forn.example"\n')
    assert mailing.smtp_settings(path) == mailing.SmtpSettings(
        "smtp.example.com", 587, True, "cm@forn.example", "", ""
    )
    path.write_text('[auth]\nclient_id = "x"\n')
    with pytest.raises(mailing.MailSettingsMissing, match="no \\[smtp\\] section"):
        mailing.smtp_settings(path)
