"""Which network a web visit came from, by its source / medium, following GA4's channel rules.

Order of the rules: the CM's own spelling (the ``source_aliases`` table) wins; then a known social
source (``l.facebook.com / referral`` is Facebook); then the medium (``email``, ``organic``,
``cpc``, ``referral``); then the direct rule. Paid is GA4's pattern on the medium (plus its
display media). The tables are data, so users and docs can read them.

Sources: GA4's source categories (as copied in plausible/analytics
``priv/ga4-source-categories.csv``), Plausible's shorthands (``priv/custom_sources.json``) and
Matomo's ``Socials.yml``; x.com, Threads, Bluesky and Mastodon are added, as several lists miss
them. GA4 counts YouTube as "video"; smdash lists it as a network of its own. Web-mail referrers
(mail.google.com, outlook) count as email, which GA4 leaves as referral.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

import duckdb

from smdash.access import audit
from smdash.core.errors import UserError
from smdash.core.networks import CHANNEL_GROUP, NETWORKS, OTHER_SOCIAL, UNPLACED
from smdash.db.store import bump_data_version

if TYPE_CHECKING:  # only for hints: importing pandas would slow every CLI command's start
    import pandas as pd

SOCIAL_SOURCES: dict[str, tuple[str, ...]] = {
    "facebook": (
        "facebook",
        "fb",
        "fcb",
        "facebook.com",
        "fb.com",
        "fb.me",
        "fb.watch",
        "business.facebook.com",
        "apps.facebook.com",
        "free.facebook.com",
        "touch.facebook.com",
        "fb-ads",
        "fbads",
        "fbad",
        "facebook-ads",
        "facebook-ad",
        "facebook-feed-ad",
        "meta",
        "meta-ads",
        "messenger",
        "messenger.com",
        "com.facebook.katana",
    ),
    "instagram": (
        "instagram",
        "ig",
        "insta",
        "instagram.com",
        "igshopping",
        "instagram-ads",
        "com.instagram.android",
    ),
    "linkedin": (
        "linkedin",
        "linkedin.com",
        "lnkd.in",
        "li",
        "linkedin-ads",
        "linkedin.android",
        "com.linkedin.android",
    ),
    "x": (
        "twitter",
        "twitter.com",
        "t.co",
        "x",
        "x.com",
        "tw",
        "tweetdeck",
        "tweetdeck.com",
        "twitter-ads",
        "x-ads",
        "com.twitter.android",
    ),
    "tiktok": ("tiktok", "tiktok.com", "tt", "tik.tok", "tiktokads", "tiktok-ads"),
    "youtube": ("youtube", "youtube.com", "youtu.be", "yt", "yt-ads", "youtube-ads"),
    "pinterest": ("pinterest", "pinterest.com", "pin.it", "pinterest-ads"),
    "whatsapp": ("whatsapp", "whatsapp.com", "wa.me", "wa", "com.whatsapp"),
    "telegram": ("telegram", "telegram.org", "t.me", "telegram.me", "org.telegram.messenger"),
    "threads": ("threads", "threads.net", "threads.com"),
    "bluesky": ("bluesky", "bsky", "bsky.app"),
    "mastodon": (
        "mastodon",
        "mastodon.social",
        "mastodon.online",
        "mstdn.social",
        "mas.to",
        "fosstodon.org",
        "joinmastodon.org",
    ),
    "reddit": ("reddit", "reddit.com", "redd.it", "reddit-ads", "com.reddit.frontpage"),
    # GA4's social list beyond the networks smdash names (a selection of the ones seen in Spain)
    "other social": (
        "vk.com",
        "vkontakte.ru",
        "snapchat",
        "snapchat.com",
        "tumblr",
        "tumblr.com",
        "quora",
        "quora.com",
        "medium.com",
        "discord",
        "discord.com",
        "discordapp.com",
        "line",
        "line.me",
        "wechat",
        "weibo",
        "weibo.com",
        "t.cn",
        "xing",
        "xing.com",
        "flickr",
        "flickr.com",
        "tripadvisor",
        "tripadvisor.com",
        "tripadvisor.es",
        "yelp",
        "yelp.com",
        "yelp.es",
        "meetup",
        "meetup.com",
        "news.ycombinator.com",
        "meneame.net",
        "foursquare.com",
        "goodreads.com",
        "nextdoor",
        "nextdoor.com",
        "linktr.ee",
        "linktree",
        "hootsuite",
        "hootsuite.com",
        "bit.ly",
        "buff.ly",
        "ow.ly",
        "tinyurl.com",
        "goo.gl",
        "is.gd",
        "social",
    ),
}
SEARCH_SOURCES = (
    "google",
    "bing",
    "yahoo",
    "duckduckgo",
    "ecosia",
    "baidu",
    "yandex",
    "ya.ru",
    "qwant",
    "startpage",
    "search.brave.com",
    "naver",
    "seznam",
    "aol",
    "ask",
    "msn",
    "ntp.msn.com",
    "sogou",
    "so.com",
    "daum",
    "lycos",
    "onet",
    "google-ads",
    "google_ads",
    "googleads",
    "gads",
    "adwords",
    "google-play",
)
# search engines also known by a host in another country: google.es, es.search.yahoo.com
_SEARCH_ROOTS = ("google", "bing", "yahoo", "duckduckgo", "ecosia", "yandex", "qwant", "baidu")
EMAIL_SOURCES = (
    "email",
    "e-mail",
    "e_mail",
    "e mail",
    "newsletter",
    "mailchimp",
    "brevo",
    "sendinblue",
    "mailerlite",
    "klaviyo",
    "acumbamail",
    "mail.google.com",
    "gmail",
    "com.google.android.gm",
    "outlook.live.com",
    "outlook.office.com",
    "outlook.office365.com",
    "mail.yahoo.com",
)
SOCIAL_MEDIUMS = (
    "social",
    "social-network",
    "social-media",
    "sm",
    "social network",
    "social media",
    "paid_social",
    "paid-social",
    "paidsocial",
    "organic_social",
    "organic-social",
    "rrss",
    "redes",
    "redes-sociales",
)
EMAIL_MEDIUMS = ("email", "e-mail", "e_mail", "e mail", "newsletter", "mail", "correo")
SEARCH_MEDIUMS = ("organic", "cpc", "ppc", "paidsearch", "paid_search", "paid-search", "sem")
DISPLAY_MEDIUMS = ("display", "banner", "expandable", "interstitial", "cpm")
PAID_MEDIUM = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
# media GA4 fills in itself when no UTM tag came with the visit
AUTOMATIC_MEDIUMS = ("referral", "organic", "(none)", "(not set)", "")
# sub-domains that only tell the device or a link shim: m.facebook.com, l.instagram.com, ...
_SHIM_PREFIX = re.compile(r"^(www|m|l|lm|mobile|web|webk|out|app|old|np|amp|go|vm|es)\.")


# GA4's default channel groups (rows stored with medium CHANNEL_GROUP) -> (network, paid);
# social traffic without its source is social whose network is unknown. Not listed: 'other'.
CHANNEL_GROUPS: dict[str, tuple[str, bool]] = {
    "organic social": (OTHER_SOCIAL, False),
    "paid social": (OTHER_SOCIAL, True),
    "organic search": ("search", False),
    "paid search": ("search", True),
    "direct": ("direct", False),
    "email": ("email", False),
    "referral": ("referral", False),
    "display": ("other", True),
    "paid video": ("other", True),
    "paid shopping": ("other", True),
    "paid other": ("other", True),
    "cross-network": ("other", True),
}

_SOURCE_TO_NETWORK = {alias: net for net, aliases in SOCIAL_SOURCES.items() for alias in aliases}
# brand names that place a host of any country or sub-domain: pinterest.es, es.tripadvisor.com
_SOCIAL_ROOTS = {
    "facebook": "facebook",
    "instagram": "instagram",
    "linkedin": "linkedin",
    "twitter": "x",
    "tiktok": "tiktok",
    "youtube": "youtube",
    "pinterest": "pinterest",
    "whatsapp": "whatsapp",
    "telegram": "telegram",
    "threads": "threads",
    "bsky": "bluesky",
    "reddit": "reddit",
    "tumblr": "other social",
    "snapchat": "other social",
    "quora": "other social",
    "tripadvisor": "other social",
    "yelp": "other social",
    "xing": "other social",
    "flickr": "other social",
    "weibo": "other social",
    "discord": "other social",
}


def normalize_source(source: str | None) -> str:
    """How a source is compared: lower-case, trimmed, '_' and inner spaces as '-'."""
    return re.sub(r"[\s_]+", "-", (source or "").strip().lower())


def _bare_source(source: str) -> str:
    host = (source or "").strip().lower()
    host = re.sub(r"^(https?|android-app)://", "", host).split("/")[0].split(":")[0]
    previous = None
    while previous != host:
        previous, host = host, _SHIM_PREFIX.sub("", host)
    return host


def _social_network(source: str) -> str | None:
    for candidate in (normalize_source(source), _bare_source(source)):
        if candidate in _SOURCE_TO_NETWORK:
            return _SOURCE_TO_NETWORK[candidate]
    labels = _bare_source(source).split(".")
    return next((_SOCIAL_ROOTS[x] for x in labels[:-1] if x in _SOCIAL_ROOTS), None)


def _is_search(source: str) -> bool:
    host = _bare_source(source)
    if host in SEARCH_SOURCES or normalize_source(source) in SEARCH_SOURCES:
        return True
    labels = host.split(".")
    return len(labels) > 1 and labels[0] in SEARCH_SOURCES


def _is_search_host(source: str) -> bool:
    labels = _bare_source(source).split(".")
    return any(label in _SEARCH_ROOTS for label in labels[:-1]) or _is_search(source)


def _is_email_source(source: str) -> bool:
    name = normalize_source(source)
    return _bare_source(source) in EMAIL_SOURCES or name in EMAIL_SOURCES or "newsletter" in name


def is_paid(medium: str | None) -> bool:
    medium = (medium or "").strip().lower()
    return bool(PAID_MEDIUM.match(medium)) or medium in DISPLAY_MEDIUMS


def is_tagged(medium: str | None) -> bool:
    """True when the visit came with a utm_medium (or an ad click id), not a bare referrer.
    A channel group's rows cannot tell, and count as tagged (never listed as untagged)."""
    return (medium or "").strip().lower() not in AUTOMATIC_MEDIUMS


