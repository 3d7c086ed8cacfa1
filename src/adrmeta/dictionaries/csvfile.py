"""CSV data dictionaries in the documented layout (see `rows`), comma, semicolon or tab separated.

| CSV                                  | record                                       |
|--------------------------------------|----------------------------------------------|
| header row                           | layout columns (`rows.COLUMNS`), or --map    |
| one row per variable                 | Table.variables[]                            |
| a row with a table but no variable   | the table's label, description, component    |
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from .rows import Builder, Read, build

if TYPE_CHECKING:
    from ..importers.source import Source
    from . import Options

csv.field_size_limit(10 * 1024 * 1024)  # a description may be long; a field past this is not a dictionary


def _delimiter(text: str) -> str:
    """The separator the header row uses most: comma, semicolon or tab."""
    first = text.split("\n", 1)[0]
    return max(",;\t", key=lambda d: (first.count(d), d == ","))


def _rows(text: str, broken: Builder) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        # located at the row's first line: an unclosed quote is only noticed at the end of the file
        broken.issue(
            "dictionary.malformed",
            line,
            None,
            broken.base,
            f"CSV syntax error in the row starting on line {line} (read up to line {reader.line_num}): {exc}"
            + ("; a quoted field in it is never closed." if "end of data" in str(exc) else "."),
            "Fix the quoting at this row, or save the sheet as CSV again.",
        )


def read_text(
    text: str,
    display: str,
    *,
    mapping: Mapping[str, str] | None = None,
    table: str | None = None,
    strict: bool = False,
    base: str = "",
    record: str | None = None,
) -> Read:
    broken = Builder(display, strict=strict, base=base, record=record)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        broken.issue(
            "dictionary.malformed",
            line,
            None,
            base,
            "the CSV holds a NUL byte; it is not a text file.",
            "Save the dictionary as CSV (UTF-8) from the spreadsheet.",
        )
        return broken.finish()
    result = build(_rows(text, broken), display, mapping=mapping, table=table, strict=strict, base=base, record=record)
    if broken.result.issues:  # the CSV broke part way: nothing of it counts
        return Read(None, [*result.issues, *broken.result.issues])
    return result


def read(source: Source, options: Options) -> Read:
    return read_text(source.text, source.display, mapping=options.mapping, table=options.table)
