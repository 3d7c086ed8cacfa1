"""Each format and version read from fixtures written for this project: detection, mapped facts,
and what the report says about messy values."""

from __future__ import annotations

import pytest

from adrmeta.importers import IMPORTERS, detect, import_files
from adrmeta.importers.source import Source

from .conftest import FIXTURES, TEST_CATALOGUE, bundled

IMPORT = FIXTURES / "import"


def _import(name: str, **kw):
    catalogue, _records = bundled()
    return import_files([IMPORT / name], catalogue, **kw)


def _codes(result, record=None):
    return {i.code for i in result.report.issues if record is None or i.record == record}


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("dcat-external.jsonld", "dcat"),
        ("dcat-external.ttl", "dcat"),
        ("ddi-study.xml", "ddi"),
        ("oai-listrecords.xml", "ddi"),
        ("hdruk-2.1.2.json", "hdruk"),
        ("hdruk-3.0.0.json", "hdruk"),
        ("hdruk-4.0.0.json", "hdruk"),
        ("cddo-dataset.yaml", "cddo"),
        ("cddo-dataset.json", "cddo"),
        ("schemaorg-dataset.jsonld", "schemaorg"),
    ],
)
def test_format_is_detected(name, fmt):
    path = IMPORT / name
    assert detect(Source.read(path, str(path))) is IMPORTERS[fmt]


def test_dcat_jsonld_from_elsewhere():
    result = _import("dcat-external.jsonld")
    assert result.report.at_least("error") == []
    d = {x.fields["title"]: x for x in result.drafts}["School travel survey linked to pupil records"]
    f = d.fields
    assert f["summary"].startswith("Pupils' journeys to school, linked to the pupil census.")
    assert "- Mode of travel" in f["summary"]
    assert f["keywords"] == ["pupils", "schools", "travel"]  # one comma-joined literal, split
    assert f["publisher"] == "ons" and f["data_owners"] == ["dfe"]  # matched by name
    assert f["themes"] == ["health"]  # EU HEAL read through vocab.THEMES
    assert f["coverage"]["nations"] == ["GB-ENG", "GB-WLS"]  # "England & Wales"
    assert f["coverage"]["periods"] == [{"start": "2015-09-01", "end": "2021-07-31"}]
    assert f["modified"] == "2024-03-05" and f["update_frequency"] == "annual"
    assert "version" not in f  # "Not Available" is a placeholder
    assert f["identifiers"] == [
        {
            "scheme": "url",
            "value": "https://data.example.org/dataset/school-travel",
            "url": "https://data.example.org/dataset/school-travel",
        }
    ]
    codes = _codes(result, d.id)
    assert {
        "import.html",
        "import.placeholder",
        "import.date",
        "import.guessed",
        "import.reference",
        "import.unmapped",
        "import.missing",
    } <= codes
    dates = [i for i in d.issues if i.code == "import.date"]
    assert any("01/09/2015" in i.message for i in dates)  # the original is in the report
    refs = [i.message for i in d.issues if i.code == "import.reference"]
    assert any("Regional Transport Board" in m for m in refs)
    placeholder = {x.fields["title"]: x for x in result.drafts}["Placeholder study"]
    assert "summary" not in placeholder.fields and placeholder.fields["status"] == "available"


def test_dcat_turtle_from_elsewhere():
    result = _import("dcat-external.ttl")
    (d,) = result.drafts
    assert d.fields["title"] == "Welsh housing conditions linked to health records"
    assert d.fields["publisher"] == "welsh-government"
    assert d.fields["coverage"] == {"nations": ["GB-WLS"]}
    assert d.fields["access"] == [{"tre": "sail-databank", "url": "https://saildatabank.com/apply"}]
    assert d.fields["modified"] == "2023-11-02"
    assert any("Amodau tai Cymru" in i.message for i in d.issues if i.code == "import.unmapped")  # Welsh title kept


def test_ddi_study_from_elsewhere():
    result = _import("ddi-study.xml")
    (d,) = result.drafts
    f = d.fields
    assert f["id"] == "heub" and f["acronym"] == "HEUB"
    assert f["identifiers"] == [
        {"scheme": "doi", "value": "10.5255/UKDA-SN-0000-1", "url": "https://doi.org/10.5255/UKDA-SN-0000-1"}
    ]
    assert f["coverage"]["nations"] == ["GB-ENG", "GB-WLS", "GB-SCT"]
    assert [(p.get("start"), p.get("end")) for p in f["coverage"]["periods"]] == [("2018-04", "2021-03")]
    assert f["themes"] == ["environment"] and f["unit_of_analysis"] == ["household"]
    assert f["publisher"] == "ons" and f["data_owners"] == ["dwp"]
    assert f["access"] == [{"tre": "ons-srs"}] and f["status"] == "available"
    assert f["modified"] == "2022-06-30" and f["update_frequency"] == "annual"
    located = [i for i in d.issues if i.code == "import.reference"]
    assert located and located[0].location.line == 13  # the AuthEnty's line in the file


