"""Reading the data dictionary kept beside a record: records/<id>.dictionary.yaml (the record
format's `dictionary` value, loaded with locations like a record) or records/<id>.dictionary.csv
(the spreadsheet layout of `rows`, located by row and column)."""

from __future__ import annotations

from pathlib import Path

from .. import model
from .. import records as reader
from . import csvfile


def load(path: Path, display: str, record: str) -> reader.Loaded:
    """The side file as a Dictionary, its issues (paths under /dictionary) and references."""
    base = reader.DICTIONARY_POINTER
    if path.name.endswith(".csv"):
        text, issues = reader.read_text(path, display, reader.DICTIONARY_MAX_BYTES)
        if text is None:
            return reader.Loaded(reader.SourceFile(display), None, reader.owned(issues, record), [])
        got = csvfile.read_text(text, display, strict=True, base=base, record=record)
        return reader.Loaded(reader.SourceFile(display, got.marks), got.dictionary, got.issues, got.refs)
    return reader.load_file(
        path,
        model.Dictionary,
        display,
        base=base,
        record=record,
        max_bytes=reader.DICTIONARY_MAX_BYTES,
        max_nodes=reader.DICTIONARY_MAX_NODES,
    )