@lru_cache(maxsize=65536)
def classify(source: str, medium: str) -> tuple[str, bool]:
    """(network, paid) for one source / medium pair, by the built-in rules.

    The rules are fixed, so the answer for a pair is kept: every attributed query classifies
    all the pairs in the web data again (``source_networks``).
    """
    medium = (medium or "").strip().lower()
    source = source or ""
    if medium == CHANNEL_GROUP:
        return CHANNEL_GROUPS.get(source.strip().lower(), ("other", False))
    paid = is_paid(medium)
    network = _social_network(source)
    if network:
        return network, paid
    if medium in SOCIAL_MEDIUMS:
        return "other social", paid
    if medium in EMAIL_MEDIUMS or _is_email_source(source):
        return "email", False
    if medium in DISPLAY_MEDIUMS:
        return "other", True
    if medium in SEARCH_MEDIUMS or (
        _is_search_host(source) and (paid or medium in ("", "referral"))
    ):
        return "search", paid
    if source.strip().lower() == "(direct)" and medium in ("(none)", "(not set)", ""):
        return "direct", False
    if medium in ("referral", "link", "app"):
        return "referral", False
    return "other", paid


def aliases(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, bool | None]]:
    """The CM's own spellings: normalized source -> (network, paid or None for 'by medium')."""
    rows = con.execute("SELECT alias, network, paid FROM source_aliases").fetchall()
    return {alias: (network, paid) for alias, network, paid in rows}


