"""adrmeta's own exports put some structured facts into sentences (access conditions, linkage,
documentation kinds, citations); these read them back, using the catalogue's titles and the
vocab labels, so a round trip through a text-only format keeps the facts."""

from __future__ import annotations

import re
from typing import Any

from .. import vocab
from .draft import Draft
from .match import Matcher, norm

DOC_KINDS = {label: kind for kind, label in vocab.DOCUMENT_KIND_LABELS.items()}
AVAILABILITIES = {label: key for key, label in vocab.AVAILABILITY_LABELS.items()}
_DOC = re.compile(r"^(?P<kind>[^,]+), (?P<avail>[^.]+)\.(?: (?P<note>.*))?$", re.DOTALL)
_LINKAGE = re.compile(r"^Linkage (?P<scope>within department|between departments|linkable), method (?P<method>[a-z ]+?)\."
                      r"(?: (?P<desc>.*?))?(?: Linkage key: (?P<key>.*)\.)?$", re.DOTALL)
_LEAD = re.compile(r"(?:^| )Typical time to access: (?P<lead>.+)\.$", re.DOTALL)
LINKAGE_SCOPES = ("within-department", "between-departments", "linkable")
LINKAGE_METHODS = ("deterministic", "probabilistic", "deterministic-and-probabilistic", "lookup", "unknown")


def document_kind(description: str) -> tuple[str, str, str | None] | None:
    """(kind, availability, note) from 'User guide, publicly available. Note…', else None."""
    m = _DOC.match(description.strip())
    if m and m["kind"] in DOC_KINDS and m["avail"] in AVAILABILITIES:
        return DOC_KINDS[m["kind"]], AVAILABILITIES[m["avail"]], m["note"] or None
    return None


def linkage(text: str) -> dict[str, Any] | None:
    """The linkage fields from `lookup.linkage_text`, else None."""
    m = _LINKAGE.match(text.strip())
    if not m:
        return None
    scope, method = m["scope"].replace(" ", "-"), m["method"].replace(" ", "-")
    if scope not in LINKAGE_SCOPES or method not in LINKAGE_METHODS:
        return None
    out: dict[str, Any] = {"scope": scope, "method": method}
    if m["desc"]:
        out["description"] = m["desc"]
    if m["key"]:
        out["key"] = m["key"]
    return out


def _take_titles(text: str, titles: dict[str, str]) -> tuple[list[tuple[str, str | None]], str] | None:
    """Titles separated by '; ' and ending with '.', each matched to a key where the catalogue knows it."""
    known = sorted(titles.items(), key=lambda kv: -len(kv[0]))
    out: list[tuple[str, str | None]] = []
    rest = text
    while True:
        hit: tuple[str, str | None] | None = next(
            ((t, k) for t, k in known if rest.startswith(t) and rest[len(t):len(t) + 1] in (";", ".")), None)
        if hit is None:
            m = re.match(r"([^;.]+)([;.])", rest)
            if not m:
                return None
            hit = (m.group(1), None)
        out.append((hit[0], hit[1]))
        rest = rest[len(hit[0]):]
        if rest.startswith("; "):
            rest = rest[2:]
            continue
        return out, rest[1:].lstrip()


def access_words(text: str, matcher: Matcher) -> tuple[dict[str, Any], list[str]]:
    """Access-route fields from the words an export wrote: legal gateway, accreditation,
    conditions and lead time; and the names it could not match to catalogue keys."""
    route: dict[str, Any] = {}
    unknown: list[str] = []
    rest = text.strip()
    gateways = {g.title: g.id for g in matcher.catalogue.legal_gateways}
    accreditations = {a.title: a.id for a in matcher.catalogue.accreditations}
    if rest.startswith("Legal gateway: "):
        got = _take_titles(rest[len("Legal gateway: "):], gateways)
        if got:
            (title, key), rest = got[0][0], got[1]
            if key:
                route["legal_gateway"] = key
            else:
                unknown.append(f"legal gateway '{title}'")
    if rest.startswith("Requires: "):
        got = _take_titles(rest[len("Requires: "):], accreditations)
        if got:
            items, rest = got
            route["accreditation"] = [k for _t, k in items if k]
            unknown += [f"accreditation '{t}'" for t, k in items if not k]
            if not route["accreditation"]:
                del route["accreditation"]
    m = _LEAD.search(rest)
    if m:
        route["lead_time"] = m["lead"]
        rest = rest[:m.start()].strip()
    if rest:
        route["conditions"] = rest
    return route, unknown


def citation(text: str, title: str) -> dict[str, Any]:
    """Authors, year and venue from 'Authors, 2021, Venue. Title'."""
    suffix = f". {title}"
    if not text.endswith(suffix):
        return {}
    parts = text[:-len(suffix)].split(", ")
    years = [i for i, p in enumerate(parts) if re.fullmatch(r"\d{4}", p)]
    if not years:
        return {"authors": ", ".join(parts)}
    i = years[-1]
    out: dict[str, Any] = {"year": int(parts[i])}
    if parts[:i]:
        out["authors"] = ", ".join(parts[:i])
    if parts[i + 1:]:
        out["venue"] = ", ".join(parts[i + 1:])
    return out



def add_access_words(d: Draft, route: dict[str, Any], text: str, matcher: Matcher, line: int | None = None) -> None:
    """`access_words` of `text` into `route`, each name it could not match reported on the draft."""
    found, unknown = access_words(text, matcher)
    route.update(found)
    for name in unknown:
        d.finding("import.reference", "/access", f"the {name} is not in catalogue.yaml.",
                  "Add it to catalogue.yaml and to the access route.", line)

__all__ = ["document_kind", "linkage", "access_words", "add_access_words", "citation", "norm"]
