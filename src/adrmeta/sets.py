"""The OAI-PMH sets, and which of them each record is in. OAI-PMH (`serve.oai`) lists them; the
datestamps file (`datestamps.lock_text`) keeps each record's sets as last exported, so that a
record taken out later is still announced as deleted in the sets it was in.

| setSpec | name | members |
|---|---|---|
| `catalogue` | Target catalogues | every member of a `catalogue:{id}` set |
| `catalogue:{id}` | the target catalogue's title | records accessible through its TREs (`feeds.accessible`) |
| `theme` | ADR UK research themes | every member of a `theme:{id}` set |
| `theme:{id}` | Research theme: {label} | records mapped to the theme |

A parent set exists when the catalogue defines a child of it; records name only the child sets.

Which sets ListSets lists (`listed`). OAI-PMH 2.0 makes a set "an optional construct for grouping
items for the purpose of selective harvesting" (2.6) and ListSets the verb "to retrieve the set
structure of a repository, useful for selective harvesting" (4.6); it neither asks for nor forbids
a set that holds no item. A harvester offers every listed set to choose from (Omeka's OAI-PMH
Harvester shows them under "View Sets" for a base URL; Sickle's ListSets yields each), and a
harvest of an empty one ends in noRecordsMatch, which looks like a broken repository. So a theme set is listed when it holds a
record, live or withdrawn (a deleted header names the sets it was in, and a set harvester must
still be able to find it to learn of the deletion); a research theme no record is mapped to, now
or as a withdrawn record's last-exported sets, is not offered. A target catalogue's set is always
listed: it is the set of a feed catalogue.yaml defines for a named harvester (its manifest is
written with no record too), whose harvester is set up with that setSpec before its first record
comes. A request for an unlisted set gets noRecordsMatch, as an empty one would.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from .feeds import accessible, set_spec
from .model import Catalogue, Record


def parent(spec: str) -> str:
    """The parent set of a child set's spec (`catalogue:sail` -> `catalogue`)."""
    return spec.split(":", 1)[0]


def defined(catalogue: Catalogue) -> list[tuple[str, str]]:
    """(setSpec, setName) of every set the catalogue defines, each parent before its children."""
    out: list[tuple[str, str]] = []
    if catalogue.target_catalogues:
        out.append(("catalogue", "Target catalogues"))
        out += [(set_spec(t.id), t.title) for t in catalogue.target_catalogues]
    if catalogue.themes:
        out.append(("theme", "ADR UK research themes"))
        out += [(f"theme:{t.id}", f"Research theme: {t.label}") for t in catalogue.themes]
    return out


def memberships(catalogue: Catalogue, records: Mapping[str, Record]) -> dict[str, tuple[str, ...]]:
    """Record id -> the child sets it is in, sorted. `records`: published (stated facts only)."""
    out: dict[str, list[str]] = {rid: [] for rid in records}
    for target in catalogue.target_catalogues:
        for rid in accessible(target, records):
            out[rid].append(set_spec(target.id))
    themes = {t.id for t in catalogue.themes}
    for rid, rec in records.items():
        out[rid] += [f"theme:{t}" for t in rec.themes if t in themes]
    return {rid: tuple(sorted(set(specs))) for rid, specs in out.items()}


# Parent sets whose children are listed even when empty: a target catalogue's feed set.
ALWAYS_LISTED = frozenset({"catalogue"})


def listed(spec: str, members: Collection[str]) -> bool:
    """Whether ListSets lists a defined set holding `members` (record ids, live or withdrawn;
    a parent's are its children's): one that holds a record, or a target catalogue's."""
    return bool(members) or parent(spec) in ALWAYS_LISTED
