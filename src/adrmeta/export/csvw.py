"""CSV on the Web (W3C CSVW 1.0) table schemas: one schema description per dictionary table, the
structure the DCAT export points to (`dct:conformsTo` on each distribution; see `export/dcat.py`).

Each file is a standalone CSVW *schema description* (what a table description's `tableSchema`
may reference by URL), not a table description: a table description requires the `url` of the
CSV file, and the data are not published (they are reached in a trusted research environment).

| record field | CSVW | notes |
|---|---|---|
| provenance (basis: inference) | nothing | inferred values are taken out before rendering (`provenance.published`) |
| dictionary.tables | one schema document | `@id` its own URL; `dc:title` the table's label, else its name; `dc:description` |
| table.component | `dc:isPartOf` | the component's title |
| dictionary.url, version | `dc:source`, `dc:hasVersion` | where the owner publishes the dictionary, and which version |
| variables | `columns` | in the table's order |
| variable name | `name`, `titles` | `titles` is the header as stored; `name` is the same, percent-encoded where CSVW's name rule (letters, digits, `_`) needs it |
| variable label, description | `dc:title`, `dc:description` | |
| variable type | `datatype.base` | `vocab.CSVW_DATATYPE`; a code is stored as `string` |
| code list (type code) | `datatype.format` | a regular expression matching exactly the listed values (CSVW's format for strings) |
| missing-value codes | `null` | the values CSVW reads as empty cells |
| unit | `schema:unitText` | |
| format, sensitive, period, code labels | not carried | CSVW has no property for them; DDI carries them all |

Files: `csvw/{id}/{table}.json`, the table's name when it is a plain file name (letters, digits,
`.`, `_`, `-`, not starting with `.`), otherwise `table-{n}` (its position, from 1). Keys are
written in a fixed order: same records, same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from typing import Any

from .. import vocab
from ..model import Catalogue, Dictionary, Record, Table, Variable
from .files import Documents

CONTEXT = "http://www.w3.org/ns/csvw"
_PLAIN = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")
_NAME_CHAR = re.compile(r"[^A-Za-z0-9_]")


def schema_path(record_id: str, table: Table, n: int) -> str:
    """The relative path of table `n` (from 1) of a record's dictionary."""
    stem = table.name if _PLAIN.match(table.name) else f"table-{n}"
    return f"csvw/{record_id}/{stem}.json"


def schema_paths(rec: Record) -> list[tuple[Table, str]]:
    """Each table of the record's dictionary with its schema's relative path."""
    tables = rec.dictionary.tables if rec.dictionary else ()
    return [(t, schema_path(rec.id, t, n)) for n, t in enumerate(tables, 1)]


def column_name(name: str) -> str:
    """CSVW's `name`: letters, digits and `_` (not first), everything else percent-encoded."""
    encoded = _NAME_CHAR.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), name)
    return "%5F" + encoded[1:] if encoded.startswith("_") else encoded


def _column(var: Variable) -> dict[str, Any]:
    col: dict[str, Any] = {"name": column_name(var.name), "titles": var.name}
    if var.label:
        col["dc:title"] = var.label
    if var.description:
        col["dc:description"] = var.description
    if var.type:
        datatype: dict[str, Any] = {"base": vocab.CSVW_DATATYPE[var.type]}
        listed = [c.value for c in var.codes if not c.missing]
        if var.type == "code" and listed:
            datatype["format"] = "^(?:" + "|".join(re.escape(v) for v in listed) + ")$"
        col["datatype"] = datatype
    missing = [c.value for c in var.codes if c.missing]
    if missing:
        col["null"] = missing
    if var.unit:
        col["schema:unitText"] = var.unit
    return col


def schema(catalogue: Catalogue, rec: Record, dictionary: Dictionary, table: Table, rel: str) -> dict[str, Any]:
    """The CSVW schema description of one table, as plain data."""
    doc: dict[str, Any] = {
        "@context": [CONTEXT, {"@language": catalogue.language}],
        "@id": f"{catalogue.base_uri}{rel}",
        "@type": "Schema",
        "dc:title": table.label or table.name,
    }
    if table.description:
        doc["dc:description"] = table.description
    component = next((c.title for c in rec.components if c.id == table.component), None)
    if component:
        doc["dc:isPartOf"] = component
    if dictionary.url:
        doc["dc:source"] = {"@id": dictionary.url}
    if dictionary.version:
        doc["dc:hasVersion"] = dictionary.version
    doc["columns"] = [_column(v) for v in table.variables]
    return doc


def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
    """Every table schema as (relative path, text), for all records or `only` some."""
    for rid in sorted(records if only is None else only):
        rec = records[rid]
        if rec.dictionary is None:
            continue
        for table, rel in schema_paths(rec):
            yield rel, json.dumps(schema(catalogue, rec, rec.dictionary, table, rel), ensure_ascii=False, indent=1) + "\n"
