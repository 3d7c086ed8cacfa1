"""HDR UK deliveryLeadTime from a stated lead time (a range wholly inside one bucket, never a
guess) and the contact points: the custodian's enquiry contact for `dataCustodian`, the
access-request contact for `summary.contactPoint`."""

from __future__ import annotations

import json

import attrs
import pytest

from adrmeta import export
from adrmeta.conform import hdruk as conform_hdruk
from adrmeta.export import hdruk
from adrmeta.model import Contact
from adrmeta.profiles import hdruk_lead_time
from adrmeta.rules.profiles import hdruk_complete

from .conftest import published_bundled


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("2-6 months", "2-6 months"),  # the Gateway's own word
        ("1 week", "1-2 weeks"),  # "Less than 1 week" does not hold 1 week
        ("6 months", "2-6 months"),  # nor "More than 6 months" 6 months
        ("less than 1 week", "Less than 1 week"),
        ("more than 6 months", "More than 6 months"),
        ("Variable", "Variable"),
        ("2–4 months", "2-6 months"),  # en dash
        ("2—4 months", "2-6 months"),  # em dash
        ("2 to 5 months", "2-6 months"),
        ("2-5 months", "2-6 months"),
        ("1-2 weeks", "1-2 weeks"),
        ("less than 1 week", "Less than 1 week"),
        ("more than 6 months", "More than 6 months"),
        ("10 weeks", "2-6 months"),
        ("5 weeks to 2 months", "1-2 months"),
        ("3-5 weeks", None),  # spans 2-4 weeks and 1-2 months: not guessed
        ("2 weeks", None),  # the edge of two buckets
        ("1-3 months", None),
        ("more than 5 months", None),
        ("Around 10 weeks on average", None),
        ("UCL feedback within 2 weeks; RAS processing takes 10 weeks on average", None),
    ],
)
def test_a_lead_time_maps_only_to_the_one_bucket_its_range_lies_in(text, word):
    assert hdruk_lead_time(text) == word


def _access(catalogue, records, rid, version="3.0.0"):
    return hdruk.dataset(catalogue, records, records[rid], version)["accessibility"]["access"]


@pytest.mark.parametrize("version", ["3.0.0", "4.0.0"])
def test_leo_en_dash_lead_time_reaches_the_export(version):
    catalogue, records = published_bundled()
    assert records["leo"].access[0].lead_time == "2–4 months"
    assert _access(catalogue, records, "leo", version)["deliveryLeadTime"] == "2-6 months"


def _with_lead_time(text, rid="children-looked-after-wales"):
    catalogue, records = published_bundled()
    rec = records[rid]
    routes = (attrs.evolve(rec.access[0], lead_time=text), *rec.access[1:])
    return catalogue, {**records, rid: attrs.evolve(rec, access=routes)}


class _Ctx:
    def __init__(self, catalogue):
        self.catalogue = catalogue


def _not_mapped(catalogue, rec):
    return [i for i in hdruk_complete(rec, _Ctx(catalogue)) if i.code == "hdruk.value-not-mapped"]


def test_an_edited_range_inside_a_bucket_maps_and_is_not_reported():
    catalogue, records = _with_lead_time("2-5 months")
    assert _access(catalogue, records, "children-looked-after-wales")["deliveryLeadTime"] == "2-6 months"
    assert _not_mapped(catalogue, records["children-looked-after-wales"]) == []


def test_a_lead_time_fitting_no_bucket_is_left_out_and_reported():
    catalogue, records = _with_lead_time("3-5 weeks")
    assert "deliveryLeadTime" not in _access(catalogue, records, "children-looked-after-wales")
    (found,) = _not_mapped(catalogue, records["children-looked-after-wales"])
    assert (found.severity, found.path, found.record) == ("info", "/access/0/lead_time", "children-looked-after-wales")
    assert found.fix


def test_a_second_route_with_another_bucket_is_reported_not_exported():
    catalogue, records = published_bundled()
    rec = records["leo"]
    second = attrs.evolve(rec.access[0], lead_time="more than 6 months")
    rec = attrs.evolve(rec, access=(rec.access[0], second))
    records = {**records, "leo": rec}
    assert _access(catalogue, records, "leo")["deliveryLeadTime"] == "2-6 months"
    assert [i.path for i in _not_mapped(catalogue, rec)] == ["/access/1/lead_time"]


# --- contact points -----------------------------------------------------------------------------


def _summary(catalogue, records, rid):
    return hdruk.dataset(catalogue, records, records[rid])["summary"]


def test_leo_custodian_contact_is_the_dfe_programme_team_and_access_goes_to_the_srs():
    catalogue, records = published_bundled()
    summary = _summary(catalogue, records, "leo")
    assert summary["dataCustodian"]["contactPoint"] == "leo.programme@education.gov.uk"
    assert summary["contactPoint"] == "srs.customer.support@ons.gov.uk"


def test_every_custodian_contact_is_an_enquiry_contact_when_the_record_states_one():
    catalogue, records = published_bundled()
    files = export.render("hdruk", catalogue, records)
    checked = 0
    for rid, rec in records.items():
        text = files.get(f"hdruk/{rid}.json")
        if text is None:
            continue
        summary = json.loads(text)["summary"]
        enquiry = [c.email for c in rec.contacts if c.email and c.role in ("enquiries", "programme")]
        got = summary["dataCustodian"]["contactPoint"]
        if enquiry:
            checked += 1
            assert (got if isinstance(got, list) else [got]) == list(dict.fromkeys(enquiry)), rid
        else:  # none stated: the schema requires one; the access-request contact is given
            assert got == summary["contactPoint"], rid
    assert checked >= 3


def test_several_enquiry_contacts_are_listed_and_an_access_only_record_repeats_its_access_contact():
    catalogue, records = published_bundled()
    rec = records["leo"]
    extra = Contact(name="LEO data enquiries", email="leo.enquiries@example.org", role="enquiries")
    records2 = {**records, "leo": attrs.evolve(rec, contacts=(*rec.contacts, extra))}
    for version in hdruk.VERSIONS:  # a list is what the schema's Organisation.contactPoint allows
        doc = hdruk.dataset(catalogue, records2, records2["leo"], version)
        assert conform_hdruk.check(json.dumps(doc).encode(), "leo.json", "leo", version) == []
    assert _summary(catalogue, records2, "leo")["dataCustodian"]["contactPoint"] == [
        "leo.programme@education.gov.uk",
        "leo.enquiries@example.org",
    ]
    access_only = attrs.evolve(rec, contacts=tuple(c for c in rec.contacts if c.role == "access"))
    summary = _summary(catalogue, {**records, "leo": access_only}, "leo")
    assert summary["dataCustodian"]["contactPoint"] == summary["contactPoint"] == "srs.customer.support@ons.gov.uk"


def test_an_inferred_route_is_skipped_and_paths_point_at_the_records_own_routes():
    from adrmeta.model import Provenance

    catalogue, records = published_bundled()
    rec = records["leo"]
    guessed = attrs.evolve(rec.access[0], lead_time="3-5 weeks")
    unmapped = attrs.evolve(rec.access[0], lead_time="around 10 weeks")
    mark = Provenance(path="/access/0", basis="inference", note="a test's guess")
    rec = attrs.evolve(rec, access=(guessed, unmapped), provenance=(*rec.provenance, mark))
    # the inferred first route is neither reported nor counted; the second keeps its own index
    assert [i.path for i in _not_mapped(catalogue, rec)] == ["/access/1/lead_time"]
