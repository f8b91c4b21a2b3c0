"""Charts write numbers and dates in the user's language: Vega-Lite's config.locale."""

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from signin_support import signed_in

from smdash import charts_executive, charts_kpis, charts_review, charts_traffic
from smdash.charts import localized, monthly_sessions_chart
from smdash.i18n import CHART_LOCALES, date_pattern, format_date
from smdash.workspace import DEMO_DIR

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
        charts_kpis.with_annotations(monthly_sessions_chart(sessions(), "es"), notes(), "es"),
        charts_executive.growth_chart(trend, "es").properties(title="", width="container"),
        charts_review.gantt(plan, "es", pd.Timestamp("2026-01-20").date()),
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
        spec = json.dumps(charts_kpis.annotation_layer(notes(), lang).to_dict(), default=str)
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
    helper = REPO / "smdash" / "ui" / "__init__.py"
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
    at = at.switch_page("pages/traffic.py").run()
    assert not at.exception
    return chart_specs(at)


def test_the_traffic_page_in_spanish_sends_its_charts_the_spanish_locale(db_path, start_app):
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
    chart = charts_traffic.over_time_chart(data, "sessions", "month", labels)
    assert '"format": ",.0f"' in chart.to_json()
    drawn = axis_labels(localized(chart, "es"))
    assert "10.000" in drawn and not any("," in label for label in drawn)
