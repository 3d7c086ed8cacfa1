"""DCAT import of real files written by others (SEMIC DCAT-AP 3 examples, CKAN's DCAT RDF/XML):
remote contexts read from bundled copies, type-scoped contexts, dataset series, distributions and
data services. Each test failed before the fix it covers (see tests/fixtures/import/third-party/SOURCE.txt)."""

from __future__ import annotations

import json

import attrs
import pytest

from adrmeta.importers import IMPORTERS, detect, import_files, jsonld
from adrmeta.importers.source import Source

from .conftest import FIXTURES, bundled

THIRD = FIXTURES / "import" / "third-party"
SERIES = THIRD / "semic-example-bee-population-dataset-series-combined.jsonld"
SAME_GRAPH = [
    "semic-example-bee-population-dataset-series",
    "semic-hvd-example-ms_dataset_data_service",
    "semic-hvd-example-ms_dataset_2_distributions",
    "semic-hvd-example-ms_catalogue",
]


def _import(*paths, fmt=None, catalogue=None):
    return import_files(list(paths), catalogue or bundled()[0], fmt=fmt)


def _notes(draft) -> str:
    return "\n".join(i.message for i in draft.issues if i.code in ("import.unmapped", "import.note"))


@pytest.mark.parametrize("fmt", [None, "dcat"])
def test_remote_semic_context_is_read_from_the_bundled_copy(fmt):
    # before: "no importer recognises" without --from, "never fetches a remote @context" with it
    result = _import(SERIES, fmt=fmt)
    assert result.report.at_least("error") == []
    assert {d.fields.get("title") for d in result.drafts} >= {"Bee population", "Bee population 2000 in Greece"}


@pytest.mark.parametrize(
    "url",
    [
        "https://schema.org",
        "https://schema.org/",
        "http://schema.org",
        "http://schema.org/",
        "https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld",
        "http://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld/",
    ],
)
def test_well_known_context_urls_map_to_bundled_files(url):
    assert "@context" in jsonld.context_of(url)


@pytest.mark.parametrize("fmt", [None, "dcat", "schemaorg"])
def test_an_unbundled_remote_context_is_named_in_the_error(fmt, tmp_path):
    unknown = "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/9.9.9/html/examples/context.jsonld"
    data = json.loads(SERIES.read_text(encoding="utf-8"))
    data["@context"] = unknown
    path = tmp_path / "series.jsonld"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = _import(path, fmt=fmt)
    (issue,) = result.report.issues
    assert issue.code == "import.unsafe" and unknown in issue.message
    assert result.drafts == ()


@pytest.mark.parametrize("name", SAME_GRAPH)
def test_turtle_and_jsonld_of_one_graph_give_equal_drafts(name):
    # the JSON-LD uses the SEMIC context's type-scoped terms (inSeries, title of a DatasetSeries…)
    ttl, js = (_import(THIRD / f"{name}.{ext}") for ext in ("ttl", "jsonld"))
    assert ttl.report.at_least("error") == [] and js.report.at_least("error") == []

    def same(draft):  # all but the source entry, which names the file
        return {k: v for k, v in draft.fields.items() if k != "sources"}, sorted(i.message for i in draft.issues)

    assert [same(d) for d in ttl.drafts] == [same(d) for d in js.drafts]


def test_a_dataset_series_is_a_collection_with_its_members():
    drafts = {d.id: d.fields for d in _import(SERIES).drafts}
    series = drafts["bee-population"]
    assert series["type"] == "collection" and series["title"] == "Bee population"
    members = series["has_part"]
    assert len(members) == 4 and all(drafts[m]["part_of"] == ["bee-population"] for m in members)
    assert "life-counts-of-the-bee-population-in-greece" in members


def test_distributions_are_kept_whole_and_never_taken_for_a_tre():
    (draft,) = _import(THIRD / "semic-hvd-example-ms_catalogue.ttl").drafts
    assert "access" not in draft.fields and "status" not in draft.fields  # nothing guessed from a download
    assert not [i for i in draft.issues if "trusted research environment" in i.message]
    notes = _notes(draft)
    assert draft.fields["licence"] == "https://data.exampleMS.gov/resource/FreeAndOpen"  # on the distributions
    for fact in (
        "https://orgea.exampleMS.gov/files/1T2p3o4B.shp",
        "file-type/SHP",
        "EA API platform",
        "https://orgea.exampleMS.gov/api/v2/",
    ):
        assert fact in notes


def test_a_data_service_is_a_route_only_when_the_catalogue_names_its_tre():
    catalogue = bundled()[0]
    tre = catalogue.tres[0]
    named = attrs.evolve(catalogue, tres=(attrs.evolve(tre, url="https://orgea.exampleMS.gov/api/v2/"), *catalogue.tres[1:]))
    drafts = _import(THIRD / "semic-hvd-example-ms_dataset_data_service.ttl", catalogue=named).drafts
    assert [d.fields.get("access") for d in drafts] == [[{"tre": tre.id}], [{"tre": tre.id}]]
    plain = _import(THIRD / "semic-hvd-example-ms_dataset_data_service.ttl").drafts
    assert [d.fields.get("access") for d in plain] == [None, None]
    assert all("EA API platform" in _notes(d) for d in plain)


