"""schema.org import: the round trip through the schema.org export, and Dataset JSON-LD from elsewhere."""

from __future__ import annotations

import pytest

from adrmeta import export
from adrmeta.export.schemaorg import _said
from adrmeta.importers import import_files

from .conftest import FIXTURES, published_bundled
from .importing import NOT_BY_RECORD_IMPORT, differences, facts, written

IMPORT = FIXTURES / "import"

# What schema.org Dataset (as adrmeta exports it) cannot carry, and why.
NOT_CARRIED = {
    "**/source": "sources of individual values",
    "sources": "record-specific sources",
    "variants": "disagreeing values",
    "notes": "curators' notes",
    "flagship": "no property for a programme",
    "population": "not exported",
    "unit_of_analysis": "not exported",
    "size": "not exported",
    "research_questions": "not exported",
    "update_frequency": "not exported",
    "update_note": "not exported",
    "metadata_version": "not exported",
    "time_lag": "not exported",
    "security_classification": "not exported",
    "versions": "only `version`",
    "alternative_titles/*/kind": "alternateName has no kind",
    "contributors": "only funders (funder)",
    "contacts": "not exported",
    "linkage": "not exported",
    "coverage/note": "no place",
    "coverage/area": "areas are Places like nations; kept, but an area naming a nation is read as the nation",
    "coverage/periods/*/label": "temporalCoverage is an ISO interval",
    "coverage/periods/*/wave": "see label",
    "coverage/periods/*/basis": "see label",
    "coverage/periods/*/note": "see label",
    "components/*/id": "isBasedOn names the component, not its key",
    "components/*/provider": "not exported",
    "components/*/coverage": "merged into the dataset's temporalCoverage",
    "components/*/size": "not exported",
    "components/*/update_frequency": "not exported",
    "components/*/description": "Google's 50–5000 character rule: a shorter one is written with the record it is part of,"
    " and a component with its own record is described by that record's summary",
    "documentation/*/note": "only kind and availability are described",
    "documentation/*/includes_research_questions": "no place",
    "documentation/*/component": "no place",
    "access/*/lead_time": "not in conditionsOfAccess",
    "access/*/url": "usageInfo points at the site's access section",
    "publications/*/kind": "CreativeWork only",
    "publications/*/authors": "only name and URL",
    "publications/*/year": "only name and URL",
    "publications/*/venue": "only name and URL",
    "publications/*/doi": "only name and URL",
    "identifiers/*/url": "a DOI's URL is derived",
    "expected_availability": "only for a planned dataset without access routes",
    **NOT_BY_RECORD_IMPORT,
}


def shaped(data: dict) -> dict:
    """Periods as the intervals temporalCoverage carries: the dataset's and its components', once each."""
    out = dict(data)
    periods = [
        *data.get("coverage", {}).get("periods", []),
        *(p for c in data.get("components", []) for p in c.get("coverage", {}).get("periods", [])),
    ]
    spans = list(dict.fromkeys((p.get("start"), p.get("end")) for p in periods if p.get("start") or p.get("end")))
    # names that differ from the title or an earlier name only in case (or "&" for "and") are said once
    said = {_said(data["title"])} | ({_said(data["acronym"])} if data.get("acronym") else set())
    titles = []
    for t in data.get("alternative_titles", []):
        if _said(t["title"]) not in said:
            said.add(_said(t["title"]))
            titles.append(t)
    if titles:
        out["alternative_titles"] = titles
    else:
        out.pop("alternative_titles", None)
    if "coverage" in out:
        out["coverage"] = {**out["coverage"], "periods": [{k: v for k, v in (("start", s), ("end", e)) if v} for s, e in spans]}
        if not out["coverage"]["periods"]:
            del out["coverage"]["periods"]
    return out


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("AD|ARC", "AD ARC", True),
        ("Children & young people", "children and young people", True),
        ("Family Court – Cafcass", "family court - Cafcass", True),
        ("ADR Wales", "ADR Scotland", False),
        ("Landlords", "lands", False),
    ],
)
def test_names_said_alike_are_one_name(one, other, same):
    """What the export says once and the round trip expects once (`_said`)."""
    assert (_said(one) == _said(other)) is same


def test_round_trip_of_every_bundled_record(tmp_path):
    catalogue, records = published_bundled()
    result = import_files(written(export.render("schemaorg", catalogue, records), tmp_path), catalogue)
    assert result.report.at_least("error") == []
    assert sorted(d.id for d in result.drafts) == sorted(records)
    for draft in result.drafts:
        rec = records[draft.id]
        expected = shaped(facts(rec))
        if rec.status == "planned" and rec.access:
            expected["status"] = "available"  # schema.org says only that routes exist
        if rec.status == "available" and not rec.access:
            expected.pop("status")  # ...and without a stated route it says nothing of the status
        diff = differences(expected, shaped(draft.fields), NOT_CARRIED, keep_order=False)
        assert diff == {}, draft.id
