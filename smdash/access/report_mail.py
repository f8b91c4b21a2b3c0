"""Who gets the results report by e-mail: each user's address, cadence and language.

A user asks for the report on My account (their own account: a viewer may make this write);
an editor sets it for anyone on the Users page. ``python -m smdash report --send`` mails it to
everyone with an address and a cadence (``smdash.reports.mailing``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from smdash.access import audit
from smdash.access.roles import Actor, AuthError, current_actor, require_editor, require_self
from smdash.core.i18n import LANGUAGES

CADENCES = ("fortnightly", "monthly")
EMAIL_MAX = 254
# one @, something on each side, a dot in the domain, no spaces or angle brackets: enough to
# catch a typo; the mail server is the judge of the rest
_EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+")


class InvalidReportMail(AuthError):
    pass


@dataclass(frozen=True)
class ReportMail:
    name: str
    email: str | None
    cadence: str | None  # None: no report by e-mail
    lang: str


def report_mail(con: duckdb.DuckDBPyConnection, name: str) -> ReportMail | None:
    """The user's e-mail settings, or None for an unknown user."""
    row = con.execute(
        "SELECT name, email, report_cadence, coalesce(report_lang, 'es') FROM users WHERE name = ?",
        [name],
    ).fetchone()
    return ReportMail(*row) if row else None


def subscribers(con: duckdb.DuckDBPyConnection) -> list[ReportMail]:
    """Every user with an address who asked for the report, by name."""
    rows = con.execute(
        """SELECT name, email, report_cadence, coalesce(report_lang, 'es') FROM users
           WHERE email IS NOT NULL AND report_cadence IS NOT NULL ORDER BY name"""
    ).fetchall()
    return [ReportMail(*row) for row in rows]


def _may_change(name: str, actor: Actor | None) -> Actor:
    """Anyone their own account; an editor anyone's."""
    actor = actor or current_actor()
    return require_self(name, actor) if actor.name == name else require_editor(actor)


def checked_email(email: str | None) -> str | None:
    email = (email or "").strip()
    if not email:
        return None
    if len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email):
        raise InvalidReportMail("mailing.bad_email", email=email)
    return email


def set_report_mail(
    con: duckdb.DuckDBPyConnection,
    name: str,
    email: str | None,
    cadence: str | None,
    lang: str,
    *,
    actor: Actor | None = None,
) -> ReportMail:
    """Save a user's address, cadence (None, 'fortnightly' or 'monthly') and report language.

    Refused, with nothing changed: someone else's account for a viewer, an address that is not
    one, a cadence without an address, an unknown cadence or language.
    """
    who = _may_change(name, actor)
    if report_mail(con, name) is None:
        raise InvalidReportMail("auth.no_such_user", name=name)
    email = checked_email(email)
    if cadence is not None and cadence not in CADENCES:
        raise InvalidReportMail("mailing.bad_cadence", cadences=", ".join(CADENCES))
    if lang not in LANGUAGES:
        raise InvalidReportMail("mailing.bad_lang", languages=", ".join(LANGUAGES))
    if cadence and not email:
        raise InvalidReportMail("mailing.needs_email")
    con.execute(
        "UPDATE users SET email = ?, report_cadence = ?, report_lang = ? WHERE name = ?",
        [email, cadence, lang, name],
    )
    audit.record(con, who, "user.report_mail", f"{name}: {email or '-'}, {cadence or '-'}, {lang}")
    return ReportMail(name, email, cadence, lang)
