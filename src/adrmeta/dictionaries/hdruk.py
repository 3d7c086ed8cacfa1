"""HDR UK Gateway `structuralMetadata`: 2.x (a list of tables with `elements`), 3.0.0 and 4.0.0
(`{"tables": [...]}` with `columns` and `values`; a bare list of tables is read too). The file
may be a whole HDR UK dataset document, a Gateway API answer wrapping one, or the section alone.

| HDR UK                                          | record                               |
|-------------------------------------------------|--------------------------------------|
| `tables[].name`, `description`                  | Table.name, description              |
| `columns[]` (3.0.0, 4.0.0) / `elements[]` (2.x) | Table.variables                      |
| `name`, `description`                           | Variable.name, description (no label: HDR UK has none) |
| `dataType`                                      | Variable.type (known words), else Variable.format |
| `sensitive`                                     | Variable.sensitive                   |
| `values[].name`, `values[].description`         | Variable.codes value, label          |
| `values[].frequency`, `syntheticDataWebLink`    | not read                             |
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..importers.source import fatal
from ..model import Code, Dictionary, Table, Variable
from .rows import Read, type_word

if TYPE_CHECKING:
    from ..importers.source import Source
    from . import Options

MAX_DEPTH = 6  # how deep the section may sit in a wrapper (Gateway API answers nest it)


def find(doc: Any, depth: int = 0) -> Any:
    """The `structuralMetadata` value, looked for through wrapping objects (depth-first, bounded)."""
    if not isinstance(doc, dict) or depth > MAX_DEPTH:
        return None
    if "structuralMetadata" in doc:
        return doc["structuralMetadata"]
    for value in doc.values():
        items = value if isinstance(value, list) else [value]
        for item in items[:50]:
            found = find(item, depth + 1)
            if found is not None:
                return found
    return None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _variable(col: dict[str, Any]) -> Variable | None:
    name = _text(col.get("name"))
    if name is None:
        return None
    given = _text(col.get("dataType"))
    kind = type_word(given) if given else None
    codes = tuple(
        Code(value=str(v["name"]).strip(), label=_text(v.get("description")))
        for v in col.get("values") or ()
        if isinstance(v, dict) and str(v.get("name", "")).strip()
    )
    fields: dict[str, Any] = {
        "description": _text(col.get("description")),
        "type": kind,
        "format": given if given and (kind is None or given.lower() != kind) else None,
        "sensitive": col.get("sensitive") if isinstance(col.get("sensitive"), bool) else None,
    }
    return Variable(name=name, codes=codes, **{k: v for k, v in fields.items() if v is not None})


def _table(table: dict[str, Any]) -> Table | None:
    name = _text(table.get("name"))
    columns = table.get("columns") if "columns" in table else table.get("elements")
    if name is None or not isinstance(columns, list):
        return None
    variables = tuple(v for v in (_variable(c) for c in columns if isinstance(c, dict)) if v)
    description = _text(table.get("description"))
    return Table(name=name, variables=variables, **({"description": description} if description else {}))


def read(source: Source, options: Options) -> Read:
    doc = source.json()
    section = find(doc) if isinstance(doc, dict) else doc
    tables = section.get("tables") if isinstance(section, dict) else section
    if not isinstance(tables, list):
        raise fatal(
            "import.no-dataset",
            source.display,
            "the file holds no HDR UK structuralMetadata tables.",
            "Give an HDR UK dataset (2.x, 3.0.0 or 4.0.0) with structuralMetadata, or the section alone.",
            1,
            1,
        )
    found = [t for t in (_table(t) for t in tables if isinstance(t, dict)) if t]
    if not found:
        raise fatal(
            "import.no-dataset",
            source.display,
            "the structuralMetadata lists no table with a name and columns.",
            "Check that the file is the dataset's structural metadata.",
            1,
            1,
        )
    return Read(Dictionary(tables=tuple(found)))