def test_oai_pmh_page_gives_a_draft_per_record_and_says_more_follow():
    result = _import("oai-listrecords.xml")
    assert [d.fields["title"] for d in result.drafts] == [
        "First harvested study of court outcomes",
        "Second harvested study of Northern Irish businesses",
    ]
    assert result.drafts[0].fields["coverage"]["nations"] == ["GB-ENG", "GB-WLS"]
    assert result.drafts[1].fields["coverage"]["nations"] == ["GB-NIR"]
    assert "import.incomplete-list" in _codes(result)


@pytest.mark.parametrize("name", ["hdruk-2.1.2.json", "hdruk-3.0.0.json", "hdruk-4.0.0.json"])
def test_hdruk_versions(name):
    result = _import(name)
    assert result.report.at_least("error") == []
    (d,) = result.drafts
    assert d.fmt.endswith({"hdruk-2.1.2.json": "2.x", "hdruk-3.0.0.json": "3.0.0", "hdruk-4.0.0.json": "4.0.0"}[name])
    f = d.fields
    if name == "hdruk-2.1.2.json":
        assert f["keywords"] == ["housing", "hospital admissions", "Wales"]
        assert f["summary"] == "Hospital admissions in Wales linked to housing records.\n\nFor research on cold homes."
        assert f["coverage"] == {"nations": ["GB-WLS"], "periods": [{"start": "2010-01-01"}]}
        assert f["update_frequency"] == "annual" and f["time_lag"] == "2-6-months"
        assert f["access"][0]["tre"] == "sail-databank" and f["data_owners"] == ["welsh-government"]
        assert f["modified"] == "2021-06-15"
        assert {"import.html", "import.placeholder", "import.date"} <= _codes(result)
    elif name == "hdruk-3.0.0.json":
        assert f["publisher"] == "scottish-government" and f["coverage"]["nations"] == ["GB-SCT"]
        assert "size" in f and all(s["value"] > 0 for s in f["size"])  # populationSize -1 means unknown
        assert f["update_note"] == "Biannual" and "update_frequency" not in f
        assert {"scheme": "doi", "value": "10.1234/example.3000", "url": "https://doi.org/10.1234/example.3000"} in f[
            "identifiers"
        ]
        assert f["access"][0]["tre"] == "scottish-national-safe-haven"
    else:
        assert f["alternative_titles"] == [{"title": "EEO example"}]
        assert f["coverage"]["periods"] == [{"start": "2002-09-01", "end": "2021-08-31"}]
        assert f["size"] == [{"value": 1000000, "unit": "individuals", "as_of": "2024-04-01"}]
        assert f["publications"] == [{"title": "DOI 10.1234/example.4000", "doi": "10.1234/example.4000"}]


def test_cddo_yaml_and_json():
    result = _import("cddo-dataset.yaml")
    (d,) = result.drafts
    f = d.fields
    assert f["publisher"] == "moj" and f["data_owners"] == ["moj"]  # GOV.UK slugs
    assert f["update_frequency"] == "quarterly" and f["security_classification"] == "official"
    assert any("hm-courts-and-tribunals-service" in i.message for i in d.issues if i.code == "import.reference")
    assert any("0000 000 0000" in i.message for i in d.issues if i.code == "import.unmapped")
    (j,) = _import("cddo-dataset.json").drafts
    assert j.fields["publisher"] == "dfe" and j.fields["modified"] == "2024-01-31"
    assert j.fields["update_note"] == "weekly" and "update_frequency" not in j.fields


def test_schemaorg_from_elsewhere():
    result = _import("schemaorg-dataset.jsonld")
    (d,) = result.drafts
    f = d.fields
    assert f["acronym"] == "NEET-X" and f["id"] == "neet-x"
    assert f["keywords"] == ["young people", "employment", "education"]
    assert f["coverage"] == {"nations": ["GB-ENG", "GB-WLS"], "periods": [{"start": "2015-09-01"}]}
    assert f["publisher"] == "ons" and f["data_owners"] == ["dwp"] and f["modified"] == "2025-07-01"
    assert f["licence"] == "https://example.org/licence"  # not an open one: nothing said about it
    assert not [i for i in d.issues if i.path == "/licence" or "license" in i.message]


def test_a_name_not_in_the_catalogue_is_never_invented(tmp_path):
    result = import_files([IMPORT / "cddo-dataset.yaml"], bundled()[0])
    assert "hm-courts-and-tribunals-service" not in result.drafts[0].fields.get("data_owners", [])


def test_the_test_catalogue_matches_too():
    from adrmeta.records import load_catalogue

    cat = load_catalogue(TEST_CATALOGUE).value
    (d,) = import_files([IMPORT / "ddi-study.xml"], cat).drafts
    assert d.fields["publisher"] == "ons"
