"""What an exporter yields: (relative path, text) pairs, one document at a time, so an export of
many records never holds a whole format. A document that grows with the records (a catalogue of
every dataset) may come as an iterable of chunks, written as they come."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from json.encoder import encode_basestring  # the C function where there is one
from typing import Any

from ..model import Catalogue, Record

Text = str | Iterable[str]
Documents = Iterator[tuple[str, Text]]
Renderer = Callable[[Catalogue, Mapping[str, Record], Collection[str] | None], Documents]


def whole(documents: Iterable[tuple[str, Text]]) -> dict[str, str]:
    """Every document in memory: relative path -> text."""
    return {rel: value if isinstance(value, str) else "".join(value) for rel, value in documents}


def json_text(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, the layout of every JSON document the
    exporters write, made in a quarter of the time: `indent` forces the json module's pure-Python
    encoder, which made it the largest cost of the schema.org and site exports."""
    out: list[str] = []
    _json_into(out, value, "\n")
    return "".join(out)


def _json_into(out: list[str], value: Any, newline: str) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        inner = newline + " "
        sep = "{" + inner
        for key, item in value.items():
            out.append(sep + encode_basestring(key) + ": ")
            _json_into(out, item, inner)
            sep = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list | tuple) and value:
        inner = newline + " "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            _json_into(out, item, inner)
            sep = "," + inner
        out.append(newline + "]")
    else:  # numbers, true, false, null, empty containers (and keys json would convert)
        out.append(json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline))
