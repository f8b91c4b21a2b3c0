"""Issue 15: figures that add up, through AppTest on the demo and on small hand-made cases."""

import datetime as dt

import pytest
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.core.periods import default_range
from smdash.db import store

OCT_3 = dt.date(2026, 10, 3)


def web_visit(con, day: dt.date, sessions: int, campaign: str = "otoño") -> None:
    con.execute(
        "INSERT INTO web_traffic VALUES ('GA4', ?, ?, 'instagram', 'social', ?, '', '', ?, ?,"
        " 1, 10, 1)",
        [day, day, campaign, sessions, sessions // 2],
    )


def metrics(at):
    return {m.label: (m.value, m.delta) for m in at.metric}


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (OCT_3, OCT_3, (OCT_3, OCT_3)),
        (dt.date(2026, 10, 1), OCT_3, (dt.date(2026, 10, 1), OCT_3)),
        (dt.date(2026, 9, 20), OCT_3, (dt.date(2026, 9, 20), dt.date(2026, 9, 30))),
        (dt.date(2025, 5, 1), dt.date(2026, 10, 31), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
    ],
)
def test_the_default_range_is_never_reversed(first, last, expected):
    assert default_range(first, last) == expected


# --- point 7: data on a single day opens on that day, not on "2026/10/03 - 2026/09/30" --------


@pytest.mark.parametrize(
    ("page", "key"), [("traffic", "traffic_period"), ("overview", "overview_period")]
)
def test_data_on_one_day_opens_on_that_day(db_path, start_app, page, key):
    with store.connect(db_path) as con:
        web_visit(con, OCT_3, 120)
    at = start_app(None, signed_in(db_path)).switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert at.date_input(key=key).value == (OCT_3, OCT_3)
    assert metrics(at)["Sessions"][0] == "120"


def test_the_demo_cut_to_one_day_opens_on_that_day(demo_db, db_path, start_app):
    with store.connect(db_path) as con:
        con.execute("DELETE FROM web_traffic WHERE date_from <> ?", [OCT_3])
        sessions = con.execute("SELECT sum(sessions) FROM web_traffic").fetchone()[0]
        store.bump_data_version(con)
    at = start_app(DEMO_DIR, signed_in(db_path)).switch_page("pages/traffic.py").run()
    assert not at.exception
    assert at.date_input(key="traffic_period").value == (OCT_3, OCT_3)
    assert metrics(at)["Sessions"][0] == f"{sessions:,}"


# --- point 1: like-for-like periods --------------------------------------------------------

SUMMARY = "pages/executive_summary.py"
# a hand-made shop: 100 social visits on the 10th of every month from May 2025 to October 2026,
# 10 more each month, so that every span has its own total
MONTHS = [dt.date(2025, 5, 10) + dt.timedelta(days=31 * i) for i in range(18)]


def monthly_visits(con) -> None:
    for index, day in enumerate(MONTHS):
        web_visit(con, day.replace(day=10), 100 + 10 * index)


def exec_metrics(at) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_a_quarter_the_data_ends_inside_is_compared_with_the_same_months(con):
    from smdash import executive

    monthly_visits(con)
    assert summary_months(con) == ("2025-05", "2026-10")
    s = executive.build(con, executive.parse_period("2026-Q4"))
    assert (s.period.start, s.period.end, s.period.incomplete) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 10, 31),
        True,
    )
    assert s.period.label("en") == "Q4 2026 through October"
    assert s.period.previous().label("en") == "Q3 2026 through July"
    assert s.period.year_before().label("es") == "T4 2025 hasta octubre"
    visits = s.figure("visits")
    # October 2026 (the 18th month: 270) against July 2026 (240) and October 2025 (150)
    assert (visits.value, visits.previous, visits.year_before) == (270, 240, 150)
    assert executive.narrative(s, "en")[0] == (
        "In Q4 2026 through October social networks brought 270 visits to the website (+12% on "
        "Q3 2026 through July; +80% on Q4 2025 through October)."
    )


def test_a_year_has_one_comparison_and_only_with_months_the_data_covers(con):
    from smdash import executive

    monthly_visits(con)
    s = executive.build(con, executive.parse_period("2026"))
    assert s.period.label("en") == "2026 through October"
    assert s.period.year_before() is None
    # 2025's data starts in May: January-October 2025 is not set against ten months of 2026
    assert s.figure("visits").previous is None
    assert executive.narrative(s, "en")[0] == (
        "In 2026 through October social networks brought 2,250 visits to the website."
    )
    # with data since January 2025 the year compares once, with the same ten months
    for day in range(1, 5):
        web_visit(con, dt.date(2025, day, 10), 50)
    s = executive.build(con, executive.parse_period("2026"))
    visits = s.figure("visits")
    assert (visits.value, visits.previous, visits.year_before) == (2250, 200 + 750, None)


