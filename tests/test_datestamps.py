"""Datestamps that follow content: an edit to a record, or to a catalogue entry it shows, must move
its `modified` date, so an incremental OAI-PMH harvest (`from=`) sees exactly the changed records."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import shutil
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import attrs
import pytest
from lxml import etree

from adrmeta import cli, datestamps, provenance
from adrmeta.conform.xmlsafe import safe_parser
from adrmeta.provenance import published
from adrmeta.serve.app import App
from adrmeta.serve.oai import Repository
from adrmeta.sets import memberships
from adrmeta.validate import load, published_lock, validate

from .conftest import EDIT_DAY, FIXTURES, ROOT, TEST_CATALOGUE, TODAY, bundled

NS = {"o": "http://www.openarchives.org/OAI/2.0/"}
ON_EDIT_DAY = dt.date.fromisoformat(EDIT_DAY)


@pytest.fixture(autouse=True)
def _on_the_edit_day(on_day):
    """These tests edit records on EDIT_DAY and touch them with that date: the day has come."""
    on_day(EDIT_DAY)


def _repository(tmp_path: Path) -> Path:
    """A copy of the bundled catalogue and records, exported once (the published state)."""
    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    shutil.copytree(ROOT / "records", tmp_path / "records")
    assert cli.main(["export", "--catalogue", str(tmp_path / "catalogue.yaml"), "--out", str(tmp_path / "exports")]) == 0
    return tmp_path


def _stale(root: Path, today: dt.date = ON_EDIT_DAY) -> set[str]:
    report = validate(catalogue=root / "catalogue.yaml", today=today)
    return {i.record for i in report.issues if i.code == "record.modified-stale"}


def _harvest_from(root: Path, day: str) -> set[str]:
    ws = load(catalogue=root / "catalogue.yaml")
    repo = Repository(ws.catalogue, ws.records, "http://127.0.0.1:9/", page_size=100, clock=lambda: 1_800_000_000.0)
    doc = etree.fromstring(
        repo.respond([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", day)]), safe_parser()
    )
    return {h.findtext("o:identifier", namespaces=NS).rsplit(":", 1)[1] for h in doc.iterfind(".//o:header", NS)}


def _touch_and_export(root: Path) -> None:
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0
    assert _stale(root) == set()
    assert cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")]) == 0


def test_the_export_records_each_datestamp_and_fingerprint(tmp_path):
    root = _repository(tmp_path)
    lock = datestamps.read_lock(root / "exports" / datestamps.LOCK)
    ws = load(catalogue=root / "catalogue.yaml")
    assert sorted(lock) == sorted(ws.records)
    assert lock["leo"]["modified"] == ws.records["leo"].modified
    assert _stale(root) == set()


def test_a_re_export_fingerprints_each_record_once(tmp_path, monkeypatch):
    """The stale rule and the datestamps file share one fingerprint per record (a re-export, with
    exports/records.json there, made every one twice), and the file is the same as a fresh one's."""
    root = _repository(tmp_path)
    before = (root / "exports" / datestamps.LOCK).read_bytes()
    made: list[str] = []
    real = datestamps.fingerprint
    monkeypatch.setattr(datestamps, "fingerprint", lambda cat, rec, *rest: made.append(rec.id) or real(cat, rec, *rest))
    assert cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")]) == 0
    ws = load(catalogue=root / "catalogue.yaml")
    assert sorted(made) == sorted(ws.records)
    assert (root / "exports" / datestamps.LOCK).read_bytes() == before
    # a fingerprint states its record, so the records as loaded give what the published ones do
    monkeypatch.undo()
    sets = memberships(ws.catalogue, published(ws.records))
    last = datestamps.read_lock(root / "exports" / datestamps.LOCK)  # its feed dates carried
    assert datestamps.lock_text(ws.catalogue, published(ws.records), sets=sets, previous=last).encode() == before


def test_an_edited_record_moves_its_datestamp_and_only_its_own(tmp_path):
    root = _repository(tmp_path)
    path = root / "records" / "grade.yaml"
    path.write_text(path.read_text().replace("\nsummary: >\n", "\nsummary: >\n  Edited. ", 1))
    assert _stale(root) == {"grade"}  # validate catches the forgotten date
    _touch_and_export(root)
    assert "modified: 2026-12-01" in path.read_text()
    assert _harvest_from(root, EDIT_DAY) == {"grade"}


