"""Schema step: accounts, sign-in sessions and the audit trail.

``users`` holds local accounts (argon2 password hashes; ``role`` is 'editor' or 'viewer'), with
the count of failed sign-ins in a row and the time a lockout ends. ``sessions`` keeps each
signed-in browser session's token and when it was last used (idle sessions expire).
``audit_log`` records every write: who, when, what and a short description.
"""

STEPS = [
    """CREATE TABLE users (
        name VARCHAR PRIMARY KEY,
        role VARCHAR NOT NULL CHECK (role IN ('editor', 'viewer')),
        password_hash VARCHAR NOT NULL,
        is_demo BOOLEAN NOT NULL DEFAULT false,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TIMESTAMP,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
    """CREATE TABLE sessions (
        token VARCHAR PRIMARY KEY,
        user_name VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL
    )""",
    "CREATE SEQUENCE audit_seq START 1",
    """CREATE TABLE audit_log (
        audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
        happened_at TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        details VARCHAR NOT NULL DEFAULT ''
    )""",
]
