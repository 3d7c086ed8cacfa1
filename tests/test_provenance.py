"""Provenance per fact: each value's source is found, inferences are marked, never exported, and
every value of every bundled record has a source or an inference marker."""

from __future__ import annotations

import attrs
import pytest

from adrmeta import export, provenance
from adrmeta.model import Provenance, Source, Variant
from adrmeta.records import load_record
from adrmeta.validate import load

from .conftest import FIXTURES, ROOT, TEST_CATALOGUE, bundled

INFERRED = FIXTURES / "flagship" / "inferred-coverage.yaml"


def _record(**changes):
    rec = load_record(FIXTURES / "flagship" / "eligible.yaml").value
    return attrs.evolve(rec, **changes)


def _sources(rec):
    return {f.path: (f.source, f.inferred) for f in provenance.facts(rec)}


def test_the_deepest_source_wins():
    rec = _record(
        update_frequency="annual",
        provenance=(
            Provenance(path="/update_frequency", source="adr-2022-brochure"),
            Provenance(path="/documentation/0", source="adr-2022-brochure"),
            Provenance(path="/documentation/0/url", basis="inference", note="guessed from the site's layout"),
        ),
    )
    got = _sources(rec)
    assert got["/title"] == ("adr-2023-flagship-brochure", False)  # the record's source
    assert got["/update_frequency"] == ("adr-2022-brochure", False)  # its own entry
    assert got["/documentation/0/title"] == ("adr-2022-brochure", False)  # an enclosing entry
    assert got["/documentation/0/url"] == (None, True)  # a deeper inference
    assert got["/documentation/1/title"] == ("adr-2023-flagship-brochure", False)
    assert not any(p.startswith(("/provenance", "/modified", "/id")) for p in got)  # record keeping, not facts


def test_an_objects_own_source_covers_its_values():
    rec = load_record(ROOT / "records" / "leo.yaml").value
    sized = [(i, s) for i, s in enumerate(rec.size) if s.source]
    assert sized
    i, size = sized[0]
    assert _sources(rec)[f"/size/{i}/value"][0] == size.source


def test_stated_leaves_inferences_out_and_is_idempotent():
    rec = _record(
        landing_page="https://example.org/home",
        provenance=(
            Provenance(path="/landing_page", basis="inference", note="looks like it"),
            Provenance(path="/documentation/0", basis="inference", note="probably"),
            Provenance(path="/documentation/2", basis="inference", note="probably"),
            Provenance(path="/coverage/nations", basis="inference", note="probably"),
        ),
    )
    out = provenance.stated(rec)
    assert out.landing_page is None
    assert [d.title for d in out.documentation] == [rec.documentation[1].title, rec.documentation[3].title]
    assert out.coverage.nations == ()
    assert provenance.stated(out) == out
    plain = _record()
    assert provenance.stated(plain) is plain  # nothing inferred: the record itself, no copy


def test_a_required_value_cannot_be_left_out():
    assert provenance.removable("/landing_page") and provenance.removable("/documentation/3")
    assert provenance.removable("/coverage/nations") and provenance.removable("/contacts/0/email")
    assert not provenance.removable("/title") and not provenance.removable("/coverage")
    assert not provenance.removable("/documentation/0/title")


@pytest.mark.parametrize("name", sorted(export.EXPORTERS))
def test_no_export_carries_an_inference(name):
    """The fixture's landing page and nations are inferences: no format publishes them."""
    ws = load([INFERRED], catalogue=TEST_CATALOGUE)
    text = "".join(export.render(name, ws.catalogue, ws.records).values())
    assert "inferred-landing-page" not in text
    plain = load([FIXTURES / "flagship" / "eligible.yaml"], catalogue=TEST_CATALOGUE)
    assert "example.org/guide" in "".join(export.render(name, plain.catalogue, plain.records).values()) or name in (
        "hdruk",
        "hdruk-4",
        "dcat-uk",
        "csvw",
    )  # those leave the fixture out for want of required facts; csvw: no dictionary


def test_every_bundled_value_has_a_source_or_an_inference_marker():
    catalogue, records = bundled()
    known = {s.id: s for s in catalogue.sources}
    for rid, rec in records.items():
        mine = {**known, **{s.id: s for s in rec.sources}}
        for fact in provenance.facts(rec):
            assert fact.inferred or fact.source in mine, f"{rid} {fact.path} has no source"
        for entry in provenance.inferences(rec):
            assert entry.note, f"{rid} {entry.path}: an inference says why"


def test_facts_within_a_pointer_are_the_full_walk_s_facts_below_it():
    """`facts(record, within)` walks only toward and below the pointer, with the sources the full
    walk gives there."""
    _catalogue, records = bundled()
    for record in records.values():
        every = list(provenance.facts(record))
        for pointer in {f.path.rsplit("/", 1)[0] for f in every} | {f.path for f in every[::7]}:
            below = [f for f in every if f.path == pointer or f.path.startswith(pointer + "/")]
            assert list(provenance.facts(record, pointer)) == below


def _source_by_walk(record, pointer):
    """`source_of` as first defined: the first fact at or below the pointer that the walk gives."""
    below = pointer.rstrip("/") + "/"
    for fact in provenance.facts(record, pointer.rstrip("/")):
        if fact.path == pointer or fact.path.startswith(below):
            return None if fact.inferred else fact.source
    return None