def test_an_edited_catalogue_entry_moves_the_datestamps_of_the_records_that_show_it(tmp_path):
    root = _repository(tmp_path)
    ws = load(catalogue=root / "catalogue.yaml")
    showing = {rid for rid, rec in ws.records.items() if "ofqual" in (rec.publisher, *rec.data_owners)}
    assert showing, "some record shows Ofqual"
    cat = root / "catalogue.yaml"
    text = cat.read_text()
    assert "    name: Ofqual\n" in text
    cat.write_text(text.replace("    name: Ofqual\n", "    name: Office of Qualifications and Examinations Regulation\n", 1))
    assert _stale(root) == showing
    _touch_and_export(root)
    assert _harvest_from(root, EDIT_DAY) == showing


def test_an_untouched_edit_fails_validation_with_the_date_to_set(tmp_path):
    root = _repository(tmp_path)
    path = root / "records" / "leo.yaml"
    path.write_text(path.read_text().replace("\nkeywords:\n", "\nkeywords:\n  - an added keyword\n", 1))
    [issue] = [
        i for i in validate(catalogue=root / "catalogue.yaml", today=ON_EDIT_DAY).issues if i.code == "record.modified-stale"
    ]
    assert issue.severity == "error" and issue.path == "/modified" and EDIT_DAY in issue.fix
    assert issue.location is not None and issue.location.line


def test_an_edit_on_the_day_the_record_is_dated_needs_no_touch(tmp_path):
    root = _repository(tmp_path)
    path = root / "records" / "leo.yaml"
    text = path.read_text().replace("\nkeywords:\n", "\nkeywords:\n  - an added keyword\n", 1)
    path.write_text(datestamps.set_modified(text, EDIT_DAY) or text)  # dated after the last export
    assert cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")]) == 0
    path.write_text(path.read_text().replace("  - an added keyword\n", "  - another keyword\n", 1))
    assert _stale(root) == set()  # a harvest from that day sees it
    assert _stale(root, ON_EDIT_DAY + dt.timedelta(days=1)) == {"leo"}  # the same edit seen on a later day


def _export_day(root: Path) -> str:
    """The last export's day as defined: the newest datestamp it wrote."""
    table = json.loads((root / "exports" / datestamps.LOCK).read_text())["records"]
    return max(entry["modified"] for entry in table.values())


def _restore_with_date(root: Path, rid: str, date: str) -> Path:
    """Take a record out (touch lists it as withdrawn), export without it, and put it back dated
    `date`, off the withdrawn list again: a record restored (or new) after an export."""
    path = root / "records" / f"{rid}.yaml"
    text = path.read_text()
    path.unlink()
    catalogue = root / "catalogue.yaml"
    assert cli.main(["touch", "--catalogue", str(catalogue), "--date", EDIT_DAY]) == 0
    assert cli.main(["export", "--catalogue", str(catalogue), "--out", str(root / "exports")]) == 0
    path.write_text(datestamps.set_modified(text, date) or "")
    listed = f"\nwithdrawn:\n  - id: {rid}\n    date: {EDIT_DAY}\n"
    assert listed in catalogue.read_text()
    catalogue.write_text(catalogue.read_text().replace(listed, ""))
    return path


def test_a_record_restored_with_a_date_before_the_last_export_is_stale_until_touched(tmp_path):
    """OAI-PMH 2.0, 2.7.1: a record that becomes available within from/until is returned; one
    dated before the last export would never be, by a harvest from that export's day."""
    root = _repository(tmp_path)
    path = _restore_with_date(root, "census-2021-sail", "2026-01-01")
    exported = _export_day(root)
    assert exported > "2026-01-01"
    assert _stale(root) == {"census-2021-sail"}
    assert "census-2021-sail" not in _harvest_from(root, exported)  # what a harvester would miss
    _touch_and_export(root)
    assert "modified: 2026-12-01" in path.read_text()
    assert _harvest_from(root, EDIT_DAY) == {"census-2021-sail"}


