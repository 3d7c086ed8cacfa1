"""DDI Codebook 2.5: one `codeBook` per record, valid against the official XSD and meeting the
mandatory rules of the CESSDA Data Catalogue DDI 2.5 profile (`xml:lang` on every text element).

| record field | DDI Codebook 2.5 | notes |
|---|---|---|
| provenance (basis: inference) | nothing | inferred values are taken out before rendering (`provenance.published`) |
| id | `stdyDscr/citation/titlStmt/IDNo` (agency: the catalogue publisher), `codeBook/@ID` | |
| title | `stdyDscr/citation/titlStmt/titl`; also `docDscr/citation/titlStmt/titl` | |
| acronym, alternative_titles | `titlStmt/altTitl` | |
| identifiers | `titlStmt/IDNo` with the scheme as `@agency` (`DOI` for DOIs) | |
| data_owners | `rspStmt/AuthEnty` | authoring entities |
| publisher | `prodStmt/producer` | with `@abbr`; no `prodStmt` when the record names neither publisher nor funder |
| contributors (funder) | `prodStmt/fundAg` | |
| contributors (distributor) | `distStmt/distrbtr`, first | DDI 2.5: "The organization designated by the author or producer to generate copies of the particular work"; only an organisation the record states as distributor is one. A route's TRE is not: it holds the data and gives access inside it (`accsPlac`, "Location where the data collection is currently stored"). Other contributor roles are not carried |
| catalogue publisher | `docDscr/citation/prodStmt/producer` and `docDscr/citation/distStmt/distrbtr` (`@URI`: catalogue homepage) | it produces and distributes the metadata file, which `docDscr` describes |
| catalogue publisher | `stdyDscr/citation/distStmt/distrbtr` (`@URI`: catalogue homepage), after any stated distributor | not a claim that it distributes the data: the CESSDA profile makes this element mandatory with its own meaning, "the name of the organisation who has published the metadata for the harvested study description" |
| contacts | `distStmt/contact` (`@email`, `@URI`); access contacts also in `useStmt/contact` | |
| version, versions | `verStmt/version` (`@date`: the version's release) | |
| landing_page | `citation/holdings/@URI` | the dataset IRI when there is no landing page |
| keywords | `stdyInfo/subject/keyword` | |
| themes | `subject/topcClas` (`@vocab` "ADR UK research themes", `@vocabURI` `{base_uri}themes`) | |
| summary | `stdyInfo/abstract` | |
| coverage.periods (and components') | `sumDscr/timePrd` pairs with `@event` start/end, `@date`, `@cycle` = wave or component | |
| coverage.nations | `sumDscr/nation` (`@abbr`: ISO 3166-2 code) | |
| coverage.nations, area (and components') | `sumDscr/geogCover` | |
| unit_of_analysis | `sumDscr/anlyUnit/concept` (DDI Analysis Unit vocabulary, `vocab.ANALYSIS_UNITS`) | |
| population | `sumDscr/universe` | |
| update_frequency, update_note | `method/dataColl/frequenc` | |
| components | `method/dataColl/sources/dataSrc` | |
| linkage | `method/notes` (`@subject` "Linkage") | |
| access routes | `dataAccs/setAvail/accsPlac` (the TRE), `useStmt/restrctn` (accreditation), `useStmt/conditions` (legal gateway, conditions, lead time) | |
| status, expected_availability | `setAvail/avlStatus` | the status's label ("Available", "Planned; expected: ..."); nothing about who may apply, which the routes state |
| documentation | `othrStdyMat/relMat` with a citation (title, URL as `holdings/@URI`, availability as notes) | |
| part_of, has_part | `othrStdyMat/relStdy` with the related record's title and IRI | |
| publications | `othrStdyMat/relPubl` (title, authors, year, DOI, URL) | |
| modified | `docDscr/citation/prodStmt/prodDate`, `verStmt/version/@date` | |
| dictionary.tables | `codeBook/fileDscr` (`@ID` F1, F2 … by position) with `fileTxt/fileName` (name), `fileTxt/fileCitation/titlStmt/titl` (label), `fileTxt/fileCont` (description) | |
| table.component | `fileDscr/notes` (`@subject` "Component", `@type` the component key, text its title) | |
| variables | `dataDscr/var` (`@ID` V{table}.{n}, `@name`, `@files` the IDREF of its table's `fileDscr`) | in each table's order |
| variable label, description | `var/labl`, `var/txt` | |
| variable type | `var/@representationType` (`vocab.DDI_REPRESENTATION`); `varFormat/@type` character or numeric (`vocab.DDI_STORAGE`) | integer and decimal are both numeric; an integer has `var/@dcml` "0" (no decimal places). For a type that does not say how values are stored (code, date, boolean …) there is no `varFormat`: absent, its `@type` would read numeric, the XSD's default |
| variable format | `var/varFormat` text; `var/notes` (`@subject` "Format") when there is no `varFormat` | as the source words it, e.g. CHAR(8) |
| variable unit | `var/@measUnit` | |
| code list | `var/catgry` with `catValu` and `labl`; `@missing` "Y" for a missing-value code | |
| sensitive | `var/security`: "Sensitive" or "Not sensitive" | only when stated |
| variable type, when DDI cannot tell it (date, time, boolean) | `var/notes` (`@subject` "Type") | |
| period | `var/notes` (`@subject` "Period") | DDI has no element for the wave a variable exists in; `concept` is for what it measures |
| dictionary version, url, note | `dataDscr/notes` (`@subject` "Data dictionary version", "Data dictionary URL", "Data dictionary") | one note each, so a reader gets each back |
| size, research_questions, sources, variants, notes | not carried | no DDI Codebook element fits without misuse |

Files: `ddi/{id}.xml`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from lxml import etree

from .. import phrases, vocab
from ..lookup import index
from ..model import Catalogue, Coverage, Dictionary, Period, Record, Variable
from ..phrases import (
    citation_text,
    document_text,
    expected_text,
    gateway_text,
    lead_time_text,
    linkage_text,
    requires_text,
    status_text,
)
from .files import Documents

DDI = "ddi:codebook:2_5"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{DDI} http://www.ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd"
NSMAP = {None: DDI, "xsi": XSI}
# Variable types DDI cannot tell apart by representationType (date, time and datetime are all
# datetime; a boolean is other): said in a Type note, so a reader gets the type back.
_UNTOLD = frozenset({"date", "time", "boolean"})
# Structural elements hold no text of their own, so they carry no xml:lang.
CONTAINERS = frozenset(
    {
        "docDscr",
        "stdyDscr",
        "citation",
        "titlStmt",
        "rspStmt",
        "prodStmt",
        "distStmt",
        "verStmt",
        "stdyInfo",
        "subject",
        "sumDscr",
        "method",
        "dataColl",
        "sources",
        "dataAccs",
        "setAvail",
        "useStmt",
        "othrStdyMat",
        "fileDscr",
        "fileTxt",
        "fileCitation",
        "dataDscr",
        "var",
        "catgry",
    }
)


class _Doc:
    def __init__(self, catalogue: Catalogue, records: Mapping[str, Record]) -> None:
        self.cat = catalogue
        self.records = records
        self.lang = catalogue.language
        self.lang_attr = {XML_LANG: self.lang}
        self.ix = index(catalogue)
        publisher = self.ix.orgs[catalogue.publisher]
        self.agency = publisher.acronym or publisher.name
        self.blanks: dict[str, etree._Element] = {}

    def el(
        self, parent: etree._Element, tag: str, text: str | None = None, lang: bool = True, **attrs: str | None
    ) -> etree._Element:
        return self.el_with(parent, tag, text, attrs, lang)

    def el_with(
        self, parent: etree._Element, tag: str, text: str | None, attrs: Mapping[str, str | None], lang: bool = True
    ) -> etree._Element:
        if lang and tag not in CONTAINERS:
            blank = self.blanks.get(tag)
            e = (self.blank(tag) if blank is None else blank).__copy__()  # not copy.copy: its dispatch costs as much
            parent.append(e)
        else:
            e = etree.SubElement(parent, f"{{{DDI}}}{tag}")
        for k, v in attrs.items():
            if v is not None:
                e.set(k.rstrip("_"), v)
        if text is not None:
            e.text = text
        return e

    def blank(self, tag: str) -> etree._Element:
        """A new empty element of `tag` with its xml:lang, copied for each one made: lxml sets a
        namespaced attribute much slower than it copies one (DDI is thousands of them per record).
        It declares the same namespaces as the root, so a copy added to the tree declares none."""
        made = self.blanks[tag] = etree.Element(f"{{{DDI}}}{tag}", self.lang_attr, nsmap=NSMAP)
        return made

    def iri(self, record_id: str) -> str:
        return f"{self.cat.base_uri}dataset/{record_id}"

    def org(self, parent: etree._Element, tag: str, org_id: str, **attrs: str | None) -> None:
        org = self.ix.orgs[org_id]
        extra = {"abbr": org.acronym} if tag in ("producer", "distrbtr", "fundAg") else {}
        self.el_with(parent, tag, org.name, {**attrs, **extra})

    def codebook(self, rec: Record) -> etree._Element:
        root = etree.Element(f"{{{DDI}}}codeBook", nsmap=NSMAP)
        root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
        root.set("version", "2.5")
        root.set("ID", f"rec-{rec.id}")
        root.set(XML_LANG, self.lang)
        self.doc_dscr(root, rec)
        std = self.el(root, "stdyDscr")
        self.citation(std, rec)
        self.stdy_info(std, rec)
        self.method(std, rec)
        self.data_accs(std, rec)
        self.othr_stdy_mat(std, rec)
        if rec.dictionary and rec.dictionary.tables:
            self.files(root, rec, rec.dictionary)
            self.data_dscr(root, rec.dictionary)
        return root

    def files(self, root: etree._Element, rec: Record, dictionary: Dictionary) -> None:
        components = {c.id: c.title for c in rec.components}
        for n, table in enumerate(dictionary.tables, 1):
            fd = self.el(root, "fileDscr", ID=f"F{n}")
            txt = self.el(fd, "fileTxt")
            self.el(txt, "fileName", table.name)
            if table.label:
                self.el(self.el(self.el(txt, "fileCitation"), "titlStmt"), "titl", table.label)
            if table.description:
                self.el(txt, "fileCont", table.description)
            if table.component:
                self.el(fd, "notes", components.get(table.component, table.component), subject="Component", type=table.component)

    def data_dscr(self, root: etree._Element, dictionary: Dictionary) -> None:
        dd = self.el(root, "dataDscr")
        for f, table in enumerate(dictionary.tables, 1):
            for n, var in enumerate(table.variables, 1):
                self.var(dd, var, f"V{f}.{n}", f"F{f}")
        for subject, value in vocab.DDI_DICTIONARY_NOTES.items():
            if getattr(dictionary, value):
                self.el(dd, "notes", getattr(dictionary, value), subject=subject)

    def var(self, dd: etree._Element, var: Variable, vid: str, fid: str) -> None:
        v = self.el_with(
            dd,
            "var",
            None,
            {
                "ID": vid,
                "name": var.name,
                "files": fid,
                "measUnit": var.unit,
                "dcml": "0" if var.type == "integer" else None,  # whole numbers
                "representationType": var.type and vocab.DDI_REPRESENTATION[var.type],
            },
        )
        if var.label:
            self.el(v, "labl", var.label)
        if var.sensitive is not None:
            self.el(v, "security", "Sensitive" if var.sensitive else "Not sensitive")
        if var.description:
            self.el(v, "txt", var.description)
        for code in var.codes:
            cat = self.el(v, "catgry", missing="Y" if code.missing else None)
            self.el(cat, "catValu", code.value)
            if code.label:
                self.el(cat, "labl", code.label)
        storage = vocab.DDI_STORAGE[var.type] if var.type else None
        if storage:
            self.el(v, "varFormat", var.format, lang=bool(var.format), type=storage)
        elif var.format:  # absent, varFormat/@type reads numeric (the XSD's default): claim nothing
            self.el(v, "notes", var.format, subject="Format")
        if var.type in _UNTOLD:
            self.el(v, "notes", var.type, subject="Type")
        if var.period:
            self.el(v, "notes", var.period, subject="Period")

    def doc_dscr(self, root: etree._Element, rec: Record) -> None:
        cit = self.el(self.el(root, "docDscr"), "citation")
        ts = self.el(cit, "titlStmt")
        self.el(ts, "titl", rec.title)
        self.el(ts, "IDNo", f"{self.iri(rec.id)}#metadata", agency=self.agency)
        prod = self.el(cit, "prodStmt")
        self.org(prod, "producer", self.cat.publisher)
        self.el(prod, "prodDate", rec.modified, date=rec.modified)
        self.org(self.el(cit, "distStmt"), "distrbtr", self.cat.publisher, URI=self.cat.homepage)
        self.el(self.el(cit, "verStmt"), "version", rec.modified, date=rec.modified)
        self.el(cit, "holdings", self.cat.title, URI=self.iri(rec.id))

    def citation(self, std: etree._Element, rec: Record) -> None:
        cit = self.el(std, "citation")
        ts = self.el(cit, "titlStmt")
        self.el(ts, "titl", rec.title)
        if rec.acronym:
            self.el(ts, "altTitl", rec.acronym)
        for alt in rec.alternative_titles:
            self.el(ts, "altTitl", alt.title)
        self.el(ts, "IDNo", rec.id, agency=self.agency)
        for ident in rec.identifiers:
            self.el(ts, "IDNo", ident.value, agency="DOI" if ident.scheme == "doi" else ident.scheme)
        if rec.data_owners:
            rsp = self.el(cit, "rspStmt")
            for owner in rec.data_owners:
                self.org(rsp, "AuthEnty", owner)
        funders = [c.organisation for c in rec.contributors if c.role == "funder"]
        if rec.publisher or funders:  # an empty prodStmt says nothing
            prod = self.el(cit, "prodStmt")
            if rec.publisher:
                self.org(prod, "producer", rec.publisher)
            for org in dict.fromkeys(funders):
                self.org(prod, "fundAg", org)
        dist = self.el(cit, "distStmt")
        stated = [c.organisation for c in rec.contributors if c.role == "distributor"]
        for org in dict.fromkeys(stated):
            self.org(dist, "distrbtr", org, URI=self.cat.homepage if org == self.cat.publisher else None)
        if self.cat.publisher not in stated:  # the CESSDA profile's mandatory publisher of the metadata
            self.org(dist, "distrbtr", self.cat.publisher, URI=self.cat.homepage)
        for contact in rec.contacts:
            self.el(dist, "contact", contact.name or contact.email or contact.url, email=contact.email, URI=contact.url)
        if rec.version:
            released = next((v.released for v in rec.versions if v.name == rec.version), None)
            self.el(self.el(cit, "verStmt"), "version", rec.version, date=released)
        self.el(
            cit, "holdings", rec.landing_page and "Landing page" or "Dataset identifier", URI=rec.landing_page or self.iri(rec.id)
        )

    def coverage_text(self, coverage: Coverage) -> str:
        places = [vocab.NATIONS[n][1] for n in coverage.nations]
        if coverage.area:
            places.append(coverage.area)
        return ", ".join(places)

    def stdy_info(self, std: etree._Element, rec: Record) -> None:
        info = self.el(std, "stdyInfo")
        if rec.keywords or rec.themes:
            subj = self.el(info, "subject")
            for k in rec.keywords:
                self.el(subj, "keyword", k)
            for t in rec.themes:
                self.el(
                    subj,
                    "topcClas",
                    self.ix.themes[t].label,
                    vocab="ADR UK research themes",
                    vocabURI=f"{self.cat.base_uri}themes",
                )
        self.el(info, "abstract", rec.summary)
        sd = self.el(info, "sumDscr")
        periods: list[tuple[str | None, Period]] = [(None, p) for p in rec.coverage.periods]
        periods += [(c.title, p) for c in rec.components if c.coverage for p in c.coverage.periods]
        for component, p in periods:
            cycle = " – ".join(x for x in (component, p.wave or p.label) if x) or None
            if p.start:
                self.el(sd, "timePrd", p.label or p.start, event="start", date=p.start, cycle=cycle)
            if p.end:
                self.el(sd, "timePrd", p.label or p.end, event="end", date=p.end, cycle=cycle)
        for n in rec.coverage.nations:
            self.el(sd, "nation", vocab.NATIONS[n][1], abbr=n)
        if rec.coverage.nations or rec.coverage.area:
            self.el(sd, "geogCover", self.coverage_text(rec.coverage))
        for c in rec.components:
            if c.coverage and c.coverage.area:
                self.el(sd, "geogCover", f"{c.title}: {self.coverage_text(c.coverage)}")
        for unit in rec.unit_of_analysis:
            code, label = vocab.ANALYSIS_UNITS[unit]
            au = self.el(sd, "anlyUnit")
            self.el(au, "concept", label, lang=False, vocab="DDI Analysis Unit", vocabURI=vocab.DDI_ANALYSIS_UNIT)
        if rec.population:
            self.el(sd, "universe", rec.population)

    def method(self, std: etree._Element, rec: Record) -> None:
        if not (rec.update_frequency or rec.update_note or rec.components or rec.linkage):
            return
        method = self.el(std, "method")
        coll = self.el(method, "dataColl")
        if rec.update_frequency or rec.update_note:
            label = vocab.FREQUENCY_LABELS[rec.update_frequency] if rec.update_frequency else None
            self.el(coll, "frequenc", phrases.frequency_text(label, rec.update_note, ". "))
        if rec.components:
            sources = self.el(coll, "sources")
            for c in rec.components:
                self.el(sources, "dataSrc", f"{c.title}: {c.description}" if c.description else c.title)
        if rec.linkage:
            lk = rec.linkage
            self.el(method, "notes", linkage_text(lk), subject="Linkage")

    def data_accs(self, std: etree._Element, rec: Record) -> None:
        accs = self.el(std, "dataAccs")
        # the record's stated status only: who may apply is each route's `restrctn`, not a status
        status = status_text(rec.status, expected_text(rec.expected_availability, rec.modified))
        if not rec.access:
            self.el(self.el(accs, "setAvail"), "avlStatus", status)
        for route in rec.access:
            tre = self.ix.tres[route.tre]
            avail = self.el(accs, "setAvail")
            self.el(avail, "accsPlac", tre.title, URI=route.url or tre.url)
            self.el(avail, "avlStatus", status)
        for route in rec.access:
            use = self.el(accs, "useStmt")
            if route.accreditation:
                self.el(use, "restrctn", requires_text(self.ix.accreditations[a].title for a in route.accreditation))
            for c in rec.contacts:
                if c.role == "access":
                    self.el(use, "contact", c.name or c.email or c.url, email=c.email, URI=c.url)
            words = [f"Access in the {self.ix.tres[route.tre].title}."]
            if route.legal_gateway:
                words.append(gateway_text(self.ix.gateways[route.legal_gateway].title))
            if route.conditions:
                words.append(route.conditions)
            if route.lead_time:
                words.append(lead_time_text(route.lead_time))
            self.el(use, "conditions", " ".join(words))

    def cited(
        self,
        parent: etree._Element,
        tag: str,
        title: str,
        url: str | None = None,
        note: str | None = None,
        idno: tuple[str, str] | None = None,
        cite: str | None = None,
        date: str | None = None,
        **attrs: str | None,
    ) -> None:
        mat = self.el_with(parent, tag, None, attrs)
        cit = self.el(mat, "citation")
        ts = self.el(cit, "titlStmt")
        self.el(ts, "titl", title)
        if idno:
            self.el(ts, "IDNo", idno[1], agency=idno[0])
        if date:
            self.el(self.el(cit, "distStmt"), "distDate", date, date=date)
        if cite:
            self.el(cit, "biblCit", cite)
        if url:
            self.el(cit, "holdings", title, URI=url)
        if note:
            self.el(cit, "notes", note)

    def othr_stdy_mat(self, std: etree._Element, rec: Record) -> None:
        if not (rec.documentation or rec.part_of or rec.has_part or rec.publications):
            return
        mat = self.el(std, "othrStdyMat")
        for d in rec.documentation:
            self.cited(mat, "relMat", d.title, d.url, document_text(d.kind, d.availability, d.note), type=d.kind)
        for rel, ids in (("Part of", rec.part_of), ("Has part", rec.has_part)):
            for rid in ids:
                other = self.records.get(rid)
                self.cited(mat, "relStdy", other.title if other else rid, self.iri(rid), rel, idno=(self.agency, rid))
        for p in rec.publications:
            self.cited(
                mat,
                "relPubl",
                p.title,
                p.url,
                idno=("DOI", p.doi) if p.doi else None,
                cite=citation_text(p.authors, p.year, p.venue, p.title),
                date=str(p.year) if p.year else None,
            )


def codebook_xml(catalogue: Catalogue, records: Mapping[str, Record], record_id: str) -> str:
    root = _Doc(catalogue, records).codebook(records[record_id])
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")


def documents(catalogue: Catalogue, records: Mapping[str, Record], only: Collection[str] | None = None) -> Documents:
    """Every DDI file as (relative path, text), for all records or `only` some."""
    doc = _Doc(catalogue, records)
    for rid in sorted(records if only is None else only):
        yield (
            f"ddi/{rid}.xml",
            etree.tostring(doc.codebook(records[rid]), xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8"),
        )
