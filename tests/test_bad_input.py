"""Every kind of bad file gets a message naming the file (and row/column where it applies),
and the database is exactly as it was."""

import re

import pytest
from openpyxl import Workbook

from smdash.imports.errors import ImportFailed
from smdash.imports.pipeline import import_file

FB = "meta_facebook_posts.csv"


@pytest.fixture
def loaded(con, sample):
    import_file(con, sample(FB))
    import_file(con, sample("ga4_traffic_acquisition_source_medium.csv"))
    return con


def refused(con, path, snapshot, max_bytes=None):
    before = snapshot(con)
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    with pytest.raises(ImportFailed) as caught:
        import_file(con, path, **kwargs)
    assert snapshot(con) == before
    return caught.value


def fb_lines(sample):
    return sample(FB).read_text(encoding="utf-8-sig").splitlines()


def test_empty_file(loaded, tmp_path, snapshot):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert refused(loaded, path, snapshot).message() == "empty.csv is empty."


def test_blank_lines_only(loaded, tmp_path, snapshot):
    path = tmp_path / "blank.csv"
    path.write_text("\n\n  \n")
    assert refused(loaded, path, snapshot).code == "empty"


def test_unknown_format_lists_the_known_ones(loaded, tmp_path, snapshot):
    path = tmp_path / "sales.csv"
    path.write_text("order,amount\n1,20\n")
    message = refused(loaded, path, snapshot).message()
    assert message.startswith("sales.csv is not an export smdash recognises. Known exports: ")
    assert "Facebook posts (Meta Business Suite)" in message
    assert "Google Analytics 4" in message


def test_truncated_last_row_names_the_line(loaded, sample, tmp_path, snapshot):
    lines = fb_lines(sample)
    path = tmp_path / "cut.csv"
    path.write_text("\n".join([*lines[:10], lines[10][:60]]) + "\n", encoding="utf-8")
    error = refused(loaded, path, snapshot)
    assert error.code == "csv_shape"
    assert error.message().startswith("cut.csv, line 11: the row does not have the columns")


def test_text_where_a_number_belongs_names_row_and_column(loaded, sample, tmp_path, snapshot):
    lines = fb_lines(sample)
    cells = lines[3].split(",")
    reach_index = lines[0].split(",").index("Reach")
    cells[reach_index] = "lots"
    lines[3] = ",".join(cells)
    path = tmp_path / "text.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = refused(loaded, path, snapshot)
    assert error.message() == (
        "text.csv, row 4, column 'Reach': expected a whole number, found 'lots'."
    )
    assert error.message("es") == (
        "text.csv, fila 4, columna 'Reach': se esperaba un número entero y hay 'lots'."
    )


def test_fraction_in_a_count_is_refused(loaded, sample, tmp_path, snapshot):
    lines = fb_lines(sample)
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("Views")] = "12.5"
    lines[2] = ",".join(cells)
    path = tmp_path / "fraction.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "row 3, column 'Views': expected a whole number, found '12.5'" in (
        refused(loaded, path, snapshot).message()
    )


def test_bad_date_names_the_expected_shape(loaded, sample, tmp_path, snapshot):
    lines = fb_lines(sample)
    lines[5] = lines[5].replace("03/", "yesterday/", 1)
    path = tmp_path / "date.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = refused(loaded, path, snapshot).message()
    assert message.startswith("date.csv, row 6, column 'Publish time': expected a date and time")
    assert "like 03/24/2026 17:30" in message


def test_missing_post_id_is_refused(loaded, sample, tmp_path, snapshot):
    lines = fb_lines(sample)
    lines[2] = "," + lines[2].split(",", 1)[1]
    path = tmp_path / "noid.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refused(loaded, path, snapshot).message() == (
        "noid.csv, row 3, column 'Post ID' is empty; it needs a value."
    )


def test_file_above_the_size_limit(loaded, sample, snapshot):
    error = refused(loaded, sample(FB), snapshot, max_bytes=1000)
    assert error.code == "too_big"
    assert error.message().startswith("meta_facebook_posts.csv is ")


def test_binary_file_named_csv(loaded, tmp_path, snapshot):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 50)
    assert refused(loaded, path, snapshot).message() == (
        "photo.csv is not a text CSV or an XLSX spreadsheet (it looks like a binary file)."
    )


def test_xlsx_with_no_data(loaded, tmp_path, snapshot):
    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    assert refused(loaded, path, snapshot).message() == (
        "blank.xlsx has no data: every sheet is empty."
    )


def test_zip_that_is_not_a_spreadsheet(loaded, tmp_path, snapshot):
    import zipfile

    path = tmp_path / "archive.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert refused(loaded, path, snapshot).message() == (
        "archive.csv is a ZIP archive with no export smdash recognises inside (it reads the CSV "
        "and XLSX files in it)."
    )


def test_header_without_rows(loaded, sample, tmp_path, snapshot):
    path = tmp_path / "header.csv"
    path.write_text(fb_lines(sample)[0] + "\n", encoding="utf-8")
    assert refused(loaded, path, snapshot).message() == (
        "header.csv has a header but no data rows."
    )


def test_duplicate_rows_for_one_post(loaded, sample, tmp_path, snapshot):
    lines = fb_lines(sample)
    path = tmp_path / "twice.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    assert refused(loaded, path, snapshot).code == "duplicate_key"


def test_ambiguous_day_month_order_is_refused(loaded, sample, tmp_path, snapshot):
    lines = fb_lines(sample)
    # every publish date has a day of 12 or less: 03/04 could be 3 April or 4 March
    body = [
        re.sub(r"\b03/(\d\d)/2026", lambda m: f"03/{int(m[1]) % 12 + 1:02d}/2026", line)
        for line in lines[1:]
    ]
    path = tmp_path / "ambiguous.csv"
    path.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    error = refused(loaded, path, snapshot)
    assert error.code == "ambiguous_dates"
    assert error.message().startswith("ambiguous.csv, column 'Publish time': the dates read both")


def test_day_month_order_is_decided_from_the_whole_column(con, sample, tmp_path):
    lines = fb_lines(sample)
    # day-first dates: only the days after the 12th can't be a month, and they decide for the
    # whole column (the 1st to the 12th would read as months too)
    body = [re.sub(r"\b03/(\d\d)/2026", r"\1/03/2026", line) for line in lines[1:]]
    path = tmp_path / "dayfirst.csv"
    path.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    import_file(con, path)
    published = dict(con.execute("SELECT post_id, published_at FROM posts").fetchall())
    assert published["5237267429293239"].isoformat() == "2026-03-17T18:45:00"
    assert published["1809664214107167"].isoformat() == "2026-03-05T13:45:00"  # not 3 May
