"""Schema 3: the parts of each import, and the column mappings users save for unknown exports.

``import_parts``: what each part of an imported file added (a LinkedIn content export is two
parts, its ``All posts`` and ``Metrics`` sheets; a YouTube Studio zip one part per file in it).
All parts of a file share the file's ``import_id``; undo reverts them together.

``column_mappings``: for a CSV/XLSX that no built-in format recognises, the user maps its columns
to a table's fields once; the mapping is kept under the signature of the file's header (its
normalized cells) and applied to the next file with the same header.
"""

STEPS = [
    """CREATE TABLE import_parts (
        import_id INTEGER NOT NULL,
        part INTEGER NOT NULL,
        source VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        platform VARCHAR,
        account VARCHAR,
        date_from DATE,
        date_to DATE,
        rows_in_file BIGINT NOT NULL,
        rows_added BIGINT NOT NULL,
        rows_updated BIGINT NOT NULL,
        rows_unchanged BIGINT NOT NULL,
        PRIMARY KEY (import_id, part)
    )""",
    """CREATE TABLE column_mappings (
        signature VARCHAR PRIMARY KEY,
        header VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        columns VARCHAR NOT NULL,
        constants VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL
    )""",
]
