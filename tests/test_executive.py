"""The executive summary: periods, headline figures, networks, goals, narrative, settings."""

import datetime as dt
import io
import json

import pytest
from executive_fixture import fill
from kpi_fixture import insert_web
from PIL import Image

from smdash import executive, workspace
from smdash.core.networks import CHANNEL_GROUP, OTHER_SOCIAL
from smdash.executive import InvalidInput, parse_period

D = dt.date
OCTOBER = parse_period("2026-10")


@pytest.fixture
def data(con):
    fill(con)
    return con


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "previous", "year_before", "en", "es"),
    [
        ("2026-10", "month", D(2026, 10, 1), D(2026, 10, 31), "2026-09", "2025-10",
         "October 2026", "octubre de 2026"),
        ("2026-01", "month", D(2026, 1, 1), D(2026, 1, 31), "2025-12", "2025-01",
         "January 2026", "enero de 2026"),
        ("2026-Q4", "quarter", D(2026, 10, 1), D(2026, 12, 31), "2026-Q3", "2025-Q4",
         "Q4 2026", "T4 2026"),
        ("2026-q1", "quarter", D(2026, 1, 1), D(2026, 3, 31), "2025-Q4", "2025-Q1",
         "Q1 2026", "T1 2026"),
        ("2026", "year", D(2026, 1, 1), D(2026, 12, 31), "2025", None, "2026", "2026"),
        ("2026-10-01..2026-10-15", "custom", D(2026, 10, 1), D(2026, 10, 15),
         "2026-09-16..2026-09-30", "2025-10-01..2025-10-15",
         "2026-10-01 – 2026-10-15", "01/10/2026 – 15/10/2026"),
    ],
)  # fmt: skip
def test_periods(text, kind, start, end, previous, year_before, en, es):
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert period.previous().key == previous
    year = period.year_before()  # a year has one comparison: the year before is its previous
    assert (year and year.key) == year_before
    assert (period.label("en"), period.label("es")) == (en, es)
    assert parse_period(period.key) == period


def test_a_year_before_29_february_is_28_february():
    period = parse_period("2028-02-29..2028-03-01")
    assert period.year_before() == executive.Period("custom", D(2027, 2, 28), D(2027, 3, 1))


@pytest.mark.parametrize("text", ["2026-13", "2026-Q5", "October", "", "2026-10-32..2026-11-01"])
def test_what_is_not_a_period_says_how_to_write_one(text):
    with pytest.raises(InvalidInput) as caught:
        parse_period(text)
    assert caught.value.message("en") == (
        f"“{text}” is not a period: write 2026-10 (a month), 2026-Q4 (a quarter), 2026 (a year) "
        "or 2026-10-01..2026-10-15 (dates)."
    )


def test_custom_dates_in_the_wrong_order_are_refused():
    with pytest.raises(InvalidInput) as caught:
        parse_period("2026-10-15..2026-10-01")
    assert caught.value.message("es") == (
        "El periodo acaba antes de empezar: elige primero el primer día y luego el último."
    )


def test_default_period_and_choices():
    assert executive.default_period(D(2026, 10, 31)).key == "2026-10"
    assert executive.default_period(D(2026, 10, 20)).key == "2026-09"
    assert executive.default_period(None, today=D(2026, 3, 5)).key == "2026-02"
    choices = executive.period_choices(D(2025, 11, 20), D(2026, 2, 3), "month")
    assert [p.key for p in choices] == ["2026-02", "2026-01", "2025-12", "2025-11"]
    quarters = executive.period_choices(D(2025, 11, 20), D(2026, 2, 3), "quarter")
    assert [p.key for p in quarters] == ["2026-Q1", "2025-Q4"]
    assert [p.key for p in executive.period_choices(D(2025, 5, 1), D(2026, 10, 31), "year")] == [
        "2026",
        "2025",
    ]


# ---------------------------------------------------------------------------------------------
# Figures, networks, trend
# ---------------------------------------------------------------------------------------------


def test_headline_figures_with_previous_month_and_year_before(data):
    s = executive.build(data, OCTOBER)
    got = {f.key: (f.value, f.previous, f.year_before) for f in s.figures}
    assert got == {
        "visits": (3500.0, 2400.0, 1750.0),  # google's 9,000 are not social
        "conversions": (60.0, 20.0, 25.0),
        "revenue": (800.0, 400.0, 500.0),
        "spend": (810.0, 740.0, None),
        "cost_per_conversion": (13.5, 37.0, None),  # 810 / 60; 740 / 20
        "objectives": (1.0, None, None),
    }
    assert s.figure("visits").change == pytest.approx(3500 / 2400 - 1)
    assert s.figure("spend").change_year is None
    assert s.figure("objectives").extra == {
        "total": 3, "achieved": 0, "on_track": 1, "at_risk": 0, "behind": 1, "no_data": 0 + 1,
    }  # fmt: skip
    assert s.vanity == []


