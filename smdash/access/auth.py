"""Accounts: local users, sign-in with lockout, sessions that expire.

Every public write function in smdash is wrapped by ``smdash.access.audit.write``, which calls
``roles.require_editor`` with the acting user, so a viewer is refused even if a page forgot to
hide a button. The one write a viewer may make is ``change_own_password``: their own account's
password, given the current one (``roles.require_self``).

Passwords are hashed with argon2 (argon2-cffi), salted per password.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from smdash.access import audit
from smdash.access.roles import ROLES, SYSTEM, Actor, AuthError, require_editor, require_self
from smdash.db import store
from smdash.db.store import transaction

MAX_FAILURES = 5  # failed sign-ins in a row before the account is locked
LOCKOUT = dt.timedelta(minutes=15)
SESSION_IDLE = dt.timedelta(hours=8)  # a session unused for this long must sign in again
NAME_MAX = 64
PASSWORD_MIN = 4
# created on a fresh demo workspace; the app warns while their passwords are unchanged
DEMO_ACCOUNTS = (("demo", "demo", "editor"), ("director", "director", "viewer"))

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Compared against when the user does not exist, so a wrong name costs as long as a wrong
    password. Made on first use: hashing takes some 0.2 s, which a CLI start need not pay."""
    return _hasher.hash(secrets.token_hex(8))


class SignInFailed(AuthError):
    pass


class InvalidAccount(AuthError):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --- accounts -------------------------------------------------------------------------------


def _checked(name: str, role: str, password: str) -> str:
    name = name.strip()
    if not name or len(name) > NAME_MAX or any(c.isspace() for c in name):
        raise InvalidAccount("auth.bad_name", max=NAME_MAX)
    if role not in ROLES:
        raise InvalidAccount("auth.bad_role", roles=", ".join(ROLES))
    if len(password) < PASSWORD_MIN:
        raise InvalidAccount("auth.short_password", min=PASSWORD_MIN)
    return name


def add_user(
    con: duckdb.DuckDBPyConnection,
    name: str,
    role: str,
    password: str,
    *,
    actor: Actor | None = None,
    demo: bool = False,
) -> str:

    who = require_editor(actor)
    name = _checked(name, role, password)
    if user_role(con, name) is not None:
        raise InvalidAccount("auth.exists", name=name)
    con.execute(
        """INSERT INTO users (name, role, password_hash, is_demo)
           VALUES ($name, $role, $password_hash, $is_demo)""",
        {"name": name, "role": role, "password_hash": _hasher.hash(password), "is_demo": demo},
    )
    audit.record(con, who, "user.add", f"{name} ({role})")
    return name


def remove_user(con: duckdb.DuckDBPyConnection, name: str, *, actor: Actor | None = None) -> None:

    who = require_editor(actor)
    if user_role(con, name) is None:
        raise InvalidAccount("auth.no_such_user", name=name)
    if user_role(con, name) == "editor" and _editor_count(con) == 1:
        raise InvalidAccount("auth.last_editor")
    con.execute("DELETE FROM sessions WHERE user_name = ?", [name])
    con.execute("DELETE FROM users WHERE name = ?", [name])
    audit.record(con, who, "user.remove", name)


def set_role(
    con: duckdb.DuckDBPyConnection, name: str, role: str, *, actor: Actor | None = None
) -> None:

    who = require_editor(actor)
    current = user_role(con, name)
    if current is None:
        raise InvalidAccount("auth.no_such_user", name=name)
    if role not in ROLES:
        raise InvalidAccount("auth.bad_role", roles=", ".join(ROLES))
    if current == "editor" and role != "editor" and _editor_count(con) == 1:
        raise InvalidAccount("auth.last_editor")
    con.execute("UPDATE users SET role = ? WHERE name = ?", [role, name])
    con.execute("DELETE FROM sessions WHERE user_name = ?", [name])  # signs in again, new role
    audit.record(con, who, "user.role", f"{name} ({role})")


