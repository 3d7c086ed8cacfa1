"""`json.dumps(value, ensure_ascii=False, indent=1)` for the schema.org documents (their own files
and the JSON-LD in each site page), with the json module's C encoder doing most of the work.

`indent` makes the json module fall back to its pure-Python encoder, one generator step per value:
the largest cost of both exports. Here only containers are walked in Python. A container holding
only strings, numbers, booleans and nulls (most of them: a `PropertyValue`, a list of keywords) is
encoded whole by the C encoder with a line break in its item separator; JSON strings never hold a
raw line break, so each one found is such a separator and takes the container's indentation. (A
hand-written encoder of every value was measured earlier and saved too little to keep.)"""

from __future__ import annotations

import json
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

_SCALARS = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})


def _unknown(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


if c_make_encoder is not None:  # what JSONEncoder.encode builds on every call, built once
    _C = c_make_encoder(None, _unknown, encode_basestring, None, ": ", ",\n", False, False, True)

    def _plain(value: Any) -> str:
        return "".join(_C(value, 0))

else:  # pragma: no cover (an interpreter without the C accelerator)
    _ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",\n", ": "))

    def _plain(value: Any) -> str:
        return _ENCODER.encode(value)


def text(value: Any) -> str:
    """The same text as `json.dumps(value, ensure_ascii=False, indent=1)`."""
    return _text(value, "\n")


def _text(value: Any, newline: str) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind in _SCALARS or not value and (kind is dict or kind is list):
        return _plain(value)
    if kind is not dict and kind is not list:  # tuples, subclasses: json's own way
        return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline)
    inner = newline + " "
    if _SCALARS.issuperset(map(type, value.values() if kind is dict else value)):
        flat = _plain(value)  # keys too as json writes them
        return f"{flat[0]}{inner}{flat[1:-1].replace(chr(10), inner)}{newline}{flat[-1]}"
    if kind is list:
        return f"[{inner}" + f",{inner}".join([_text(v, inner) for v in value]) + f"{newline}]"
    if not _STR.issuperset(map(type, value)):  # keys json converts (numbers, booleans, null)
        return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline)
    return (
        f"{{{inner}" + f",{inner}".join([f"{encode_basestring(k)}: {_text(v, inner)}" for k, v in value.items()]) + f"{newline}}}"
    )
