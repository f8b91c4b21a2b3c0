"""Staying signed in across reloads and tabs: the signed cookie and the one-time nonce.

The browser keeps the session token in an HttpOnly cookie, ``smdash_session``, whose value is
the token and an HMAC-SHA256 of it under a secret kept in the database (``settings``), never
in the repository. The cookie only names a session of the ``sessions`` table, so the server
decides: idle time, sign-out, a password change or a deleted account end it whatever the
browser still holds.

A Streamlit run cannot answer with a header, so after a sign-in the run issues a nonce: a
random value, kept in this process for ``NONCE_SECONDS`` and redeemed once, that the page's
script posts (in the body, never in a URL) to the app's own route, which answers with the
cookie (smdash.ui.web).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from typing import NamedTuple

import duckdb

from smdash.db import store

COOKIE = "smdash_session"
SECRET_SETTING = "session_cookie_secret"
NONCE_SECONDS = 60.0


def secret(con: duckdb.DuckDBPyConnection) -> bytes | None:
    """The signing key, or None before the first sign-in made one (no cookie can be valid)."""
    value = store.get_setting(con, SECRET_SETTING)
    return bytes.fromhex(value) if value else None


def ensure_secret(con: duckdb.DuckDBPyConnection) -> bytes:
    """The signing key, made on first need (a write: call it under the write lock)."""
    key = secret(con)
    if key is None:
        key = secrets.token_bytes(32)
        store.set_setting(con, SECRET_SETTING, key.hex())
    return key


def _mac(token: str, key: bytes) -> str:
    digest = hmac.new(key, token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign(token: str, key: bytes) -> str:
    """The cookie value for a session token."""
    return f"{token}.{_mac(token, key)}"


def verify(value: str | None, key: bytes | None) -> str | None:
    """The session token a cookie value carries, or None if it is missing or not ours."""
    if not value or key is None or "." not in value:
        return None
    token, mac = value.rsplit(".", 1)
    return token if token and hmac.compare_digest(mac, _mac(token, key)) else None


class Cookie(NamedTuple):
    value: str
    max_age: int  # seconds: the session's idle time


class Nonces:
    """One-time, short-lived handles on cookie values, for the browser to redeem once."""

    def __init__(self, seconds: float = NONCE_SECONDS, clock=time.monotonic) -> None:
        self._seconds = seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._held: dict[str, tuple[Cookie, float]] = {}

    def issue(self, cookie: Cookie) -> str:
        now = self._clock()
        nonce = secrets.token_urlsafe(32)
        with self._lock:
            self._held = {n: v for n, v in self._held.items() if v[1] > now}  # drop the stale
            self._held[nonce] = (cookie, now + self._seconds)
        return nonce

    def redeem(self, nonce: str) -> Cookie | None:
        """The cookie issued with ``nonce``; None if unknown, used already or expired."""
        with self._lock:
            held = self._held.pop(nonce, None)
        if held is None or held[1] <= self._clock():
            return None
        return held[0]


NONCES = Nonces()  # the app's process: its Streamlit runs issue, its web route redeems
