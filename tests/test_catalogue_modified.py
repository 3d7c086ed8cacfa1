"""What is published as a catalogue's (or a feed's) last change is the newest of the catalogue
file's own `modified` and its records' (`datestamps.last_changed`): DCAT `dct:modified` of the
catalogue and of each feed's catalogue, the feeds' manifests, the site's footer and the sitemap's
`lastmod` of the index and variables pages. A record's edit moves its date, so it moves these."""

from __future__ import annotations

import json
import re

import attrs
import pytest
import rdflib
from lxml import etree
from rdflib.namespace import DCAT, DCTERMS, RDF

from adrmeta import exportrun, fileio
from adrmeta.conform.xmlsafe import safe_parser
from adrmeta.export import dcat, site
from adrmeta.export.files import whole
from adrmeta.serve.static import Site

from .conftest import bundled

LATER = "2026-12-24"  # after every bundled record's and the catalogue's date


def _later(rid: str):
    """The bundled catalogue and records with `rid` dated LATER."""
    catalogue, records = bundled()
    assert all(r.modified < LATER for r in records.values()) and catalogue.modified < LATER
    return catalogue, {**records, rid: attrs.evolve(records[rid], modified=LATER)}


def _catalogue_modified(ttl: str) -> list[str]:
    g = rdflib.Graph().parse(data=ttl, format="turtle")
    return [str(o) for c in g.subjects(RDF.type, DCAT.Catalog) for o in g.objects(c, DCTERMS.modified)]


def _footer(html: str) -> str:
    found = re.search(r"Metadata last changed ([0-9-]+)\.", html)
    assert found, "the footer gives the date"
    return found.group(1)


def test_the_dcat_catalogue_is_modified_when_its_newest_record_is():
    catalogue, records = _later("leo")
    files = whole(dcat.documents(catalogue, records))
    assert _catalogue_modified(files["dcat/catalog.ttl"]) == [LATER]
    others = sorted(set(records) - {"leo"})  # a catalogue of the other records: their newest date
    alone = whole(dcat.documents(catalogue, records, others))
    newest = max((catalogue.modified, *(records[r].modified for r in others)))
    assert _catalogue_modified(alone["dcat/catalog.ttl"]) == [newest] != [LATER]


def test_a_catalogue_file_newer_than_every_record_gives_its_own_date():
    catalogue, records = bundled()
    newer = attrs.evolve(catalogue, modified="2027-01-01")
    assert _catalogue_modified(whole(dcat.documents(newer, records))["dcat/catalog.ttl"]) == ["2027-01-01"]
    assert _footer(whole(site.documents(newer, records))["site/index.html"]) == "2027-01-01"


def test_a_served_dcat_page_gives_the_whole_catalogues_date():
    catalogue, records = _later("leo")
    nodes = dcat.catalog_nodes(catalogue, records, ["grade"])
    assert nodes[0]["dct:modified"][0].value == LATER


def test_each_feed_is_modified_when_its_newest_member_is(tmp_path):
    catalogue, records = bundled()
    exportrun.write(tmp_path / "before", catalogue, records, None)
    before = {
        t.id: json.loads((tmp_path / "before" / "feeds" / t.id / "manifest.json").read_text())
        for t in catalogue.target_catalogues
    }
    member = before["sail"]["records"][0]
    assert member not in before["nisra"]["records"]
    catalogue, records = _later(member)
    exportrun.write(tmp_path / "exports", catalogue, records, None)
    files = {rel: data.decode() for rel, data in fileio.read_tree(tmp_path / "exports").items()}
    for target in catalogue.target_catalogues:
        manifest = json.loads(files[f"feeds/{target.id}/manifest.json"])
        newest = max((catalogue.modified, *(records[r].modified for r in manifest["records"])))
        assert manifest["modified"] == newest, target.id
        if f"feeds/{target.id}/dcat/catalog.ttl" in files:
            assert _catalogue_modified(files[f"feeds/{target.id}/dcat/catalog.ttl"]) == [newest], target.id
    assert json.loads(files["feeds/sail/manifest.json"])["modified"] == LATER
    assert json.loads(files["feeds/nisra/manifest.json"])["modified"] == before["nisra"]["modified"] != LATER


@pytest.mark.parametrize("page", ["site/index.html", "site/dataset/grade.html", "site/variables.html"])
def test_the_sites_footer_gives_the_newest_date(page):
    catalogue, records = _later("leo")
    files = whole(site.documents(catalogue, records))
    assert _footer(files[page]) == LATER


def test_the_sitemap_dates_the_index_and_variables_pages_by_the_newest_record():
    catalogue, records = _later("leo")
    sitemap = etree.fromstring(whole(site.documents(catalogue, records))["site/sitemap.xml"].encode(), safe_parser())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in sitemap.iterfind("s:url", ns)}
    base = catalogue.base_uri
    assert lastmod[f"{base}index.html"] == lastmod[f"{base}variables.html"] == lastmod[f"{base}dataset/leo.html"] == LATER
    assert lastmod[f"{base}dataset/grade.html"] == records["grade"].modified


def test_a_served_error_page_gives_the_sites_date():
    catalogue, records = _later("leo")
    served = Site(catalogue, records, "http://127.0.0.1:9/")
    assert _footer(served.error("404 Not Found", "Nothing here.").body.decode()) == LATER
