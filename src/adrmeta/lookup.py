"""The catalogue's vocabularies indexed by key, for code that turns records into output."""

from __future__ import annotations

import attrs

from .model import Accreditation, Catalogue, LegalGateway, Linkage, Organisation, Record, Source, TargetCatalogue, Theme, Tre
from .provenance import stated


@attrs.frozen
class Index:
    orgs: dict[str, Organisation]
    tres: dict[str, Tre]
    themes: dict[str, Theme]
    gateways: dict[str, LegalGateway]
    accreditations: dict[str, Accreditation]
    sources: dict[str, Source]


def index(catalogue: Catalogue) -> Index:
    return Index(orgs={o.id: o for o in catalogue.organisations}, tres={t.id: t for t in catalogue.tres},
                 themes={t.id: t for t in catalogue.themes}, gateways={g.id: g for g in catalogue.legal_gateways},
                 accreditations={a.id: a for a in catalogue.accreditations}, sources={s.id: s for s in catalogue.sources})


def linkage_text(lk: Linkage) -> str:
    """The linkage in one plain sentence or two, as the text exports carry it."""
    words = f"Linkage {lk.scope.replace('-', ' ')}, method {lk.method.replace('-', ' ')}."
    return words + (f" {lk.description}" if lk.description else "") + (f" Linkage key: {lk.key}." if lk.key else "")


def takes(target: TargetCatalogue, rec: Record) -> bool:
    """Whether a target catalogue harvests the record: available, with a stated route (not an
    inference) through one of its TREs."""

    rec = stated(rec)
    return rec.status == "available" and any(r.tre in target.tres for r in rec.access)
