"""The whole plan as one document, the client's read: what goes in it, section by section.

``plan_document`` gathers, through the functions the pages use, the guide, the questionnaire,
the profiles managed, the objectives with their SMART check, the KPIs, the monthly actions,
the calendar of the period, the response protocol, the employee guidelines and the latest
review (strengths, weaknesses, opportunities). Each section holds the blocks the PDF lays out
(``plan_pdf``) and the table its XLSX sheet holds (``plan_document``), built from the same rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from smdash import executive, review
from smdash.core.i18n import format_date, format_number, month_name, t
from smdash.core.periods import add_months, month_start
from smdash.metrics import kpis
from smdash.plan import actions, calendar, costs, objectives, toolkit
from smdash.plan.objectives import scope_name


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Text:
    text: str
    muted: bool = False


@dataclass(frozen=True)
class Markdown:
    """Markdown the CM wrote, laid out as headings, bullets and paragraphs (never as HTML)."""

    text: str


@dataclass(frozen=True)
class Fields:
    """Label: value pairs (a value may be Markdown)."""

    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]
    widths: tuple[float, ...] | None = None  # relative column widths


Block = Heading | Text | Markdown | Fields | Table


@dataclass
class Section:
    key: str
    title: str
    sheet_name: str
    blocks: list[Block] = field(default_factory=list)
    sheet: pd.DataFrame | None = None  # the XLSX sheet (None: no sheet)
    formats: dict[str, list[str]] = field(default_factory=dict)  # its columns' number formats


@dataclass
class PlanDocument:
    title: str
    business: str
    period: executive.Period
    lang: str
    sections: list[Section]


def plan_period(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> executive.Period:
    """The review cycle in progress, else the month of ``today``."""
    cycle = review.current_cycle(con)
    if cycle is not None:
        return executive.period_for(cycle.date_from, cycle.date_to)
    return executive.month_period(today or dt.date.today())


def plan_document(
    con: duckdb.DuckDBPyConnection, period: executive.Period, lang: str
) -> PlanDocument:
    builders = {
        "guide": _guide,
        "questionnaire": _questionnaire,
        "profiles": _profiles,
        "objectives": _objectives,
        "kpis": _kpis,
        "actions": _actions,
        "calendar": _calendar,
        "protocol": _protocol,
        "guidelines": _guidelines,
        "review": _review,
    }
    sections = []
    for key in SECTIONS:
        title, sheet = _NAMES[key]
        section = Section(key, t(title, lang), t(sheet, lang))
        builders[key](con, period, lang, section)
        sections.append(section)
    return PlanDocument(
        t("plandoc.title", lang), executive.business_name(con), period, lang, sections
    )


# each section's title and its sheet's name (shorter: a sheet's name holds 31 characters)
_NAMES = {
    "guide": ("plandoc.section.guide", "plandoc.sheet.guide"),
    "questionnaire": ("plandoc.section.questionnaire", "plandoc.sheet.questionnaire"),
    "profiles": ("plandoc.section.profiles", "plandoc.sheet.profiles"),
    "objectives": ("plandoc.section.objectives", "plandoc.sheet.objectives"),
    "kpis": ("plandoc.section.kpis", "plandoc.sheet.kpis"),
    "actions": ("plandoc.section.actions", "plandoc.sheet.actions"),
    "calendar": ("plandoc.section.calendar", "plandoc.sheet.calendar"),
    "protocol": ("plandoc.section.protocol", "plandoc.sheet.protocol"),
    "guidelines": ("plandoc.section.guidelines", "plandoc.sheet.guidelines"),
    "review": ("plandoc.section.review", "plandoc.sheet.review"),
}
SECTIONS = tuple(_NAMES)  # in the document's order


def _empty(section: Section, lang: str) -> None:
    section.blocks.append(Text(t("plandoc.empty", lang), muted=True))


def _field(name: str, lang: str) -> str:
    return t(f"toolkit.field.{name}", lang)


def _frame(columns: list[str], rows: list[list]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


# --- the toolkit ------------------------------------------------------------------------------


def _guide(con, period, lang, section: Section) -> None:
    parts = {
        "people": t("plandoc.guide.people", lang),
        "objectives": t("plandoc.guide.objectives", lang),
        "strategy": t("plandoc.guide.strategy", lang),
        "technology": t("plandoc.guide.technology", lang),
    }
    rows = []
    for part in toolkit.guide(con):
        section.blocks.append(Heading(parts[part.part]))
        if part.text:
            section.blocks.append(Markdown(part.text))
        elif not part.networks:
            _empty(section, lang)
        rows.append([parts[part.part], "", part.text])
        if part.networks:
            table = []
            for choice in part.networks:
                verdict = t("toolkit.used" if choice.used else "toolkit.not_used", lang)
                table.append([t(f"network.{choice.network}", lang), verdict, choice.reason])
                rows.append([parts[part.part], f"{table[-1][0]} ({verdict})", choice.reason])
            columns = [_field("network", lang), t("plandoc.column.use", lang)]
            section.blocks.append(
                Table([*columns, t("plandoc.column.why", lang)], table, (2, 1, 5))
            )
    columns = [t("plandoc.column.part", lang), _field("network", lang), _field("text", lang)]
    section.sheet = _frame(columns, rows)


def _questionnaire(con, period, lang, section: Section) -> None:
    answers = toolkit.questionnaire(con)
    rows = [(_field(n, lang), getattr(answers, n)) for n in toolkit.QUESTIONNAIRE_FIELDS]
    rows.append((_field("never_publish", lang), "\n".join(f"- {x}" for x in answers.never_publish)))
    if not any(value for _, value in rows):
        _empty(section, lang)
    else:
        section.blocks.append(Fields([(label, value or "—") for label, value in rows]))
    columns = [t("plandoc.column.question", lang), t("plandoc.column.answer", lang)]
    section.sheet = _frame(columns, [list(row) for row in rows])


def _profiles(con, period, lang, section: Section) -> None:
    names = ("network", "handle", "url", "runs_it", "authority", "tone", "times")
    rows = []
    for profile in toolkit.profiles(con):
        values = {name: getattr(profile, name) for name in names}
        values["network"] = t(f"network.{profile.network}", lang)
        rows.append([values[name] for name in names])
        section.blocks.append(Heading(f"{values['network']}: {profile.handle}"))
        section.blocks.append(Fields([(_field(n, lang), values[n] or "—") for n in names[2:]]))
    if not rows:
        _empty(section, lang)
    section.sheet = _frame([_field(n, lang) for n in names], rows)


def _protocol(con, period, lang, section: Section) -> None:
    names = ("category", "question", "answer", "tone", "escalate_to", "escalate_when")
    columns = [*(_field(n, lang) for n in names), _field("networks", lang)]
    columns.append(_field("last_reviewed", lang))
    rows, category = [], None
    for entry in toolkit.protocol(con):
        networks = ", ".join(t(f"network.{n}", lang) for n in entry.networks) or t(
            "plandoc.all_networks", lang
        )
        reviewed = format_date(entry.last_reviewed, lang)
        rows.append([*(getattr(entry, n) for n in names), networks, reviewed])
        if entry.category != category:
            category = entry.category
            section.blocks.append(Heading(category))
        details = [
            (_field("answer", lang), entry.answer),
            (_field("tone", lang), entry.tone or "—"),
            (_field("escalate_to", lang), entry.escalate_to or "—"),
            (_field("escalate_when", lang), entry.escalate_when or "—"),
            (_field("networks", lang), networks),
            (_field("last_reviewed", lang), reviewed),
        ]
        section.blocks += [Text(entry.question), Fields(details)]
    if not rows:
        _empty(section, lang)
    section.sheet = _frame(columns, rows)


def _guidelines(con, period, lang, section: Section) -> None:
    points = toolkit.guidelines(con).points
    if points:
        section.blocks.append(Markdown("\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))))
    else:
        _empty(section, lang)
    rows = [[i, point] for i, point in enumerate(points, 1)]
    section.sheet = _frame(["#", _field("points", lang)], rows)


# --- the strategy: objectives, KPIs, actions, calendar ------------------------------------


def _goal_names(con) -> dict[int, str]:
    frame = objectives.goals(con, include_archived=True)
    return dict(zip(frame["goal_id"], frame["name"], strict=True))


def _objectives(con, period, lang, section: Section) -> None:
    goals = _goal_names(con)
    letters = {
        "S": t("objectives.smart.S", lang),
        "M": t("objectives.smart.M", lang),
        "A": t("objectives.smart.A", lang),
        "R": t("objectives.smart.R", lang),
        "T": t("objectives.smart.T", lang),
    }
    verdicts = {
        objectives.PASS: t("plandoc.smart.pass", lang),
        objectives.WARN: t("plandoc.smart.warn", lang),
        objectives.FAIL: t("plandoc.smart.fail", lang),
    }
    rows, currency = [], costs.currency(con)
    for objective in objectives.list_objectives(con):
        goal = goals.get(objective.goal_id, "") if objective.goal_id else ""
        summary = _summary(objective, lang, currency)
        checks = objectives.smart_check(con, objective)
        section.blocks.append(Heading(objective.statement))
        facts = [
            (t("plandoc.column.goal", lang), goal or "—"),
            (t("plandoc.column.kpi", lang), summary),
        ]
        if objective.owner:
            facts.append((t("plandoc.column.owner", lang), objective.owner))
        section.blocks.append(Fields(facts))
        smart = [[letters[c.letter], verdicts[c.verdict], c.reason(lang)] for c in checks]
        columns = [t("plandoc.column.smart", lang), t("plandoc.column.verdict", lang)]
        section.blocks.append(Table([*columns, t("plandoc.column.why", lang)], smart, (2, 1, 6)))
        rows.append(
            [objective.statement, goal, summary, objective.owner]
            + [f"{verdicts[c.verdict]}: {c.reason(lang)}" for c in checks]
        )
    if not rows:
        _empty(section, lang)
    columns = [
        t("plandoc.column.objective", lang),
        t("plandoc.column.goal", lang),
        t("plandoc.column.kpi", lang),
        t("plandoc.column.owner", lang),
        *letters.values(),
    ]
    section.sheet = _frame(columns, rows)


def _summary(objective: objectives.Objective, lang: str, currency: str) -> str:
    return t(
        "objectives.summary",
        lang,
        kpi=t(f"kpis.name.{objective.kpi}", lang),
        scope=scope_name(objective.scope, lang),
        baseline=kpis.written(objective.kpi, objective.baseline, lang, currency),
        target=kpis.written(objective.kpi, objective.target, lang, currency),
        start=format_date(objective.start_date, lang),
        deadline=format_date(objective.deadline, lang),
    )


def _kpis(con, period, lang, section: Section) -> None:
    """The PDF writes the values in their unit; the sheet keeps them numbers with a number
    format each (amounts in the workspace's currency)."""
    statuses = {s: t(f"objectives.status.{s}", lang) for s in objectives.STATUSES}
    currency = costs.currency(con)
    rows, values, formats = [], [], []
    for objective in objectives.list_objectives(con):
        now = objectives.progress(con, objective)
        share = "—" if now.progress is None else f"{format_number(now.progress * 100, lang)} %"
        key = objective.kpi
        numbers = [_number(now.current), _number(objective.target)]
        rows.append(
            [
                objective.statement,
                t(f"kpis.name.{key}", lang),
                scope_name(objective.scope, lang),
                *(kpis.written(key, n, lang, currency) for n in numbers),
                share,
                statuses[now.status],
                format_date(now.as_of, lang) if now.as_of else "—",
            ]
        )
        values.append([*rows[-1][:3], *numbers, *rows[-1][5:]])
        formats.append(kpis.xlsx_format(key, lang, currency))
    columns = [
        t("plandoc.column.objective", lang),
        t("kpipage.kpi", lang),
        t("kpipage.network", lang),
        t("kpipage.current", lang),
        t("kpipage.target", lang),
        t("kpipage.progress", lang),
        t("plandoc.column.status", lang),
        t("plandoc.column.as_of", lang),
    ]
    if rows:
        section.blocks.append(Table(columns, rows, (3.5, 2.6, 2.2, 2.2, 2.2, 1.8, 2, 2.4)))
    else:
        _empty(section, lang)
    section.sheet = _frame(columns, values)
    section.formats = {columns[3]: formats, columns[4]: formats}


def _number(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 2)


def _months(period: executive.Period) -> list[dt.date]:
    month, months = month_start(period.start), []
    while month <= period.end:
        months.append(month)
        month = add_months(month, 1)
    return months


def _actions(con, period, lang, section: Section) -> None:
    planned = actions.plan(con)
    columns = [
        t("plandoc.column.month", lang),
        t("actions.column.description", lang),
        t("actions.column.objective", lang),
        t("actions.column.network", lang),
        t("actions.column.dates", lang),
        t("actions.column.owner", lang),
        t("actions.column.status", lang),
    ]
    statuses = {
        "planned": t("plandoc.action.planned", lang),
        "in_progress": t("plandoc.action.in_progress", lang),
        "done": t("plandoc.action.done", lang),
        "dropped": t("plandoc.action.dropped", lang),
    }
    rows = []
    for month in _months(period):
        end = add_months(month, 1) - dt.timedelta(days=1)
        name = f"{month_name(month.month, lang)} {month.year}"
        overlaps = (planned["start_date"] <= pd.Timestamp(end)) & (
            planned["end_date"] >= pd.Timestamp(month)
        )
        inside = planned[overlaps]
        table = [
            [
                r.description,
                r.statement,
                scope_name(r.network, lang) if r.network else t("plandoc.all_networks", lang),
                f"{format_date(r.start_date, lang)} – {format_date(r.end_date, lang)}",
                r.owner or "",
                statuses.get(r.status, r.status),
            ]
            for r in inside.itertuples()
        ]
        section.blocks.append(Heading(name))
        if table:
            section.blocks.append(Table(columns[1:], table, (4, 4, 2, 3.4, 2.4, 2)))
        else:
            _empty(section, lang)
        rows += [[name, *row] for row in table]
    section.sheet = _frame(columns, rows)


def _calendar(con, period, lang, section: Section) -> None:
    frame = calendar.entries(con, period.start, period.end)
    statuses = {s: t(f"links.status.{s}", lang) for s in calendar.STATUSES}
    rows = [
        [
            f"{format_date(r.planned_at.date(), lang)} {r.planned_at:%H:%M}",
            t(f"network.{r.network}", lang),
            r.topic,
            r.copy or "",
            r.utm_campaign or "",
            statuses.get(r.status, r.status),
            r.link or "",
        ]
        for r in frame.itertuples()
    ]
    columns = [
        t("plandoc.column.when", lang),
        t("actions.column.network", lang),
        t("plandoc.column.topic", lang),
        t("plandoc.column.copy", lang),
        t("actions.column.campaign", lang),
        t("plandoc.column.status", lang),
        t("plandoc.column.link", lang),
    ]
    if rows:
        section.blocks.append(Table(columns[:6], [r[:6] for r in rows], (3, 2, 4, 5, 3, 2)))
    else:
        _empty(section, lang)
    section.sheet = _frame(columns, rows)


# --- the latest review ---------------------------------------------------------------------


def _review(con, period, lang, section: Section) -> None:
    saved = review.reviews(con)
    columns = [t("plandoc.column.part", lang), t("plandoc.column.text", lang)]
    if not saved:
        _empty(section, lang)
        section.sheet = _frame(columns, [])
        return
    latest = saved[0]
    dates = f"{format_date(latest.date_from, lang)} – {format_date(latest.date_to, lang)}"
    line = t("plandoc.review_of", lang, dates=dates, version=latest.version)
    section.blocks.append(Text(line, muted=True))
    rows = [[t("plandoc.column.period", lang), dates]]
    for name in review.SECTIONS:
        title = t(f"review.section.{name}", lang)
        text = getattr(latest, name)
        section.blocks.append(Heading(title))
        section.blocks.append(Markdown(text) if text else Text(t("plandoc.empty", lang), True))
        rows.append([title, text])
    items = review.review_items(con, latest.review_id)
    decisions = [
        [
            r.label,
            t(f"review.kind.{r.kind}", lang),
            t(f"review.decision.{r.decision}", lang),
            r.reason or "",
        ]
        for r in items.itertuples()
        if isinstance(r.decision, str)
    ]
    if decisions:
        section.blocks.append(Heading(t("plandoc.decisions", lang)))
        heads = [t("plandoc.column.item", lang), t("plandoc.column.kind", lang)]
        heads += [t("plandoc.column.decision", lang), t("plandoc.column.reason", lang)]
        section.blocks.append(Table(heads, decisions, (5, 2, 2, 5)))
        rows += [[f"{d[1]}: {d[0]}", f"{d[2]}. {d[3]}".strip(". ")] for d in decisions]
    section.sheet = _frame(columns, rows)


# --- Markdown, laid out as text --------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")


def inline(text: str) -> str:
    """Inline Markdown as plain text: emphasis marks dropped, links as "text (address)"."""
    text = _LINK.sub(lambda m: m[1] if m[1] == m[2] else f"{m[1]} ({m[2]})", text)
    previous = None
    while previous != text:
        previous, text = text, _EMPHASIS.sub(r"\2", text)
    return text


def markdown_lines(text: str) -> list[tuple[str, str]]:
    """Markdown as (kind, text) lines: heading, bullet, numbered ("3. text"), text; a
    paragraph's lines joined; blank lines end a paragraph."""
    lines: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            lines.append(("text", inline(" ".join(paragraph))))
            paragraph.clear()

    for raw in (text or "").splitlines():
        for pattern, kind in ((_HEADING, "heading"), (_BULLET, "bullet"), (_NUMBERED, "numbered")):
            found = pattern.match(raw)
            if found:
                close()
                body = found[1] if kind != "numbered" else f"{found[1]}. {found[2]}"
                lines.append((kind, inline(body.strip())))
                break
        else:
            if raw.strip():
                paragraph.append(raw.strip())
            else:
                close()
    close()
    return lines