def test_a_new_record_dated_on_or_after_the_last_export_is_not_stale(tmp_path):
    root = _repository(tmp_path)
    exported = _export_day(root)
    _restore_with_date(root, "census-2021-sail", exported)  # a harvest from the export's day returns it
    assert _stale(root) == set()


def test_without_a_last_export_no_record_is_stale(tmp_path):
    root = _repository(tmp_path)
    (root / "exports" / datestamps.LOCK).unlink()
    path = root / "records" / "grade.yaml"
    path.write_text(datestamps.set_modified(path.read_text(), "2020-01-01") or "")
    assert _stale(root) == set()


def test_a_record_whose_date_moved_back_is_stale_until_touched(tmp_path):
    root = _repository(tmp_path)
    path = root / "records" / "grade.yaml"
    before = datestamps.read_lock(root / "exports" / datestamps.LOCK)["grade"]["modified"]
    text = path.read_text().replace("\nsummary: >\n", "\nsummary: >\n  Edited. ", 1)
    path.write_text(datestamps.set_modified(text, "2026-11-20") or "")
    assert before > "2026-11-20"
    assert _stale(root) == {"grade"}
    assert "grade" not in _harvest_from(root, before)  # a harvest from its last datestamp misses the edit
    _touch_and_export(root)
    assert _harvest_from(root, EDIT_DAY) == {"grade"}


def test_a_date_moved_back_is_stale_even_with_the_content_unchanged_and_forward_is_not(tmp_path):
    """The date itself is published (`dct:modified`, the OAI datestamp): one moved back is a change
    no incremental harvest sees. One moved forward is seen."""
    root = _repository(tmp_path)
    path = root / "records" / "grade.yaml"
    text = path.read_text()
    path.write_text(datestamps.set_modified(text, "2026-11-20") or "")
    assert _stale(root) == {"grade"}
    path.write_text(datestamps.set_modified(text, EDIT_DAY) or "")
    assert _stale(root) == set()


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@contextlib.contextmanager
def _served(root: Path) -> Iterator[str]:
    """The records as `adrmeta serve` serves them (its app), on 127.0.0.1 with a free port."""
    ws = load(catalogue=root / "catalogue.yaml")
    lock = published_lock(ws)  # as `adrmeta serve` reads it: the sets withdrawn records were last exported in
    assert lock is not None
    holder: list[App] = []
    httpd = make_server("127.0.0.1", 0, lambda env, start: holder[0](env, start), handler_class=_Quiet)
    base = f"http://127.0.0.1:{httpd.server_port}/"
    # several pages: tokens followed
    holder.append(App(ws.catalogue, ws.records, base, page_size=10, previous=lock))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()


def _harvest_over_http(base: str, day: str) -> dict[str, str]:
    """An incremental harvest as a harvester makes it: ListIdentifiers from `day`, every page;
    identifier -> datestamp."""
    got: dict[str, str] = {}
    query = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": day}
    while True:
        with urllib.request.urlopen(f"{base}oai?{urllib.parse.urlencode(query)}", timeout=30) as resp:
            doc = etree.fromstring(resp.read(), safe_parser())
        for h in doc.iterfind(".//o:header", NS):
            got[h.findtext("o:identifier", namespaces=NS).rsplit(":", 1)[1]] = h.findtext("o:datestamp", namespaces=NS)
        token = doc.findtext(".//o:resumptionToken", namespaces=NS)
        if not token:
            return got
        query = {"verb": "ListIdentifiers", "resumptionToken": token}


@pytest.mark.slow  # a server and two whole exports per case; the stale rule's own tests above are quick
@pytest.mark.parametrize("case", ["restored", "moved back"])
def test_an_incremental_harvest_over_http_gets_the_record_once_touched_and_exported(tmp_path, case):
    """A harvester harvests the served catalogue on the day of its export, then incrementally from
    that day: a record restored with an older date, or edited with its date moved back, comes back
    once validate's error is fixed by touch and the records re-exported."""
    root = _repository(tmp_path)
    if case == "restored":
        rid, day = "census-2021-sail", "2026-01-01"
        _restore_with_date(root, rid, day)
    else:
        rid, day = "grade", "2026-11-20"
        path = root / "records" / "grade.yaml"
        path.write_text(
            datestamps.set_modified(path.read_text().replace("\nsummary: >\n", "\nsummary: >\n  Edited. ", 1), day) or ""
        )
    last_harvest = _export_day(root)
    assert day < last_harvest
    with _served(root) as base:
        missed = _harvest_over_http(base, last_harvest)
    assert missed and rid not in missed  # served as is, the harvest misses it
    assert _stale(root) == {rid}  # so validate (and serve, export) refuse it
    _touch_and_export(root)
    with _served(root) as base:
        assert _harvest_over_http(base, last_harvest) == {**missed, rid: EDIT_DAY}


