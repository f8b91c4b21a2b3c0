"""Accounts: local users, sign-in with growing waits after wrong tries, sessions that expire.

Every public write function in smdash is wrapped by ``smdash.access.audit.write``, which calls
``roles.require_editor`` with the acting user, so a viewer is refused even if a page forgot to
hide a button. The one write a viewer may make is ``change_own_password``: their own account's
password, given the current one (``roles.require_self``).

Passwords are hashed with argon2 (argon2-cffi), salted per password. Signing in is two steps
so that the slow hash check never runs while the database is held for writing:
``check_sign_in`` reads and verifies, ``record_sign_in`` writes the session (or counts the
wrong try) and the audit row. Every refusal says the same words and costs the same hash check.
User names are stored normalised (``normal_name``): NFKC, case-folded, no invisible characters.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from smdash.access import audit
from smdash.access.roles import ROLES, SYSTEM, Actor, AuthError, require_editor, require_self
from smdash.access.throttle import Throttle
from smdash.db.store import transaction

SESSION_IDLE = dt.timedelta(hours=8)  # a session unused for this long must sign in again
NAME_MAX = 64
PASSWORD_MIN = 10
# wrong sign-ins: per account name, 5 free tries, then waits growing to a minute at most (the
# real user is never kept out for long); per client (browser address), 20, up to 5 minutes
ACCOUNT_TRIES = Throttle(free=5, longest=60)
CLIENT_TRIES = Throttle(free=20, longest=300)
_HASHING = threading.BoundedSemaphore(2)  # a flood of sign-ins leaves the pages some CPU
# created on a fresh demo workspace; the app warns while their passwords are unchanged
DEMO_ACCOUNTS = (("demo", "demo", "editor"), ("director", "director", "viewer"))

# Argon2id as OWASP's password storage cheat sheet sets it (46 MiB, 1 pass, 1 lane): some 0.1 s
# of one core per hash, where argon2-cffi's default (64 MiB, 3 passes, 4 lanes) took 0.3 s of
# both cores of a 2-core server on every sign-in. Hashes made otherwise are replaced at the
# next sign-in (``Attempt.rehash``), so that every account costs one check the same time.
HASH_COST = {"time_cost": 1, "memory_cost": 46 * 1024, "parallelism": 1}  # memory in KiB
_hasher = PasswordHasher(**HASH_COST)


@functools.cache
def _dummy_hash() -> str:
    """Compared against when the user does not exist, so a wrong name costs as long as a wrong
    password. Made on first use: hashing takes some 0.2 s, which a CLI start need not pay."""
    return _hasher.hash(secrets.token_hex(8))


class SignInFailed(AuthError):
    pass


class InvalidAccount(AuthError):
    pass


@functools.cache
def _common_passwords() -> frozenset[str]:
    text = (resources.files("smdash") / "access" / "common_passwords.txt").read_text("utf-8")
    return frozenset(w.casefold() for w in text.splitlines() if w and not w.startswith("#"))


def normal_name(name: str) -> str:
    """The one form of a user name: NFKC (full-width letters become plain ones), without
    invisible characters (zero-width spaces, direction marks, controls), case-folded."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cf", "Cc", "Co", "Cn"))
    return text.strip().casefold()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --- accounts -------------------------------------------------------------------------------


def _checked(name: str, role: str, password: str, demo: bool = False) -> str:
    name = normal_name(name)
    if not name or len(name) > NAME_MAX or any(c.isspace() for c in name):
        raise InvalidAccount("auth.bad_name", max=NAME_MAX)
    if role not in ROLES:
        raise InvalidAccount("auth.bad_role", roles=", ".join(ROLES))
    if not demo:
        check_password_rules(password)
    return name


def check_password_rules(password: str) -> None:
    """At least PASSWORD_MIN characters that are not spaces or controls, not a demo account's
    password, not in the shipped list of common passwords."""
    if any(c in password for c in "\x00\r\n"):
        raise InvalidAccount("auth.bad_password_characters")
    if password.strip().casefold() in {p for _, p, _ in DEMO_ACCOUNTS}:
        raise InvalidAccount("auth.demo_password")
    visible = [c for c in password if not c.isspace() and unicodedata.category(c) != "Cc"]
    if len(visible) < PASSWORD_MIN:
        raise InvalidAccount("auth.short_password", min=PASSWORD_MIN)
    if password.casefold() in _common_passwords():
        raise InvalidAccount("auth.common_password")


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
    name = _checked(name, role, password, demo)
    if _stored_name(con, name) is not None:
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
    if new == current:
        raise InvalidAccount("auth.same_password")
    _checked(name, "viewer", new)
    attempt = check_sign_in(con, name, current)
    if not attempt.ok:
        ACCOUNT_TRIES.failed(attempt.name)  # a wrong current password counts as a wrong sign-in
        raise InvalidAccount("auth.wrong_current")
    _store_password(con, name, new)
    con.execute(
        "DELETE FROM sessions WHERE user_name = ? AND token IS DISTINCT FROM ?",
        [name, keep_session],
    )
    audit.record(con, who, "user.own_password", name)


def _store_password(con: duckdb.DuckDBPyConnection, name: str, password: str) -> None:
    """The one place a password is hashed into an existing account (no longer a demo one)."""
    ACCOUNT_TRIES.succeeded(normal_name(name))
    con.execute(
        "UPDATE users SET password_hash = ?, is_demo = false, failed_attempts = 0, "
        "locked_until = NULL WHERE name = ?",
        [_hasher.hash(password), name],
    )


