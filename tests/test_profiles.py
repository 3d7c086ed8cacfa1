"""HDR UK Gateway JSON and the UK cross-government (dcat-uk) profile: official schemas and shapes
with format checking, "required means filled in", records left out rather than faked, golden
files and what the RDF and JSON forms agree on."""

from __future__ import annotations

import copy
import json

import attrs
import pytest
import rdflib

from adrmeta import export, exportrun, profiles
from adrmeta.conform import cddo as conform_cddo
from adrmeta.conform import hdruk as conform_hdruk
from adrmeta.conform.exports import check_tree
from adrmeta.export import cddo, hdruk
from adrmeta.validate import load

from .conftest import FIXTURES, HDRUK_LIST_ITEM_FIELDS, ROOT, TEST_CATALOGUE, bundled

PROFILES = FIXTURES / "profiles"
INVALID = FIXTURES / "invalid"


def fixture_records(*paths):
    ws = load(list(paths), catalogue=TEST_CATALOGUE)
    assert not [i for i in ws.issues if i.severity == "error"]
    return ws.catalogue, ws.records


@pytest.fixture(scope="module")
def hd():
    return fixture_records(
        PROFILES / "hdruk-complete.yaml", INVALID / "hdruk-incomplete.yaml", INVALID / "hdruk-section-omitted.yaml"
    )


@pytest.fixture(scope="module")
def cd():
    return fixture_records(
        PROFILES / "cddo-complete.yaml", INVALID / "cddo-incomplete.yaml", INVALID / "cddo-organisation-not-listed.yaml"
    )


def _hdruk_issues(doc, version="3.0.0"):
    return conform_hdruk.check(json.dumps(doc).encode(), "x.json", "x", version)


# --- HDR UK ----------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0.0", "4.0.0"])
def test_every_hdruk_document_is_valid_and_filled_in(version, hd):
    folder = hdruk.VERSIONS[version]
    for catalogue, records in (bundled(), hd):
        files = export.render(hdruk.VERSIONS[version], catalogue, records)
        assert len(files) > 1, "some record is complete"
        for rel, text in files.items():
            if rel.endswith("/datasets.json"):
                assert conform_hdruk.check_list(text.encode(), rel, version) == []
            else:
                assert conform_hdruk.check(text.encode(), rel, rel, version) == [], rel
    fixture_files = export.render(hdruk.VERSIONS[version], *hd)
    assert f"{folder}/hdruk-complete.json" in fixture_files and f"{folder}/hdruk-incomplete.json" not in fixture_files


def test_a_complete_record_carries_every_fact_it_has(hd):
    catalogue, records = hd
    doc = hdruk.dataset(catalogue, records, records["hdruk-complete"])
    assert doc["version"] == "1.2.0" and doc["revisions"] == []
    assert doc["summary"]["populationSize"] == 37775  # the figure counting people, not episodes
    assert doc["summary"]["contactPoint"] == doc["summary"]["dataCustodian"]["contactPoint"] == "access@example.org"
    temporal = doc["provenance"]["temporal"]
    assert temporal == {
        "publishingFrequency": "Annual",
        "startDate": "2001-04-01",
        "endDate": "2021-12-31",
        "timeLag": "More than 6 months",
    }
    assert doc["provenance"]["origin"]["datasetType"] == ["Health and disease"]
    assert doc["accessibility"]["access"]["deliveryLeadTime"] == "2-6 months"
    assert doc["accessibility"]["access"]["jurisdiction"] == ["GB-ENG", "GB-WLS"]
    assert doc["coverage"]["spatial"] == "England, Wales"
    observed = [(o["observedNode"], o["measuredValue"], o["observationDate"]) for o in doc["observations"]]
    assert observed == [("Events", 310550, "2022-09-30"), ("Persons", 37775, "2022-09-01")]
    assert "Figure as of 2022-09." in doc["observations"][1]["disambiguatingDescription"]  # precision kept


def test_version_4_nests_subtypes_and_has_aliases(hd):
    catalogue, records = hd
    doc = hdruk.dataset(catalogue, records, records["hdruk-complete"], "4.0.0")
    assert doc["provenance"]["origin"]["datasetType"] == [{"name": "Health and disease", "subTypes": []}]
    assert "alternateIdentifiers" not in doc["summary"]
    assert _hdruk_issues(doc, "4.0.0") == []
    assert {i.code for i in _hdruk_issues(doc, "3.0.0")} == {"hdruk.schema"}  # the versions differ