def test_the_export_date_is_the_newest_datestamp_in_the_file(tmp_path):
    lock = tmp_path / datestamps.LOCK
    lock.write_text(
        json.dumps(
            {
                "records": {
                    "a": {"modified": "2026-11-02", "content": "x"},
                    "b": {"modified": "2026-11-09", "content": "y"},
                    "c": {"modified": "not a date"},  # a hand-edited file: ignored, not compared
                    "d": {"modified": 20261231},
                    "e": "not an entry",
                }
            }
        )
    )
    table = datestamps.read_lock(lock)
    assert table.exported == datestamps.export_date(dict(table)) == "2026-11-09"
    assert datestamps.read_lock(tmp_path / "missing.json").exported is None


def test_touch_leaves_a_record_already_dated_that_day(tmp_path, capsys):
    """A record dated the touch date already announces that day's changes: nothing to touch."""
    root = _repository(tmp_path)
    path = root / "records" / "leo.yaml"
    path.write_text(datestamps.set_modified(path.read_text(), EDIT_DAY) or "")
    assert cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")]) == 0
    edited = path.read_text().replace("\nkeywords:\n", "\nkeywords:\n  - an added keyword\n", 1)
    path.write_text(edited)
    capsys.readouterr()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 record(s) touched."]
    assert path.read_text() == edited


@pytest.mark.parametrize(
    ("breakage", "code"),
    [
        (("\ntitle: ", '\ntitle: "'), "yaml.syntax"),  # an unclosed quote
        (("\nkeywords:\n", "\nkeywrods:\n  - an added keyword\n"), "schema.unknown-key"),  # and a content change
    ],
)
def test_touch_reports_a_record_it_cannot_read_and_fails(tmp_path, capsys, breakage, code):
    """An unreadable record may have changed too: touch says where it failed and exits 1, after
    touching the records it could read."""
    root = _repository(tmp_path)
    leo = root / "records" / "leo.yaml"
    leo.write_text(leo.read_text().replace(*breakage, 1))
    grade = root / "records" / "grade.yaml"
    grade.write_text(grade.read_text().replace("\nkeywords:\n", "\nkeywords:\n  - an added keyword\n", 1))
    capsys.readouterr()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"records/leo\.yaml:\d+:\d+: error {re.escape(code)}\b", out)
    assert load([grade], catalogue=root / "catalogue.yaml").records["grade"].modified == EDIT_DAY


def test_set_modified_keeps_the_layout():
    text = "id: x\nmodified: 2026-11-01  # last review\nnotes:\n  - modified: not this one\n"
    assert datestamps.set_modified(text, "2026-12-01") == text.replace("2026-11-01", "2026-12-01")
    assert datestamps.set_modified("id: x\n", "2026-12-01") is None


def test_only_files_that_resolve_into_the_records_folder_keep_a_datestamp(tmp_path):
    """A record file that links to one elsewhere is a draft there (as a record outside the folder):
    its edits are not stale, while the same edit to a plain file in the folder is."""
    root = _repository(tmp_path)
    (root / "drafts").mkdir()
    for rid in ("leo", "grade"):
        path = root / "records" / f"{rid}.yaml"
        path.write_text(path.read_text().replace("\nkeywords:\n", "\nkeywords:\n  - an added keyword\n", 1))
    (root / "records" / "grade.yaml").rename(root / "drafts" / "grade.yaml")
    (root / "records" / "grade.yaml").symlink_to(root / "drafts" / "grade.yaml")
    assert _stale(root) == {"leo"}


