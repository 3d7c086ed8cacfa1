"""schema.org export: every type and property in the vendored schema.org 30.0 vocabulary and in its
domain, Google's required properties, recommended ones wherever the record has the data."""

from __future__ import annotations

import json

import attrs
import pytest

from adrmeta import export, vocab
from adrmeta.conform.schemaorg import GOOGLE_RECOMMENDED, check, vocabulary

from .conftest import ROOT, published_bundled


def exported(rid: str) -> dict:
    catalogue, records = published_bundled()
    return json.loads(export.render("schemaorg", catalogue, records)[f"schemaorg/{rid}.jsonld"])


RIDS = sorted(published_bundled()[1])
# Google-recommended properties no record can have: the data are not downloadable or licensed openly,
# the records describe no measurement technique, and no record field states whether access is free.
NOT_HELD = {"distribution", "license", "measurementTechnique", "isAccessibleForFree"}


def lacking(rec) -> set[str]:
    has = {
        "alternateName": bool(rec.acronym or rec.alternative_titles),
        "citation": bool(rec.publications),
        "creator": bool(rec.data_owners),
        "funder": any(c.role == "funder" for c in rec.contributors),
        "hasPart": bool(rec.has_part),
        "isPartOf": bool(rec.part_of),
        "isBasedOn": bool(rec.components),
        "sameAs": bool(rec.landing_page),
        "spatialCoverage": bool(rec.coverage.nations or rec.coverage.area),
        "temporalCoverage": any(
            p.start or p.end
            for p in [*rec.coverage.periods, *(p for c in rec.components if c.coverage for p in c.coverage.periods)]
        ),
        "version": bool(rec.version),
        "variableMeasured": bool(rec.dictionary and any(t.variables for t in rec.dictionary.tables)),
        "identifier": True,
        "keywords": bool(rec.keywords or rec.themes),
        "url": True,
    }
    assert set(has) | NOT_HELD == set(GOOGLE_RECOMMENDED)
    return {p for p, present in has.items() if not present}


@pytest.mark.parametrize("rid", RIDS)
def test_passes_vocabulary_and_google_checks(rid):
    issues = check(exported(rid), f"schemaorg/{rid}.jsonld", rid)
    assert [i for i in issues if i.severity == "error"] == []
    recommended = {i.path.lstrip("/") for i in issues if i.code == "google.recommended"}
    assert recommended == NOT_HELD | lacking(published_bundled()[1][rid])


def test_the_checker_catches_each_kind_of_fault():
    bad = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": "x",
        "description": "too short",
        "frobnicate": 1,
        "spatialCoverage": {"@type": "Plaice", "name": "Cardiff"},
        "temporalCoverage": "2001/2002",
        "creator": {"@type": "Organization", "name": "A", "isbn": "1"},
        "encodings": [],
    }
    codes = {(i.code, i.path) for i in check(bad, "x.jsonld")}
    assert ("schemaorg.unknown-property", "/frobnicate") in codes
    assert ("schemaorg.unknown-type", "/spatialCoverage/@type") in codes
    assert ("schemaorg.domain", "/creator/isbn") in codes
    assert ("schemaorg.superseded", "/encodings") in codes
    assert ("google.required", "/description") in codes
    missing_name = {i.code for i in check({"@type": "Dataset", "description": "d" * 60}, "x")}
    assert "google.required" in missing_name


def test_vocabulary_is_the_vendored_release():
    v = vocabulary()
    assert "conditionsOfAccess" in v.types["Dataset"] and "temporalCoverage" in v.types["Dataset"]
    assert "name" in v.types["Place"] and "Dataset" in v.types


@pytest.mark.parametrize("rid", ["leo", "data-first-cross-justice", "welsh-environmental-dataset"])
def test_golden_files(rid, file_regression):
    catalogue, records = published_bundled()
    file_regression.check(
        export.render("schemaorg", catalogue, records)[f"schemaorg/{rid}.jsonld"],
        basename=f"schemaorg-{rid}",
        extension=".jsonld",
    )