def set_password(
    con: duckdb.DuckDBPyConnection, name: str, password: str, *, actor: Actor | None = None
) -> None:
    """An editor sets anyone's password (users change their own with change_own_password).
    Whoever was signed in with the old password is signed out (not the editor setting their
    own: they would sign themselves out)."""

    who = require_editor(actor)
    if user_role(con, name) is None:
        raise InvalidAccount("auth.no_such_user", name=name)
    _checked(name, "viewer", password)
    _store_password(con, name, password)
    if name != who.name:
        con.execute("DELETE FROM sessions WHERE user_name = ?", [name])
    audit.record(con, who, "user.password", name)


def change_own_password(
    con: duckdb.DuckDBPyConnection,
    name: str,
    current: str,
    new: str,
    repeat: str,
    *,
    actor: Actor | None = None,
    keep_session: str | None = None,
) -> None:
    """Any signed-in user, editor or viewer, changes their own password, given the current one.

    Refused (and nothing changed): someone else's account (PermissionDenied), the two new
    passwords differing, a new password too short or equal to the current one, a wrong current
    password; a wrong current password counts towards the lockout as a wrong sign-in does.
    The user's other sessions end (``keep_session``, the one making the change, stays).
    """

    who = require_self(name, actor)
    if user_role(con, name) is None:
        raise InvalidAccount("auth.no_such_user", name=name)
    if new != repeat:
        raise InvalidAccount("auth.password_mismatch")
    _checked(name, "viewer", new)
    if new == current:
        raise InvalidAccount("auth.same_password")
    try:
        _check_password(con, name, current, _now())
    except SignInFailed as exc:
        if exc.key == "auth.wrong":
            raise InvalidAccount("auth.wrong_current") from exc
        raise
    _store_password(con, name, new)
    con.execute(
        "DELETE FROM sessions WHERE user_name = ? AND token IS DISTINCT FROM ?",
        [name, keep_session],
    )
    audit.record(con, who, "user.own_password", name)


def _store_password(con: duckdb.DuckDBPyConnection, name: str, password: str) -> None:
    """The one place a password is hashed into an existing account (no longer a demo one)."""
    con.execute(
        "UPDATE users SET password_hash = ?, is_demo = false, failed_attempts = 0, "
        "locked_until = NULL WHERE name = ?",
        [_hasher.hash(password), name],
    )


