"""Who is acting and what their role lets them do: the two roles, the acting user, the guards.

Two roles: an **editor** (the community manager) may do everything; a **viewer** (the director)
may only read. The acting user is the ``actor`` passed to a write, else the one set with
``acting_as`` (the app sets the signed-in user), else ``CLI``: the person at the server's
command line, who can open the database file anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from smdash.core.errors import UserError

ROLES = ("editor", "viewer")


@dataclass(frozen=True)
class Actor:
    name: str
    role: str

    @property
    def is_editor(self) -> bool:
        return self.role == "editor"


CLI = Actor("cli", "editor")
SYSTEM = Actor("system", "editor")  # what the app does by itself: loading the demo on first start
NOBODY = Actor("", "none")  # a browser session that has not signed in

_current: ContextVar[Actor] = ContextVar("smdash_actor", default=CLI)


class AuthError(UserError):
    """A refusal the user can understand; ``message(lang)`` says it in their words."""


class PermissionDenied(AuthError):
    pass


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def current_actor() -> Actor:
    return _current.get()


def require_editor(actor: Actor | None = None) -> Actor:
    """The acting user, if they may write; PermissionDenied for a viewer or nobody."""
    actor = actor or current_actor()
    if not actor.is_editor:
        raise PermissionDenied("auth.denied", name=actor.name or "?")
    return actor


def require_self(name: str, actor: Actor | None = None) -> Actor:
    """The acting user, if account ``name`` is their own; PermissionDenied for anyone else.

    The only exception to ``require_editor``: it lets a viewer write to their own account.
    """
    actor = actor or current_actor()
    if not actor.name or actor.role not in ROLES or actor.name != name:
        raise PermissionDenied("auth.not_own", name=actor.name or "?")
    return actor
