"""A withdrawn record is announced as deleted in the OAI-PMH sets it was in (OAI-PMH 2.0, 2.7.2:
selective harvesting by set), as exports/records.json remembers them; one written before sets
were kept still reads, and its withdrawn records are announced without a set, as before."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import attrs
import pytest
from lxml import etree

from adrmeta import cli, datestamps
from adrmeta.conform.xmlsafe import safe_parser
from adrmeta.model import Withdrawn
from adrmeta.serve.oai import Repository

from .conftest import EDIT_DAY, bundled
from .test_datestamps import NS, _export_day, _repository, _served
from .test_serve_oai import schema

# The NISRA feed's one record (the EOL's route is an inference, so that feed leaves it out)
GONE = "earnings-employees-study-2011-ni"
SETS = ["catalogue:nisra", "theme:world-of-work"]
Headers = dict[str, tuple[str, str | None, list[str]]]


@pytest.fixture(autouse=True)
def _on_the_edit_day(on_day):
    """These tests withdraw records on EDIT_DAY and touch them with that date: the day has come."""
    on_day(EDIT_DAY)


def _list(base: str, verb: str = "ListIdentifiers", **query: str) -> Headers:
    """Every header of a list over HTTP, all pages, each response valid against the OAI-PMH XSD:
    record id -> (datestamp, status, setSpecs)."""
    got: Headers = {}
    args = {"verb": verb, "metadataPrefix": "oai_dc", **query}
    while True:
        with urllib.request.urlopen(f"{base}oai?{urllib.parse.urlencode(args)}", timeout=30) as resp:
            doc = etree.fromstring(resp.read(), safe_parser())
        assert schema().validate(doc), schema().error_log
        error = doc.find("o:error", NS)
        if error is not None:
            assert error.get("code") == "noRecordsMatch"
            return got
        for h in doc.iterfind(".//o:header", NS):
            rid = h.findtext("o:identifier", namespaces=NS).rsplit(":", 1)[1]
            got[rid] = (h.findtext("o:datestamp", namespaces=NS), h.get("status"), [s.text for s in h.findall("o:setSpec", NS)])
        token = doc.findtext(".//o:resumptionToken", namespaces=NS)
        if not token:
            return got
        args = {"verb": verb, "resumptionToken": token}


def _withdraw(root: Path) -> None:
    (root / "records" / f"{GONE}.yaml").unlink()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0


def _export(root: Path, *more: str) -> int:
    return cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports"), *more])


def _lock(root: Path) -> dict:
    return json.loads((root / "exports" / datestamps.LOCK).read_text())


def test_a_set_harvest_from_its_last_day_sees_the_deletion_over_http(tmp_path):
    """A harvester of one set (a target catalogue's, a theme's, or a parent set) harvests with
    `from` the day of its last harvest; the record withdrawn since comes as a deleted header naming
    the sets it was in, and a set it was never in does not list it."""
    root = _repository(tmp_path)
    last_harvest = _export_day(root)
    with _served(root) as base:
        assert _list(base, set="catalogue:nisra")[GONE] == (bundled()[1][GONE].modified, None, SETS)
    _withdraw(root)
    assert _export(root) == 0
    deleted = (EDIT_DAY, "deleted", SETS)
    with _served(root) as base:
        for spec in ("catalogue:nisra", "catalogue", "theme:world-of-work", "theme"):
            assert _list(base, set=spec, **{"from": last_harvest})[GONE] == deleted, spec
        assert _list(base, "ListRecords", set="catalogue:nisra", **{"from": EDIT_DAY}) == {GONE: deleted}
        assert GONE not in _list(base, set="catalogue:ons", **{"from": last_harvest})
        assert GONE not in _list(base, set="theme:health")
        assert GONE not in _list(base, set="catalogue:nisra", until=last_harvest)
        assert _list(base, **{"from": EDIT_DAY}) == {GONE: deleted}  # an unfiltered harvest as before


def test_the_sets_of_a_withdrawn_record_are_kept_from_export_to_export(tmp_path, capsys):
    root = _repository(tmp_path)
    assert _lock(root)["records"][GONE]["sets"] == SETS
    assert _lock(root)["withdrawn"] == {}
    _withdraw(root)
    assert _export(root) == 0
    after = _lock(root)
    assert GONE not in after["records"] and after["withdrawn"] == {GONE: {"sets": SETS}}
    assert _export(root) == 0  # the next export reads them from the file it replaces
    assert _lock(root) == after
    with _served(root) as base:
        assert _list(base, set="theme:world-of-work")[GONE] == (EDIT_DAY, "deleted", SETS)
    capsys.readouterr()
    assert _export(root, "--check") == 0  # a fixed point: the check passes on what export wrote
    lock = root / "exports" / datestamps.LOCK
    # the remembered sets are carried as read (nothing else knows them), but what the records
    # decide is checked: an entry for a record not withdrawn (here a live one) is stale
    edited = {**after, "withdrawn": {**after["withdrawn"], "leo": {"sets": ["catalogue:ons"]}}}
    lock.write_text(json.dumps(edited, indent=1, sort_keys=True) + "\n")
    assert datestamps.read_lock(lock).withdrawn == {GONE: tuple(SETS), "leo": ("catalogue:ons",)}
    assert _export(root, "--check") == 1
    assert f"stale: {lock}" in capsys.readouterr().out


def _old_style(root: Path) -> None:
    """exports/records.json as the version before sets wrote it: dates and fingerprints only."""
    lock = root / "exports" / datestamps.LOCK
    data = json.loads(lock.read_text())
    old = {rid: {"content": e["content"], "modified": e["modified"]} for rid, e in data["records"].items()}
    lock.write_text(json.dumps({"records": old}, indent=1, sort_keys=True) + "\n")


def test_a_records_json_without_sets_still_reads_and_its_withdrawals_name_no_set(tmp_path):
    root = _repository(tmp_path)
    _old_style(root)
    old = datestamps.read_lock(root / "exports" / datestamps.LOCK)
    assert old.sets_of(GONE) is None and old.withdrawn == {} and old.exported == _export_day(root)
    last_harvest = _export_day(root)
    _withdraw(root)  # touch and validate read it as before
    assert _export(root) == 0
    after = _lock(root)
    assert after["withdrawn"] == {}  # not known: nothing made up
    assert after["records"]["leo"]["sets"] == ["catalogue:ons"]  # the live records' sets from now on
    with _served(root) as base:
        assert _list(base, **{"from": last_harvest})[GONE] == (EDIT_DAY, "deleted", [])
        assert GONE not in _list(base, set="catalogue:nisra", **{"from": last_harvest})


def test_a_deleted_header_names_only_sets_the_catalogue_still_defines_and_a_restored_record_is_live():
    catalogue, records = bundled()
    gone = {k: v for k, v in records.items() if k != GONE}
    catalogue = attrs.evolve(
        catalogue,
        withdrawn=(Withdrawn(id=GONE, date=EDIT_DAY), Withdrawn(id="leo", date=EDIT_DAY)),
    )
    # a theme taken out of the catalogue since, a parent set (records name child sets only)
    sets = {GONE: ["theme:retired", *reversed(SETS), "catalogue", SETS[0]], "leo": ["theme:health"]}  # as edited by hand
    repo = Repository(catalogue, gone, "http://127.0.0.1:9/", clock=lambda: 1_800_000_000.0, deleted_sets=sets)
    doc = etree.fromstring(
        repo.respond([("verb", "GetRecord"), ("metadataPrefix", "oai_dc"), ("identifier", f"oai:metadata.adruk.org:{GONE}")]),
        safe_parser(),
    )
    assert schema().validate(doc), schema().error_log
    header = doc.find(".//o:header", NS)
    assert header.get("status") == "deleted"
    assert [s.text for s in header.findall("o:setSpec", NS)] == SETS
    assert "theme:retired" not in repo.sets
    assert GONE in repo.sets["theme"].members and GONE in repo.sets["catalogue"].members
    assert "leo" not in repo.sets["theme:health"].members  # live (its file is there): its own sets only
    assert repo.headers["leo"].count(b"<setSpec>") == 1 and b'status="deleted"' not in repo.headers["leo"]


def _set_list(base: str) -> list[str]:
    """ListSets over HTTP, valid against the OAI-PMH XSD: every setSpec offered."""
    with urllib.request.urlopen(f"{base}oai?verb=ListSets", timeout=30) as resp:
        doc = etree.fromstring(resp.read(), safe_parser())
    assert schema().validate(doc), schema().error_log
    return [s.text for s in doc.iterfind(".//o:setSpec", NS)]


def test_list_sets_offers_the_sets_that_hold_a_record_live_or_deleted_over_http(tmp_path):
    """A research theme no record was ever in is not offered (before, "Growing old" was, and a
    harvest of it ended in noRecordsMatch); a theme whose only record is withdrawn still is, and
    a harvest of it from the last harvest's day brings the deleted header; a target catalogue's
    set is offered with no record in it."""
    root = _repository(tmp_path)
    only = "ad-arc"  # the one record in theme:environment
    sets = _lock(root)["records"][only]["sets"]
    assert "theme:environment" in sets
    last_harvest = _export_day(root)
    with _served(root) as base:
        before = _set_list(base)
        assert "theme:growing-old" not in before and "theme:environment" in before and "catalogue:rds" in before
        assert _list(base, set="catalogue:rds") == {}  # noRecordsMatch: no record yet
        assert list(_list(base, set="theme:environment")) == [only]
    (root / "records" / f"{only}.yaml").unlink()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0
    assert _export(root) == 0
    with _served(root) as base:
        assert _set_list(base) == before
        assert _list(base, set="theme:environment", **{"from": last_harvest}) == {only: (EDIT_DAY, "deleted", sets)}
