"""Import errors that carry a message key and its values, so they can be told in either language."""

from __future__ import annotations

from smdash.core.i18n import t


class ImportFailed(Exception):
    """A file could not be imported; nothing was written."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t(f"import_error.{self.code}", lang, **self.params)