def test_figures_as_shown(data):
    s = executive.build(data, OCTOBER)
    shown = {f.key: executive.figure_value(f, "es", "EUR") for f in s.figures}
    assert shown == {
        "visits": "3.500",
        "conversions": "60",
        "revenue": "800 €",
        "spend": "810 €",
        "cost_per_conversion": "13,50 €",
        "objectives": "1 en camino, 1 retrasado, 0 en riesgo, 1 sin datos (de 3)",
    }
    assert executive.figure_value(s.figure("objectives"), "en", "EUR", short=True) == "1 of 3"
    assert executive.money(1234.5, "en", "USD", 2) == "$1,234.50"
    assert executive.money(1234.5, "en", "CHF") == "1,234 CHF"
    assert executive.percent_change(-0.6351, "en") == "-64%"
    assert executive.percent_change(0.0004, "es") == "±0 %"


def test_networks_side_by_side(data):
    table = executive.network_table(data, OCTOBER).fillna(-1)
    assert table.to_dict("records") == [
        {"network": "instagram", "visits": 2000.0, "conversions": 30.0, "revenue": 600.0,
         "spend": 150.0, "cost_per_conversion": 5.0, "return_on_spend": 4.0},
        {"network": "facebook", "visits": 1000.0, "conversions": 10.0, "revenue": 200.0,
         "spend": -1, "cost_per_conversion": -1, "return_on_spend": -1},
        {"network": "linkedin", "visits": 500.0, "conversions": 20.0, "revenue": 0.0,
         "spend": 160.0, "cost_per_conversion": 8.0, "return_on_spend": 0.0},
    ]  # fmt: skip


def test_social_traffic_of_no_named_network_has_its_row_and_the_visits_add_up(data):
    """GA4's channel-group export (Organic Social, no source) counts in the headline visits, so
    the network table and the trend show it as 'other social' and the parts make the whole."""
    insert_web(data, [("2026-10-09", "Organic Social", CHANNEL_GROUP, 300, 100, 3, 30.0)])
    table = executive.network_table(data, OCTOBER)
    other = table[table["network"] == OTHER_SOCIAL].to_dict("records")
    assert [(r["visits"], r["conversions"], r["revenue"]) for r in other] == [(300.0, 3.0, 30.0)]
    visits = {f.key: f.value for f in executive.headline_figures(data, OCTOBER, [])}["visits"]
    assert visits == table["visits"].sum() == 3800.0
    trend = executive.monthly_trend(data, OCTOBER)
    assert trend[trend["month"] == D(2026, 10, 1)]["visits"].tolist() == [3800.0]


def test_monthly_trend_up_to_the_period(data):
    trend = executive.monthly_trend(data, OCTOBER).fillna(-1)
    assert trend.to_dict("records") == [
        {"month": D(2025, 10, 1), "visits": 1750.0, "conversions": 25.0, "revenue": 500.0,
         "spend": -1},
        {"month": D(2026, 9, 1), "visits": 2400.0, "conversions": 20.0, "revenue": 400.0,
         "spend": 740.0},
        {"month": D(2026, 10, 1), "visits": 3500.0, "conversions": 60.0, "revenue": 800.0,
         "spend": 810.0},
    ]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Goals
# ---------------------------------------------------------------------------------------------


def test_goal_lights_and_lines(data):
    goals = executive.goal_statuses(data, OCTOBER)
    assert [(g.name, g.light, g.counts) for g in goals] == [
        ("Sell more online", "green", {"on_track": 1}),  # the Q1 objective is not under way
        ("Be known", "red", {"behind": 1, "no_data": 1}),
    ]
    assert [g.line("en") for g in goals] == [
        "1 of 1 objective on track or achieved.",
        "1 of 2 behind, e.g. “100,000 visits from Facebook in 2026”.",
    ]
    assert goals[1].line("es") == "1 de 2 retrasado, p. ej. «100,000 visits from Facebook in 2026»."
    # status as of the last day with data (7 October for social conversions), not 31 October
    assert goals[0].objectives[0].as_of == D(2026, 10, 7)


@pytest.mark.parametrize(
    ("statuses", "light"),
    [
        (["on_track", "behind", "at_risk"], "red"),
        (["on_track", "at_risk", "no_data"], "amber"),
        (["achieved", "no_data"], "green"),
        (["no_data"], "grey"),
        ([], "grey"),
    ],
)
def test_goal_light_rule(statuses, light):
    assert executive.goal_light(statuses) == light


# ---------------------------------------------------------------------------------------------
# Narrative
# ---------------------------------------------------------------------------------------------

