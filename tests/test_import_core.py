"""What every importer shares, on real third-party files (tests/fixtures/import/core/SOURCE.md):
one placeholder list for import and validate, DOIs recognised in every form, organisations and
TREs matched by their aliases with close matches suggested, duplicates of existing records
noticed, and diagnostics that say what the source names."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest
from lxml import etree

from adrmeta import vocab
from adrmeta.importers import import_files, normalise
from adrmeta.importers.draft import Draft, drop_placeholders, to_yaml
from adrmeta.importers.leaves import xml_leaves
from adrmeta.importers.match import Matcher
from adrmeta.importers.normalise import clean_text, doi, identifier, is_placeholder
from adrmeta.model import AltTitle, Identifier
from adrmeta.rules import consistency
from adrmeta.validate import validate

from .conftest import FIXTURES, ROOT, bundled, run_cli

CORE = FIXTURES / "import" / "core"
DDI_1683 = CORE / "ddi_record_1683.xml"
SAIL_RTT = CORE / "sail-referral-to-treatment-times.2.0.0.json"
CAT = ROOT / "catalogue.yaml"


# --- placeholders: one list -------------------------------------------------------------------

PLACEHOLDERS_SEEN = ["in progress", "Not Available", "NOT APPLICABLE", "N/A", "TBC", "", "   ", None]


@pytest.mark.parametrize("value", PLACEHOLDERS_SEEN)
def test_a_placeholder_is_one_for_import_and_validate_alike(value):
    assert is_placeholder(value) and clean_text(value)[0] is None
    assert identifier(value, "DOI") is None


def test_import_and_validate_share_the_one_list():
    assert normalise.is_placeholder is consistency.is_placeholder
    assert not hasattr(consistency, "PLACEHOLDERS") and "in progress" in vocab.PLACEHOLDERS


def test_the_doi_sail_gives_as_in_progress_is_no_identifier():
    doc = json.loads(SAIL_RTT.read_text(encoding="utf-8"))
    assert doc["summary"]["doiName"] == "in progress"
    d = Draft(SAIL_RTT.name, "hdruk 2.0.0")
    assert d.identifier("/identifiers", doc["summary"]["doiName"], "DOI") is None
    assert [i.code for i in d.issues] == ["import.placeholder"]
    assert d.identifier("/identifiers", "", "DataCite") is None


def test_no_importer_leaves_a_placeholder_as_a_value():
    catalogue, _records = bundled()
    (d,) = import_files([SAIL_RTT], catalogue).drafts
    assert all(not is_placeholder(i["value"]) for i in d.fields.get("identifiers", ()))
    assert any(i.code == "import.placeholder" and "in progress" in i.message for i in d.issues)
    scrubbed = Draft(
        "x.json",
        "test",
        fields={
            "title": "Not Available",
            "keywords": ["TBC", "roads"],
            "identifiers": [{"scheme": "doi", "value": "in progress"}, {"scheme": "other", "value": "1683"}],
            "update_frequency": "unknown",
        },
    )
    drop_placeholders(scrubbed)
    assert "title" not in scrubbed.fields and scrubbed.fields["keywords"] == ["roads"]
    assert scrubbed.fields["identifiers"] == [{"scheme": "other", "value": "1683"}]
    assert scrubbed.fields["update_frequency"] == "unknown"  # a term of the record's vocabulary, not a placeholder
    assert sum(i.code == "import.placeholder" for i in scrubbed.issues) == 3


def test_validate_flags_a_placeholder_doi_in_a_record(tmp_path):
    text = (ROOT / "records" / "leo.yaml").read_text(encoding="utf-8")
    assert "\nidentifiers:" not in text
    (tmp_path / "records").mkdir()
    (tmp_path / "catalogue.yaml").write_text(CAT.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "records" / "leo.yaml"
    path.write_text(
        text.replace("\nsource: ", "\nidentifiers:\n  - scheme: doi\n    value: in progress\nsource: ", 1), encoding="utf-8"
    )
    report = validate([path], catalogue=tmp_path / "catalogue.yaml", today=dt.date(2026, 11, 25))
    assert any(i.code == "consistency.placeholder" and i.path == "/identifiers/0/value" for i in report.issues)


# --- identifiers: DOIs in every form ----------------------------------------------------------


def test_every_idno_of_a_uk_data_service_record_gets_its_scheme():
    root = etree.parse(str(DDI_1683)).getroot()
    leaves = dict(xml_leaves(root))
    idnos = [(leaves[f"{p}/@agency"], v) for p, v in leaves.items() if "/IDNo" in p and "/@" not in p]
    assert idnos == [("UKDA", "1683"), ("datacite", "10.5255/UKDA-SN-1683-1")]
    assert [identifier(v, a) for a, v in idnos] == [
        {"scheme": "other", "value": "1683"},
        {"scheme": "doi", "value": "10.5255/UKDA-SN-1683-1", "url": "https://doi.org/10.5255/UKDA-SN-1683-1"},
    ]
    holdings = leaves["/codeBook/stdyDscr/citation/holdings/@URI"]
    assert holdings == "http://dx.doi.org/10.5255/UKDA-SN-1683-1"
    assert identifier(holdings) == identifier("10.5255/UKDA-SN-1683-1", "DataCite")


@pytest.mark.parametrize(
    ("value", "agency", "want"),
    [
        ("10.60686/t-fsd3187", "DOI", "10.60686/t-fsd3187"),  # FSD's IDNo agency="DOI"
        ("https://doi.org/10.5255/ukda-sn-6926-1", None, "10.5255/ukda-sn-6926-1"),  # DataCite's identifier URL
        ("doi:10.5255/UKDA-SN-8962-1", "other", "10.5255/UKDA-SN-8962-1"),
        ("https://dx.doi.org/10.5255%2FUKDA-SN-1683-1", "url", "10.5255/UKDA-SN-1683-1"),
        ("DOI: 10.60686/t-fsd3187", None, "10.60686/t-fsd3187"),
        ("doi.org/10.60686/t-fsd3187", "DataCite", "10.60686/t-fsd3187"),
    ],
)
def test_a_doi_is_scheme_doi_without_its_prefix(value, agency, want):
    assert identifier(value, agency) == {"scheme": "doi", "value": want, "url": f"https://doi.org/{want}"}
    assert doi(value) == want


def test_what_only_looks_like_a_doi_is_none():
    for text in ("10.5255", "see 10.5255/UKDA-SN-1683-1", "https://example.org/10.5255/x", "11.5255/x"):
        assert doi(text) is None, text


def test_other_identifiers_keep_their_scheme_and_a_non_doi_under_a_doi_agency_is_reported():
    assert identifier("urn:nbn:fi:fsd:T-FSD3187", "URN") == {"scheme": "other", "value": "urn:nbn:fi:fsd:T-FSD3187"}
    assert identifier("https://web.www.healthdatagateway.org/dataset/0094", None)["scheme"] == "url"
    assert identifier("CHILD-2021", "SAIL") == {"scheme": "sail", "value": "CHILD-2021"}
    d = Draft("x.xml", "ddi")
    assert d.identifier("/identifiers", "UKDA-SN-1683", "DataCite") == {"scheme": "other", "value": "UKDA-SN-1683"}
    assert [i.code for i in d.issues] == ["import.invalid"]


# --- matching: keys, names, acronyms, aliases, close matches -----------------------------------


@pytest.fixture(scope="module")
def matcher():
    catalogue, _records = bundled()
    return Matcher(catalogue)


def test_every_catalogue_name_matches_its_entry(matcher):
    cat = matcher.catalogue
    for o in cat.organisations:
        for name in (o.id, o.name, o.acronym, *o.aliases):
            if name:
                assert matcher.org(name) == o.id, name
    for t in cat.tres:
        for name in (t.id, t.title, *t.aliases):
            assert matcher.tre(name) == t.id, name


def test_the_names_real_sources_use_match(matcher):
    assert matcher.org("Office of National Statistics") == "ons"  # SAIL's news page, the HDR UK Gateway
    assert matcher.tre("SAIL") == "sail-databank"  # the Gateway's publisher of SAIL records
    assert matcher.tre("SAIL Databank") == "sail-databank"  # the record's data controller
    assert matcher.org("Department of Education") != matcher.org("Department for Education")  # NI is not England
    assert matcher.tre_in_text("Apply to SAIL through its Information Governance Review Panel.") == "sail-databank"
    assert matcher.tre_in_text("Data are available on application.") is None  # 'sail' is no part of a word


def _cddo(tmp_path, **fields):
    doc = {
        "identifier": "https://www.data.gov.uk/dataset/x",
        "type": "dcat:Dataset",
        "title": "A dataset",
        "description": "Outcomes.",
        **fields,
    }
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_near_miss_names_the_closest_catalogue_entry(tmp_path):
    catalogue, _records = bundled()
    result = import_files([_cddo(tmp_path, publisher="Office for Nationl Statistics")], catalogue)
    (ref,) = [i for i in result.report.issues if i.code == "import.reference"]
    assert "'Office for National Statistics' (ons)" in ref.message and "aliases" in ref.fix
    far = import_files([_cddo(tmp_path, publisher="Genomics England")], catalogue)
    (ref,) = [i for i in far.report.issues if i.code == "import.reference"]
    assert "closest" not in ref.message


def test_an_organisation_named_by_its_tre_is_pointed_to_the_tre(tmp_path):
    catalogue, _records = bundled()
    doc = json.loads(SAIL_RTT.read_text(encoding="utf-8"))
    assert doc["summary"]["publisher"]["name"] == "SAIL"
    result = import_files([SAIL_RTT], catalogue)
    refs = [i for i in result.report.issues if i.code == "import.reference" and "'SAIL'" in i.message]
    assert refs and all("'sail-databank', run by 'swansea-university'" in i.message for i in refs)


def test_a_source_naming_an_owner_the_catalogue_lacks_is_not_said_to_give_none(tmp_path):
    catalogue, _records = bundled()
    result = import_files([_cddo(tmp_path, creator=["Genomics England"])], catalogue)
    (missing,) = [i for i in result.report.issues if i.code == "import.missing" and i.path == "/data_owners"]
    assert "Genomics England" in missing.message and "gives no" not in missing.message
    bare = import_files([_cddo(tmp_path)], catalogue)
    (missing,) = [i for i in bare.report.issues if i.code == "import.missing" and i.path == "/data_owners"]
    assert "gives no" in missing.message


# --- duplicates of existing records ------------------------------------------------------------


def test_a_dataset_already_recorded_under_another_title_is_noticed(tmp_path):
    catalogue, records = bundled()
    assert "LEO standard extract" in [a.title for a in records["leo"].alternative_titles]
    result = import_files([_cddo(tmp_path, title="LEO Standard Extract")], catalogue, existing=list(records.values()))
    (dup,) = [i for i in result.report.issues if i.code == "import.duplicate"]
    assert "'leo'" in dup.message and dup.severity == "warning"
    other = import_files(
        [_cddo(tmp_path, title="Annual Survey of Hours and Earnings 2030")], catalogue, existing=list(records.values())
    )
    assert "import.duplicate" not in other.report.codes()


def test_a_dataset_recorded_with_the_same_doi_is_noticed():
    catalogue, records = bundled()
    known = attrs.evolve(
        records["leo"],
        id="machinery",
        alternative_titles=(AltTitle(title="MoG"),),
        identifiers=(Identifier(scheme="doi", value="10.5255/ukda-sn-1683-1"),),
    )
    result = import_files([DDI_1683], catalogue, existing=[known])
    (dup,) = [i for i in result.report.issues if i.code == "import.duplicate"]
    assert "'machinery'" in dup.message and "10.5255" in dup.message


def test_adrmeta_import_knows_the_existing_records(tmp_path):
    path = _cddo(tmp_path, title="GRading and Admissions Data for England")  # an alternative title of grade
    result = run_cli("import", "--catalogue", str(CAT), "--out", str(tmp_path / "drafts"), "--format", "json", str(path))
    issues = json.loads(result.stdout)["issues"]
    assert any(i["code"] == "import.duplicate" and "'grade'" in i["message"] for i in issues), issues


# --- a fresh draft, its gaps filled, validates: no duplicate, nothing cut ------------------------


@pytest.mark.parametrize("path", [DDI_1683, SAIL_RTT], ids=lambda p: p.name)
def test_a_draft_of_real_metadata_validates_once_its_gaps_are_filled(path, tmp_path):
    catalogue, _records = bundled()
    (d,) = import_files([path], catalogue).drafts
    for key, value in (
        ("summary", "Filled in by the test: " + "the dataset's summary. " * 4),
        ("status", "available"),
        ("modified", "2026-11-25"),
        ("data_owners", ["ons"]),
        ("coverage", {"nations": ["GB-WLS"]}),
    ):
        d.fields.setdefault(key, value)
    d.fields["keywords"] = [*d.fields.get("keywords", ()), *d.fields.get("keywords", ())]  # mentioned twice
    d.note("/a/source/path", "a value the source gives twice")
    d.note("/a/source/path", "a value the source gives twice")
    (tmp_path / "records").mkdir()
    (tmp_path / "catalogue.yaml").write_text(CAT.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "records" / f"{d.id}.yaml"
    out.write_text(to_yaml(d), encoding="utf-8")
    report = validate([out], catalogue=tmp_path / "catalogue.yaml", today=dt.date(2026, 11, 25))
    errors = [(i.code, i.path, i.message) for i in report.issues if i.severity == "error"]
    assert errors == []
    assert not [i for i in report.issues if "duplicate" in i.code or i.code == "consistency.placeholder"]
    assert "…" not in out.read_text(encoding="utf-8")
