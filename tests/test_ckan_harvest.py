"""A real harvester: ckanext-dcat's RDF parser (CKAN's DCAT harvester) reads the DCAT catalogue
and every page of the paged endpoint, and each record arrives as a CKAN portal would show it.

The parser runs in its own virtual environment (`.venv-ckan`, made by `.ci/run`: CKAN pins many
packages and imports some it does not declare), through `tests/ckan/parse_dcat.py`, which prints
the CKAN dataset dicts as JSON. `ADRMETA_CKAN_PYTHON` names another interpreter.
"""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import rdflib

from adrmeta import export, vocab
from adrmeta.conform import ckan as ckan_conform
from adrmeta.export.dcat import _all_periods, _spans
from adrmeta.serve.app import App

from .conftest import ROOT, bundled, published_bundled

CKAN_PYTHON = Path(os.environ.get("ADRMETA_CKAN_PYTHON", ROOT / ".venv-ckan" / "bin" / "python"))
SCRIPT = ROOT / "tests" / "ckan" / "parse_dcat.py"
BASE = "https://harvest.example.org/"
PAGE = 5

if os.environ.get("ADRMETA_REQUIRE_CKAN") and not CKAN_PYTHON.exists():  # CI (.ci/run) always makes it
    raise RuntimeError(f"ADRMETA_REQUIRE_CKAN is set but {CKAN_PYTHON} does not exist")
pytestmark = pytest.mark.skipif(
    not CKAN_PYTHON.exists(),
    reason=(
        f"no CKAN environment at {CKAN_PYTHON}: `.ci/run` makes it (python3 -m venv .venv-ckan && "
        ".venv-ckan/bin/pip install 'ckan[requirements]>=2.11' 'ckanext-dcat>=2' 'ckanext-scheming>=3')"
    ),
)


def parse(paths: list[Path], *, scheming: bool = False, clean_tags: bool = False) -> dict[str, Any]:
    options = [*(["--scheming"] if scheming else []), *(["--clean-tags"] if clean_tags else [])]
    result = subprocess.run(
        [str(CKAN_PYTHON), str(SCRIPT), *options, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def _get(app: App, path: str, query: str) -> bytes:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": "0",
    }
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h: status.append(s)))
    assert status == ["200 OK"], (path, query, status)
    return body


