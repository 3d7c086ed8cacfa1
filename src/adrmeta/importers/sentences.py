"""Access words of adrmeta's own exports read back into a draft (`phrases.read_access`), each
name the catalogue does not know reported on the draft."""

from __future__ import annotations

from typing import Any

from ..phrases import read_access
from .draft import Draft
from .match import Matcher


def add_access_words(d: Draft, route: dict[str, Any], text: str, matcher: Matcher, line: int | None = None) -> None:
    """The access-route fields in `text` into `route`, each name it could not match reported on the draft."""
    found, unknown = read_access(
        text, {g.title: g.id for g in matcher.catalogue.legal_gateways}, {a.title: a.id for a in matcher.catalogue.accreditations}
    )
    route.update(found)
    for name in unknown:
        d.finding(
            "import.reference",
            "/access",
            f"the {name} is not in catalogue.yaml.",
            "Add it to catalogue.yaml and to the access route.",
            line,
        )