def test_records_missing_a_required_fact_are_left_out_not_faked(hd, tmp_path):
    catalogue, records = hd
    files = export.render("hdruk", catalogue, records)
    assert "hdruk/hdruk-incomplete.json" not in files
    listed = [item["persistentId"] for item in json.loads(files["hdruk/datasets.json"])["items"]]
    assert listed == ["hdruk-complete", "hdruk-section-omitted"]
    assert "provenance" not in json.loads(files["hdruk/hdruk-section-omitted.json"])  # no time lag: no section
    exportrun.write(tmp_path, catalogue, records, None)
    manifest = json.loads((tmp_path / "feeds" / "gateway" / "manifest.json").read_text())
    assert manifest["excluded"]["hdruk"] == [
        {"record": "hdruk-incomplete", "missing": ["the data custodian (summary.publisher, dataCustodian)"]}
    ]


def test_honest_unknowns_fill_required_fields(hd):
    """No person count: the Gateway's "not reported" -1; no dataset email: the catalogue's contact."""
    catalogue, records = hd
    rec = records["hdruk-complete"]
    bare = attrs.evolve(rec, contacts=(), size=tuple(attrs.evolve(s, unit="episodes") for s in rec.size))
    doc = hdruk.dataset(catalogue, records, bare)
    assert doc["summary"]["populationSize"] == profiles.HDRUK_POPULATION_UNREPORTED == -1
    assert doc["summary"]["contactPoint"] == catalogue.contact.email
    assert doc["observations"] and {o["observedNode"] for o in doc["observations"]} == {"Events"}
    assert _hdruk_issues(doc) == []
    assert hdruk.dataset(catalogue, records, rec)["summary"]["populationSize"] > 0


def test_format_checking_is_on(hd):
    catalogue, records = hd
    doc = hdruk.dataset(catalogue, records, records["hdruk-complete"])
    for path, bad in (
        (("modified",), "21/11/2026"),
        (("observations", 0, "observationDate"), "2022-13-01"),
        (("summary", "contactPoint"), "not an email"),
    ):
        broken = copy.deepcopy(doc)
        target = broken
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = bad
        issues = _hdruk_issues(broken)
        assert [i.code for i in issues] == ["hdruk.schema"], (path, issues)
        assert issues[0].path == "/" + "/".join(map(str, path))


def test_required_means_filled_in(hd):
    """The official schema lets null through these; adrmeta does not."""
    catalogue, records = hd
    doc = hdruk.dataset(catalogue, records, records["hdruk-complete"])
    broken = copy.deepcopy(doc)
    broken["summary"]["contactPoint"] = None
    broken["summary"]["abstract"] = None
    broken["documentation"]["description"] = None
    schema_only = [i for i in _hdruk_issues(broken) if i.code == "hdruk.schema"]
    assert schema_only == []
    empty = [i.path for i in _hdruk_issues(broken) if i.code == "hdruk.required-empty"]
    assert empty == ["/documentation/description", "/summary/abstract", "/summary/contactPoint"]
    broken = copy.deepcopy(doc)
    broken["observations"] = []
    assert [i.path for i in _hdruk_issues(broken)] == ["/observations"]


def test_the_pull_list_has_every_field(hd):
    catalogue, records = hd
    for version, folder in hdruk.VERSIONS.items():
        items = json.loads(export.render(hdruk.VERSIONS[version], catalogue, records)[f"{folder}/datasets.json"])["items"]
        first = items[0]
        assert set(first) == HDRUK_LIST_ITEM_FIELDS
        assert f"/HDRUK/{version}/schema.json" in first["@schema"]
        assert first["self"] == f"{catalogue.base_uri}{folder}/hdruk-complete.json" and first["type"] == "dataset"
    broken = {"items": [{**first, "name": ""}]}
    issues = conform_hdruk.check_list(json.dumps(broken).encode(), "l.json", "4.0.0")
    # the Gateway's list schema wants a name (minLength 1): reported once, not again as empty
    assert [(i.code, i.path) for i in issues] == [("hdruk.schema", "/items/0/name")]


@pytest.mark.parametrize("version", ["3.0.0", "4.0.0"])
def test_hdruk_golden_files(version, hd, file_regression):
    catalogue, records = hd
    folder = hdruk.VERSIONS[version]
    file_regression.check(
        export.render(hdruk.VERSIONS[version], catalogue, records)[f"{folder}/hdruk-complete.json"],
        extension=".json",
        basename=f"hdruk-{version}",
    )


