"""Schema: business goals, SMART objectives and chart annotations.

Nothing here is deleted by the app: archiving sets ``status`` to 'archived'. Only starting an
empty workspace clears these tables.
"""

STEPS = [
    "CREATE SEQUENCE goal_seq START 1",
    """CREATE TABLE goals (
        goal_id INTEGER PRIMARY KEY DEFAULT nextval('goal_seq'),
        name VARCHAR NOT NULL,
        status VARCHAR NOT NULL DEFAULT 'active',
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE objective_seq START 1",
    """CREATE TABLE objectives (
        objective_id INTEGER PRIMARY KEY DEFAULT nextval('objective_seq'),
        statement VARCHAR NOT NULL,
        goal_id INTEGER,
        kpi VARCHAR NOT NULL,
        scope VARCHAR NOT NULL,
        baseline DOUBLE,
        target DOUBLE NOT NULL,
        start_date DATE NOT NULL,
        deadline DATE NOT NULL,
        owner VARCHAR NOT NULL DEFAULT '',
        notes VARCHAR NOT NULL DEFAULT '',
        status VARCHAR NOT NULL DEFAULT 'active',
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE annotation_seq START 1",
    """CREATE TABLE annotations (
        annotation_id INTEGER PRIMARY KEY DEFAULT nextval('annotation_seq'),
        date_from DATE NOT NULL,
        date_to DATE NOT NULL,
        note VARCHAR NOT NULL,
        status VARCHAR NOT NULL DEFAULT 'active',
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
]
