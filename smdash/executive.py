"""The executive summary: what social media did for the business in a period, in its words.

One call, ``build(con, period)``, gathers everything the Director page, the PDF / XLSX report
and ``python -m smdash report`` show, so they always agree:

- six headline figures in business terms (``HEADLINES``): visits to the website from social
  networks, conversions (leads or sales, GA4 key events), revenue, money spent, cost per
  conversion, and objectives on track vs behind; each beside the previous period (the month,
  quarter or year before; for custom dates the same number of days just before) and the same
  period a year earlier, when there is data for them;
- the networks side by side (visits, conversions, revenue, spend, cost per conversion);
- the months up to the period's end (is it growing?);
- each business goal with a traffic light from its objectives' status (``GOAL_LIGHTS``);
- vanity metrics (followers, likes, reach, ...) only when the CM pins them;
- a narrative written from these numbers by fixed sentences in the chosen language
  (``narrative``): the same data always gives the same words;
- the CM's comment for the period, and the business's name and logo for the report.

Every figure comes from the KPI catalogue (``smdash.kpis``), the summary, the costs and the
objectives: nothing is computed twice in different ways.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from smdash import audit, costs, kpis, objectives, summary
from smdash.attribution import SOCIAL_NETWORKS, network_lookup
from smdash.errors import UserError
from smdash.i18n import format_date, format_number, t
from smdash.store import bump_data_version, get_setting, set_setting, transaction

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
PERIOD_KINDS = (MONTH, QUARTER, YEAR, CUSTOM)
TREND_MONTHS = 13  # the chart "is it growing?" shows the period's month and the 12 before
COMMENT_MAX = 1000
NAME_MAX = 120
LOGO_MAX_BYTES = 2_000_000
PINNED_KEY = "executive_pinned"
NAME_KEY = "business_name"
LOGO = "logo"
STATEMENT_CHARS = 70  # objective statements quoted in one line
DEMO_FILE = "executive.json"

# (figure key, unit, direction): the headline figures, in the order the director reads them
HEADLINES: tuple[tuple[str, str, str], ...] = (
    ("visits", kpis.COUNT, kpis.UP),
    ("conversions", kpis.COUNT, kpis.UP),
    ("revenue", kpis.CURRENCY, kpis.UP),
    ("spend", kpis.CURRENCY, kpis.DOWN),
    ("cost_per_conversion", kpis.CURRENCY, kpis.DOWN),
    ("objectives", "objectives", kpis.UP),
)
# figures the CM may pin beside the headlines; never shown otherwise
VANITY = ("followers", "follower_growth", "posts", "reach", "impressions", "engagements")
# a goal's light: the first rule whose statuses one of its objectives has, top to bottom
GOAL_LIGHTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("red", ("behind",)),
    ("amber", ("at_risk",)),
    ("green", ("on_track", "achieved")),
)
GREY = "grey"
ON_TRACK = ("achieved", "on_track")

MONTH_NAMES = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "octubre", "noviembre", "diciembre",
    ),
}  # fmt: skip
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


class InvalidInput(UserError, ValueError):
    """Input the user can fix; ``message(lang)`` says how."""


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        """``2026-10``, ``2026-Q4``, ``2026`` or ``2026-10-01..2026-10-15``."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The month, quarter or year before; for custom dates the same days just before."""
        if self.kind == MONTH:
            return month_period(_shift_months(self.start, -1))
        if self.kind == QUARTER:
            return quarter_period(_shift_months(self.start, -3))
        if self.kind == YEAR:
            return year_period(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(CUSTOM, end - dt.timedelta(days=self.days - 1), end)

    def year_before(self) -> Period:
        return Period(self.kind, _year_earlier(self.start), _year_earlier(self.end))

    def label(self, lang: str) -> str:
        if self.kind == MONTH:
            name = MONTH_NAMES.get(lang, MONTH_NAMES["en"])[self.start.month - 1]
            return t("executive.period.month", lang, month=name, year=self.start.year)
        if self.kind == QUARTER:
            quarter = (self.start.month - 1) // 3 + 1
            return t("executive.period.quarter", lang, quarter=quarter, year=self.start.year)
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{format_date(self.start, lang)} – {format_date(self.end, lang)}"


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def month_period(day: dt.date) -> Period:
    start = day.replace(day=1)
    return Period(MONTH, start, _shift_months(start, 1) - dt.timedelta(days=1))


def quarter_period(day: dt.date) -> Period:
    start = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return Period(QUARTER, start, _shift_months(start, 3) - dt.timedelta(days=1))


def year_period(year: int) -> Period:
    return Period(YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))


