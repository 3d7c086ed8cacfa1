"""OAI-PMH 2.0 repository: every response type valid against the vendored OAI-PMH XSD (with its
oai_dc and DDI 2.5 payloads), every protocol error, paging with stateless resumption tokens."""

from __future__ import annotations

import functools
import time

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from adrmeta.conform.xmlsafe import load_schema, safe_parser
from adrmeta.export.ddi import codebook_xml
from adrmeta.feeds import accessible
from adrmeta.serve import tokens
from adrmeta.serve.oai import ERRORS, Repository
from adrmeta.vendored import vendor_path

from .conftest import published_bundled

NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ddi": "ddi:codebook:2_5",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
BASE = "http://127.0.0.1:9/"
NOW = 1_800_000_000.0  # a fixed clock: no test depends on the time of day


@functools.cache
def schema() -> etree.XMLSchema:
    return load_schema(vendor_path("oai-pmh-2.0", "oai-pmh-with-dc-and-ddi25.xsd"))


def repo(page_size: int = 5, clock=lambda: NOW, **kwargs) -> Repository:
    catalogue, records = kwargs.pop("data", published_bundled())
    return Repository(catalogue, records, BASE, page_size=page_size, clock=clock, **kwargs)


def ask(r: Repository, **args: str) -> etree._Element:
    """One request, its response checked against the XSD before anything else."""
    doc = etree.fromstring(r.respond(list(args.items())), safe_parser())
    assert schema().validate(doc), schema().error_log
    return doc


def error_code(doc: etree._Element) -> str | None:
    err = doc.find("o:error", NS)
    return err.get("code") if err is not None else None


def ident(rid: str) -> str:
    return f"oai:metadata.adruk.org:{rid}"


def harvest(r: Repository, verb: str, **args: str) -> tuple[list[str], int]:
    """Every identifier of a list, following tokens; and the number of pages."""
    ids, pages = [], 0
    doc = ask(r, verb=verb, **args)
    while True:
        pages += 1
        assert error_code(doc) is None, etree.tostring(doc)
        ids += [i.text for i in doc.iterfind(f"o:{verb}//o:header/o:identifier", NS)]
        token = doc.find(f"o:{verb}/o:resumptionToken", NS)
        if token is None or not token.text:
            return ids, pages
        doc = ask(r, verb=verb, resumptionToken=token.text)


def test_the_vendored_driver_schema_loads_offline_and_rejects_a_bad_response():
    doc = etree.fromstring(repo().respond([("verb", "Identify")]))
    doc.find("o:responseDate", NS).text = "yesterday"
    assert not schema().validate(doc)


def test_identify():
    doc = ask(repo(), verb="Identify")
    i = doc.find("o:Identify", NS)
    assert i.findtext("o:baseURL", namespaces=NS) == BASE + "oai"
    assert i.findtext("o:protocolVersion", namespaces=NS) == "2.0"
    assert i.findtext("o:adminEmail", namespaces=NS) == published_bundled()[0].contact.email
    assert i.findtext("o:granularity", namespaces=NS) == "YYYY-MM-DD"
    assert i.findtext("o:earliestDatestamp", namespaces=NS) == min(r.modified for r in published_bundled()[1].values())
    assert i.findtext("o:description/id:oai-identifier/id:repositoryIdentifier", namespaces=NS) == "metadata.adruk.org"
    assert doc.find("o:request", NS).attrib == {"verb": "Identify"}


def test_list_metadata_formats_with_and_without_an_identifier():
    for args in ({}, {"identifier": ident("leo")}):
        doc = ask(repo(), verb="ListMetadataFormats", **args)
        assert [p.text for p in doc.iterfind(".//o:metadataPrefix", NS)] == ["oai_dc", "oai_ddi25"]
    assert (
        doc.findtext(".//o:metadataFormat[o:metadataPrefix='oai_ddi25']/o:metadataNamespace", namespaces=NS) == "ddi:codebook:2_5"
    )


