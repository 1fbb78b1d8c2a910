"""Reading a form export: CSV in whatever encoding and delimiter the tool chose, or XLSX.

A form tool's export arrives as

- CSV in UTF-8 with or without a byte-order mark (Nettskjema, Google Forms, pretix), UTF-16
  with a BOM and tabs (Excel's "Unicode text"), or Windows-1252 with semicolons (Excel on a
  Nordic Windows); the delimiter is `,`, `;` or a tab, found from the rows themselves;
- XLSX (Microsoft Forms, Eventbrite), read with openpyxl in read-only mode, first sheet.

What comes out is a `Table`: the header row and the rows that have anything in them, each
with its number as a spreadsheet shows it (the header is row 1), so a message can say "row
7, column E-post". Empty rows are counted and skipped as they are read: a file with a million
empty rows costs a million empty lines of reading, not a million rows in memory.

A file that cannot be read as a table ends in one `InvalidInput` that says where.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from planner.errors import InvalidInput, NotFound, Problem
from planner.words import Words

MAX_FILE_BYTES = 128 * 1024 * 1024
"""A form export larger than this is not a form export (100,000 registrations with long
answers take about 30 MB; reading holds the file about eight times over in memory)."""
MAX_COLUMNS = 1_000
"""Columns in one file: a form with more questions than this is not a registration form."""
MAX_ROWS = 1_000_000
"""Rows with something in them."""
MAX_CELL = 131_072
"""Characters in one cell (the csv module's own limit)."""

DELIMITERS = (",", ";", "\t")
_SAMPLE_CHARS = 64 * 1024
_XLSX_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of the file with something in it, numbered as a spreadsheet shows it."""

    number: int
    cells: tuple[str, ...]
    extra_cells: int = 0
    """Cells with something in them beyond the last header: the row is refused."""


@dataclass(slots=True)
class Table:
    """A form export read: its headers, its rows, and how it was read."""

    source: str
    kind: str
    """"csv" or "xlsx"."""
    headers: tuple[str, ...]
    rows: list[SourceRow] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    empty_rows: int = 0

    @property
    def delimiter_name(self) -> str:
        return {",": "comma", ";": "semicolon", "\t": "tab"}.get(self.delimiter or "", "")


def read_table(path: Path) -> Table:
    """The table in the file at `path`: XLSX by its content, else CSV."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InvalidInput([Problem(str(path), Words("intake_read.not_a_file"))])
        if size > MAX_FILE_BYTES:
            raise InvalidInput(
                [Problem(str(path), Words("intake_read.too_large", limit=MAX_FILE_BYTES >> 20))]
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(Words("intake_read.missing", path=str(path))) from None
    except OSError as error:
        raise InvalidInput(
            [Problem(str(path), Words("intake_read.unreadable", reason=error.strerror or error))]
        ) from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, source: str) -> Table:
    """The table in `data`, read from the file named `source` (for messages)."""
    if data.startswith(_XLSX_MAGIC):
        return read_xlsx(data, source)
    if data.startswith(_OLD_EXCEL_MAGIC):
        raise InvalidInput([Problem(source, Words("intake_read.old_excel"))])
    if source.lower().endswith((".xlsx", ".xlsm")):
        raise InvalidInput([Problem(source, Words("intake_read.not_xlsx"))])
    encoding = detect_encoding(data, source)
    text = _decoded(data, encoding, source)
    return read_csv_text(text, source, encoding=encoding)


# -- encodings -------------------------------------------------------------------------------


def detect_encoding(data: bytes, source: str = "") -> str:
    """The encoding of a CSV export: its byte-order mark, else UTF-16 when every other byte
    of the start is zero, else UTF-8 when it decodes as UTF-8, else Windows-1252.

    >>> detect_encoding("Navn;E-post\\nKåre;k@x.no".encode("cp1252"))
    'cp1252'
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        odd_zeros = sample[1::2].count(0)
        even_zeros = sample[0::2].count(0)
        if odd_zeros > even_zeros * 4:
            return "utf-16-le"
        if even_zeros > odd_zeros * 4:
            return "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def encoding_name(encoding: str | None) -> str:
    """How to name an encoding to a secretariat: 'UTF-8 with BOM', 'Windows-1252'."""
    return {
        "utf-8-sig": "UTF-8 (BOM)",
        "utf-8": "UTF-8",
        "utf-16": "UTF-16 (BOM)",
        "utf-16-le": "UTF-16 LE",
        "utf-16-be": "UTF-16 BE",
        "utf-32": "UTF-32 (BOM)",
        "cp1252": "Windows-1252",
        None: "",
    }.get(encoding, encoding or "")


def _decoded(data: bytes, encoding: str, source: str) -> str:
    """The text of `data`; a byte that cannot be read is named by its line and its place in
    the line (counted in bytes from 1)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        words = Words(
            "intake_read.undecodable",
            byte=f"0x{data[error.start]:02X}",
            column=error.start - line_start + 1,
            encoding=encoding_name(encoding),
        )
        line = data.count(b"\n", 0, error.start) + 1
        raise InvalidInput([Problem(source, words, line=line)]) from None


# -- CSV ---------------------------------------------------------------------------------------


def read_csv_text(text: str, source: str, *, encoding: str | None = None) -> Table:
    """The table in CSV text; the delimiter is detected from its first rows."""
    delimiter = detect_delimiter(text)
    records = _csv_records(text, delimiter, source)
    return _table(records, source, kind="csv", encoding=encoding, delimiter=delimiter)


def detect_delimiter(text: str) -> str:
    """`,`, `;` or tab: the one that splits the first rows into the most columns, the same
    number in each row (quoted fields with delimiters and line breaks inside are one cell).

    >>> detect_delimiter('Navn;"Organisasjon, avdeling";E-post\\nKari;KS, Oslo;k@ks.no\\n')
    ';'
    """
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    best, best_score = ",", (0, 0.0, 0)
    for delimiter in DELIMITERS:
        rows = [row for row in _sample_rows(sample, delimiter) if any(c.strip() for c in row)]
        if not rows:
            continue
        width = len(rows[0])
        alike = sum(len(row) == width for row in rows) / len(rows)
        score = (int(width > 1), alike, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _sample_rows(sample: str, delimiter: str) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) >= 50:
                break
    except csv.Error:
        pass  # a sample cut inside a quoted field: judge by the rows read so far
    return rows


def _csv_records(text: str, delimiter: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every record, numbered from 1 like spreadsheet rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InvalidInput(
                [
                    Problem(
                        source,
                        Words("intake_read.bad_csv_row", reason=_csv_reason(error)),
                        line=number,
                    )
                ]
            ) from None
        yield number, cells


def _csv_reason(error: csv.Error) -> Words:
    if "field larger than field limit" in str(error):
        return Words("intake_read.cell_too_long", limit=f"{MAX_CELL:,}")
    return Words("intake_read.csv_error", detail=str(error))


# -- XLSX --------------------------------------------------------------------------------------


def read_xlsx(data: bytes, source: str) -> Table:
    """The first sheet of an Excel workbook: dates and times as ISO text, whole numbers
    without '.0', formulas as their last computed value."""
    import zipfile

    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as error:
        raise InvalidInput(
            [Problem(source, Words("intake_read.bad_xlsx", detail=_short(error)))]
        ) from None
    except Exception as error:  # openpyxl raises its own kinds for every broken part
        if type(error).__module__.startswith(("openpyxl", "xml", "lxml", "et_xmlfile")):
            raise InvalidInput(
                [Problem(source, Words("intake_read.bad_xlsx", detail=_short(error)))]
            ) from None
        raise
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise InvalidInput([Problem(source, Words("intake_read.no_header"))])
        records = (
            (number, [_xlsx_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        try:
            return _table(records, source, kind="xlsx")
        except (ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
            raise InvalidInput(
                [Problem(source, Words("intake_read.bad_xlsx", detail=_short(error)))]
            ) from None
    finally:
        workbook.close()


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 120 else text[:119] + "…"


# -- both --------------------------------------------------------------------------------------


def _table(
    records: Iterable[tuple[int, list[str]]],
    source: str,
    *,
    kind: str,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Table:
    """The header (the first row with something in it) and the rows after it that have
    something in them."""
    table: Table | None = None
    empty = 0
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            empty += 1
            continue
        if table is None:
            table = Table(
                source, kind, _headers(cells, source, number), encoding=encoding,
                delimiter=delimiter,
            )  # fmt: skip
            continue
        _check_count(table)
        width = len(table.headers)
        extra = sum(1 for cell in cells[width:] if cell.strip())
        table.rows.append(SourceRow(number, _trimmed(cells, width), extra))
    if table is None:
        raise InvalidInput([Problem(source, Words("intake_read.no_header"))])
    table.empty_rows = empty
    return table


def _headers(cells: list[str], source: str, number: int) -> tuple[str, ...]:
    """The header row's cells cleaned: outer space and stray BOMs gone, NFC; an empty or
    repeated header gets its column number so every column can be named."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) > MAX_COLUMNS:
        raise InvalidInput(
            [Problem(source, Words("intake_read.too_many_columns", limit=MAX_COLUMNS), number)]
        )
    headers: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(cells, start=1):
        header = clean_header(cell) or f"#{index}"
        if header.casefold() in seen:
            header = f"{header} (#{index})"
        seen.add(header.casefold())
        headers.append(header)
    return tuple(headers)


def clean_header(cell: str) -> str:
    """'\\ufeff E-post \\n' -> 'E-post'."""
    cell = unicodedata.normalize("NFC", cell.replace("\ufeff", "").replace("\u200b", ""))
    return " ".join(cell.split())[:300]


def _check_count(table: Table) -> None:
    if len(table.rows) >= MAX_ROWS:
        raise InvalidInput(
            [Problem(table.source, Words("intake_read.too_many_rows", limit=f"{MAX_ROWS:,}"))]
        )


def _trimmed(cells: list[str], width: int) -> tuple[str, ...]:
    if len(cells) < width:
        return (*cells, *([""] * (width - len(cells))))
    return tuple(cells[:width])
