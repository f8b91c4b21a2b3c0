"""Schema step: the CM's source spellings, merged campaign names and the publication calendar.

``source_aliases`` maps a normalized utm_source (see ``attribution.normalize_source``) to a
network; ``paid`` NULL means "paid by the medium". ``campaign_aliases`` maps a campaign spelling
to the name it is merged into. Both apply when the web data is read, so past and future imports
follow them. ``calendar_entries`` is the publication calendar; ``link`` holds the tagged URL.
"""

STEPS = [
    """CREATE TABLE source_aliases (
        alias VARCHAR PRIMARY KEY,
        network VARCHAR NOT NULL,
        paid BOOLEAN
    )""",
    """CREATE TABLE campaign_aliases (
        alias VARCHAR PRIMARY KEY,
        campaign VARCHAR NOT NULL
    )""",
    "CREATE SEQUENCE calendar_seq START 1",
    """CREATE TABLE calendar_entries (
        entry_id INTEGER PRIMARY KEY DEFAULT nextval('calendar_seq'),
        planned_at TIMESTAMP NOT NULL,
        network VARCHAR NOT NULL,
        topic VARCHAR NOT NULL,
        copy VARCHAR NOT NULL DEFAULT '',
        link VARCHAR NOT NULL DEFAULT '',
        utm_source VARCHAR NOT NULL DEFAULT '',
        utm_medium VARCHAR NOT NULL DEFAULT '',
        utm_campaign VARCHAR NOT NULL DEFAULT '',
        utm_content VARCHAR NOT NULL DEFAULT '',
        status VARCHAR NOT NULL DEFAULT 'idea',
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
]
