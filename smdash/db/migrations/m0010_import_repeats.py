"""Schema step: an import that repeats an earlier one exactly stores no rows of its own.

``import_repeats`` says that import ``import_id`` holds, in table ``target``, exactly the rows
of import ``repeat_of``, with the same values (see ``smdash.imports.write``): re-importing an
unchanged export, by hand or from a scheduled job, no longer copies every row again.
"""

STEPS = [
    """CREATE TABLE import_repeats (
        import_id INTEGER NOT NULL,
        target VARCHAR NOT NULL,
        repeat_of INTEGER NOT NULL,
        PRIMARY KEY (import_id, target)
    )""",
]
