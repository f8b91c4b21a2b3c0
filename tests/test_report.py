"""The executive report: a PDF opened and its text read back, an XLSX read back with openpyxl,
and the `report` command that writes either for scheduled reports."""

import io
import re

import pytest
from executive_fixture import fill
from openpyxl import load_workbook
from PIL import Image

from smdash import cli, executive
from smdash.db import store
from smdash.executive import parse_period
from smdash.reports import executive_report

pypdf = pytest.importorskip("pypdf")
OCTOBER = parse_period("2026-10")


@pytest.fixture
def data(con):
    fill(con)
    executive.set_business_name(con, "=Forn de la Plaça")
    executive.save_comment(con, OCTOBER, "@SUM(A1) October was the catering month.")
    return con


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 60), (20, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def test_pdf_carries_name_figures_story_comment_and_goals(data):
    executive.set_logo(data, _logo())
    pdf = executive_report.report_bytes(data, OCTOBER, "en", "pdf")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    for expected in (
        "Social media report",
        "Prepared for =Forn de la Plaça",
        "Period: October 2026 (2026-10-01 – 2026-10-31)",
        "Visits from social networks 3,500 +46% vs September 2026 +100% vs October 2025",
        "Cost per conversion €13.50 -64% vs September 2026",
        "Objectives on track 1 of 3 0 at risk, 1 behind",
        "Instagram brought the most visits (2,000) and the most conversions (30).",
        "@SUM(A1) October was the catering month.",
        "Be known (Behind)",
        "Is it growing?",
        "Which network pays off?",
    ):
        assert expected in text, expected
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    images = sum(len(page.images) for page in reader.pages)
    assert images == 3  # the logo and the two charts


def test_pdf_in_spanish(data):
    text = pdf_text(executive_report.report_bytes(data, OCTOBER, "es", "pdf"))
    assert "Informe de redes sociales" in text
    assert "Se gastaron 810 € en redes sociales" in text
    assert "Coste por conversión 13,50 €" in text


def test_xlsx_read_back(data):
    book = load_workbook(io.BytesIO(executive_report.report_bytes(data, OCTOBER, "en", "xlsx")))
    assert book.sheetnames == ["Summary", "Headline figures", "Networks", "Months", "Goals"]
    story = [row[0] for row in book["Summary"].iter_rows(values_only=True)]
    assert story[:4] == ["Summary", "Social media report", "'=Forn de la Plaça", (
        "Period: October 2026 (2026-10-01 – 2026-10-31)"
    )]  # fmt: skip
    assert (
        "€810 was spent on social media, ads and other costs (+9% on September 2026), so each "
        "conversion cost €13.50 (-64% on September 2026)." in story
    )
    assert story[-1] == "'@SUM(A1) October was the catering month."  # never run as a formula
    figures = list(book["Headline figures"].iter_rows(values_only=True))
    assert figures[0] == (
        "Figure", "Value", "Previous period (September 2026)", "Change vs previous (%)",
        "A year earlier (October 2025)", "Change vs a year earlier (%)",
    )  # fmt: skip
    assert figures[1] == ("Visits from social networks", 3500, 2400, 45.8, 1750, 100)
    assert figures[5] == ("Cost per conversion", 13.5, 37, -63.5, None, None)
    assert figures[6] == ("Objectives on track",
                          "1 on track, 1 behind, 0 at risk, 1 without data (of 3)",
                          None, None, None, None)  # fmt: skip
    networks = list(book["Networks"].iter_rows(values_only=True))
    assert networks[1] == ("Instagram", 2000, 30, 600, 150, 5, 4)
    goals = list(book["Goals"].iter_rows(values_only=True))
    assert goals[1] == ("Sell more online", "On track", "1 of 1 objective on track or achieved.",
                        None)  # fmt: skip


def test_report_command_writes_pdf_and_xlsx(db_path, tmp_path, capsys):
    with store.connect(db_path) as con:
        fill(con)
    out = tmp_path / "october.pdf"
    args = ["report", "--db", str(db_path), "--period", "2026-10", "--lang", "es", "--out"]
    assert cli.main([*args, str(out)]) == 0
    assert capsys.readouterr().out == f"Informe de octubre de 2026 guardado en {out}.\n"
    assert "En octubre de 2026 las redes sociales llevaron 3.500 visitas" in pdf_text(
        out.read_bytes()
    )
    sheet = tmp_path / "q4.xlsx"
    assert cli.main([*args[:4], "2026-Q4", "--out", str(sheet)]) == 0
    assert load_workbook(sheet)["Headline figures"]["B2"].value == 3500


@pytest.mark.parametrize(
    ("period", "out", "message"),
    [
        ("2026-13", "x.pdf", "ERROR “2026-13” is not a period: write 2026-10 (a month), 2026-Q4 "
         "(a quarter), 2026 (a year) or 2026-10-01..2026-10-15 (dates).\n"),
        ("2026-10", "x.docx", "ERROR The output file must end in .pdf or .xlsx: {tmp}/x.docx\n"),
    ],
)  # fmt: skip
def test_report_command_refuses_bad_arguments(db_path, tmp_path, capsys, period, out, message):
    code = cli.main(
        ["report", "--db", str(db_path), "--period", period, "--out", str(tmp_path / out)]
    )
    assert code == 2
    assert capsys.readouterr().err == message.format(tmp=tmp_path)
    assert not (tmp_path / out).exists()