# --- the cross-government model ---------------------------------------------------------------


def test_every_dcat_uk_document_is_valid(cd):
    assert export.render("dcat-uk", *cd)  # the bundled records state no licence, so none may be in it
    for catalogue, records in (bundled(), cd):
        files = export.render("dcat-uk", catalogue, records)
        for rel, text in files.items():
            check = conform_cddo.check_json if rel.endswith(".json") else conform_cddo.check_turtle
            assert check(text.encode(), rel, rel) == [], rel


def test_json_and_rdf_say_the_same(cd):
    catalogue, records = cd
    doc = cddo.dataset(catalogue, records, records["cddo-complete"])
    g = rdflib.Graph().parse(data=export.render("dcat-uk", catalogue, records)["dcat-uk/cddo-complete.ttl"], format="turtle")
    s = rdflib.URIRef(doc["identifier"])
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    assert str(g.value(s, dct.title)) == doc["title"]
    assert str(g.value(s, rdflib.RDFS.comment)) == doc["summary"]
    assert (
        {str(o).rsplit("/", 1)[1] for o in g.objects(s, dct.creator)}
        == set(doc["creator"])
        == {"department-for-education", "office-for-national-statistics"}
    )
    assert str(g.value(s, dct.accrualPeriodicity)) == "http://purl.org/cld/freq/annual"
    assert doc["accessRights"] == "COMMERCIAL" and doc["licence"] == records["cddo-complete"].licence
    assert doc["securityClassification"] == "OFFICIAL"  # as the record states it
    assert len(doc["summary"]) <= 250 and doc["summary"].endswith(".")
    assert doc["contactPoint"] == {"contactName": "Department for Education", "email": "data.access@example.org"}


def test_unlisted_organisations_are_reported_not_faked(cd):
    catalogue, records = cd
    doc = cddo.dataset(catalogue, records, records["cddo-organisation-not-listed"])
    assert doc["creator"] == ["department-for-education"]  # a-university has no GOV.UK slug
    assert profiles.unlisted_owners(catalogue, records["cddo-organisation-not-listed"]) == ["a-university"]
    files = export.render("dcat-uk", catalogue, records)
    assert "dcat-uk/cddo-incomplete.json" not in files and "dcat-uk/cddo-incomplete.ttl" not in files


def test_a_stated_classification_is_exported_and_none_is_derived_from_the_owners(cd):
    import attrs

    catalogue, records = cd
    rec = records["cddo-complete"]
    assert (
        cddo.dataset(catalogue, records, attrs.evolve(rec, security_classification="secret"))["securityClassification"]
        == "SECRET"
    )
    # government owners (dfe, ons) state no classification: before, OFFICIAL was derived from them
    unstated = attrs.evolve(rec, security_classification=None)
    assert [g.path for g in profiles.cddo_gaps(catalogue, unstated)] == ["/security_classification"]
    university = attrs.evolve(unstated, data_owners=("a-university",))
    needs = [g.path for g in profiles.cddo_gaps(catalogue, university)]
    assert needs == ["/data_owners", "/security_classification"]


@pytest.mark.slow
def test_shapes_and_schema_catch_wrong_values(cd):
    catalogue, records = cd
    doc = cddo.dataset(catalogue, records, records["cddo-complete"])
    bad = {**doc, "accessRights": "PUBLIC", "creator": ["not-a-government-body"]}
    assert {i.path for i in conform_cddo.check_json(json.dumps(bad).encode(), "d.json", "d")} == {"/accessRights", "/creator/0"}
    ttl = export.render("dcat-uk", catalogue, records)["dcat-uk/cddo-complete.ttl"]
    ttl = ttl.replace('"COMMERCIAL"', '"PUBLIC"').replace("organisations/department-for-education>", "organisations/nobody>")
    issues = conform_cddo.check_turtle(ttl.encode(), "d.ttl", "d")
    assert {i.code for i in issues} == {"cddo.shacl"}
    assert {i.path.rsplit("/", 1)[1] for i in issues} >= {"accessRights", "creator", "publisher"}


@pytest.mark.parametrize("ext", ["json", "ttl"])
def test_dcat_uk_golden_files(ext, cd, file_regression):
    catalogue, records = cd
    file_regression.check(
        export.render("dcat-uk", catalogue, records)[f"dcat-uk/cddo-complete.{ext}"], extension=f".{ext}", basename="dcat-uk"
    )


