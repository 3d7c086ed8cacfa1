"""DDI Codebook 2.5 study descriptions, bare (`codeBook`) or inside OAI-PMH `GetRecord` and
`ListRecords` responses, parsed without entities, DTDs or network (`source.Source.xml`).

| DDI Codebook 2.5 (`stdyDscr/…`) | record field | notes |
|---|---|---|
| `citation/titlStmt/IDNo` | id, identifiers | the IDNo whose agency is the catalogue publisher gives the id; `DOI` and scheme agencies become identifiers |
| `titlStmt/titl`, `altTitl` | title, acronym, alternative_titles | the first short altTitl without spaces is the acronym |
| `rspStmt/AuthEnty` | data_owners | organisations matched by name or `@abbr` |
| `prodStmt/producer`, `fundAg` | publisher, contributors (funder) | |
| `distStmt/contact` | contacts | `@email`, `@URI`; a contact repeated in `useStmt` has role access |
| `verStmt/version` | version, versions | `@date` is the release date |
| `citation/holdings/@URI` | landing_page | unless it is the dataset IRI |
| `stdyInfo/subject/keyword`, `topcClas` | keywords, themes | themes matched by label |
| `stdyInfo/abstract` | summary | |
| `sumDscr/timePrd` | coverage.periods, components' periods | start/end pairs by `@cycle`; a cycle naming a component goes to it |
| `sumDscr/nation` | coverage.nations | `@abbr` code, else the name |
| `sumDscr/geogCover` | coverage.area, components' area | what is not a nation name |
| `sumDscr/anlyUnit` | unit_of_analysis | DDI Analysis Unit labels, `vocab.ANALYSIS_UNITS` in reverse |
| `sumDscr/universe` | population | |
| `method/dataColl/frequenc` | update_frequency, update_note | the frequency label, then the note |
| `method/dataColl/sources/dataSrc` | components | "title: description" |
| `method/notes[@subject=Linkage]` | linkage | |
| `dataAccs/setAvail` | status, expected_availability, access (TRE) | |
| `dataAccs/useStmt` | access (accreditation, legal gateway, conditions, lead time) | |
| `othrStdyMat/relMat` | documentation | `@type` is the kind; availability from the notes |
| `othrStdyMat/relStdy` | part_of, has_part | |
| `othrStdyMat/relPubl` | publications | title, DOI, URL, citation |
| `docDscr/citation/prodStmt/prodDate` | modified | |
| any other element with text | notes | |
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .. import phrases, vocab
from ..model import IdentifierScheme
from . import sentences
from .draft import Draft
from .match import Matcher
from .normalise import nations, slug
from .source import Source, fatal, local_name

NAME = "ddi"
DESCRIPTION = "DDI Codebook 2.5 XML, bare or in an OAI-PMH response"
KINDS = ("xml",)  # file kinds it reads (source.Source.kind)

DDI = "ddi:codebook:2_5"
OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {"d": DDI, "o": OAI}
SCHEMES: tuple[str, ...] = IdentifierScheme.__args__  # type: ignore[attr-defined]
UNITS = {label: unit for unit, (_code, label) in reversed(vocab.ANALYSIS_UNITS.items())}
FREQUENCY_LABELS = {label.capitalize(): key for key, (_c, label) in reversed(vocab.FREQUENCY.items())}
AVAILABLE = "Available to accredited researchers"
# Elements the importer reads; text anywhere else in stdyDscr is kept as a note.
READ = {"citation", "titlStmt", "titl", "altTitl", "IDNo", "rspStmt", "AuthEnty", "prodStmt", "producer", "fundAg",
        "distStmt", "distrbtr", "contact", "verStmt", "version", "holdings", "stdyInfo", "subject", "keyword", "topcClas",
        "abstract", "sumDscr", "timePrd", "nation", "geogCover", "anlyUnit", "concept", "universe", "dataKind", "method",
        "dataColl", "frequenc", "sources", "dataSrc", "notes", "dataAccs", "setAvail", "accsPlac", "avlStatus", "useStmt",
        "restrctn", "conditions", "othrStdyMat", "relMat", "relStdy", "relPubl", "biblCit", "distDate", "stdyDscr"}


def detect(src: Source) -> bool:
    if src.kind() != "xml":
        return False
    root = src.xml()
    return root.tag in (f"{{{DDI}}}codeBook", f"{{{OAI}}}OAI-PMH")


def read(src: Source, matcher: Matcher) -> list[Draft]:
    if src.kind() != "xml":
        raise fatal("import.wrong-root", src.display, "DDI is XML; this file is not.", "Give a DDI Codebook 2.5 XML file.", 1, 1)
    root = src.xml()
    if root.tag == f"{{{DDI}}}codeBook":
        books = [root]
    elif root.tag == f"{{{OAI}}}OAI-PMH":
        books = _from_oai(src, root)
    else:
        raise fatal("import.wrong-root", src.display,
                    f"the root element is {root.tag}, not a DDI Codebook 2.5 codeBook ({{{DDI}}}codeBook) or an OAI-PMH response.",
                    "Give a DDI Codebook 2.5 file (namespace ddi:codebook:2_5) or an OAI-PMH GetRecord/ListRecords page.",
                    root.sourceline, 1)
    return [_Reader(src, matcher, book).draft() for book in books]


def _from_oai(src: Source, root: etree._Element) -> list[etree._Element]:
    error = root.find("o:error", NS)
    if error is not None:
        raise fatal("import.no-dataset", src.display, f"the OAI-PMH response is an error: {error.get('code')}: "
                    f"{(error.text or '').strip()}", "Harvest again with a valid request.", error.sourceline, 1)
    books: list[etree._Element] = root.findall("o:ListRecords/o:record/o:metadata/d:codeBook", NS) + \
        root.findall("o:GetRecord/o:record/o:metadata/d:codeBook", NS)
    token = root.find("o:ListRecords/o:resumptionToken", NS)
    if token is not None and (token.text or "").strip():
        src.notes = [("import.incomplete-list", token.sourceline,
                      f"this ListRecords page is partial (resumptionToken {token.text.strip()}).")]
    return books


class _Reader:
    def __init__(self, src: Source, matcher: Matcher, book: etree._Element) -> None:
        self.src, self.m, self.book = src, matcher, book
        self.d = Draft(src.display, NAME, line=book.sourceline)
        publisher = next((o for o in matcher.catalogue.organisations if o.id == matcher.catalogue.publisher), None)
        self.agency = (publisher.acronym or publisher.name) if publisher else None

    def all(self, path: str) -> list[etree._Element]:
        found: list[etree._Element] = self.book.findall(path.replace("/", "/d:").join(["d:", ""]) if path else path, NS)
        return found

    def texts(self, path: str) -> list[tuple[str, etree._Element]]:
        out = []
        for el in self.all(path):
            text = " ".join("".join(el.itertext()).split())
            if text:
                out.append((text, el))
        return out

    def org(self, el: etree._Element, text: str, path: str) -> str | None:
        key = self.m.org(text, el.get("abbr"))
        if key is None:
            self.d.reference(path, "organisation", text, slug(el.get("abbr") or text), el.sourceline)
        return key

    def draft(self) -> Draft:
        d = self.d
        cit = "stdyDscr/citation"
        title = next((d.text("/title", t, el.sourceline) for t, el in self.texts(f"{cit}/titlStmt/titl")), None)
        d.put("/title", title)
        rid = None
        idents = []
        for text, el in self.texts(f"{cit}/titlStmt/IDNo"):
            agency = el.get("agency") or ""
            if agency == self.agency and re.fullmatch(r"[a-z0-9][a-z0-9-]*", text) and rid is None:
                rid = text
            elif agency == "DOI":
                idents.append({"scheme": "doi", "value": text})
            elif agency in SCHEMES:
                idents.append({"scheme": agency, "value": text})
            else:
                idents.append({"scheme": "other", "value": text})
                d.unmapped(f"IDNo agency '{agency}'", text, el.sourceline)
        alts = [t for t, _el in self.texts(f"{cit}/titlStmt/altTitl")]
        acronym = alts[0] if alts and len(alts[0]) <= 20 and " " not in alts[0] else None
        if acronym:
            d.put("/acronym", acronym)
            alts = alts[1:]
        d.put("/alternative_titles", [{"title": t} for t in alts])
        d.put("/identifiers", idents)
        d.put("/id", rid or slug(acronym or title or "imported-dataset"))
        if not rid:
            d.guessed("/id", f"the id '{d.fields['id']}' was made from the {'acronym' if acronym else 'title'}.", self.book.sourceline)
        d.put("/summary", next((d.text("/summary", t, el.sourceline) for t, el in self.texts("stdyDscr/stdyInfo/abstract")), None))
        self.access()
        prod = self.texts("docDscr/citation/prodStmt/prodDate")
        if prod:
            d.put("/modified", d.date_value("/modified", prod[0][1].get("date") or prod[0][0], prod[0][1].sourceline, full=True))
        versions = self.texts(f"{cit}/verStmt/version")
        if versions:
            text, el = versions[0]
            d.put("/version", text)
            released = d.date_value("/versions", el.get("date"), el.sourceline) if el.get("date") else None
            if released:
                d.put("/versions", [{"name": text, "released": released}])
        producer = self.texts(f"{cit}/prodStmt/producer")
        if producer:
            d.put("/publisher", self.org(producer[0][1], producer[0][0], "/publisher"))
        d.put("/data_owners", list(dict.fromkeys(k for k in (self.org(el, t, "/data_owners")
                                                           for t, el in self.texts(f"{cit}/rspStmt/AuthEnty")) if k)))
        d.put("/contributors", [{"organisation": k, "role": "funder"} for k in
                                (self.org(el, t, "/contributors") for t, el in self.texts(f"{cit}/prodStmt/fundAg")) if k])
        self.contacts()
        holdings = self.all(f"{cit}/holdings")
        if holdings and holdings[0].get("URI") and holdings[0].get("URI") != f"{self.m.base}dataset/{d.fields['id']}":
            d.put("/landing_page", d.url("/landing_page", holdings[0].get("URI"), holdings[0].sourceline))
        themes = []
        for text, el in self.texts("stdyDscr/stdyInfo/subject/topcClas"):
            key = self.m.theme(text)
            if key:
                themes.append(key)
            else:
                d.reference("/themes", "theme", text, slug(text), el.sourceline)
        d.put("/themes", themes)
        d.put("/keywords", [k for k in (d.text("/keywords", t, el.sourceline)
                                        for t, el in self.texts("stdyDscr/stdyInfo/subject/keyword")) if k])
        self.components_and_coverage()
        for text, el in self.texts("stdyDscr/stdyInfo/sumDscr/anlyUnit"):
            unit = UNITS.get(text)
            if unit:
                d.fields.setdefault("unit_of_analysis", []).append(unit)
            else:
                d.unmapped("analysis unit", text, el.sourceline)
        d.put("/population", next((t for t, _el in self.texts("stdyDscr/stdyInfo/sumDscr/universe")), None))
        for text, _el in self.texts("stdyDscr/method/dataColl/frequenc"):
            label, _, note = text.partition(". ")
            key = FREQUENCY_LABELS.get(label.rstrip(".")) or vocab.FREQUENCY_WORDS.get(label.rstrip(".").casefold())
            if key:
                d.put("/update_frequency", key)
                d.put("/update_note", note or None)
            else:
                d.put("/update_note", text)
        for text, el in self.texts("stdyDscr/method/notes"):
            lk = phrases.read_linkage(text) if el.get("subject") == "Linkage" else None
            if lk:
                d.put("/linkage", lk)
            else:
                d.unmapped("method note", text, el.sourceline)
        self.other_material()
        self.leftovers()
        for code, line, message in getattr(self.src, "notes", []):
            d.finding(code, "", message, "Harvest the following pages too and import them as well.", line)
        return d

    def contacts(self) -> None:
        access = {(el.get("email"), el.get("URI"), t) for t, el in self.texts("stdyDscr/dataAccs/useStmt/contact")}
        out = []
        for text, el in self.texts("stdyDscr/citation/distStmt/contact"):
            c: dict[str, Any] = {}
            if text not in (el.get("email"), el.get("URI")):
                c["name"] = text
            if el.get("email"):
                c["email"] = el.get("email")
            if el.get("URI"):
                c["url"] = el.get("URI")
            if (el.get("email"), el.get("URI"), text) in access:
                c["role"] = "access"
            out.append(c)
        self.d.put("/contacts", out)

    def periods(self, prefix: str | None) -> list[dict[str, Any]]:
        """Periods whose cycle belongs to the record (prefix None) or to the component titled `prefix`."""
        out: list[dict[str, Any]] = []
        open_: dict[str, Any] | None = None
        for text, el in self.texts("stdyDscr/stdyInfo/sumDscr/timePrd"):
            cycle = el.get("cycle")
            if prefix is None:
                if cycle and any(cycle.startswith(f"{t} – ") or (cycle == t and text != cycle) for t in self.component_titles):
                    continue
                rest = cycle
            else:
                if not cycle or not (cycle.startswith(f"{prefix} – ") or (cycle == prefix and text != cycle)):
                    continue
                rest = cycle[len(prefix) + 3:] if cycle != prefix else None
            date = self.d.date_value("/coverage/periods", el.get("date") or text, el.sourceline)
            event = el.get("event") or "single"
            label = text if text != el.get("date") else None
            if event == "end" and open_ is not None and open_["_cycle"] == rest and "end" not in open_:
                open_["end"] = date
                continue
            p: dict[str, Any] = {"_cycle": rest}
            if event in ("start", "single") and date:
                p["start"] = date
            if event in ("end", "single") and date:
                p["end"] = date
            if label:
                p["label"] = label
            out.append(p)
            open_ = p if event == "start" else None
        for p in out:
            cycle = p.pop("_cycle")
            if cycle and "label" not in p and cycle in (p.get("start"), p.get("end")):
                p["label"] = cycle  # a label that is the date itself
            elif cycle and cycle != p.get("label"):
                p["wave"] = cycle
        return [{k: p[k] for k in ("start", "end", "label", "wave") if k in p} for p in out]

    def components_and_coverage(self) -> None:
        d = self.d
        comps = []
        cycles = [el.get("cycle") or "" for el in self.all("stdyDscr/stdyInfo/sumDscr/timePrd")]
        named = {c.split(" – ")[0] for c in cycles if c} | {t.rsplit(": ", 1)[0] for t, _e in
                                                            self.texts("stdyDscr/stdyInfo/sumDscr/geogCover")}
        for text, _el in self.texts("stdyDscr/method/dataColl/sources/dataSrc"):
            known = sorted((t for t in named if text == t or text.startswith(f"{t}: ")), key=len, reverse=True)
            title, sep, desc = (known[0], ": " if text != known[0] else "", text[len(known[0]) + 2:]) if known \
                else text.partition(": ")
            comp: dict[str, Any] = {"id": slug(title), "title": title}
            if sep:
                comp["description"] = desc
            comps.append(comp)
        self.component_titles = [c["title"] for c in comps]
        nation_codes: list[str] = []
        for text, el in self.texts("stdyDscr/stdyInfo/sumDscr/nation"):
            found, guessed = nations(el.get("abbr") or text)
            if not found and el.get("abbr"):
                found, guessed = nations(text)
            nation_codes += [c for c in found if c not in nation_codes]
            if guessed:
                d.guessed("/coverage/nations", f"'{text}' was read as {', '.join(found)}.", el.sourceline)
            if not found:
                d.unmapped("nation", text, el.sourceline)
        cov: dict[str, Any] = {}
        if nation_codes:
            cov["nations"] = [c for c in vocab.NATIONS if c in nation_codes]
        names = {vocab.NATIONS[c][1] for c in vocab.NATIONS}
        for text, _el in self.texts("stdyDscr/stdyInfo/sumDscr/geogCover"):
            owner = next((c for c in comps if text.startswith(f"{c['title']}: ")), None)
            places = (text[len(owner["title"]) + 2:] if owner else text).split(", ")
            area = ", ".join(p for p in places if p not in names)
            if owner:
                ccov = owner.setdefault("coverage", {})
                ccov["nations"] = [c for c in vocab.NATIONS if vocab.NATIONS[c][1] in places] or []
                if area:
                    ccov["area"] = area
            elif area:
                cov["area"] = area
        periods = self.periods(None)
        if periods:
            cov["periods"] = periods
        d.put("/coverage", cov)
        for comp in comps:
            periods = self.periods(comp["title"])
            if periods:
                comp.setdefault("coverage", {})["periods"] = periods
        d.put("/components", comps)
        if any(c.get("coverage") for c in comps):
            d.guessed("/components", "component ids were made from their titles.")

    def access(self) -> None:
        d = self.d
        statuses = [t for t, _el in self.texts("stdyDscr/dataAccs/setAvail/avlStatus")]
        if statuses:
            status, _, expected = statuses[0].partition("; expected: ")
            key = "available" if status == AVAILABLE else status.casefold() if status.casefold() in ("planned", "retired") else None
            if key:
                d.put("/status", key)
                d.put("/expected_availability", expected or None)
            else:
                d.unmapped("availability status", statuses[0])
        places = self.all("stdyDscr/dataAccs/setAvail/accsPlac")
        uses = self.all("stdyDscr/dataAccs/useStmt")
        routes = []
        for i, place in enumerate(places):
            title = " ".join("".join(place.itertext()).split())
            tre = self.m.tre(title, place.get("URI")) or self.m.tre_in_text(title)
            if tre is None:
                d.reference("/access", "trusted research environment", title, slug(title), place.sourceline)
                continue
            route: dict[str, Any] = {"tre": tre}
            if place.get("URI") and place.get("URI") != self.m.tre_urls.get(tre):
                route["url"] = place.get("URI")
            use = uses[i] if i < len(uses) else None
            if use is not None:
                words = ""
                restr = use.find("d:restrctn", NS)
                cond = use.find("d:conditions", NS)
                if restr is not None and restr.text:
                    words += restr.text.strip() + " "
                if cond is not None and cond.text:
                    text = cond.text.strip()
                    lead = f"Access in the {self.m.tre_titles[tre]}."
                    text = text[len(lead):].strip() if text.startswith(lead) else text
                    # accreditation first, as the export's sentence order for DCAT: gateway, requires, conditions
                    gw = re.match(r"(Legal gateway: .+?\.)(?: |$)(.*)", text, re.DOTALL)
                    words = (gw.group(1) + " " + words + gw.group(2)) if gw else words + text
                sentences.add_access_words(d, route, words.strip(), self.m, use.sourceline)
            routes.append(route)
        d.put("/access", routes)

    def other_material(self) -> None:
        d = self.d
        docs, pubs = [], []
        for el in self.all("stdyDscr/othrStdyMat/relMat"):
            title = " ".join("".join(el.itertext()).split())
            titl = el.find("d:citation/d:titlStmt/d:titl", NS)
            holdings = el.find("d:citation/d:holdings", NS)
            notes = el.find("d:citation/d:notes", NS)
            doc: dict[str, Any] = {"title": titl.text.strip() if titl is not None and titl.text else title}
            parsed = phrases.read_document(notes.text) if notes is not None and notes.text else None
            if parsed:
                doc["kind"], doc["availability"], note = parsed
                if note:
                    doc["note"] = note
            else:
                doc["kind"] = el.get("type") if el.get("type") in vocab.DOCUMENT_KIND_LABELS else "other"
                doc["availability"] = "public" if holdings is not None and holdings.get("URI") else "on-request"
                d.guessed("/documentation", f"'{doc['title']}' was given availability {doc['availability']}.", el.sourceline)
                if notes is not None and notes.text:
                    doc["note"] = notes.text.strip()
            if holdings is not None and holdings.get("URI"):
                doc["url"] = holdings.get("URI")
            docs.append(doc)
        d.put("/documentation", docs)
        for el in self.all("stdyDscr/othrStdyMat/relStdy"):
            idno = el.find("d:citation/d:titlStmt/d:IDNo", NS)
            notes = el.find("d:citation/d:notes", NS)
            rid = idno.text.strip() if idno is not None and idno.text else None
            rel = {"Part of": "part_of", "Has part": "has_part"}.get((notes.text or "").strip() if notes is not None else "")
            if rid and rel:
                d.fields.setdefault(rel, []).append(rid)
            else:
                d.unmapped("related study", " ".join("".join(el.itertext()).split()), el.sourceline)
        if d.fields.get("has_part"):
            d.put("/type", "collection")
        for el in self.all("stdyDscr/othrStdyMat/relPubl"):
            titl = el.find("d:citation/d:titlStmt/d:titl", NS)
            if titl is None or not titl.text:
                d.unmapped("related publication", " ".join("".join(el.itertext()).split()), el.sourceline)
                continue
            pub: dict[str, Any] = {"title": titl.text.strip()}
            idno = el.find("d:citation/d:titlStmt/d:IDNo", NS)
            if idno is not None and idno.get("agency") == "DOI" and idno.text:
                pub["doi"] = idno.text.strip()
            cite = el.find("d:citation/d:biblCit", NS)
            if cite is not None and cite.text:
                pub.update(phrases.read_citation(cite.text.strip(), pub["title"]))
            date = el.find("d:citation/d:distStmt/d:distDate", NS)
            if date is not None and re.fullmatch(r"\d{4}", date.get("date") or ""):
                pub["year"] = int(date.get("date"))
            holdings = el.find("d:citation/d:holdings", NS)
            if holdings is not None and holdings.get("URI"):
                pub["url"] = holdings.get("URI")
            pubs.append(pub)
        d.put("/publications", pubs)

    def leftovers(self) -> None:
        """Text in elements the mapping does not read, kept as notes."""
        std = self.book.find("d:stdyDscr", NS)
        if std is None:
            return
        for el in std.iter():
            if not isinstance(el.tag, str) or local_name(el) in READ:
                continue
            text = " ".join("".join(el.itertext()).split())
            parent = el.getparent()
            if text and (parent is None or local_name(parent) in READ):
                self.d.unmapped(f"DDI element {local_name(el)}", text, el.sourceline)
