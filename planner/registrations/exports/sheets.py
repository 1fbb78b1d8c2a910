"""Tables written for Excel, safely: CSV (UTF-8 with a byte-order mark, so Excel reads the
letters right; `;` for a Nordic Excel or `,`) and XLSX.

A cell a registrant typed is data, never a formula: in CSV every cell that starts with `=`,
`+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so Excel shows
"'=HYPERLINK(…)" instead of running it (OWASP's advice for CSV injection); in XLSX every
text is written as a text cell, so nothing is ever a formula and nothing needs changing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITERS = {"semicolon": ";", "comma": ","}


@dataclass(slots=True)
class Sheet:
    """One table: a title (the XLSX sheet's name), its headers and its rows."""

    title: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)


def neutralised(value: object) -> str:
    """A cell's text as CSV may carry it to Excel: one that Excel would read as a formula
    starts with an apostrophe.

    >>> neutralised("=HYPERLINK(\\"http://x\\")"), neutralised("+47 22 00 00 00")
    ('\\'=HYPERLINK("http://x")', "'+47 22 00 00 00")
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(sheet: Sheet, delimiter: str = ";") -> bytes:
    """The sheet as CSV in UTF-8 with a byte-order mark, lines ending CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow([neutralised(header) for header in sheet.headers])
    for row in sheet.rows:
        writer.writerow([neutralised(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an Excel workbook; every text is a text cell, never a formula; whole
    numbers are numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title))
        worksheet.append([_header(worksheet, header, bold) for header in sheet.headers])
        for row in sheet.rows:
            worksheet.append([_cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(worksheet: Any, value: object) -> Any:
    """A number as a number; text as text: openpyxl would take "=…" for a formula and
    "#N/A" for an error, so those get a cell whose type is set to text after the value."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))[:32767]
    if not text.startswith("=") and text not in ERROR_CODES:
        return text
    cell = WriteOnlyCell(worksheet, value=text)
    cell.data_type = "s"
    return cell


def _header(worksheet: Any, value: str, font: Any) -> Any:
    cell = _cell(worksheet, value)
    if isinstance(cell, str):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(worksheet, value=cell)
    cell.font = font
    return cell


_FORBIDDEN_IN_TITLES = str.maketrans({ch: " " for ch in "[]:*?/\\"})


def _sheet_title(title: str) -> str:
    """Excel's sheet names: at most 31 characters, none of []:*?/\\."""
    return " ".join(title.translate(_FORBIDDEN_IN_TITLES).split())[:31] or "Sheet"
