"""Charts write numbers and dates in the user's language: Vega-Lite's config.locale."""

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from page_support import every_view
from signin_support import signed_in

from smdash.core.i18n import CHART_LOCALES, CHART_TIME_LABELS, date_pattern, format_date
from smdash.core.paths import DEMO_DIR
from smdash.reports import executive_charts, kpi_charts, review_charts, traffic_charts
from smdash.reports.charts import localized, monthly_sessions_chart

REPO = Path(__file__).resolve().parents[1]


def sessions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"]),
            "network": ["instagram"] * 3,
            "sessions": [1234.5, 15000, 9000],
        }
    )


def notes() -> pd.DataFrame:
    day = pd.Timestamp("2026-02-10").date()
    return pd.DataFrame({"date_from": [day], "date_to": [day], "note": ["Fallas"]})


def locale_of(chart) -> dict | None:
    return chart.to_dict()["config"].get("locale")


def test_spanish_charts_carry_the_spanish_locale():
    locale = locale_of(localized(monthly_sessions_chart(sessions(), "es"), "es"))
    assert locale["number"] == {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["", " €"],
    }
    time = locale["time"]
    assert time["months"][0] == "enero" and time["months"][-1] == "diciembre"
    assert " ".join(time["shortMonths"]) == "ene feb mar abr may jun jul ago sep oct nov dic"
    assert time["days"][:2] == ["domingo", "lunes"]  # d3 starts the week on Sunday
    assert time["shortDays"][1] == "lun"
    assert time["date"] == "%d/%m/%Y"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_other_languages_keep_vegas_default_en_us(lang):
    chart = monthly_sessions_chart(sessions(), "en")
    assert localized(chart, lang) is chart
    assert locale_of(localized(chart, lang)) is None


def test_the_rest_of_the_config_is_kept_and_the_chart_itself_untouched():
    chart = monthly_sessions_chart(sessions(), "es").configure_axis(grid=False)
    config = localized(chart, "es").to_dict()["config"]
    assert config["axis"] == {"grid": False}
    assert config["locale"] == CHART_LOCALES["es"]
    plain = monthly_sessions_chart(sessions(), "es")
    localized(plain, "es")
    assert locale_of(plain) is None
    alt.layer(plain, plain).to_dict()  # still layerable: the locale went on a copy


def test_layered_and_composed_charts_take_the_locale():
    trend = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-09-01", "2026-10-01"]),
            "visits": [1200, 3400],
            "conversions": [10, 12],
        }
    )
    plan = pd.DataFrame(
        {
            "objective_id": [1],
            "description": ["Reels"],
            "statement": ["More followers"],
            "start_date": [pd.Timestamp("2026-01-05").date()],
            "end_date": [pd.Timestamp("2026-02-05").date()],
            "status": ["planned"],
            "owner": ["cm"],
        }
    )
    layered = [
        kpi_charts.with_annotations(monthly_sessions_chart(sessions(), "es"), notes(), "es"),
        executive_charts.growth_chart(trend, "es").properties(title="", width="container"),
        review_charts.gantt(plan, "es", pd.Timestamp("2026-01-20").date()),
        alt.hconcat(
            monthly_sessions_chart(sessions(), "es"), monthly_sessions_chart(sessions(), "es")
        ),
    ]
    for chart in layered:
        spec = localized(chart, "es").to_dict()
        assert spec["config"]["locale"] == CHART_LOCALES["es"]


def test_the_chart_date_tooltips_write_days_as_the_tables_do():
    assert date_pattern("es") == "%d/%m/%Y" and date_pattern("en") == "%Y-%m-%d"
    assert date_pattern("fr") == "%Y-%m-%d"
    day = pd.Timestamp("2026-03-24").date()
    assert format_date(day, "es") == "24/03/2026"
    for lang in ("es", "en"):
        spec = json.dumps(kpi_charts.annotation_layer(notes(), lang).to_dict(), default=str)
        assert f'"format": "{date_pattern(lang)}"' in spec


