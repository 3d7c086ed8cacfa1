"""Exporters: one module per standard, each a pure generator `documents(catalogue, records,
only=None)` yielding (relative path, text) for every record or `only` some (the others stay
available for cross-references), and `render`, the same as a dict. Listed in a plain dict; an
unknown name lists the known ones.

Every exporter sees stated facts only: the values a record marks as inferences
(`provenance`, basis: inference) are taken out before it renders (`provenance.published`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from .. import profiles
from ..model import Catalogue, Record
from ..provenance import published
from . import cddo, csvw, dcat, ddi, hdruk, schemaorg, site
from .files import Documents, Renderer, whole


def _stated(render: Renderer) -> Renderer:
    def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
        return render(catalogue, published(records), only)

    documents.func = getattr(render, "func", render)  # type: ignore[attr-defined]  # docs find the module by it
    return documents


EXPORTERS: dict[str, Renderer] = {
    "csvw": _stated(csvw.documents),
    "dcat": _stated(dcat.documents),
    "dcat-uk": _stated(cddo.documents),
    "ddi": _stated(ddi.documents),
    "hdruk": _stated(hdruk.documents),
    "hdruk-4": _stated(hdruk.documents_v4),
    "schemaorg": _stated(schemaorg.documents),
    "site": _stated(site.documents),
}


# Formats whose required fields must all be filled in from the record: each has `gaps(catalogue,
# record)` (of the stated record), and leaves out records with any (listed in feed manifests and by
# `adrmeta validate`).
COMPLETE_ONLY = {"dcat-uk": profiles.cddo_gaps, "hdruk": profiles.hdruk_gaps, "hdruk-4": profiles.hdruk_gaps}


class UnknownFormat(ValueError):
    pass


def get(name: str) -> Renderer:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownFormat(f"unknown export format '{name}'; known formats: {', '.join(sorted(EXPORTERS))}") from None


def render(name: str, catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> dict[str, str]:
    """One format's files in memory: relative path -> text."""
    return whole(get(name)(catalogue, records, only))
