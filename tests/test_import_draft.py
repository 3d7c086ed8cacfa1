"""The import API every importer shares: accounting for each source value (used, noted whole,
ignored), the leaf walkers, the draft's source entry and guesses marked as inferences."""

from __future__ import annotations

import json

import pytest
import yaml
from lxml import etree
from rdflib import Graph, URIRef

from adrmeta.importers.draft import Draft, to_yaml
from adrmeta.importers.leaves import covered, json_leaves, pointer, rdf_leaves, rdf_path, xml_leaves, xml_path
from adrmeta.provenance import stated
from adrmeta.records import load_record
from adrmeta.report import CODES
from adrmeta.validate import validate

from .conftest import ROOT, bundled_today
from .importing import assert_accounted

LONG = "The Longitudinal Education Outcomes dataset links education, benefits and earnings. " * 20


def test_json_leaves_are_every_scalar_with_its_pointer():
    doc = {"a": {"b/c": [1, None, {"d~e": True}], "empty": [], "f": ""}, "g": "x"}
    assert list(json_leaves(doc)) == [("/a/b~1c/0", 1), ("/a/b~1c/1", None), ("/a/b~1c/2/d~0e", True), ("/a/f", ""), ("/g", "x")]
    assert pointer("a", 0, "b/c") == "/a/0/b~1c"


def test_json_leaves_walk_deep_nesting_without_recursion():
    doc: object = "bottom"
    for _ in range(5000):
        doc = [doc]
    ((path, value),) = json_leaves(doc)
    assert value == "bottom" and path.count("/") == 5000


DDI = b"""<codeBook xmlns="ddi:codebook:2_5" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="ddi:codebook:2_5 x.xsd" version="2.5"><stdyDscr><citation><titlStmt>
  <titl xml:lang="en">Annual Survey</titl><IDNo agency="DataCite">10.5255/UKDA-SN-1</IDNo><IDNo agency="UKDA">1</IDNo>
  </titlStmt></citation><stdyInfo><abstract>First <emph>bold</emph> rest</abstract><abstract>Second</abstract>
  <!-- a comment --><sumDscr/></stdyInfo></stdyDscr></codeBook>"""


def test_xml_leaves_give_text_and_attributes_with_positions_where_repeated():
    root = etree.fromstring(DDI)
    leaves = dict(xml_leaves(root))
    assert leaves == {
        "/codeBook/@xsi:schemaLocation": "ddi:codebook:2_5 x.xsd",
        "/codeBook/@version": "2.5",
        "/codeBook/stdyDscr/citation/titlStmt/titl/@xml:lang": "en",
        "/codeBook/stdyDscr/citation/titlStmt/titl": "Annual Survey",
        "/codeBook/stdyDscr/citation/titlStmt/IDNo[1]/@agency": "DataCite",
        "/codeBook/stdyDscr/citation/titlStmt/IDNo[1]": "10.5255/UKDA-SN-1",
        "/codeBook/stdyDscr/citation/titlStmt/IDNo[2]/@agency": "UKDA",
        "/codeBook/stdyDscr/citation/titlStmt/IDNo[2]": "1",
        "/codeBook/stdyDscr/stdyInfo/abstract[1]": "First rest",
        "/codeBook/stdyDscr/stdyInfo/abstract[1]/emph": "bold",
        "/codeBook/stdyDscr/stdyInfo/abstract[2]": "Second",
    }
    # xml_path names an element as xml_leaves does, so an importer can mark what it used
    ids = root.findall(".//{ddi:codebook:2_5}IDNo")
    assert xml_path(ids[1]) == "/codeBook/stdyDscr/citation/titlStmt/IDNo[2]"
    assert xml_path(ids[0], "agency") == "/codeBook/stdyDscr/citation/titlStmt/IDNo[1]/@agency"


TURTLE = """@prefix dct: <http://purl.org/dc/terms/> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
<https://example.org/ds> a dcat:Dataset ; dct:title "T" ; dcat:contactPoint [ dct:title "Desk" ] ."""


def test_rdf_leaves_are_triples_by_subject_and_predicate():
    g = Graph().parse(data=TURTLE, format="turtle")
    leaves = list(rdf_leaves(g))
    paths = [p for p, _ in leaves]
    ds = "<https://example.org/ds>"
    assert f"{ds} <http://purl.org/dc/terms/title>" in paths
    assert f"{ds} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" in paths
    assert f"{ds} <http://www.w3.org/ns/dcat#contactPoint>" not in paths  # the blank node's own triples stand for it
    assert sum(p.startswith("_:") for p in paths) == 1
    assert leaves == list(rdf_leaves(g))  # a stable order
    assert rdf_path(URIRef("https://example.org/ds")) == ds
    assert covered(f"{ds} <http://purl.org/dc/terms/title>", {ds})


def test_leftover_triples_are_noted_with_their_language():
    g = Graph().parse(data=TURTLE.replace('dct:title "T"', 'dct:title "T", "Teitl"@cy'), format="turtle")
    d = draft()
    d.used(rdf_path(URIRef("https://example.org/ds")))
    d.leftovers(rdf_leaves(g))
    (note,) = d.fields["notes"]
    assert note.startswith("_:") and note.endswith(" <http://purl.org/dc/terms/title>: Desk")
    d2 = draft()
    d2.leftovers(rdf_leaves(g))
    title = "<https://example.org/ds> <http://purl.org/dc/terms/title>"
    assert {f"{title}: T", f"{title}: Teitl (@cy)"} <= set(d2.fields["notes"])
    assert_accounted(d2, rdf_leaves(g))


