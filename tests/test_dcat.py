"""DCAT-AP 3 export: conformance with the official shapes (offline), JSON-LD and Turtle agreeing,
golden files, the key facts surviving a round trip, and hostile text never breaking the RDF."""

from __future__ import annotations

import functools
import json
from collections import Counter

import pyshacl
import pytest
import rdflib
from rdflib import RDF, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDFS, SH, SKOS, Namespace

from adrmeta import export, vocab
from adrmeta.export import EXPORTERS, UnknownFormat, dcat, get
from adrmeta.provenance import stated
from adrmeta.rdf import IRI, Lit, jsonld_node, node, to_jsonld, to_turtle
from adrmeta.validate import load

from .conftest import FIXTURES, ROOT, TEST_CATALOGUE, published_bundled, run_cli

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SHAPES = ROOT / "schemas" / "vendor" / "dcat-ap-3.0.1"
NATION_OF_GSS = {code: nation for nation, (code, _name) in vocab.NATIONS.items()}


@functools.cache
def shapes(name: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for f in {"required": ["shapes.ttl", "range.ttl"], "recommended": ["shapes_recommended.ttl"]}[name]:
        g.parse(SHAPES / f)
    return g


@functools.cache
def rendered() -> dict[str, str]:
    catalogue, records = published_bundled()
    return export.render("dcat", catalogue, records)


def graph(text: str, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format=fmt)


def results(data: rdflib.Graph, shapes_graph: rdflib.Graph) -> list[tuple[str, str, str, str]]:
    """(severity, focus node, its first type, path) of every SHACL result."""
    _conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none")
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        types = sorted(data.namespace_manager.normalizeUri(t) for t in data.objects(focus, RDF.type))
        out.append(
            (
                data.namespace_manager.normalizeUri(report.value(r, SH.resultSeverity)),
                str(focus),
                types[0] if types else "",
                data.namespace_manager.normalizeUri(report.value(r, SH.resultPath)),
            )
        )
    return out


DOCUMENTS = ["catalog"] + sorted(published_bundled()[1])


def document(name: str, ext: str) -> str:
    return rendered()[f"dcat/catalog.{ext}" if name == "catalog" else f"dcat/datasets/{name}.{ext}"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_conforms_to_dcat_ap_shapes(name):
    violations = results(graph(document(name, "ttl"), "turtle"), shapes("required"))
    assert violations == []


def test_the_shapes_do_catch_a_broken_dataset():
    """The conformance test could fail: a dataset without a title or description violates."""
    text = document("leo", "ttl").replace('dct:title "Longitudinal Education Outcomes - England"@en ;', "")
    found = results(graph(text, "turtle"), shapes("required"))
    assert ("sh:Violation", f"{published_bundled()[0].base_uri}dataset/leo", "dcat:Dataset", "dct:title") in found


# Recommended properties the records cannot supply, for nodes other than a record's own dataset.
EXPECTED_WARNINGS = {
    ("dcat:Distribution", "dct:format"): "data in a TRE cannot be downloaded in a format",
    ("dcat:Distribution", "dct:license"): "no bundled record has a licence: access is under agreement",
    ("dcat:Distribution", "dcatap:availability"): "the records do not state planned availability",
    ("dcat:DataService", "dcat:contactPoint"): "catalogue.yaml gives no contact per TRE yet",
    ("dcat:DataService", "dcat:endpointDescription"): "TREs publish no machine-readable endpoint description",
    ("dcat:DataService", "dcat:keyword"): "no keywords per TRE",
    ("dcat:DataService", "dcat:theme"): "no themes per TRE",
    ("dcat:DataService", "dct:conformsTo"): "no standard per TRE",
    ("dct:Location", "dcat:bbox"): "records name nations, not geometries",
    ("dct:Location", "dcat:centroid"): "records name nations, not geometries",
    ("dcat:Catalog", "dct:issued"): "catalogue.yaml has no issue date",
    ("dct:PeriodOfTime", "dcat:endDate"): "open-ended periods (e.g. children born after 31 August 1985)",
    ("dct:PeriodOfTime", "dcat:startDate"): "a period given only in words, or whose dates are inferences",
}


def expected_record_warnings(rec) -> set[str]:
    """The recommended Dataset properties this record has no data for (stated data: inferences are left out)."""
    rec = stated(rec)
    has = {
        "dcat:contactPoint": True,  # the catalogue's enquiries contact stands in for a record without one
        "dcat:distribution": bool(rec.access),
        "dcat:keyword": bool(rec.keywords),
        "dcat:theme": bool(rec.themes),
        "dct:publisher": bool(rec.publisher),
        "dct:spatial": bool(rec.coverage.nations or rec.coverage.area),
        "dct:temporal": bool(rec.coverage.periods or any(c.coverage and c.coverage.periods for c in rec.components)),
    }
    return {prop for prop, present in has.items() if not present}


@pytest.mark.parametrize("rid", sorted(published_bundled()[1]))
def test_recommended_warnings_only_where_the_record_lacks_the_data(rid):
    catalogue, records = published_bundled()
    found = results(graph(document(rid, "ttl"), "turtle"), shapes("recommended"))
    assert {sev for sev, *_ in found} <= {"sh:Warning"}
    own = f"{catalogue.base_uri}dataset/{rid}"
    referenced = f"<{catalogue.base_uri}{dcat.REFERENCED}>"  # a stub of a dataset described elsewhere
    assert {path for _s, focus, _t, path in found if focus == own} == expected_record_warnings(records[rid])
    others = {
        (t, path)
        for _s, focus, t, path in found
        if focus != own and not focus.startswith(own + "/component/") and t not in ("dcat:Dataset", referenced)
    }
    assert others <= set(EXPECTED_WARNINGS), others - set(EXPECTED_WARNINGS)


def test_a_dataset_document_and_a_page_type_only_records_as_dcat_datasets():
    """ckanext-dcat makes a CKAN dataset of every `dcat:Dataset` node. A dataset's document types
    only its own dataset so, a page of the paged catalogue (`adrmeta serve`) only the records it
    lists (a record it names as a source but another page lists is a stub, else a paging
    harvester gets it twice); a component without a record is typed with the subclass the
    document defines."""
    catalogue, records = published_bundled()
    base = catalogue.base_uri
    component = URIRef(base + dcat.COMPONENT)
    for rid, rec in records.items():
        g = graph(document(rid, "ttl"), "turtle")
        own = URIRef(f"{base}dataset/{rid}")
        assert set(g.subjects(RDF.type, DCAT.Dataset)) == {own}, rid
        parts = {URIRef(f"{own}/component/{c.id}") for c in rec.components if not c.record}
        assert set(g.subjects(RDF.type, component)) == parts <= set(g.objects(own, DCTERMS.source)), rid
        assert ((component, RDFS.subClassOf, DCAT.Dataset) in g) == bool(parts), rid
    ids = sorted(records)
    for i in range(0, len(ids), 5):
        g = graph(to_turtle(dcat.catalog_nodes(catalogue, records, ids[i : i + 5])), "turtle")
        typed = {str(d).removeprefix(f"{base}dataset/") for d in g.subjects(RDF.type, DCAT.Dataset)}
        assert typed == set(ids[i : i + 5]), i
        parts = {f"{base}dataset/{r}/component/{c.id}" for r in typed for c in records[r].components if not c.record}
        assert {str(c) for c in g.subjects(RDF.type, component)} == parts, i


def test_catalogue_level_recommended_warnings_are_the_listed_ones():
    found = results(graph(document("catalog", "ttl"), "turtle"), shapes("recommended"))
    catalog = [(t, p) for _s, _f, t, p in found if t == "dcat:Catalog"]
    assert catalog == [("dcat:Catalog", "dct:issued")]


@pytest.mark.slow
@pytest.mark.parametrize("name", DOCUMENTS)
def test_jsonld_and_turtle_hold_the_same_graph(name):
    ttl = graph(document(name, "ttl"), "turtle")
    jsonld = graph(document(name, "jsonld"), "json-ld")
    assert len(ttl) > 20
    assert isomorphic(ttl, jsonld)


def test_jsonld_context_is_fixed_and_inline():
    doc = json.loads(document("catalog", "jsonld"))
    assert doc["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert doc["@context"]["@language"] == "en"
    assert all(isinstance(v, str) for v in doc["@context"].values())  # nothing to fetch


@pytest.mark.parametrize("name", ["catalog", "leo", "data-first", "welsh-environmental-dataset", "ad-arc"])
def test_golden_files(name, file_regression):
    file_regression.check(document(name, "ttl"), basename=f"dcat-{name}", extension=".ttl")
    file_regression.check(document(name, "jsonld"), basename=f"dcat-{name}", extension=".jsonld")


@functools.cache
def feed_document(target_id: str, ext: str) -> str:
    """A feed's DCAT catalogue, built from its records alone (`feed`), as its feed holds it."""
    from adrmeta.export import dcat
    from adrmeta.export.files import whole
    from adrmeta.feeds import accessible

    catalogue, records = published_bundled()
    [target] = [t for t in catalogue.target_catalogues if t.id == target_id]
    return whole(dcat.documents(catalogue, records, accessible(target, records), feed=target))[f"dcat/catalog.{ext}"]


@pytest.mark.parametrize("target_id", ["nisra", "rds"])
def test_a_feeds_catalogue_conforms_and_matches_its_golden_file(target_id, file_regression):
    """A feed's catalogue (with the main catalogue it is part of, `dct:hasPart`) meets DCAT-AP 3's
    shapes, the empty RDS feed's too; the golden files show its own IRI, title and description."""
    assert results(graph(feed_document(target_id, "ttl"), "turtle"), shapes("required")) == []
    file_regression.check(feed_document(target_id, "ttl"), basename=f"dcat-feed-{target_id}", extension=".ttl")
    file_regression.check(feed_document(target_id, "jsonld"), basename=f"dcat-feed-{target_id}", extension=".jsonld")


def test_export_is_deterministic():
    catalogue, records = published_bundled()
    assert export.render("dcat", catalogue, records) == export.render("dcat", catalogue, dict(reversed(list(records.items()))))


@pytest.mark.parametrize("rid", sorted(published_bundled()[1]))
def test_round_trip_of_key_facts(rid):
    catalogue, records = published_bundled()
    rec = records[rid]
    g = graph(document(rid, "ttl"), "turtle")
    ds = URIRef(f"{catalogue.base_uri}dataset/{rid}")
    assert str(g.value(ds, DCTERMS.title)) == rec.title
    assert str(g.value(ds, DCTERMS.description)) == rec.summary
    assert sorted(str(k) for k in g.objects(ds, DCAT.keyword)) == sorted(rec.keywords)
    codes = [str(s).rsplit("/", 1)[1] for s in g.objects(ds, DCTERMS.spatial) if str(s).startswith(vocab.STATISTICAL_GEOGRAPHY)]
    nations = {n for code in codes for n in (vocab.NATION_GROUPS.get(code) or (NATION_OF_GSS[code],))}
    assert nations == set(rec.coverage.nations)
    combined = vocab.COMBINED_GEOGRAPHIES.get(frozenset(rec.coverage.nations))
    if combined:  # one place, the true area, for harvesters that keep one
        assert codes == [combined[0]]
    periods = {
        (str(g.value(p, DCAT.startDate) or ""), str(g.value(p, DCAT.endDate) or "")) for p in g.objects(ds, DCTERMS.temporal)
    }
    wanted = {(p.start or "", p.end or "") for p in rec.coverage.periods}
    wanted |= {(p.start or "", p.end or "") for c in rec.components if c.coverage for p in c.coverage.periods}
    assert periods == wanted
    emails = {str(g.value(k, VCARD.hasEmail)) for k in g.objects(ds, DCAT.contactPoint)} - {"None"}
    own = {f"mailto:{c.email}" for c in rec.contacts if c.email}
    assert emails == (own if rec.contacts else {f"mailto:{catalogue.contact.email}"})  # the catalogue's, labelled
    if not rec.contacts:
        [kind] = g.objects(ds, DCAT.contactPoint)
        assert str(g.value(kind, VCARD.fn)).endswith("(catalogue contact)")
    services = {str(g.value(d, DCAT.accessService)).rsplit("/", 1)[1] for d in g.objects(ds, DCAT.distribution)}
    assert services == {r.tre for r in rec.access}


def test_concepts_are_typed_and_labelled():
    g = graph(document("catalog", "ttl"), "turtle")
    for concept in set(g.objects(None, DCAT.theme)) | set(g.objects(None, DCTERMS.accrualPeriodicity)):
        assert (concept, RDF.type, SKOS.Concept) in g
        assert g.value(concept, SKOS.prefLabel) is not None
    england = URIRef(vocab.STATISTICAL_GEOGRAPHY + "E92000001")
    assert (england, RDF.type, DCTERMS.Location) in g and str(g.value(england, SKOS.prefLabel)) == "England"


HOSTILE = 'Quote " backslash \\ newline\nand tab\t, emoji 🧒, control \x01 and <script>'


def test_hostile_text_and_iris_give_valid_rdf():
    n = node('https://example.org/a b"c<d>{e}|f^g`h\\i', "dcat:Dataset")
    n["dct:title"] = [Lit(HOSTILE, lang="en")]
    n["dct:description"] = [Lit("@en \"\"\" '''", lang="en-GB")]
    n["dcat:landingPage"] = [IRI("https://example.org/x y")]
    ttl = graph(to_turtle([n]), "turtle")
    jsonld = graph(to_jsonld([n], "en"), "json-ld")
    assert isomorphic(ttl, jsonld)
    [subject] = set(ttl.subjects())
    assert str(subject) == "https://example.org/a%20b%22c%3Cd%3E%7Be%7D%7Cf%5Eg%60h%5Ci"
    assert str(ttl.value(subject, DCTERMS.title)) == HOSTILE
    assert ttl.value(subject, DCTERMS.description).language == "en-GB"


def test_jsonld_is_what_json_dumps_writes():
    """The JSON-LD is written by hand: byte for byte what json.dumps writes of the same object."""
    n = node('https://example.org/a b"c\\d', "dcat:Dataset", "prov:Entity")
    named = node("https://example.org/doc", "foaf:Document")
    named["dct:title"] = [Lit(HOSTILE, lang="en")]
    blank = node(None, "dct:PeriodOfTime")
    blank["rdfs:label"] = [Lit('a "b"', lang="en")]
    blank["foaf:page"] = [named]
    n["dct:title"] = [Lit(HOSTILE, lang="en")]
    n["dct:description"] = [Lit(HOSTILE, lang="cy"), Lit("plain \x7f\x00")]
    n["dct:modified"] = [Lit("2024-01-02", "xsd:date")]
    n["dct:temporal"] = [blank]
    n["foaf:page"] = [IRI("https://example.org/x y"), named]
    doc = {"@id": "https://example.org/doc", "@type": "foaf:Document", "dct:title": HOSTILE}
    expected = {
        "@id": "https://example.org/a%20b%22c%5Cd",
        "@type": ["dcat:Dataset", "prov:Entity"],
        "dct:title": HOSTILE,
        "dct:description": [{"@value": HOSTILE, "@language": "cy"}, {"@value": "plain \x7f\x00"}],
        "dct:modified": {"@value": "2024-01-02", "@type": "xsd:date"},
        "dct:temporal": {"@type": "dct:PeriodOfTime", "rdfs:label": 'a "b"', "foaf:page": doc},
        "foaf:page": [{"@id": "https://example.org/x%20y"}, doc],
    }
    assert jsonld_node(n, "en") == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


def test_hostile_record_exports_valid_rdf(tmp_path):
    text = (FIXTURES / "flagship" / "eligible.yaml").read_text()
    text = text.replace(
        "title: A linked dataset meeting every flagship criterion",
        'title: "Title with \\" quotes \\\\ and \\t tab and \\n newline <b>&amp;"',
    )
    (tmp_path / "records").mkdir()
    (tmp_path / "catalogue.yaml").write_text(TEST_CATALOGUE.read_text())
    # a URL holding characters a URI cannot is refused when read; written percent-encoded, it passes
    (tmp_path / "records" / "eligible.yaml").write_text(
        text.replace("url: https://example.org/guide", 'url: "https://example.org/guide?q=<x>&y={z}"')
    )
    assert [i.code for _p, item in load(cwd=tmp_path).loaded for i in item.issues] == ["schema.format"]
    text = text.replace("url: https://example.org/guide", 'url: "https://example.org/guide?q=%3Cx%3E&y=%7Bz%7D"')
    (tmp_path / "records" / "eligible.yaml").write_text(text)
    ws = load(cwd=tmp_path)
    files = export.render("dcat", ws.catalogue, ws.records)
    g = graph(files["dcat/datasets/eligible.ttl"], "turtle")
    assert isomorphic(g, graph(files["dcat/datasets/eligible.jsonld"], "json-ld"))
    titles = {str(t) for t in g.objects(None, DCTERMS.title)}
    assert 'Title with " quotes \\ and \t tab and \n newline <b>&amp;' in titles
    assert URIRef("https://example.org/guide?q=%3Cx%3E&y=%7Bz%7D") in set(g.objects(None, rdflib.FOAF.page))


def test_unknown_format_lists_the_known_ones():
    assert get("dcat").module == dcat.__name__  # behind the stated-facts filter
    with pytest.raises(UnknownFormat, match="known formats: csvw, dcat, dcat-uk, ddi, hdruk, hdruk-4, schemaorg, site"):
        get("rdfxml")
    assert "dcat" in EXPORTERS


def test_an_export_of_one_format_loads_only_that_exporter(tmp_path):
    """Exporters are imported when first used: `export --format dcat` must not pay for the site's
    eligibility assessment or DDI's lxml (a tenth of a small export's time)."""
    import subprocess
    import sys

    probe = (
        "import sys; from adrmeta.cli import main; "
        f"code = main(['export', '--format', 'dcat', '--out', {str(tmp_path / 'out')!r}]); "
        "print(code, sorted(m for m in ('adrmeta.export.dcat', 'adrmeta.export.site', 'adrmeta.export.ddi', "
        "'adrmeta.eligibility', 'lxml') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 ['adrmeta.export.dcat']"


def test_cli_export_writes_every_file_and_is_repeatable(tmp_path):
    out = tmp_path / "exports"
    result = run_cli("export", "--format", "dcat", "--out", str(out))
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == sorted([*rendered(), "records.json"])  # the datestamps file comes with every export
    first = {f: (out / f).read_bytes() for f in files}
    assert run_cli("export", "--out", str(out)).returncode == 0
    again = {f: (out / f).read_bytes() for f in files}
    # the partial export wrote no feeds, so no feed dates; the whole one adds them, and only them
    lock, first_lock = json.loads(again.pop("records.json")), json.loads(first.pop("records.json"))
    assert first_lock["feeds"] == {} and sorted(lock.pop("feeds")) == ["nisra", "ons", "rds", "sail"]
    assert lock == {k: v for k, v in first_lock.items() if k != "feeds"}
    assert again == first
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary folders left


def test_cli_export_refuses_while_records_have_errors(tmp_path):
    (tmp_path / "records").mkdir()
    (tmp_path / "catalogue.yaml").write_text(TEST_CATALOGUE.read_text())
    (tmp_path / "records" / "broken.yaml").write_text("id: broken\ntitle: [\n")
    out = tmp_path / "exports"
    result = run_cli("export", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 1 and "yaml.syntax" in result.stdout and "nothing written" in result.stderr
    assert not out.exists()


def test_cli_export_unknown_format_exits_2():
    result = run_cli("export", "--format", "rdfxml")
    assert result.returncode == 2 and "known formats: csvw, dcat, dcat-uk, ddi, hdruk, hdruk-4, schemaorg, site" in result.stderr


def test_triples_are_counted_per_record():
    """Every record contributes its dataset and a distribution per access route."""
    catalogue, records = published_bundled()
    g = graph(document("catalog", "ttl"), "turtle")
    datasets = set(g.objects(URIRef(f"{catalogue.base_uri}catalogue"), DCAT.dataset))
    assert len(datasets) == len(records)
    kinds = Counter(str(o) for o in g.objects(None, RDF.type))
    assert kinds[str(DCAT.Distribution)] == sum(len(r.access) for r in records.values())


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_blank_nodes(name):
    """Everything a harvester shows has an IRI, the same on every export: no blank nodes."""
    g = graph(document(name, "ttl"), "turtle")
    assert [t for t in g if any(isinstance(x, rdflib.BNode) for x in t)] == []


def test_minted_iris_are_stable_and_positional():
    catalogue, records = published_bundled()
    g = graph(document("leo", "ttl"), "turtle")
    leo = URIRef(f"{catalogue.base_uri}dataset/leo")
    assert [str(k) for k in g.objects(leo, DCAT.contactPoint)] == [
        f"{leo}/contact/{i}" for i in range(len(records["leo"].contacts))
    ]
    assert str(g.value(URIRef(f"{leo}.html#document-0"), DCTERMS.title)) == records["leo"].documentation[0].title
    assert str(g.value(URIRef(f"{leo}/period/0"), DCAT.startDate)) == records["leo"].coverage.periods[0].start


def test_the_spanning_period_comes_first():
    """ckanext-dcat keeps the first dct:temporal it reads: the one covering all the others."""
    catalogue, records = published_bundled()
    text = document("data-first-moj-dfe", "ttl")
    ds = text.split(f"<{catalogue.base_uri}dataset/data-first-moj-dfe>", 1)[1]
    first = ds.split("dct:temporal <", 1)[1].split(">", 1)[0]
    periods = records["data-first-moj-dfe"].coverage.periods
    index = int(first.rsplit("/", 1)[1])
    assert periods[index].start == "1985-09-01" and periods[index].end is None  # open-ended: spans the PNC years
    assert index != 0  # not simply the record's first


def test_recommended_warnings_are_counted_and_explained_in_the_docs():
    """docs/harvesters.md lists every warning kind of shapes_recommended.ttl with its count."""
    import re

    g = graph(document("catalog", "ttl"), "turtle")
    component = g.namespace_manager.normalizeUri(URIRef(published_bundled()[0].base_uri + dcat.COMPONENT))
    found = Counter()
    for _s, _focus, t, path in results(g, shapes("recommended")):
        if t in ("dcat:Dataset", component):
            t = "component" if t == component else "record"
        found[(t.strip("`"), path)] += 1
    text = (ROOT / "docs" / "harvesters.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| `?([^|`]+)`? \| `([^`]+)` \| [^|]+ \|$", text, re.M)
    documented = {(node, prop): int(n) for n, node, prop in rows}
    assert documented == dict(found)
    assert f"give {sum(found.values())} warnings" in text
