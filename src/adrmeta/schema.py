"""JSON Schemas of record and catalogue files, derived from the model's specs.

Editors (via the `yaml-language-server` comment at the top of each record) use them for completion
and hover help. `adrmeta schema` writes them; a test fails when the committed files drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import model
from .typespec import (
    FORMAT_PATTERNS,
    FORMAT_WORDS,
    AnyValue,
    Bool,
    Enum,
    Int,
    Nullable,
    Obj,
    Seq,
    Spec,
    Str,
    obj_spec,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS = {"record.schema.json": model.Record, "catalogue.schema.json": model.Catalogue}


def _str_schema(spec: Str) -> dict[str, Any]:
    if spec.fmt is None:
        return {"type": "string", "pattern": r"\S"}  # not blank
    text = {"type": "string", "pattern": FORMAT_PATTERNS[spec.fmt]}
    if spec.fmt == "partial-date":
        # YAML reads an unquoted 1995 as a number; the loader accepts it as a year.
        return {"anyOf": [text, {"type": "integer", "minimum": 1000, "maximum": 9999}], "description": FORMAT_WORDS[spec.fmt]}
    return text


def _schema(spec: Spec, defs: dict[str, Any]) -> dict[str, Any]:
    if isinstance(spec, Str):
        return _str_schema(spec)
    if isinstance(spec, Int):
        return {"type": "integer"}
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    if isinstance(spec, AnyValue):
        return {}
    if isinstance(spec, Enum):
        return {"enum": list(spec.values)}
    if isinstance(spec, Seq):
        return {"type": "array", "items": _schema(spec.item, defs)}
    if isinstance(spec, Nullable):
        return _schema(spec.inner, defs)
    if isinstance(spec, Obj):
        name = spec.cls.__name__
        if name not in defs:
            defs[name] = {}  # reserve the name before recursing
            defs[name] = _object(spec, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(spec)  # pragma: no cover


def _object(spec: Obj, defs: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for name, field in spec.fields.items():
        sub = _schema(field.spec, defs)
        if not field.required:
            sub = {"anyOf": [sub, {"type": "null"}]}  # an optional field may be left empty
        props[name] = {"description": field.doc, **sub}
    out: dict[str, Any] = {"type": "object"}
    doc = (spec.cls.__doc__ or "").strip().splitlines()
    if doc:
        out["description"] = doc[0]
    out["properties"] = props
    out["required"] = [n for n, f in spec.fields.items() if f.required]
    out["additionalProperties"] = False
    return out


def json_schema(cls: type) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object(obj_spec(cls), defs)
    return {"$schema": DIALECT, "title": f"adrmeta {cls.__name__.lower()} file", **root, "$defs": dict(sorted(defs.items()))}


def render(cls: type) -> str:
    return json.dumps(json_schema(cls), indent=2, ensure_ascii=False) + "\n"


def write_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, cls in SCHEMAS.items():
        path = out / name
        path.write_text(render(cls), encoding="utf-8")
        written.append(path)
    return written