def classify_with(
    source: str, medium: str, mapping: dict[str, tuple[str, bool | None]]
) -> tuple[str, bool]:
    """(network, paid), the CM's mapping first, then the built-in rules."""
    mapped = mapping.get(normalize_source(source))
    if mapped is None or (medium or "").strip().lower() == CHANNEL_GROUP:
        return classify(source, medium)
    network, paid = mapped
    return network, is_paid(medium) if paid is None else bool(paid)


class InvalidAlias(UserError, ValueError):
    """A spelling that cannot be mapped: an empty source or a network smdash does not know."""


@audit.write("attribution.save_alias")
def save_alias(
    con: duckdb.DuckDBPyConnection, source: str, network: str, paid: bool | None = None
) -> str:
    """Map a spelling to a network (for past and future data); returns the stored alias."""
    alias = normalize_source(source)
    if not alias:
        raise InvalidAlias("traffic.alias_invalid")
    if network not in NETWORKS:
        raise InvalidAlias("traffic.alias_invalid", network=network)
    con.execute(
        "INSERT OR REPLACE INTO source_aliases VALUES ($alias, $network, $paid)",
        {"alias": alias, "network": network, "paid": paid},
    )
    bump_data_version(con)
    return alias


@audit.write("attribution.delete_alias")
def delete_alias(con: duckdb.DuckDBPyConnection, alias: str) -> None:
    con.execute("DELETE FROM source_aliases WHERE alias = ?", [normalize_source(alias)])
    bump_data_version(con)


