"""Issue 15, points 6 and 11: money written with its currency the user's way, the same in the
downloads (numbers with a currency format), and records told in words in the audit trail."""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from smdash import executive
from smdash.access import audit
from smdash.core.i18n import format_money, money_title, t, xlsx_money_format
from smdash.core.spreadsheet import write_xlsx
from smdash.db import store
from smdash.plan.objectives import Objective
from smdash.reports import kpi_charts
from smdash.reports.charts import monthly_sessions_chart
from smdash.reports.xlsx import xlsx_report


@pytest.mark.parametrize(
    ("value", "lang", "currency", "decimals", "expected"),
    [
        (1234.5, "en", "EUR", 2, "€1,234.50"),
        (1234.5, "es", "EUR", 2, "1.234,50 €"),
        (-1234.5, "en", "EUR", 2, "-€1,234.50"),
        (-1234.5, "es", "EUR", 2, "-1.234,50 €"),
        (1234567, "en", "USD", 0, "$1,234,567"),
        (1234567, "es", "USD", 0, "1.234.567 $"),
        (12.5, "en", "CHF", 2, "12.50 CHF"),
        (None, "en", "EUR", 2, "—"),
        (math.nan, "es", "EUR", 2, "—"),
    ],
)
def test_money_is_written_with_its_currency_the_users_way(
    value, lang, currency, decimals, expected
):
    assert format_money(value, lang, currency, decimals) == expected


def test_the_executive_summary_writes_money_the_same_way():
    assert executive.money(1234.5, "es", "EUR", 2) == format_money(1234.5, "es", "EUR", 2)
    assert executive.money(1471.95, "en", "EUR") == "€1,472"


def test_titles_and_spreadsheet_formats_carry_the_currency():
    assert money_title("Revenue", "EUR") == "Revenue (€)"
    assert money_title("Ingresos", "CHF") == "Ingresos (CHF)"
    assert xlsx_money_format("en", "EUR") == '"€"#,##0.00;-"€"#,##0.00'
    assert xlsx_money_format("es", "EUR", 0) == '#,##0 "€";-#,##0 "€"'
    assert xlsx_money_format("en", "USD", 0) == '"$"#,##0;-"$"#,##0'


def test_a_spreadsheet_keeps_amounts_as_numbers_with_the_currency_format():
    frame = pd.DataFrame(
        {
            "Day": [pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-02")],
            "Revenue (€)": [1234.5, None],
            "Note": ["a", "b"],
        }
    )
    code = xlsx_money_format("es", "EUR")
    sheet = load_workbook(io.BytesIO(write_xlsx({"T": frame}, {"Revenue (€)": code})))["T"]
    assert sheet["B2"].value == 1234.5 and sheet["B2"].number_format == code
    assert sheet["B3"].value is None
    assert sheet["C2"].number_format == "General"
    # a day is a day: no time of 00:00:00 in the spreadsheet
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["A2"].value.time() == dt.time(0)


def test_a_format_per_row_applies_to_the_rows_that_have_one():
    frame = pd.DataFrame({"Value": [7983, 1471.95, "5 of 9"]})
    formats = {"Value": ["#,##0", xlsx_money_format("en", "EUR", 0), None]}
    sheet = load_workbook(io.BytesIO(write_xlsx({"T": frame}, formats)))["T"]
    assert [sheet[f"A{r}"].number_format for r in (2, 3, 4)] == [
        "#,##0",
        '"€"#,##0;-"€"#,##0',
        "General",
    ]


@pytest.mark.parametrize(("lang", "symbol_first"), [("en", True), ("es", False)])
def test_the_executive_xlsx_of_the_demo_has_amounts_in_the_currency(demo_db, lang, symbol_first):
    with store.connect(demo_db) as con:
        s = executive.build(con, executive.parse_period("2026-10"))
    book = load_workbook(io.BytesIO(xlsx_report(s, lang)))
    networks = book.worksheets[2]
    header = [c.value for c in networks[1]]
    revenue = header.index(t("executive.column.revenue", lang)) + 1
    total = networks.cell(networks.max_row, revenue)
    assert isinstance(total.value, float) and total.value == pytest.approx(1471.95)
    assert "€" in total.number_format and total.number_format.startswith('"€"') == symbol_first
    figures = book.worksheets[1]
    rows = {row[0].value: row[1] for row in figures.iter_rows(min_row=2)}
    spend = rows[executive.figure_label("spend", lang)]
    assert spend.value == pytest.approx(2039) and "€" in spend.number_format
    visits = rows[executive.figure_label("visits", lang)]
    assert visits.value == 7983 and visits.number_format == "#,##0"


def test_a_kpi_chart_of_money_says_the_currency_on_its_axis():
    data = pd.DataFrame(
        {"day": pd.to_datetime(["2026-10-01"]), "value": [12.5], "line": ["Actual"]}
    )
    spec = kpi_charts.progress_chart(data, "currency", "es", "EUR").to_dict()
    assert spec["encoding"]["y"]["title"] == "Valor (€)"
    assert kpi_charts.progress_chart(data, "count", "en").to_dict()["encoding"]["y"]["title"] == (
        "Value"
    )


def test_the_sessions_chart_names_the_networks():
    data = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-09-01", "2026-10-01"]),
            "network": ["x", "search"],
            "sessions": [10, 20],
        }
    )
    rows = next(iter(monthly_sessions_chart(data, "es").to_dict()["datasets"].values()))
    assert sorted(row["Red"] for row in rows) == ["Buscadores", "X (Twitter)"]


def test_the_audit_trail_tells_a_record_in_words():
    objective = Objective(
        None,
        "Llegar a 15.000 seguidores",
        None,
        "followers",
        "instagram",
        12534.0,
        15000.0,
        dt.date(2026, 7, 1),
        dt.date(2026, 12, 31),
        "Clara",
        "",
        "active",
    )
    details = audit.describe((objective,), {"lang": "es", "note": None})
    assert details == (
        "statement: Llegar a 15.000 seguidores, kpi: followers, scope: instagram, "
        "baseline: 12,534, target: 15,000, start date: 2026-07-01, deadline: 2026-12-31, "
        "owner: Clara, status: active, lang: es"
    )
    assert audit.describe(("month", dt.datetime(2026, 9, 1, 9, 30), [1, 2]), {}) == (
        "month, 2026-09-01 09:30, 1; 2"
    )


def test_the_saved_reviews_xlsx_has_costs_in_the_currency(demo_db, con):
    from smdash import review

    review_id = con.execute("SELECT max(review_id) FROM reviews").fetchone()[0]
    actions = load_workbook(io.BytesIO(review.workbook(con, review_id, "es"))).worksheets[2]
    header = [c.value for c in actions[1]]
    cost = header.index(t("review.column.cost", "es")) + 1
    cells = [row[cost - 1] for row in actions.iter_rows(min_row=2) if row[cost - 1].value]
    assert cells and all(isinstance(c.value, int | float) for c in cells)
    assert {c.number_format for c in cells} == {'#,##0.00 "€";-#,##0.00 "€"'}
