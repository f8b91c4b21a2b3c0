"""The CM's toolkit, the plan as a living document the client can read: the knowledge
questionnaire, the social media guide in four parts, the profiles managed, the response
protocol and the employee guidelines.

Every part is versioned (``toolkit_versions``, see migration m0013): a save adds a version with
who saved it and when, and never changes an earlier one; a save that changes nothing adds
none. The read functions return plain frozen dataclasses of the current versions; ``history``
and ``diff`` show how a part came to be. Prose is Markdown (shown without raw HTML by the
pages); short fields (names, handles, tones, topics) are plain text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.access.roles import current_actor
from smdash.core.errors import UserError
from smdash.core.i18n import t
from smdash.core.networks import SOCIAL_NETWORKS
from smdash.db.store import bump_data_version, transaction

DEMO_FILE = "toolkit.json"
QUESTIONNAIRE = "questionnaire"
GUIDELINES = "guidelines"
GUIDE_PARTS = ("people", "objectives", "strategy", "technology")
KINDS = ("questionnaire", "guide", "guidelines", "profile", "protocol")
GUIDELINES_MAX = 10  # "short enough to be a ten-point list"
SHORT_MAX = 200  # a one-line field: a handle, a tone, a category, a topic
TEXT_MAX = 20_000  # a Markdown field


class InvalidToolkit(UserError, ValueError):
    """Input the user can correct; ``message(lang)`` says what is wrong in their words."""


# ---------------------------------------------------------------------------------------------
# The parts, as plain dataclasses (what the pages and the plan document read)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """Which version of an item this is, who saved it and when (version 0: never saved)."""

    item: str
    version: int = 0
    saved_by: str = ""
    saved_at: dt.datetime | None = None
    removed: bool = False


@dataclass(frozen=True)
class Questionnaire:
    """What the client answers before the first post. Markdown, except ``never_publish``: the
    topics never to be published or discussed, one short phrase each."""

    offer: str = ""
    audience: str = ""
    competitors: str = ""
    what_people_say: str = ""
    what_to_push: str = ""
    never_publish: tuple[str, ...] = ()
    saved: Saved = field(default=Saved(QUESTIONNAIRE), compare=False)


QUESTIONNAIRE_FIELDS = ("offer", "audience", "competitors", "what_people_say", "what_to_push")


@dataclass(frozen=True)
class NetworkChoice:
    """A network the guide's technology part decides on: used or not, and why."""

    network: str
    used: bool
    reason: str = ""


@dataclass(frozen=True)
class GuidePart:
    """One of the guide's four parts (``GUIDE_PARTS``): Markdown text; the technology part also
    lists the networks used and not used, with their reasons."""

    part: str
    text: str = ""
    networks: tuple[NetworkChoice, ...] = ()
    saved: Saved | None = field(default=None, compare=False)

    @property
    def item(self) -> str:
        return f"guide.{self.part}"


@dataclass(frozen=True)
class Profile:
    """A profile managed: its network, handle and address, who runs it, with what authority to
    answer, in what tone, when it publishes; ``accounts``: its account names in the imported
    data (empty: found by the handle, see ``profile_accounts``)."""

    profile_id: int | None
    network: str
    handle: str
    url: str = ""
    runs_it: str = ""
    authority: str = ""
    tone: str = ""
    times: str = ""
    accounts: tuple[str, ...] = ()
    saved: Saved | None = field(default=None, compare=False)


PROFILE_FIELDS = ("network", "handle", "url", "runs_it", "authority", "tone", "times", "accounts")


@dataclass(frozen=True)
class ProtocolEntry:
    """A standard answer: its category, the question, the answer (plain text, as it is pasted
    into a reply), the tone, whom to escalate to and when, the networks it applies to (none:
    all), extra search words (e.g. the question's words in the other language) and when it was
    last reviewed."""

    entry_id: int | None
    category: str
    question: str
    answer: str
    tone: str = ""
    escalate_to: str = ""
    escalate_when: str = ""
    networks: tuple[str, ...] = ()
    keywords: str = ""
    last_reviewed: dt.date | None = None
    saved: Saved | None = field(default=None, compare=False)


PROTOCOL_FIELDS = (
    "category",
    "question",
    "answer",
    "tone",
    "escalate_to",
    "escalate_when",
    "networks",
    "keywords",
    "last_reviewed",
)


