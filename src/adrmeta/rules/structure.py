"""Identity and reference checks: ids match file names, keys resolve, nothing is defined twice.

Type, key and format checks happen while reading (`records.py`), because that is where the
YAML node with its line and column is at hand.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet

from ..model import Catalogue, Record
from ..report import Issue
from . import issue

# Human words for each reference kind, and where its keys are defined.
REF_WORDS = {
    "organisation": "organisation in catalogue.yaml",
    "theme": "research theme in catalogue.yaml",
    "tre": "trusted research environment in catalogue.yaml",
    "legal-gateway": "legal gateway in catalogue.yaml",
    "accreditation": "accreditation in catalogue.yaml",
    "programme": "programme in catalogue.yaml",
    "source": "source in the record's or the catalogue's sources",
    "record": "record",
    "component": "component of this record",
}
_NONE: frozenset[str] = frozenset()  # the keys of a kind nothing defines


def catalogue_keys(catalogue: Catalogue) -> dict[str, set[str]]:
    return {
        "organisation": {o.id for o in catalogue.organisations},
        "theme": {t.id for t in catalogue.themes},
        "tre": {t.id for t in catalogue.tres},
        "legal-gateway": {g.id for g in catalogue.legal_gateways},
        "accreditation": {a.id for a in catalogue.accreditations},
        "programme": {p.id for p in catalogue.programmes},
        "source": {s.id for s in catalogue.sources},
    }


def unresolved_references(
    refs: Iterable[tuple[str, str, str]], keys: Mapping[str, AbstractSet[str]], record: Record | None
) -> Iterator[Issue]:
    """Every (kind, key, pointer) whose key is not among `keys[kind]`."""
    for kind, key, pointer in refs:
        known = keys.get(kind, _NONE)  # (a record has tens of references: no empty set made for each)
        if key in known:
            continue
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f" Did you mean '{close[0]}'?" if close else f" Or define it first ({REF_WORDS[kind]})."
        yield issue(
            "reference.unknown", record, pointer, f"'{key}' is not a known {REF_WORDS[kind]}.", "Use an existing key." + hint
        )


def record_keys(
    record: Record, base: Mapping[str, AbstractSet[str]], known_records: AbstractSet[str]
) -> dict[str, AbstractSet[str]]:
    """The catalogue's keys plus what only this record defines (its sources, components)."""
    keys = dict(base)
    keys["source"] = base["source"] | {s.id for s in record.sources}
    keys["record"] = known_records  # shared, not copied: copying it per record made validation quadratic
    keys["component"] = {c.id for c in record.components}
    return keys


def id_matches_file(record: Record, stem: str) -> Iterator[Issue]:
    if record.id != stem:
        yield issue(
            "record.id-mismatch",
            record,
            "/id",
            f"the id '{record.id}' differs from the file name '{stem}.yaml'.",
            f"Rename the file to {record.id}.yaml or set id: {stem}.",
        )


def duplicate_components(record: Record) -> Iterator[Issue]:
    seen: set[str] = set()
    for i, comp in enumerate(record.components):
        if comp.id in seen:
            yield issue(
                "record.duplicate-component",
                record,
                f"/components/{i}/id",
                f"the component id '{comp.id}' is used twice.",
                "Give each component its own id.",
            )
        seen.add(comp.id)


def duplicate_catalogue_entries(catalogue: Catalogue) -> Iterator[Issue]:
    for name in (
        "organisations",
        "themes",
        "programmes",
        "legal_gateways",
        "accreditations",
        "tres",
        "target_catalogues",
        "sources",
        "withdrawn",
    ):
        seen: set[str] = set()
        for i, entry in enumerate(getattr(catalogue, name)):
            if entry.id in seen:
                yield issue(
                    "catalogue.duplicate-key",
                    None,
                    f"/{name}/{i}/id",
                    f"'{entry.id}' is defined twice in {name}.",
                    "Remove or rename one of them.",
                )
            seen.add(entry.id)