def _pointers_near(pointer):
    """The pointer, its ancestors, and forms that name no value (beyond it, odd indices, slashes)."""
    parts = pointer.split("/")
    near = {"/".join(parts[:n]) for n in range(len(parts) + 1)}
    return near | {p + tail for p in near for tail in ("/", "//", "/0", "/00", "/x", "/source")} | {pointer.lstrip("/")}


def test_source_of_follows_the_pointer_as_the_walk_would():
    """`source_of` follows the pointer's path instead of walking the record; it must give what the
    walk (`facts`) gives, for every variant and provenance path of the bundled records and the
    inferred fixture: record sources, objects' own sources, marks, and inferences beneath them."""
    _catalogue, records = bundled()
    inferred = load_record(INFERRED).value
    nested = _record(
        provenance=(
            Provenance(path="/coverage", basis="inference", note="n"),
            Provenance(path="/coverage/periods/0/end", source="adr-2023-flagship-brochure"),
        )
    )
    kinds = set()
    for rec in (*records.values(), inferred, nested):
        marked = {p.path for p in rec.provenance} | {v.path for v in rec.variants}
        pointers = set().union(*map(_pointers_near, marked | {"/coverage/periods/0/end", "/access/0/tre"}))
        pointers |= {"", "/", "/source", "/id", "/variants/0", "/provenance/0/path"}
        for pointer in sorted(pointers):
            expected = _source_by_walk(rec, pointer)
            assert provenance.source_of(rec, pointer) == expected, (rec.id, pointer)
            facts = list(provenance.facts(rec, pointer.rstrip("/")))
            if facts and facts[0].inferred:
                kinds.add("inferred")
            elif expected not in (None, rec.source):
                kinds.add("own source")
    assert kinds == {"inferred", "own source"}  # both cases were met


def _with_sources(**changes):
    """The eligible fixture with sources of its own: one its documentation cites, one only an
    inference's note names, one only the records team's notes name."""
    own = (
        Source(id="guide-page", title="The guide's page", date="2024"),
        Source(id="inferred-from", title="A page the curator read as about this dataset", date="2024"),
        Source(id="notes-only", title="A news item the notes mention", date="2024"),
    )
    rec = _record(sources=own, notes=("The cohort's age comes from notes-only.",))
    docs = (attrs.evolve(rec.documentation[0], source="guide-page"), *rec.documentation[1:])
    return attrs.evolve(rec, documentation=docs, **changes)


def test_a_source_only_inferences_or_notes_cite_is_not_published():
    rec = _with_sources(
        provenance=(Provenance(path="/documentation/1", basis="inference", note="the guide of inferred-from"),),
    )
    out = provenance.stated(rec)
    assert provenance.cited(out) == {"guide-page", "adr-2023-flagship-brochure"}
    assert provenance.stated(out) == out


def test_a_source_a_stated_value_cites_is_published():
    rec = _with_sources(
        provenance=(
            Provenance(path="/documentation/1", source="inferred-from"),  # stated by it after all
            Provenance(path="/documentation/1/url", basis="inference", note="guessed"),
        ),
        variants=(Variant(path="/title", value="Another title", source="notes-only"),),  # a variant is published
    )
    assert provenance.cited(provenance.stated(rec)) >= {"guide-page", "inferred-from", "notes-only"}


def test_a_source_cited_only_beneath_an_inference_is_not_published():
    rec = _with_sources(
        provenance=(
            Provenance(path="/documentation/1", basis="inference", note="probably"),
            Provenance(path="/documentation/1/url", source="inferred-from"),  # goes with its document
        ),
    )
    assert "inferred-from" not in provenance.cited(provenance.stated(rec))


def test_cited_is_the_sources_of_the_full_walk():
    """`cited` walks only the objects that can hold a source: it finds what the walk of every
    value does (and the test records' cases, with inferences and provenance entries)."""
    records = [*provenance.published(bundled()[1]).values()]
    for rec in records:
        walked = {f.source for f in provenance.facts(rec) if f.source and not f.inferred} | {v.source for v in rec.variants}
        assert provenance.cited(rec) == walked, rec.id


def test_entries_follow_their_values_when_an_inferred_item_is_taken_out():
    """An entry about a later document moves up with it; one about the inferred document goes."""
    rec = _with_sources(
        provenance=(
            Provenance(path="/documentation/1", basis="inference", note="probably"),
            Provenance(path="/documentation/1/url", source="inferred-from"),
            Provenance(path="/documentation/2/title", source="notes-only"),
        ),
        variants=(Variant(path="/documentation/3/title", value="Old title", source="guide-page"),),
    )
    out = provenance.stated(rec)
    assert [(p.path, p.source) for p in out.provenance] == [("/documentation/1/title", "notes-only")]
    assert [v.path for v in out.variants] == ["/documentation/2/title"]
    assert _sources(out)["/documentation/1/title"] == ("notes-only", False)
    assert _sources(out)["/documentation/1/url"][0] != "inferred-from"
    assert provenance.stated(out) == out


@pytest.mark.parametrize("name", sorted(export.EXPORTERS))
def test_no_export_names_a_source_only_inferences_rest_on(name):
    """Owner trial R1: census-2011-benefits-income cites the ONS linkage methodology only for
    values marked as inferences; no format names it (the site listed it under Sources)."""
    catalogue, records = bundled()
    rec = records["census-2011-benefits-income"]
    [methodology] = [s for s in rec.sources if s.id == "ons-2011-census-dwp-linkage"]
    assert all(p.basis == "inference" and p.source is None for p in rec.provenance)  # their notes name it
    text = "".join(export.render(name, catalogue, {rec.id: rec}).values())
    assert methodology.url not in text and methodology.title not in text
