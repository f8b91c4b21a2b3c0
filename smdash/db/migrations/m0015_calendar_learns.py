"""Schema step: the calendar learns from what was published.

``themes`` are the CM's content pillars, each with an optional target share of the plan
(0-1). A calendar entry carries a theme, the type of piece (reel, photo...), the hours it was
estimated to take and the hours it took, and the permalink of the post it became (pasted by
the CM: the surest match). ``post_themes`` holds the theme a published post was given by hand
(a post matched to an entry otherwise takes the entry's). A review's frozen items keep the
hours of work behind an action and its result per hour.
"""

STEPS = [
    "CREATE SEQUENCE theme_seq START 1",
    """CREATE TABLE themes (
        theme_id INTEGER PRIMARY KEY DEFAULT nextval('theme_seq'),
        name VARCHAR NOT NULL UNIQUE,
        target_share DOUBLE,
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    "ALTER TABLE calendar_entries ADD COLUMN theme_id INTEGER",
    "ALTER TABLE calendar_entries ADD COLUMN piece_type VARCHAR NOT NULL DEFAULT ''",
    "ALTER TABLE calendar_entries ADD COLUMN hours_estimated DOUBLE",
    "ALTER TABLE calendar_entries ADD COLUMN hours_spent DOUBLE",
    "ALTER TABLE calendar_entries ADD COLUMN permalink VARCHAR NOT NULL DEFAULT ''",
    """CREATE TABLE post_themes (
        platform VARCHAR NOT NULL,
        post_id VARCHAR NOT NULL,
        theme_id INTEGER NOT NULL,
        PRIMARY KEY (platform, post_id)
    )""",
    "ALTER TABLE review_items ADD COLUMN hours DOUBLE",
    "ALTER TABLE review_items ADD COLUMN result_per_hour DOUBLE",
]
