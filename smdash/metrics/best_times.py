"""Best times to post: when each network's audience responds, from the imported posts.

A cell is a weekday (ISO: Monday = 1 ... Sunday = 7) and an hour (0-23) of the workspace's time
zone (``time_zone``: how post times are stored and converted is told there). The rule, stated
on the page too:

- a cell's value is the **median** of the figure over the posts published in it: the typical
  post of that hour, which one viral post (or one flop) does not move as it moves a mean;
- a cell is rated only with at least ``MIN_POSTS`` posts that report the figure; below that its
  value is None ("not enough posts") and it is never a best time;
- the best times are the ``BEST_COUNT`` rated cells with the highest values (ties: more posts
  first, then the earlier weekday and hour).

Figures, per post: engagement rate (engagements / impressions x 100, as the KPI catalogue's
engagement rate, from the posts that report both), reach, link clicks. A post counts only
where the export gave its time of day: an import whose posts all sit at midnight gave dates
alone (X's newer content export, YouTube's, LinkedIn's) and is left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from smdash.imports.formats import all_formats
from smdash.metrics.time_zone import workspace_zone

FIGURES = ("engagement_rate", "reach", "link_clicks")
MIN_POSTS = 5
BEST_COUNT = 5

# the figure of one post, in SQL over the posts table (constants, never user text)
_FIGURE_SQL = {
    "engagement_rate": "100.0 * engagements / nullif(impressions, 0)",
    "reach": "reach",
    "link_clicks": "link_clicks",
}

# what the exports call each post type (compared in lower case); others are 'other'
POST_TYPES = ("reel", "photo", "video", "carousel", "text", "link", "other")
_TYPE_NAMES = {
    "reel": ("reel", "reels", "ig reel", "ig reels"),
    "photo": ("photo", "photos", "image", "images", "ig image", "foto", "fotos", "imagen"),
    "video": ("video", "videos", "vídeo", "vídeos", "ig video"),
    "carousel": ("carousel", "ig carousel", "album", "carrusel", "document", "documento"),
    "text": ("text", "status", "texto", "estado"),
    "link": ("link", "links", "enlace", "enlaces", "article", "artículo"),
}
_NAMES = [name for names in _TYPE_NAMES.values() for name in names]
_KINDS = [kind for kind, names in _TYPE_NAMES.items() for _ in names]

_POSTS = """
WITH dated AS (
    SELECT import_id FROM posts GROUP BY import_id
    HAVING bool_and(published_at IS NULL OR published_at = date_trunc('day', published_at))
),
timed AS (
    SELECT p.*,
           CASE WHEN list_contains($utc_formats::VARCHAR[], i.format)
                THEN timezone($zone, timezone('UTC', p.published_at))
                ELSE p.published_at END AS local_at,
           CASE WHEN p.post_type IS NULL AND p.permalink LIKE '%/video/%' THEN 'video'
                WHEN p.post_type IS NULL AND p.permalink LIKE '%/photo/%' THEN 'photo'
                WHEN p.post_type IS NULL OR trim(p.post_type) = '' THEN NULL
                ELSE coalesce(($kinds::VARCHAR[])[
                         list_position($names::VARCHAR[], lower(trim(p.post_type)))], 'other')
           END AS kind
    FROM posts p LEFT JOIN imports i USING (import_id)
    WHERE p.published_at IS NOT NULL AND p.import_id NOT IN (SELECT import_id FROM dated)
      AND ($network::VARCHAR IS NULL OR p.platform = $network)
      AND ($account::VARCHAR IS NULL OR coalesce(p.account, '') = $account)
)
"""

_CELLS = (
    _POSTS  # noqa: S608 - constants; {figure} is one of _FIGURE_SQL
    + """,
picked AS (
    SELECT platform AS network, isodow(local_at) AS weekday, hour(local_at) AS hour,
           {figure} AS value
    FROM timed WHERE ($post_type::VARCHAR IS NULL OR kind = $post_type)
),
cells AS (
    SELECT network, weekday::INTEGER AS weekday, hour::INTEGER AS hour,
           count(value)::INTEGER AS posts,
           CASE WHEN count(value) >= $min_posts THEN median(value)::DOUBLE END AS value
    FROM picked GROUP BY ALL HAVING count(value) > 0
)
"""
)


@dataclass(frozen=True)
class Scope:
    """Which posts: a network's (None: every network's), an account's, a post type's."""

    network: str | None = None
    account: str | None = None
    post_type: str | None = None
    figure: str = "engagement_rate"


@dataclass(frozen=True)
class Cell:
    weekday: int  # ISO: Monday = 1
    hour: int
    posts: int
    value: float | None

    def as_json(self) -> dict:
        return {
            "weekday": self.weekday,
            "hour": self.hour,
            "posts": self.posts,
            "value": self.value,
        }


@dataclass(frozen=True)
class Slot:
    """A best time's next date: ``at`` in the workspace's time zone."""

    at: dt.datetime
    cell: Cell


def utc_formats() -> list[str]:
    """The export formats whose times are in UTC (see ``time_zone``)."""
    return [f.name for f in all_formats() if f.extra.get("times_in_utc")]


def _params(con: duckdb.DuckDBPyConnection, scope: Scope) -> dict:
    if scope.figure not in _FIGURE_SQL:
        raise ValueError(f"figure must be one of {FIGURES}")
    return {
        "utc_formats": utc_formats(),
        "zone": workspace_zone(con),
        "kinds": _KINDS,
        "names": _NAMES,
        "network": scope.network,
        "account": scope.account,
    }


def _cells_query(
    con: duckdb.DuckDBPyConnection, scope: Scope, select: str, **more: object
) -> list[tuple]:
    params = {**_params(con, scope), "post_type": scope.post_type, "min_posts": MIN_POSTS}
    sql = _CELLS.format(figure=_FIGURE_SQL[scope.figure]) + select  # figure: a constant
    return con.execute(sql, {**params, **more}).fetchall()


def cells(con: duckdb.DuckDBPyConnection, scope: Scope) -> list[Cell]:
    """Every weekday x hour cell with at least one post of the scope, by weekday and hour;
    ``value`` None where the cell has fewer than ``MIN_POSTS`` posts."""
    rows = _cells_query(
        con, scope, "SELECT weekday, hour, posts, value FROM cells ORDER BY weekday, hour"
    )
    return [Cell(*row) for row in rows]


_RANKED = """
SELECT network, weekday, hour, posts, value FROM (
    SELECT *, row_number() OVER (PARTITION BY network
                                 ORDER BY value DESC, posts DESC, weekday, hour) AS rank
    FROM cells WHERE value IS NOT NULL)
