"""Which network a web visit came from, by its source / medium, following GA4's channel rules.

Order of the rules: a known social source wins (``l.facebook.com / referral`` is Facebook);
then the medium (``email``, ``organic``, ``cpc``, ``referral``); then the direct rule. Paid is
GA4's pattern on the medium. The tables are data, so users and docs can read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd

SOCIAL_SOURCES: dict[str, tuple[str, ...]] = {
    "facebook": ("facebook", "fb", "facebook.com", "fb.com", "fb.me", "meta", "messenger"),
    "instagram": ("instagram", "ig", "insta", "instagram.com"),
    "linkedin": ("linkedin", "linkedin.com", "lnkd.in", "li"),
    "x": ("twitter", "twitter.com", "t.co", "x", "x.com", "tw"),
    "tiktok": ("tiktok", "tiktok.com", "tt"),
    "youtube": ("youtube", "youtube.com", "youtu.be", "yt"),
    "pinterest": ("pinterest", "pinterest.com", "pinterest.es", "pin.it"),
    "whatsapp": ("whatsapp", "whatsapp.com", "wa.me", "web.whatsapp.com"),
    "telegram": ("telegram", "telegram.org", "t.me", "web.telegram.org"),
    "threads": ("threads", "threads.net", "threads.com"),
    "bluesky": ("bluesky", "bsky", "bsky.app"),
    "mastodon": ("mastodon", "mastodon.social"),
    "reddit": ("reddit", "reddit.com", "old.reddit.com"),
}
SEARCH_SOURCES = (
    "google",
    "bing",
    "yahoo",
    "duckduckgo",
    "ecosia",
    "baidu",
    "yandex",
    "qwant",
    "startpage",
    "brave",
    "search.brave.com",
    "naver",
    "seznam",
    "aol",
    "ask",
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
    "organic_social",
)
EMAIL_MEDIUMS = ("email", "e-mail", "e_mail", "e mail", "newsletter", "mail")
SEARCH_MEDIUMS = ("organic", "cpc", "ppc", "paidsearch", "paid_search", "paid-search")
PAID_MEDIUM = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
# sub-domains that only tell the device or a link shim: m.facebook.com, l.instagram.com, ...
_SHIM_PREFIX = re.compile(r"^(www|m|l|lm|mobile|web|out|app)\.")

SOCIAL_NETWORKS = tuple(SOCIAL_SOURCES)
WEB_NETWORKS = ("search", "email", "direct", "referral", "other", "other social")

_SOURCE_TO_NETWORK = {alias: net for net, aliases in SOCIAL_SOURCES.items() for alias in aliases}


def _bare_source(source: str) -> str:
    host = source.strip().lower()
    host = re.sub(r"^https?://", "", host).split("/")[0]
    previous = None
    while previous != host:
        previous, host = host, _SHIM_PREFIX.sub("", host)
    return host


def _social_network(source: str) -> str | None:
    host = _bare_source(source)
    if host in _SOURCE_TO_NETWORK:
        return _SOURCE_TO_NETWORK[host]
    root = host.rsplit(".", 2)[-2] if host.count(".") >= 1 else host
    return _SOURCE_TO_NETWORK.get(root) if root not in ("t", "x", "li", "tt", "ig") else None


def _is_search(source: str) -> bool:
    host = _bare_source(source)
    return host in SEARCH_SOURCES or host.split(".")[0] in SEARCH_SOURCES


def classify(source: str, medium: str) -> tuple[str, bool]:
    """(network, paid) for one source / medium pair."""
    medium = (medium or "").strip().lower()
    paid = bool(PAID_MEDIUM.match(medium))
    network = _social_network(source or "")
    if network:
        return network, paid
    if medium in SOCIAL_MEDIUMS:
        return "other social", paid
    if medium in EMAIL_MEDIUMS or "newsletter" in (source or "").lower():
        return "email", False
    if medium in SEARCH_MEDIUMS or (_is_search(source or "") and medium in ("", "referral")):
        return "search", paid
    if (source or "").strip().lower() == "(direct)" and medium in ("(none)", "(not set)", ""):
        return "direct", False
    if medium == "referral":
        return "referral", False
    return "other", paid


def source_networks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source / medium pair in the web data with its network and paid flag."""
    pairs = con.execute("SELECT DISTINCT source, medium FROM web_traffic").fetchall()
    rows = [(s, m, *classify(s, m)) for s, m in pairs]
    return pd.DataFrame(rows, columns=["source", "medium", "network", "paid"]).astype(
        {"source": "string", "medium": "string", "network": "string", "paid": "bool"}
    )


@contextmanager
def network_lookup(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Make ``source_networks_view`` (source, medium, network, paid) joinable in SQL."""
    con.register("source_networks_view", source_networks(con))
    try:
        yield
    finally:
        con.unregister("source_networks_view")
