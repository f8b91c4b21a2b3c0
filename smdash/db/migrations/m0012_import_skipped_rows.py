"""Schema step: the import log counts the rows of a file left out on purpose, and says why.

``rows_skipped`` of an import part: rows of the export that smdash did not import by design
(Meta's rows whose metrics Meta could not compute); ``skip_reason`` names why
(``import_skipped.<reason>`` in the string catalogue tells it). Parts logged before: 0, NULL.
"""

STEPS = [
    "ALTER TABLE import_parts ADD COLUMN rows_skipped INTEGER DEFAULT 0",
    "ALTER TABLE import_parts ADD COLUMN skip_reason VARCHAR",
]