@dataclass(frozen=True)
class Guidelines:
    """The participation guidelines for employees: at most ``GUIDELINES_MAX`` points."""

    points: tuple[str, ...] = ()
    saved: Saved = field(default=Saved(GUIDELINES), compare=False)


@dataclass(frozen=True)
class ChecklistStep:
    key: str  # strings: toolkit.checklist.<key>
    done: bool


# ---------------------------------------------------------------------------------------------
# Storage: append-only versions
# ---------------------------------------------------------------------------------------------


def _kind(item: str) -> str:
    return item.split(".", 1)[0]


def _current(con: duckdb.DuckDBPyConnection, item: str) -> tuple[dict, Saved] | None:
    row = con.execute(
        """SELECT content, version, saved_by, saved_at, removed FROM toolkit_current
           WHERE item = ?""",
        [item],
    ).fetchone()
    if row is None:
        return None
    return json.loads(row[0]), Saved(item, row[1], row[2], row[3], row[4])


def _save(
    con: duckdb.DuckDBPyConnection,
    item: str,
    content: dict,
    removed: bool = False,
    saved_by: str | None = None,
    saved_at: dt.datetime | None = None,
) -> int:
    """Add the next version of ``item`` (none when it would equal the current one); returns the
    version in force afterwards."""
    current = _current(con, item)
    if current is not None and current[0] == content and current[1].removed == removed:
        return current[1].version
    version = 1 if current is None else current[1].version + 1
    con.execute(
        """INSERT INTO toolkit_versions (item, kind, version, content, removed, saved_by,
               saved_at)
           VALUES ($item, $kind, $version, $content, $removed, $saved_by, $saved_at)""",
        {
            "item": item,
            "kind": _kind(item),
            "version": version,
            "content": json.dumps(content, ensure_ascii=False, sort_keys=True),
            "removed": removed,
            "saved_by": saved_by or current_actor().name,
            "saved_at": saved_at or dt.datetime.now(),
        },
    )
    bump_data_version(con)
    return version


def _new_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT nextval('toolkit_item_seq')").fetchone()[0]


def _short(value: str, name: str) -> str:
    value = " ".join((value or "").split())
    if len(value) > SHORT_MAX:
        raise InvalidToolkit("toolkit.error.too_long", field=name, limit=SHORT_MAX)
    return value


