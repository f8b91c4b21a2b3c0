"""Words: values, changes and the narrative, in the director's language."""

from __future__ import annotations

import pandas as pd

from smdash.core.i18n import format_date, format_money, format_number, t
from smdash.executive.compose import Summary
from smdash.executive.figures import OTHER, TOTAL, Figure
from smdash.executive.periods import Period
from smdash.executive.terms import VANITY
from smdash.metrics import kpis
from smdash.metrics.accounts import followers_text, total_note
from smdash.plan import objectives

ABOUT_THE_SAME = 0.05  # costs per conversion within 5 % of each other are not best and worst


def money(value: float | None, lang: str, currency: str, decimals: int = 0) -> str:
    """``€1,234`` in English, ``1.234 €`` in Spanish; other currencies by their code."""
    return format_money(value, lang, currency, decimals)


def percent_change(change: float | None, lang: str) -> str:
    """``+12%`` / ``-8%`` (``+12 %`` in Spanish); an em dash without a comparison."""
    if change is None:
        return "—"
    rounded = round(change * 100)
    sign = "+" if rounded > 0 else ("-" if rounded < 0 else "±")
    text = format_number(abs(rounded), lang)
    return f"{sign}{text} %" if lang == "es" else f"{sign}{text}%"


def figure_value(figure: Figure, lang: str, currency: str, short: bool = False) -> str:
    """The figure as the page and the report show it (``short``: objectives as "5 of 9", a
    follower count without how many accounts it adds up, which ``accounts_line`` says)."""
    if figure.key == "objectives":
        if figure.value is None:
            return "—"
        if short:
            return t(
                "executive.objectives_short",
                lang,
                on=int(figure.value),
                total=figure.extra["total"],
            )
        return objectives_line(figure.extra, lang)
    if figure.unit == kpis.CURRENCY:
        decimals = 2 if figure.key == "cost_per_conversion" else 0
        return money(figure.value, lang, currency, decimals)
    if figure.unit == kpis.PERCENT:
        return "—" if figure.value is None else f"{format_number(figure.value, lang, 2)} %"
    text = format_number(figure.value, lang)
    return text if short else followers_text(text, figure.extra.get("accounts"), lang)


def accounts_line(figure: Figure, lang: str) -> str | None:
    """Under a follower count that adds up several accounts (shown short): how many."""
    return total_note(figure.extra.get("accounts"), lang)


def objectives_line(counts: dict, lang: str) -> str:
    """``5 on track, 1 behind, 3 at risk (of 9)``: every status, so the parts make the whole
    (those without data only when there are some)."""
    parts = [
        t("executive.objectives_on", lang, count=counts["achieved"] + counts["on_track"]),
        t("executive.objectives_behind", lang, count=counts["behind"]),
        t("executive.objectives_at_risk", lang, count=counts["at_risk"]),
    ]
    if counts["no_data"]:
        parts.append(t("executive.objectives_no_data", lang, count=counts["no_data"]))
    return t("executive.objectives_of", lang, parts=", ".join(parts), total=counts["total"])


def objectives_detail(counts: dict, lang: str) -> str:
    """``2 at risk, 1 behind``: under the objectives figure."""
    return t(
        "executive.objectives_detail",
        lang,
        risk=t("executive.objectives_at_risk", lang, count=counts["at_risk"]),
        behind=t("executive.objectives_behind", lang, count=counts["behind"]),
    )


def figure_label(key: str, lang: str) -> str:
    if key in VANITY:
        return t(f"kpis.name.{key}", lang)
    return t(f"executive.figure.{key}", lang)


def comparisons(figure: Figure, period: Period) -> list[tuple[float, Period]]:
    """The figure's changes on the previous period and a year earlier, those with data (a year
    has only the first: the year before is its previous period)."""
    pairs = ((figure.change, period.previous()), (figure.change_year, period.year_before()))
    return [(change, other) for change, other in pairs if change is not None and other]


def _changes(lang: str, figure: Figure, period: Period) -> str:
    """`` (+12% on September 2026; +30% on October 2025)``, only the comparisons with data."""
    parts = [
        t(
            "executive.story.versus",
            lang,
            change=percent_change(change, lang),
            period=other.label(lang),
        )
        for change, other in comparisons(figure, period)
    ]
    return f" ({'; '.join(parts)})" if parts else ""


def _network_name(network: str, lang: str) -> str:
    return objectives.scope_name(network, lang)


def network_row_name(network: str, lang: str) -> str:
    """A row of the network table: a network, the other costs or the total."""
    if network == OTHER:
        return t("executive.network.other", lang)
    if network == TOTAL:
        return t("executive.network.total", lang)
    return _network_name(network, lang)


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
    if worst["cost_per_conversion"] <= best["cost_per_conversion"] * (1 + ABOUT_THE_SAME):
        return t("executive.story.pays_off_same", lang, **params)
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
        on=t(
            "executive.objectives_on_or_achieved", lang, count=extra["achieved"] + extra["on_track"]
        ),
        risk=t("executive.objectives_at_risk", lang, count=extra["at_risk"]),
        behind=t("executive.objectives_behind", lang, count=extra["behind"]),
        no_data=t("executive.objectives_no_data", lang, count=extra["no_data"]),
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


def period_line(s: Summary, lang: str) -> str:
    """'Period: October 2026 (1 Oct 2026 – 31 Oct 2026)', the line under a report's title."""
    return t(
        "executive.report.period",
        lang,
        period=s.period.label(lang),
        start=format_date(s.period.start, lang),
        end=format_date(s.period.end, lang),
    )
