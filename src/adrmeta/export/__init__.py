"""Exporters: one module per standard, each a pure function `render(catalogue, records, only=None)`
returning {relative path: text} for every record or `only` some (the others stay available for
cross-references). Listed in a plain dict; an unknown name lists the known ones."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from .. import profiles
from ..model import Catalogue, Record
from . import cddo, dcat, ddi, hdruk, schemaorg, site

Renderer = Callable[[Catalogue, Mapping[str, Record], Collection[str] | None], dict[str, str]]

EXPORTERS: dict[str, Renderer] = {
    "dcat": dcat.render,
    "dcat-uk": cddo.render,
    "ddi": ddi.render,
    "hdruk": hdruk.render,
    "hdruk-4": hdruk.render_v4,
    "schemaorg": schemaorg.render,
    "site": site.render,
}


# Formats whose required fields must all be filled in from the record: each has `gaps(catalogue,
# record)`, and leaves out records with any (listed in feed manifests and by `adrmeta validate`).
COMPLETE_ONLY = {"dcat-uk": profiles.cddo_gaps, "hdruk": profiles.hdruk_gaps, "hdruk-4": profiles.hdruk_gaps}


class UnknownFormat(ValueError):
    pass


def get(name: str) -> Renderer:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownFormat(f"unknown export format '{name}'; known formats: {', '.join(sorted(EXPORTERS))}") from None
