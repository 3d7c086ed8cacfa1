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

if TYPE_CHECKING:
    from ..importers.source import Source
from .rows import Builder, Read, build

csv.field_size_limit(10 * 1024 * 1024)  # a description may be long; a field past this is not a dictionary


def _delimiter(text: str) -> str:
    """The separator the header row uses most: comma, semicolon or tab."""
    first = text.split("\n", 1)[0]
    return max(",;\t", key=lambda d: (first.count(d), d == ","))


def _rows(text: str, display: str, builder: Builder) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        builder.issue("dictionary.malformed", reader.line_num or line, None, builder.base,
                      f"CSV syntax error: {exc}.", "Fix the quoting at this row, or save the sheet as CSV again.")


def read_text(text: str, display: str, *, mapping: Mapping[str, str] | None = None, strict: bool = False,
              base: str = "", record: str | None = None) -> Read:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        builder = Builder(display, strict=strict, base=base, record=record)
        builder.issue("dictionary.malformed", line, None, base, "the CSV holds a NUL byte; it is not a text file.",
                      "Save the dictionary as CSV (UTF-8) from the spreadsheet.")
        return builder.finish()
    probe = Builder(display, strict=strict, base=base, record=record)
    result = build(_rows(text, display, probe), display, mapping=mapping, strict=strict, base=base, record=record)
    if probe.result.issues:  # the CSV broke part way: nothing of it counts
        return Read(None, [*result.issues, *probe.result.issues])
    return result


def read(source: Source, mapping: Mapping[str, str]) -> Read:
    return read_text(source.text, source.display, mapping=mapping)