@functools.cache
def harvest_files(tmp: Path) -> tuple[list[Path], list[Path]]:
    """The catalogue in both serialisations, exported afresh, and every page of the paged
    endpoint (the `adrmeta serve` app in-process) in both."""
    catalogue, records = published_bundled()
    files = export.render("dcat", catalogue, records)
    whole = []
    for name in ("dcat/catalog.ttl", "dcat/catalog.jsonld"):
        path = tmp / name.split("/")[1]
        path.write_text(files[name], encoding="utf-8")
        whole.append(path)
    app = App(catalogue, records, BASE, page_size=PAGE)
    pages = []
    last = -(-len(records) // PAGE)
    for suffix in (".ttl", ".jsonld"):
        for n in range(1, last + 1):
            path = tmp / f"page-{n}{suffix}"
            path.write_bytes(_get(app, f"/catalog{suffix}", f"page={n}"))
            pages.append(path)
    return whole, pages


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> tuple[list[Path], list[Path]]:
    return harvest_files(tmp_path_factory.mktemp("ckan"))


@pytest.fixture(scope="module")
def plain(files) -> dict[str, Any]:
    whole, pages = files
    return parse([*whole, *pages])


@pytest.fixture(scope="module")
def scheming(files) -> dict[str, Any]:
    whole, pages = files
    return parse(whole, scheming=True)


def by_uri(datasets: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for d in datasets:
        out.setdefault(extra(d, "uri") or d.get("uri", ""), []).append(d)
    return out


def extra(d: dict[str, Any], key: str) -> str | None:
    return next((e["value"] for e in d.get("extras", []) if e["key"] == key), None)


def iri(rid: str) -> str:
    return f"{published_bundled()[0].base_uri}dataset/{rid}"


def expected_uris() -> set[str]:
    """One CKAN dataset per record: a component without a record of its own is typed with
    adrmeta's subclass of dcat:Dataset, which ckanext-dcat does not list."""
    return {iri(r) for r in published_bundled()[1]}


def component_iris(rec) -> list[tuple[str, str]]:
    """(IRI, title) of each of a record's components, as its `dct:source` names them."""
    return [(iri(c.record) if c.record else f"{iri(rec.id)}/component/{c.id}", c.title) for c in rec.components]


def place(rec) -> tuple[str, str] | None:
    places = vocab.places(rec.coverage.nations)
    return places[-1] if places else None  # ckanext-dcat keeps the last place it reads


def first_period(rec):
    """The period a one-period harvester keeps: the one spanning all, else the record's first."""
    spanning = [p for p in rec.coverage.periods if _spans(p, _all_periods(rec))]
    periods = spanning or list(rec.coverage.periods) or _all_periods(rec)
    return periods[0] if periods else None


def documents(rec) -> list[tuple[str, str]]:
    """(IRI, title) of each document; two documents at one URL are one web page, listed once."""
    out = {(doc.url or f"{iri(rec.id)}.html#document-{i}"): doc.title for i, doc in reversed(list(enumerate(rec.documentation)))}
    return list(reversed(out.items()))


# --- the whole catalogue, plain CKAN -----------------------------------------------------------


def test_versions_are_the_ones_asked_for(plain, scheming):
    major = lambda v: tuple(int(x) for x in v.split(".")[:2])  # noqa: E731
    assert major(plain["versions"]["ckan"]) >= (2, 11)
    assert major(plain["versions"]["ckanext-dcat"]) >= (2, 0)
    assert "ckanext-scheming" in scheming["versions"]


def contacts_of(rec) -> list[tuple[str, str | None, str]]:
    """(name, email, IRI) of each contact point: the record's, or the catalogue's, labelled as such."""
    catalogue = published_bundled()[0]
    if not rec.contacts:
        shared = catalogue.contact
        return [(f"{shared.name} (catalogue contact)", shared.email, f"{catalogue.base_uri}catalogue/contact")]
    return [
        (c.name or f"{rec.acronym or rec.title} {c.role}", c.email, f"{iri(rec.id)}/contact/{i}")
        for i, c in enumerate(rec.contacts)
    ]


def test_one_ckan_dataset_per_record_each_with_its_contacts_and_components(plain, files):
    """No CKAN dataset for a component: it is named, with its title in the graph, as a source of
    its record's dataset, which gives whom to ask and how to get it."""
    records = published_bundled()[1]
    for path in files[0]:
        found = by_uri(plain["files"][str(path)]["datasets"])
        titles = plain["files"][str(path)]["titles"]
        assert set(found) == expected_uris(), path.name
        assert len(plain["files"][str(path)]["datasets"]) == len(records)
        for rec in records.values():
            name, email, _iri = contacts_of(rec)[0]
            [d] = found[iri(rec.id)]
            assert extra(d, "contact_email") == email, rec.id
            assert extra(d, "contact_name") == name
            assert extra(d, "access_rights") == vocab.EU_ACCESS_RIGHT + vocab.ACCESS_RIGHTS[rec.status][0]
            parts = component_iris(rec)
            assert sorted(json.loads(extra(d, "source") or "[]")) == sorted(u for u, _t in parts), rec.id
            assert all(titles[u] == title for u, title in parts if "/component/" in u), rec.id


def test_what_a_plain_portal_shows_for_each_record(plain, files):
    catalogue, records = published_bundled()
    for path in files[0]:
        found = by_uri(plain["files"][str(path)]["datasets"])
        titles = plain["files"][str(path)]["titles"]
        for rid, rec in records.items():
            [d] = found[iri(rid)]
            assert d["title"] == rec.title and d["notes"] == rec.summary
            assert extra(d, "publisher_uri") == (f"{catalogue.base_uri}organisation/{rec.publisher}" if rec.publisher else None)
            assert extra(d, "creator_uri") == (
                f"{catalogue.base_uri}organisation/{rec.data_owners[0]}" if rec.data_owners else None
            )
            where = place(rec)
            assert extra(d, "spatial_uri") == (vocab.STATISTICAL_GEOGRAPHY + where[0] if where else None), rid
            assert extra(d, "spatial_text") == (where[1] if where else None)
            p = first_period(rec)
            assert (extra(d, "temporal_start"), extra(d, "temporal_end")) == ((p.start, p.end) if p else (None, None)), rid
            docs = documents(rec)
            assert json.loads(extra(d, "documentation") or "[]") == [u for u, _t in docs]
            for url, title in docs:
                if sum(u == url for u, _t in docs) == 1 and not any(
                    url == o.url for r in records.values() if r is not rec for o in r.documentation
                ):
                    assert titles[url] == title


def test_england_and_wales_stays_england_and_wales(plain, files):
    found = by_uri(plain["files"][str(files[0][0])]["datasets"])
    [d] = found[iri("data-first-civil-court")]
    assert extra(d, "spatial_text") == "England and Wales"
    assert extra(d, "spatial_uri").endswith("/K04000001")


def test_no_blank_nodes_and_identical_across_two_parses(plain, files):
    whole, pages = files
    for path in [*whole, *pages]:
        assert plain["files"][str(path)]["blank_nodes"] == [], path.name
    assert parse([*whole, *pages]) == plain


# --- every contact, owner and period: CKAN with ckanext-scheming --------------------------------


def test_what_a_scheming_portal_shows_for_each_record(scheming, files):
    catalogue, records = published_bundled()
    for path in files[0]:
        found = by_uri(scheming["files"][str(path)]["datasets"])
        assert set(found) == expected_uris()
        for rid, rec in records.items():
            [d] = found[iri(rid)]
            assert [(c["name"], c["email"] or None, c["uri"]) for c in d.get("contact", [])] == contacts_of(rec), rid
            assert [a["uri"] for a in d.get("creator", [])] == [f"{catalogue.base_uri}organisation/{o}" for o in rec.data_owners]
            assert [a["uri"] for a in d.get("publisher", [])] == (
                [f"{catalogue.base_uri}organisation/{rec.publisher}"] if rec.publisher else []
            )
            wanted = [(p.start, p.end) for p in _all_periods(rec) if p.start or p.end]
            got = [(t.get("start"), t.get("end")) for t in d.get("temporal_coverage", [])]
            assert sorted(got, key=str) == sorted(wanted, key=str), rid
            if got:
                p = first_period(rec)
                assert got[0] == (p.start, p.end)
            where = place(rec)
            assert d.get("spatial_coverage", []) == (
                [{"uri": vocab.STATISTICAL_GEOGRAPHY + where[0], "text": where[1]}] if where else []
            ), rid


# --- the paged endpoint -------------------------------------------------------------------------


def comparable(d: dict[str, Any]) -> dict[str, Any]:
    """A dataset without what differs by page by design: the list of datasets each TRE serves."""
    out = dict(d)
    out["resources"] = [{k: v for k, v in r.items() if k != "access_services"} for r in d.get("resources", [])]
    return out


PAGE_SIZES = (1, PAGE, 100)


def page_files(tmp: Path, page_size: int) -> list[Path]:
    """Every page of `/catalog` at one page size, in both serialisations, numbered 1 to last."""
    catalogue, records = published_bundled()
    app = App(catalogue, records, BASE, page_size=page_size)
    out = []
    for suffix in (".ttl", ".jsonld"):
        for n in range(1, -(-len(records) // page_size) + 1):
            path = tmp / f"size-{page_size}-page-{n}{suffix}"
            path.write_bytes(_get(app, f"/catalog{suffix}", f"page={n}"))
            out.append(path)
    return out


@pytest.fixture(scope="module")
def paged(tmp_path_factory) -> dict[int, tuple[list[Path], dict[str, Any]]]:
    """Per page size: its pages and what ckanext-dcat's parser makes of them (one run for all)."""
    tmp = tmp_path_factory.mktemp("paged")
    files = {size: page_files(tmp, size) for size in PAGE_SIZES}
    parsed = parse([p for paths in files.values() for p in paths])
    return {size: (paths, parsed) for size, paths in files.items()}


@pytest.mark.slow
@pytest.mark.parametrize("page_size", PAGE_SIZES)
def test_a_paged_harvest_gives_each_record_once_and_in_full(plain, files, paged, page_size):
    """A harvest that follows `hydra:next` (ckanext-dcat's DCATRDFHarvester) gets every record
    exactly once, each as the whole catalogue gives it: a dataset a page names but another page
    lists is no CKAN dataset on that page (it was: the `data-first` collection's page gave its six
    parts again, and the harvester kept whichever copy it read last)."""
    whole, _pages = files
    full = {u: comparable(v[0]) for u, v in by_uri(plain["files"][str(whole[0])]["datasets"]).items()}
    paths, parsed = paged[page_size]
    for suffix in (".ttl", ".jsonld"):
        chain = [p for p in paths if p.suffix == suffix]
        harvested: list[str] = []
        for n, path in enumerate(chain, 1):
            got = parsed["files"][str(path)]
            assert got["next_page"] == (f"{BASE}catalog{suffix}?page={n + 1}" if n < len(chain) else None), path.name
            for uri, found in by_uri(got["datasets"]).items():
                harvested += [uri] * len(found)
                assert comparable(found[0]) == full[uri], (path.name, uri)  # a harvester that does not merge loses nothing
        assert sorted(harvested) == sorted(expected_uris()), suffix  # each record once: no repeats, none missing


def test_ckanext_dcat_reads_the_table_schemas_a_distribution_conforms_to(tmp_path):
    from .test_dictionary_export import RID, fixture

    catalogue, records = fixture()
    path = tmp_path / f"{RID}.ttl"
    path.write_text(export.render("dcat", catalogue, records)[f"dcat/datasets/{RID}.ttl"], encoding="utf-8")
    parsed = parse([path])
    dataset = next(d for d in parsed["files"][str(path)]["datasets"] if d.get("title", "").startswith("Linked children"))
    (resource,) = dataset["resources"]
    conforms = resource["conforms_to"]  # ckanext-dcat keeps a list as JSON text
    assert sorted(json.loads(conforms) if isinstance(conforms, str) else conforms) == sorted(
        f"{catalogue.base_uri}csvw/{RID}/{t}.json" for t in ("episodes", "pupils", "lookup")
    )


# --- the per-catalogue feeds --------------------------------------------------------------------


def test_a_feed_gives_ckan_exactly_its_records(tmp_path):
    """A SAIL portal harvesting the SAIL feed lists the datasets SAIL holds, each with whom to ask
    and how to get it: not their components (SAIL's gave 18 CKAN datasets for 6 records, such as
    "Absences", with no publisher, access route or parent), nor the Data First datasets that a
    SAIL dataset names as its parts."""
    from adrmeta import exportrun, fileio

    catalogue, _records = published_bundled()
    out = tmp_path / "exports"
    exportrun.write(out, *bundled(), None)
    files = fileio.read_tree(out)
    paths, manifests = [], {}
    for target in catalogue.target_catalogues:
        rel = f"feeds/{target.id}/dcat/catalog.ttl"
        if rel in files:
            path = tmp_path / f"{target.id}.ttl"
            path.write_bytes(files[rel])
            paths.append(path)
            manifests[str(path)] = json.loads(files[f"feeds/{target.id}/manifest.json"])
    parsed = parse(paths)
    for path, manifest in manifests.items():
        found = by_uri(parsed["files"][path]["datasets"])
        members = {iri(rid) for rid in manifest["records"]}
        assert set(found) == members, path
        assert len(parsed["files"][path]["datasets"]) == manifest["record_count"], path
        for uri in members:
            [d] = found[uri]
            assert extra(d, "access_rights") and extra(d, "contact_email"), uri
    sail = by_uri(parsed["files"][str(tmp_path / "sail.ttl")]["datasets"])
    assert iri("data-first") in sail and iri("data-first-civil-court") not in sail


# --- keywords as CKAN tags ----------------------------------------------------------------------


def expected_tags(rec) -> list[str]:
    """The tags ckanext-dcat makes of a record's keywords (split at commas)."""
    return [t for k in rec.keywords for t in ckan_conform.tags(k)]


@pytest.mark.slow
def test_with_clean_tags_every_keyword_passes_ckans_tag_validation(files):
    """docs/harvesters.md tells CKAN operators to set ckanext.dcat.clean_tags = true: with it,
    every keyword of every dataset becomes a tag CKAN's own validation accepts, none lost."""
    catalog = files[0][0]  # catalog.ttl
    parsed = parse([catalog], clean_tags=True)["files"][str(catalog)]
    found = by_uri(parsed["datasets"])
    for rec in published_bundled()[1].values():
        [d] = found[iri(rec.id)]
        assert len({t["name"] for t in d["tags"]}) == len(set(expected_tags(rec))), rec.id
    assert parsed["tag_errors"] == {}


@pytest.mark.slow
def test_the_tags_a_default_ckan_rejects_are_the_ones_conform_reports(plain, files):
    """Without clean_tags, CKAN rejects exactly the keywords `adrmeta conform` warns about
    (dcat.ckan-tag), so its rule is CKAN's."""
    catalog = files[0][0]
    rejected = set(plain["files"][str(catalog)]["tag_errors"])
    graph = rdflib.Graph().parse(catalog)
    reported = ckan_conform.tag_issues(graph, catalog.name, None)
    flagged = {(rid, t) for rid, rec in published_bundled()[1].items() for t in expected_tags(rec) if ckan_conform.rejected(t)}
    assert rejected == {t for _rid, t in flagged}
    assert len(reported) == len(flagged)
    assert all(i.code == "dcat.ckan-tag" for i in reported)
