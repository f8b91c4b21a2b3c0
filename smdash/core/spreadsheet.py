"""Downloads that open safely in a spreadsheet: CSV and XLSX with formula-like cells defused.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab / carriage return before one) is
read as a formula by Excel and LibreOffice, even in a CSV; such text gets a leading apostrophe.
Numbers stay numbers: a negative figure is not text and is written as it is.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET_NAME = 31  # Excel's limit


def safe_cell(value: object) -> object:
    """The value, or text prefixed with ``'`` when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and header) passed through ``safe_cell``."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(safe_cell)
    safe.columns = [safe_cell(str(c)) for c in safe.columns]
    return safe


def write_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel then reads the accents right), formula-like cells defused."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def _plain(value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()  # a day: the spreadsheet shows no time
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


# An Excel number format for a column (by its header, in any sheet): one for every row, or one
# per row (None: the default), e.g. ``i18n.xlsx_money_format``'s for amounts.
Formats = Mapping[str, str | Sequence[str | None]]


def write_xlsx(sheets: Mapping[str, pd.DataFrame], formats: Formats | None = None) -> bytes:
    """An XLSX workbook with one sheet per (name, table), header row bold and frozen.

    ``formats`` gives columns a number format: their cells stay numbers (a sum works on them)
    and show, say, the currency. Days are written as days, without a time of 00:00:00."""
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(str(safe_cell(name))[:MAX_SHEET_NAME].lstrip("'") or "Sheet")
        sheet.append([safe_cell(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([safe_cell(_plain(v)) for v in row])
        _number_formats(sheet, frame, formats or {})
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(frame.columns, start=1):
            width = max([len(str(column)), *(len(str(v)) for v in frame[column].head(200))])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number_formats(sheet, frame: pd.DataFrame, formats: Formats) -> None:
    for index, column in enumerate(frame.columns, start=1):
        codes = formats.get(str(column))
        if codes is None:
            continue
        if isinstance(codes, str):
            codes = [codes] * len(frame)
        cells = sheet.iter_rows(min_row=2, min_col=index, max_col=index)
        for (cell,), code in zip(cells, codes, strict=True):
            if code and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = code
