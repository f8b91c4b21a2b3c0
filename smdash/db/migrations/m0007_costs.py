"""Schema step: costs (imported ad spend and costs entered by hand), period comments, branding.

``ad_spend`` / ``ad_spend_versions`` is a canonical import table like the others (current rows +
versions, see ``smdash.imports.write``): one row per network, ad account, campaign and reporting
span, from the ads managers' exports. ``manual_costs`` holds what the CM types in: agency fees,
staff hours, tools, ad invoices, per month, network (``all`` = social media as a whole) and
optional campaign. ``cost_days`` spreads every cost evenly over the days it covers, so any
period (a month, a quarter, 10 days) sums the part of each cost that falls inside it.

``period_comments`` keeps the CM's comment per reporting period (``2026-10``, ``2026-Q4``,
``2026``, ``2026-10-01..2026-10-15``); ``brand_assets`` the business's logo.
"""

_AD_SPEND_COLUMNS = """
    platform VARCHAR NOT NULL,
    account VARCHAR NOT NULL,
    campaign VARCHAR NOT NULL,
    date_from DATE NOT NULL,
    date_to DATE NOT NULL,
    currency VARCHAR,
    amount DOUBLE,
    results DOUBLE,
    result_type VARCHAR,
    impressions BIGINT,
    clicks BIGINT,
    import_id INTEGER NOT NULL
"""

STEPS = [
    f"CREATE TABLE ad_spend ({_AD_SPEND_COLUMNS})",
    f"CREATE TABLE ad_spend_versions ({_AD_SPEND_COLUMNS})",
    "CREATE SEQUENCE manual_cost_seq START 1",
    """CREATE TABLE manual_costs (
        cost_id INTEGER PRIMARY KEY DEFAULT nextval('manual_cost_seq'),
        month DATE NOT NULL,
        network VARCHAR NOT NULL,
        campaign VARCHAR NOT NULL DEFAULT '',
        category VARCHAR NOT NULL,
        description VARCHAR NOT NULL DEFAULT '',
        amount DOUBLE NOT NULL,
        currency VARCHAR NOT NULL DEFAULT 'EUR',
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )""",
    """CREATE VIEW cost_lines AS
        SELECT 'ads' AS origin, platform AS network, campaign, 'ads' AS category,
               account AS description, date_from, date_to, amount, currency, results
        FROM ad_spend WHERE amount IS NOT NULL
        UNION ALL
        SELECT 'manual', network, campaign, category, description, month,
               CAST(last_day(month) AS DATE), amount, currency, NULL
        FROM manual_costs""",
    """CREATE VIEW cost_days AS
        SELECT CAST(d.day AS DATE) AS day, l.origin, l.network, l.campaign, l.category,
               l.currency, l.amount / (datediff('day', l.date_from, l.date_to) + 1) AS amount,
               l.results / (datediff('day', l.date_from, l.date_to) + 1) AS results
        FROM cost_lines l,
             LATERAL unnest(generate_series(CAST(l.date_from AS TIMESTAMP),
                                            CAST(l.date_to AS TIMESTAMP),
                                            INTERVAL 1 DAY)) AS d(day)
        WHERE l.date_to >= l.date_from""",
    """CREATE TABLE period_comments (
        period VARCHAR PRIMARY KEY,
        comment VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE brand_assets (
        name VARCHAR PRIMARY KEY,
        content BLOB NOT NULL,
        mime VARCHAR NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
]