def _text(value: str, name: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_MAX:
        raise InvalidToolkit("toolkit.error.too_long", field=name, limit=TEXT_MAX)
    return value


def _phrases(values, name: str) -> list[str]:
    """Short phrases, one each, blanks and repeats (ignoring case and accents) left out."""
    seen, kept = set(), []
    for value in values:
        phrase = _short(value, name)
        if phrase and fold(phrase) not in seen:
            seen.add(fold(phrase))
            kept.append(phrase)
    return kept


def _network(network: str) -> str:
    if network not in SOCIAL_NETWORKS:
        raise InvalidToolkit("toolkit.error.network", network=network)
    return network


def fold(text: str) -> str:
    """Lower case without accents: how the toolkit compares words (as DuckDB's
    ``strip_accents(lower(...))`` does in the searches)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------------
# Questionnaire
# ---------------------------------------------------------------------------------------------


def questionnaire(con: duckdb.DuckDBPyConnection) -> Questionnaire:
    """The questionnaire as last saved (empty fields when never saved)."""
    current = _current(con, QUESTIONNAIRE)
    if current is None:
        return Questionnaire()
    content, saved = current
    return Questionnaire(
        **{name: content.get(name, "") for name in QUESTIONNAIRE_FIELDS},
        never_publish=tuple(content.get("never_publish", ())),
        saved=saved,
    )


def _questionnaire_content(answers: Questionnaire) -> dict:
    content = {name: _text(getattr(answers, name), name) for name in QUESTIONNAIRE_FIELDS}
    content["never_publish"] = _phrases(answers.never_publish, "never_publish")
    return content


@audit.write("toolkit.save_questionnaire")
def save_questionnaire(con: duckdb.DuckDBPyConnection, answers: Questionnaire) -> int:
    """Save the questionnaire as a new version; returns the version in force."""
    return _save(con, QUESTIONNAIRE, _questionnaire_content(answers))


# ---------------------------------------------------------------------------------------------
# The guide
# ---------------------------------------------------------------------------------------------


def guide_part(con: duckdb.DuckDBPyConnection, part: str) -> GuidePart:
    if part not in GUIDE_PARTS:
        raise ValueError(f"part must be one of {GUIDE_PARTS}")
    current = _current(con, f"guide.{part}")
    if current is None:
        return GuidePart(part, saved=Saved(f"guide.{part}"))
    content, saved = current
    networks = tuple(NetworkChoice(**choice) for choice in content.get("networks", ()))
    return GuidePart(part, content.get("text", ""), networks, saved)


def guide(con: duckdb.DuckDBPyConnection) -> list[GuidePart]:
    """The four parts in order: people, objectives, strategy, technology."""
    return [guide_part(con, part) for part in GUIDE_PARTS]


def _guide_content(part: GuidePart) -> dict:
    if part.part not in GUIDE_PARTS:
        raise ValueError(f"part must be one of {GUIDE_PARTS}")
    content: dict = {"text": _text(part.text, part.part)}
    if part.part == "technology":
        seen: set[str] = set()
        choices = []
        for choice in part.networks:
            network = _network(choice.network)
            if network in seen:
                raise InvalidToolkit("toolkit.error.network_twice", network=network)
            seen.add(network)
            reason = _text(choice.reason, "reason")
            choices.append({"network": network, "used": bool(choice.used), "reason": reason})
        content["networks"] = choices
    return content


@audit.write("toolkit.save_guide_part")
def save_guide_part(con: duckdb.DuckDBPyConnection, part: GuidePart) -> int:
    """Save one part of the guide as a new version; returns the version in force."""
    return _save(con, part.item, _guide_content(part))


def networks_not_used(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The networks the guide's technology part says not to use, with the reason."""
    return {c.network: c.reason for c in guide_part(con, "technology").networks if not c.used}


def networks_used(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The networks the guide's technology part says to use, with the reason."""
    return {c.network: c.reason for c in guide_part(con, "technology").networks if c.used}


# ---------------------------------------------------------------------------------------------
# Profiles managed
# ---------------------------------------------------------------------------------------------


def _profile(content: dict, saved: Saved) -> Profile:
    values = {name: content.get(name, "") for name in PROFILE_FIELDS}
    values["accounts"] = tuple(content.get("accounts", ()))
    return Profile(int(saved.item.split(".")[1]), **values, saved=saved)


def _items(con: duckdb.DuckDBPyConnection, kind: str) -> list[tuple[dict, Saved]]:
    rows = con.execute(
        """SELECT content, item, version, saved_by, saved_at, removed FROM toolkit_current
           WHERE kind = ? AND NOT removed
           ORDER BY CAST(split_part(item, '.', 2) AS INTEGER)""",
        [kind],
    ).fetchall()
    return [(json.loads(row[0]), Saved(*row[1:])) for row in rows]


def profiles(con: duckdb.DuckDBPyConnection) -> list[Profile]:
    """The profiles managed, in the order they were added (removed ones left out)."""
    return [_profile(content, saved) for content, saved in _items(con, "profile")]


def get_profile(con: duckdb.DuckDBPyConnection, profile_id: int) -> Profile | None:
    current = _current(con, f"profile.{profile_id}")
    return None if current is None or current[1].removed else _profile(*current)


def _profile_content(profile: Profile) -> dict:
    handle = _short(profile.handle, "handle")
    if not handle:
        raise InvalidToolkit("toolkit.error.no_handle")
    url = _short(profile.url, "url")
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        raise InvalidToolkit("toolkit.error.url", url=url)
    return {
        "network": _network(profile.network),
        "handle": handle,
        "url": url,
        "runs_it": _short(profile.runs_it, "runs_it"),
        "authority": _text(profile.authority, "authority"),
        "tone": _short(profile.tone, "tone"),
        "times": _short(profile.times, "times"),
        "accounts": _phrases(profile.accounts, "accounts"),
    }


@audit.write("toolkit.save_profile")
def save_profile(con: duckdb.DuckDBPyConnection, profile: Profile) -> int:
    """Add a profile (``profile_id`` None) or save a new version of one; returns its id."""
    content = _profile_content(profile)
    _known(con, "profile", profile.profile_id)
    profile_id = profile.profile_id or _new_id(con)
    _save(con, f"profile.{profile_id}", content)
    return profile_id


@audit.write("toolkit.remove_profile")
def remove_profile(con: duckdb.DuckDBPyConnection, profile_id: int) -> None:
    """Take a profile off the list (its versions stay in the history)."""
    _remove(con, f"profile.{profile_id}")


def _known(con: duckdb.DuckDBPyConnection, kind: str, item_id: int | None) -> None:
    """An id given to save a new version must name an item saved before (None: a new one)."""
    if item_id is not None and _current(con, f"{kind}.{item_id}") is None:
        key = "toolkit.error.no_entry" if kind == "protocol" else "toolkit.error.no_profile"
        raise InvalidToolkit(key, entry_id=item_id)


def _remove(con: duckdb.DuckDBPyConnection, item: str) -> None:
    current = _current(con, item)
    if current is not None:
        _save(con, item, current[0], removed=True)


_ACCOUNTS = """
    WITH seen AS (
        SELECT platform, account, count(*) AS posts, max(published_at)::DATE AS last_day
        FROM posts GROUP BY ALL
        UNION ALL
        SELECT platform, account, 0, max(day) FROM account_daily GROUP BY ALL)
    SELECT platform AS network, account, sum(posts)::BIGINT AS posts,
           max(last_day)::DATE AS last_day
    FROM seen GROUP BY ALL
"""


def imported_accounts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account in the imported data: network, account, posts, the last day with data."""
    return _dated(con.execute(_ACCOUNTS + " ORDER BY network, account").df())  # noqa: S608 - constant


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    frame["last_day"] = pd.to_datetime(frame["last_day"]).dt.date
    return frame


def profile_accounts(con: duckdb.DuckDBPyConnection, profile: Profile) -> pd.DataFrame:
    """The profile's accounts in the imported data (network, account, posts, last day): those
    it names, or, when it names none, those on its network whose name matches its handle
    (ignoring case, accents, '@' and punctuation) and the data whose export named no account
    (account '')."""
    frame = con.execute(
        f"SELECT * FROM ({_ACCOUNTS}) "  # noqa: S608 - constant
        + """WHERE network = $network AND CASE WHEN len($accounts) > 0
                 THEN list_contains($accounts, account)
                 ELSE account = '' OR regexp_replace(strip_accents(lower(account)), '[^a-z0-9]',
                     '', 'g') = regexp_replace(strip_accents(lower($handle)), '[^a-z0-9]', '', 'g')
                 END
            ORDER BY account""",
        {"network": profile.network, "accounts": list(profile.accounts), "handle": profile.handle},
    ).df()
    return _dated(frame)


# ---------------------------------------------------------------------------------------------
# Response protocol
# ---------------------------------------------------------------------------------------------

_PROTOCOL_SELECT = """
    SELECT entry_id, category, question, answer, tone, escalate_to, escalate_when, networks,
           keywords, last_reviewed, 'protocol.' || entry_id, version, saved_by, saved_at, false
    FROM toolkit_protocol
"""


def _entry(row: tuple) -> ProtocolEntry:
    return ProtocolEntry(
        row[0], *row[1:7], tuple(row[7] or ()), row[8], row[9], saved=Saved(*row[10:])
    )


def protocol(
    con: duckdb.DuckDBPyConnection,
    words: str = "",
    category: str | None = None,
    network: str | None = None,
) -> list[ProtocolEntry]:
    """The protocol entries in force, by category and question: those holding every word of
    ``words`` (in the question, answer, category, tone or search words; case and accents
    ignored, so "envio" finds "envío"), in ``category``, for ``network`` (an entry for no
    network in particular applies to every one)."""
    terms = [fold(word) for word in re.findall(r"[^\W_]+", words or "")]
    rows = con.execute(
        _PROTOCOL_SELECT  # noqa: S608 - constant
        + """WHERE ($category::VARCHAR IS NULL OR category = $category)
               AND ($network::VARCHAR IS NULL OR len(networks) = 0
                    OR list_contains(networks, $network))
               AND len(list_filter($terms::VARCHAR[], lambda term: NOT contains(
                       strip_accents(lower(concat_ws(' ', question, answer, category, tone,
                                                     keywords))), term))) = 0
             ORDER BY lower(category), lower(question), entry_id""",
        {"category": category, "network": network, "terms": terms},
    ).fetchall()
    return [_entry(row) for row in rows]


def protocol_entry(con: duckdb.DuckDBPyConnection, entry_id: int) -> ProtocolEntry | None:
    rows = con.execute(
        _PROTOCOL_SELECT + " WHERE entry_id = ?",  # noqa: S608 - constant
        [entry_id],
    ).fetchall()
    return _entry(rows[0]) if rows else None


def protocol_categories(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The categories in use, in alphabetical order."""
    rows = con.execute(
        "SELECT DISTINCT category FROM toolkit_protocol ORDER BY lower(category), category"
    ).fetchall()
    return [row[0] for row in rows]


def _protocol_content(entry: ProtocolEntry, today: dt.date) -> dict:
    category = _short(entry.category, "category")
    question = _short(entry.question, "question")
    answer = _text(entry.answer, "answer")
    if not (category and question and answer):
        raise InvalidToolkit("toolkit.error.protocol_incomplete")
    networks = sorted({_network(n) for n in entry.networks}, key=SOCIAL_NETWORKS.index)
    reviewed = entry.last_reviewed or today
    return {
        "category": category,
        "question": question,
        "answer": answer,
        "tone": _short(entry.tone, "tone"),
        "escalate_to": _short(entry.escalate_to, "escalate_to"),
        "escalate_when": _text(entry.escalate_when, "escalate_when"),
        "networks": networks,
        "keywords": _short(entry.keywords, "keywords"),
        "last_reviewed": reviewed.isoformat(),
    }


@audit.write("toolkit.save_protocol_entry")
def save_protocol_entry(
    con: duckdb.DuckDBPyConnection, entry: ProtocolEntry, today: dt.date | None = None
) -> int:
    """Add an entry (``entry_id`` None) or save a new version of one; saving it counts as
    reviewing it (last reviewed: ``today``) unless the entry says otherwise. Returns its id."""
    content = _protocol_content(entry, today or dt.date.today())
    _known(con, "protocol", entry.entry_id)
    entry_id = entry.entry_id or _new_id(con)
    _save(con, f"protocol.{entry_id}", content)
    return entry_id


@audit.write("toolkit.mark_reviewed")
def mark_reviewed(
    con: duckdb.DuckDBPyConnection, entry_id: int, today: dt.date | None = None
) -> None:
    """Record that the entry was reviewed ``today`` and still holds (a new version)."""
    entry = protocol_entry(con, entry_id)
    if entry is None:
        raise InvalidToolkit("toolkit.error.no_entry", entry_id=entry_id)
    today = today or dt.date.today()
    _save(
        con, f"protocol.{entry_id}", _protocol_content(replace(entry, last_reviewed=today), today)
    )


@audit.write("toolkit.remove_protocol_entry")
def remove_protocol_entry(con: duckdb.DuckDBPyConnection, entry_id: int) -> None:
    """Take an entry out of the protocol (its versions stay in the history)."""
    _remove(con, f"protocol.{entry_id}")


# ---------------------------------------------------------------------------------------------
# Employee guidelines
# ---------------------------------------------------------------------------------------------


def guidelines(con: duckdb.DuckDBPyConnection) -> Guidelines:
    current = _current(con, GUIDELINES)
    if current is None:
        return Guidelines()
    content, saved = current
    return Guidelines(tuple(content.get("points", ())), saved)


@audit.write("toolkit.save_guidelines")
def save_guidelines(con: duckdb.DuckDBPyConnection, points) -> int:
    """Save the guidelines (one point a line; blank ones left out); returns the version."""
    kept = [_text(point, "guidelines") for point in points]
    kept = [point for point in kept if point]
    if len(kept) > GUIDELINES_MAX:
        raise InvalidToolkit("toolkit.error.too_many_points", limit=GUIDELINES_MAX, count=len(kept))
    return _save(con, GUIDELINES, {"points": kept})


# ---------------------------------------------------------------------------------------------
# History: every version, the text of one, the difference between two, restoring one
# ---------------------------------------------------------------------------------------------


def history(con: duckdb.DuckDBPyConnection, item: str) -> list[Saved]:
    """Every version of ``item``, newest first."""
    rows = con.execute(
        """SELECT item, version, saved_by, saved_at, removed FROM toolkit_versions
           WHERE item = ? ORDER BY version DESC""",
        [item],
    ).fetchall()
    return [Saved(*row) for row in rows]


def changes(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[Saved]:
    """The latest saves over the whole toolkit, newest first."""
    rows = con.execute(
        """SELECT item, version, saved_by, saved_at, removed FROM toolkit_versions
           ORDER BY saved_at DESC, item, version DESC LIMIT ?""",
        [limit],
    ).fetchall()
    return [Saved(*row) for row in rows]


def items(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every item ever saved (removed ones too), the fixed ones first."""
    rows = con.execute(
        """SELECT DISTINCT item, kind FROM toolkit_versions
           ORDER BY list_position($kinds, kind), item""",
        {"kinds": list(KINDS)},
    ).fetchall()
    return [row[0] for row in rows]


def item_titles(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """What names each profile and protocol entry ever saved, as of its latest version (the
    handle, the question), for lists of items; fixed items are named by their kind and part."""
    rows = con.execute(
        """SELECT item, CASE kind WHEN 'profile' THEN content->>'handle'
                                  WHEN 'protocol' THEN content->>'question' ELSE '' END
           FROM toolkit_current WHERE kind IN ('profile', 'protocol')"""
    ).fetchall()
    return dict(rows)


def version_content(con: duckdb.DuckDBPyConnection, item: str, version: int) -> dict:
    """The fields of one version as saved (a plain dict, as JSON holds them)."""
    return _content(con, item, version)


def _content(con: duckdb.DuckDBPyConnection, item: str, version: int) -> dict:
    row = con.execute(
        "SELECT content FROM toolkit_versions WHERE item = ? AND version = ?", [item, version]
    ).fetchone()
    if row is None:
        raise InvalidToolkit("toolkit.error.no_version", item=item, version=version)
    return json.loads(row[0])


def _labelled(name: str, value: object, lang: str) -> list[str]:
    label = t(f"toolkit.field.{name}", lang)
    if isinstance(value, list):
        if value and isinstance(value[0], dict):  # the technology part's network choices
            value = [_choice_line(NetworkChoice(**choice), lang) for choice in value]
        return [f"{label}:", *(f"- {line}" for line in value)]
    return [f"{label}:", *str(value).splitlines()]


def _choice_line(choice: NetworkChoice, lang: str) -> str:
    verdict = t("toolkit.used" if choice.used else "toolkit.not_used", lang)
    return f"{t(f'network.{choice.network}', lang)} ({verdict}): {choice.reason}"


def version_text(con: duckdb.DuckDBPyConnection, item: str, version: int, lang: str) -> str:
    """One version as text, field by field (what ``diff`` compares)."""
    content = _content(con, item, version)
    lines: list[str] = []
    for name in sorted(content, key=_field_order):
        lines += _labelled(name, content[name], lang)
    return "\n".join(lines)


_ORDER = (
    *QUESTIONNAIRE_FIELDS,
    "never_publish",
    "text",
    "networks",
    *PROFILE_FIELDS,
    *PROTOCOL_FIELDS,
    "points",
)


def _field_order(name: str) -> int:
    return _ORDER.index(name) if name in _ORDER else len(_ORDER)


def diff(con: duckdb.DuckDBPyConnection, item: str, old: int, new: int, lang: str) -> list[str]:
    """The lines that differ from version ``old`` to version ``new`` (a unified diff)."""
    before = version_text(con, item, old, lang).splitlines()
    after = version_text(con, item, new, lang).splitlines()
    return list(difflib.unified_diff(before, after, f"v{old}", f"v{new}", lineterm="", n=2))


@audit.write("toolkit.restore_version")
def restore_version(con: duckdb.DuckDBPyConnection, item: str, version: int) -> int:
    """Make an earlier version the current one again (as a new version: the later ones stay)."""
    return _save(con, item, _content(con, item, version))


# ---------------------------------------------------------------------------------------------
# Wired into the rest: objectives on networks not used, topics never to publish
# ---------------------------------------------------------------------------------------------


def objectives_on_unused_networks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Active objectives whose scope is a network the guide says not to use: objective_id,
    statement, network, reason."""
    unused = networks_not_used(con)
    return con.execute(
        """SELECT o.objective_id, o.statement, o.scope AS network, u.reason
           FROM objectives o
           JOIN (SELECT unnest($networks::VARCHAR[]) AS network,
                        unnest($reasons::VARCHAR[]) AS reason) u ON u.network = o.scope
           WHERE o.status = 'active' ORDER BY o.objective_id""",
        {"networks": list(unused), "reasons": list(unused.values())},
    ).df()


def forbidden_topics_in_calendar(
    con: duckdb.DuckDBPyConnection, date_from: dt.date | None = None
) -> pd.DataFrame:
    """Calendar entries not yet published (from ``date_from``, when given) whose topic or copy
    mentions a topic the questionnaire says never to publish (case and accents ignored):
    entry_id, planned_at, network, topic, status, forbidden (the topics it mentions, as the
    questionnaire writes them)."""
    topics = list(questionnaire(con).never_publish)
    return con.execute(
        """SELECT c.entry_id, c.planned_at, c.network, c.topic, c.status,
                  string_agg(f.topic, ', ' ORDER BY f.topic) AS forbidden
           FROM calendar_entries c,
                (SELECT unnest($topics::VARCHAR[]) AS topic,
                        unnest($folded::VARCHAR[]) AS folded) f
           WHERE c.status <> 'published'
             AND ($date_from::DATE IS NULL OR c.planned_at >= $date_from::DATE)
             AND contains(strip_accents(lower(concat_ws(' ', c.topic, c.copy))), f.folded)
           GROUP BY ALL ORDER BY c.planned_at, c.entry_id""",
        {"topics": topics, "folded": [fold(t) for t in topics], "date_from": date_from},
    ).df()


def forbidden_topics_in(con: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """The topics never to publish that ``text`` mentions (case and accents ignored)."""
    folded = fold(text or "")
    return [topic for topic in questionnaire(con).never_publish if fold(topic) in folded]


# ---------------------------------------------------------------------------------------------
# What to fill first
# ---------------------------------------------------------------------------------------------


def checklist(con: duckdb.DuckDBPyConnection) -> list[ChecklistStep]:
    """What to fill first, in order, and whether it is done."""
    answers = questionnaire(con)
    technology = guide_part(con, "technology")
    return [
        ChecklistStep("questionnaire", bool(answers.offer and answers.audience)),
        ChecklistStep("never_publish", bool(answers.never_publish)),
        ChecklistStep("technology", bool(technology.networks)),
        ChecklistStep("profiles", bool(profiles(con))),
        ChecklistStep("protocol", bool(protocol(con))),
        ChecklistStep("guidelines", bool(guidelines(con).points)),
    ]


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) = 0 FROM toolkit_versions").fetchone()[0]


# ---------------------------------------------------------------------------------------------
# Demo workspace
# ---------------------------------------------------------------------------------------------


def _demo_item(item: str, content: dict) -> dict:
    kind = _kind(item)
    if kind == "questionnaire":
        return _questionnaire_content(Questionnaire(**_tupled(content)))
    if kind == "guide":
        networks = tuple(NetworkChoice(**c) for c in content.get("networks", ()))
        return _guide_content(GuidePart(item.split(".")[1], content.get("text", ""), networks))
    if kind == "profile":
        return _profile_content(Profile(None, **_tupled(content)))
    if kind == "protocol":
        values = _tupled(content)
        values["last_reviewed"] = dt.date.fromisoformat(values["last_reviewed"])
        return _protocol_content(ProtocolEntry(None, **values), values["last_reviewed"])
    points = [_text(point, "guidelines") for point in content["points"]]
    return {"points": points[:GUIDELINES_MAX]}


def _tupled(content: dict) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in content.items()}


def seed_demo(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """The bakery's toolkit (toolkit.json): each item with its versions as the file gives
    them (who saved each and when), checked as a save from the page would be. Returns how
    many versions were added; 0 without the file."""
    path = folder / DEMO_FILE
    if not path.exists():
        return 0
    demo = json.loads(path.read_text(encoding="utf-8"))
    count = 0
    with transaction(con):
        for entry in demo["items"]:
            item = entry["item"]
            if _kind(item) in ("profile", "protocol"):
                item = f"{_kind(item)}.{_new_id(con)}"
            for version in entry["versions"]:
                _save(
                    con,
                    item,
                    _demo_item(item, version["content"]),
                    saved_by=version["saved_by"],
                    saved_at=dt.datetime.fromisoformat(version["saved_at"]),
                )
                count += 1
    return count


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Starting an empty workspace empties the toolkit and its history."""
    con.execute("DELETE FROM toolkit_versions")


def as_dict(value: object) -> dict:
    """A part's fields as a plain dict (for JSON and documents), without its ``saved``."""
    return {f.name: getattr(value, f.name) for f in fields(value) if f.name != "saved"}
