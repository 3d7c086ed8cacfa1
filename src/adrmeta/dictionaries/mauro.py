"""The HDR UK Gateway's first data models: Mauro Data Mapper `DataModel` JSON, as the Gateway
published SAIL's (and others') datasets from 2020 (the metadata catalogue behind it exports them).

| Mauro Data Mapper                                        | record                          |
|----------------------------------------------------------|---------------------------------|
| `dataModel.childDataClasses[]` (or `dataClasses[]`)      | Table (nested classes too)      |
| class `label`, `description`                             | Table.name, description         |
| `childDataElements[]` (or `dataElements[]`)              | Table.variables                 |
| element `label`, `description`                           | Variable.name, description (no label: Mauro has none) |
| `dataType.label` (PrimitiveType: VARCHAR, BIGINT…)       | Variable.type (known words), the label kept as format |
| `dataType` EnumerationType `enumerationValues[].key/value` | Variable.type code, Variable.codes |
| `dataType` given as an id                                | looked up in `dataModel.dataTypes` |
| `metadata`, `annotations`, `semanticLinks`               | not read                        |
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..importers.source import fatal
from ..model import Code, Dictionary, Table, Variable
from .rows import Read, type_word

if TYPE_CHECKING:
    from ..importers.source import Source
    from . import Options

MAX_NESTING = 20


def _text(value: Any) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _list(obj: dict[str, Any], *keys: str) -> list[Any]:
    for key in keys:
        if isinstance(obj.get(key), list):
            return [x for x in obj[key] if isinstance(x, dict)]
    return []


def _variable(el: dict[str, Any], types: dict[str, dict[str, Any]]) -> Variable | None:
    name = _text(el.get("label"))
    if name is None:
        return None
    dtype = el.get("dataType")
    dtype = types.get(dtype, {}) if isinstance(dtype, str) else dtype if isinstance(dtype, dict) else {}
    given = _text(dtype.get("label"))
    enum = dtype.get("domainType") == "EnumerationType"
    codes = tuple(
        Code(value=str(e["key"]).strip(), label=_text(e.get("value")))
        for e in _list(dtype, "enumerationValues")
        if str(e.get("key", "")).strip()
    )
    kind = "code" if enum else type_word(given) if given else None
    fields: dict[str, Any] = {
        "description": _text(el.get("description")),
        "type": kind,
        "format": given if given and (enum or kind is None or given.lower() != kind) else None,
    }
    return Variable(name=name, codes=codes, **{k: v for k, v in fields.items() if v is not None})


def _tables(classes: list[dict[str, Any]], types: dict[str, dict[str, Any]], depth: int = 0) -> Iterator[Table]:
    for cls in classes:
        name = _text(cls.get("label"))
        elements = _list(cls, "childDataElements", "dataElements")
        if name and elements:
            description = _text(cls.get("description"))
            variables = tuple(v for v in (_variable(e, types) for e in elements) if v)
            yield Table(name=name, variables=variables, **({"description": description} if description else {}))
        if depth < MAX_NESTING:
            yield from _tables(_list(cls, "childDataClasses", "dataClasses"), types, depth + 1)


def read(source: Source, options: Options) -> Read:
    doc = source.json()
    model = doc.get("dataModel", doc) if isinstance(doc, dict) else None
    if not isinstance(model, dict) or not _list(model, "childDataClasses", "dataClasses"):
        raise fatal(
            "import.wrong-root",
            source.display,
            "the file is not a Mauro Data Mapper data model with data classes.",
            "Give a DataModel exported from the metadata catalogue (JSON with dataModel.childDataClasses).",
            1,
            1,
        )
    types = {t["id"]: t for t in _list(model, "dataTypes") if isinstance(t.get("id"), str)}
    tables = tuple(_tables(_list(model, "childDataClasses", "dataClasses"), types))
    if not tables:
        raise fatal(
            "import.no-dataset",
            source.display,
            "the data model's classes hold no data elements.",
            "Check that the export includes the data classes' elements.",
            1,
            1,
        )
    return Read(Dictionary(tables=tables))
