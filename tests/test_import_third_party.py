"""Imports of real metadata written by others (tests/fixtures/import/third-party, see SOURCE.md):
HDR UK Gateway records of SAIL, Scottish and Genomics England datasets (2.0.0, the legacy v1 data
models, the schemata's 3.0.0 and 4.0.0 examples), UK Data Service and FSD DDI Codebook 2.5 and the
cross-government metadata exchange model's examples. Each test names a defect users saw before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrmeta.importers import import_files
from adrmeta.importers.draft import to_yaml
from adrmeta.importers.leaves import json_leaves, xml_leaves
from adrmeta.importers.source import Source

from .conftest import FIXTURES, bundled, yaml_load
from .importing import assert_accounted

THIRD = FIXTURES / "import" / "third-party"
FILES = sorted(p for p in THIRD.glob("*/*") if p.suffix in (".json", ".xml", ".yaml"))


def _one(rel: str, fmt: str | None = None):
    catalogue, _records = bundled()
    result = import_files([THIRD / rel], catalogue, fmt=fmt)
    assert result.report.at_least("error") == [], [i.message for i in result.report.at_least("error")]
    (draft,) = result.drafts
    return draft


def _said(draft) -> str:
    """Everything the draft says (its fields, notes and findings), whitespace collapsed."""
    to_yaml(draft)  # writable
    text = json.dumps(draft.fields, ensure_ascii=False) + " " + " ".join(i.message for i in draft.issues)
    return " ".join(text.replace("\\n", " ").split())


def _messages(draft, code: str | None = None) -> list[str]:
    return [i.message for i in draft.issues if code is None or i.code == code]


# --- nothing dropped: every leaf of every real file is accounted for ---


def _leaves(path: Path) -> list[tuple[str, object]]:
    src = Source.read(path, str(path))
    if src.kind() == "xml":
        root = src.xml()
        books = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("}codeBook")]
        return [leaf for book in books for leaf in xml_leaves(book)]
    data = src.json() if src.kind() == "json" else src.yaml_documents()[0]
    return [(p, v) for p, v in json_leaves(data) if v not in (None, "")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_value_of_a_real_file_is_mapped_noted_or_ignored(path):
    catalogue, _records = bundled()
    result = import_files([path], catalogue)
    assert result.report.at_least("error") == []
    (draft,) = result.drafts
    assert_accounted(draft, _leaves(path))  # mapped, ignored with a reason, or kept whole in the notes


# --- HDR UK Gateway ---


def test_a_place_list_naming_the_uk_and_england_means_england_not_four_nations():
    d = _one("hdruk/genomics-england-100k-nhsd-linked-data.2.0.0.json")  # spatial "England,UK"
    assert d.fields["coverage"]["nations"] == ["GB-ENG"]
    assert any("England,UK" in m for m in _messages(d, "import.guessed"))


def test_sail_record_keeps_creator_lead_time_age_range_format_and_licence_facts():
    d = _one("hdruk/sail-cervical-screening-wales.2.0.0.json")
    said = _said(d)
    assert d.fields["population"] == "Typical age range: 20-64."
    assert d.fields["contributors"] == [{"organisation": "public-health-wales", "role": "creator"}]  # resourceCreator
    notes = d.fields["notes"]
    # the custodian "SAIL" is the SAIL Databank: the route (a guess) carries the lead time, whole
    assert d.fields["access"] == [
        {
            "tre": "sail-databank",
            "url": "https://saildatabank.com/application-process/",
            "lead_time": "ACCESS REQUEST DURATION DEPENDS ON SCOPING AND THE IGRP PROCESS. GENERAL ESTIMATE ~ 3 MONTHS.",
        }
    ]
    assert "/access" in {p["path"] for p in d.fields["provenance"]}  # an inference
    assert "status" not in d.fields and any("status" in m for m in _messages(d, "import.guessed"))
    assert "/accessibility/formatAndStandards/format/0: SQL database table" in notes  # format
    assert "SQL database table" in said


def test_a_citation_with_a_doi_becomes_a_publication():
    d = _one("hdruk/sail-active-adult-survey.2.0.0.json")
    assert [p["doi"] for p in d.fields["publications"]] == ["10.23889/ijpds.v4i1.581"]
    assert "Trefan et al" in d.fields["publications"][0]["title"]


def test_a_citation_split_at_its_commas_is_read_back_as_a_guess():
    # The Gateway split "Williams et al., (2017), Women's perspectives … https://…" into three items:
    # the first two are the third's authors and year, read into its publication as marked guesses.
    d = _one("hdruk/sail-cervical-screening-wales.2.0.0.json")
    refs = json.loads((THIRD / "hdruk/sail-cervical-screening-wales.2.0.0.json").read_text())["accessibility"]["usage"][
        "isReferencedBy"
    ]
    said = _said(d)
    assert all(r in said for r in refs[:2])  # "Williams et al.", "(2017)": quoted whole
    assert d.fields["publications"] == [
        {
            "title": "Women's perspectives on human papillomavirus self?sampling in the context of the UK cervical "
            "screening programme",
            "doi": "10.1111/hex.12544",
            "url": "https://onlinelibrary.wiley.com/doi/full/10.1111/hex.12544",
            "authors": "Williams et al.",
            "year": 2017,
        }
    ]
    inferred = {p["path"]: p for p in d.fields["provenance"] if p["basis"] == "inference"}
    assert {"/publications/0/authors", "/publications/0/year"} <= set(inferred)
    assert "Williams et al., (2017), Women's perspectives" in inferred["/publications/0/year"]["note"]


def test_a_citation_without_a_doi_is_a_guessed_publication_when_it_reads_so(tmp_path):
    data = json.loads((THIRD / "hdruk/sail-cervical-screening-wales.2.0.0.json").read_text())
    unread = "Publications using these data are listed on the SAIL Databank website, updated every quarter."
    data["accessibility"]["usage"]["isReferencedBy"] = [
        "Williams et al. (2017) Cervical screening uptake in Wales: a linked data study. https://example.org/paper",
        unread,
    ]
    path = tmp_path / "cervical.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    (d,) = import_files([path], bundled()[0]).drafts
    assert d.fields["publications"] == [
        {
            "title": "Cervical screening uptake in Wales: a linked data study",
            "authors": "Williams et al.",
            "year": 2017,
            "url": "https://example.org/paper",
        }
    ]
    (mark,) = [p for p in d.fields["provenance"] if p["path"] == "/publications/0"]
    assert mark["basis"] == "inference" and "Williams et al. (2017) Cervical screening" in mark["note"]
    assert f"/accessibility/usage/isReferencedBy/1: {unread}" in d.fields["notes"]  # no reading: kept whole
    assert not any("isReferencedBy/0" in n for n in d.fields["notes"])


def test_the_gateway_version_is_the_metadata_version_not_an_unmapped_fact():
    d = _one("hdruk/sail-referral-to-treatment-times.2.0.0.json")
    assert d.fields["metadata_version"] == "3.0.0"
    assert not any(m.startswith("/version ") for m in _messages(d))  # the revisions stay notes


def test_from_hdruk_on_an_xml_file_speaks_of_xml():
    catalogue, _records = bundled()
    result = import_files([THIRD / "ddi/ddi_record_1683.xml"], catalogue, fmt="hdruk")
    (issue,) = result.report.at_least("error")
    assert "XML" in issue.message and "JSON has no" not in issue.message


def test_legacy_gateway_v1_data_model_is_imported():
    d = _one("gateway-v1/sail-referral-to-treatment-times.v1.json")
    f = d.fields
    assert f["title"] == "Referral to Treatment Times" and f["summary"].startswith("Monitoring the 26 week")
    assert f["coverage"]["nations"] == ["GB-WLS"] and f["coverage"]["periods"][0]["start"] == "2012-01-01"
    assert "450,000 records per year" in f["population"] and "Any Age" in f["population"]
    assert f["size"] == [{"value": 450000, "unit": "individuals"}]
    assert f["metadata_version"] == "2.0.0" and {"scheme": "other", "value": "RTT"} in f["identifiers"]
    said = _said(d)
    assert "Intellectual property contained within the SAIL databank" in said  # licence, whole
    assert "PATIENT_WAITING" not in said  # a data dictionary, not notes
    assert any(p.endswith("/dataClasses") for p in d.accounted)


def test_a_scottish_v1_record_reads_its_coverage_and_controller():
    d = _one("gateway-v1/scotland-accident-and-emergency.v1.json")
    assert d.fields["coverage"]["nations"] == ["GB-SCT"]
    assert d.fields["coverage"]["periods"] == [{"start": "2014-04-01"}]
    assert "Public Health Scotland" in _said(d)


def test_a_gateway_extract_gives_a_draft_per_dataset(tmp_path):
    catalogue, _records = bundled()
    models = [
        json.loads((THIRD / f"hdruk/{n}.2.0.0.json").read_text())
        for n in ("sail-referral-to-treatment-times", "scotland-prescribing-information-system")
    ]
    extract = tmp_path / "datasets.v2.json"
    extract.write_text(json.dumps({"count": 2, "dataModels": models}))
    result = import_files([extract], catalogue)
    assert [d.fields["title"] for d in result.drafts] == ["Referral to Treatment Times", "Prescribing Information System (PIS)"]


# --- DDI Codebook (UK Data Service, FSD) ---


def test_every_abstract_is_in_the_summary_as_paragraphs():
    d = _one("ddi/ddi_record_ukds_example.xml")
    summary = d.fields["summary"]
    assert "copyright owner.\n\nThe introduction" in summary and "owner.The" not in summary
    assert "aimed to provide up-to-date information" in summary  # the second abstract
    assert "- costs of childcare" in summary  # the third, its list kept


def test_every_universe_is_in_the_population():
    d = _one("ddi/ddi_record_ukds_example.xml")
    assert "Families on the Child Benefit Records with children aged 0-14 years." in d.fields["population"]


def test_restrictions_conditions_and_access_contact_are_kept():
    d = _one("ddi/ddi_record_ukds_example.xml")
    said = _said(d)
    assert "registration is required" in said and "restrictedAccess" in said
    assert {"name": "Get in touch", "url": "http://www.ukdataservice.ac.uk/help/get-in-touch.aspx", "role": "access"} in d.fields[
        "contacts"
    ]


def test_doi_from_idno_agency():
    d = _one("ddi/ddi_record_ukds_example.xml")
    assert {"scheme": "doi", "value": "10.5255/UKDA-SN-6684-1", "url": "https://doi.org/10.5255/UKDA-SN-6684-1"} in d.fields[
        "identifiers"
    ]  # agency "datacite"
    fsd = _one("ddi/oai-fsd_uta_fi-FSD3187.xml")
    assert {"scheme": "doi", "value": "10.60686/t-fsd3187", "url": "https://doi.org/10.60686/t-fsd3187"} in fsd.fields[
        "identifiers"
    ]  # agency "DOI"


def test_an_end_date_is_not_read_as_the_periods_label():
    d = _one("ddi/ddi_record_1683.xml")  # timePrd start 1976 and end 1977, each text its year
    assert d.fields["coverage"]["periods"] == [{"start": "1976-01-01", "end": "1977-01-01"}]


def test_translations_are_ignored_and_english_is_read():
    d = _one("ddi/oai-fsd_uta_fi-FSD3187.xml")  # each element in Finnish, then in English
    assert d.fields["title"] == "Development Cooperation Survey 2017"
    assert any(
        m.endswith("titlStmt/titl was not imported: the same element in another language (xml:lang fi)")
        for m in _messages(d, "import.ignored")
    )


def test_kind_of_data_is_kept_not_dropped():
    said = _said(_one("ddi/ddi_record_ukds_example.xml"))
    assert "Numeric data" in said


# --- cross-government metadata exchange model ---


def test_open_data_is_reported_and_never_read_as_available():
    d = _one("cddo/Dataset-os-postcodes-datset.yaml")  # OGL, accessRights OPEN
    assert "status" not in d.fields
    assert d.fields["licence"] == "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    assert any("open licence" in m and "OPEN" in m for m in _messages(d, "import.guessed"))
    said = _said(d)
    assert "format=GeoPackage" in said  # distributions kept
    minimal = _one("cddo/Dataset-minimal-datset.yaml")  # OGL with accessRights COMMERCIAL
    assert "status" not in minimal.fields


# --- a draft of a real file validates once the facts its source lacks are filled in ---

FILL = {
    "status": "available",
    "data_owners": ["ons"],
    "modified": "2024-01-01",
    "coverage": {"nations": ["GB-ENG"]},
    "summary": "A summary filled in by hand for this test, long enough.",
}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_real_draft_validates_once_its_gaps_are_filled(path, tmp_path):
    import yaml

    from .conftest import ROOT, run_cli

    catalogue, _records = bundled()
    (draft,) = import_files([path], catalogue).drafts
    data = yaml_load(to_yaml(draft))
    for key, value in FILL.items():
        if key == "coverage":
            data.setdefault("coverage", {}).setdefault("nations", value["nations"])
        else:
            data.setdefault(key, value)
    notes = data.get("notes", [])
    assert len(notes) == len(set(notes)) and not any(n.endswith("…") for n in notes)  # no duplicate, none cut
    out = tmp_path / f"{data['id']}.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    check = run_cli("validate", "--catalogue", str(ROOT / "catalogue.yaml"), str(out))
    assert check.returncode == 0, check.stdout


def test_a_value_with_a_record_field_is_never_said_to_have_none(tmp_path):
    """A time lag worded unlike the record's terms, a lead time with no TRE to go on, an unknown
    data controller: each is kept whole in the notes, and the report names its field."""
    data = json.loads((THIRD / "hdruk/sail-referral-to-treatment-times.2.0.0.json").read_text())
    data["provenance"]["temporal"]["timeLag"] = "About three months"
    data["summary"]["publisher"]["name"] = "Example custodian"  # no TRE: the lead time has no route
    path = tmp_path / "rtt.json"
    path.write_text(json.dumps(data))
    catalogue, _records = bundled()
    (d,) = import_files([path], catalogue).drafts
    said = {m.split(" ", 1)[0]: m for m in _messages(d, "import.unmapped")}
    assert said["/provenance/temporal/timeLag"].startswith("/provenance/temporal/timeLag belongs in time_lag")
    assert "belongs in access" in said["/accessibility/access/deliveryLeadTime"]
    assert "belongs in data_owners" in said["/accessibility/access/dataController"]
    assert "/provenance/temporal/timeLag: About three months" in d.fields["notes"]
    assert not any(m.startswith(("/version ", "/provenance/temporal/timeLag has")) for m in _messages(d))


def test_a_mauro_export_with_its_metadata_list_reads_as_the_flattened_extract(tmp_path):
    """Mauro Data Mapper exports a model's profile as `metadata` entries (namespace, key, value);
    the Gateway's extract flattened them. Both read alike, every entry accounted for."""
    flat = json.loads((THIRD / "gateway-v1/sail-referral-to-treatment-times.v1.json").read_text())
    model = {k: flat[k] for k in ("id", "domainType", "label", "description", "lastUpdated", "dataClasses")}
    model["metadata"] = [
        {"namespace": "uk.ac.hdrukgateway", "key": k, "value": v}
        for k, v in flat.items()
        if k not in model and isinstance(v, str)
    ]
    path = tmp_path / "mauro.json"
    path.write_text(json.dumps({"dataModel": model}))
    catalogue, _records = bundled()
    (d,) = import_files([path], catalogue).drafts
    (e,) = import_files([THIRD / "gateway-v1/sail-referral-to-treatment-times.v1.json"], catalogue).drafts
    for field in ("title", "summary", "coverage", "population", "size", "identifiers", "keywords", "access"):
        assert d.fields.get(field) == e.fields.get(field), field
    assert_accounted(d, [(p, v) for p, v in json_leaves(json.loads(path.read_text())) if v not in (None, "")])