def axis_labels(chart) -> list[str]:
    """The text Vega draws, rendered offline by vl-convert (the Vega the PDF report uses)."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart.to_json())
    return re.findall(r"<text[^>]*>([^<]+)</text>", svg)


def test_vega_draws_spanish_numbers_and_months():
    data = pd.DataFrame(
        {
            "day": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"]),
            "value": [1234.5, 15000, 9000],
        }
    )
    chart = alt.Chart(data).mark_line().encode(x="day:T", y="value:Q")
    spanish, english = axis_labels(localized(chart, "es")), axis_labels(chart)
    assert "10.000" in spanish and "10,000" not in spanish
    assert "febrero" in spanish or "feb" in spanish
    assert "10,000" in english and "February" in english
    fraction = alt.Chart(pd.DataFrame({"v": [0.5, 1.5]})).mark_point().encode(y="v:Q")
    assert "0,4" in axis_labels(localized(fraction, "es"))


def test_every_chart_is_shown_through_the_localizing_helper():
    """st.altair_chart only inside ui.altair_chart: a chart shown directly would stay en-US."""
    helper = REPO / "smdash" / "ui" / "runtime.py"
    direct = [
        f"{path.relative_to(REPO)}:{number}"
        for path in [*REPO.glob("pages/*.py"), *REPO.glob("smdash/**/*.py"), REPO / "app.py"]
        if path != helper
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bst\.(altair_chart|vega_lite_chart)\(", line)
    ]
    assert direct == []


def chart_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def traffic_page(at):
    """The charts of the Traffic page's tabs, each drawn once its tab is chosen."""
    at = at.switch_page("pages/traffic.py").run()
    assert not at.exception
    return [spec for view in every_view(at) for spec in chart_specs(view)]


def test_the_traffic_page_in_spanish_sends_its_charts_the_spanish_locale(
    demo_db, db_path, start_app
):
    at = start_app(DEMO_DIR, signed_in(db_path))
    english = traffic_page(at)
    assert len(english) == 3  # over time, paid vs organic, campaigns
    assert all("locale" not in spec.get("config", {}) for spec in english)

    at = start_app(DEMO_DIR, signed_in(db_path))
    at = at.sidebar.selectbox(key="lang").set_value("es").run()
    spanish = traffic_page(at)
    assert len(spanish) == 3
    assert [spec["config"]["locale"] for spec in spanish] == [CHART_LOCALES["es"]] * 3
    assert any('"format": ",.0f"' in json.dumps(spec) for spec in spanish)


def test_the_traffic_charts_explicit_formats_group_with_dots_in_spanish():
    """',' in a d3 format means 'group thousands': the Spanish locale draws it as '.'."""
    data = pd.DataFrame(
        {
            "period": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"]),
            "network_label": ["Instagram"] * 3,
            "sessions": [1234, 15000, 9000],
        }
    )
    labels = {"period": "Periodo", "network": "Red", "sessions": "Sesiones"}
    chart = traffic_charts.over_time_chart(data, "sessions", "month", labels, "es")
    assert '"format": ",.0f"' in chart.to_json()
    drawn = axis_labels(localized(chart, "es"))
    assert "10.000" in drawn and not any("," in label for label in drawn)


def daily(first: str, last: str) -> pd.DataFrame:
    days = pd.date_range(first, last)
    return pd.DataFrame({"day": days, "value": range(len(days))})


MONTH_FIRST = re.compile(r"^[A-Za-z]{3} \d")  # 'Sep 27', 'sep 27, 2026'


def test_spanish_time_axes_write_the_day_before_the_month():
    """Vega's own tick labels put the month first ('Sep 27'); Spanish writes '27 sep'."""
    chart = alt.Chart(daily("2026-09-01", "2026-10-20")).mark_line().encode(x="day:T", y="value:Q")
    english, spanish = axis_labels(chart), axis_labels(localized(chart, "es"))
    assert "Sep 27" in english and "Oct 04" in english  # weekly ticks, as before
    assert "27 sep" in spanish and "4 oct" in spanish
    assert not [label for label in spanish if MONTH_FIRST.match(label)]


