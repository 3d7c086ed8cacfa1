"""The catalogue's vocabularies indexed by key, for code that turns records into output."""

from __future__ import annotations

import attrs

from .model import Accreditation, Catalogue, LegalGateway, Organisation, Source, Theme, Tre


@attrs.frozen
class Index:
    orgs: dict[str, Organisation]
    tres: dict[str, Tre]
    themes: dict[str, Theme]
    gateways: dict[str, LegalGateway]
    accreditations: dict[str, Accreditation]
    sources: dict[str, Source]


def index(catalogue: Catalogue) -> Index:
    return Index(
        orgs={o.id: o for o in catalogue.organisations},
        tres={t.id: t for t in catalogue.tres},
        themes={t.id: t for t in catalogue.themes},
        gateways={g.id: g for g in catalogue.legal_gateways},
        accreditations={a.id: a for a in catalogue.accreditations},
        sources={s.id: s for s in catalogue.sources},
    )
