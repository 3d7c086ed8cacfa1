"""The spreadsheet layout of a data dictionary (CSV or XLSX): a header row, then one row per variable.

| column            | model field                           | notes                                               |
|-------------------|---------------------------------------|-----------------------------------------------------|
| table             | Table.name                            | required; a table's rows may be anywhere            |
| table_label       | Table.label                           | given once per table (repeats must agree)           |
| table_description | Table.description                     | given once per table (repeats must agree)           |
| component         | Table.component                       | a component id of the record                        |
| variable          | Variable.name                         | required; a row without one describes its table     |
| label             | Variable.label                        |                                                     |
| description       | Variable.description                  |                                                     |
| type              | Variable.type                         | string, integer, decimal, boolean, date, datetime, time, code, other; common synonyms (VARCHAR(10), bigint, numeric) are read |
| format            | Variable.format                       |                                                     |
| unit              | Variable.unit                         |                                                     |
| codes             | Variable.codes                        | `1=Male; 2=Female` (items split on `;` or new lines) |
| missing           | Variable.codes (missing: true)        | `-9=Not known; -8`: codes that mark a missing value |
| sensitive         | Variable.sensitive                    | yes/no, true/false, y/n, 1/0                        |
| period            | Variable.period                       |                                                     |
| source            | Variable.source                       | a source key of the record                          |

Headers are matched ignoring case, spaces and hyphens (`Table Description` is table_description);
`mapping` renames other headers to these columns. Locations are line (row) and column (field
number, 1 for the first column).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .. import vocab
from ..model import Code, Dictionary, Table, Variable
from ..records import COLUMN_BITS
from ..report import Issue, Location

COLUMNS: dict[str, str] = {
    "table": "Table (file) name.",
    "table_label": "Title of the table.",
    "table_description": "What one row of the table describes.",
    "component": "Component id the table belongs to.",
    "variable": "Variable (column) name.",
    "label": "Short label.",
    "description": "What the variable records.",
    "type": "Data type.",
    "format": "Storage format.",
    "unit": "Unit of measurement.",
    "codes": "Code list as `value=label; value=label`.",
    "missing": "Missing-value codes, the same way.",
    "sensitive": "yes or no.",
    "period": "Period or wave the variable exists for.",
    "source": "Source key describing the variable.",
}
REQUIRED = ("table", "variable")
TABLE_FIELDS = {"table_label": "label", "table_description": "description", "component": "component"}
TEXT_FIELDS = {
    "label": "label",
    "description": "description",
    "format": "format",
    "unit": "unit",
    "period": "period",
    "source": "source",
}
_SIZE = re.compile(r"\s*\(.*\)\s*$")


def normal(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def type_word(text: str) -> str | None:
    """The record's type for a published type word (VARCHAR(10) -> string), or None."""
    return vocab.VARIABLE_TYPES.get(_SIZE.sub("", text).strip().lower())


def split_codes(text: str) -> list[tuple[str, str | None]]:
    """`1=Male; 2=Female` -> [('1', 'Male'), ('2', 'Female')]; an item without '=' has no label.
    An item with no value is kept with value '' for the caller to report."""
    out = []
    for item in re.split(r"[;\n]", text):
        if item.strip():
            value, _eq, label = item.partition("=")
            out.append((value.strip(), label.strip() or None))
    return out


@attrs.define
class Read:
    """What a reader made of one input: the dictionary (None when it could not be built), the
    issues found, where each value came from (pointer -> packed line and column) and references."""

    dictionary: Dictionary | None
    issues: list[Issue] = attrs.Factory(list)
    marks: dict[str, int] = attrs.Factory(dict)
    refs: list[tuple[str, str, str]] = attrs.Factory(list)


