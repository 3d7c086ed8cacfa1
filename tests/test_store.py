"""The record spool behind `adrmeta export`: records kept in a temporary file read back exactly,
validation over it reports exactly what validation in memory does, and loading on two processes
(or falling back to one when the second dies) gives the same workspace."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from adrmeta import perf, store
from adrmeta.exportrun import DirSink
from adrmeta.feeds import MemorySink, Sink
from adrmeta.validate import check, load

from .conftest import FIXTURES, ROOT, TEST_CATALOGUE

INVALID = sorted((FIXTURES / "invalid").rglob("*.yaml"))
DATED = {"today": __import__("datetime").date(2026, 11, 21)}


def report_dict(ws):
    return check(ws, **DATED).to_dict()


def test_spooled_records_read_back_equal_to_the_loaded_ones():
    plain, spooled = load(cwd=ROOT), load(cwd=ROOT, spool=True)
    assert isinstance(spooled.loaded, store.Spool)
    assert list(spooled.records) == list(plain.records)
    for rid, rec in plain.records.items():
        assert spooled.records[rid] == rec
    assert spooled.index() == plain.index()
    last_path, last = spooled.loaded[-1]
    assert (last_path, last.value) == (plain.loaded[-1][0], plain.loaded[-1][1].value)
    with pytest.raises(IndexError):
        spooled.loaded[len(plain.loaded)]
    assert "no-such-record" not in spooled.records and spooled.records.get("no-such-record") is None


def test_validation_over_the_spool_reports_what_validation_in_memory_does():
    """Every invalid fixture at once: load issues, located rule issues, duplicate ids."""
    plain = load(INVALID, catalogue=TEST_CATALOGUE)
    spooled = load(INVALID, catalogue=TEST_CATALOGUE, spool=True)
    expected = report_dict(plain)
    codes = {i["code"] for i in expected["issues"]}
    assert len(codes) > 25 and {"record.duplicate-id", "yaml.syntax", "consistency.relation-inverse"} <= codes
    assert report_dict(spooled) == expected


def test_the_cache_keeps_a_bounded_number_of_records(monkeypatch):
    monkeypatch.setattr(store, "CACHED", 3)
    ws = load(cwd=ROOT, spool=True)
    for rid in ws.records:
        assert ws.records[rid].id == rid
    assert len(ws.records._cache) == 3   # type: ignore[attr-defined]


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_two_loading_processes_give_the_same_workspace(monkeypatch):
    monkeypatch.setattr(perf, "PARALLEL_FROM", 2)
    one = load(INVALID, catalogue=TEST_CATALOGUE, spool=True, jobs=1)
    two = load(INVALID, catalogue=TEST_CATALOGUE, spool=True, jobs=2)
    assert len(two.loaded._files) == 2   # type: ignore[attr-defined]
    assert two.index() == one.index()
    assert report_dict(two) == report_dict(one)
    assert check(two, jobs=2, **DATED).to_dict() == report_dict(one)   # checked in halves too
    assert [two.loaded[i][1].file for i in range(len(two.loaded))] == [one.loaded[i][1].file for i in range(len(one.loaded))]


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_a_second_process_that_dies_leaves_its_half_to_this_one(monkeypatch):
    monkeypatch.setattr(perf, "PARALLEL_FROM", 2)
    real = perf._half   # the first half's process works, the second's dies
    monkeypatch.setattr(perf, "_half", lambda conn, work, start, stop, half: os._exit(1) if half else real(conn, work, start, stop, half))
    survived = load(INVALID, catalogue=TEST_CATALOGUE, spool=True, jobs=2)
    assert len(survived.loaded._files) == 3   # type: ignore[attr-defined]  # the two halves' parts, and one for the rescue
    plain = load(INVALID, catalogue=TEST_CATALOGUE)
    assert list(survived.records) == list(plain.records)
    assert all(survived.records[rid] == rec for rid, rec in plain.records.items())
    assert check(survived, jobs=2, **DATED).to_dict() == report_dict(plain)


def test_a_document_in_pieces_is_hashed_and_stored_whole(tmp_path: Path):
    pieces = ["{\n", "é" * 3, "\n}\n"]
    whole = "".join(pieces).encode("utf-8")
    expected = (len(whole), hashlib.sha256(whole).hexdigest())
    for sink in (Sink(), MemorySink(), DirSink(tmp_path)):
        sink.put("dcat/catalog.jsonld", iter(pieces))
        assert sink.digests["dcat/catalog.jsonld"] == expected
    assert (tmp_path / "dcat" / "catalog.jsonld").read_bytes() == whole
    memory = MemorySink()
    memory.put("a.json", iter(pieces))
    assert memory.files["a.json"] == "".join(pieces)


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_the_feeds_survey_in_halves_finds_what_one_pass_does(monkeypatch):
    from adrmeta import feeds
    from adrmeta.export import EXPORTERS

    monkeypatch.setattr(perf, "PARALLEL_FROM", 2)
    ws = load(cwd=ROOT, spool=True)
    one = feeds.survey(ws.catalogue, ws.records, sorted(EXPORTERS))
    assert one.members["ons"] and one.lacking["hdruk"]   # something to compare
    assert feeds.survey(ws.catalogue, ws.records, sorted(EXPORTERS), jobs=2) == one


def test_a_full_temporary_folder_stops_the_export_with_a_message(tmp_path, monkeypatch, capsys):
    import errno
    import shutil

    from adrmeta.cli import main

    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    shutil.copytree(ROOT / "records", tmp_path / "records")
    monkeypatch.chdir(tmp_path)

    def full(file, data, offset):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "write_at", full)
    assert main(["export"]) == 2
    err = capsys.readouterr().err
    assert "nothing written" in err and "temporary folder: No space left on device" in err
    assert not (tmp_path / "exports").exists()


def test_without_positional_reads_and_writes_the_spool_still_works(monkeypatch):
    """Where the OS has no pread/pwrite (Windows: no fork either), the spool seeks instead."""
    monkeypatch.delattr(os, "pread")
    monkeypatch.delattr(os, "pwrite")
    plain, spooled = load(INVALID, catalogue=TEST_CATALOGUE), load(INVALID, catalogue=TEST_CATALOGUE, spool=True)
    assert report_dict(spooled) == report_dict(plain)


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_validate_on_two_processes_prints_the_same_report(monkeypatch, capsys):
    """`adrmeta validate` loads and checks many records on two processes; the report is the same."""
    from adrmeta.cli import main

    args = ["validate", "--catalogue", str(TEST_CATALOGUE), "--format", "json", *map(str, INVALID)]
    assert main(args) == 1
    one = capsys.readouterr().out
    monkeypatch.setattr(perf, "PARALLEL_FROM", 2)
    assert main(args) == 1
    assert capsys.readouterr().out == one
    assert '"record.duplicate-id"' in one


def test_validate_falls_back_to_one_process_when_the_temporary_folder_is_full(monkeypatch, capsys):
    """Two processes are only a speed-up for validate: without a spool it loads in memory instead."""
    import errno

    from adrmeta.cli import main

    args = ["validate", "--catalogue", str(TEST_CATALOGUE), "--format", "json", *map(str, INVALID)]
    assert main(args) == 1
    one = capsys.readouterr().out

    def full(file, data, offset):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(perf, "PARALLEL_FROM", 2)
    monkeypatch.setattr(store, "write_at", full)
    assert main(args) == 1
    assert capsys.readouterr().out == one
