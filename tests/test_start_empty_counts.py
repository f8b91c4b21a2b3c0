"""What starting an empty workspace deletes, counted for its confirmation
(``workspace.what_start_empty_deletes``): the user's own data as well as the demo's."""

import datetime as dt

from smdash import workspace
from smdash.imports.errors import ImportFailed
from smdash.imports.pipeline import import_file
from smdash.imports.refusal_log import record_refusal
from smdash.plan import objectives
from smdash.plan.objectives import Objective

D = dt.date


def test_an_empty_workspace_has_nothing_to_delete(con):
    assert workspace.what_start_empty_deletes(con) == {}


def test_counts_what_start_empty_deletes_and_then_nothing_is_left(con, sample):
    import_file(con, sample("meta_facebook_posts.csv"))  # 20 posts
    import_file(con, sample("meta_instagram_posts.csv"))  # 16 posts
    record_refusal(con, "photo.csv", None, ImportFailed("binary", file="photo.csv"))
    goal = objectives.add_goal(con, "Grow online sales 10% in 2026")
    objectives.add_objective(
        con,
        Objective(None, "Reach 1,100 followers", goal, "followers", "instagram", 900, 1100,
                  D(2026, 3, 1), D(2026, 4, 30)),
    )  # fmt: skip
    assert workspace.what_start_empty_deletes(con) == {
        "imports": 2,
        "rows": 36,
        "refusals": 1,
        "goals": 1,
        "objectives": 1,
    }
    workspace.start_empty(con)
    assert workspace.what_start_empty_deletes(con) == {}


def test_every_kind_is_told_in_english_and_spanish():
    from smdash.core.i18n import t

    for lang in ("en", "es"):
        for kind in workspace.DELETED_ON_START_EMPTY:
            key = f"confirm.empty_{kind}"
            assert t(key, lang, count=2, number="2") != key, (lang, key)


def test_the_demo_counts(demo_db):
    from smdash.db import store

    with store.connect(demo_db) as con:
        counts = workspace.what_start_empty_deletes(con)
        imports = con.execute("SELECT count(*) FROM imports").fetchone()[0]
        calendar = con.execute("SELECT count(*) FROM calendar_entries").fetchone()[0]
    assert counts["imports"] == imports > 0
    assert counts["calendar"] == calendar > 0
    assert {"objectives", "actions", "reviews", "rows"} <= set(counts)
