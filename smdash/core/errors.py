"""The one shape of an error the user can fix: a message key and its values, told in their language.

Every refusal the user can act on is a ``UserError``: ``InvalidInput`` below, or a feature's own
kind (``costs.InvalidCost``, ``roles.AuthError``, ``imports.errors.ImportFailed``,
``utm.LinkError`` ...) so callers catch only what they expect. The app's one write helper
(``smdash.ui.runtime.write``) catches ``UserError`` and shows its message.
"""

from __future__ import annotations

from collections.abc import Callable

from smdash.core.i18n import t


class UserError(Exception):
    """``message(lang)`` is the text for ``key`` in the string catalogue, ``params`` filled in."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params

    def message(self, lang: str, literal: Callable[[str], str] | None = None) -> str:
        """``literal`` (the UI's Markdown escaping) is applied to the text values filled in."""
        params = self.params
        if literal is not None:
            params = {k: literal(v) if isinstance(v, str) else v for k, v in params.items()}
        return t(self.key, lang, **params)


class InvalidInput(UserError, ValueError):
    """Input the user can correct (an objective, a review, a period ...): ``message(lang)`` says
    what is wrong in their words. A ValueError too, as it was before it had a message."""


class FieldError(InvalidInput):
    """Input refused for one field of a form (``field``: the name of the value it concerns, such
    as ``target``), so that a page can show the message next to that field."""

    def __init__(self, key: str, *, field: str, **params: object) -> None:
        super().__init__(key, **params)
        self.field = field


def first_problem(problems: list[FieldError]) -> None:
    """Raise the first of ``problems`` (a write refuses what a form's check found)."""
    if problems:
        raise problems[0]
