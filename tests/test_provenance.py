"""Provenance per fact: each value's source is found, inferences are marked, never exported, and
every value of every bundled record has a source or an inference marker."""

from __future__ import annotations

import attrs
import pytest

from adrmeta import export, provenance
from adrmeta.model import Provenance
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