STORY_EN = [
    "In October 2026 social networks brought 3,500 visits to the website (+46% on September "
    "2026; +100% on October 2025).",
    "Those visits brought 60 conversions, leads or sales (+200% on September 2026; +140% on "
    "October 2025), and €800 in revenue.",
    "Instagram brought the most visits (2,000) and the most conversions (30).",
    "€810 was spent on social media, ads and other costs (+9% on September 2026), so each "
    "conversion cost €13.50 (-64% on September 2026).",
    "Of the networks with spend, Instagram paid off best (€5.00 per conversion) and LinkedIn "
    "worst (€8.00).",
    "Objectives under way: 1 on track or achieved, 0 at risk, 1 behind and 1 without data, of 3.",
]
STORY_ES = [
    "En octubre de 2026 las redes sociales llevaron 3.500 visitas a la web (+46 % respecto a "
    "septiembre de 2026; +100 % respecto a octubre de 2025).",
    "Esas visitas trajeron 60 conversiones, entre contactos y ventas (+200 % respecto a "
    "septiembre de 2026; +140 % respecto a octubre de 2025), y 800 € de ingresos.",
    "Instagram trajo más visitas (2.000) y más conversiones (30) que ninguna otra red.",
    "Se gastaron 810 € en redes sociales, entre anuncios y otros costes (+9 % respecto a "
    "septiembre de 2026), así que cada conversión costó 13,50 € (-64 % respecto a septiembre "
    "de 2026).",
    "De las redes con gasto, la más rentable fue Instagram (5,00 € por conversión) y la menos, "
    "LinkedIn (8,00 €).",
    "Objetivos en marcha: 1 en camino o conseguido, 0 en riesgo, 1 retrasado y 1 sin datos, de 3.",
]


def test_narrative_in_english_and_spanish(data):
    s = executive.build(data, OCTOBER)
    assert executive.narrative(s, "en") == STORY_EN
    assert executive.narrative(s, "es") == STORY_ES
    assert executive.narrative(executive.build(data, OCTOBER), "en") == STORY_EN  # same words


def test_narrative_of_a_month_with_different_leaders_and_no_year_before(data):
    s = executive.build(data, parse_period("2026-09"))
    assert executive.narrative(s, "en")[:4] == [
        "In September 2026 social networks brought 2,400 visits to the website.",
        "Those visits brought 20 conversions, leads or sales, and €400 in revenue.",
        "Instagram brought the most visits (1,600) and the most conversions (12).",
        "€740 was spent on social media, ads and other costs, so each conversion cost €37.00.",
    ]


def test_narrative_without_any_data(con):
    s = executive.build(con, OCTOBER)
    assert executive.narrative(s, "en") == [
        "There is no web traffic data for October 2026, so the visits social networks brought "
        "are unknown: import a Google Analytics 4 traffic acquisition report.",
        "No costs are recorded for October 2026, so what each conversion cost is unknown: "
        "import the ads managers' exports or enter the costs on the Costs page.",
    ]
    assert [f.value for f in s.figures] == [None] * 6
    assert s.networks.empty and s.trend.empty and s.goals == []


# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------


def test_vanity_metrics_only_when_pinned(data, con):
    assert executive.build(data, OCTOBER).vanity == []
    executive.set_pinned(data, ["engagements", "followers", "likes of my cat"])
    assert executive.pinned(data) == ["followers", "engagements"]
    vanity = executive.build(data, OCTOBER).vanity
    assert [(f.key, f.value) for f in vanity] == [("followers", None), ("engagements", None)]


def test_comment_per_period(data):
    executive.save_comment(data, OCTOBER, "  Good month.  ")
    assert executive.comment(data, OCTOBER) == "Good month."
    assert executive.comment(data, parse_period("2026-Q4")) == ""
    assert executive.build(data, OCTOBER).comment == "Good month."
    executive.save_comment(data, OCTOBER, "")
    assert executive.comment(data, OCTOBER) == ""
    with pytest.raises(InvalidInput) as caught:
        executive.save_comment(data, OCTOBER, "x" * 1001)
    assert caught.value.message("en") == "The comment is too long: 1000 characters at most."


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_business_name_and_logo(con):
    executive.set_business_name(con, "  Forn   de la Plaça ")
    assert executive.business_name(con) == "Forn de la Plaça"
    executive.set_logo(con, _png())
    assert executive.logo(con) == (_png(), "image/png")
    with pytest.raises(InvalidInput) as caught:
        executive.set_logo(con, b"GIF89a not really")
    assert caught.value.message("en") == "The logo must be a PNG or JPEG image."
    assert executive.logo(con) == (_png(), "image/png")  # the failed upload changed nothing
    executive.set_logo(con, None)
    assert executive.logo(con) is None


def test_demo_settings_seed_and_clear(con, tmp_path):
    path = tmp_path / executive.DEMO_FILE
    comments = {"2026-10": "Octubre fue bien."}
    path.write_text(json.dumps({"business": "Forn", "pinned": ["followers"], "comments": comments}))
    assert executive.seed_demo(con, tmp_path) == 1
    assert (executive.business_name(con), executive.pinned(con)) == ("Forn", ["followers"])
    assert executive.comment(con, OCTOBER) == "Octubre fue bien."
    workspace.start_empty(con)
    assert (executive.business_name(con), executive.pinned(con)) == ("", [])
    assert executive.comment(con, OCTOBER) == ""