@pytest.mark.parametrize(
    "rel, change",
    [
        ("hdruk/sail-referral-to-treatment-times.2.0.0.json", {"observations": 5}),
        ("hdruk/sail-referral-to-treatment-times.2.0.0.json", {"provenance": 3}),
        ("hdruk/sail-referral-to-treatment-times.2.0.0.json", {"accessibility": {"access": "x"}}),
        ("hdruk/sail-referral-to-treatment-times.2.0.0.json", {"enrichmentAndLinkage": {"derivedFrom": [{"title": 1.5}]}}),
    ],
)
def test_values_of_the_wrong_type_in_a_real_record_never_crash(rel, change, tmp_path):
    data = json.loads((THIRD / rel).read_text())
    data.update(change)
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data))
    catalogue, _records = bundled()
    result = import_files([path], catalogue)
    assert [d.fields["title"] for d in result.drafts] == ["Referral to Treatment Times"]


def test_a_cddo_record_with_a_mapping_where_a_term_belongs_never_crashes(tmp_path):
    import yaml

    data = yaml_load((THIRD / "cddo/Dataset-os-postcodes-datset.yaml").read_text())
    data["securityClassification"] = {"level": "OFFICIAL"}
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(data))
    catalogue, _records = bundled()
    (d,) = import_files([path], catalogue).drafts
    assert "security_classification" not in d.fields
    assert "/securityClassification/level: OFFICIAL" in d.fields["notes"]


