"""The bundled catalogue: a record for every dataset in the seed brochures, the facts that matter,
the disagreements between sources kept, and the flagship verdict of each record with its reason."""

from __future__ import annotations

import pytest

from adrmeta.eligibility import check
from adrmeta.records import load_record
from adrmeta.validate import load, validate

from .conftest import ROOT, TODAY

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/record.schema.json"
DATA_FIRST_PARTS = [
    "data-first-magistrates-court", "data-first-crown-court", "data-first-prisoner-custodial-journey",
    "data-first-probation", "data-first-family-court", "data-first-civil-court", "data-first-cross-justice",
    "data-first-criminal-justice-system", "data-first-family-court-cafcass", "data-first-moj-dfe",
]
PLANNED = ["ad-arc", "census-2011-benefits-income", "public-health-research-data",
           "ni-business-data-for-research", "ni-education-outcomes-linkage"]
EVERY_SEED_DATASET = sorted([
    "echild", "leo", "growing-up-in-england", "grade", "ashe-census-2011", "data-first", *DATA_FIRST_PARTS,
    "children-looked-after-wales", "looked-after-children-scotland", "welsh-environmental-dataset", *PLANNED,
])


@pytest.fixture(scope="module")
def records():
    return load().records


def test_every_seed_dataset_has_a_record(records):
    assert sorted(records) == EVERY_SEED_DATASET


def test_bundled_records_are_clean():
    report = validate(today=TODAY)
    assert report.at_least("warning") == []
    assert len(report.checked) == len(EVERY_SEED_DATASET)


