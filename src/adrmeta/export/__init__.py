"""Exporters: one module per standard, each a pure function `render(catalogue, records, only=None)`
returning {relative path: text} for every record or `only` some (the others stay available for
cross-references). Listed in a plain dict; an unknown name lists the known ones."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from ..model import Catalogue, Record
from . import dcat, ddi, schemaorg, site

Renderer = Callable[[Catalogue, Mapping[str, Record], Collection[str] | None], dict[str, str]]

EXPORTERS: dict[str, Renderer] = {
    "dcat": dcat.render,
    "ddi": ddi.render,
    "schemaorg": schemaorg.render,
    "site": site.render,
}


class UnknownFormat(ValueError):
    pass


def get(name: str) -> Renderer:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownFormat(f"unknown export format '{name}'; known formats: {', '.join(sorted(EXPORTERS))}") from None