def test_list_sets_has_each_target_catalogue_and_each_theme_a_record_is_in():
    """A theme no record is in is not offered (`adrmeta.sets`: before, "Growing old" was listed
    and a harvest of it ended in noRecordsMatch); a target catalogue's set is, even empty."""
    catalogue, records = published_bundled()
    doc = ask(repo(), verb="ListSets")
    specs = [s.text for s in doc.iterfind(".//o:setSpec", NS)]
    used = {t for rec in records.values() for t in rec.themes}
    assert "growing-old" not in used and "growing-old" in {t.id for t in catalogue.themes}  # the bundled empty theme
    assert specs == [
        "catalogue",
        *(f"catalogue:{t.id}" for t in catalogue.target_catalogues),
        "theme",
        *(f"theme:{t.id}" for t in catalogue.themes if t.id in used),
    ]
    assert "catalogue:rds" in specs  # no record yet: its harvester is set up with it all the same
    assert error_code(ask(repo(), verb="ListIdentifiers", metadataPrefix="oai_dc", set="theme:growing-old")) == "noRecordsMatch"
    mapped = {**records, "leo": attrs.evolve(records["leo"], themes=(*records["leo"].themes, "growing-old"))}
    doc = ask(repo(data=(catalogue, mapped)), verb="ListSets")
    assert "theme:growing-old" in [s.text for s in doc.iterfind(".//o:setSpec", NS)]  # once a record is in it


def test_no_set_hierarchy_when_no_set_would_be_listed():
    """Themes defined but none holding a record, and no target catalogue: nothing to offer."""
    catalogue, records = published_bundled()
    r = repo(
        data=(attrs.evolve(catalogue, target_catalogues=()), {rid: attrs.evolve(rec, themes=()) for rid, rec in records.items()})
    )
    assert error_code(ask(r, verb="ListSets")) == "noSetHierarchy"


@pytest.mark.parametrize("prefix", ["oai_dc", "oai_ddi25"])
def test_get_record_of_every_record_validates(prefix):
    r = repo()
    for rid in published_bundled()[1]:
        doc = ask(r, verb="GetRecord", identifier=ident(rid), metadataPrefix=prefix)
        assert doc.findtext(".//o:header/o:identifier", namespaces=NS) == ident(rid)


def test_ddi_payload_is_the_ddi_export_and_dc_carries_the_key_facts():
    catalogue, records = published_bundled()
    r = repo()
    ask(r, verb="GetRecord", identifier=ident("leo"), metadataPrefix="oai_ddi25")
    exported = codebook_xml(catalogue, records, "leo").split("?>", 1)[1].strip()
    assert exported.startswith("<codeBook ")
    assert f"<metadata>{exported}</metadata>".encode() in r.respond(
        [("verb", "GetRecord"), ("identifier", ident("leo")), ("metadataPrefix", "oai_ddi25")]
    )
    dc = ask(r, verb="GetRecord", identifier=ident("leo"), metadataPrefix="oai_dc")
    leo = records["leo"]
    assert dc.findtext(".//dc:title", namespaces=NS) == leo.title
    assert dc.findtext(".//dc:description", namespaces=NS) == leo.summary
    assert dc.findtext(".//dc:date", namespaces=NS) == leo.modified
    assert f"{catalogue.base_uri}dataset/leo" in [e.text for e in dc.iterfind(".//dc:identifier", NS)]
    assert "England" in [e.text for e in dc.iterfind(".//dc:coverage", NS)]


@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
@pytest.mark.parametrize("prefix", ["oai_dc", "oai_ddi25"])
def test_lists_page_through_every_record_once(verb, prefix):
    records = published_bundled()[1]
    ids, pages = harvest(repo(page_size=5), verb, metadataPrefix=prefix)
    assert sorted(ids) == sorted(ident(r) for r in records)
    assert pages == -(-len(records) // 5) > 2


def test_resumption_token_attributes_and_the_empty_last_token():
    r = repo(page_size=10)
    total = len(published_bundled()[1])
    doc = ask(r, verb="ListRecords", metadataPrefix="oai_dc")
    token = doc.find(".//o:resumptionToken", NS)
    assert token.get("completeListSize") == str(total) and token.get("cursor") == "0"
    assert token.get("expirationDate") == time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW + 86_400))
    while token.text:
        doc = ask(r, verb="ListRecords", resumptionToken=token.text)
        token = doc.find(".//o:resumptionToken", NS)
    last_cursor = (total - 1) // 10 * 10
    assert token.get("cursor") == str(last_cursor) and token.get("completeListSize") == str(total)
    assert len(doc.findall(".//o:record", NS)) == total - last_cursor


