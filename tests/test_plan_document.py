"""The plan document: `python -m smdash plan` writes the whole plan as a PDF a client reads (its
text read back, section by section, in Spanish and English) and as an XLSX to edit."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from conftest import smdash
from openpyxl import load_workbook
from page_support import run
from signin_support import signed_in

from smdash import executive
from smdash.db import store
from smdash.plan import toolkit
from smdash.reports import plan_content, plan_document
from smdash.ui import plan_document as plan_view

pypdf = pytest.importorskip("pypdf")
OCTOBER = executive.parse_period("2026-10")


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, white space collapsed."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def section_texts(pages: list[str], titles: list[str]) -> dict[str, str]:
    """The text from each numbered section title to the next (the cover page left out)."""
    text = " ".join(pages[1:])
    starts = [text.index(f"{n}. {title}") for n, title in enumerate(titles, start=1)]
    ends = [*starts[1:], len(text)]
    return {title: text[a:b] for title, a, b in zip(titles, starts, ends, strict=True)}


# What each section of the demo's plan for October 2026 holds, in each language: the section
# titles, then words of the toolkit's own (in Spanish, as the bakery wrote it) and of the
# functions the pages use.
EXPECTED = {
    "es": {
        "Guía de redes sociales": [
            "Personas", "Objetivos", "Estrategia", "Tecnología", "Red Uso Por qué",
            "Quién lleva cada cuenta. Marta (community manager) publica y responde en todas",
            "• Más ventas online con visitas desde redes.",
        ],
        "Cuestionario de conocimiento": [
            "Qué ofrece la empresa", "Panadería y pastelería artesana con cuatro hornos",
            "Quién es su público", "Competidores", "Temas que nunca se publican",
        ],
        "Perfiles gestionados": [
            "Instagram: @forndelaplaca",
            "Dirección (URL): https://www.instagram.com/forndelaplaca",
            "Quién lo lleva: Marta (CM)",
        ],
        "Objetivos y su comprobación SMART": [
            "Llegar a 15.000 seguidores en Instagram antes del 31 de diciembre de 2026",
            "Seguidores al final del periodo · Instagram · 12.534 → 15.000 · 01/07/2026 – "
            "31/12/2026",
            "SMART Cumple Por qué Específico Sí Un KPI, un ámbito y un enunciado.",
            "Temporal Sí La fecha límite llega 183 días después del inicio.",
        ],
        "KPI": ["Objetivo KPI Red Actual Meta Avance Estado A fecha de", "14.037", "En camino"],
        "Acciones del mes": ["octubre 2026", "Reels semanales del obrador (martes y viernes)"],
        "Calendario de publicaciones del periodo": [
            "01/10/2026 08:00", "Butlletí setmanal: Mocadorà", "Publicada",
        ],
        "Protocolo de respuesta": [
            "Alergias", "¿Tenéis pan sin gluten?", "Escalar a: Laura (dirección)",
            "Última revisión: 20/06/2026",
        ],
        "Pautas de participación para empleados": [
            "1. Habla en tu nombre: si compartes algo del Forn, di que trabajas aquí.",
            "8. Ante la duda, pregunta antes de publicar.",
        ],
        "Última revisión": [
            "Revisión del 01/09/2026 – 30/09/2026 (versión 1).", "Fortalezas", "Debilidades",
            "Oportunidades", "Decisiones: mantener, mejorar o descartar",
        ],
    },
    "en": {
        "Social media guide": ["People", "Objectives", "Strategy", "Technology",
                               "Network Use Why"],
        "Knowledge questionnaire": [
            "What the company offers", "Panadería y pastelería artesana con cuatro hornos",
        ],
        "Profiles managed": ["Instagram: @forndelaplaca", "Who runs it: Marta (CM)"],
        "Objectives and their SMART check": [
            "Followers at end of period · Instagram · 12,534 → 15,000",
            "SMART Met Why Specific Yes One KPI, one scope and a statement.",
        ],
        "KPIs": ["Objective KPI Network Current Target Progress Status As of", "14,037",
                 "On track"],
        "Monthly actions": ["October 2026", "Reels semanales del obrador"],
        "Publication calendar of the period": ["2026-10-01 08:00", "Published"],
        "Response protocol": ["¿Tenéis pan sin gluten?", "Last reviewed: 2026-06-20"],
        "Participation guidelines for employees": [
            "1. Habla en tu nombre", "8. Ante la duda, pregunta antes de publicar.",
        ],
        "Latest review": [
            "Review of 2026-09-01 – 2026-09-30 (version 1).", "Strengths", "Weaknesses",
            "Opportunities", "Decisions: keep, improve or drop",
        ],
    },
}  # fmt: skip
COVER = {
    "es": ["Plan de redes sociales", "Preparado para Forn de la Plaça", "Periodo: octubre de 2026",
           "Contenido"],
    "en": ["Social media plan", "Prepared for Forn de la Plaça", "Period: October 2026",
           "Contents"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_cli_writes_the_whole_plan_as_a_pdf_that_reads_right(demo_db, tmp_path, lang):
    out = tmp_path / f"plan-{lang}.pdf"
    result = smdash("plan", "--db", demo_db, "--lang", lang, "--out", out)
    assert result.returncode == 0, result.stderr
    period = {"es": "octubre de 2026", "en": "October 2026"}[lang]
    written = {
        "es": f"Plan de {period} guardado en {out}.",
        "en": f"Plan for {period} written to {out}.",
    }
    assert result.stdout == written[lang] + "\n"
    pages = pdf_pages(out.read_bytes())
    assert len(pages) >= 11  # the cover, then each of the ten sections from a new page
    titles = list(EXPECTED[lang])
    for expected in COVER[lang]:
        assert expected in pages[0], expected
    for number, title in enumerate(titles, start=1):
        assert f"{number}. {title}" in pages[0]  # the contents
    page_word = {"es": "página", "en": "page"}[lang]
    assert all(f"{page_word} {n}" in page for n, page in enumerate(pages, start=1))
    sections = section_texts(pages, titles)
    for title, expected in EXPECTED[lang].items():
        for words in expected:
            assert words in sections[title], (title, words)


def test_the_xlsx_has_a_sheet_per_section_to_edit(demo_db, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = smdash("plan", "--db", demo_db, "--lang", "es", "--period", "2026-10", "--out", out)
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames == [
        "Guía", "Cuestionario", "Perfiles", "Objetivos (SMART)", "KPI", "Acciones",
        "Calendario", "Protocolo", "Pautas", "Revisión",
    ]  # fmt: skip
    protocol = list(book["Protocolo"].iter_rows(values_only=True))
    assert protocol[0] == (
        "Categoría", "Pregunta", "Respuesta", "Tono", "Escalar a", "Escalar cuando", "Redes",
        "Última revisión",
    )  # fmt: skip
    assert protocol[1][:2] == ("Alergias", "¿Tenéis pan sin gluten?")
    objectives = list(book["Objetivos (SMART)"].iter_rows(values_only=True))
    assert objectives[0][4:] == ("Específico", "Medible", "Alcanzable", "Relevante", "Temporal")
    assert objectives[1][4] == "Sí: Un KPI, un ámbito y un enunciado."
    review = [row[0] for row in book["Revisión"].iter_rows(values_only=True)]
    assert review[:5] == ["Parte", "Periodo", "Fortalezas", "Debilidades", "Oportunidades"]


def test_the_plan_period_is_the_review_cycle_in_progress(demo_db):
    with store.connect(demo_db) as con:
        assert plan_content.plan_period(con).key == "2026-10"


def test_an_empty_workspace_says_what_is_not_filled_in(con):
    pages = pdf_pages(plan_document.plan_bytes(con, OCTOBER, "en", "pdf", dt.date(2026, 11, 2)))
    assert "Generated on 2026-11-02" in pages[0]
    assert all("Not filled in yet." in page for page in pages[1:])
    assert len(pages) == 11


def test_cells_the_cm_wrote_never_run_as_formulas(con):
    toolkit.save_guidelines(con, ['=HYPERLINK("http://x")', "Be kind"])
    toolkit.save_protocol_entry(
        con, toolkit.ProtocolEntry(None, "Prices", "+34 what?", "@once a week", tone="-dry")
    )
    book = load_workbook(io.BytesIO(plan_document.plan_bytes(con, OCTOBER, "en", "xlsx")))
    assert book["Guidelines"]["B2"].value == '\'=HYPERLINK("http://x")'
    assert [c.value for c in book["Protocol"][2]][1:4] == ["'+34 what?", "'@once a week", "'-dry"]
    text = " ".join(pdf_pages(plan_document.plan_bytes(con, OCTOBER, "en", "pdf")))
    assert '1. =HYPERLINK("http://x") 2. Be kind' in text


def test_the_plan_command_refuses_a_bad_period_or_file(db_path, tmp_path):
    bad = smdash("plan", "--db", db_path, "--period", "2026-13", "--out", tmp_path / "p.pdf")
    assert bad.returncode == 2
    assert bad.stderr.startswith("ERROR “2026-13” is not a period")
    docx = smdash("plan", "--db", db_path, "--out", tmp_path / "p.docx")
    assert docx.returncode == 2
    assert docx.stderr == f"ERROR The output file must end in .pdf or .xlsx: {tmp_path}/p.docx\n"
    assert not (tmp_path / "p.pdf").exists() and not (tmp_path / "p.docx").exists()


@pytest.mark.parametrize(
    ("markdown", "lines"),
    [
        ("**Tone.** Close, *friendly*; see [the shop](https://forn.example/shop).",
         [("text", "Tone. Close, friendly; see the shop (https://forn.example/shop).")]),
        ("## Who\n- Marta\n* Jordi\n\n1. First\n2) Second\nmore\ntext",
         [("heading", "Who"), ("bullet", "Marta"), ("bullet", "Jordi"),
          ("numbered", "1. First"), ("numbered", "2. Second"), ("text", "more text")]),
        ("<b>raw</b> stays as written", [("text", "<b>raw</b> stays as written")]),
        ("snake_case_name and 2 * 3 * 4", [("text", "snake_case_name and 2 * 3 * 4")]),
    ],
)  # fmt: skip
def test_markdown_is_laid_out_as_text(markdown, lines):
    assert plan_content.markdown_lines(markdown) == lines


def test_the_toolkit_page_offers_the_plan_to_a_viewer(demo_db, start_app):
    at = start_app(None, signed_in(demo_db, "viewer"))
    at = run(at.switch_page("pages/toolkit.py"))
    assert at.download_button(key="plan_download_pdf").proto.label == "Plan as PDF"
    assert at.download_button(key="plan_download_xlsx").proto.label == "Plan as XLSX"
    assert any(c.value.startswith("The whole plan in one document") for c in at.caption)
    # what the buttons send when clicked (made then, in the download's own thread)
    pages = pdf_pages(plan_view.plan_file(str(demo_db), "es", "pdf"))
    assert pages[0].startswith("Plan de redes sociales Preparado para Forn de la Plaça")
    book = load_workbook(io.BytesIO(plan_view.plan_file(str(demo_db), "en", "xlsx")))
    assert book.sheetnames[0] == "Guide"


# Issue 15, point 6: money with its currency in the plan document too.
MONEY = {
    "es": [
        "Ingresos desde redes · Todas las redes sociales · 2.043,86 € → 2.800,00 €",
        "Coste por conversión · LinkedIn · 15,00 € → 12,00 €",
        "Ingresos desde redes Todas las redes sociales 1.471,95 € 2.800,00 €",
        "Coste por conversión LinkedIn 12,06 € 12,00 €",
    ],
    "en": [
        "Revenue from social · All social networks · €2,043.86 → €2,800.00",
        "Cost per conversion · LinkedIn · €15.00 → €12.00",
        "Revenue from social All social networks €1,471.95 €2,800.00",
        "Cost per conversion LinkedIn €12.06 €12.00",
    ],
}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_plan_pdf_writes_money_kpis_with_the_currency(demo_db, lang):
    with store.connect(demo_db) as con:
        pages = pdf_pages(plan_document.plan_bytes(con, OCTOBER, lang, "pdf"))
    text = " ".join(pages[1:])
    for words in MONEY[lang]:
        assert words in text, words
    assert "14.037" in text if lang == "es" else "14,037" in text  # counts stay counts


@pytest.mark.parametrize(("lang", "money"), [("es", '#,##0.00 "€"'), ("en", '"€"#,##0.00')])
def test_the_plan_xlsx_keeps_kpi_values_numbers_with_their_format(demo_db, lang, money):
    with store.connect(demo_db) as con:
        book = load_workbook(io.BytesIO(plan_document.plan_bytes(con, OCTOBER, lang, "xlsx")))
    sheet = book.worksheets[plan_content.SECTIONS.index("kpis")]
    assert [c.value for c in sheet[1]][3:5] == {
        "es": ["Actual", "Meta"],
        "en": ["Current", "Target"],
    }[lang]
    # by KPI and network: (current, target) as the cells hold them
    rows = {(r[1].value, r[2].value): (r[3], r[4]) for r in sheet.iter_rows(min_row=2)}
    names = {
        "es": ("Ingresos desde redes", "Coste por conversión", "Seguidores al final del periodo"),
        "en": ("Revenue from social", "Cost per conversion", "Followers at end of period"),
    }[lang]
    everywhere = {"es": "Todas las redes sociales", "en": "All social networks"}[lang]
    current, target = rows[(names[0], everywhere)]
    assert (current.value, target.value) == (pytest.approx(1471.95), 2800)
    assert current.number_format.startswith(money) and target.number_format.startswith(money)
    current, _ = rows[(names[1], "LinkedIn")]
    assert current.value == pytest.approx(12.06) and current.number_format.startswith(money)
    current, _ = rows[(names[2], "Instagram")]
    assert current.value == 14037 and current.number_format == "#,##0"
    rate = next(cells for (kpi, _), cells in rows.items() if kpi.startswith(("Tasa", "Engage")))
    assert rate[0].value == pytest.approx(4.29) and rate[0].number_format == '0.00" %"'