def custom_period(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise InvalidInput("executive.error.period_order")
    return Period(CUSTOM, start, end)


_PERIOD_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})$"), lambda m: month_period(dt.date(int(m[1]), int(m[2]), 1))),
    (
        re.compile(r"^(\d{4})-[QqTt]([1-4])$"),
        lambda m: quarter_period(dt.date(int(m[1]), int(m[2]) * 3 - 2, 1)),
    ),
    (re.compile(r"^(\d{4})$"), lambda m: year_period(int(m[1]))),
    (
        re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"),
        lambda m: custom_period(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])),
    ),
)


def parse_period(text: str) -> Period:
    """A period from ``2026-10``, ``2026-Q4``, ``2026`` or ``2026-10-01..2026-10-15``."""
    text = (text or "").strip()
    for pattern, make in _PERIOD_PATTERNS:
        found = pattern.match(text)
        if found:
            try:
                return make(found)
            except ValueError as exc:
                if isinstance(exc, InvalidInput):
                    raise
                break
    raise InvalidInput("executive.error.period", found=text)


def default_period(last_day: dt.date | None, today: dt.date | None = None) -> Period:
    """The last full month of data (the month before today's without data)."""
    if last_day is None:
        return month_period(_shift_months(today or dt.date.today(), -1))
    return month_period(summary.last_full_month(last_day)[0])


def period_choices(first: dt.date, last: dt.date, kind: str) -> list[Period]:
    """The months, quarters or years that the data touches, newest first."""
    make = {MONTH: month_period, QUARTER: quarter_period, YEAR: lambda d: year_period(d.year)}
    choices, current = [], make[kind](last)
    while current.end >= first:
        choices.append(current)
        current = current.previous()
    return choices


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    unit: str
    direction: str
    value: float | None
    previous: float | None = None
    year_before: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def change(self) -> float | None:
        return relative_change(self.value, self.previous)

    @property
    def change_year(self) -> float | None:
        return relative_change(self.value, self.year_before)


def relative_change(now: float | None, before: float | None) -> float | None:
    if now is None or not before:
        return None
    return (now - before) / abs(before)


def _kpi(con, key: str, period: Period) -> float | None:
    value = kpis.value(con, key, kpis.ALL, period.start, period.end)
    return None if value is None else round(value, 2)


def _business_values(con, period: Period) -> dict[str, float | None]:
    return {
        "visits": _kpi(con, "sessions", period),
        "conversions": _kpi(con, "conversions", period),
        "revenue": _kpi(con, "revenue", period),
        "spend": costs.total_spend(con, period.start, period.end),
        "cost_per_conversion": _kpi(con, "cost_per_conversion", period),
    }


def headline_figures(
    con: duckdb.DuckDBPyConnection, period: Period, goals: list[GoalStatus]
) -> list[Figure]:
    """The six headline figures with the previous period and the year before."""
    now = _business_values(con, period)
    before = _business_values(con, period.previous())
    year = _business_values(con, period.year_before())
    figures = [
        Figure(key, unit, direction, now[key], before[key], year[key])
        for key, unit, direction in HEADLINES
        if key != "objectives"
    ]
    return [*figures, objectives_figure(goals)]


def objectives_figure(goals: list[GoalStatus]) -> Figure:
    counts = {status: 0 for status in objectives.STATUSES}
    for goal in goals:
        for status, count in goal.counts.items():
            counts[status] += count
    total = sum(counts.values())
    on_track = counts["achieved"] + counts["on_track"]
    return Figure(
        "objectives",
        "objectives",
        kpis.UP,
        float(on_track) if total else None,
        extra={"total": total, **counts},
    )


def vanity_figures(con: duckdb.DuckDBPyConnection, period: Period, keys: list[str]) -> list:
    """The pinned vanity metrics (KPIs over all social networks), with their comparisons."""
    return [
        Figure(
            key,
            kpis.KPIS[key].unit,
            kpis.KPIS[key].direction,
            _kpi(con, key, period),
            _kpi(con, key, period.previous()),
            _kpi(con, key, period.year_before()),
        )
        for key in keys
        if key in VANITY
    ]