def summary_months(con) -> tuple[str, str]:
    first, last = con.execute("SELECT min(date_from), max(date_to) FROM web_traffic").fetchone()
    return f"{first:%Y-%m}", f"{last:%Y-%m}"


def test_the_demo_quarter_and_year_compare_like_for_like(demo_db, db_path, start_app):
    at = start_app(DEMO_DIR, signed_in(db_path)).switch_page(SUMMARY).run()
    at = at.button_group(key="exec_kind").set_value("quarter").run()
    assert not at.exception
    assert at.selectbox(key="exec_quarter").value == "2026-Q4"
    shown = exec_metrics(at)
    # October 2026 against July 2026 and October 2025, never against a whole quarter
    assert shown["Visits from social networks"] == ("7,983", "+35% vs Q3 2026 through July")
    assert shown["Revenue from social"][1] == "+83% vs Q3 2026 through July"
    captions = [c.value for c in at.caption]
    assert "+41% vs Q4 2025 through October" in captions
    assert any(
        c.startswith("The data of Q4 2026 ends in October 2026: the period is shown up to")
        for c in captions
    )
    at = at.button_group(key="exec_kind").set_value("year").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert not any("and with 2025" in c for c in captions)
    assert any(
        c.endswith("No comparison: the data does not cover all of 2025 through October.")
        for c in captions
    )
    story = next(m.value for m in at.markdown if m.value.startswith("In 2026"))
    assert "2025" not in story.split(".")[0]


def test_the_demo_year_report_has_one_comparison(demo_db):
    import io

    from openpyxl import load_workbook

    from smdash import executive
    from smdash.reports import executive_report

    with store.connect(demo_db) as con:
        data = executive_report.report_bytes(con, executive.parse_period("2026"), "en", "xlsx")
        quarter = executive_report.report_bytes(
            con, executive.parse_period("2026-Q4"), "en", "xlsx"
        )
    header = next(load_workbook(io.BytesIO(data))["Headline figures"].iter_rows(values_only=True))
    assert header == ("Figure", "Value", "Previous period (2025 through October)",
                      "Change vs previous (%)")  # fmt: skip
    rows = list(load_workbook(io.BytesIO(quarter))["Headline figures"].iter_rows(values_only=True))
    assert rows[0][2] == "Previous period (Q3 2026 through July)"
    assert rows[1][:5] == ("Visits from social networks", 7983, 5901, 35.3, 5674)


# --- point 2: totals reconcile -------------------------------------------------------------

OCTOBER_2026 = "2026-10"


def read_xlsx(data: bytes) -> dict[str, list[tuple]]:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def read_pdf(data: bytes) -> str:
    import io
    import re

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def reports(con, key: str, lang: str = "en") -> tuple[dict, str]:
    from smdash import executive
    from smdash.reports import executive_report

    period = executive.parse_period(key)
    xlsx = executive_report.report_bytes(con, period, lang, "xlsx")
    return read_xlsx(xlsx), read_pdf(executive_report.report_bytes(con, period, lang, "pdf"))


def test_the_hand_made_network_table_adds_up_to_the_headline(con):
    from executive_fixture import fill

    from smdash import executive

    fill(con)
    s = executive.build(con, executive.parse_period(OCTOBER_2026))
    rows = s.network_rows().set_index("network")
    # 150 on Instagram and 160 of LinkedIn ads; the 500 of staff belong to no network
    assert rows.loc["other", "spend"] == 500
    assert rows.loc["total"].tolist()[:5] == [3500, 60, 800, 810, 13.5]
    parts = rows.drop(index="total")[["visits", "conversions", "revenue", "spend"]].sum()
    assert parts.tolist() == [3500, 60, 800, 810]
    sheets, pdf = reports(con, OCTOBER_2026)
    assert sheets["Networks"][-2:] == [
        ("Other costs (not tied to a network)", None, None, None, 500, None, None),
        ("Total", 3500, 60, 800, 810, 13.5, 0.99),
    ]
    assert "Other costs (not tied to a network) — — — €500 —" in pdf
    assert "Total 3,500 60 €800 €810 €13.50" in pdf
    assert sheets["Headline figures"][6][1] == (
        "1 on track, 1 behind, 0 at risk, 1 without data (of 3)"
    )


def test_costs_per_conversion_a_few_percent_apart_are_about_the_same(con):
    from executive_fixture import fill

    from smdash import executive
    from smdash.plan import costs

    fill(con)
    october = executive.parse_period(OCTOBER_2026)
    story = executive.narrative(executive.build(con, october), "en")
    assert "Instagram paid off best (€5.00 per conversion) and LinkedIn worst (€8.00)" in (
        " ".join(story)
    )
    costs.add_cost(con, dt.date(2026, 10, 1), "instagram", "content", 95.0, "Reels", "")
    story = executive.narrative(executive.build(con, october), "en")  # €8.17 and €8.00
    assert (
        "Of the networks with spend, LinkedIn and Instagram cost about the same per conversion "
        "(€8.00 and €8.17)." in story
    )


