"""Schema 1: the import log and the canonical data tables, each as current rows + versions."""

_POST_COLUMNS = """
    platform VARCHAR NOT NULL,
    post_id VARCHAR NOT NULL,
    account VARCHAR,
    published_at TIMESTAMP,
    post_type VARCHAR,
    text VARCHAR,
    permalink VARCHAR,
    impressions BIGINT,
    reach BIGINT,
    engagements BIGINT,
    reactions BIGINT,
    comments BIGINT,
    shares BIGINT,
    saves BIGINT,
    clicks BIGINT,
    link_clicks BIGINT,
    video_views BIGINT,
    import_id INTEGER NOT NULL
"""

_ACCOUNT_DAILY_COLUMNS = """
    platform VARCHAR NOT NULL,
    account VARCHAR NOT NULL,
    day DATE NOT NULL,
    metric VARCHAR NOT NULL,
    value DOUBLE,
    import_id INTEGER NOT NULL
"""

_WEB_TRAFFIC_COLUMNS = """
    property VARCHAR NOT NULL,
    date_from DATE NOT NULL,
    date_to DATE NOT NULL,
    source VARCHAR NOT NULL,
    medium VARCHAR NOT NULL,
    campaign VARCHAR NOT NULL,
    content VARCHAR NOT NULL,
    term VARCHAR NOT NULL,
    sessions BIGINT,
    engaged_sessions BIGINT,
    conversions DOUBLE,
    revenue DOUBLE,
    import_id INTEGER NOT NULL
"""

STEPS = [
    "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    "CREATE SEQUENCE import_seq START 1",
    """CREATE TABLE imports (
        import_id INTEGER PRIMARY KEY,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
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
        status VARCHAR NOT NULL DEFAULT 'applied',
        imported_at TIMESTAMP NOT NULL,
        undone_at TIMESTAMP
    )""",
    f"CREATE TABLE posts ({_POST_COLUMNS})",
    f"CREATE TABLE posts_versions ({_POST_COLUMNS})",
    f"CREATE TABLE account_daily ({_ACCOUNT_DAILY_COLUMNS})",
    f"CREATE TABLE account_daily_versions ({_ACCOUNT_DAILY_COLUMNS})",
    f"CREATE TABLE web_traffic ({_WEB_TRAFFIC_COLUMNS})",
    f"CREATE TABLE web_traffic_versions ({_WEB_TRAFFIC_COLUMNS})",
]