def network_table(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    """Per social network with data in the period: visits, conversions, revenue, spend, cost per
    conversion and revenue per unit spent. Largest number of visits first."""
    result = summary.summary(con, period.start, period.end)["networks"]
    spend = costs.network_spend(con, period.start, period.end)
    rows = []
    for network in SOCIAL_NETWORKS:
        figures = result.get(network, {})
        row = {
            "network": network,
            "visits": figures.get("sessions"),
            "conversions": figures.get("conversions"),
            "revenue": figures.get("revenue"),
            "spend": spend.get(network),
        }
        if any(row[k] is not None for k in ("visits", "conversions", "spend")):
            rows.append(row)
    table = pd.DataFrame(rows, columns=["network", "visits", "conversions", "revenue", "spend"])
    for column in ("visits", "conversions", "revenue", "spend"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("float64")
    conversions = table["conversions"].where(table["conversions"] > 0)
    table["cost_per_conversion"] = (table["spend"] / conversions).round(2)
    table["return_on_spend"] = (table["revenue"] / table["spend"].where(table["spend"] > 0)).round(
        2
    )
    table = table.sort_values(["visits", "network"], ascending=[False, True], na_position="last")
    return table.reset_index(drop=True)


def monthly_trend(con: duckdb.DuckDBPyConnection, period: Period) -> pd.DataFrame:
    """Per month up to the period's last month (at least ``TREND_MONTHS``): social visits,
    conversions, revenue and spend. Months without any data are left out."""
    last = month_period(period.end)
    first = min(period.start.replace(day=1), _shift_months(last.start, 1 - TREND_MONTHS))
    with network_lookup(con):
        frame = con.execute(
            """WITH web AS (
                   SELECT CAST(date_trunc('month', w.date_from) AS DATE) AS month,
                          sum(w.sessions) AS visits, sum(w.conversions) AS conversions,
                          sum(w.revenue) AS revenue
                   FROM web_traffic w JOIN source_networks_view n
                     ON n.source = w.source AND n.medium = w.medium
                   WHERE list_contains(?, n.network) AND w.date_from = w.date_to
                     AND w.date_from BETWEEN ? AND ?
                   GROUP BY 1),
               spent AS (
                   SELECT CAST(date_trunc('month', day) AS DATE) AS month, sum(amount) AS spend
                   FROM cost_days WHERE day BETWEEN ? AND ? GROUP BY 1)
               SELECT month, web.visits, web.conversions, web.revenue, round(spent.spend, 2)
                      AS spend
               FROM web FULL JOIN spent USING (month) ORDER BY month""",
            [list(SOCIAL_NETWORKS), first, last.end, first, last.end],
        ).df()
    for column in ("visits", "conversions", "revenue", "spend"):
        frame[column] = frame[column].astype("float64")
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    return frame


# ---------------------------------------------------------------------------------------------
# Business goals and their objectives
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveStatus:
    objective_id: int
    statement: str
    status: str
    as_of: dt.date | None


@dataclass(frozen=True)
class GoalStatus:
    goal_id: int | None
    name: str
    light: str
    counts: dict
    objectives: tuple[ObjectiveStatus, ...]

    def line(self, lang: str) -> str:
        """One line on where the goal stands, from its objectives."""
        total = len(self.objectives)
        if not total:
            return t("executive.goal.none", lang)
        if self.light == GREY:
            return t("executive.goal.no_data", lang, count=total)
        on = sum(self.counts.get(s, 0) for s in ON_TRACK)
        if self.light == "green":
            return t("executive.goal.green", lang, on=on, count=total)
        status = "behind" if self.light == "red" else "at_risk"
        first = next(o for o in self.objectives if o.status == status)
        return t(
            f"executive.goal.{self.light}",
            lang,
            count=self.counts[status],
            on=on,
            total=total,
            statement=shorten(first.statement),
        )


def shorten(text: str, limit: int = STATEMENT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def goal_light(statuses: list[str]) -> str:
    for light, matching in GOAL_LIGHTS:
        if any(status in matching for status in statuses):
            return light
    return GREY


def objective_status(
    con: duckdb.DuckDBPyConnection, objective: objectives.Objective, period: Period
) -> ObjectiveStatus:
    """Its status at the period's end, or on the last day with data if that comes earlier."""
    _, last = kpis.data_span(con, objective.kpi, objective.scope)
    as_of = min(period.end, last) if last else None
    result = objectives.progress(con, objective, as_of) if as_of else None
    status = result.status if result else "no_data"
    return ObjectiveStatus(objective.objective_id, objective.statement, status, as_of)


def goal_statuses(con: duckdb.DuckDBPyConnection, period: Period) -> list[GoalStatus]:
    """Each active goal with the active objectives under way in the period (started by its end
    and not finished before its start). Objectives without a goal come last, as one group."""
    goals = objectives.goals(con)
    names = dict(zip(goals["goal_id"], goals["name"], strict=True))
    grouped: dict = {goal_id: [] for goal_id in names}
    for item in objectives.list_objectives(con):
        if item.start_date > period.end or item.deadline < period.start:
            continue
        key = item.goal_id if item.goal_id in names else None
        grouped.setdefault(key, []).append(objective_status(con, item, period))
    result = []
    for goal_id, items in grouped.items():
        if goal_id is None and not items:
            continue
        statuses = [o.status for o in items]
        counts = {s: statuses.count(s) for s in objectives.STATUSES if s in statuses}
        name = names.get(goal_id, "")
        result.append(GoalStatus(goal_id, name, goal_light(statuses), counts, tuple(items)))
    return result


# ---------------------------------------------------------------------------------------------
# Settings: pinned vanity metrics, comments, business name and logo
# ---------------------------------------------------------------------------------------------


def pinned(con: duckdb.DuckDBPyConnection) -> list[str]:
    keys = json.loads(get_setting(con, PINNED_KEY, "[]") or "[]")
    return [k for k in keys if k in VANITY]


@audit.write("executive.set_pinned")
def set_pinned(con: duckdb.DuckDBPyConnection, keys: list[str]) -> None:
    set_setting(con, PINNED_KEY, json.dumps([k for k in VANITY if k in keys]))
    bump_data_version(con)


def comment(con: duckdb.DuckDBPyConnection, period: Period) -> str:
    row = con.execute(
        "SELECT comment FROM period_comments WHERE period = ?", [period.key]
    ).fetchone()
    return row[0] if row else ""


@audit.write("executive.save_comment")
def save_comment(con: duckdb.DuckDBPyConnection, period: Period, text: str) -> None:
    """Keep the CM's comment for the period (an empty text removes it)."""
    text = (text or "").strip()
    if len(text) > COMMENT_MAX:
        raise InvalidInput("executive.error.comment_too_long", limit=COMMENT_MAX)
    con.execute("DELETE FROM period_comments WHERE period = ?", [period.key])
    if text:
        con.execute(
            "INSERT INTO period_comments VALUES (?, ?, ?)", [period.key, text, dt.datetime.now()]
        )
    bump_data_version(con)


def business_name(con: duckdb.DuckDBPyConnection) -> str:
    return get_setting(con, NAME_KEY, "") or ""


@audit.write("executive.set_business_name")
def set_business_name(con: duckdb.DuckDBPyConnection, name: str) -> None:
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX:
        raise InvalidInput("executive.error.name_too_long", limit=NAME_MAX)
    set_setting(con, NAME_KEY, name)
    bump_data_version(con)


def logo(con: duckdb.DuckDBPyConnection) -> tuple[bytes, str] | None:
    row = con.execute("SELECT content, mime FROM brand_assets WHERE name = ?", [LOGO]).fetchone()
    return (bytes(row[0]), row[1]) if row else None


def checked_logo(data: bytes) -> tuple[bytes, str]:
    """The image as PNG or JPEG and its type; InvalidInput when it is neither, or too big."""
    from PIL import Image, UnidentifiedImageError  # Pillow comes with streamlit

    if len(data) > LOGO_MAX_BYTES:
        raise InvalidInput("executive.error.logo_too_big", limit=LOGO_MAX_BYTES // 1_000_000)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput("executive.error.logo_format") from exc
    if kind not in ("PNG", "JPEG"):
        raise InvalidInput("executive.error.logo_format")
    return data, f"image/{kind.lower()}"


@audit.write("executive.set_logo")
def set_logo(con: duckdb.DuckDBPyConnection, data: bytes | None) -> None:
    """Store the business's logo (PNG or JPEG), or remove it with None."""
    checked = None if data is None else checked_logo(data)
    con.execute("DELETE FROM brand_assets WHERE name = ?", [LOGO])
    if checked is not None:
        content, mime = checked
        con.execute(
            "INSERT INTO brand_assets VALUES (?, ?, ?, ?)", [LOGO, content, mime, dt.datetime.now()]
        )
    bump_data_version(con)


# ---------------------------------------------------------------------------------------------
# The whole summary
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    period: Period
    currency: str
    figures: list[Figure]
    vanity: list[Figure]
    networks: pd.DataFrame
    trend: pd.DataFrame
    goals: list[GoalStatus]
    comment: str
    business: str
    other_currencies: list[str]

    def figure(self, key: str) -> Figure:
        return next(f for f in [*self.figures, *self.vanity] if f.key == key)


def build(con: duckdb.DuckDBPyConnection, period: Period) -> Summary:
    with network_lookup(con):  # one attribution for the many queries below
        goals = goal_statuses(con, period)
        return Summary(
            period=period,
            currency=costs.currency(con),
            figures=headline_figures(con, period, goals),
            vanity=vanity_figures(con, period, pinned(con)),
            networks=network_table(con, period),
            trend=monthly_trend(con, period),
            goals=goals,
            comment=comment(con, period),
            business=business_name(con),
            other_currencies=costs.other_currencies(con, period.start, period.end),
        )


# ---------------------------------------------------------------------------------------------
# Words: values, changes and the narrative
# ---------------------------------------------------------------------------------------------


def money(value: float | None, lang: str, currency: str, decimals: int = 0) -> str:
    """``€1,234`` in English, ``1.234 €`` in Spanish; other currencies by their code."""
    if value is None:
        return "—"
    number = format_number(value, lang, decimals)
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if lang == "es" or symbol == currency:
        return f"{number} {symbol}"
    return f"{symbol}{number}" if value >= 0 else f"-{symbol}{number.lstrip('-')}"


def percent_change(change: float | None, lang: str) -> str:
    """``+12%`` / ``-8%`` (``+12 %`` in Spanish); an em dash without a comparison."""
    if change is None:
        return "—"
    rounded = round(change * 100)
    sign = "+" if rounded > 0 else ("-" if rounded < 0 else "±")
    text = format_number(abs(rounded), lang)
    return f"{sign}{text} %" if lang == "es" else f"{sign}{text}%"


def figure_value(figure: Figure, lang: str, currency: str, short: bool = False) -> str:
    """The figure as the page and the report show it (``short``: objectives as "5 of 9")."""
    if figure.key == "objectives":
        if figure.value is None:
            return "—"
        return t(
            "executive.objectives_short" if short else "executive.objectives_value",
            lang,
            on=int(figure.value),
            behind=figure.extra.get("behind", 0),
            total=figure.extra["total"],
        )
    if figure.unit == kpis.CURRENCY:
        decimals = 2 if figure.key == "cost_per_conversion" else 0
        return money(figure.value, lang, currency, decimals)
    if figure.unit == kpis.PERCENT:
        return "—" if figure.value is None else f"{format_number(figure.value, lang, 2)} %"
    return format_number(figure.value, lang)


def figure_label(key: str, lang: str) -> str:
    if key in VANITY:
        return t(f"kpis.name.{key}", lang)
    return t(f"executive.figure.{key}", lang)


def _changes(lang: str, figure: Figure, period: Period) -> str:
    """`` (+12% on September 2026; +30% on October 2025)``, only the comparisons with data."""
    parts = []
    if figure.change is not None:
        parts.append(
            t(
                "executive.story.versus",
                lang,
                change=percent_change(figure.change, lang),
                period=period.previous().label(lang),
            )
        )
    if figure.change_year is not None:
        parts.append(
            t(
                "executive.story.versus",
                lang,
                change=percent_change(figure.change_year, lang),
                period=period.year_before().label(lang),
            )
        )
    return f" ({'; '.join(parts)})" if parts else ""


def _network_name(network: str, lang: str) -> str:
    return objectives.scope_name(network, lang)


def _top(table: pd.DataFrame, column: str) -> tuple[str, float] | None:
    rows = table.dropna(subset=[column])
    rows = rows[rows[column] > 0].sort_values([column, "network"], ascending=[False, True])
    if rows.empty:
        return None
    return rows.iloc[0]["network"], float(rows.iloc[0][column])


def _visits_sentence(s: Summary, lang: str) -> str:
    visits = s.figure("visits")
    if visits.value is None:
        return t("executive.story.no_visits", lang, period=s.period.label(lang))
    return t(
        "executive.story.visits",
        lang,
        period=s.period.label(lang),
        count=visits.value,
        visits=format_number(visits.value, lang),
        changes=_changes(lang, visits, s.period),
    )


def _conversions_sentence(s: Summary, lang: str) -> str | None:
    conversions, revenue = s.figure("conversions"), s.figure("revenue")
    if conversions.value is None:
        return None
    key = "executive.story.conversions_revenue" if revenue.value else "executive.story.conversions"
    return t(
        key,
        lang,
        count=conversions.value,
        conversions=format_number(conversions.value, lang),
        changes=_changes(lang, conversions, s.period),
        revenue=money(revenue.value, lang, s.currency),
    )


def _networks_sentence(s: Summary, lang: str) -> str | None:
    visits, conversions = _top(s.networks, "visits"), _top(s.networks, "conversions")
    if visits is None:
        return None
    if conversions is None:
        return t(
            "executive.story.top_visits",
            lang,
            network=_network_name(visits[0], lang),
            visits=format_number(visits[1], lang),
        )
    key = "executive.story.top_same" if visits[0] == conversions[0] else "executive.story.top_both"
    return t(
        key,
        lang,
        network=_network_name(visits[0], lang),
        visits=format_number(visits[1], lang),
        other=_network_name(conversions[0], lang),
        conversions=format_number(conversions[1], lang),
    )


def _spend_sentence(s: Summary, lang: str) -> str:
    spend, cost = s.figure("spend"), s.figure("cost_per_conversion")
    if spend.value is None:
        return t("executive.story.no_spend", lang, period=s.period.label(lang))
    params = {
        "spend": money(spend.value, lang, s.currency),
        "changes": _changes(lang, spend, s.period),
        "cost": money(cost.value, lang, s.currency, 2),
        "cost_changes": _changes(lang, cost, s.period),
    }
    key = "executive.story.spend_cost" if cost.value is not None else "executive.story.spend"
    return t(key, lang, **params)


def _pays_off_sentence(s: Summary, lang: str) -> str | None:
    paying = s.networks.dropna(subset=["cost_per_conversion"])
    if paying.empty:
        return None
    paying = paying.sort_values(["cost_per_conversion", "network"])
    best = paying.iloc[0]
    params = {
        "network": _network_name(best["network"], lang),
        "cost": money(best["cost_per_conversion"], lang, s.currency, 2),
    }
    if len(paying) == 1:
        return t("executive.story.pays_off_one", lang, **params)
    worst = paying.iloc[-1]
    params["other"] = _network_name(worst["network"], lang)
    params["other_cost"] = money(worst["cost_per_conversion"], lang, s.currency, 2)
    return t("executive.story.pays_off", lang, **params)


def _objectives_sentence(s: Summary, lang: str) -> str | None:
    figure = s.figure("objectives")
    if not figure.extra.get("total"):
        return None
    extra = figure.extra
    key = (
        "executive.story.objectives" if extra["no_data"] else "executive.story.objectives_with_data"
    )
    return t(
        key,
        lang,
        total=extra["total"],
        on=extra["achieved"] + extra["on_track"],
        risk=extra["at_risk"],
        behind=extra["behind"],
        no_data=extra["no_data"],
    )


def narrative(s: Summary, lang: str) -> list[str]:
    """The summary in plain sentences, in a fixed order; only those the data supports."""
    sentences = [
        _visits_sentence(s, lang),
        _conversions_sentence(s, lang),
        _networks_sentence(s, lang),
        _spend_sentence(s, lang),
        _pays_off_sentence(s, lang),
        _objectives_sentence(s, lang),
    ]
    return [sentence for sentence in sentences if sentence]


# ---------------------------------------------------------------------------------------------
# Demo workspace
# ---------------------------------------------------------------------------------------------


def seed_demo(con: duckdb.DuckDBPyConnection, path=None) -> int:
    """The demo's business name and the CM's comments; returns how many comments were added."""
    from smdash.workspace import demo_dir  # the workspace imports this module

    path = path or demo_dir() / DEMO_FILE
    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    with transaction(con):
        set_business_name(con, data.get("business", ""))
        set_pinned(con, data.get("pinned", []))
        for key, text in data.get("comments", {}).items():
            save_comment(con, parse_period(key), text)
    return len(data.get("comments", {}))


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Delete comments, the business name, the logo and the pinned metrics."""
    con.execute("DELETE FROM period_comments")
    con.execute("DELETE FROM brand_assets")
    con.execute("DELETE FROM settings WHERE key IN (?, ?)", [NAME_KEY, PINNED_KEY])
