"""What an exporter yields: (relative path, text) pairs, one document at a time, so an export of
many records never holds a whole format. A document that grows with the records (a catalogue of
every dataset) may come as an iterable of chunks, written as they come."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

Text = str | Iterable[str]
Documents = Iterator[tuple[str, Text]]


def whole(documents: Iterable[tuple[str, Text]]) -> dict[str, str]:
    """Every document in memory: relative path -> text."""
    return {rel: value if isinstance(value, str) else "".join(value) for rel, value in documents}


def json_text(value: Any) -> str:
    """The layout of every JSON document the exporters write. (A hand-written encoder for it was
    measured and dropped: at 2,000 records it saved nothing the noise let show.)"""
    return json.dumps(value, ensure_ascii=False, indent=1)
