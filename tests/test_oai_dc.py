"""Simple Dublin Core for OAI-PMH (serve/oai_dc.py): who made, published and contributed."""

from __future__ import annotations

from adrmeta.serve.oai_dc import elements

from .conftest import published_bundled


def test_a_creator_is_not_listed_again_as_contributor():
    catalogue, records = published_bundled()
    for rid, rec in records.items():
        pairs = elements(catalogue, rec)
        creators = {text for name, text in pairs if name == "creator"}
        contributors = {text for name, text in pairs if name == "contributor"}
        assert not creators & contributors, rid
    # NISRA owns the Earnings and Employees Study and is also named its creator and linker
    pairs = elements(catalogue, records["earnings-employees-study-2011-ni"])
    assert ("creator", "Northern Ireland Statistics and Research Agency") in pairs
    assert not [text for name, text in pairs if name == "contributor"]


def test_every_other_contributor_is_kept():
    catalogue, records = published_bundled()
    names = {o.id: o.name for o in catalogue.organisations}
    for rid, rec in records.items():
        expected = {names[c.organisation] for c in rec.contributors if c.organisation not in rec.data_owners}
        got = {text for name, text in elements(catalogue, rec) if name == "contributor"}
        assert got == expected, rid
