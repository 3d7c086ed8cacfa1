"""DDI Codebook 2.5 study descriptions, bare (`codeBook`) or inside OAI-PMH `GetRecord` and
`ListRecords` responses, parsed without entities, DTDs or network (`source.Source.xml`).

| DDI Codebook 2.5 (`stdyDscr/…`) | record field | notes |
|---|---|---|
| `citation/titlStmt/IDNo` | id, identifiers | the IDNo whose agency is the catalogue publisher gives the id; `DOI` and scheme agencies become identifiers |
| `titlStmt/titl`, `altTitl` | title, acronym, alternative_titles | the first short altTitl without spaces is the acronym |
| `rspStmt/AuthEnty` | data_owners | organisations matched by name or `@abbr` |
| `prodStmt/producer`, `fundAg`, `distStmt/distrbtr` | publisher, contributors (funder, distributor) | organisations not in catalogue.yaml are reported and kept in the notes |
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
| `ExtLink/@URI` inside any text read | (the same field) | the address kept beside the link's words |
| `docDscr/citation/prodStmt/prodDate` | modified | |
| the rest of `docDscr/citation` | ignored (`import.ignored`) | it describes the metadata file, not the dataset |
| any other element with text | notes | |
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from .. import phrases, vocab
from ..model import IdentifierScheme
from . import sentences
from .draft import DICTIONARY, Draft
from .explain import DDI as DDI_FIELDS
from .explain import explain
from .leaves import xml_leaves, xml_path
from .match import Matcher
from .normalise import clean_text, identifier, paragraphs, partial_date, slug
from .places import read_places
from .source import Source, fatal, local_name

NAME = "ddi"
DESCRIPTION = "DDI Codebook 2.5 XML, bare or in an OAI-PMH response"
KINDS = ("xml",)  # file kinds it reads (source.Source.kind)

DDI = "ddi:codebook:2_5"
OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {"d": DDI, "o": OAI}
SCHEMES: tuple[str, ...] = IdentifierScheme.__args__  # type: ignore[attr-defined]
UNITS = {label: unit for unit, (_code, label) in reversed(vocab.ANALYSIS_UNITS.items())}
FREQUENCY_LABELS = {label: key for key, label in vocab.FREQUENCY_LABELS.items()}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Parts of a codeBook that are no record facts, with the reason they are not imported.
IGNORED = {
    "dataDscr": DICTIONARY,
    "fileDscr": DICTIONARY,
    "otherMat": "material about files and variables: part of the data dictionary",
}
DOCUMENT_ABOUT = "the document description (docDscr) describes this metadata file (its title, identifier, producer, distributor, version or holdings), not the dataset"
DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def linked_text(el: etree._Element) -> str:
    """The element's text, each ExtLink's address kept beside its words ("words (URI)")."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and local_name(child) == "ExtLink" and child.get("URI"):
            words = linked_text(child).strip()
            parts.append(f"{words} ({child.get('URI')})" if words and words != child.get("URI") else child.get("URI", ""))
        elif isinstance(child.tag, str):
            parts.append(linked_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


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
        raise fatal(
            "import.wrong-root",
            src.display,
            f"the root element is {root.tag}, not a DDI Codebook 2.5 codeBook ({{{DDI}}}codeBook) or an OAI-PMH response.",
            "Give a DDI Codebook 2.5 file (namespace ddi:codebook:2_5) or an OAI-PMH GetRecord/ListRecords page.",
            *src.element_start(root.sourceline or 1),
        )
    return [_Reader(src, matcher, book).draft() for book in books]


def _from_oai(src: Source, root: etree._Element) -> list[etree._Element]:
    error = root.find("o:error", NS)
    if error is not None:
        raise fatal(
            "import.no-dataset",
            src.display,
            f"the OAI-PMH response is an error: {error.get('code')}: {(error.text or '').strip()}",
            "Harvest again with a valid request.",
            *src.element_start(error.sourceline or 1),
        )
    books: list[etree._Element] = root.findall("o:ListRecords/o:record/o:metadata/d:codeBook", NS) + root.findall(
        "o:GetRecord/o:record/o:metadata/d:codeBook", NS
    )
    token = root.find("o:ListRecords/o:resumptionToken", NS)
    if token is not None and (token.text or "").strip():
        src.notes = [
            (
                "import.incomplete-list",
                token.sourceline,
                f"this ListRecords page is partial (resumptionToken {token.text.strip()}).",
            )
        ]
    return books


class _Reader:
    def __init__(self, src: Source, matcher: Matcher, book: etree._Element) -> None:
        self.src, self.m, self.book = src, matcher, book
        self.d = Draft(src.display, NAME, line=book.sourceline, locate=src.element_start)
        publisher = next((o for o in matcher.catalogue.organisations if o.id == matcher.catalogue.publisher), None)
        self.agency = (publisher.acronym or publisher.name) if publisher else None

    def all(self, path: str) -> list[etree._Element]:
        found: list[etree._Element] = self.book.findall(path.replace("/", "/d:").join(["d:", ""]) if path else path, NS)
        return found

    def texts(self, path: str) -> list[tuple[str, etree._Element]]:
        """The elements at `path` with their text, in English (or without a language) when the source
        gives one in English; the same elements in other languages are ignored as translations."""
        out = []
        for el in self.all(path):
            text = paragraphs(linked_text(el))
            if text:
                out.append((text, el))
        english = [(t, el) for t, el in out if (el.get(XML_LANG) or "en").casefold().startswith("en")]
        if english and len(english) < len(out):
            for _t, el in out:
                if (t_lang := el.get(XML_LANG)) and not t_lang.casefold().startswith("en"):
                    self.d.ignored(xml_path(el), f"the same element in another language (xml:lang {t_lang})")
            return english
        return out

    def use(self, *els: etree._Element | None) -> None:
        """Mark elements (with their attributes and children) as mapped."""
        for el in els:
            if el is not None:
                self.d.used(xml_path(el))

    def org(self, el: etree._Element, text: str, path: str) -> str | None:
        key = self.m.org(text, el.get("abbr"))
        if key is None:
            self.d.reference(path, "organisation", text, slug(el.get("abbr") or text), el.sourceline)
        else:
            self.use(el)
        return key

    def draft(self) -> Draft:
        d = self.d
        self.identity()
        self.summary()
        self.access()
        self.citation()
        self.subjects()
        self.components_and_coverage()
        self.scope()
        self.other_material()
        self.leftovers()
        for code, line, message in getattr(self.src, "notes", []):
            d.finding(code, "", message, "Harvest the following pages too and import them as well.", line)
        return d

    def identity(self) -> None:
        """Title, identifiers, acronym and alternative titles, and the id."""
        d = self.d
        cit = "stdyDscr/citation"
        titles = self.texts(f"{cit}/titlStmt/titl")
        title = d.text("/title", titles[0][0], titles[0][1].sourceline) if titles else None
        if titles:
            self.use(titles[0][1])
        d.put("/title", title)
        rid = None
        idents = []
        for text, el in self.texts(f"{cit}/titlStmt/IDNo"):
            agency = el.get("agency") or ""
            self.use(el)
            if agency == self.agency and re.fullmatch(r"[a-z0-9][a-z0-9-]*", text) and rid is None:
                rid = text
                continue
            ident = identifier(text, agency)
            if ident is None:
                d.placeholder("/identifiers", text, el.sourceline)
                continue
            idents.append(ident)
            if ident["scheme"] == "other" and agency:
                d.guessed("/identifiers", f"the {agency} identifier '{text}' was given scheme other.", el.sourceline)
        alt_els = self.texts(f"{cit}/titlStmt/altTitl")
        self.use(*(el for _t, el in alt_els))
        alts = [t for t, _el in alt_els]
        acronym = alts[0] if alts and len(alts[0]) <= 20 and " " not in alts[0] else None
        if acronym:
            d.put("/acronym", acronym)
            alts = alts[1:]
        d.put("/alternative_titles", [{"title": t} for t in alts])
        d.put("/identifiers", list({(i["scheme"], i["value"]): i for i in idents}.values()))
        d.put("/id", rid or slug(acronym or title or "imported-dataset"))
        if not rid:
            d.guessed(
                "/id", f"the id '{d.fields['id']}' was made from the {'acronym' if acronym else 'title'}.", self.book.sourceline
            )

    def citation(self) -> None:
        """Dates, version, the organisations, contacts and the holdings address."""
        d = self.d
        cit = "stdyDscr/citation"
        prod = self.texts("docDscr/citation/prodStmt/prodDate")
        if prod:
            d.put("/modified", d.date_value("/modified", prod[0][1].get("date") or prod[0][0], prod[0][1].sourceline, full=True))
            self.use(prod[0][1]) if d.fields.get("modified") else None
            d.source_date(prod[0][1].get("date") or prod[0][0])
        versions = self.texts(f"{cit}/verStmt/version")
        if versions:
            text, el = versions[0]
            d.put("/version", text)
            self.use(el)
            released = d.date_value("/versions", el.get("date"), el.sourceline) if el.get("date") else None
            if released:
                d.put("/versions", [{"name": text, "released": released}])
        producer = self.texts(f"{cit}/prodStmt/producer")
        if producer:
            d.put("/publisher", self.org(producer[0][1], producer[0][0], "/publisher"))
        d.put(
            "/data_owners",
            list(
                dict.fromkeys(
                    k for k in (self.org(el, t, "/data_owners") for t, el in self.texts(f"{cit}/rspStmt/AuthEnty")) if k
                )
            ),
        )
        for _t, el in self.texts(f"{cit}/distStmt/distrbtr"):
            if self.m.org(_t, el.get("abbr")) == self.m.catalogue.publisher:
                self.d.ignored(xml_path(el), "this catalogue's own publisher, there as the metadata's publisher (CESSDA profile)")
        contributors = [
            {"organisation": k, "role": role}
            for role, path in (("funder", "prodStmt/fundAg"), ("distributor", "distStmt/distrbtr"))
            for k in (
                self.org(el, t, "/contributors") for t, el in self.texts(f"{cit}/{path}") if xml_path(el) not in self.d.accounted
            )
            if k
        ]
        d.put("/contributors", list({(c["organisation"], c["role"]): c for c in contributors}.values()))
        self.contacts()
        holdings = self.all(f"{cit}/holdings")
        uri = holdings[0].get("URI") if holdings else None
        doi = DOI.match(uri or "")
        if uri and doi and any(i["value"].casefold() == doi.group(1).casefold() for i in d.fields.get("identifiers", [])):
            self.use(holdings[0])  # the DOI's own address
        elif uri and uri != f"{self.m.base}dataset/{d.fields['id']}":
            d.put("/landing_page", d.url("/landing_page", uri, holdings[0].sourceline))
            self.use(holdings[0])
        elif uri:
            self.use(holdings[0])

    def subjects(self) -> None:
        d = self.d
        themes = []
        for text, el in self.texts("stdyDscr/stdyInfo/subject/topcClas"):
            key = self.m.theme(text)
            if key:
                themes.append(key)
                self.use(el)
            else:
                d.reference("/themes", "theme", text, slug(text), el.sourceline)
        d.put("/themes", themes)
        keywords = self.texts("stdyDscr/stdyInfo/subject/keyword")
        self.use(*(el for _t, el in keywords))
        d.put("/keywords", list(dict.fromkeys(k for k in (d.text("/keywords", t, el.sourceline) for t, el in keywords) if k)))

    def scope(self) -> None:
        """Units of analysis, population, update frequency and linkage."""
        d = self.d
        for text, el in self.texts("stdyDscr/stdyInfo/sumDscr/anlyUnit"):
            unit = UNITS.get(text)
            if unit:
                d.fields.setdefault("unit_of_analysis", []).append(unit)
                self.use(el)
        universes = self.texts("stdyDscr/stdyInfo/sumDscr/universe")
        self.use(*(el for _t, el in universes))
        d.put("/population", "\n\n".join(dict.fromkeys(t for t, _el in universes)) or None)
        for text, el in self.texts("stdyDscr/method/dataColl/frequenc"):
            self.use(el)
            key, note = phrases.read_frequency(text, FREQUENCY_LABELS, ". ")
            word, stop, rest = text.strip().partition(". ")
            said = vocab.FREQUENCY_WORDS.get(word.casefold()) if stop and note == text.strip() else None
            if said:  # another catalogue's word, then a note: "Annually. Next update in autumn 2026"
                key, note = said, rest or None
            d.put("/update_frequency", key)
            d.put("/update_note", note)
        for text, el in self.texts("stdyDscr/method/notes"):
            lk = phrases.read_linkage(text) if el.get("subject") == "Linkage" else None
            if lk:
                d.put("/linkage", lk)
                self.use(el)

    def summary(self) -> None:
        """Every abstract (in the chosen language) as paragraphs of the summary, HTML made text."""
        parts = []
        for _text, el in self.texts("stdyDscr/stdyInfo/abstract"):
            raw = linked_text(el).strip()
            clean = self.d.text("/summary", raw, el.sourceline)
            if clean:
                parts.append(clean)
            self.use(el)
        self.d.put("/summary", "\n\n".join(dict.fromkeys(parts)) or None)

    def contact(self, text: str, el: etree._Element) -> dict[str, Any]:
        """A contact from a DDI contact element: its name, @email, @URI, or an HTML link in its text."""
        c: dict[str, Any] = {}
        link = re.search(r"<a\s[^>]*href\s*=\s*[\"']?([^\"'\s>]+)", text, re.IGNORECASE)
        name = clean_text(text)[0] if "<" in text else text
        name = re.sub(r" \((?:https?|mailto):[^)]*\)$", "", name or "") or None
        if name and name not in (el.get("email"), el.get("URI")):
            c["name"] = name
        if el.get("email"):
            c["email"] = el.get("email")
        url = el.get("URI") or (link.group(1) if link else None)
        if url:
            c["url"] = url
        return c

    def contacts(self) -> None:
        out: list[dict[str, Any]] = []
        for text, el in self.texts("stdyDscr/citation/distStmt/contact"):
            out.append(self.contact(text, el))
            self.use(el)
        for text, el in self.texts("stdyDscr/dataAccs/useStmt/contact"):
            c = {**self.contact(text, el), "role": "access"}
            same = next(
                (o for o in out if {k: v for k, v in o.items() if k != "role"} == {k: v for k, v in c.items() if k != "role"}),
                None,
            )
            if same is not None:
                same["role"] = "access"
            elif {k for k in c if k != "role"}:
                out.append(c)
            self.use(el)
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
                rest = cycle[len(prefix) + 3 :] if cycle != prefix else None
            date = self.d.date_value("/coverage/periods", el.get("date") or text, el.sourceline)
            self.use(el)
            event = el.get("event") or "single"
            # the text is a label only when it says more than the date does ("1976" for 1976-01-01 does not)
            label = (
                text
                if text != el.get("date") and not (date and partial_date(text) and date.startswith(partial_date(text) or ""))
                else None
            )
            if event == "end" and open_ is not None and open_["_cycle"] == rest and "end" not in open_:
                open_["end"] = date
                if label and label != open_.get("label"):  # the end's own label joins the start's
                    open_["label"] = f"{open_.get('label') or open_.get('start')} – {label}"
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
        comps = self.components()
        cov, guessed = self.coverage(comps)
        periods = self.periods(None)
        if periods:
            cov["periods"] = periods
        d.put("/coverage", cov)
        if guessed:
            d.guess("/coverage/nations", *guessed)
        for comp in comps:
            periods = self.periods(comp["title"])
            if periods:
                comp.setdefault("coverage", {})["periods"] = periods
        d.put("/components", comps)
        if any(c.get("coverage") for c in comps):
            d.guessed("/components", "component ids were made from their titles.")

    def components(self) -> list[dict[str, Any]]:
        """The data sources as components, each titled by the longest period or place label that
        opens its text (a title may itself hold ": ")."""
        comps = []
        cycles = [el.get("cycle") or "" for el in self.all("stdyDscr/stdyInfo/sumDscr/timePrd")]
        named = {c.split(" – ")[0] for c in cycles if c} | {
            t.rsplit(": ", 1)[0] for t, _e in self.texts("stdyDscr/stdyInfo/sumDscr/geogCover")
        }
        for text, src_el in self.texts("stdyDscr/method/dataColl/sources/dataSrc"):
            self.use(src_el)
            known = sorted((t for t in named if text == t or text.startswith(f"{t}: ")), key=len, reverse=True)
            title, sep, desc = (
                (known[0], ": " if text != known[0] else "", text[len(known[0]) + 2 :]) if known else text.partition(": ")
            )
            comp: dict[str, Any] = {"id": slug(title), "title": title}
            if sep:
                comp["description"] = desc
            comps.append(comp)
        self.component_titles = [c["title"] for c in comps]
        return comps

    def coverage(self, comps: list[dict[str, Any]]) -> tuple[dict[str, Any], tuple[list[str], str] | None]:
        """The record's nations and area, and each component's own (a place text that opens with
        its title); nations placed only by a guess are returned apart, with why."""
        named = self.texts("stdyDscr/stdyInfo/sumDscr/nation")
        reading = read_places([(text, [n for n in (el.get("abbr"), text) if n]) for text, el in named])
        for i, (_text, el) in enumerate(named):
            if i not in reading.unread:
                self.use(el)
        cov: dict[str, Any] = {}
        if reading.nations and not reading.reasoning:
            cov["nations"] = list(reading.nations)
        names = {vocab.NATIONS[c][1] for c in vocab.NATIONS}
        for text, geo_el in self.texts("stdyDscr/stdyInfo/sumDscr/geogCover"):
            self.use(geo_el)
            owner = next((c for c in comps if text.startswith(f"{c['title']}: ")), None)
            places = (text[len(owner["title"]) + 2 :] if owner else text).split(", ")
            area = ", ".join(p for p in places if p not in names)
            if owner:
                ccov = owner.setdefault("coverage", {})
                ccov["nations"] = [c for c in vocab.NATIONS if vocab.NATIONS[c][1] in places] or []
                if area:
                    ccov["area"] = area
            elif area:
                cov["area"] = area
        guessed = (list(reading.nations), reading.reasoning) if reading.nations and reading.reasoning else None
        return cov, guessed

    def access(self) -> None:
        d = self.d
        statuses = [t for t, _el in self.texts("stdyDscr/dataAccs/setAvail/avlStatus")]
        read = phrases.read_status(statuses[0]) if statuses else None
        if read is None and statuses:  # another catalogue's word for planned or retired
            status, _, expected = statuses[0].partition("; expected: ")
            key = status.casefold() if status.casefold() in ("planned", "retired") else None
            read = (key, expected or None) if key else None
        if read:
            d.put("/status", read[0])
            d.put("/expected_availability", read[1])
            self.use(self.all("stdyDscr/dataAccs/setAvail/avlStatus")[0])
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
            self.use(place)
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
                    text = text[len(lead) :].strip() if text.startswith(lead) else text
                    # accreditation first, as the export's sentence order for DCAT: gateway, requires, conditions
                    gw = re.match(r"(Legal gateway: .+?\.)(?: |$)(.*)", text, re.DOTALL)
                    words = (gw.group(1) + " " + words + gw.group(2)) if gw else words + text
                sentences.add_access_words(d, route, words.strip(), self.m, use.sourceline)
                self.use(restr if restr is not None and restr.text else None, cond if cond is not None and cond.text else None)
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
            self.use(el)
        d.put("/documentation", docs)
        for el in self.all("stdyDscr/othrStdyMat/relStdy"):
            idno = el.find("d:citation/d:titlStmt/d:IDNo", NS)
            notes = el.find("d:citation/d:notes", NS)
            rid = idno.text.strip() if idno is not None and idno.text else None
            rel = {"Part of": "part_of", "Has part": "has_part"}.get((notes.text or "").strip() if notes is not None else "")
            if rid and rel:
                d.fields.setdefault(rel, []).append(rid)
                self.use(el)
        if d.fields.get("has_part"):
            d.put("/type", "collection")
        for el in self.all("stdyDscr/othrStdyMat/relPubl"):
            titl = el.find("d:citation/d:titlStmt/d:titl", NS)
            if titl is None or not titl.text:
                continue  # a citation without a title stays in the notes, whole
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
            self.use(el)
        d.put("/publications", pubs)

    def leftovers(self) -> None:
        """What no mapping read, each with its path: parts of the codeBook that are no record facts
        are ignored with the reason; everything else is kept in the notes."""
        for el in self.book:
            if isinstance(el.tag, str) and local_name(el) in IGNORED:
                self.d.ignored(xml_path(el), IGNORED[local_name(el)])
        for key in self.book.attrib:
            self.d.ignored(xml_path(self.book, key), "the DDI version and schema of the file, not a fact about the dataset")
        for el in self.book.iterfind("d:docDscr/d:citation/*", NS):  # its production date is the record's modified
            for part in el.iterfind("d:*", NS) if local_name(el) == "prodStmt" else [el]:
                if local_name(part) != "prodDate":
                    self.d.ignored(xml_path(part), DOCUMENT_ABOUT)
        self.d.leftovers(xml_leaves(self.book))
        explain(self.d, DDI_FIELDS)
