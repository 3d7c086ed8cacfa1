"""What an exporter yields: (relative path, text) pairs, one document at a time, so an export of
many records never holds a whole format. A document that grows with the records (a catalogue of
every dataset) may come as an iterable of chunks, written as they come."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

Text = str | Iterable[str]
Documents = Iterator[tuple[str, Text]]


def page_item(base: str, record_id: str, kind: str, n: int) -> str:
    """The IRI of the `n`th item of a record's list `kind` ("document", "publication") that has no
    URL of its own: its entry on the dataset's site page, which describes it (`page_anchor`)."""
    return f"{base}dataset/{record_id}.html#{page_anchor(kind, n)}"


def page_anchor(kind: str, n: int) -> str:
    """The `id` of that item's entry on the dataset's site page."""
    return f"{kind}-{n}"


def whole(documents: Iterable[tuple[str, Text]]) -> dict[str, str]:
    """Every document in memory: relative path -> text."""
    return {rel: value if isinstance(value, str) else "".join(value) for rel, value in documents}


_scalar = json.JSONEncoder(ensure_ascii=False).encode  # a value without items: no layout to apply


class _KeyNotText(Exception):
    """A dict key json.dumps turns into text (a number, a boolean): the document goes to json.dumps."""


def json_text(value: Any) -> str:
    """The layout of every JSON document the exporters write: exactly `json.dumps(value,
    ensure_ascii=False, indent=1)`, whose indenting runs in the json module's pure-Python encoder
    (a generator per container and a chunk per token); here each container is one join, and strings
    and numbers go through the C encoder."""
    try:
        return _laid_out(value, "\n")
    except _KeyNotText:
        return json.dumps(value, ensure_ascii=False, indent=1)


def _key_not_text(key: Any) -> str:
    raise _KeyNotText(key)


def _laid_out(value: Any, newline: str) -> str:
    """`value` at the depth `newline` (a line break and the indent) leads to. Strings, most of the
    values, are encoded where they stand rather than through another call of this."""
    if not value or not isinstance(value, (dict, list, tuple)):
        return _scalar(value)
    inner = newline + " "
    between = "," + inner
    if isinstance(value, dict):
        items = [
            _scalar(k if type(k) is str else _key_not_text(k)) + ": " + (_scalar(v) if type(v) is str else _laid_out(v, inner))
            for k, v in value.items()
        ]
        return f"{{{inner}{between.join(items)}{newline}}}"
    return f"[{inner}{between.join([_scalar(v) if type(v) is str else _laid_out(v, inner) for v in value])}{newline}]"
