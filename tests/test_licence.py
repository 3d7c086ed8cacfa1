"""The data's licence (issue 20): a record's `licence` reaches every export that has a place for
it, an open one makes the cross-government export say OPEN, and real openly licensed files
imported give the licence, so their re-export is not "commercial / data share agreement"."""

from __future__ import annotations

import json

import attrs
import pytest
import rdflib

from adrmeta import export, profiles
from adrmeta.conform.exports import check_tree
from adrmeta.export import cddo
from adrmeta.importers import import_files
from adrmeta.validate import load

from .conftest import FIXTURES, TEST_CATALOGUE, bundled

PROFILES = FIXTURES / "profiles"
THIRD_PARTY = FIXTURES / "import" / "third-party"
OGL3 = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")


@pytest.fixture(scope="module")
def licensed():
    ws = load([PROFILES / "open-licence.yaml", PROFILES / "cddo-complete.yaml"], catalogue=TEST_CATALOGUE)
    assert not [i for i in ws.issues if i.severity == "error"]
    assert ws.records["open-licence"].licence == OGL3
    return ws.catalogue, ws.records


def test_every_export_of_a_licensed_record_conforms(licensed, tmp_path):
    catalogue, records = licensed
    for fmt in export.EXPORTERS:
        for rel, text in export.render(fmt, catalogue, records).items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    report = check_tree(tmp_path)
    assert any(r.startswith("dcat-uk/open-licence") for r in report.checked)
    assert [i for i in report.issues if i.severity == "error"] == []


def test_cddo_states_the_open_licence_and_open_access(licensed):
    catalogue, records = licensed
    doc = cddo.dataset(catalogue, records, records["open-licence"])
    assert doc["licence"] == OGL3 and doc["accessRights"] == "OPEN"
    g = rdflib.Graph().parse(data=export.render("dcat-uk", catalogue, records)["dcat-uk/open-licence.ttl"], format="turtle")
    assert set(g.objects(None, DCT.license)) == {rdflib.URIRef(OGL3)}
    # another licence: stated as it is, and access under conditions
    plain = cddo.dataset(catalogue, records, records["cddo-complete"])
    assert plain["licence"] == records["cddo-complete"].licence and plain["accessRights"] == "COMMERCIAL"


def test_cddo_leaves_out_a_record_without_a_licence_rather_than_defaulting_one(licensed):
    catalogue, records = licensed
    unlicensed = attrs.evolve(records["cddo-complete"], licence=None)
    assert [g.path for g in profiles.cddo_gaps(catalogue, unlicensed)] == ["/licence"]
    files = export.render("dcat-uk", catalogue, {**records, unlicensed.id: unlicensed})
    assert "dcat-uk/cddo-complete.json" not in files and "dcat-uk/open-licence.json" in files
    assert "DATA_SHARE_AGREEMENT" not in "".join(files.values())  # before: the default for every unlicensed record


def test_dcat_puts_the_licence_on_each_distribution(licensed):
    catalogue, records = licensed
    records = {**records, "cddo-complete": attrs.evolve(records["cddo-complete"], licence=None)}
    files = export.render("dcat", catalogue, records)
    (rel,) = [r for r in files if r.endswith("open-licence.ttl")]
    g = rdflib.Graph().parse(data=files[rel], format="turtle")
    dists = set(g.objects(None, DCAT.distribution))
    assert dists and all(g.value(d, DCT.license) == rdflib.URIRef(OGL3) for d in dists)
    assert (rdflib.URIRef(OGL3), rdflib.RDF.type, DCT.LicenseDocument) in g
    (other,) = [r for r in files if r.endswith("cddo-complete.ttl")]
    assert not set(rdflib.Graph().parse(data=files[other], format="turtle").objects(None, DCT.license)) - {
        rdflib.URIRef(catalogue.metadata_licence)
    }


def test_schemaorg_states_the_licence(licensed):
    catalogue, records = licensed
    files = export.render("schemaorg", catalogue, records)
    (rel,) = [r for r in files if r.endswith("open-licence.jsonld")]
    assert json.loads(files[rel])["license"] == OGL3


@pytest.mark.parametrize(
    ("path", "want"),
    [
        (
            THIRD_PARTY / "cddo" / "Dataset-os-postcodes-datset.yaml",
            "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        ),
        (THIRD_PARTY / "ons-cpi-schemaorg.jsonld", "http://www.nationalarchives.gov.uk/doc/open-government-licence"),
    ],
)
def test_an_openly_licensed_import_re_exports_as_open(path, want):
    (draft,) = import_files([path], bundled()[0]).drafts
    assert draft.fields["licence"] == want  # before: only a note, and a warning that it is lost
    assert not any(want in n for n in draft.fields.get("notes", []))
    # the record completed with what the cddo model requires, its licence the imported one
    ws = load([PROFILES / "cddo-complete.yaml"], catalogue=TEST_CATALOGUE)
    catalogue, records = ws.catalogue, ws.records
    rec = attrs.evolve(records["cddo-complete"], licence=draft.fields["licence"])
    doc = cddo.dataset(catalogue, {**records, rec.id: rec}, rec)
    assert doc["licence"] == want and doc["accessRights"] == "OPEN"  # before: DATA_SHARE_AGREEMENT, COMMERCIAL


def test_a_licence_that_is_no_url_stays_whole_in_the_notes():
    from adrmeta.importers.draft import Draft

    d = Draft("x.json", "hdruk")
    d.note("/license", "Intellectual property contained within the databank")
    assert "licence" not in d.fields
    assert d.fields["notes"] == ["/license: Intellectual property contained within the databank"]


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("dcat", ".ttl"), ("dcat", ".jsonld"), ("schemaorg", ".jsonld"), ("dcat-uk", ".json")]
)
def test_the_licence_comes_back_from_each_format_that_carries_it(fmt, suffix, licensed, tmp_path):
    catalogue, records = licensed
    files = export.render(fmt, catalogue, records)
    (rel,) = [r for r in files if r.endswith(f"open-licence{suffix}")]
    path = tmp_path / f"open-licence{suffix}"
    path.write_text(files[rel], encoding="utf-8")
    (draft,) = import_files([path], catalogue).drafts
    assert draft.fields["licence"] == OGL3
    assert not any(OGL3 in n for n in draft.fields.get("notes", []))
