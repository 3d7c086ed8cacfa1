"""Names, acronyms, slugs and IRIs from other catalogues matched to catalogue.yaml keys.

An organisation or TRE is known by its key, name, acronym, URLs and the `aliases` catalogue.yaml
gives it (other spellings sources use); a name with a parenthesised part also by the name without
it ("SAIL Databank" for "SAIL Databank (Secure Anonymised Information Linkage)"). An importer
never invents a catalogue key: a name that matches nothing is reported with the key it would get,
and the closest catalogue names, so the catalogue owner adds the entry (or an alias) once.
"""

from __future__ import annotations

import difflib
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
            names = [o.id, o.name, o.acronym, *o.aliases, o.url, f"{base}organisation/{o.id}", o.gov_uk_slug, o.ror]
            if o.gov_uk_slug:
                names.append(vocab.GOV_UK_ORGANISATION + o.gov_uk_slug)
            self._add(self.orgs, o.id, names)
        self.themes: dict[str, str] = {}
        for t in catalogue.themes:
            self._add(self.themes, t.id, [t.id, t.label, f"{base}theme/{t.id}"])
        self.tres: dict[str, str] = {}
        for tre in catalogue.tres:
            self._add(self.tres, tre.id, [tre.id, tre.title, *tre.aliases, tre.url, f"{base}tre/{tre.id}"])
        # Names without their parenthesised part, after every full name so none shadows one.
        for table, entries in (
            (self.orgs, [(o.id, o.name) for o in catalogue.organisations]),
            (self.tres, [(t.id, t.title) for t in catalogue.tres]),
        ):
            self._add_all(table, [(key, name.split(" (")[0]) for key, name in entries if " (" in name])
        self.labels = {
            "organisation": {o.id: o.name for o in catalogue.organisations},
            "theme": {t.id: t.label for t in catalogue.themes},
            "trusted research environment": {t.id: t.title for t in catalogue.tres},
        }
        self.gateways = {norm(g.title): g.id for g in catalogue.legal_gateways}
        self.accreditations = {norm(a.title): a.id for a in catalogue.accreditations}
        self.tre_titles = {t.id: t.title for t in catalogue.tres}
        self.tre_urls = {t.id: t.url for t in catalogue.tres}

    @staticmethod
    def _add(table: dict[str, str], key: str, names: list[str | None]) -> None:
        for name in names:
            if name:
                table.setdefault(norm(name), key)

    @staticmethod
    def _add_all(table: dict[str, str], pairs: list[tuple[str, str]]) -> None:
        for key, name in pairs:
            table.setdefault(norm(name), key)

    def suggest(self, kind: str, name: str) -> list[tuple[str, str]]:
        """(key, catalogue name) of the entries of a kind ('organisation', 'theme', 'trusted research
        environment') whose names come closest to `name`: a near miss such as a misspelling."""
        table = {"organisation": self.orgs, "theme": self.themes, "trusted research environment": self.tres}.get(kind)
        if not table or not name:
            return []
        close = difflib.get_close_matches(norm(name), list(table), n=3, cutoff=0.8)
        keys = list(dict.fromkeys(table[c] for c in close))
        return [(k, self.labels[kind].get(k, k)) for k in keys]

    def org(self, *names: str | None) -> str | None:
        """The organisation key for the first of `names` (name, acronym, URL, slug) that matches."""
        return self._first(self.orgs, names)

    def theme(self, *names: str | None) -> str | None:
        return self._first(self.themes, names)

    def tre(self, *names: str | None) -> str | None:
        return self._first(self.tres, names)

    def tre_in_text(self, text: str) -> str | None:
        """The TRE whose title or alias a free-text access description names, as whole words
        (longest name first)."""
        t = f" {norm(text)} "
        names = [(norm(n), tre.id) for tre in self.catalogue.tres for n in (tre.title, tre.title.split(" (")[0], *tre.aliases)]
        for name, tre_id in sorted(names, key=lambda kv: -len(kv[0])):
            if name and re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", t):
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
            rest = iri[len(prefix) :]
            if re.fullmatch(r"[a-z0-9][a-z0-9-]*", rest):
                return rest
        return None