def test_rdf_xml_is_read():
    path = THIRD / "ckanext-dcat-dataset.rdf"
    assert detect(Source.read(path, str(path))) is IMPORTERS["dcat"]  # before: taken for DDI, "wrong root"
    (draft,) = _import(path).drafts
    f = draft.fields
    assert f["title"] == "Zimbabwe Regional Geochemical Survey."
    assert f["keywords"] == ["exploration", "geochemistry", "geology"]
    assert f["coverage"]["periods"] == [{"start": "1905-03-01", "end": "2013-01-05"}]
    assert "access" not in f and "status" not in f
    assert "http://www.bgs.ac.uk/gbase/geochemcd/home.html" in _notes(draft)
    # untitled sources and pages are noted: a title is never made from an IRI
    assert "components" not in f and "documentation" not in f
    assert "https://data.some.org/catalog/datasets/source-dataset-1" in _notes(draft)
    assert "http://dataset.info.org/doc1" in _notes(draft)


ACCOUNTED = sorted(
    [
        *THIRD.glob("*.jsonld"),
        *THIRD.glob("*.rdf"),
        *(p for p in THIRD.glob("*.ttl") if "combined" not in p.name),
        FIXTURES / "import" / "dcat-external.jsonld",
        FIXTURES / "import" / "dcat-external.ttl",
    ]
)


@pytest.mark.parametrize("path", [p for p in ACCOUNTED if "schemaorg" not in p.name], ids=lambda p: p.name)
def test_every_triple_is_mapped_noted_or_ignored(path):
    from adrmeta.importers import dcat
    from adrmeta.importers.draft import Draft
    from adrmeta.importers.leaves import rdf_leaves
    from adrmeta.importers.rdfread import stable

    from .importing import assert_accounted

    drafts = _import(path).drafts
    assert drafts
    merged = Draft("", "")  # the file's triples are shared out among its datasets' drafts
    for d in drafts:
        merged.accounted |= d.accounted
        merged.noted |= d.noted
        merged.issues += d.issues
        merged.fields.setdefault("notes", []).extend(d.fields.get("notes", ()))
    g = stable(dcat.graph(Source.read(path, str(path))))
    assert_accounted(merged, [(p, str(o)) for p, o in rdf_leaves(g)])


def test_exported_catalogue_is_accounted_for_and_leaves_no_notes(tmp_path):
    from adrmeta import export

    from .conftest import published_bundled

    catalogue, records = published_bundled()
    path = tmp_path / "catalog.ttl"
    path.write_text(export.render("dcat", catalogue, records)["dcat/catalog.ttl"], encoding="utf-8")
    drafts = import_files([path], catalogue).drafts
    notes = {d.id: [n for n in d.fields.get("notes", ()) if "<" in n] for d in drafts}
    assert {k: v for k, v in notes.items() if v} == {}  # adrmeta's own triples all map to fields


def test_a_dataset_document_with_components_leaves_no_notes(tmp_path):
    """The class a component is typed with (`{base_uri}vocab#ComponentDataset`), defined in the
    document, is read with the components, not kept in the notes; they are read back whole."""
    from adrmeta import export

    from .conftest import published_bundled

    catalogue, records = published_bundled()
    rid = "data-first-criminal-justice-system"  # components without a record, and a dataset named as a source
    assert any(not c.record for c in records[rid].components) and any(c.record for c in records[rid].components)
    path = tmp_path / f"{rid}.ttl"
    text = export.render("dcat", catalogue, records, only=[rid])[f"dcat/datasets/{rid}.ttl"]
    assert "vocab#ComponentDataset>\n    a rdfs:Class" in text
    path.write_text(text, encoding="utf-8")
    result = import_files([path], catalogue)
    [draft] = result.drafts
    assert [n for n in draft.fields.get("notes", ()) if "<" in n] == []
    assert [i for i in result.report.issues if i.code == "import.unmapped"] == []
    got = {c["id"]: c["title"] for c in draft.fields["components"] if "record" not in c}
    assert got == {c.id: c.title for c in records[rid].components if not c.record}


@pytest.mark.parametrize("fmt", ["hdruk", "cddo"])
def test_an_unbundled_context_is_named_whatever_format_is_asked_for(fmt, tmp_path):
    data = json.loads(SERIES.read_text(encoding="utf-8"))
    data["@context"] = "https://example.org/contexts/catalogue.jsonld"
    path = tmp_path / "series.jsonld"
    path.write_text(json.dumps(data), encoding="utf-8")
    (issue,) = _import(path, fmt=fmt).report.issues
    assert issue.code == "import.unsafe" and "https://example.org/contexts/catalogue.jsonld" in issue.message


def test_table_schemas_are_ignored_as_a_dictionary_and_other_standards_noted(tmp_path):
    from adrmeta.importers.draft import DICTIONARY

    catalogue = bundled()[0]
    base = catalogue.base_uri
    path = tmp_path / "one.ttl"
    path.write_text(
        f"""@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<{base}dataset/x> a dcat:Dataset ; dct:title "X"@en ; dcat:distribution <{base}dataset/x/d> .
<{base}dataset/x/d> a dcat:Distribution ;
    dct:conformsTo <{base}csvw/x/T.json>, <https://example.org/t2>, <https://example.org/iso> .
<{base}csvw/x/T.json> a dct:Standard ; dct:title "Table schema of T (CSV on the Web)"@en .
<https://example.org/t2> a <http://www.w3.org/ns/csvw#TableSchema> .
""",
        encoding="utf-8",
    )
    (draft,) = _import(path, catalogue=catalogue).drafts
    ignored = [i.message for i in draft.issues if i.code == "import.ignored"]
    for node in (
        f"<{base}dataset/x/d> <http://purl.org/dc/terms/conformsTo>",
        f"<{base}csvw/x/T.json>",
        "<https://example.org/t2>",
    ):
        assert f"{node} was not imported: {DICTIONARY}" in ignored
    notes = draft.fields.get("notes", [])
    assert any("https://example.org/iso" in n for n in notes)  # a standard that is no table is kept
    assert not any("csvw/x/T.json" in n or "example.org/t2" in n for n in notes)
