"""Places as catalogues write them, read as UK nations: the judgement an import reports as a guess."""

from __future__ import annotations

import re

from .. import vocab
from .draft import Draft
from .match import Matcher
from .normalise import nations, slug


def place_nations(place: str) -> tuple[tuple[str, ...], str | None]:
    """Nations a place names, and the reasoning when reading them took judgement: a list naming the
    UK (or Great Britain) and some nations means those nations, never all four; a place that is
    partly a nation ("Wales, where …") gives that nation."""
    found, guessed = nations(place)
    parts = [p for p in re.split(r"\s*[,;]\s*", place.strip()) if p]
    if len(parts) > 1:
        single = [c for p in parts for c in nations(p)[0] if len(nations(p)[0]) == 1]
        if single and (not found or len(found) > len(set(single))):
            codes = tuple(c for c in vocab.NATIONS if c in single)
            return codes, f"'{place}' was read as {', '.join(codes)}: the nations it names, not the whole UK it also names."
    return found, (f"'{place}' was read as {', '.join(found)}." if found and guessed else None)


def custodian(d: Draft, m: Matcher, name: str) -> str | None:
    """The publisher's key for a custodian's name, or None, reported (with the TRE of that name
    suggested when there is one: the HDR UK Gateway names SAIL as the custodian of SAIL's datasets)."""
    key = m.org(name)
    if key:
        d.put("/publisher", key)
    else:
        d.reference("/publisher", "organisation", name, slug(name))
    return key