def test_an_extlink_address_inside_an_abstract_is_kept(tmp_path):
    text = (THIRD / "ddi/ddi_record_ukds_example.xml").read_text(encoding="utf-8")
    text = text.replace(
        "<universe>National</universe>",
        '<universe>National, see <ExtLink URI="https://example.org/frame">the frame</ExtLink></universe>',
    )
    path = tmp_path / "ukds.xml"
    path.write_text(text, encoding="utf-8")
    catalogue, _records = bundled()
    (d,) = import_files([path], catalogue).drafts
    assert "National, see the frame (https://example.org/frame)" in d.fields["population"]


def test_a_gateway_federation_list_says_what_to_import_instead():
    from .conftest import ROOT

    catalogue, _records = bundled()
    (issue,) = import_files([ROOT / "exports/hdruk/datasets.json"], catalogue).report.at_least("error")
    assert issue.code == "import.no-dataset" and "federation list" in issue.message and "self" in issue.fix


def test_plain_text_paragraphs_survive_in_fields_and_notes(tmp_path):
    # The real UKDS record with its universe and a weighting statement written as two plain-text
    # paragraphs, as DDI producers write them (the importer had collapsed them into one line).
    text = (THIRD / "ddi" / "ddi_record_ukds_example.xml").read_text(encoding="utf-8")
    text = text.replace(
        "<universe>Families on the Child Benefit Records with children aged 0-14 years.</universe>",
        "<universe>Families on the Child Benefit Records\n      with children aged 0-14 years.\n\n"
        "      Parents were interviewed.</universe>",
    )
    text = text.replace(
        "<weight>Weighting used. See documentation for details.</weight>",
        "<weight>Weighting used.\n\n   See documentation for details.</weight>",
    )
    assert "Parents were interviewed" in text and "Weighting used.\n\n" in text
    path = tmp_path / "ukds.xml"
    path.write_text(text, encoding="utf-8")
    catalogue, _records = bundled()
    (d,) = import_files([path], catalogue).drafts
    assert d.fields["population"].endswith(
        "Families on the Child Benefit Records with children aged 0-14 years.\n\nParents were interviewed."
    )
    assert any(n.endswith("dataColl/weight: Weighting used.\n\nSee documentation for details.") for n in d.fields["notes"])


