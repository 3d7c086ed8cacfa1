"""DDI import: the round trip through the DDI export, OAI-PMH pages, and DDI written elsewhere."""

from __future__ import annotations

import pytest

from adrmeta import export, vocab
from adrmeta.importers import import_files

from .conftest import FIXTURES, as_imported_routes, published_bundled
from .importing import NOT_BY_RECORD_IMPORT, differences, facts, written

IMPORT = FIXTURES / "import"

# What DDI Codebook 2.5 (as adrmeta exports it) cannot carry, and why.
NOT_CARRIED = {
    "**/source": "sources of individual values",
    "sources": "record-specific sources",
    "variants": "disagreeing values",
    "notes": "curators' notes",
    "flagship": "no element for a programme",
    "size": "no element fits without misuse",
    "research_questions": "no element fits without misuse",
    "metadata_version": "not exported",
    "time_lag": "not exported",
    "security_classification": "not exported",
    "licence": "not exported",
    "alternative_titles/*/kind": "altTitl has no kind",
    "contributors": "only funders (fundAg) and distributors (distrbtr) are carried, with those roles",
    "contacts/*/role": "only the access role shows (a contact repeated in useStmt)",
    "coverage/note": "no place",
    "coverage/periods/*/basis": "timePrd has no basis",
    "coverage/periods/*/note": "no place",
    "components/*/id": "dataSrc has no id",
    "components/*/provider": "dataSrc names no provider",
    "components/*/record": "dataSrc does not link records",
    "components/*/size": "no place",
    "components/*/update_frequency": "no place",
    "components/*/coverage/note": "no place",
    "components/*/coverage/periods/*/basis": "no place",
    "components/*/coverage/periods/*/note": "no place",
    "documentation/*/includes_research_questions": "no place",
    "documentation/*/component": "no place",
    "linkage/linked_by": "the linkage note does not name them",
    "publications/*/kind": "relPubl has no kind",
    "publications/*/authors": "authors and venue share one citation text; without a year they cannot be told apart",
    "publications/*/venue": "see authors",
    "identifiers/*/url": "IDNo has no URL",
    "versions": "only the current version and its release date (verStmt/version/@date)",
    **NOT_BY_RECORD_IMPORT,
}


def _component_text(c: dict) -> dict:
    """A component as DDI carries it: one 'title: description' text; its nations only beside an area."""
    out = {"text": c["title"] + (f": {c['description']}" if c.get("description") else "")}
    cov = dict(c.get("coverage") or {})
    if "area" not in cov:
        cov.pop("nations", None)
    if cov:
        out["coverage"] = cov
    return out


def shaped(data: dict) -> dict:
    out = dict(data)
    if "components" in out:
        out["components"] = [_component_text(c) for c in out["components"]]
    if "unit_of_analysis" in out:  # case and event are one DDI code (EventOrProcess)
        out["unit_of_analysis"] = list(dict.fromkeys("case" if u == "event" else u for u in out["unit_of_analysis"]))
    if "versions" in out:
        out["versions"] = [v for v in out["versions"] if v.get("name") == data.get("version")]
    return out


def _frequency_said(expected: dict) -> str | None:
    """The frequency a record's update note opens with when the record codes none ("Every ten
    years; NISRA intends..."): DDI cannot tell that note from the frequency and a note
    (`phrases.read_frequency`), so it reads back as that frequency."""
    note = expected.get("update_note")
    if expected.get("update_frequency") or not note:
        return None
    return next((k for k, label in vocab.FREQUENCY_LABELS.items() if note.casefold().startswith(label.casefold())), None)


def test_round_trip_of_every_bundled_record(tmp_path):
    catalogue, records = published_bundled()
    result = import_files(written(export.render("ddi", catalogue, records), tmp_path), catalogue)
    assert result.report.at_least("error") == []
    assert sorted(d.id for d in result.drafts) == sorted(records)
    for draft in result.drafts:
        expected = shaped(facts(as_imported_routes(catalogue, records[draft.id])))
        periods = expected.get("coverage", {}).get("periods")
        if periods:  # a period with no dates has no timePrd to carry it
            expected["coverage"]["periods"] = [p for p in periods if "start" in p or "end" in p]
        said = _frequency_said(expected)
        if said:  # frequenc is then the note alone, which gives the frequency it opens with
            expected["update_frequency"] = said
        diff = differences(expected, shaped(draft.fields), NOT_CARRIED, keep_order=False)
        assert diff == {}, draft.id


