"""Every issue code adrmeta can report has an input that triggers it, alone, with a location."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from adrmeta import cli
from adrmeta.datestamps import FINGERPRINT
from adrmeta.report import CODES, SEVERITY_RANK
from adrmeta.validate import load, validate

from .conftest import FIXTURES, TEST_CATALOGUE, TODAY

INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid" / "minimal.yaml"
NO_LINE = {"file.not-found", "file.unreadable", "file.too-large", "file.outside"}
# Codes reported by conformance checks of exported files, not by validate (test_ddi, test_schemaorg).
CONFORMANCE = {
    c for c in CODES if c.startswith(("ddi.", "schemaorg.", "google.", "dcat.", "export.", "feed.", "link."))
}  # link codes: tests/test_links.py
CONFORMANCE |= {"hdruk.schema", "hdruk.required-empty", "cddo.schema", "cddo.shacl"}  # tests/test_profiles.py
CONFORMANCE |= {"csvw.schema"}  # tests/test_dictionary_export.py
CONFORMANCE |= {c for c in CODES if c.startswith("import.")}  # tests/test_import_*.py (test_import_cli checks each)
VALIDATION = sorted(set(CODES) - CONFORMANCE)


# code -> (the record id the last export holds, if any; the catalogue's withdrawn list)
WITHDRAWALS: dict[str, tuple[str | None, list[tuple[str, str]]]] = {
    "record.removed-unannounced": ("gone", []),
    "catalogue.withdrawn-date": ("gone", [("gone", "2026-10-01")]),
    "catalogue.withdrawn-restored": (None, [("minimal", "2026-11-02")]),
}
# codes whose input is a catalogue file: tests/fixtures/catalogues/<code with '-' for '.'>.yaml
CATALOGUE_FIXTURES = ("catalogue.duplicate-key", "consistency.theme-count", "catalogue.date-future")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def generated(code: str, tmp: Path) -> tuple[list[Path], Path]:
    """Inputs that are better made than committed: binary, huge, special files."""
    minimal = VALID.read_text()
    if code == "file.not-found":
        return [tmp / "missing.yaml"], TEST_CATALOGUE
    if code == "file.unreadable":
        fifo = tmp / "fifo.yaml"
        os.mkfifo(fifo)
        return [fifo], TEST_CATALOGUE
    if code == "file.outside":  # a link out of the catalogue's folder (tests/fixtures)
        (tmp / "link.yaml").symlink_to(_write(tmp / "target.yaml", minimal.encode()))
        return [tmp / "link.yaml"], TEST_CATALOGUE
    if code == "file.too-large":
        return [_write(tmp / "huge.yaml", b"# padding\n" * 110_000)], TEST_CATALOGUE
    if code == "file.encoding":
        return [_write(tmp / "latin1.yaml", minimal.replace("Minimal", "Minimal caf\u00e9").encode("latin-1"))], TEST_CATALOGUE
    if code == "file.empty":
        return [_write(tmp / "empty.yaml", b"# only a comment\n")], TEST_CATALOGUE
    if code == "yaml.too-deep":
        return [
            _write(tmp / "deep.yaml", minimal.encode() + b"notes: " + b"[" * 200_000 + b"]" * 200_000 + b"\n")
        ], TEST_CATALOGUE
    if code == "record.modified-stale":  # a record exported before, edited since, its date unmoved
        (tmp / "records").mkdir()
        (tmp / "exports").mkdir()
        shutil.copy(TEST_CATALOGUE, tmp / "catalogue.yaml")
        lock = {"fingerprint": FINGERPRINT, "records": {"minimal": {"modified": "2026-11-01", "content": "0" * 64}}}
        (tmp / "exports" / "records.json").write_text(json.dumps(lock))
        return [_write(tmp / "records" / "minimal.yaml", minimal.encode())], tmp / "catalogue.yaml"
    if code == "catalogue.modified-stale":  # feeds exported with other content, the file's date not after theirs
        (tmp / "records").mkdir()
        (tmp / "exports").mkdir()
        shutil.copy(TEST_CATALOGUE, tmp / "catalogue.yaml")  # modified: 2026-11-01
        feeds = {t: {"modified": "2026-11-01", "content": "0" * 64} for t in ("ons", "gateway")}
        lock = {"feeds": feeds, "fingerprint": FINGERPRINT, "records": {}}
        (tmp / "exports" / "records.json").write_text(json.dumps(lock))
        return [_write(tmp / "records" / "minimal.yaml", minimal.encode())], tmp / "catalogue.yaml"
    if code in WITHDRAWALS:  # a record of the last export gone; listed as withdrawn too early; or back
        (tmp / "records").mkdir()
        (tmp / "exports").mkdir()
        gone, withdrawn = WITHDRAWALS[code]
        lock = {"fingerprint": FINGERPRINT, "records": {gone: {"modified": "2026-11-01", "content": "0" * 64}} if gone else {}}
        (tmp / "exports" / "records.json").write_text(json.dumps(lock))
        listed = "".join(f"  - id: {rid}\n    date: {date}\n" for rid, date in withdrawn)
        _write(tmp / "catalogue.yaml", (TEST_CATALOGUE.read_text() + ("withdrawn:\n" + listed if listed else "")).encode())
        return [_write(tmp / "records" / "minimal.yaml", minimal.encode())], tmp / "catalogue.yaml"
    if code == "record.id-taken":  # a draft outside records/ with the id of a record in it
        for folder in ("records", "drafts"):
            (tmp / folder).mkdir()
            _write(tmp / folder / "minimal.yaml", minimal.encode())
        shutil.copy(TEST_CATALOGUE, tmp / "catalogue.yaml")
        return [tmp / "drafts" / "minimal.yaml"], tmp / "catalogue.yaml"
    if code in CATALOGUE_FIXTURES:
        return [VALID], FIXTURES / "catalogues" / f"{code.replace('.', '-')}.yaml"
    fixture = INVALID / code.replace(".", "-")
    return [fixture if fixture.is_dir() else fixture.with_suffix(".yaml")], TEST_CATALOGUE


def test_every_code_has_an_input():
    for code in VALIDATION:
        if code.startswith("file.") or code in (
            "yaml.too-deep",
            *CATALOGUE_FIXTURES,
            "record.modified-stale",
            "catalogue.modified-stale",
            "record.id-taken",
            *WITHDRAWALS,
        ):
            continue
        stem = INVALID / code.replace(".", "-")
        assert stem.is_dir() or stem.with_suffix(".yaml").is_file(), f"no fixture for {code}"


def test_the_clean_fixture_is_clean():
    report = validate([VALID], catalogue=TEST_CATALOGUE, today=TODAY)
    assert report.at_least("warning") == []
    # a minimal record lacks what HDR UK and the cross-government model require: it says so, as info
    assert set(report.codes()) == {"hdruk.incomplete", "hdruk.section-omitted", "cddo.incomplete"}
    assert report.checked == ("minimal",)


@pytest.mark.parametrize("code", VALIDATION)
def test_code_is_reported_alone_and_located(code, tmp_path):
    paths, catalogue = generated(code, tmp_path)
    report = validate(paths, catalogue=catalogue, today=TODAY)
    codes = set(report.codes())
    assert code in codes
    serious = {i.code for i in report.at_least("warning")}
    if SEVERITY_RANK[CODES[code][0]] >= SEVERITY_RANK["warning"]:
        assert serious == {code}
    else:
        assert serious == set()
    for issue in report.issues:
        assert issue.severity == CODES[issue.code][0]
        assert issue.location is not None and issue.location.file
        assert issue.message and issue.fix
        if issue.code not in NO_LINE:
            assert issue.location.line and issue.location.line >= 1
            assert issue.location.column and issue.location.column >= 1


@pytest.mark.parametrize("code", VALIDATION)
def test_cli_exit_code_and_message(code, tmp_path, capsys, on_day):
    on_day(TODAY)  # the fixtures' dates to come (record.modified-future, catalogue.date-future) are after it
    paths, catalogue = generated(code, tmp_path)
    rc = cli.main(["validate", "--catalogue", str(catalogue), "--fail-on", "info", "--show", "info", *map(str, paths)])
    out = capsys.readouterr().out
    assert rc == (2 if code in cli.IO_CODES else 1)
    assert code in out


def test_a_bad_part_of_a_free_form_value_fails_the_whole_value(tmp_path):
    """A variant's value holding a forbidden tag is reported, and no half-built value survives."""
    text = (FIXTURES / "valid" / "minimal.yaml").read_text() + (
        "variants:\n  - path: /title\n    source: adr-2022-brochure\n    value:\n      nested: [ok, !!python/name:os.system x]\n"
    )
    path = tmp_path / "minimal.yaml"
    path.write_text(text)
    report = validate([path], catalogue=TEST_CATALOGUE, today=TODAY)
    assert [i.code for i in report.issues] == ["yaml.tag"]
    assert report.issues[0].path == "/variants/0/value/nested/1"
    assert report.checked == ("minimal",)  # listed as checked, by its file name
    assert not load([path], catalogue=TEST_CATALOGUE).records  # not built with a sentinel inside it


def test_an_available_dataset_whose_only_route_is_inferred_is_warned(tmp_path):
    """A route marked as an inference is left out of every export, so an available dataset with
    only such routes shows no way in on the site or in DCAT: validate must say so."""
    text = (FIXTURES / "invalid" / "consistency-available-without-access.yaml").read_text(encoding="utf-8")
    path = tmp_path / "consistency-available-without-access.yaml"
    route = "access:\n  - tre: ons-srs\n"
    mark = "provenance:\n  - path: /access/0\n    basis: inference\n    note: The TRE is assumed from the owner.\n"
    path.write_text(text + route + mark, encoding="utf-8")
    report = validate([path], catalogue=TEST_CATALOGUE, today=TODAY)
    assert [(i.code, i.path) for i in report.at_least("warning")] == [("consistency.available-without-access", "/access")]
    path.write_text(text + route, encoding="utf-8")  # the same route, stated
    assert validate([path], catalogue=TEST_CATALOGUE, today=TODAY).at_least("warning") == []
