"""XML parsing that resolves no entities, loads no DTD and touches no network; and schema loading
that proves every import was found locally."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree


def safe_parser() -> etree.XMLParser:
    """For documents from anywhere: no entity expansion, no DTD, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_comments=False)


class SchemaUnavailable(RuntimeError):
    """A vendored schema could not be loaded in full from local files."""


class _Recorder(etree.Resolver):  # type: ignore[misc]  # lxml has no type hints here
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def resolve(self, url: str, pubid: str | None, context: Any) -> None:
        self.urls.append(url)
        return None  # let libxml2 load it; no_network stops anything remote


def load_schema(path: Path) -> etree.XMLSchema:
    """Compile a vendored XSD, failing if any import or entity file was remote or missing.

    libxml2 silently skips an import it cannot load and the schema then rejects every document,
    so every URL it asked for is checked: each must be a local file that exists.
    """
    recorder = _Recorder()
    parser = etree.XMLParser(no_network=True, load_dtd=True, resolve_entities=True)  # trusted, vendored files
    parser.resolvers.add(recorder)
    try:
        schema = etree.XMLSchema(etree.parse(str(path), parser))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        raise SchemaUnavailable(f"{path}: {exc}") from exc
    bad = [u for u in recorder.urls if "://" in u and not u.startswith("file:") or "://" not in u and not Path(u).is_file()]
    if bad:
        raise SchemaUnavailable(f"{path} needs files that are not vendored locally: {', '.join(bad)}")
    return schema
