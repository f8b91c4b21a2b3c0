"""Schema step: the import log keeps the files it refused, and why.

``import_refusals``: one row a refused file (the Import page's upload or the CLI's import):
its name, its content's SHA-256 (NULL when the file could not be read at all), the export it
was recognised as (``detected``, a format's name, NULL when none), the message that told the
refusal (``reason``: a key of the string catalogue, ``params``: its values as JSON) and what to
do next (``next_step``: a key too), so the history tells it again in either language. Undo
never looks here: nothing of a refused file was written.
"""

STEPS = [
    "CREATE SEQUENCE refusal_seq START 1",
    """CREATE TABLE import_refusals (
        refusal_id INTEGER PRIMARY KEY DEFAULT nextval('refusal_seq'),
        refused_at TIMESTAMP NOT NULL,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR,
        detected VARCHAR,
        reason VARCHAR NOT NULL,
        params VARCHAR NOT NULL,
        next_step VARCHAR NOT NULL
    )""",
]