@pytest.mark.parametrize("path", sorted((ROOT / "records").glob("*.yaml")), ids=lambda p: p.stem)
def test_file_conventions(path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_COMMENT
    record = load_record(path).value
    assert record.id == path.stem
    assert record.modified == "2026-11-21"


def test_data_first_is_a_collection_of_its_parts(records):
    df = records["data-first"]
    assert df.type == "collection"
    assert sorted(df.has_part) == sorted(DATA_FIRST_PARTS)
    for part in DATA_FIRST_PARTS:
        assert records[part].part_of == ("data-first",)


def test_planned_datasets_have_no_access_route(records):
    for rid, rec in records.items():
        assert (rec.status == "planned") == (rid in PLANNED), rid
        if rec.status == "planned":
            assert rec.access == ()


def _variant_values(record, path):
    return {v.value for v in record.variants if v.path == path}


def test_leo_keeps_both_brochure_end_dates(records):
    leo = records["leo"]
    assert leo.coverage.periods[0].end == "2021-08"            # 2023 brochure: current
    assert _variant_values(leo, "/coverage/periods/0/end") == {"2019-08"}   # 2022 brochure
    assert {s.as_of: s.value for s in leo.size} == {"2023-07": 38_000_000, "2022-04": 39_000_000}


def test_cafcass_end_date_keeps_the_correction(records):
    rec = records["data-first-family-court-cafcass"]
    [cafcass_path] = [f"/coverage/periods/{i}/end" for i, p in enumerate(rec.coverage.periods) if p.start == "2007-04"]
    values = _variant_values(rec, cafcass_path)
    assert {"2021-12-01", "2022-01-31"} <= values   # the 2022 news item: corrected and original wording
    current = rec.coverage.periods[int(cafcass_path.split("/")[3])].end
    assert current == "2023-01"                      # 2023 brochure


def test_growing_up_in_england_has_both_waves_and_its_origin(records):
    guie = records["growing-up-in-england"]
    waves = {p.wave: (p.start, p.end) for p in guie.coverage.periods if p.wave}
    assert waves["Wave 1"] == ("2001-09", "2015-08") and waves["Wave 2"] == ("2010-09", "2015-08")
    assert any("AEDE" in v.name for v in guie.versions)
    assert {"GUiE"} <= {t.title for t in guie.alternative_titles}


def test_ashe_has_the_enriched_code_component(records):
    ashe = records["ashe-census-2011"]
    assert len(ashe.components) == 2
    assert any("Stata" in (c.description or "") or "code" in c.title.lower() for c in ashe.components)


def test_welsh_environmental_dataset_has_five_components_and_a_city_layer(records):
    wed = records["welsh-environmental-dataset"]
    assert [c.title for c in wed.components] == ["Household Greenspace Views", "Greenspace", "Walkability",
                                                 "Pollution", "Alcohol"]
    pollution = wed.components[3]
    assert pollution.coverage.area == "Cardiff" and pollution.coverage.nations == ("GB-WLS",)


def test_cross_justice_doi(records):
    [doi] = [i for i in records["data-first-cross-justice"].identifiers if i.scheme == "doi"]
    assert doi.value == "10.57906/0y39-4s34"


def test_source_conflicts_are_reported_not_hidden():
    report = validate(today=TODAY)
    conflicts = {(i.record, i.path) for i in report.issues if i.code == "consistency.source-conflict"}
    assert ("leo", "/coverage/periods/0/end") in conflicts
    assert ("echild", "/status") in conflicts
    assert len(conflicts) >= 30


# Expected flagship verdicts: record -> (overall, rules not met or partly met, why).
EXPECTED = {
    "leo": ("not-eligible", {"public-user-guide": "not-met"},
            "the LEO user guide is only available inside the ONS SRS"),
    "growing-up-in-england": ("not-eligible", {"partnership-access": "partly-met", "public-user-guide": "not-met",
                                               "contact-route": "not-met"},
                              "the user guide 'will be made available' (forthcoming); no legal gateway or contact stated"),
    "welsh-environmental-dataset": ("not-eligible", {
        "partnership-access": "partly-met", "findable-in-catalogue": "partly-met", "public-user-guide": "not-met",
        "public-data-dictionary": "not-met", "contact-route": "not-met"},
        "user guide and data dictionary are only accessible within the SAIL gateway"),
    "echild": ("eligible-with-gaps", {"partnership-access": "partly-met", "findable-in-catalogue": "partly-met",
                                      "public-user-guide": "partly-met"},
               "public user guide, but no stated legal gateway, catalogue entry or research questions in the guide"),
    "grade": ("eligible-with-gaps", {"partnership-access": "partly-met", "public-user-guide": "partly-met"},
              "user guide published with the second release; legal gateway not stated"),
    "ashe-census-2011": ("not-eligible", {
        "research-themes": "not-met", "partnership-access": "partly-met", "findable-in-catalogue": "partly-met",
        "public-user-guide": "partly-met", "public-data-dictionary": "not-met", "contact-route": "not-met"},
        "variable information 'will be available' from the ONS SRS catalogue; no ADR theme for earnings yet"),
    "data-first": ("not-eligible", {"research-questions": "not-met", "public-user-guide": "partly-met"},
                   "the collection gives no research questions of its own (its linked datasets do)"),
    "data-first-cross-justice": ("eligible-with-gaps", {"public-user-guide": "partly-met"},
                                 "public user guide not confirmed to list research questions"),
    "data-first-criminal-justice-system": ("eligible-with-gaps", {"public-user-guide": "partly-met"},
                                           "public user guide not confirmed to list research questions"),
    "data-first-family-court-cafcass": ("eligible-with-gaps", {
        "partnership-access": "partly-met", "findable-in-catalogue": "partly-met", "public-user-guide": "partly-met"},
        "SAIL route without a stated legal gateway"),
    "data-first-moj-dfe": ("not-eligible", {
        "partnership-access": "partly-met", "findable-in-catalogue": "partly-met", "public-user-guide": "partly-met",
        "public-data-dictionary": "not-met"},
        "data catalogues only on request by email"),
    "children-looked-after-wales": ("not-eligible", {
        "research-questions": "not-met", "partnership-access": "partly-met", "public-user-guide": "not-met",
        "public-data-dictionary": "not-met"},
        "no user guide or data dictionary listed; no example research questions"),
    "looked-after-children-scotland": ("not-eligible", {
        "research-questions": "not-met", "partnership-access": "partly-met", "public-user-guide": "partly-met"},
        "no example research questions; Statistics PBPP route without a legal gateway"),
    **{part: ("not-eligible", {"research-questions": "not-met", "public-user-guide": "partly-met"},
              "research questions are given for the linked datasets, not this part")
       for part in ["data-first-magistrates-court", "data-first-crown-court", "data-first-prisoner-custodial-journey",
                    "data-first-probation", "data-first-family-court", "data-first-civil-court"]},
}


@pytest.fixture(scope="module")
def assessments():
    return {a.record: a for a in check(today=TODAY).assessments}


@pytest.mark.parametrize("rid", sorted(EXPECTED))
def test_expected_flagship_verdict(assessments, rid):
    overall, failing, _why = EXPECTED[rid]
    a = assessments[rid]
    got = {f.rule: f.verdict for c in a.criteria for f in c.findings if f.verdict in ("not-met", "partly-met")}
    assert (a.overall, got) == (overall, failing)


@pytest.mark.parametrize("rid", PLANNED)
def test_planned_datasets_are_not_eligible_for_want_of_access(assessments, rid):
    a = assessments[rid]
    assert a.overall == "not-eligible"
    access = next(f for f in a.criterion("available").findings if f.rule == "partnership-access")
    assert access.verdict == "not-met" and "planned" in access.to_do[0]


def test_declared_flagship_records_that_fall_short_are_flagged(assessments):
    for a in assessments.values():
        assert bool(a.flag) == (a.declared_flagship is not None and a.overall != "eligible"), a.record
    assert "leo" in {a.record for a in assessments.values() if a.flag}
