"""Exports state only what a record and its sources state (the harvester trial of 2026-11-26):
an access route's text says that access is through its TRE and what the route requires, nothing
about who may apply or whether the data can be downloaded; DDI's status is the record's status;
schema.org claims no fee or its absence; dcat-uk defaults no licence or classification; and a
record's text that already ends a sentence is not given a second stop."""

from __future__ import annotations

import json
import re

import pytest
import rdflib

from adrmeta import export
from adrmeta.validate import validate

from .conftest import ROOT, published_bundled

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
RDFS = rdflib.RDFS
DDI = {"d": "ddi:codebook:2_5"}
UNSTATED = ("accredited researchers can apply", "cannot be downloaded", "available to accredited researchers")


def _unstated(text, rec):
    """The words of UNSTATED in `text` that the record's own route texts do not say."""
    for route in rec.access:
        for own in (route.conditions, route.lead_time):
            text = text.replace(own or "\0", "")
    return [u for u in UNSTATED if u in text.casefold()]


def _records_with_routes():
    catalogue, records = published_bundled()
    return [rid for rid, rec in sorted(records.items()) if rec.access]


def _tre_titles():
    catalogue, _records = published_bundled()
    return {t.id: t.title for t in catalogue.tres}


@pytest.mark.parametrize("rid", _records_with_routes())
def test_a_distribution_describes_only_its_route(rid):
    """welsh-environmental-dataset's route needs MRC training and IGRP approval; the description
    said 'Accredited researchers can apply ...; the data cannot be downloaded.' for every route."""
    catalogue, records = published_bundled()
    rec = records[rid]
    g = rdflib.Graph().parse(data=export.render("dcat", catalogue, records, only=[rid])[f"dcat/datasets/{rid}.ttl"])
    titles = _tre_titles()
    for route in rec.access:
        dist = rdflib.URIRef(f"{catalogue.base_uri}dataset/{rid}/access/{route.tre}")
        description = str(g.value(dist, DCT.description))
        rights = g.value(dist, DCT.rights)
        stated = str(g.value(rights, RDFS.label)) if rights is not None else ""
        # the TRE (the route's own fact), then the route's stated rights, word for word: nothing else
        assert description == " ".join(x for x in (f"Access through the {titles[route.tre]}.", stated) if x)
        assert not _unstated(description, rec)
        assert rec.title not in description  # census-2021-sail's title names the TRE: it was said twice


@pytest.mark.parametrize("rid", _records_with_routes())
def test_conditions_of_access_hold_each_route_and_no_fee_claim(rid):
    catalogue, records = published_bundled()
    rec = records[rid]
    d = json.loads(export.render("schemaorg", catalogue, records, only=[rid])[f"schemaorg/{rid}.jsonld"])
    assert "isAccessibleForFree" not in d  # echild says "Access is free of charge."; false read as paid data
    text = d["conditionsOfAccess"]
    assert not _unstated(text, rec)
    titles = _tre_titles()
    assert [m for m in re.findall(r"Access through the ([^.]+)\.", text) if m in titles.values()] == [
        titles[r.tre] for r in rec.access
    ]
    for route in rec.access:
        if route.lead_time:
            assert f"Typical time to access: {route.lead_time.removesuffix('.')}." in text


@pytest.mark.parametrize(
    ("rid", "why"),
    [
        ("public-health-research-data", "no access route at all"),
        ("looked-after-children-scotland", "its only route is an inference, left out"),
        ("welsh-environmental-dataset", "a route stating its own requirements"),
    ],
)
def test_ddi_status_is_the_records_stated_status(rid, why):
    from lxml import etree

    catalogue, records = published_bundled()
    rec = records[rid]
    xml = export.render("ddi", catalogue, records, only=[rid])[f"ddi/{rid}.xml"]
    statuses = etree.fromstring(xml.encode()).xpath("//d:stdyDscr/d:dataAccs/d:setAvail/d:avlStatus/text()", namespaces=DDI)
    assert statuses, why
    assert set(statuses) == {rec.status.capitalize()}, why
    assert not any(u in xml.casefold() for u in UNSTATED), why


def test_no_export_doubles_a_full_stop():
    """data-first's lead time ends with '(ONS).', and the sentence added another."""
    catalogue, records = published_bundled()
    doubled = re.compile(r"(?<![./])\.\.(?![./])")
    for fmt in ("dcat", "ddi", "schemaorg", "hdruk", "site"):
        for rel, text in export.render(fmt, catalogue, records).items():
            assert not doubled.search(text), (rel, doubled.search(text))


def test_dcat_uk_defaults_no_licence_and_derives_no_classification():
    """grade, leo and looked-after-children-scotland went out with licence DATA_SHARE_AGREEMENT
    and securityClassification OFFICIAL, neither stated by the record; now each is left out, and
    validate tells the owner which fact is missing."""
    catalogue, records = published_bundled()
    files = export.render("dcat-uk", catalogue, records)
    stated = {rid for rid, rec in records.items() if rec.licence and rec.security_classification}
    assert {rel.split("/")[1].rsplit(".", 1)[0] for rel in files} <= stated
    assert "DATA_SHARE_AGREEMENT" not in "".join(files.values())
    report = validate(cwd=ROOT)
    missing = {(i.record, i.path) for i in report.issues if i.code == "cddo.incomplete"}
    for rid in ("grade", "leo", "looked-after-children-scotland"):
        assert (rid, "/licence") in missing and (rid, "/security_classification") in missing


@pytest.mark.parametrize("rid", ["welsh-environmental-dataset", "data-first"])
def test_exports_in_the_older_wording_still_import_to_the_same_routes(rid, tmp_path):
    """Files harvested before this change say 'Accredited researchers can apply to use the data in
    the <TRE>.' and 'Available to accredited researchers': read back as the new wording is."""
    from adrmeta.importers import import_files

    from .importing import written

    catalogue, records = published_bundled()
    new = export.render("schemaorg", catalogue, records, only=[rid])
    old = {
        k.replace(".jsonld", "-old.jsonld"): v.replace(
            "Access through the ", "Accredited researchers can apply to use the data in the "
        )
        for k, v in new.items()
    }
    ddi_new = export.render("ddi", catalogue, records, only=[rid])
    ddi_old = {
        k.replace(".xml", "-old.xml"): v.replace(">Available<", ">Available to accredited researchers<")
        for k, v in ddi_new.items()
    }
    assert old != new and ddi_old != ddi_new
    for a, b in ((new, old), (ddi_new, ddi_old)):
        drafts = import_files(written({**a, **b}, tmp_path), catalogue).drafts
        first, second = (d.fields for d in drafts)
        assert first["access"] and first["access"] == second["access"] and first["status"] == second["status"] == "available"
