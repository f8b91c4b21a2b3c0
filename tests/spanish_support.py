"""What a Spanish-speaking user reads on a page, and the English and ISO dates that must not be
in it (tests/test_spanish.py, tests/test_pages_spanish.py)."""

from __future__ import annotations

import datetime as dt
import json
import re

from google.protobuf.json_format import MessageToDict

# Common English words of a user interface that are no Spanish word (not "no", "red", "total",
# "plan", "email", "idea", "error", shared by both languages).
_ENGLISH_WORDS = """
    the and of with to for from by is are was were this that these those your you not or at
    file files browse upload uploads drag drop here limit save saved delete deleted cancel add
    added edit remove removed export download select choose show hide none true false nan null
    week weeks month months year years day days date dates start end all new open close back
    next previous yes search sessions posts post reach engagements engagement clicks followers
    impressions revenue conversions conversion network networks objective objectives goal goals
    target targets status track behind risk period summary overview traffic costs cost review
    import imported users user account password sign name value rate rates spend spent other
    others keep kept improve dropped entry entries when what which who how draft done planned
    published undone applied monday tuesday wednesday thursday friday saturday sunday january
    february march april june july august september october november december
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
WORD = re.compile(r"[^\W\d_]+")
# A day written year first: 2026-10-31, 2026/10/31 (with or without a time after it).
ISO_DAY = re.compile(r"\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b")
# What is not words to translate: placeholders, command-line options, code, names in capitals,
# file names (with a sheet's name after them) and paths, identifiers, time zones (Europe/Madrid).
NOT_WORDS = re.compile(
    r"\{[^}]*\}|--[\w-]+|`[^`]*`|\b[A-Z_]{2,}\b|https?://\S+|\S*/\S*"
    r"|\S+\.(csv|tsv|xlsx|zip|duckdb)\b( \[[^\]]*\])?|\S*[_…]\S*"
)
# Terms Spanish users meet in English in the platforms' own menus, quoted as they appear there.
PLATFORM_TERMS = re.compile(
    r"Organic( Social)?|Paid Social|Other social|Session source / medium|Ads Manager|"
    r"Campaign Manager|Business Suite|Google Analytics|TikTok Studio|YouTube Studio"
)

TEXT_FIELDS = {"label", "body", "help", "placeholder", "delta", "content", "caption", "options"}


def english_words(text: str) -> set[str]:
    """The English words in a text meant to be Spanish."""
    text = PLATFORM_TERMS.sub(" ", NOT_WORDS.sub(" ", text))
    return {word for word in WORD.findall(text) if word.lower() in ENGLISH}


def shown_texts(at) -> list[tuple[str, str]]:
    """(where, text) for each text a user reads: element labels, bodies, help, options,
    metric deltas, chart titles and table headers and cells."""
    found: list[tuple[str, str]] = []

    def strings(value, where: str, field: str | None = None) -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                strings(inner, where, name)
        elif isinstance(value, list):
            for inner in value:
                strings(inner, where, field)
        elif isinstance(value, str) and field in TEXT_FIELDS:
            found.append((where, value))

    def chart_titles(spec, where: str) -> None:
        if isinstance(spec, dict):
            for name, inner in spec.items():
                if name == "title" and isinstance(inner, str):
                    found.append((where, inner))
                else:
                    chart_titles(inner, where)
        elif isinstance(spec, list):
            for inner in spec:
                chart_titles(inner, where)

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            fields = MessageToDict(proto)
            if "spec" in fields:
                chart_titles(json.loads(fields["spec"]), "chart")
            kind = type(node).__name__
            for name in ("data", "arrowData", "spec", "datasets", "default", "value", "id"):
                fields.pop(name, None)
            columns = fields.pop("columns", None)
            if isinstance(columns, str):  # a table's column config: its headers
                for config in json.loads(columns).values():
                    if isinstance(config, dict) and config.get("label"):
                        found.append(("table header", config["label"]))
            strings(fields, kind)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    for table in at.dataframe:
        frame = table.value
        config = json.loads(table.proto.columns or "{}")
        for column in frame.columns:
            if str(column) not in config or not config[str(column)].get("label"):
                found.append(("table header", str(column)))
            values = frame[column].dropna().head(50)
            shown = _option_labels(config.get(str(column), {}))
            found.extend(
                (f"table cell {column}", shown.get(v, v)) for v in values if isinstance(v, str)
            )
            if len(values) and not isinstance(values.iloc[0], str):
                found.extend(_dates_of_column(str(column), values, config.get(str(column), {})))
    return found


def _option_labels(config: dict) -> dict[str, str]:
    """A selectbox column's cells as the table shows them: each option's label."""
    options = (config.get("type_config") or {}).get("options") or []
    return {o["value"]: o["label"] for o in options if isinstance(o, dict) and "label" in o}


def _dates_of_column(column: str, values, config: dict) -> list[tuple[str, str]]:
    """A column of dates as the table shows it: in its configured format, or else the way
    Streamlit writes dates (2026-10-31 00:00:00), which the ISO check then finds."""
    first = values.iloc[0]
    if not isinstance(first, dt.date):
        return []
    shown = (config.get("type_config") or {}).get("format")
    return [("table dates", f"{column}: {shown or first}")]


def date_input_formats(at) -> set[str]:
    """The format of each date input on the page (Streamlit's default is YYYY/MM/DD)."""
    return {element.proto.format for element in at.get("date_input")}
