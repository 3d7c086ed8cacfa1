"""Names, acronyms, slugs and IRIs from other catalogues matched to catalogue.yaml keys.

An importer never invents a catalogue key: a name that matches nothing is reported with the key
it would get, so the catalogue owner adds the organisation (or theme, or TRE) once.
"""

from __future__ import annotations

import re

from .. import vocab
from ..model import Catalogue


def norm(text: str) -> str:
    """Case, punctuation, '&'/'and' and a leading 'the' do not distinguish two names."""
    t = text.casefold().replace("&", " and ").strip()
    t = re.sub(r"^https?://(www\.)?", "", t).rstrip("/")
    t = re.sub(r"[^a-z0-9/.]+", " ", t).strip()
    return re.sub(r"^the ", "", t)


class Matcher:
    """Lookups from every name a catalogue entry goes by to its key."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        base = catalogue.base_uri
        self.base = base
        self.orgs: dict[str, str] = {}
        for o in catalogue.organisations:
            names = [o.id, o.name, o.acronym, o.url, f"{base}organisation/{o.id}", o.gov_uk_slug,
                     getattr(o, "ror", None)]
            if o.gov_uk_slug:
                names.append(vocab.GOV_UK_ORGANISATION + o.gov_uk_slug)
            self._add(self.orgs, o.id, names)
        self.themes: dict[str, str] = {}
        for t in catalogue.themes:
            self._add(self.themes, t.id, [t.id, t.label, f"{base}theme/{t.id}"])
        self.tres: dict[str, str] = {}
        for tre in catalogue.tres:
            self._add(self.tres, tre.id, [tre.id, tre.title, tre.url, f"{base}tre/{tre.id}"])
        self.gateways = {norm(g.title): g.id for g in catalogue.legal_gateways}
        self.accreditations = {norm(a.title): a.id for a in catalogue.accreditations}
        self.tre_titles = {t.id: t.title for t in catalogue.tres}
        self.tre_urls = {t.id: t.url for t in catalogue.tres}

    @staticmethod
    def _add(table: dict[str, str], key: str, names: list[str | None]) -> None:
        for name in names:
            if name:
                table.setdefault(norm(name), key)

    def org(self, *names: str | None) -> str | None:
        """The organisation key for the first of `names` (name, acronym, URL, slug) that matches."""
        return self._first(self.orgs, names)

    def theme(self, *names: str | None) -> str | None:
        return self._first(self.themes, names)

    def tre(self, *names: str | None) -> str | None:
        return self._first(self.tres, names)

    def tre_in_text(self, text: str) -> str | None:
        """The TRE whose title or key a free-text access description names (longest title first)."""
        t = norm(text)
        names = [(norm(n), tre_id) for tre_id, title in self.tre_titles.items() for n in (title, title.split(" (")[0])]
        for name, tre_id in sorted(names, key=lambda kv: -len(kv[0])):
            if name and name in t:
                return tre_id
        return None

    @staticmethod
    def _first(table: dict[str, str], names: tuple[str | None, ...]) -> str | None:
        for name in names:
            if name:
                key = table.get(norm(name))
                if key:
                    return key
        return None

    def record_id(self, iri: str) -> str | None:
        """The record id of one of this catalogue's dataset IRIs."""
        prefix = f"{self.base}dataset/"
        if iri.startswith(prefix):
            rest = iri[len(prefix):]
            if re.fullmatch(r"[a-z0-9][a-z0-9-]*", rest):
                return rest
        return None