def test_a_single_page_list_has_no_token():
    doc = ask(repo(page_size=100), verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert doc.find(".//o:resumptionToken", NS) is None


def test_sets_select_the_records_of_a_catalogue_and_a_theme():
    catalogue, records = published_bundled()
    target = catalogue.target_catalogues[0]
    ids, _pages = harvest(repo(), "ListIdentifiers", metadataPrefix="oai_dc", set=f"catalogue:{target.id}")
    assert sorted(ids) == [ident(r) for r in accessible(target, records)]
    ids, _pages = harvest(repo(), "ListIdentifiers", metadataPrefix="oai_dc", set="theme:health")
    assert sorted(ids) == sorted(ident(r) for r, rec in records.items() if "health" in rec.themes)
    everything, _pages = harvest(repo(), "ListIdentifiers", metadataPrefix="oai_dc", set="theme")
    assert sorted(everything) == sorted(ident(r) for r, rec in records.items() if rec.themes)
    doc = ask(repo(), verb="GetRecord", identifier=ident("echild"), metadataPrefix="oai_dc")
    assert "theme:children-young-people" in [s.text for s in doc.iterfind(".//o:header/o:setSpec", NS)]
    leo = ask(repo(), verb="GetRecord", identifier=ident("leo"), metadataPrefix="oai_dc")  # its theme is an inference
    assert not [s.text for s in leo.iterfind(".//o:header/o:setSpec", NS) if s.text.startswith("theme:")]


def _dated() -> tuple:
    """The bundled records with datestamps spread over three days."""
    catalogue, records = published_bundled()
    days = ("2026-01-01", "2026-02-01", "2026-03-01")
    return catalogue, {rid: attrs.evolve(rec, modified=days[i % 3]) for i, (rid, rec) in enumerate(sorted(records.items()))}


def test_from_and_until_select_on_the_record_datestamps_inclusively():
    data = _dated()
    r = repo(data=data)
    by_day = {
        d: sorted(ident(rid) for rid, rec in data[1].items() if rec.modified == d)
        for d in ("2026-01-01", "2026-02-01", "2026-03-01")
    }
    ids, _p = harvest(r, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2026-02-01"})
    assert sorted(ids) == sorted(by_day["2026-02-01"] + by_day["2026-03-01"])
    ids, _p = harvest(r, "ListIdentifiers", metadataPrefix="oai_dc", until="2026-02-01")
    assert sorted(ids) == sorted(by_day["2026-01-01"] + by_day["2026-02-01"])
    ids, _p = harvest(r, "ListRecords", metadataPrefix="oai_ddi25", **{"from": "2026-02-01", "until": "2026-02-01"})
    assert sorted(ids) == by_day["2026-02-01"]
    assert ask(r, verb="Identify").findtext(".//o:earliestDatestamp", namespaces=NS) == "2026-01-01"


# --- errors ---------------------------------------------------------------------------------

ERROR_CASES = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "identify"}, "badVerb"),
    ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": ident("leo")}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-01-01T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-01", "until": "2026-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "not a set"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "ListSets", "set": "theme"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": ident("leo"), "metadataPrefix": "oai_ddi"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": ident("no-such-record"), "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "leo", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "oai:elsewhere.org:leo", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": ident("nope")}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "1999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "theme:astrology"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "<&>"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
]


@pytest.mark.parametrize(("args", "code"), ERROR_CASES, ids=[f"{c}-{i}" for i, (_a, c) in enumerate(ERROR_CASES)])
def test_wrong_requests_get_the_right_error(args, code):
    doc = ask(repo(), **args)
    assert error_code(doc) == code
    request = doc.find("o:request", NS)
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}  # the protocol: no echo of a request it could not read
    else:
        assert request.get("verb") == args["verb"]