def user_role(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    row = con.execute("SELECT role FROM users WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def _editor_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM users WHERE role = 'editor'").fetchone()[0]


def users(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every account: name, role, whether it still has its demo password, whether it is locked."""
    rows = con.execute(
        "SELECT name, role, is_demo, coalesce(locked_until > ?, false) FROM users ORDER BY name",
        [_now()],
    ).fetchall()
    return [dict(zip(("name", "role", "demo_password", "locked"), r, strict=True)) for r in rows]


def has_users(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM users").fetchone()[0] > 0


def demo_passwords_in_use(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        r[0] for r in con.execute("SELECT name FROM users WHERE is_demo ORDER BY name").fetchall()
    ]


def ensure_demo_accounts(con: duckdb.DuckDBPyConnection) -> bool:
    """On a fresh demo workspace with no accounts, create the demo editor and viewer."""
    if has_users(con):
        return False
    for name, password, role in DEMO_ACCOUNTS:
        add_user(con, name, role, password, actor=SYSTEM, demo=True)
    return True


def remove_demo_accounts(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Delete the demo accounts and end their sessions (leaving the demo workspace): demo
    accounts exist only while the demo does. Returns the names removed."""
    names = [r[0] for r in con.execute("SELECT name FROM users WHERE is_demo").fetchall()]
    con.execute("DELETE FROM sessions WHERE user_name IN (SELECT name FROM users WHERE is_demo)")
    con.execute("DELETE FROM users WHERE is_demo")
    return names


def create_first_editor(
    con: duckdb.DuckDBPyConnection, name: str, password: str, repeat: str
) -> str:
    """The first account of a workspace without any (a real workspace's first start), signed
    in: returns its session token. Refused once any account exists, so that nobody can add
    themselves later through the first-run form."""
    if password != repeat:
        raise InvalidAccount("auth.password_mismatch")
    with transaction(con):
        if has_users(con):
            raise InvalidAccount("auth.first_exists")
        name = add_user(con, name, "editor", password, actor=SYSTEM)
    return sign_in(con, name, password)


# --- signing in -----------------------------------------------------------------------------


def sign_in(con: duckdb.DuckDBPyConnection, name: str, password: str) -> str:
    """A new session token for the user; SignInFailed for a wrong name/password or a lockout.

    After MAX_FAILURES wrong passwords in a row the account is locked for LOCKOUT, even for the
    right password; the message does not tell whether the name exists.
    """
    now = _now()
    _check_password(con, name.strip(), password, now)
    token = secrets.token_urlsafe(32)
    con.execute(
        "INSERT INTO sessions VALUES ($token, $user_name, $now, $now)",
        {"token": token, "user_name": name.strip(), "now": now},
    )
    return token


def _check_password(
    con: duckdb.DuckDBPyConnection, name: str, password: str, now: dt.datetime
) -> None:
    """Nothing if ``password`` is the account's; else SignInFailed, counting towards the lockout."""
    row = con.execute(
        "SELECT password_hash, failed_attempts, locked_until FROM users WHERE name = ?", [name]
    ).fetchone()
    if row is None:
        _verify(_dummy_hash(), password)
        raise SignInFailed("auth.wrong")
    stored, failures, locked_until = row
    if locked_until is not None and locked_until > now:
        minutes = max(1, round((locked_until - now).total_seconds() / 60))
        raise SignInFailed("auth.locked", count=minutes)
    if not _verify(stored, password):
        failures += 1
        locked = now + LOCKOUT if failures >= MAX_FAILURES else None
        con.execute(
            """UPDATE users SET failed_attempts = $failed_attempts, locked_until = $locked_until
               WHERE name = $name""",
            {"failed_attempts": 0 if locked else failures, "locked_until": locked, "name": name},
        )
        if locked:
            raise SignInFailed("auth.locked", count=round(LOCKOUT.total_seconds() / 60))
        raise SignInFailed("auth.wrong")
    con.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE name = ?", [name])


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def session_actor(
    con: duckdb.DuckDBPyConnection, token: str | None, idle: dt.timedelta = SESSION_IDLE
) -> Actor | None:
    """The user of a live session (its idle clock restarts), or None if unknown or expired."""
    if not token:
        return None
    now = _now()
    row = con.execute(
        "SELECT u.name, u.role, s.last_seen FROM sessions s JOIN users u ON u.name = s.user_name "
        "WHERE s.token = ?",
        [token],
    ).fetchone()
    if row is None:
        return None
    if now - row[2] > idle:
        if store.writable(con):
            sign_out(con, token)
        return None
    if store.writable(con):  # a read-only database is still read: its users stay signed in
        con.execute("UPDATE sessions SET last_seen = ? WHERE token = ?", [now, token])
    return Actor(row[0], row[1])


def sign_out(con: duckdb.DuckDBPyConnection, token: str) -> None:
    con.execute("DELETE FROM sessions WHERE token = ?", [token])


# --- sign-in through the company's identity provider (st.login) ----------------------------


def role_for_email(email: str | None, roles: dict[str, list[str]]) -> str | None:
    """The role an e-mail address maps to in secrets ``[auth.roles]`` (editor wins), or None."""
    address = (email or "").strip().lower()
    if not address:
        return None
    for role in ROLES:
        listed = {e.strip().lower() for e in roles.get(role, [])}
        if address in listed or f"@{address.split('@')[-1]}" in listed:
            return role
    return None