def test_conform_runs_both_profiles_over_an_exports_tree(tmp_path, cd, hd):
    catalogue, records = cd
    _hcat, hrecs = hd
    files = {**export.render("dcat-uk", catalogue, records), **export.render("hdruk", catalogue, hrecs)}
    files["dcat-uk/cddo-complete.json"] = files["dcat-uk/cddo-complete.json"].replace('"freq:annual"', '"freq:yearly"')
    files["hdruk/hdruk-complete.json"] = files["hdruk/hdruk-complete.json"].replace(
        '"populationSize": 37775', '"populationSize": null'
    )
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    report = check_tree(tmp_path)
    assert sorted((i.code, i.path) for i in report.issues) == [
        ("cddo.schema", "/updateFrequency"),
        ("hdruk.required-empty", "/summary/populationSize"),
        ("hdruk.schema", "/summary/populationSize"),
    ]
    assert len(report.checked) == len(files)


def test_validate_explains_every_exclusion_of_every_bundled_record():
    """For each record and each format that leaves it out, validate names what is missing."""
    from adrmeta.export import COMPLETE_ONLY
    from adrmeta.validate import validate

    catalogue, records = bundled()
    report = validate(cwd=ROOT)
    reported = {(i.record, i.code.split(".")[0], i.path) for i in report.issues if i.code.endswith(".incomplete")}
    prefix = {"hdruk": "hdruk", "hdruk-4": "hdruk", "dcat-uk": "cddo"}
    excluded = 0
    for fmt, gaps in COMPLETE_ONLY.items():
        for rid, rec in records.items():
            for gap in gaps(catalogue, rec):
                excluded += 1
                assert (rid, prefix[fmt], gap.path) in reported, f"{rid} left out of {fmt} for {gap.need}, not reported"
    assert excluded, "the bundled records leave something out, or this test proves nothing"


@pytest.mark.parametrize(
    "bad",
    [
        'https://example.org/guide"onmouseover="x',
        "https://example.org/a guide",
        "https://example.org/<guide>",
        "https://example.org/%zz",
        "https://exämple.org/",
    ],
)
def test_a_url_that_is_not_a_uri_fails_validation_and_is_never_exported_raw(bad, tmp_path):
    import attrs

    text = (PROFILES / "hdruk-complete.yaml").read_text()
    url = next(line.split("url:", 1)[1].strip() for line in text.splitlines() if "url:" in line)
    path = tmp_path / "hdruk-complete.yaml"
    path.write_text(text.replace(url, json.dumps(bad), 1))
    ws = load([path], catalogue=TEST_CATALOGUE)
    assert [(i.code, i.location.line) for _p, item in ws.loaded for i in item.issues] == [
        ("schema.format", next(n for n, line in enumerate(text.splitlines(), 1) if "url:" in line))
    ]
    # a record built past the loader: the exporter still writes no raw invalid URL
    catalogue, records = bundled()
    broken = {
        rid: attrs.evolve(rec, documentation=tuple(attrs.evolve(d, url=bad) if d.url else d for d in rec.documentation))
        for rid, rec in records.items()
    }
    for version, fmt in (("3.0.0", "hdruk"), ("4.0.0", "hdruk-4")):
        files = export.render(fmt, catalogue, broken)
        assert "associatedMedia" in "".join(export.render(fmt, catalogue, records).values())
        for rel, out in files.items():
            assert json.dumps(bad)[1:-1] not in out
            if not rel.endswith("/datasets.json"):
                assert conform_hdruk.check(out.encode(), rel, rel, version) == [], rel


@pytest.mark.parametrize(
    ("text", "limit", "clipped"),
    [
        ("One. Two three.", 8, "One."),
        ("Wait! Then more words here.", 10, "Wait!"),
        ("Why? Because of words.", 8, "Why?"),
        ("Data, i.e. records. More text follows.", 25, "Data, i.e. records."),
        ("Many, e.g. schools. More text follows.", 25, "Many, e.g. schools."),
        ("Odd i.e! stop. More text follows.", 20, "Odd i.e! stop."),  # "i.e" ends no sentence whatever follows
        ("Tie.e. Next part of the text.", 12, "Tie.e."),  # "i.e" inside a word is no abbreviation
        ("No stop in these many words at all", 12, "No stop in…"),
    ],
)
def test_clip_ends_at_a_sentence_not_at_an_abbreviation(text, limit, clipped):
    assert profiles.clip(text, limit) == clipped
