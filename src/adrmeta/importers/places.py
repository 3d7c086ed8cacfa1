"""Places as catalogues write them, read as UK nations: the judgement an import reports as a guess."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from .. import vocab
from .draft import Draft
from .match import Matcher
from .normalise import narrowest, nations, slug


def place_nations(place: str) -> tuple[tuple[str, ...], str | None]:
    """Nations a place names, and the reasoning when reading them took judgement. The list rule is
    `normalise.narrowest`, the one rule for every importer: a list naming the UK (or Great Britain)
    and some nations means those nations, never all four. A place that is partly a nation
    ("Wales, where …") gives that nation."""
    found, guessed = nations(place)
    parts = [p for p in re.split(r"\s*[,;]\s*", place.strip()) if p]
    read = [codes for codes in (nations(p)[0] for p in parts) if codes] if len(parts) > 1 else []
    codes, narrowed = narrowest(read) if read else ((), False)
    if not found and codes:
        found = tuple(c for c in vocab.NATIONS if c in codes)
        return found, f"'{place}' was read as {', '.join(found)}: the nations it names, not the rest of it."
    if found and narrowed:
        return found, f"'{place}' was read as {', '.join(found)}: the nations it names, not the whole UK it also names."
    return found, (f"'{place}' was read as {', '.join(found)}." if found and guessed else None)


@attrs.frozen
class PlaceReading:
    """The nations a list of places names, and which places named none (an area)."""

    nations: tuple[str, ...]  # in vocab.NATIONS order
    reasoning: str | None  # why reading them took judgement: the nations are then a guess
    unread: tuple[int, ...]  # the places (by index) that name no nation


def read_places(places: Sequence[tuple[str, Sequence[str]]]) -> PlaceReading:
    """The one reading of places for every importer. Each place is (how it is shown, the names it
    goes by: an IRI, a sameAs, a label or its text), each name read by `place_nations` until one
    names nations; across places `normalise.narrowest` applies (the UK beside Wales is Wales)."""
    found: list[tuple[str, ...]] = []
    shown: list[str] = []
    reasons: list[str] = []
    unread: list[int] = []
    for i, (label, names) in enumerate(places):
        for name in names:
            codes, why = place_nations(name)
            if codes:
                found.append(codes)
                shown.append(label)
                reasons += [why] if why else []
                break
        else:
            unread.append(i)
    codes, narrowed = narrowest(found)
    ordered = tuple(c for c in vocab.NATIONS if c in codes)
    if narrowed:
        reasons.append(
            f"the places {', '.join(shown)} were read as {', '.join(ordered)}: "
            "a place that contains another of them only says where that one is."
        )
    return PlaceReading(ordered, " ".join(reasons) or None, tuple(unread))


def custodian(d: Draft, m: Matcher, name: str) -> str | None:
    """The publisher's key for a custodian's name, or None, reported (with the TRE of that name
    suggested when there is one: the HDR UK Gateway names SAIL as the custodian of SAIL's datasets)."""
    key = m.org(name)
    if key:
        d.put("/publisher", key)
    else:
        d.reference("/publisher", "organisation", name, slug(name))
    return key
