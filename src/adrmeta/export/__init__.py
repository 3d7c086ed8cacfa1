"""Exporters: one module per standard, each a pure generator `documents(catalogue, records,
only=None)` yielding (relative path, text) for every record or `only` some (the others stay
available for cross-references), and `render`, the same as a dict. Listed in a plain dict; an
unknown name lists the known ones.

Every exporter sees stated facts only: the values a record marks as inferences
(`provenance`, basis: inference) are taken out before it renders (`provenance.published`)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from importlib import import_module
from typing import Any

import attrs

from .. import profiles
from ..model import Catalogue, Record
from ..provenance import published
from .files import Documents, whole


@attrs.frozen
class Exporter:
    """`function` of the exporter module `module` (its full name), given stated facts only. The
    module is imported when first used, so an export of one format loads only that format's code
    (importing every exporter was a tenth of a 26-record export: benchmarks/README.md). Keyword
    options go through (`subsets`, for the formats in `feeds.SUBSET_FORMATS`)."""

    module: str
    function: str = "documents"

    def __call__(
        self, catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None, **options: Any
    ) -> Documents:
        render = getattr(import_module(self.module), self.function)
        return render(catalogue, published(records), only, **options)  # type: ignore[no-any-return]


EXPORTERS: dict[str, Exporter] = {
    "csvw": Exporter(f"{__name__}.csvw"),
    "dcat": Exporter(f"{__name__}.dcat"),
    "dcat-uk": Exporter(f"{__name__}.cddo"),
    "ddi": Exporter(f"{__name__}.ddi"),
    "hdruk": Exporter(f"{__name__}.hdruk"),
    "hdruk-4": Exporter(f"{__name__}.hdruk", "documents_v4"),
    "schemaorg": Exporter(f"{__name__}.schemaorg"),
    "site": Exporter(f"{__name__}.site"),
}


# Formats whose required fields must all be filled in from the record: each has `gaps(catalogue,
# record)` (of the stated record), and leaves out records with any (listed in feed manifests and by
# `adrmeta validate`).
COMPLETE_ONLY = {"dcat-uk": profiles.cddo_gaps, "hdruk": profiles.hdruk_gaps, "hdruk-4": profiles.hdruk_gaps}


class UnknownFormat(ValueError):
    pass


def get(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise UnknownFormat(f"unknown export format '{name}'; known formats: {', '.join(sorted(EXPORTERS))}") from None


def render(name: str, catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> dict[str, str]:
    """One format's files in memory: relative path -> text."""
    return whole(get(name)(catalogue, records, only))
