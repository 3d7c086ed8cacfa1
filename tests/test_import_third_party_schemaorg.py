"""schema.org import of a real Dataset written by others (ONS Consumer Price Inflation, see
tests/fixtures/import/third-party/SOURCE.txt), and place lists naming the UK and a nation."""

from __future__ import annotations

import json

import pytest

from adrmeta.importers import import_files
from adrmeta.importers.normalise import narrowest, nations

from .conftest import FIXTURES, bundled

ONS = FIXTURES / "import" / "third-party" / "ons-cpi-schemaorg.jsonld"


def _draft(path):
    (draft,) = import_files([path], bundled()[0]).drafts
    return draft


def _notes(draft) -> list[str]:
    return [i.message for i in draft.issues if i.code in ("import.unmapped", "import.note")]


def test_url_is_the_landing_page():
    # before: `url` was taken for adrmeta's own site page and dropped without a word
    assert (
        _draft(ONS).fields["landing_page"]
        == "https://www.ons.gov.uk/economy/inflationandpriceindices/datasets/consumerpriceinflation"
    )


def test_contact_point_is_a_contact_and_its_other_facts_are_kept():
    draft = _draft(ONS)
    assert draft.fields["contacts"] == [{"name": "Philip Gooding", "email": "cpi@ons.gsi.gov.uk"}]
    notes = "\n".join(_notes(draft))
    assert "+44 (0) 1633 456900" in notes and "customer service" in notes


def test_open_government_licence_is_the_records_licence_and_named():
    draft = _draft(ONS)
    assert draft.fields["licence"] == "http://www.nationalarchives.gov.uk/doc/open-government-licence"
    assert not any("open-government-licence" in n for n in draft.fields["notes"])
    # the report names it and says what it means for the exports (once, though the distribution repeats it)
    (said,) = [i.message for i in draft.issues if i.path == "/licence"]
    assert "Open Government Licence" in said and "OPEN" in said


def test_a_distribution_is_kept_whole_not_cut_off():
    notes = "\n".join(_notes(_draft(ONS)))
    assert "consumerpriceinflationdetailedreferencetables.xls" in notes  # before: cut off with "…" at 300 characters
    assert "application/vnd.ms-excel" in notes


@pytest.mark.parametrize(
    ("places", "want"),
    [
        ("United Kingdom, Wales", ["GB-WLS"]),  # as the SAIL Databank's Gateway record words it
        (["United Kingdom", "Wales"], ["GB-WLS"]),
        ([{"@type": "Place", "name": "United Kingdom"}, {"@type": "Place", "name": "Scotland"}], ["GB-SCT"]),
        ("England and Wales", ["GB-ENG", "GB-WLS"]),
        ("United Kingdom", ["GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"]),
    ],
)
def test_a_place_list_naming_the_uk_and_a_nation_means_the_nation(places, want, tmp_path):
    data = json.loads(ONS.read_text(encoding="utf-8"))
    data["spatialCoverage"] = places
    path = tmp_path / "cpi.jsonld"
    path.write_text(json.dumps(data), encoding="utf-8")
    draft = _draft(path)
    assert draft.fields["coverage"]["nations"] == want
    if len(want) < 4 and places != "England and Wales":
        assert any(i.code == "import.guessed" and i.path == "/coverage/nations" for i in draft.issues)


def test_a_guess_never_widens_a_fact():
    assert nations("UK; Wales") == (("GB-WLS",), True)
    assert narrowest([("GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"), ("GB-NIR",)]) == (("GB-NIR",), True)
    assert narrowest([("GB-ENG",), ("GB-WLS",)]) == (("GB-ENG", "GB-WLS"), False)


@pytest.mark.parametrize("path", [ONS, FIXTURES / "import" / "schemaorg-dataset.jsonld"], ids=lambda p: p.name)
def test_every_json_value_is_mapped_noted_or_ignored(path):
    from adrmeta.importers.leaves import json_leaves

    from .importing import assert_accounted

    drafts = import_files([path], bundled()[0]).drafts
    data = json.loads(path.read_text(encoding="utf-8"))
    merged = _merged(drafts)
    assert_accounted(merged, json_leaves(data))


def _merged(drafts):
    from adrmeta.importers.draft import Draft

    merged = Draft("", "")  # a file's values are shared out among its datasets' drafts
    for d in drafts:
        merged.accounted |= d.accounted
        merged.noted |= d.noted
        merged.issues += d.issues
        merged.fields.setdefault("notes", []).extend(d.fields.get("notes", ()))
    return merged


def test_exported_records_are_accounted_for_and_leave_no_notes(tmp_path):
    from adrmeta import export
    from adrmeta.importers.leaves import json_leaves

    from .conftest import published_bundled
    from .importing import assert_accounted, written

    catalogue, records = published_bundled()
    paths = written(export.render("schemaorg", catalogue, records), tmp_path)
    drafts = import_files(paths, catalogue).drafts
    by_id = {d.id: d for d in drafts}
    assert sorted(by_id) == sorted(p.stem for p in paths)
    for path in paths:
        assert_accounted(by_id[path.stem], json_leaves(json.loads(path.read_text(encoding="utf-8"))))
    assert {d.id: d.fields["notes"] for d in drafts if d.fields.get("notes")} == {}


def test_variable_measured_is_ignored_as_a_dictionary(tmp_path):
    from adrmeta import export
    from adrmeta.importers.draft import DICTIONARY

    from .conftest import published_bundled
    from .importing import written

    catalogue, records = published_bundled()
    with_variables = sorted(rid for rid, rec in records.items() if rec.dictionary)
    assert with_variables  # the bundled records with a dictionary (else this test checks nothing)
    paths = [p for p in written(export.render("schemaorg", catalogue, records), tmp_path) if p.stem in with_variables]
    assert sorted(p.stem for p in paths) == with_variables
    for draft in import_files(paths, catalogue).drafts:
        assert "/variableMeasured was not imported: " + DICTIONARY in [
            i.message for i in draft.issues if i.code == "import.ignored"
        ]
        assert "dictionary" not in draft.fields