def user_role(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    row = con.execute("SELECT role FROM users WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def _stored_name(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The account a typed name means: its normal form, or an older account stored before
    names were normalised whose lower case matches."""
    key = normal_name(name)
    row = con.execute(
        "SELECT name FROM users WHERE name = $key OR lower(name) = $key "
        "ORDER BY name = $key DESC LIMIT 1",
        {"key": key},
    ).fetchone()
    return row[0] if row else None


def _editor_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM users WHERE role = 'editor'").fetchone()[0]


def users(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every account: name, role, whether it still has its demo password, whether it is locked."""
    rows = con.execute("SELECT name, role, is_demo FROM users ORDER BY name").fetchall()
    return [
        {"name": n, "role": r, "demo_password": d, "locked": ACCOUNT_TRIES.wait(n) > 0}
        for n, r, d in rows
    ]


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


@dataclass(frozen=True)
class Attempt:
    """What ``check_sign_in`` found: the account (normal name), and whether the password was
    right and the try was allowed."""

    name: str
    ok: bool
    throttled: bool = False
    rehash: str | None = None  # the password hashed again, when its hash was made otherwise


def check_sign_in(
    con: duckdb.DuckDBPyConnection, name: str, password: str, client: str = ""
) -> Attempt:
    """Reads only, and runs the slow hash check: call it outside any write lock.

    A try while the account name or the client must wait is refused without looking at the
    password, after the same hash work as any other try (an unknown name too), so neither the
    answer nor its time tells what the reason was.
    """
    stored_name = _stored_name(con, name)
    key = stored_name or normal_name(name)
    throttled = ACCOUNT_TRIES.wait(key) > 0 or CLIENT_TRIES.wait(client) > 0
    row = None
    if stored_name is not None:
        row = con.execute(
            "SELECT password_hash FROM users WHERE name = ?", [stored_name]
        ).fetchone()
    checked = _verify(row[0] if row and not throttled else _dummy_hash(), password)
    ok = bool(checked and row and not throttled)
    rehash = _hash(password) if ok and _hasher.check_needs_rehash(row[0]) else None
    return Attempt(key, ok, throttled, rehash)


def record_sign_in(con: duckdb.DuckDBPyConnection, attempt: Attempt, client: str = "") -> str:
    """The write after ``check_sign_in``: a new session token and an audit row, or (a wrong or
    throttled try) SignInFailed with the one message, the wrong try counted and audited."""
    where = f" from {client}" if client else ""
    if not attempt.ok:
        if not attempt.throttled:
            waits = ACCOUNT_TRIES.failed(attempt.name) | CLIENT_TRIES.failed(client)
            audit.record(con, SYSTEM, "sign_in.failed", f"{attempt.name}{where}")
            if waits:
                audit.record(con, SYSTEM, "sign_in.throttled", f"{attempt.name}{where}")
        raise SignInFailed("auth.wrong")
    ACCOUNT_TRIES.succeeded(attempt.name)
    if attempt.rehash:
        con.execute(
            "UPDATE users SET password_hash = ? WHERE name = ?", [attempt.rehash, attempt.name]
        )
    token, now = secrets.token_urlsafe(32), _now()
    con.execute(
        "INSERT INTO sessions VALUES ($token, $user_name, $now, $now)",
        {"token": token, "user_name": attempt.name, "now": now},
    )
    role = user_role(con, attempt.name) or "viewer"
    audit.record(con, Actor(attempt.name, role), "sign_in", f"{attempt.name}{where}")
    return token


def sign_in(con: duckdb.DuckDBPyConnection, name: str, password: str, client: str = "") -> str:
    """A new session token for the user; SignInFailed (one message whatever the reason)."""
    return record_sign_in(con, check_sign_in(con, name, password, client), client)


def _hash(password: str) -> str:
    with _HASHING:
        return _hasher.hash(password)


def _verify(stored: str, password: str) -> bool:
    with _HASHING:
        try:
            return _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False


TOUCH_EVERY = dt.timedelta(minutes=1)  # how stale a session's last_seen may get before a write


@dataclass(frozen=True)
class Session:
    """What ``find_session`` read: the user (None: no live session), whether the token just
    expired (to be deleted), whether its idle clock is due a restart (a write, once a minute)."""

    actor: Actor | None
    expired: bool = False
    touch_due: bool = False


def find_session(
    con: duckdb.DuckDBPyConnection, token: str | None, idle: dt.timedelta = SESSION_IDLE
) -> Session:
    """Reads only: the page runs of signed-in users take no write lock."""
    if not token:
        return Session(None)
    row = con.execute(
        "SELECT u.name, u.role, s.last_seen FROM sessions s JOIN users u ON u.name = s.user_name "
        "WHERE s.token = ?",
        [token],
    ).fetchone()
    if row is None:
        return Session(None)
    stale = _now() - row[2]
    if stale > idle:
        return Session(None, expired=True)
    return Session(Actor(row[0], row[1]), touch_due=stale > TOUCH_EVERY)


def touch_session(con: duckdb.DuckDBPyConnection, token: str) -> None:
    con.execute("UPDATE sessions SET last_seen = ? WHERE token = ?", [_now(), token])


def session_actor(
    con: duckdb.DuckDBPyConnection, token: str | None, idle: dt.timedelta = SESSION_IDLE
) -> Actor | None:
    """The user of a live session (its idle clock restarts), or None if unknown or expired."""
    found = find_session(con, token, idle)
    if found.expired:
        sign_out(con, token)
    elif found.actor is not None:
        touch_session(con, token)
    return found.actor


def sign_out(con: duckdb.DuckDBPyConnection, token: str) -> None:
    row = con.execute("SELECT user_name FROM sessions WHERE token = ?", [token]).fetchone()
    con.execute("DELETE FROM sessions WHERE token = ?", [token])
    if row:
        audit.record(con, SYSTEM, "sign_out", row[0])


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
