"""A record taken out of the catalogue is announced to harvesters as deleted: catalogue.yaml lists
it as withdrawn (`adrmeta touch` adds it), `validate` refuses a removal it does not list, and
OAI-PMH serves its deleted header (OAI-PMH 2.0, 2.5.1: deletedRecord persistent)."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from lxml import etree

from adrmeta import cli, datestamps
from adrmeta.conform.xmlsafe import safe_parser
from adrmeta.validate import load, validate

from .conftest import EDIT_DAY, ROOT, bundled
from .test_datestamps import NS, ON_EDIT_DAY, _export_day, _repository, _served
from .test_serve_oai import schema

GONE = "grade"


@pytest.fixture(autouse=True)
def _on_the_edit_day(on_day):
    """These tests edit records on EDIT_DAY and touch them with that date: the day has come."""
    on_day(EDIT_DAY)


def _codes(root: Path) -> set[tuple[str, str | None]]:
    report = validate(catalogue=root / "catalogue.yaml", today=ON_EDIT_DAY)
    return {(i.code, i.record) for i in report.at_least("error")}


def _touch(root: Path, *more: str) -> int:
    return cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY, *more])


def _export(root: Path) -> int:
    return cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")])


def _get(base: str, **query: str) -> etree._Element:
    """One OAI-PMH request over HTTP, its response checked against the OAI-PMH XSD first."""
    with urllib.request.urlopen(f"{base}oai?{urllib.parse.urlencode(query)}", timeout=30) as resp:
        doc = etree.fromstring(resp.read(), safe_parser())
    assert schema().validate(doc), schema().error_log
    return doc


def _headers(base: str, verb: str, **query: str) -> dict[str, tuple[str, str | None, int]]:
    """Every header of a list, all pages: record id -> (datestamp, status, metadata elements)."""
    got: dict[str, tuple[str, str | None, int]] = {}
    args = {"verb": verb, "metadataPrefix": "oai_dc", **query}
    while True:
        doc = _get(base, **args)
        if doc.find("o:error", NS) is not None:
            assert doc.find("o:error", NS).get("code") == "noRecordsMatch"
            return got
        for h in doc.iterfind(".//o:header", NS):
            rid = h.findtext("o:identifier", namespaces=NS).rsplit(":", 1)[1]
            got[rid] = (h.findtext("o:datestamp", namespaces=NS), h.get("status"), len(h.getparent().findall("o:metadata", NS)))
        token = doc.findtext(".//o:resumptionToken", namespaces=NS)
        if not token:
            return got
        args = {"verb": verb, "resumptionToken": token}


def test_the_bundled_catalogue_lists_no_withdrawn_record():
    assert bundled()[0].withdrawn == ()


def test_a_removed_record_is_an_error_until_touch_lists_it_keeping_the_file_as_it_was(tmp_path, capsys):
    root = _repository(tmp_path)
    catalogue = root / "catalogue.yaml"
    before = catalogue.read_text()
    (root / "records" / f"{GONE}.yaml").unlink()
    report = validate(catalogue=catalogue, today=ON_EDIT_DAY)
    [issue] = report.at_least("error")
    assert (issue.code, issue.record, issue.location.file) == ("record.removed-unannounced", GONE, str(catalogue))
    assert issue.location.line and issue.location.column
    assert _export(root) == 1  # export refuses it too: nothing written
    capsys.readouterr()
    assert _touch(root) == 0
    out = capsys.readouterr().out
    assert f"{GONE} withdrawn on {EDIT_DAY}" in out and "1 removal(s) recorded" in out
    after = catalogue.read_text()
    # text appended; the file's own date moves to the withdrawal's; every other line, comment included, kept
    assert after == datestamps.set_modified(before, EDIT_DAY) + f"\nwithdrawn:\n  - id: {GONE}\n    date: {EDIT_DAY}\n"
    assert [(w.id, w.date, w.note) for w in load(catalogue=catalogue).catalogue.withdrawn] == [(GONE, EDIT_DAY, None)]
    assert _codes(root) == set()
    capsys.readouterr()
    assert _touch(root) == 0  # listed once: a second run adds nothing
    assert capsys.readouterr().out.splitlines() == ["0 record(s) touched."]
    assert catalogue.read_text() == after


def test_touch_appends_to_a_list_already_there_and_keeps_its_comments(tmp_path):
    root = _repository(tmp_path)
    catalogue = root / "catalogue.yaml"
    text = catalogue.read_text()
    listed = (
        "withdrawn:  # records taken out\n"
        "  - id: an-old-one\n    date: 2026-01-05\n    note: merged into another record\n\n"
        "# the catalogue's sources follow\n"
    )
    catalogue.write_text(text.replace("\nsources:\n", f"\n{listed}sources:\n", 1))
    (root / "records" / f"{GONE}.yaml").unlink()
    assert _touch(root) == 0
    added = f"    note: merged into another record\n  - id: {GONE}\n    date: {EDIT_DAY}\n\n# the catalogue's sources follow\n"
    assert catalogue.read_text() == datestamps.set_modified(text, EDIT_DAY).replace(
        "\nsources:\n",
        "\n" + listed.replace("    note: merged into another record\n\n# the catalogue's sources follow\n", added) + "sources:\n",
        1,
    )
    assert [w.id for w in load(catalogue=catalogue).catalogue.withdrawn] == ["an-old-one", GONE]


def test_touch_does_not_edit_a_flow_list_with_items_and_fails(tmp_path, capsys):
    root = _repository(tmp_path)
    catalogue = root / "catalogue.yaml"
    text = catalogue.read_text() + "withdrawn: [{id: an-old-one, date: 2026-01-05}]\n"
    catalogue.write_text(text)
    (root / "records" / f"{GONE}.yaml").unlink()
    assert _touch(root) == 1
    assert "block list" in capsys.readouterr().err
    assert catalogue.read_text() == text


def test_add_withdrawn_makes_an_empty_list_a_block_list():
    text = "id: x\nwithdrawn: []  # none yet\nsources: []\n"
    assert datestamps.add_withdrawn(text, [("a", "2026-12-01")]) == (
        "id: x\nwithdrawn:\n  - id: a\n    date: 2026-12-01\nsources: []\n"
    )
    indentless = "withdrawn:\n- id: a\n  date: 2026-12-01\n"
    assert datestamps.add_withdrawn(indentless, [("b", "2026-12-02")]) == indentless + "- id: b\n  date: 2026-12-02\n"


def test_a_restored_record_must_come_off_the_list(tmp_path):
    root = _repository(tmp_path)
    path = root / "records" / f"{GONE}.yaml"
    text = path.read_text()
    path.unlink()
    assert _touch(root) == 0
    assert _export(root) == 0
    path.write_text(datestamps.set_modified(text, EDIT_DAY) or "")
    [issue] = validate(catalogue=root / "catalogue.yaml", today=ON_EDIT_DAY).at_least("error")
    assert (issue.code, issue.path) == ("catalogue.withdrawn-restored", "/withdrawn/0/id")
    lines = (root / "catalogue.yaml").read_text().splitlines()
    assert (issue.location.line, issue.location.column) == (lines.index(f"  - id: {GONE}") + 1, 9)


def test_a_withdrawal_dated_before_the_last_export_is_an_error(tmp_path):
    root = _repository(tmp_path)
    catalogue = root / "catalogue.yaml"
    (root / "records" / f"{GONE}.yaml").unlink()
    catalogue.write_text(catalogue.read_text() + f"\nwithdrawn:\n  - id: {GONE}\n    date: 2026-01-01\n")
    assert _codes(root) == {("catalogue.withdrawn-date", None)}
    catalogue.write_text(catalogue.read_text().replace("date: 2026-01-01", "date: 2026-02-30"))
    [bad] = validate(catalogue=catalogue, today=ON_EDIT_DAY).at_least("error")
    assert (bad.code, bad.path) == ("schema.date", "/withdrawn/0/date")
    assert bad.location.line == catalogue.read_text().splitlines().index("    date: 2026-02-30") + 1


@pytest.mark.slow  # a server and two whole exports
def test_an_incremental_harvest_over_http_sees_the_deletion_once_touched_and_exported(tmp_path):
    """A harvester harvests the served catalogue on the day of its export; a record file is then
    removed. Served as is, nothing tells the harvester. After touch and export, a harvest from the
    withdrawal's day gets the record's deleted header (no metadata), GetRecord gives it, and
    Identify says deletions are kept for good."""
    root = _repository(tmp_path)
    last_harvest = _export_day(root)
    with _served(root) as base:
        first = _headers(base, "ListIdentifiers")
        assert first[GONE][1] is None
    (root / "records" / f"{GONE}.yaml").unlink()
    with _served(root) as base:  # what harvesters saw before: the record simply vanished
        assert GONE not in _headers(base, "ListIdentifiers", **{"from": last_harvest})
    assert _touch(root) == 0
    assert _export(root) == 0
    with _served(root) as base:
        identify = _get(base, verb="Identify")
        assert identify.findtext(".//o:deletedRecord", namespaces=NS) == "persistent"
        assert _headers(base, "ListIdentifiers", **{"from": EDIT_DAY}) == {GONE: (EDIT_DAY, "deleted", 0)}
        assert _headers(base, "ListRecords", **{"from": EDIT_DAY}) == {GONE: (EDIT_DAY, "deleted", 0)}
        assert _headers(base, "ListIdentifiers", **{"from": last_harvest})[GONE] == (EDIT_DAY, "deleted", 0)
        assert GONE not in _headers(base, "ListIdentifiers", until=last_harvest)
        # a deleted header names the sets the record was in (test_withdrawn_sets): not a theme set
        assert GONE not in _headers(base, "ListIdentifiers", set="theme")
        assert _headers(base, "ListIdentifiers", set="catalogue:ons", **{"from": EDIT_DAY}) == {GONE: (EDIT_DAY, "deleted", 0)}
        full = _headers(base, "ListRecords", metadataPrefix="oai_ddi25")
        assert full == {**{rid: (d, None, 1) for rid, (d, _s, _m) in first.items()}, GONE: (EDIT_DAY, "deleted", 0)}
        for prefix in ("oai_dc", "oai_ddi25"):
            got = _get(base, verb="GetRecord", metadataPrefix=prefix, identifier=f"oai:metadata.adruk.org:{GONE}")
            [record] = got.iterfind("o:GetRecord/o:record", NS)
            assert record.find("o:header", NS).get("status") == "deleted"
            assert record.findtext("o:header/o:datestamp", namespaces=NS) == EDIT_DAY
            assert record.find("o:metadata", NS) is None
        formats = _get(base, verb="ListMetadataFormats", identifier=f"oai:metadata.adruk.org:{GONE}")
        assert formats.find("o:error", NS) is None


def test_the_bundled_repository_says_deletions_are_kept():
    ws = load(catalogue=ROOT / "catalogue.yaml")
    from adrmeta.serve.oai import Repository

    repo = Repository(ws.catalogue, ws.records, "http://127.0.0.1:9/", clock=lambda: 1_800_000_000.0)
    doc = etree.fromstring(repo.respond([("verb", "Identify")]), safe_parser())
    assert schema().validate(doc), schema().error_log
    assert doc.findtext(".//o:deletedRecord", namespaces=NS) == "persistent"
