import io

import pandas as pd
from openpyxl import load_workbook

from smdash.core.spreadsheet import safe_cell, write_csv, write_xlsx


def test_formula_like_text_gets_an_apostrophe():
    assert [safe_cell(v) for v in ("=SUM(A1)", "+34 600", "-x", "@foo", "\t=1", "ok", -5, 1.5)] == [
        "'=SUM(A1)",
        "'+34 600",
        "'-x",
        "'@foo",
        "'\t=1",
        "ok",
        -5,
        1.5,
    ]


def test_csv_is_utf8_with_bom_and_defused():
    frame = pd.DataFrame({"campaign": ['=HYPERLINK("x")', "roscón"], "sessions": [-1, 2]})
    assert write_csv(frame).decode("utf-8-sig").splitlines() == [
        "campaign,sessions",
        '"\'=HYPERLINK(""x"")",-1',
        "roscón,2",
    ]


def test_xlsx_keeps_numbers_and_defuses_text():
    frame = pd.DataFrame(
        {"network": ["@ig", "facebook"], "sessions": [10, -3], "rate": [0.5, None]}
    )
    book = load_workbook(io.BytesIO(write_xlsx({"Traffic": frame})))
    assert book.sheetnames == ["Traffic"]
    rows = [list(r) for r in book["Traffic"].iter_rows(values_only=True)]
    assert rows == [["network", "sessions", "rate"], ["'@ig", 10, 0.5], ["facebook", -3, None]]