def test_repeated_arguments_are_bad():
    r = repo()
    for args in (
        [("verb", "Identify"), ("verb", "Identify")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_ddi25")],
    ):
        doc = etree.fromstring(r.respond(args))
        assert schema().validate(doc)
        assert error_code(doc) in ("badVerb", "badArgument")
    assert error_code(etree.fromstring(r.respond([("verb", "Identify"), ("verb", "Identify")]))) == "badVerb"


def _token(r: Repository, verb: str = "ListRecords") -> str:
    return ask(r, verb=verb, metadataPrefix="oai_dc").findtext(f"o:{verb}/o:resumptionToken", namespaces=NS)


def test_tokens_survive_a_restart_of_a_server_with_the_same_records():
    first = repo()
    token = _token(first)
    again = repo()  # a new process: nothing is shared but the records
    assert again is not first and error_code(ask(again, verb="ListRecords", resumptionToken=token)) is None


def test_a_token_for_changed_records_is_refused():
    catalogue, records = published_bundled()
    token = _token(repo())
    changed = {**records, "leo": attrs.evolve(records["leo"], title="Longitudinal Education Outcomes (renamed)")}
    assert error_code(ask(repo(data=(catalogue, changed)), verb="ListRecords", resumptionToken=token)) == "badResumptionToken"


def test_tokens_expire_cleanly():
    now = [NOW]
    r = repo(clock=lambda: now[0], token_ttl=60)
    token = _token(r)
    assert error_code(ask(r, verb="ListRecords", resumptionToken=token)) is None
    now[0] += 61
    doc = ask(r, verb="ListRecords", resumptionToken=token)
    assert error_code(doc) == "badResumptionToken"
    assert doc.find("o:request", NS).get("resumptionToken") == token


def test_a_token_of_one_verb_is_refused_by_another_and_tampering_is_caught():
    r = repo()
    token = _token(r, "ListIdentifiers")
    assert error_code(ask(r, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    cursor = tokens.decode(token, r.fingerprint, NOW, r.token_ttl)
    past_the_end = tokens.encode(attrs.evolve(cursor, offset=10_000))
    assert error_code(ask(r, verb="ListIdentifiers", resumptionToken=past_the_end)) == "badResumptionToken"
    assert error_code(ask(r, verb="ListIdentifiers", resumptionToken=token[:-3])) == "badResumptionToken"


@pytest.mark.parametrize(
    "forged",
    [
        {"expires": NOW + 10 * 365 * 86_400},  # a far-future expiry: never expires
        {"expires": 10**40},
        {"from_": "2020-01-01T00:00:00Z"},  # a time of day: finer than the granularity
        {"until": "2030-01-01T12:00:00Z"},
        {"from_": "2020-13-45"},  # not a real day
        {"from_": "2025-01-01", "until": "2020-01-01"},  # from after until
    ],
)
def test_forged_tokens_are_refused(forged):
    r = repo()
    cursor = tokens.decode(_token(r), r.fingerprint, NOW, r.token_ttl)
    assert error_code(ask(r, verb="ListRecords", resumptionToken=tokens.encode(cursor))) is None
    doc = ask(r, verb="ListRecords", resumptionToken=tokens.encode(attrs.evolve(cursor, **forged)))
    assert error_code(doc) == "badResumptionToken"


def test_no_metadata_formats_when_the_repository_offers_none():
    r = repo(formats=())
    assert error_code(ask(r, verb="ListMetadataFormats", identifier=ident("leo"))) == "noMetadataFormats"
    assert error_code(ask(r, verb="ListMetadataFormats")) == "noMetadataFormats"
    assert error_code(ask(r, verb="GetRecord", identifier=ident("leo"), metadataPrefix="oai_dc")) == "cannotDisseminateFormat"


def test_no_set_hierarchy_when_the_catalogue_defines_no_sets():
    catalogue, records = published_bundled()
    bare = attrs.evolve(catalogue, themes=(), target_catalogues=())
    r = repo(data=(bare, {rid: attrs.evolve(rec, themes=()) for rid, rec in records.items()}))
    assert error_code(ask(r, verb="ListSets")) == "noSetHierarchy"
    assert error_code(ask(r, verb="ListRecords", metadataPrefix="oai_dc", set="theme:health")) == "noSetHierarchy"
    assert error_code(ask(r, verb="ListRecords", metadataPrefix="oai_dc")) is None


def test_every_protocol_error_code_is_produced_by_a_test():
    produced = {code for _args, code in ERROR_CASES} | {"noMetadataFormats", "noSetHierarchy"}
    assert produced == set(ERRORS)


def test_a_catalogue_without_an_email_cannot_run_oai():
    catalogue, records = published_bundled()
    with pytest.raises(ValueError, match="email"):
        repo(data=(attrs.evolve(catalogue, contact=attrs.evolve(catalogue.contact, email=None)), records))


KEYS = st.sampled_from(["verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken", "x", ""])
VALUES = st.one_of(
    st.sampled_from(
        [
            "Identify",
            "ListRecords",
            "GetRecord",
            "ListSets",
            "ListIdentifiers",
            "ListMetadataFormats",
            "oai_dc",
            "oai_ddi25",
            ident("leo"),
            "2026-11-21",
            "theme:health",
            "",
        ]
    ),
    st.text(max_size=40),
)


@settings(max_examples=300, deadline=None)
@pytest.mark.slow
@given(st.lists(st.tuples(KEYS, VALUES), max_size=5))
def test_any_request_gets_a_valid_oai_response(args):
    doc = etree.fromstring(repo().respond(args), safe_parser())
    assert schema().validate(doc), (args, schema().error_log)
