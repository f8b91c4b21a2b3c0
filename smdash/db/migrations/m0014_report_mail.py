"""Schema step: the results report by e-mail, on each user's cadence.

``users`` gains an e-mail address, the cadence a user asked the report for (NULL: none;
'fortnightly' or 'monthly') and the language it is written in. ``report_outbox`` keeps one row
per user and period that a ``report --send`` run tried: 'sent', or 'failed' with the error and
the number of attempts, so that a failed send is tried again on the next run, never lost.
"""

STEPS = [
    "ALTER TABLE users ADD COLUMN email VARCHAR",
    "ALTER TABLE users ADD COLUMN report_cadence VARCHAR",
    "ALTER TABLE users ADD COLUMN report_lang VARCHAR",
    """CREATE TABLE report_outbox (
        user_name VARCHAR NOT NULL,
        period_start DATE NOT NULL,
        period_end DATE NOT NULL,
        email VARCHAR NOT NULL,
        status VARCHAR NOT NULL CHECK (status IN ('sent', 'failed')),
        attempts INTEGER NOT NULL,
        last_attempt TIMESTAMP NOT NULL,
        error VARCHAR,
        PRIMARY KEY (user_name, period_start, period_end)
    )""",
]
