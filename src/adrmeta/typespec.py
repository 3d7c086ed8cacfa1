"""The record format as a small tree of specs, compiled once from the model's annotations.

`records.py` walks YAML nodes against these specs and `schema.py` turns them into JSON Schema, so
the loader and the published schema cannot disagree about what a field accepts.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, Literal, Union

import attrs

from . import model

# Formats: the regex goes into the JSON Schema; the loader applies the same regex, and a date
# check the regex cannot express (no 2021-02-30).
FORMAT_PATTERNS: dict[str, str] = {
    "id": r"^[a-z0-9][a-z0-9-]*$",
    "partial-date": r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    "date": r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    # only characters a URI may hold (RFC 3986): no spaces, quotes, <>, braces, backslashes or
    # non-ASCII letters (write those percent-encoded), and % only before two hex digits; written
    # so that no text can make the regex backtrack (host labels hold no dot)
    "url": r"^https?://([A-Za-z0-9_~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+(\.([A-Za-z0-9_~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+)+"
    r"([/?#]([A-Za-z0-9._~!$&'()*+,;=:@/?#\[\]-]|%[0-9A-Fa-f]{2})*)?$",
    "email": r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$",
    "json-pointer": r"^(/([^~/]|~[01])*)+$",
    "language": r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
    "semver": r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$",
}
FORMAT_REGEX = {name: re.compile(p) for name, p in FORMAT_PATTERNS.items()}

# What each format is called in messages to people.
FORMAT_WORDS = {
    "id": "a key of lower-case letters, digits and hyphens",
    "partial-date": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
    "date": "a date as YYYY-MM-DD",
    "url": "an http or https URL",
    "email": "an email address",
    "json-pointer": "a JSON pointer such as /coverage/periods/0/end",
    "language": "a BCP 47 language tag such as en or en-GB",
    "semver": "a version as MAJOR.MINOR.PATCH, such as 1.2.0",
}


@attrs.frozen
class Str:
    fmt: str | None = None
    ref: str | None = None


@attrs.frozen
class Int:
    pass


@attrs.frozen
class Bool:
    pass


@attrs.frozen
class AnyValue:
    pass


@attrs.frozen
class Enum:
    values: tuple[str, ...]


@attrs.frozen
class Seq:
    item: Spec


@attrs.frozen
class Nullable:
    inner: Spec


@attrs.frozen
class FieldSpec:
    name: str
    spec: Spec
    required: bool
    doc: str
    default: Any


@attrs.frozen
class Obj:
    cls: type
    fields: dict[str, FieldSpec]


Spec = Str | Int | Bool | AnyValue | Enum | Seq | Nullable | Obj


def _spec_of(hint: Any) -> Spec:
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base, *marks = typing.get_args(hint)
        assert base is str, hint
        fmt = next((m.name for m in marks if isinstance(m, model.Fmt)), None)
        ref = next((m.kind for m in marks if isinstance(m, model.Ref)), None)
        return Str(fmt, ref)
    if origin is Literal:
        return Enum(tuple(typing.get_args(hint)))
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        assert len(args) == 1, hint
        return Nullable(_spec_of(args[0]))
    if origin is tuple:
        item, _ellipsis = typing.get_args(hint)
        return Seq(_spec_of(item))
    if hint is str:
        return Str()
    if hint is bool:
        return Bool()
    if hint is int:
        return Int()
    if hint is Any:
        return AnyValue()
    if attrs.has(hint):
        return obj_spec(hint)
    raise TypeError(f"unsupported annotation {hint!r}")


@functools.cache
def obj_spec(cls: type) -> Obj:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = {}
    for f in attrs.fields(cls):
        required = f.default is attrs.NOTHING
        fields[f.name] = FieldSpec(
            name=f.name,
            spec=_spec_of(hints[f.name]),
            required=required,
            doc=f.metadata.get("doc", ""),
            default=None if required else f.default,
        )
    return Obj(cls, fields)
