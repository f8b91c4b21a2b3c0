"""Schema step: a current row is no longer also kept in ``<table>_versions``.

Until now every row an import brought was written twice: as a version and, when it changed
something, as the current row. From this step on, ``<table>_versions`` keeps only the versions
that are not current (see ``smdash.imports.write``), so this step drops the copies of current
rows: the version with the same key and the same ``import_id`` as a current row.
"""

_KEYS = {
    "posts": ("platform", "post_id"),
    "account_daily": ("platform", "account", "day", "metric"),
    "web_traffic": (
        "property",
        "date_from",
        "date_to",
        "source",
        "medium",
        "campaign",
        "content",
        "term",
    ),
    "ad_spend": ("platform", "account", "campaign", "date_from", "date_to"),
}


def _drop_current_copies(table: str, keys: tuple[str, ...]) -> str:
    same_key = " AND ".join(f"v.{k} = c.{k}" for k in keys)
    return f"""DELETE FROM {table}_versions v USING {table} c
               WHERE {same_key} AND v.import_id = c.import_id"""


STEPS = [_drop_current_copies(table, keys) for table, keys in _KEYS.items()]
