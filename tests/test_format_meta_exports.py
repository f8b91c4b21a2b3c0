"""Meta Business Suite exports as real accounts download them (issue 13: points 3, 4b-e, 5)
and files whose lines end in mixed or odd ways (point 11), each with exact figures, through
the pipeline, the command line and the Import page. The fixtures are written by
tests/fixtures/make_meta_fixtures.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from page_support import texts
from signin_support import signed_in

from smdash.db import store
from smdash.imports.errors import ImportFailed
from smdash.imports.fields import locate
from smdash.imports.formats import meta_posts
from smdash.imports.history import import_history
from smdash.imports.pipeline import import_file
from smdash.imports.sniff import sniff

OWN = Path(__file__).resolve().parent / "fixtures"
D, T = dt.date, dt.datetime
SKIPPED_3 = "3 rows skipped: Meta could not compute their metrics"

POST_FIGURES = """SELECT post_id, published_at, impressions, reach, engagements, reactions,
                         comments, shares, saves, clicks, link_clicks, video_views
                  FROM posts ORDER BY published_at DESC"""


def imported(con, name: str) -> tuple:
    """Import a fixture of one part: (format, rows, rows skipped, why, account)."""
    (part,) = import_file(con, OWN / name).prepared.parts
    return part.format.name, part.rows, part.skipped, part.skip_reason, part.account


def series(platform: str, metric: str, values: list[float]) -> list[tuple]:
    """Rows of ``account_daily`` for consecutive days from 2025-10-01."""
    return [(platform, D(2025, 10, day), metric, v) for day, v in enumerate(values, start=1)]


def daily(con, metric: str | None = None) -> list[tuple]:
    return con.execute(
        """SELECT platform, day, metric, value FROM account_daily
           WHERE metric = coalesce(?, metric) ORDER BY platform, metric, day""",
        [metric],
    ).fetchall()


# ---------------------------------------------------------------------------------------------
# 3. post exports


def test_rows_meta_could_not_compute_are_skipped_and_counted(con):
    """(a) rows with no Post ID and a Data comment; (b) older posts with 27 of 31 cells."""
    assert imported(con, "meta_facebook_posts_2025.csv") == (
        "meta_facebook_posts",
        7,
        3,
        "meta_no_metrics",
        "Librería La Nau",
    )
    assert con.execute(POST_FIGURES).fetchall() == [
        ("1029384756000001", T(2025, 10, 30, 18), 2400, 1800, 143, 120, 14, 9, None, 60, 22, None),
        ("1029384756000002", T(2025, 10, 21, 12, 15), 1500, 1100, 45, 40, 3, 2, None, 80, 51, None),
        (
            "1029384756000003",
            T(2025, 10, 12, 9, 30),
            5200,
            4300,
            375,
            310,
            25,
            40,
            None,
            150,
            0,
            None,
        ),
        ("1029384756000004", T(2025, 10, 2, 19, 45), 800, 650, 16, 12, 4, 0, None, 10, 0, None),
        # the older posts, whose lines lack the last four columns
        ("1029384756000005", T(2025, 9, 20, 10), 3100, 2500, 114, 95, 8, 11, None, 70, 30, None),
        ("1029384756000006", T(2025, 9, 5, 17, 30), 900, 700, 22, 20, 1, 1, None, 35, 28, None),
        ("1029384756000007", T(2025, 8, 28, 11), 4100, 3600, 245, 200, 30, 15, None, 90, 0, None),
    ]
    history = import_history(con)
    assert history[["rows_added", "rows_skipped", "skip_reason"]].values.tolist() == [
        [7, 3, "meta_no_metrics"]
    ]
    again = import_file(con, OWN / "meta_facebook_posts_2025.csv")
    assert (again.counts.added, again.counts.unchanged, again.prepared.parts[0].skipped) == (
        0,
        7,
        3,
    )


def test_skipped_rows_keep_the_row_numbers_of_later_refusals(con, tmp_path, snapshot):
    text = (OWN / "meta_facebook_posts_2025.csv").read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    assert lines[8].startswith("1029384756000005,")  # below all three skipped rows, short
    lines[8] = lines[8].replace(",3100,2500,", ",lots,2500,", 1)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(con)
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    assert caught.value.message() == (
        "bad.csv, row 9, column 'Views': expected a whole number, found 'lots'."
    )
    assert snapshot(con) == before


def test_a_file_whose_every_row_meta_could_not_compute_says_so(con, tmp_path):
    lines = (OWN / "meta_instagram_posts_2025.csv").read_text(encoding="utf-8-sig").split("\n")
    path = tmp_path / "none.csv"
    path.write_text("\n".join(line for line in lines if not line[:1].isdigit()), encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    assert caught.value.code == "no_rows"
    assert caught.value.message() == (
        "none.csv has no row to import: Meta could not compute the metrics of any of its 3 rows."
    )
    assert caught.value.message("es") == (
        "none.csv no tiene ninguna fila que importar: Meta no ha podido calcular las métricas "
        "de ninguna de sus 3 filas."
    )


def test_a_short_row_at_the_end_of_a_file_cut_short_is_still_refused(con, tmp_path):
    """Short rows are read only in a file whose last line is complete."""
    text = (OWN / "meta_facebook_posts_2025.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "cut.csv"
    path.write_text(text.rstrip("\n"), encoding="utf-8")  # ends inside its last (short) line
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    assert caught.value.code == "csv_shape"
    assert caught.value.message() == (
        "cut.csv, line 9: the row does not have the columns of the header (it has 27 of 31). "
        "Is the file cut short?"
    )
    assert caught.value.message("es") == (
        "cut.csv, línea 9: la fila no tiene las columnas de la cabecera (tiene 27 de 31). "
        "¿Está el archivo cortado?"
    )


def test_a_short_row_of_another_export_says_how_many_columns_it_has(con, tmp_path):
    lines = (OWN / "ga4_mixed_line_ends.csv").read_text().splitlines()
    lines[12] = ",".join(lines[12].split(",")[:4])
    path = tmp_path / "short.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    assert caught.value.message() == (
        "short.csv, line 13: the row does not have the columns of the header (it has 4 of 11). "
        "Is the file cut short?"
    )


def test_a_header_naming_views_twice_reads_the_first(con):
    """The rule (smdash/imports/formats/meta_posts.py): the first of the columns is read."""
    import_file(con, OWN / "meta_facebook_posts_views_twice.csv")
    assert con.execute("SELECT post_id, impressions FROM posts ORDER BY post_id").fetchall() == [
        ("1029384756000001", 2400),
        ("1029384756000002", 1500),
        ("1029384756000003", 5200),
    ]


def test_the_video_export(con):
    assert imported(con, "meta_facebook_videos.csv") == (
        "meta_facebook_videos",
        3,
        1,
        "meta_no_metrics",
        "Librería La Nau",
    )
    assert con.execute(POST_FIGURES).fetchall() == [
        (
            "884412093311201",
            T(2025, 10, 12, 9, 30),
            None,
            4300,
            375,
            310,
            25,
            40,
            None,
            None,
            None,
            3900,
        ),
        ("884412093311202", T(2025, 10, 8, 18), None, 2100, 95, 85, 6, 4, None, None, None, 1250),
        ("884412093311203", T(2025, 9, 25, 12), None, 1300, 33, 30, 2, 1, None, None, None, 760),
    ]
    assert con.execute("SELECT DISTINCT platform, post_type FROM posts ORDER BY 2").fetchall() == [
        ("facebook", "Reels"),
        ("facebook", "Videos"),
    ]


INSTAGRAM_2025 = [
    ("18034455667788001", T(2025, 10, 29, 19), 6100, 4200, 585, 410, 52, 35, 88, None, None, None),
    (
        "18034455667788002",
        T(2025, 10, 20, 13, 30),
        2300,
        1900,
        190,
        150,
        12,
        8,
        20,
        None,
        None,
        None,
    ),
    (
        "18034455667788003",
        T(2025, 10, 11, 10),
        15200,
        11800,
        1355,
        980,
        75,
        140,
        160,
        None,
        None,
        None,
    ),
    ("18034455667788004", T(2025, 10, 3, 18, 15), 1100, 950, 70, 60, 5, 2, 3, None, None, None),
    (
        "18034455667788005",
        T(2025, 9, 22, 9, 45),
        4800,
        3500,
        415,
        300,
        33,
        21,
        61,
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    "name", ["meta_instagram_posts_2025.csv", "meta_instagram_posts_es_2025.csv"]
)
def test_the_newer_instagram_export_in_english_and_spanish(con, name):
    """Engagements = likes + comments + shares + saves: 'Veces guardado' counts in Spanish."""
    assert imported(con, name) == (
        "meta_instagram_posts",
        5,
        3,
        "meta_no_metrics",
        "librerialanau",
    )
    assert con.execute(POST_FIGURES).fetchall() == INSTAGRAM_2025
    assert con.execute("SELECT sum(engagements), sum(saves) FROM posts").fetchone() == (2615, 332)


# every header of Meta's English post exports that smdash reads, and its Spanish name
SPANISH_HEADERS = {
    "Post ID": "Identificador de la publicación",
    "Page ID": "Identificador de la página",
    "Page name": "Nombre de la página",
    "Account ID": "Identificador de la cuenta",
    "Account username": "Nombre de usuario de la cuenta",
    "Title": "Título",
    "Description": "Descripción",
    "Publish time": "Hora de publicación",
    "Permalink": "Enlace permanente",
    "Post type": "Tipo de publicación",
    "Data comment": "Comentario sobre los datos",
    "Views": "Visualizaciones",
    "Impressions": "Impresiones",
    "Reach": "Alcance",
    "Reactions, Comments and Shares": "Reacciones, comentarios y veces que se ha compartido",
    "Reactions": "Reacciones",
    "Likes": "Me gusta",
    "Comments": "Comentarios",
    "Shares": "Veces que se ha compartido",
    "Saves": "Veces guardado",
    "Total clicks": "Clics totales",
    "Link clicks": "Clics en el enlace",
    "Video asset ID": "Identificador de la pieza de vídeo",
    "3-second video views": "Visualizaciones de vídeo de 3 segundos",
}


@pytest.mark.parametrize(
    "fmt",
    [meta_posts.FACEBOOK, meta_posts.INSTAGRAM, meta_posts.FACEBOOK_VIDEOS],
    ids=lambda f: f.name,
)
def test_every_english_meta_header_has_its_spanish_name(fmt):
    english = list(SPANISH_HEADERS)
    spanish = [SPANISH_HEADERS[h] for h in english]
    found = locate(fmt.fields, english)
    assert found is not None
    assert locate(fmt.fields, spanish) == found
    assert set(found) == {f.name for f in fmt.fields}  # every field of the format is named


# ---------------------------------------------------------------------------------------------
# 4. daily series


def test_two_series_in_one_file_are_two_parts(con):
    result = import_file(con, OWN / "meta_daily_two_series.csv")
    assert [(p.source, p.platform, p.rows) for p in result.prepared.parts] == [
        ("meta_daily_two_series.csv [Facebook follows]", "facebook", 5),
        ("meta_daily_two_series.csv [Instagram follows]", "instagram", 5),
    ]
    assert daily(con) == [
        *series("facebook", "new_followers", [12.0, 0.0, 7.0, 31.0, 4.0]),
        *series("instagram", "new_followers", [40.0, 22.0, 0.0, 18.0, 65.0]),
    ]
    history = import_history(con)
    assert history["source"].tolist() == [p.source for p in result.prepared.parts]


def test_utf16_tab_separated_with_a_sep_line(con):
    result = import_file(con, OWN / "meta_daily_tab.csv")
    assert result.prepared.format.name == "meta_daily_series"
    values = [1520.0, 1380.0, 2045.0, 990.0, 1710.0, 2230.0]
    assert daily(con) == series("instagram", "impressions", values)


def test_a_sep_line_may_spell_the_tab(tmp_path):
    path = tmp_path / "views.csv"
    path.write_text('sep=\\t\r\n"Instagram views"\r\n"Date"\t"Primary"\r\n', encoding="utf-16")
    assert sniff(path, path.name).delimiter == "\t"


def test_spanish_seguidores_are_followers_gained_never_the_count(con):
    import_file(con, OWN / "meta_daily_seguidores_es.csv")
    gained = [517.0, 402.0, 388.0, 611.0, 455.0, 390.0, 480.0]
    assert daily(con) == series("instagram", "new_followers", gained)
    assert daily(con, "followers") == []
    total = "SELECT sum(value) FROM account_daily WHERE metric = 'new_followers'"
    assert con.execute(total).fetchone() == (3243.0,)


def test_the_xlsx_download_of_two_series(con):
    result = import_file(con, OWN / "meta_daily_series.xlsx")
    assert [(p.format.name, p.source, p.rows) for p in result.prepared.parts] == [
        ("meta_daily_series_xlsx", "meta_daily_series.xlsx [Export] [Facebook reach]", 4),
        ("meta_daily_series_xlsx", "meta_daily_series.xlsx [Export] [Instagram reach]", 4),
    ]
    assert daily(con) == [
        *series("facebook", "reach", [830.0, 910.0, 1204.0, 760.0]),
        *series("instagram", "reach", [2400.0, 2210.0, 3105.0, 1980.0]),
    ]


# ---------------------------------------------------------------------------------------------
# 11. line endings


GA4_FIGURES = """SELECT date_from, source, medium, campaign, sessions, engaged_sessions,
                        conversions, revenue FROM web_traffic ORDER BY ALL"""
GA4_ROWS = [
    (D(2025, 10, 1), "facebook", "social", "(organic)", 40, 25, 2.0, 19.9),
    (D(2025, 10, 1), "google", "organic", "(organic)", 120, 90, 6.0, 88.5),
    (D(2025, 10, 1), "ig", "social", "(organic)", 55, 30, 1.0, 0.0),
    (D(2025, 10, 2), "(direct)", "(none)", "(direct)", 75, 51, 4.0, 120.25),
    (D(2025, 10, 2), "facebook", "social", "(organic)", 38, 20, 0.0, 0.0),
    (D(2025, 10, 2), "ig", "social", "otono25", 61, 44, 3.0, 45.0),
]


@pytest.mark.parametrize("name", ["ga4_mixed_line_ends.csv", "ga4_cr_line_ends.csv"])
def test_mixed_or_bare_cr_line_ends_read_like_clean_ones(con, tmp_path, name):
    result = import_file(con, OWN / name)
    assert (result.prepared.format.name, result.counts.added) == ("ga4_traffic_acquisition", 6)
    assert con.execute(GA4_FIGURES).fetchall() == GA4_ROWS
    clean = tmp_path / "clean.csv"  # the same rows, every line ending in LF
    clean.write_text((OWN / name).read_bytes().decode().replace("\r\n", "\n").replace("\r", "\n"))
    with store.connect(tmp_path / "other.duckdb") as other:
        import_file(other, clean)
        assert other.execute(GA4_FIGURES).fetchall() == GA4_ROWS


def test_a_line_separator_inside_a_caption_is_no_line_end(con, tmp_path):
    """U+2028 (captions pasted from phones) is text: str.splitlines would take it for a line
    end and find the header one line off."""
    text = (OWN / "meta_facebook_posts_2025.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "caption.csv"
    path.write_text(text.replace("Novedades de otoño", "Novedades\u2028de otoño"), encoding="utf-8")
    result = import_file(con, path)
    assert result.counts.added == 7
    text_of = "SELECT text FROM posts WHERE post_id = '1029384756000002'"
    assert con.execute(text_of).fetchone() == ("Novedades\u2028de otoño",)


def test_no_data_rows_only_when_there_are_none(con, tmp_path):
    path = tmp_path / "header.csv"
    lines = (OWN / "ga4_mixed_line_ends.csv").read_bytes().split(b"\r\n")
    path.write_bytes(lines[0] + b"\r\n")  # the preamble and the header, in mixed line ends
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path)
    assert caught.value.message() == "header.csv has a header but no data rows."


# ---------------------------------------------------------------------------------------------
# the command line and the Import page


def test_the_command_line_says_what_it_skipped(db_path, smdash_cli):
    files = [OWN / "meta_facebook_posts_2025.csv", OWN / "meta_daily_two_series.csv"]
    result = smdash_cli("import", "--db", db_path, *files)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "meta_facebook_posts_2025.csv: meta_facebook_posts: 7 added, 0 updated, 0 unchanged "
        f"(import #1); {SKIPPED_3}",
        "meta_daily_two_series.csv: meta_daily_series + meta_daily_series: 10 added, 0 updated, "
        "0 unchanged (import #2)",
    ]
    spanish = smdash_cli(
        "import", "--db", db_path, "--lang", "es", OWN / "meta_facebook_videos.csv"
    )
    assert spanish.stdout == (
        "meta_facebook_videos.csv: meta_facebook_videos: 3 added, 0 updated, 0 unchanged "
        "(import #3); 1 fila omitida: Meta no ha podido calcular sus métricas\n"
    )


@pytest.fixture
def smdash_cli():
    from conftest import smdash

    return smdash


def test_the_import_page_counts_the_skipped_rows_and_shows_each_series(
    db_path, start_app, tmp_path
):
    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    supported = at.dataframe[0].value
    assert {
        "Facebook videos (Meta Business Suite)",
        "Facebook / Instagram daily figures, XLSX (Meta Business Suite)",
    } <= set(supported["Export"])
    posts = (OWN / "meta_instagram_posts_2025.csv").read_bytes()
    series = (OWN / "meta_daily_two_series.csv").read_bytes()
    at.file_uploader[0].set_value(
        [("ig.csv", posts, "text/csv"), ("series.csv", series, "text/csv")]
    ).run()
    assert not at.exception
    assert [m.value for m in at.metric if m.label == "Rows"] == ["5", "5", "5"]
    assert SKIPPED_3 in texts(at.caption)
    detected = [t.replace("\\", "") for t in texts(at.markdown) if t.startswith("**")]
    assert detected == [
        "**ig.csv: Instagram posts (Meta Business Suite)**",
        "**series.csv [Facebook follows]: Facebook / Instagram daily figures (Meta Business "
        "Suite)**",
        "**series.csv [Instagram follows]: Facebook / Instagram daily figures (Meta Business "
        "Suite)**",
    ]
    at.button(key="confirm_import").click().run()
    assert not at.exception
    history = at.dataframe[-1].value
    assert history["Skipped"].tolist() == ["", "", SKIPPED_3]
    assert history["Added"].tolist() == [5, 5, 5]


def test_duckdb_complaints_in_the_users_words():
    from smdash.imports.parse import _csv_error

    caption = 'Original Line: 1,2,"Cómo hacer que tu ramo dure más\n1) Corta\n2) Agua\n3) Sol",4'
    columns = f"CSV Error on Line: 12\n{caption}\nExpected Number of Columns: 31 Found: 27\n"
    assert _csv_error("posts.csv", columns).message() == (
        "posts.csv, line 12: the row does not have the columns of the header (it has 27 of 31). "
        "Is the file cut short?"
    )
    other = "CSV Error on Line: 7\nOriginal Line: x\nSomething DuckDB did not like\n"
    assert _csv_error("posts.csv", other).message() == (
        "posts.csv, line 7: the row does not have the columns of the header. Is the file cut short?"
    )


def test_rows_the_reader_misses_are_not_called_missing(con, monkeypatch):
    """Should the reader ever find no row where the first lines show some, the message says
    the rows could not be read, never that the file has none."""
    from smdash.imports import pipeline

    def empty_raw(con, *args, **kwargs):
        con.execute("CREATE OR REPLACE TEMP TABLE raw AS SELECT '' AS c0 WHERE false")

    monkeypatch.setattr(pipeline, "load_raw", empty_raw)
    monkeypatch.setattr(pipeline, "_staged_in_one_pass", lambda *args, **kwargs: False)
    with pytest.raises(ImportFailed) as caught:  # in this process: the patches stay here
        import_file(con, OWN / "ga4_mixed_line_ends.csv", isolated=False)
    assert caught.value.message() == (
        "ga4_mixed_line_ends.csv: smdash could not read the rows below the header (from line "
        "11). Save the file again as CSV (UTF-8) and import that copy."
    )


# every other new shape: (file, what the command line says of it, the preview's rows per part)
SHAPES = [
    ("meta_facebook_posts_views_twice.csv", "meta_facebook_posts: 3 added", ["3"]),
    ("meta_instagram_posts_es_2025.csv", "meta_instagram_posts: 5 added", ["5"]),
    ("meta_daily_tab.csv", "meta_daily_series: 6 added", ["6"]),
    ("meta_daily_seguidores_es.csv", "meta_daily_series: 7 added", ["7"]),
    (
        "meta_daily_series.xlsx",
        "meta_daily_series_xlsx + meta_daily_series_xlsx: 8 added",
        ["4", "4"],
    ),
    ("ga4_mixed_line_ends.csv", "ga4_traffic_acquisition: 6 added", ["6"]),
    ("ga4_cr_line_ends.csv", "ga4_traffic_acquisition: 0 added", ["6"]),  # the same rows again
]


def test_every_shape_through_the_command_line(db_path, smdash_cli):
    result = smdash_cli("import", "--db", db_path, *(OWN / name for name, _, _ in SHAPES))
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert [line.split(", ")[0] for line in lines] == [
        f"{name}: {said}" for name, said, _ in SHAPES
    ]
    assert "; 3 rows skipped: Meta could not compute their metrics" in lines[1]


def test_every_shape_in_the_import_preview(db_path, start_app):
    at = start_app(None, signed_in(db_path))
    at.switch_page("pages/import_data.py").run()
    uploads = [(name, (OWN / name).read_bytes(), "text/csv") for name, _, _ in SHAPES]
    at.file_uploader[0].set_value(uploads).run()
    assert not at.exception
    assert not at.error
    rows = [metric.value for metric in at.metric if metric.label == "Rows"]
    assert rows == [n for _, _, parts in SHAPES for n in parts]
    assert texts(at.caption).count(SKIPPED_3) == 1  # the Spanish Instagram export
