"""Schema step: the plan's actions, plan cycles, frozen reviews and what each cycle carried over.

``actions`` are the tactics under an objective; a dropped action keeps its row (status
'dropped'). ``review_cycles`` are the periods between two reviews, one of them 'open'.
``reviews`` and ``review_items`` are never updated: saving a review again writes a new version
with the numbers it was based on. ``cycle_items`` records, for a cycle, what the previous
cycle's review decided for each objective and action (keep / improve / drop, the reason, a new
target) and whether the CM has adjusted an improved item yet.
"""

STEPS = [
    "CREATE SEQUENCE action_seq START 1",
    """CREATE TABLE actions (
        action_id INTEGER PRIMARY KEY DEFAULT nextval('action_seq'),
        objective_id INTEGER NOT NULL,
        description VARCHAR NOT NULL,
        network VARCHAR NOT NULL DEFAULT '',
        campaign VARCHAR NOT NULL DEFAULT '',
        start_date DATE NOT NULL,
        end_date DATE NOT NULL,
        owner VARCHAR NOT NULL DEFAULT '',
        cost DOUBLE,
        status VARCHAR NOT NULL DEFAULT 'planned',
        created_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE review_cycle_seq START 1",
    """CREATE TABLE review_cycles (
        cycle_id INTEGER PRIMARY KEY DEFAULT nextval('review_cycle_seq'),
        date_from DATE NOT NULL,
        date_to DATE NOT NULL,
        period VARCHAR NOT NULL,
        status VARCHAR NOT NULL DEFAULT 'open',
        previous_id INTEGER,
        created_at TIMESTAMP NOT NULL,
        closed_at TIMESTAMP
    )""",
    "CREATE SEQUENCE review_seq START 1",
    """CREATE TABLE reviews (
        review_id INTEGER PRIMARY KEY DEFAULT nextval('review_seq'),
        cycle_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        date_from DATE NOT NULL,
        date_to DATE NOT NULL,
        as_of DATE,
        saved_at TIMESTAMP NOT NULL,
        strengths VARCHAR NOT NULL DEFAULT '',
        weaknesses VARCHAR NOT NULL DEFAULT '',
        opportunities VARCHAR NOT NULL DEFAULT '',
        thresholds VARCHAR NOT NULL,
        UNIQUE (cycle_id, version)
    )""",
    """CREATE TABLE review_items (
        review_id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        item_id INTEGER NOT NULL,
        objective_id INTEGER NOT NULL,
        label VARCHAR NOT NULL,
        kpi VARCHAR,
        scope VARCHAR,
        baseline DOUBLE,
        target DOUBLE,
        achieved DOUBLE,
        progress DOUBLE,
        expected DOUBLE,
        status VARCHAR,
        trend DOUBLE,
        stalled_periods INTEGER,
        forecast DOUBLE,
        needed_per_week DOUBLE,
        result DOUBLE,
        result_kind VARCHAR,
        cost DOUBLE,
        cost_per_result DOUBLE,
        previous_cost_per_result DOUBLE,
        suggested VARCHAR NOT NULL,
        rule VARCHAR NOT NULL,
        decision VARCHAR NOT NULL,
        reason VARCHAR NOT NULL DEFAULT '',
        new_target DOUBLE,
        PRIMARY KEY (review_id, kind, item_id)
    )""",
    """CREATE TABLE cycle_items (
        cycle_id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        item_id INTEGER NOT NULL,
        origin VARCHAR NOT NULL,
        reason VARCHAR NOT NULL DEFAULT '',
        new_target DOUBLE,
        adjusted BOOLEAN NOT NULL,
        PRIMARY KEY (cycle_id, kind, item_id)
    )""",
]