def _one_document(catalogue, record) -> str:
    """The fingerprint as defined (and as users' committed records.json hold it): the hash of one
    JSON document of the record's fields and, by kind/key, each source or catalogue entry it cites."""
    rec = provenance.stated(record)
    lists = {"organisation": catalogue.organisations, "theme": catalogue.themes, "tre": catalogue.tres}
    lists |= {"legal-gateway": catalogue.legal_gateways, "accreditation": catalogue.accreditations}
    lists |= {"programme": catalogue.programmes, "source": catalogue.sources}
    shows = {}
    todo = list(datestamps._refs(rec, set()))
    while todo:  # the entries the record names, and those they name in turn (a TRE's operator)
        kind, key = todo.pop()
        if kind in lists and f"{kind}/{key}" not in shows:
            own = next((s for s in rec.sources if s.id == key), None) if kind == "source" else None
            entry = own or next((e for e in lists[kind] if e.id == key), None)
            shows[f"{kind}/{key}"] = entry
            if entry is not None and own is None:
                todo += datestamps._refs(entry, set())
    body = {k: v for k, v in datestamps._fields(rec).items() if k != "modified"}
    text = json.dumps(
        {"record": body, "shows": shows}, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=datestamps._fields
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_fingerprint_is_the_hash_of_one_json_document():
    """lock_text writes the document in parts (each catalogue entry once): the bytes must stay
    those of the one document, or every committed records.json would call its records stale."""
    catalogue, records = bundled()
    leo = records["leo"]
    shared = catalogue.sources[0]
    odd = attrs.evolve(
        leo,
        title="Étude longitudinale — “LEO”",
        publisher="no-such-organisation",  # a key the catalogue lacks
        sources=(attrs.evolve(leo.sources[0], title="Cité"), attrs.evolve(shared, title="Own copy"), leo.sources[0]),
        provenance=(*leo.provenance, attrs.evolve(leo.provenance[0], source=shared.id)),
    )
    cases = {**records, "odd": odd}
    lock = json.loads(datestamps.lock_text(catalogue, cases))["records"]
    for rid, rec in cases.items():
        assert lock[rid]["content"] == datestamps.fingerprint(catalogue, rec) == _one_document(catalogue, rec), rid


def test_an_edit_to_the_records_teams_notes_alone_needs_no_new_date(tmp_path):
    """`notes` is never published, so a harvester is shown nothing new: no stale date, no touch."""
    root = _repository(tmp_path)
    path = root / "records" / "welsh-environmental-dataset.yaml"
    text = path.read_text()
    assert "\nnotes:\n" in text
    path.write_text(text.replace("\nnotes:\n", "\nnotes:\n  - Checked again today; nothing new.\n", 1))
    assert _stale(root) == set()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0
    assert "modified: 2026-12-01" not in path.read_text()


def test_no_published_field_is_left_out_of_the_fingerprint():
    """Only `aliases`, `notes`, `provenance` and the list of own `sources` are left out of what a record shows:
    every other top-level field is fingerprinted, and each own source a value cites is
    shown whole (`source/<key>`)."""
    from adrmeta.model import Record

    catalogue, records = bundled()
    leo = records["leo"]
    body, own, _listed = datestamps.shown(catalogue, leo)
    for field in attrs.fields(Record):
        if field.name not in ("notes", "modified", "sources", "provenance") and getattr(
            provenance.stated(leo), field.name
        ) not in (
            None,
            (),
        ):
            assert field.name in body, field.name
    assert leo.notes and "notes" not in body and "sources" not in body
    own_cited = {s.id for s in leo.sources} & provenance.cited(provenance.stated(leo))
    assert own_cited and {f"source/{k}" for k in own_cited} <= set(own)


def test_touch_refuses_a_date_before_the_last_export_and_changes_nothing(tmp_path, capsys):
    root = _repository(tmp_path)
    path = root / "records" / "grade.yaml"
    path.write_text(path.read_text().replace("\nsummary: >\n", "\nsummary: >\n  Edited. ", 1))
    before = path.read_text()
    exported = datestamps.read_lock(root / "exports" / datestamps.LOCK).exported
    assert exported and exported > "2026-11-01"
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", "2026-11-01"]) == 2
    assert path.read_text() == before and "before the last export" in capsys.readouterr().err


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Etc/GMT-14"])
def test_today_is_the_utc_day_in_every_time_zone(zone):
    """validate, check and touch judge by `datestamps.today()`: a machine in another zone (a
    pre-commit run late in the evening) must not see another day than CI does."""
    import os
    import subprocess
    import sys

    code = "import time; from adrmeta import datestamps; print(datestamps.today(), time.strftime('%Y-%m-%d', time.gmtime()))"
    env = {**os.environ, "TZ": zone, "PYTHONPATH": str(ROOT / "src")}
    ours, utc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()
    assert ours == utc


def test_touch_and_validate_give_the_same_exit_code_for_a_broken_catalogue(tmp_path):
    root = _repository(tmp_path)
    cat = root / "catalogue.yaml"
    cat.write_text(cat.read_text() + 'title: "unclosed\n')
    assert cli.main(["touch", "--catalogue", str(cat)]) == cli.main(["validate", "--catalogue", str(cat)]) == 1


def test_the_model_has_no_mapping_fields_so_fingerprint_keys_come_sorted():
    """The fingerprint encoder does not sort keys: every JSON object it writes is a model object
    laid out by `_fields` in sorted order. A mapping field would be written in the file's order."""
    import inspect

    from adrmeta import model

    classes = [c for _n, c in inspect.getmembers(model, inspect.isclass) if attrs.has(c) and c.__module__ == model.__name__]
    assert len(classes) > 10
    for cls in classes:
        for field in attrs.fields(cls):
            assert not any(word in str(field.type) for word in ("dict", "Mapping")), (cls.__name__, field.name)


def test_touch_refuses_a_date_after_today_and_changes_nothing(tmp_path, capsys):
    """A datestamp to come would be refused by validate (record.modified-future): touch does not
    write one, neither on a changed record nor as a withdrawal's date in catalogue.yaml."""
    root = _repository(tmp_path)
    path = root / "records" / "grade.yaml"
    path.write_text(path.read_text().replace("\nsummary: >\n", "\nsummary: >\n  Edited. ", 1))
    (root / "records" / "leo.yaml").unlink()  # a removal touch would list as withdrawn
    files = sorted(p for p in root.rglob("*.yaml"))
    before = {p: p.read_bytes() for p in files}
    tomorrow = (ON_EDIT_DAY + dt.timedelta(days=1)).isoformat()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", tomorrow]) == 2
    assert f"--date {tomorrow} is after today ({EDIT_DAY}, UTC)" in capsys.readouterr().err
    assert sorted(root.rglob("*.yaml")) == files and all(p.read_bytes() == before[p] for p in files)
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0  # today is allowed
    assert "modified: 2026-12-01" in path.read_text()


def test_a_record_dated_after_today_is_an_error_and_today_is_not(tmp_path):
    """The UTC day is the last a datestamp may name: the next is a change that has not happened
    (record.modified-future), which every export and serve would publish."""
    text = (FIXTURES / "valid" / "minimal.yaml").read_text()
    path = tmp_path / "minimal.yaml"
    for day, codes in ((TODAY, []), (TODAY + dt.timedelta(days=1), ["record.modified-future"])):
        path.write_text(datestamps.set_modified(text, day.isoformat()) or "")
        report = validate([path], catalogue=TEST_CATALOGUE, today=TODAY)
        assert [i.code for i in report.at_least("warning")] == codes, day
    [issue] = report.at_least("error")
    assert issue.path == "/modified" and issue.location is not None and issue.location.line == 6
    assert f"Set modified: {TODAY.isoformat()}" in issue.fix


def test_touch_dates_a_record_dated_after_today_to_today(tmp_path, capsys):
    """validate's fix for record.modified-future names touch: touch must then set such a record to
    today, though its content did not change since the export."""
    root = _repository(tmp_path)
    path = root / "records" / "leo.yaml"
    later = (ON_EDIT_DAY + dt.timedelta(days=30)).isoformat()
    path.write_text(datestamps.set_modified(path.read_text(), later) or "")
    [issue] = validate(catalogue=root / "catalogue.yaml", today=ON_EDIT_DAY).at_least("error")
    assert issue.code == "record.modified-future" and "adrmeta touch" in issue.fix
    capsys.readouterr()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 record(s) touched."
    assert f"modified: {EDIT_DAY}" in path.read_text()
    assert validate(catalogue=root / "catalogue.yaml", today=ON_EDIT_DAY).at_least("error") == []


def test_after_an_export_of_a_date_to_come_touch_says_how_to_recover(tmp_path, capsys, on_day):
    """An export made before record.modified-future existed (or with a wrong clock) holds a date to
    come: touch can date nothing before it, and none after today, so it names the way out."""
    root = _repository(tmp_path)
    path = root / "records" / "grade.yaml"
    later = (ON_EDIT_DAY + dt.timedelta(days=30)).isoformat()
    path.write_text(datestamps.set_modified(path.read_text(), later) or "")
    on_day(later)  # exported as if on that day
    assert cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")]) == 0
    on_day(EDIT_DAY)
    capsys.readouterr()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml")]) == 2
    assert f"set those records' modified to {EDIT_DAY} and export again" in capsys.readouterr().err
    path.write_text(datestamps.set_modified(path.read_text(), EDIT_DAY) or "")  # the way out
    assert cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")]) == 0
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml")]) == 0


def test_an_entry_a_record_reaches_through_another_is_in_its_fingerprint():
    """census-2021-sail names the SAIL Databank TRE; its DCAT document also shows the TRE's
    operator, Swansea University. Renaming the university changes that document, so the record's
    fingerprint must change too, or its date would not move and harvesters would miss it."""
    catalogue, records = bundled()
    rec = records["census-2021-sail"]
    assert "organisation/swansea-university" not in {f"{k}/{v}" for k, v in datestamps._refs(rec, set())}
    renamed = attrs.evolve(
        catalogue,
        organisations=tuple(
            attrs.evolve(o, name="Prifysgol Abertawe") if o.id == "swansea-university" else o for o in catalogue.organisations
        ),
    )
    assert datestamps.fingerprint(renamed, rec) != datestamps.fingerprint(catalogue, rec)


def test_a_records_json_of_an_earlier_fingerprint_checks_dates_only_until_the_next_export(tmp_path):
    """Fingerprints written when they covered less (no "fingerprint" key) no longer compare: the
    records are not called stale for it, and the next export writes the new ones."""
    root = _repository(tmp_path)
    lock_path = root / "exports" / "records.json"
    data = json.loads(lock_path.read_text())
    assert data["fingerprint"] == datestamps.FINGERPRINT
    del data["fingerprint"]
    for entry in data["records"].values():
        entry["content"] = "0" * 64  # what an earlier definition might have hashed to
    lock_path.write_text(json.dumps(data))
    assert _stale(root) == set()
    lock = datestamps.read_lock(lock_path)
    assert all("content" not in entry for entry in lock.values())
    data["fingerprint"] = datestamps.FINGERPRINT  # the same file, read as this version's: every record stale
    lock_path.write_text(json.dumps(data))
    assert _stale(root) == set(data["records"])


def test_an_edit_to_a_provenance_note_alone_needs_no_new_date(tmp_path):
    """A provenance entry's note (where the source states a value) is never published: improving
    the quote shows a harvester nothing new. Its source still counts: citing a source the record
    did not cite before adds it to the site's Sources list, so that does need a new date."""
    root = _repository(tmp_path)
    path = root / "records" / "children-looked-after-wales.yaml"
    text = path.read_text()
    assert "    source: cascade-sail-applications\n    note: >\n" in text
    path.write_text(
        text.replace(
            "    source: cascade-sail-applications\n    note: >\n",
            "    source: cascade-sail-applications\n    note: >\n      Re-read. ",
            1,
        )
    )
    assert _stale(root) == set()
    catalogue, records = bundled()
    rec = records["children-looked-after-wales"]
    uncited = next(s.id for s in catalogue.sources if s.id not in provenance.cited(provenance.stated(rec)))
    moved = attrs.evolve(rec, provenance=(*rec.provenance, attrs.evolve(rec.provenance[0], source=uncited)))
    assert datestamps.fingerprint(catalogue, moved) != datestamps.fingerprint(catalogue, rec)