class Builder:
    """Turns rows of cells into a Dictionary, recording where each value came from."""

    def __init__(self, display: str, *, strict: bool, base: str = "", record: str | None = None) -> None:
        self.display, self.strict, self.base, self.record = display, strict, base, record
        self.tables: dict[str, dict[str, Any]] = {}
        self.result = Read(None)
        self.failed = False
        self.default_table: str | None = None

    def issue(self, code: str, line: int, column: int | None, path: str, message: str, fix: str) -> None:
        self.result.issues.append(
            Issue(
                code=code,
                record=self.record,
                path=path,
                message=message,
                fix=fix,
                location=Location(file=self.display, line=line, column=column),
            )
        )
        if code not in ("import.invalid", "import.unmapped"):
            self.failed = True

    def mark(self, path: str, line: int, column: int) -> None:
        self.result.marks[path] = (line << COLUMN_BITS) | column

    def header(self, cells: list[str], line: int, mapping: Mapping[str, str]) -> dict[int, str]:
        """Column index -> layout column; unknown headers are issues (errors when strict)."""
        renames = {normal(k): v for k, v in mapping.items()}
        columns: dict[int, str] = {}
        for i, cell in enumerate(cells):
            name = renames.get(normal(cell), normal(cell))
            if name in COLUMNS and name not in columns.values():
                columns[i] = name
            elif cell.strip():
                code = "schema.unknown-key" if self.strict else "import.unmapped"
                self.issue(
                    code,
                    line,
                    i + 1,
                    self.base,
                    f"the column '{cell}' is not part of the dictionary layout"
                    f"{' or given twice' if name in COLUMNS else ''}; it is not read.",
                    "Rename it to a layout column (see docs/dictionaries.md) or map it with --map 'COLUMN=field'.",
                )
        for name in REQUIRED:
            if name not in columns.values() and not (name == "table" and self.default_table):
                self.issue(
                    "schema.required",
                    line,
                    None,
                    self.base,
                    f"the dictionary has no '{name}' column.",
                    f"Add a '{name}' column, or map one with --map 'COLUMN={name}'"
                    + (" (or name the sheet's one table with --table)." if name == "table" else "."),
                )
        return columns

    def row(self, cells: list[str], line: int, columns: Mapping[int, str]) -> None:
        values = {name: (cells[i].strip(), i + 1) for i, name in columns.items() if i < len(cells) and cells[i].strip()}
        if not values:
            return
        if self.default_table and "table" not in columns.values():
            values["table"] = (self.default_table, 1)
        if "table" not in values:
            self.issue("schema.required", line, None, self.base, "the row names no table.", "Fill in the table column.")
            return
        table = self.table(values["table"][0], line, values["table"][1])
        for column, field in TABLE_FIELDS.items():
            if column in values:
                self.table_value(table, field, *values[column], line)
        if "variable" in values:
            self.variable(table, values, line)

    def table(self, name: str, line: int, column: int) -> dict[str, Any]:
        if name not in self.tables:
            path = f"{self.base}/tables/{len(self.tables)}"
            self.tables[name] = {"path": path, "fields": {"name": name}, "variables": []}
            self.mark(path, line, column)
            self.mark(path + "/name", line, column)
        return self.tables[name]

    def table_value(self, table: dict[str, Any], field: str, value: str, column: int, line: int) -> None:
        path = f"{table['path']}/{field}"
        known = table["fields"].get(field)
        if known is None:
            table["fields"][field] = value
            self.mark(path, line, column)
            if field == "component":
                self.result.refs.append(("component", value, path))
        elif known != value:
            self.issue(
                "dictionary.table-conflict",
                line,
                column,
                path,
                f"the table '{table['fields']['name']}' has {field} '{known}' on an earlier row and '{value}' here.",
                "Give the table's label, description and component the same way on every row, or on one row only.",
            )

    def variable(self, table: dict[str, Any], values: Mapping[str, tuple[str, int]], line: int) -> None:
        path = f"{table['path']}/variables/{len(table['variables'])}"
        self.mark(path, line, values["variable"][1])
        fields: dict[str, Any] = {"name": values["variable"][0]}
        for column, field in TEXT_FIELDS.items():
            if column in values:
                fields[field] = values[column][0]
                self.mark(f"{path}/{field}", line, values[column][1])
        if "source" in fields:
            self.result.refs.append(("source", fields["source"], f"{path}/source"))
        self.typed(fields, values, path, line)
        codes = self.codes(values, path, line)
        if codes is not None:
            table["variables"].append(Variable(**fields, codes=codes))

    def typed(self, fields: dict[str, Any], values: Mapping[str, tuple[str, int]], path: str, line: int) -> None:
        if "type" in values:
            text, column = values["type"]
            found = type_word(text)
            self.mark(f"{path}/type", line, column)
            if found is not None:
                fields["type"] = found
                if found != text.strip().lower() and "format" not in fields:
                    fields["format"] = text  # VARCHAR(10): the published type says more than the word
            elif self.strict:
                self.issue(
                    "schema.enum",
                    line,
                    column,
                    f"{path}/type",
                    f"'{text}' is not a data type adrmeta knows.",
                    "Use one of: string, integer, decimal, boolean, date, datetime, time, code, other.",
                )
            else:
                fields.setdefault("format", text)
                self.issue(
                    "import.invalid",
                    line,
                    column,
                    f"{path}/type",
                    f"'{text}' is not a data type adrmeta knows; it is kept as the variable's format.",
                    "Set the variable's type by hand if one of adrmeta's types fits.",
                )
        if "sensitive" in values:
            text, column = values["sensitive"]
            flag = vocab.YES_NO.get(text.lower())
            self.mark(f"{path}/sensitive", line, column)
            if flag is None:
                self.issue(
                    "schema.type" if self.strict else "import.invalid",
                    line,
                    column,
                    f"{path}/sensitive",
                    f"'{text}' is not yes or no.",
                    "Write yes or no.",
                )
            else:
                fields["sensitive"] = flag

    def codes(self, values: Mapping[str, tuple[str, int]], path: str, line: int) -> tuple[Code, ...] | None:
        """The codes column's items in order (repeats kept, for validate to report), then the
        missing column's: each marks a listed code missing, or adds a missing code."""
        codes: list[Code] = []
        ok = True
        for column in ("codes", "missing"):
            if column not in values:
                continue
            text, col = values[column]
            self.mark(f"{path}/codes", line, col)
            for value, label in split_codes(text):
                if not value:
                    self.issue(
                        "dictionary.malformed",
                        line,
                        col,
                        f"{path}/codes",
                        f"the code list item '={label}' has no value.",
                        "Write each item as value=label.",
                    )
                    ok = False
                elif column == "codes":
                    codes.append(Code(value=value, label=label))
                else:
                    at = next((i for i, c in enumerate(codes) if c.value == value), None)
                    if at is None:
                        codes.append(Code(value=value, label=label, missing=True))
                    else:
                        codes[at] = Code(value=value, label=label or codes[at].label, missing=True)
        return tuple(codes) if ok else None

    def finish(self) -> Read:
        if not self.failed:
            tables = tuple(Table(**t["fields"], variables=tuple(t["variables"])) for t in self.tables.values())
            self.result.dictionary = Dictionary(tables=tables)
        return self.result


def build(
    rows: Iterable[tuple[int, list[str]]],
    display: str,
    *,
    mapping: Mapping[str, str] | None = None,
    table: str | None = None,
    strict: bool = False,
    base: str = "",
    record: str | None = None,
) -> Read:
    """A Dictionary from (line, cells) rows, the first being the header; `table` names the table
    of a sheet without a table column."""
    builder = Builder(display, strict=strict, base=base, record=record)
    builder.default_table = table
    columns: dict[int, str] | None = None
    for line, cells in rows:
        if columns is None:
            if any(c.strip() for c in cells):
                columns = builder.header(cells, line, mapping or {})
            continue
        builder.row(cells, line, columns)
    if columns is None:
        builder.issue(
            "dictionary.malformed",
            1,
            1,
            base,
            "the dictionary has no header row.",
            "Start the file with the layout's column names (see docs/dictionaries.md).",
        )
    return builder.finish()