def test_funders_and_distributors_come_back_with_their_roles(tmp_path):
    """The DDI elements for funders and distributors read back as those contributors; the
    catalogue's publisher, in every distStmt for the CESSDA profile, is no contributor."""
    catalogue, records = published_bundled()
    result = import_files(written(export.render("ddi", catalogue, records), tmp_path), catalogue)
    carried = {"funder", "distributor"}
    for draft in result.drafts:
        rec = records[draft.id]
        expected = {(c.organisation, c.role) for c in rec.contributors if c.role in carried}
        got = {(c["organisation"], c["role"]) for c in draft.fields.get("contributors", [])}
        assert got == expected, draft.id
    assert ("swansea-university", "distributor") in {
        (c["organisation"], c["role"])
        for d in result.drafts
        if d.id == "children-looked-after-wales"
        for c in d.fields["contributors"]
    }


def test_the_document_description_is_ignored_with_its_reason_not_noted_as_unmapped(tmp_path):
    """docDscr describes the metadata file, not the dataset: its production date is read as
    `modified`; the rest is listed once as ignored, never as a dozen unmapped notes."""
    catalogue, records = published_bundled()
    path = tmp_path / "leo.xml"
    path.write_text(export.render("ddi", catalogue, records, only=["leo"])["ddi/leo.xml"], encoding="utf-8")
    result = import_files([path], catalogue)
    [draft] = result.drafts
    assert draft.fields["modified"] == records["leo"].modified
    about = [i for i in result.report.issues if "/docDscr/" in i.message]
    assert about and {i.code for i in about} == {"import.ignored"}
    assert not any("docDscr" in str(n) for n in draft.fields.get("notes", []))


def test_findings_give_the_column_of_the_element_they_are_about():
    """lxml gives an element's line (where its start tag ends) but no column; findings point at
    the start tag itself, as import errors point at line and column."""
    path = IMPORT / "core" / "ddi_record_1683.xml"
    lines = path.read_text(encoding="utf-8").splitlines()
    issues = import_files([path], published_bundled()[0]).report.issues
    assert issues and all(i.location is not None and i.location.line for i in issues)
    for issue in issues:
        assert issue.location is not None and issue.location.line and issue.location.column, issue
        assert lines[issue.location.line - 1][issue.location.column - 1] == "<", issue
    guessed = next(i for i in issues if i.code == "import.guessed" and i.path.startswith("/identifiers"))
    assert (guessed.location.line, guessed.location.column) == (30, 17)  # <IDNo agency="UKDA">


def test_element_starts_follow_lxml_lines_past_comments_and_multi_line_tags():
    from lxml import etree

    from adrmeta.importers.source import element_starts

    data = '<a>\n  <!-- <fake/> -->\n  <b x="1 > 0"\n     y="é">\n   <![CDATA[<no/>]]></b><c/>\n</a>\n'.encode()
    starts = element_starts(data)
    found = {el.tag: starts[el.sourceline] for el in etree.fromstring(data).iter() if isinstance(el.tag, str)}
    assert found == {"a": (1, 1), "b": (3, 3), "c": (5, 25)}  # b's start tag ends on line 4, where lxml puts it


@pytest.mark.parametrize(
    ("said", "frequency", "note"),
    [
        ("Annually. Next update in autumn 2026", "annual", "Next update in autumn 2026"),  # opens like the label
        ("Yearly. Next update in autumn 2026", "annual", "Next update in autumn 2026"),
        ("Annual. Next update in autumn 2026", "annual", "Next update in autumn 2026"),  # the label itself
        ("Annual (ADR UK dataset page).", "annual", "Annual (ADR UK dataset page)."),  # a note said alone
        ("Every three years. Next in 2027", None, "Every three years. Next in 2027"),  # no record term
    ],
)
def test_another_catalogues_frequency_word_then_a_note_gives_the_note_alone(tmp_path, said, frequency, note):
    """A frequenc of a frequency word and a note keeps only the note, whether or not the word
    opens like one of adrmeta's labels ("Annually" opens like "Annual")."""
    path = tmp_path / "study.xml"
    text = (IMPORT / "ddi-study.xml").read_text(encoding="utf-8")
    path.write_text(text.replace("<frequenc>Annual</frequenc>", f"<frequenc>{said}</frequenc>"), encoding="utf-8")
    [draft] = import_files([path], published_bundled()[0]).drafts
    assert (draft.fields.get("update_frequency"), draft.fields.get("update_note")) == (frequency, note)
