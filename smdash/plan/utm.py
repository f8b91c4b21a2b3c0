"""The UTM link builder: a landing URL plus utm_source / medium / campaign / content / term.

Tag values are lower-cased and trimmed, and runs of spaces become '-' so ``Verano 24`` and
``verano 24`` land in GA4 as one campaign; anything else unsafe in a URL is percent-encoded.
The URL's own query string and its #fragment are kept (an existing utm_* parameter is replaced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from smdash.core.errors import UserError
from smdash.metrics.attribution import classify_with, normalize_source

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")
# the spelling suggested for each network when the data has none yet
DEFAULT_SOURCES = {"email": "newsletter"}
DEFAULT_MEDIUM = {"email": "email"}


class LinkError(UserError, ValueError):
    """A link that cannot be built; ``key`` names the message shown to the user."""


@dataclass(frozen=True)
class Tags:
    source: str
    medium: str
    campaign: str
    content: str = ""
    term: str = ""


def tag_value(text: str | None) -> str:
    """A UTM value as smdash writes it: lower-case, trimmed, spaces as '-'."""
    return re.sub(r"\s+", "-", (text or "").strip().lower())


def default_source(network: str, usual: dict[str, str] | None = None) -> str:
    """The source spelling to suggest: the one the data already uses, else the network's name."""
    return (usual or {}).get(network) or DEFAULT_SOURCES.get(network, network)


def default_medium(network: str, paid: bool) -> str:
    if network in DEFAULT_MEDIUM:
        return DEFAULT_MEDIUM[network]
    return "paid_social" if paid else "social"


def _landing(url: str):
    url = (url or "").strip()
    if not url:
        raise LinkError("links.error_no_url")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in parts.netloc:
        raise LinkError("links.error_bad_url")
    if "." not in parts.hostname and parts.hostname != "localhost":
        raise LinkError("links.error_bad_url")
    return parts


def build_link(url: str, tags: Tags) -> str:
    """The landing URL with the UTM parameters added after its own query, fragment kept."""
    parts = _landing(url)
    values = dict(zip(UTM_KEYS, (tag_value(v) for v in vars(tags).values()), strict=True))
    for required in ("utm_source", "utm_medium", "utm_campaign"):
        if not values[required]:
            raise LinkError(f"links.error_no_{required.removeprefix('utm_')}")
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in values]
    added = [(k, v) for k, v in values.items() if v]
    query = urlencode(kept + added, quote_via=quote, safe="")
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, query, parts.fragment))


def tags_of(link: str) -> Tags | None:
    """The UTM tags a link carries, or None without utm_source / medium / campaign."""
    query = dict(parse_qsl(urlsplit(link or "").query))
    found = [query.get(k, "") for k in UTM_KEYS]
    return Tags(*found) if all(found[:3]) else None


def source_warning(
    source: str,
    medium: str,
    network: str,
    usual: dict[str, str],
    aliases: dict[str, tuple[str, bool | None]],
) -> tuple[str, dict[str, str]] | None:
    """(message key, values) when ``source`` would not land under ``network`` the usual way.

    'links.warn_other_network': the rules (or the CM's mapping) put this spelling elsewhere;
    'links.warn_spelling': it lands right, but past links to this network used another spelling.
    """
    value = tag_value(source)
    landed, _ = classify_with(value, tag_value(medium), aliases)
    if landed != network:
        return "links.warn_other_network", {"source": value, "network": network, "landed": landed}
    expected = usual.get(network)
    if expected and normalize_source(expected) != normalize_source(value):
        return "links.warn_spelling", {"source": value, "usual": expected, "network": network}
    return None
