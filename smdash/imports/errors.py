"""Import errors that carry a message key and its values, so they can be told in either language."""

from __future__ import annotations

from smdash.core.errors import UserError


class ImportFailed(UserError):
    """A file could not be imported; nothing was written.

    ``code`` names the message (``import_error.<code>`` in the string catalogue), or
    ``variant`` does, for a refusal of one kind told more precisely (``csv_shape`` as
    ``csv_columns``: how many columns the row has); ``str()`` of the error is its English
    text, for logs and tracebacks.
    """

    def __init__(self, code: str, variant: str = "", **params: object) -> None:
        super().__init__(f"import_error.{variant or code}", **params)
        self.code, self.variant = code, variant
        self.args = (self.message("en"),)

    def message(self, lang: str = "en", literal=None) -> str:
        return super().message(lang, literal)