def test_a_campaign_cost_shows_the_conversions_traffic_credits(con):
    from executive_fixture import fill

    from smdash import executive

    fill(con)
    for day in (dt.date(2026, 10, 6), dt.date(2026, 10, 7)):
        con.execute(
            "INSERT INTO web_traffic VALUES ('GA4', ?, ?, 'instagram', 'social', 'Roscon ', '',"
            " '', 40, 20, 3.5, 30, 1)",
            [day, day],
        )
    table = executive.campaign_spend(con, executive.parse_period(OCTOBER_2026))
    roscon = table.set_index("campaign").loc["roscon"]
    assert (roscon["amount"], roscon["conversions"], roscon["cost_per_conversion"]) == (
        150,
        7,
        21.43,
    )


def test_the_demo_summary_reconciles_page_pdf_and_xlsx(demo_db, db_path, start_app):
    at = start_app(DEMO_DIR, signed_in(db_path)).switch_page(SUMMARY).run()
    assert not at.exception
    shown = {m.label: m.value for m in at.metric}
    table = next(d.value for d in at.dataframe if "Network" in d.value.columns)
    table = table.set_index("Network")
    total = table.loc["Total"]
    assert (total["Visits"], total["Conversions"], total["Spend"]) == ("7,983", "119", "€2,039")
    assert total["Cost per conversion"] == shown["Cost per conversion"] == "€17.13"
    assert table.loc["Other costs (not tied to a network)", "Spend"] == "€759"
    figures = table.map(
        lambda cell: float(cell.strip("€").replace(",", "") or 0) if cell != "—" else 0
    )
    assert figures.drop(index="Total")["Spend"].sum() == figures.loc["Total", "Spend"]
    assert figures.drop(index="Total")["Visits"].sum() == figures.loc["Total", "Visits"]
    story = " ".join(m.value for m in at.markdown)
    assert "LinkedIn and Instagram cost about the same per conversion (€12.06 and €12.09)" in story
    assert "paid off best" not in story
    with store.connect(db_path) as con:
        sheets, pdf = reports(con, OCTOBER_2026)
    assert sheets["Networks"][-1][:6] == ("Total", 7983, 119, 1471.95, 2039, 17.13)
    assert sheets["Networks"][-2][4] == 759
    assert "Total 7,983 119 €1,472 €2,039 €17.13" in pdf
    assert "Other costs (not tied to a network) — — — €759 —" in pdf
    status = sheets["Headline figures"][6][1]
    assert status == "5 on track, 2 behind, 2 at risk (of 9)"
    assert shown["Objectives on track"] == "5 of 9"


def test_the_demo_costs_page_credits_campaigns_as_traffic_does(demo_db, db_path, start_app):
    at = start_app(DEMO_DIR, signed_in(db_path)).switch_page("pages/costs.py").run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Conversions (Traffic)" in d.value.columns)
    row = table.set_index("Campaign").loc["catering-empresas"]
    assert (row["Amount"], row["Conversions (Traffic)"], row["Cost per conversion"]) == (
        "€760.00",
        "51",
        "€14.90",
    )
    assert "None" not in table.astype(str).to_numpy().ravel().tolist()


# --- point 14: Overview compares with the previous period, as Traffic does -----------------


def test_overview_compares_with_the_same_days_before(db_path, start_app):
    with store.connect(db_path) as con:
        web_visit(con, dt.date(2026, 9, 28), 100)
        web_visit(con, dt.date(2026, 10, 5), 150)
    at = start_app(None, signed_in(db_path)).switch_page("pages/overview.py").run()
    at = (
        at.date_input(key="overview_period")
        .set_value((dt.date(2026, 10, 1), dt.date(2026, 10, 5)))
        .run()
    )
    assert not at.exception
    assert metrics(at)["Sessions"] == ("150", "+50.0 %")
    assert "Compared with the previous period: 2026-09-26 – 2026-09-30." in [
        c.value for c in at.caption
    ]
    table = at.dataframe[0].value
    assert table.iloc[-1]["Network"] == "Total"
    assert table.iloc[-1]["Sessions"] == "150"


def test_the_demo_overview_and_traffic_show_the_same_changes(demo_db, db_path, start_app):
    app = start_app(DEMO_DIR, signed_in(db_path))
    overview = app.switch_page("pages/overview.py").run()
    assert not overview.exception
    shown = metrics(overview)
    assert shown["Sessions"] == ("21,702", "+26.1 %")
    assert shown["Posts"] == ("92", "+46.0 %")
    table = overview.dataframe[0].value.set_index("Network")
    assert table.index[-1] == "Total"
    assert table.loc["Total", "Sessions"] == shown["Sessions"][0]
    assert table.loc["Total", "Engagements"] == shown["Engagements"][0]
    traffic = metrics(app.switch_page("pages/traffic.py").run())
    for figure in ("Sessions", "Conversions", "Revenue"):
        assert shown[figure] == traffic[figure]