@pytest.mark.parametrize("rid", RIDS)
def test_round_trip_of_key_facts(rid):
    rec = published_bundled()[1][rid]
    d = exported(rid)
    assert d["name"] == rec.title and d["description"] == rec.summary
    places = {p["name"] for p in d.get("spatialCoverage", [])}
    assert places == {vocab.NATIONS[n][1] for n in rec.coverage.nations} | ({rec.coverage.area} if rec.coverage.area else set())
    coverage = d.get("temporalCoverage", [])
    coverage = [coverage] if isinstance(coverage, str) else coverage
    for p in rec.coverage.periods:
        if p.start and p.end:  # one date when the period starts and ends on it
            assert (p.start if p.start == p.end else f"{p.start}/{p.end}") in coverage
    assert "distribution" not in json.dumps(d)  # no invented downloads
    assert "isAccessibleForFree" not in d  # no record field states a fee or its absence
    if rec.access:
        tres = {t.id: t.title for t in published_bundled()[0].tres}
        assert all(tres[r.tre] in d["conditionsOfAccess"] for r in rec.access)


def test_dois_are_property_values():
    from adrmeta import export
    from adrmeta.model import Identifier

    catalogue, records = published_bundled()
    rec = attrs.evolve(records["grade"], identifiers=(Identifier(scheme="doi", value="10.57906/0y39-4s34"),))
    d = json.loads(export.render("schemaorg", catalogue, {**records, "grade": rec}, only=["grade"])["schemaorg/grade.jsonld"])
    [doi] = [i for i in d["identifier"] if isinstance(i, dict)]
    assert doi == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.57906/0y39-4s34",
        "url": "https://doi.org/10.57906/0y39-4s34",
    }


SOSO = ROOT / "schemas" / "vendor" / "soso-1.3.2" / "googleRequired.ttl"


def soso_results(data: dict) -> list[tuple[str, str]]:
    """(focus node, path) of every violation of SOSO's Google-required shapes, read offline (the
    shapes use http://schema.org/ IRIs)."""
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    g = rdflib.Graph().parse(data=json.dumps({**data, "@context": {"@vocab": "http://schema.org/"}}), format="json-ld")
    _conforms, report, _text = pyshacl.validate(g, shacl_graph=rdflib.Graph().parse(SOSO), inference="none")
    return sorted(
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
        for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)
    )


@pytest.mark.parametrize("rid", RIDS)
def test_every_dataset_node_passes_soso_google_shapes(rid):
    """Nested Datasets (parts, parents, components) too: each has a url and a 50–5000 character
    description, or is a reference by @id only."""
    assert soso_results(exported(rid)) == []


def test_soso_shapes_catch_a_nested_dataset_without_url():
    d = exported("leo")
    d["isBasedOn"][0] = {k: v for k, v in d["isBasedOn"][0].items() if k != "url"}
    assert soso_results(d) == [(d["isBasedOn"][0]["@id"], "http://schema.org/url")]


def test_component_urls_point_at_a_section_of_the_site_page():
    catalogue, records = published_bundled()
    pages = export.render("site", catalogue, records)
    checked = 0
    for rid in records:
        for c in exported(rid).get("isBasedOn", []):
            if "#" in c.get("url", ""):
                anchor = c["url"].rsplit("#", 1)[1]
                assert f'id="{anchor}"' in pages[f"site/dataset/{rid}.html"], rid
                checked += 1
    assert checked > 50


def test_a_google_recommendation_names_the_record_field_that_fills_it_or_says_none_does():
    """The fix names the export's own table row (fieldtable.SCHEMAORG), so it cannot drift from
    what the export fills; a property no row fills from a record field says there is nothing to add."""
    import re

    import attrs

    from adrmeta.model import Record

    fields = {f.name for f in attrs.fields(Record)}
    nothing = {p for p, named in GOOGLE_RECOMMENDED.items() if named is None}
    assert nothing == {"distribution", "measurementTechnique", "isAccessibleForFree", "url"}  # url: the site page
    assert GOOGLE_RECOMMENDED["funder"] == "contributors (funder)"  # the table's wording, not a copy's
    assert GOOGLE_RECOMMENDED["variableMeasured"] == "dictionary variables"
    for prop, named in GOOGLE_RECOMMENDED.items():
        if named is not None:  # opens with a record field ("coverage.nations, area": coverage)
            assert re.match(r"[a-z_]+", named)[0] in fields, prop


def test_names_and_keywords_are_said_once_across_case_punctuation_and_ampersands():
    from adrmeta.export.schemaorg import _distinct

    words = ["AD|ARC", "AD ARC", "Children & young people", "children and young people", "Health"]
    assert _distinct(words) == ["AD|ARC", "Children & young people", "Health"]
    assert _distinct(words, seen=["ad-arc", "HEALTH"]) == ["Children & young people"]
