"""Data dictionaries: the side file beside a record (`side`), and readers of the forms owners
already keep them in. Each reader module has the same interface, `read(source, options) ->
rows.Read`, and is listed in the plain dict READERS; `import_file` runs one and `to_yaml`
writes the result as records/<id>.dictionary.yaml."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml

from ..model import Dictionary
from ..report import Issue
from .rows import COLUMNS, Read

try:
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Dumper = yaml.SafeDumper


@attrs.frozen(kw_only=True)
class Options:
    mapping: Mapping[str, str] = attrs.field(factory=dict)  # spreadsheet header -> layout column
    table: str | None = None  # the table of a sheet (or DDI file) that names none
    sheet: str | None = None  # XLSX: the sheet to read (default: the first)


# Each form's reader module (in this package), imported when used: the readers share the
# importers' safe parsing, which loads rdflib, and a record's side file needs none of that.
READERS: dict[str, str] = {"csv": "csvfile", "xlsx": "xlsx", "ddi": "ddi", "hdruk": "hdruk", "mauro": "mauro"}


def reader(fmt: str) -> Callable[[Any, Options], Read]:
    """The named form's `read(source, options)`."""
    module = importlib.import_module(f"{__name__}.{READERS[fmt]}")
    read: Callable[[Any, Options], Read] = module.read
    return read


def detect(source: Any) -> str | None:
    """The reader for an input, from its name and first bytes."""
    suffix = source.path.suffix.lower()
    if suffix in (".xlsx", ".xlsm") or source.data[:4] == b"PK\x03\x04":
        return "xlsx"
    kind = source.kind()
    if kind == "xml":
        return "ddi"
    if kind == "json":
        head = source.data[:1_000_000]
        return "mauro" if b'"dataModel"' in head or b'"childDataClasses"' in head else "hdruk"
    return "csv" if suffix in (".csv", ".tsv", ".txt") else None


def import_file(source: Any, fmt: str, options: Options) -> Read:
    """Read one input with the named reader; a fatal problem becomes the Read's only issue."""
    from ..importers.source import Fatal

    try:
        return reader(fmt)(source, options)
    except Fatal as exc:
        return Read(None, [exc.issue])


def plain(value: Any) -> Any:
    """A dictionary as plain data in field order, defaults left out (what the side file holds)."""
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if attrs.has(type(value)):
        return {f.name: plain(getattr(value, f.name)) for f in attrs.fields(type(value)) if getattr(value, f.name) != f.default}
    return value


def to_yaml(dictionary: Dictionary, record: str, origin: str) -> str:
    head = (
        f"# The data dictionary of records/{record}.yaml, imported from {origin} by `adrmeta dictionary import`.\n"
        "# Check it, cite its source (source: a key of the record's sources), then run `adrmeta validate`.\n"
    )
    return head + yaml.dump(plain(dictionary), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def target(out: Path, record: str) -> Path:
    return out / f"{record}.dictionary.yaml"


__all__ = ["COLUMNS", "READERS", "Dictionary", "Issue", "Options", "Read", "detect", "import_file", "plain", "to_yaml"]
