"""Schema step: the CM's toolkit (questionnaire, guide, profiles, response protocol,
employee guidelines), every version of every part kept.

``toolkit_versions`` is append-only: a save adds version n+1 of its ``item`` and never changes
an earlier row, so nothing is lost by an edit; removing a profile or a protocol entry adds a
version with ``removed`` set. ``item`` names one versioned thing: ``questionnaire``,
``guide.people``, ``guide.objectives``, ``guide.strategy``, ``guide.technology``,
``guidelines``, ``profile.<id>``, ``protocol.<id>`` (ids from ``toolkit_item_seq``); ``kind``
is the part before the dot. ``content`` holds the fields as JSON (``smdash.plan.toolkit``).
``toolkit_current`` is each item's latest version; ``toolkit_protocol`` the protocol entries in
force, their fields as columns, for searching and filtering in SQL.
"""

STEPS = [
    "CREATE SEQUENCE toolkit_item_seq START 1",
    """CREATE TABLE toolkit_versions (
        item VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        content JSON NOT NULL,
        removed BOOLEAN NOT NULL DEFAULT false,
        saved_by VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL,
        PRIMARY KEY (item, version)
    )""",
    """CREATE VIEW toolkit_current AS
        SELECT * FROM toolkit_versions
        QUALIFY version = max(version) OVER (PARTITION BY item)""",
    """CREATE VIEW toolkit_protocol AS
        SELECT CAST(split_part(item, '.', 2) AS INTEGER) AS entry_id, version,
               content->>'category' AS category, content->>'question' AS question,
               content->>'answer' AS answer, content->>'tone' AS tone,
               content->>'escalate_to' AS escalate_to,
               content->>'escalate_when' AS escalate_when,
               coalesce(from_json(content->'networks', '["VARCHAR"]'), []) AS networks,
               coalesce(content->>'keywords', '') AS keywords,
               CAST(content->>'last_reviewed' AS DATE) AS last_reviewed, saved_by, saved_at
        FROM toolkit_current WHERE kind = 'protocol' AND NOT removed""",
]
