"""Signing tests in: an account and a live session in the test's database.

Pages are reached only after signing in; AppTests set the session's token before their first
run (``at.session_state["auth_token"] = signed_in(db_path)``), as the sign-in form would.
"""

from __future__ import annotations

from pathlib import Path

from smdash.access import auth
from smdash.db import store

TOKEN_KEY = "auth_token"
PASSWORDS = {"editor": "cm-secret-2026", "viewer": "director-secret"}


def account(db: Path, role: str = "editor", name: str | None = None) -> tuple[str, str]:
    """The (name, password) of an account with ``role``, created if missing."""
    name = name or {"editor": "cm", "viewer": "boss"}[role]
    with store.connect(db) as con:
        if auth.user_role(con, name) is None:
            auth.add_user(con, name, role, PASSWORDS[role])
    return name, PASSWORDS[role]


def signed_in(db: Path, role: str = "editor") -> str:
    """A session token for an account with ``role``."""
    name, password = account(db, role)
    with store.connect(db) as con:
        return auth.sign_in(con, name, password)