@pytest.mark.parametrize(
    "names",
    [
        ["UK", "England"],
        ["United Kingdom", "Wales"],
        ["Great Britain", "Scotland"],
        ["UK", "Scotland", "Northern Ireland"],
        ["England", "Wales"],
        ["UK", "England & Wales"],
    ],
)
def test_one_place_list_rule_for_text_and_for_lists_of_places(names):
    # HDR UK, the Gateway v1 and DDI read one text ("UK, England"); DCAT and schema.org read a list of
    # places: both go through normalise.narrowest, so they cannot disagree.
    from adrmeta import vocab
    from adrmeta.importers.normalise import narrowest, nations
    from adrmeta.importers.places import place_nations

    from_list = narrowest([nations(n)[0] for n in names])[0]
    from_text, why = place_nations(", ".join(names))
    assert from_text == tuple(c for c in vocab.NATIONS if c in from_list)
    assert len(from_text) < 4 and why


def test_html_in_a_note_is_made_readable_keeping_every_citation():
    d = _one("ddi/ddi_record_ukds_example.xml")  # relPubl: nine citations joined by <br> <br>, titles in <i>
    (note,) = [n for n in d.fields["notes"] if "/relPubl[1]: " in n]
    assert "<br>" not in note and "<i>" not in note.casefold()
    assert "ISBN 978 1 84775 628 2.\n\nBarrett, A. (2013) The economic contribution of older Londoners" in note
    assert note.count("\n\n") == 8  # one paragraph per citation