def test_covered_means_the_path_or_an_ancestor():
    assert covered("/a/b/0", {"/a"}) and covered("/a/@x", {"/a"}) and covered("/a", {"/a"})
    assert not covered("/ab", {"/a"}) and not covered("/a", {"/a/b"})


def draft() -> Draft:
    return Draft("in/catalogue.json", "hdruk 2.1.2")


def test_note_keeps_the_value_whole_once_and_counts_as_accounted():
    d = draft()
    d.note("/summary/abstract", LONG)
    d.note("/summary/abstract", LONG)
    d.note("/provenance/origin/purpose", ["Care", "Audit"])
    assert d.fields["notes"] == [f"/summary/abstract: {LONG}", '/provenance/origin/purpose: ["Care", "Audit"]']
    assert {"/summary/abstract", "/provenance/origin/purpose"} <= d.accounted
    text = to_yaml(d)
    assert "…" not in text and LONG.strip() in " ".join(yaml.safe_load(text)["notes"][0].split()) + " "
    assert text.count("/summary/abstract:") == 1


def test_a_placeholder_is_reported_not_noted():
    d = draft()
    d.note("/doi", "in progress")
    d.note("/x", "")
    d.note("/y", None)
    assert "notes" not in d.fields and [i.code for i in d.issues] == ["import.placeholder"]
    assert {"/doi", "/x", "/y"} <= d.accounted


def test_ignored_is_an_info_finding_with_its_reason():
    d = draft()
    d.ignored("/@context", "the JSON-LD context is how the file is read, not a fact about the dataset")
    (issue,) = d.issues
    assert issue.code == "import.ignored" and CODES["import.ignored"][0] == "info"
    assert "/@context" in issue.message and "not a fact" in issue.message
    assert "/@context" in d.accounted and "notes" not in d.fields


def test_leftovers_note_every_leaf_not_accounted():
    doc = {
        "summary": {"title": "T", "abstract": LONG, "keywords": ["a", "b"]},
        "extra": {"x": 1, "y": "N/A"},
        "skip": {"deep": "v"},
    }
    d = draft()
    d.used("/summary/title", "/summary/keywords")
    d.ignored("/skip", "test")
    d.leftovers(json_leaves(doc))
    assert d.fields["notes"] == [f"/summary/abstract: {LONG}", "/extra/x: 1"]
    assert any(i.code == "import.placeholder" and "/extra/y" in i.message for i in d.issues)
    assert_accounted(d, json_leaves(doc))


def test_assert_accounted_fails_on_a_dropped_or_cut_value():
    doc = {"a": "kept", "b": "dropped"}
    d = draft()
    d.used("/a")
    with pytest.raises(AssertionError, match="/b"):
        assert_accounted(d, json_leaves(doc))
    d.note("/b", "drop")  # noted, but not the whole value
    with pytest.raises(AssertionError, match="whole"):
        assert_accounted(d, json_leaves(doc))


def test_every_draft_cites_its_source_like_a_curated_record(tmp_path):
    d = draft()
    d.source_date("2021-03-04T10:00:00Z")
    assert d.fields["source"] == "import"
    assert d.fields["sources"] == [{"id": "import", "title": "in/catalogue.json (hdruk 2.1.2)", "date": "2021-03-04"}]
    web = Draft("catalog.jsonld", "dcat", source_url="https://example.org/catalog.jsonld")
    assert web.fields["sources"] == [
        {"id": "import", "title": "https://example.org/catalog.jsonld (dcat)", "url": "https://example.org/catalog.jsonld"}
    ]


def _filled(d: Draft) -> None:
    """The required fields the test source lacks, filled in."""
    for key, value in (
        ("id", "test-ds"),
        ("title", "Test dataset"),
        ("summary", LONG[:400]),
        ("status", "available"),
        ("modified", "2026-01-01"),
        ("data_owners", ["ons"]),
        ("coverage", {"nations": ["GB-ENG"]}),
    ):
        d.fields.setdefault(key, value)


def test_a_guess_is_written_as_an_inference_never_exported(tmp_path):
    d = draft()
    d.guess("/coverage/nations", ["GB-WLS"], "'UK, Wales' read as Wales: the list names the UK and one nation.")
    assert d.fields["coverage"] == {"nations": ["GB-WLS"]}
    assert d.fields["provenance"] == [
        {
            "path": "/coverage/nations",
            "basis": "inference",
            "note": "'UK, Wales' read as Wales: the list names the UK and one nation.",
        }
    ]
    assert any(i.code == "import.guessed" for i in d.issues)
    _filled(d)
    path = tmp_path / "test-ds.yaml"
    path.write_text(to_yaml(d), encoding="utf-8")
    rec = load_record(path).value
    assert rec.source == "import" and rec.sources[0].id == "import"
    assert rec.coverage.nations == ("GB-WLS",) and stated(rec).coverage.nations == ()
    report = validate([path], catalogue=ROOT / "catalogue.yaml", today=bundled_today())  # the catalogue file's date has come
    assert not [i for i in report.issues if i.severity == "error"], report.issues


def test_the_old_name_still_notes_whole():
    d = draft()
    d.unmapped("HDR UK abstract", LONG)
    assert d.fields["notes"] == [f"HDR UK abstract: {LONG}"]
    assert json.dumps(d.fields)  # plain data