WHERE rank <= $best_count ORDER BY network, rank
"""


def best(con: duckdb.DuckDBPyConnection, scope: Scope) -> list[Cell]:
    """The best times of the scope, best first: at most ``BEST_COUNT`` rated cells."""
    if scope.network is None:
        raise ValueError("best times are a network's")
    rows = _cells_query(con, scope, _RANKED, best_count=BEST_COUNT)
    return [Cell(*row[1:]) for row in rows]


def post_types(con: duckdb.DuckDBPyConnection, scope: Scope) -> dict[str, int]:
    """The post types the scope's timed posts carry (as ``POST_TYPES``), with their counts."""
    rows = con.execute(
        _POSTS  # noqa: S608 - constant
        + "SELECT kind, count(*) FROM timed WHERE kind IS NOT NULL GROUP BY kind",
        _params(con, scope),
    ).fetchall()
    counts = dict(rows)
    return {kind: counts[kind] for kind in POST_TYPES if kind in counts}


def accounts(con: duckdb.DuckDBPyConnection, network: str) -> list[str]:
    """The accounts of a network's timed posts, when there is more than one name to choose."""
    rows = con.execute(
        _POSTS  # noqa: S608 - constant
        + "SELECT DISTINCT coalesce(account, '') FROM timed ORDER BY 1",
        _params(con, Scope(network)),
    ).fetchall()
    return [row[0] for row in rows]


def networks(con: duckdb.DuckDBPyConnection) -> dict[str, bool]:
    """Every network with posts: True when some have a time of day (it can have best times),
    False when its exports gave only dates."""
    rows = con.execute(
        _POSTS  # noqa: S608 - constant
        + """SELECT p.platform, count(t.post_id) > 0 FROM posts p
             LEFT JOIN timed t USING (platform, post_id) GROUP BY 1 ORDER BY 1""",
        _params(con, Scope()),
    ).fetchall()
    return dict(rows)


def next_slots(best: list[Cell], after: dt.datetime, count: int = 3) -> list[Slot]:
    """The next ``count`` moments from ``after`` (the workspace's clock) at one of the ``best``
    times, soonest first."""
    slots = [Slot(_next_at(cell, after), cell) for cell in best]
    return sorted(slots, key=lambda slot: slot.at)[:count]


def _next_at(cell: Cell, after: dt.datetime) -> dt.datetime:
    start = dt.datetime.combine(after.date(), dt.time(cell.hour))
    days = (cell.weekday - after.isoweekday()) % 7
    moment = start + dt.timedelta(days=days)
    return moment if moment >= after else moment + dt.timedelta(days=7)


def outside_best(
    con: duckdb.DuckDBPyConnection, planned: list[tuple[str, dt.datetime]]
) -> list[bool | None]:
    """For each (network, planned time): True when planned outside the network's best times
    (engagement rate), False at one of them, None when the network has no best time yet."""
    if not planned:
        return []
    rows = con.execute(
        _CELLS.format(figure=_FIGURE_SQL["engagement_rate"])  # noqa: S608 - constants
        + ", best AS ("
        + _RANKED
        + """)
        SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM best b WHERE b.network = e.network) THEN NULL
                    ELSE NOT EXISTS (SELECT 1 FROM best b WHERE b.network = e.network
                                     AND b.weekday = isodow(e.at) AND b.hour = hour(e.at)) END
        FROM (SELECT unnest($planned_networks::VARCHAR[]) AS network,
                     unnest($planned_at::TIMESTAMP[]) AS at,
                     generate_subscripts($planned_at::TIMESTAMP[], 1) AS i) e
        ORDER BY e.i""",
        {
            **_params(con, Scope()),
            "post_type": None,
            "min_posts": MIN_POSTS,
            "best_count": BEST_COUNT,
            "planned_networks": [network for network, _ in planned],
            "planned_at": [at for _, at in planned],
        },
    ).fetchall()
    return [row[0] for row in rows]
