"""XLSX data dictionaries (Excel workbooks) in the documented layout (see `rows`), read with
openpyxl: the first sheet, or the one named with --sheet.

| XLSX                                 | record                                       |
|--------------------------------------|----------------------------------------------|
| first row with text                  | layout columns (`rows.COLUMNS`), or --map    |
| one row per variable                 | Table.variables[]                            |
| numbers, dates                       | text as shown (1.0 -> "1", 2024-03-01)       |
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..importers.source import fatal
from .rows import Read, build

if TYPE_CHECKING:
    from ..importers.source import Source
    from . import Options

MAX_UNPACKED = 512 * 1024 * 1024  # a workbook that unpacks past this is a zip bomb, not a dictionary


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _workbook(source: Source) -> Any:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED:
                raise fatal(
                    "import.unsafe",
                    source.display,
                    f"the workbook unpacks to more than {MAX_UNPACKED:,} bytes.",
                    "Save the dictionary sheet alone as a new workbook or as CSV.",
                )
        return openpyxl.load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise fatal(
            "import.malformed",
            source.display,
            f"the file is not a readable XLSX workbook ({exc}).",
            "Save the dictionary from the spreadsheet as .xlsx (Excel workbook) or as CSV.",
            1,
            1,
        ) from None


def _rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    for n, row in enumerate(sheet.iter_rows(values_only=True), 1):
        yield n, [cell_text(v) for v in row]


def read(source: Source, options: Options) -> Read:
    book = _workbook(source)
    try:
        if options.sheet and options.sheet not in book.sheetnames:
            raise fatal(
                "import.wrong-root",
                source.display,
                f"the workbook has no sheet '{options.sheet}' (it has: {', '.join(book.sheetnames)}).",
                "Name one of its sheets with --sheet.",
            )
        sheet = book[options.sheet] if options.sheet else book.worksheets[0]
        # locations are the sheet's rows and columns, in the workbook's file
        return build(_rows(sheet), source.display, mapping=options.mapping, table=options.table)
    finally:
        book.close()
