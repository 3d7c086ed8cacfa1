"""A new record file: the essentials filled in, every other field present as a commented line with
the guidance from the record schema, so a data owner sees everything the format can hold."""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from .model import Record
from .typespec import Nullable, Obj, Seq, obj_spec

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/record.schema.json"


def _yaml_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings and lists are valid YAML


def _example(spec: Any) -> str:
    spec = spec.inner if isinstance(spec, Nullable) else spec
    if isinstance(spec, Seq):
        return "[]"
    if isinstance(spec, Obj):
        return "{}"
    return ""


def _commented_item(spec: Any, indent: str) -> list[str]:
    """The fields of a list item or nested object, commented, one level deep."""
    spec = spec.inner if isinstance(spec, Nullable) else spec
    item = spec.item if isinstance(spec, Seq) else spec
    if not isinstance(item, Obj):
        return []
    lines = []
    for i, (name, field) in enumerate(item.fields.items()):
        lead = "- " if isinstance(spec, Seq) and i == 0 else "  " if isinstance(spec, Seq) else ""
        need = "required" if field.required else "optional"
        lines.append(f"#{indent}{lead}{name}:   # {need}: {field.doc}")
    return lines


def scaffold(values: dict[str, Any], today: _dt.date | None = None) -> str:
    """YAML text of a new record: `values` (id, title, summary, status, publisher, nations…) filled,
    every other field commented with its guidance."""
    today = today or _dt.date.today()
    filled = {"modified": today.isoformat(), "data_owners": [values["publisher"]], **values}
    nations = filled.pop("nations", [])
    out = [SCHEMA_COMMENT,
           "# A new record. Fill in what the sources say; leave out what they do not (no 'TBD').",
           "# Lines starting with '#' are optional fields: remove the '#' to use one. Check with `adrmeta validate`.",
           ""]
    for name, field in obj_spec(Record).fields.items():
        need = "required" if field.required else "optional"
        out.append(f"# {name} ({need}): {field.doc}")
        if name == "coverage":
            out.append("coverage:")
            out.append(f"  nations: {_yaml_scalar(list(nations))}")
            out.extend(_commented_item(field.spec, "   ")[1:])
        elif name in filled:
            out.append(f"{name}: {_yaml_scalar(filled[name])}")
        else:
            example = _example(field.spec)
            out.append(f"# {name}: {example}".rstrip())
            out.extend(_commented_item(field.spec, "   "))
        out.append("")
    return "\n".join(out)