def alias_table(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "SELECT alias, network, paid FROM source_aliases ORDER BY network, alias"
    ).df()


def _source_networks(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyRelation:
    """The rows of ``source_networks`` as a DuckDB relation: ``network_lookup`` registers it
    without pandas, so ``python -m smdash summary`` starts without loading it."""
    pairs = con.execute("SELECT DISTINCT source, medium FROM web_traffic").fetchall()
    mapping = aliases(con)
    rows = [
        (s, m, *classify_with(s, m, mapping), is_tagged(m), normalize_source(s) in mapping)
        for s, m in pairs
    ]
    names = ("source", "medium", "network", "paid", "tagged", "mapped")
    return con.sql(
        """SELECT unnest($source::VARCHAR[]) AS source, unnest($medium::VARCHAR[]) AS medium,
                  unnest($network::VARCHAR[]) AS network, unnest($paid::BOOLEAN[]) AS paid,
                  unnest($tagged::BOOLEAN[]) AS tagged, unnest($mapped::BOOLEAN[]) AS mapped""",
        params={name: [row[i] for row in rows] for i, name in enumerate(names)},
    )


def source_networks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source / medium pair in the web data with its network, paid and tagged flags."""
    frame = _source_networks(con).df()
    return frame.astype(
        {
            "source": "string",
            "medium": "string",
            "network": "string",
            "paid": "bool",
            "tagged": "bool",
            "mapped": "bool",
        }
    )


# connections (by id) inside a network_lookup block: the view is registered on them
_LOOKUPS_OPEN: set[int] = set()


@contextmanager
def network_lookup(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Make ``source_networks_view`` (source, medium, network, paid, tagged, mapped) joinable.

    A block inside another one on the same connection uses the outer block's view, so a caller
    that runs many attributed queries (a report, a review) reads and classifies the source /
    medium pairs once by opening one block around them. Nothing inside a block may change
    ``web_traffic`` or ``source_aliases``: the view would not show it.
    """
    key = id(con)
    if key in _LOOKUPS_OPEN:
        yield
        return
    con.register("source_networks_view", _source_networks(con))
    _LOOKUPS_OPEN.add(key)
    try:
        yield
    finally:
        _LOOKUPS_OPEN.discard(key)
        # duckdb >= 2 refuses to unregister while a result is left half read (a fetchone()
        # inside the block); run it to its end, as the next statement would have done
        finish = getattr(con, "complete", None)
        if finish is not None:
            finish()
        con.unregister("source_networks_view")


def unknown_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Source / medium pairs the rules could not place (network 'other' or 'other social').

    Nothing is dropped: these rows count in every total under their network; this list is
    where the CM maps them to the network they really are.
    """
    with network_lookup(con):
        return con.execute(
            """SELECT w.source, w.medium, n.network, sum(w.sessions) AS sessions,
                      min(w.date_from) AS first_day, max(w.date_to) AS last_day
               FROM web_traffic w JOIN source_networks_view n
                 ON n.source = w.source AND n.medium = w.medium
               WHERE list_contains(?, n.network) AND NOT n.mapped AND w.medium <> ?
               GROUP BY ALL ORDER BY sessions DESC NULLS LAST, w.source""",
            [list(UNPLACED), CHANNEL_GROUP],  # a channel group is no spelling to map
        ).df()


def usual_sources(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Per network, the utm_source spelling its tagged visits carried most often."""
    with network_lookup(con):
        rows = con.execute(
            """SELECT network, arg_max(source, sessions) FROM (
                   SELECT n.network, w.source, sum(w.sessions) AS sessions
                   FROM web_traffic w JOIN source_networks_view n
                     ON n.source = w.source AND n.medium = w.medium
                   WHERE n.tagged AND NOT n.paid GROUP BY ALL)
               GROUP BY network"""
        ).fetchall()
    return dict(rows)
