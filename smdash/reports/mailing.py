"""The results report by e-mail: the SMTP server from secrets.toml, one message per person with
the executive PDF and XLSX attached, each outcome recorded and audited.

A run is three steps, so that the database is not held while a mail server answers:
``prepare`` (what is due, the attachments; with the database), ``deliver`` (SMTP; without),
``record_results`` (the outbox and the audit trail; with the database again).
"""

from __future__ import annotations

import smtplib
import ssl
import tomllib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

import duckdb

from smdash import executive
from smdash.access import audit
from smdash.access.roles import Actor, current_actor
from smdash.core.i18n import t
from smdash.reports import outbox
from smdash.reports.executive_report import report_bytes

SECRETS = Path(".streamlit") / "secrets.toml"  # as Streamlit finds it: in the working folder
TIMEOUT = 30  # seconds an SMTP server may take to answer
MIME = {
    "pdf": ("application", "pdf"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


class MailSettingsMissing(Exception):
    """secrets.toml has no usable [smtp] section; the text says what to write."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    user: str = ""
    password: str = ""
    sender: str = ""

    @property
    def from_address(self) -> str:
        return self.sender or self.user


def smtp_settings(path: Path | None = None) -> SmtpSettings:
    """The ``[smtp]`` section of ``.streamlit/secrets.toml`` (or ``path``)."""
    path = path or SECRETS
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("smtp")
    except FileNotFoundError as exc:
        raise MailSettingsMissing(f"{path} does not exist: copy {path}.example") from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MailSettingsMissing(f"{path} cannot be read: {exc}") from exc
    if not isinstance(section, dict) or not section.get("host"):
        raise MailSettingsMissing(f"{path} has no [smtp] section with a host")
    settings = SmtpSettings(
        host=str(section["host"]),
        port=int(section.get("port", 587)),
        starttls=bool(section.get("starttls", True)),
        user=str(section.get("user", "")),
        password=str(section.get("password", "")),
        sender=str(section.get("sender", "")),
    )
    if not settings.from_address:
        raise MailSettingsMissing(f"{path}: [smtp] needs a sender (or a user) to send from")
    return settings


@dataclass
class Outgoing:
    due: outbox.Due
    subject: str
    body: str
    attachments: dict[str, bytes]  # file name -> content


def prepare(con: duckdb.DuckDBPyConnection, today) -> list[Outgoing]:
    """What is due on ``today``, each with its subject, text and the two attachments (built
    once per period and language)."""
    business = executive.business_name(con)
    built: dict[tuple, dict[str, bytes]] = {}
    outgoing = []
    for due in outbox.due_sends(con, today):
        lang, period = due.to.lang, due.period
        key = (period.start, period.end, lang)
        if key not in built:
            stem = f"smdash-report-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
            built[key] = {
                f"{stem}.{kind}": report_bytes(con, period, lang, kind) for kind in ("pdf", "xlsx")
            }
        label = period.label(lang)
        subject = t("executive.report.title", lang) + f": {label}"
        if business:
            subject += f" ({business})"
        body = t("mailing.body", lang, name=due.to.name, period=label)
        outgoing.append(Outgoing(due, subject, body, built[key]))
    return outgoing


def message(settings: SmtpSettings, item: Outgoing) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = settings.from_address
    mail["To"] = formataddr((item.due.to.name, item.due.to.email))
    mail["Subject"] = item.subject
    mail["Message-ID"] = make_msgid(domain=settings.from_address.split("@")[-1])
    mail.set_content(item.body)
    for name, content in item.attachments.items():
        maintype, subtype = MIME[name.rsplit(".", 1)[1]]
        mail.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return mail


def deliver(settings: SmtpSettings, items: list[Outgoing]) -> list[str | None]:
    """Send each message over one SMTP session: per message, None when the server took it,
    else what went wrong (a server that cannot be reached fails them all)."""
    results: list[str | None] = []
    if not items:
        return results
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT) as server:
            if settings.starttls:
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, settings.password)
            for item in items:
                results.append(_send_one(server, settings, item))
    except (smtplib.SMTPException, OSError) as exc:
        results += [_reason(exc, settings)] * (len(items) - len(results))
    return results


def _send_one(server: smtplib.SMTP, settings: SmtpSettings, item: Outgoing) -> str | None:
    try:
        server.send_message(message(settings, item))
    except smtplib.SMTPServerDisconnected:
        raise  # the session is gone: the rest fail with it
    except smtplib.SMTPException as exc:
        return _reason(exc, settings)
    return None


def _reason(exc: Exception, settings: SmtpSettings) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        error = exc.smtp_error
        detail = error.decode(errors="replace") if isinstance(error, bytes) else str(error)
        return f"{settings.host}:{settings.port}: {exc.smtp_code} {detail}".strip()
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return f"{settings.host}:{settings.port}: refused {', '.join(exc.recipients)}"
    return f"{settings.host}:{settings.port}: {getattr(exc, 'strerror', None) or exc}"


def record_results(
    con: duckdb.DuckDBPyConnection,
    items: list[Outgoing],
    errors: list[str | None],
    actor: Actor | None = None,
) -> None:
    """The outbox row and an audit row for each send."""
    who = actor or current_actor()
    for item, error in zip(items, errors, strict=True):
        outbox.record(con, item.due, error)
        what = f"{item.due.period.key} to {item.due.to.name} <{item.due.to.email}>"
        action = "report.send_failed" if error else "report.sent"
        audit.record(con, who, action, f"{what}: {error}" if error else what)