def traffic_chart(first: str, last: str, grain: str, lang: str) -> alt.Chart:
    data = daily(first, last).rename(columns={"day": "period", "value": "sessions"})
    data["network_label"] = "Instagram"
    labels = {"period": "Periodo", "network": "Red", "sessions": "Sesiones"}
    chart = traffic_charts.over_time_chart(data, "sessions", grain, labels, lang)
    return localized(chart, lang)


def test_the_traffic_axis_writes_the_day_before_the_month_and_keeps_the_year():
    """A time unit's ticks all read 'Sep 28, 2026' (Vega-Lite's pattern); Spanish '28 sep 2026'."""
    english = axis_labels(traffic_chart("2026-09-24", "2026-10-05", "day", "en"))
    spanish = axis_labels(traffic_chart("2026-09-24", "2026-10-05", "day", "es"))
    assert "Sep 28, 2026" in english and "Oct 01, 2026" in english  # as before
    assert "28 sep 2026" in spanish and "1 oct 2026" in spanish
    assert not any("sep 28" in label for label in spanish)
    assert not [label for label in spanish if MONTH_FIRST.match(label)]
    monthly = axis_labels(traffic_chart("2026-01-01", "2027-03-01", "month", "es"))
    assert "abr 2026" in monthly and "ene 2027" in monthly
    assert "Apr 2026" in axis_labels(traffic_chart("2026-01-01", "2027-03-01", "month", "en"))


def tooltips(chart) -> list[str]:
    """The Vega expressions the chart's marks write their tooltips with."""
    import vl_convert

    def walk(node):
        if isinstance(node, dict):
            tooltip = node.get("tooltip")
            if isinstance(tooltip, dict) and "signal" in tooltip:
                yield tooltip["signal"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    return list(walk(vl_convert.vegalite_to_vega(chart.to_json())))


def test_the_traffic_tooltip_writes_the_day_before_the_month():
    (spanish,) = tooltips(traffic_chart("2026-09-24", "2026-10-05", "day", "es"))
    (english,) = tooltips(traffic_chart("2026-09-24", "2026-10-05", "day", "en"))
    assert '"%-d %b %Y"' in spanish and "%b %d" not in spanish
    assert '"year-month-date":"%b %d, %Y "' in english  # Vega-Lite's own 'Sep 28, 2026'


def test_spanish_time_axes_use_the_24_hour_clock():
    hours = pd.date_range("2026-09-28 06:00", periods=30, freq="h")
    data = pd.DataFrame({"hour": hours, "value": range(30)})
    chart = alt.Chart(data).mark_line().encode(x="hour:T", y="value:Q")
    english, spanish = axis_labels(chart), axis_labels(localized(chart, "es"))
    assert "03 PM" in english and "Tue 29" in english
    assert (
        "15:00" in spanish and "29 sep" in spanish and not any("PM" in label for label in spanish)
    )


def test_the_time_labels_go_to_time_axes_only_and_give_way_to_a_chart_s_own():
    spec = localized(monthly_sessions_chart(sessions(), "es"), "es").to_dict()["config"]
    assert spec["axisTemporal"] == {"format": CHART_TIME_LABELS["es"]}
    assert "axis" not in spec and "axisX" not in spec  # numbers keep their own formats
    chart = alt.Chart(daily("2026-09-01", "2026-10-20")).mark_line()
    own = chart.encode(x=alt.X("day:T", axis=alt.Axis(format="%d/%m")), y="value:Q")
    assert "27/09" in axis_labels(localized(own, "es"))
    configured = own.configure_axisTemporal(grid=False, format="%e %B")
    assert localized(configured, "es").to_dict()["config"]["axisTemporal"] == {
        "grid": False,
        "format": "%e %B",
    }
    english = monthly_sessions_chart(sessions(), "en")
    assert "axisTemporal" not in localized(english, "en").to_dict().get("config", {})
