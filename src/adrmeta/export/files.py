"""What an exporter yields: (relative path, text) pairs, one document at a time, so an export of
many records never holds a whole format. A document that grows with the records (a catalogue of
every dataset) may come as an iterable of chunks, written as they come."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from ..model import Catalogue, Record
from ..store import read_at, write_at

Text = str | Iterable[str]
Documents = Iterator[tuple[str, Text]]
Renderer = Callable[[Catalogue, Mapping[str, Record], Collection[str] | None], Documents]


def whole(documents: Iterable[tuple[str, Text]]) -> dict[str, str]:
    """Every document in memory: relative path -> text."""
    return {rel: value if isinstance(value, str) else "".join(value) for rel, value in documents}


class Parked:
    """Texts set aside in a temporary file until a document that gathers them is written (a
    catalogue of every dataset, an index of every record): memory keeps only where each is."""

    def __init__(self, name: str) -> None:
        self.file = tempfile.TemporaryFile(prefix=f"adrmeta-{name}-")
        self.end = 0

    def park(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8")
        write_at(self.file, data, self.end)
        self.end += len(data)
        return self.end - len(data), len(data)

    def read(self, where: tuple[int, int]) -> str:
        return read_at(self.file, where[1], where[0]).decode("utf-8")
