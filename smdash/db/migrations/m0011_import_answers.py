"""Schema step: the import log keeps the answers a file was read with.

``imports.answers``: JSON, question key -> answer (``{"end_date": "2026-02-28"}``), for a file
that lacked only a choice (see ``smdash.imports.questions``); NULL when nothing was asked.
"""

STEPS = [
    "ALTER TABLE imports ADD COLUMN answers VARCHAR",
]
