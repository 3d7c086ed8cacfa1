"""Datestamps that follow content: an edit to a record, or to a catalogue entry it shows, must move
its `modified` date, so an incremental OAI-PMH harvest (`from=`) sees exactly the changed records."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import attrs
import pytest
from lxml import etree

from adrmeta import cli, datestamps, provenance
from adrmeta.conform.xmlsafe import safe_parser
from adrmeta.provenance import published
from adrmeta.serve.oai import Repository
from adrmeta.validate import load, validate

from .conftest import ROOT, TODAY, bundled

EDIT_DAY = "2026-12-01"
NS = {"o": "http://www.openarchives.org/OAI/2.0/"}


def _repository(tmp_path: Path) -> Path:
    """A copy of the bundled catalogue and records, exported once (the published state)."""
    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    shutil.copytree(ROOT / "records", tmp_path / "records")
    assert cli.main(["export", "--catalogue", str(tmp_path / "catalogue.yaml"), "--out", str(tmp_path / "exports")]) == 0
    return tmp_path


def _stale(root: Path) -> set[str]:
    report = validate(catalogue=root / "catalogue.yaml", today=TODAY)
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
    assert datestamps.lock_text(ws.catalogue, published(ws.records)).encode() == before


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
    [issue] = [i for i in validate(catalogue=root / "catalogue.yaml", today=TODAY).issues if i.code == "record.modified-stale"]
    assert issue.severity == "error" and issue.path == "/modified" and TODAY.isoformat() in issue.fix
    assert issue.location is not None and issue.location.line


def test_an_edit_on_the_day_the_record_is_dated_needs_no_touch(tmp_path):
    root = _repository(tmp_path)
    path = root / "records" / "leo.yaml"
    text = path.read_text().replace("\nkeywords:\n", "\nkeywords:\n  - an added keyword\n", 1)
    path.write_text(datestamps.set_modified(text, TODAY.isoformat()) or text)
    assert cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports")]) == 0
    path.write_text(path.read_text().replace("  - an added keyword\n", "  - another keyword\n", 1))
    assert _stale(root) == set()  # already dated today: a harvest from today sees it


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
    for kind, key in datestamps._refs(rec, set()):
        if kind in lists:
            own = next((s for s in rec.sources if s.id == key), None) if kind == "source" else None
            shows[f"{kind}/{key}"] = own or next((e for e in lists[kind] if e.id == key), None)
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
