"""The records folder as found on disk: links that leave the catalogue's folder are refused without
echoing what they point at, and a folder that cannot be listed is an error, never an empty catalogue."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from adrmeta import cli
from adrmeta.validate import load, validate

from .conftest import FIXTURES, TEST_CATALOGUE, TODAY, run_cli

SECRET = "root:$6$secretpasswordhash:19000:0:99999:7:::"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    home = tmp_path / "repo"
    (home / "records").mkdir(parents=True)
    shutil.copy(TEST_CATALOGUE, home / "catalogue.yaml")
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", home / "records" / "minimal.yaml")
    return home


def _secrets(tmp_path: Path) -> tuple[Path, Path]:
    shadow = tmp_path / "shadow"
    shadow.write_text(f"{SECRET}\nid: [{SECRET}]\n")
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "other.yaml").write_text(f"id: x\ntitle: {SECRET}\nnotes: [{SECRET}\n")
    return shadow, folder


def test_links_leaving_the_catalogue_folder_are_refused_unread(workspace, tmp_path):
    shadow, folder = _secrets(tmp_path)
    (workspace / "records" / "x.yaml").symlink_to(shadow)
    (workspace / "records" / "sub").symlink_to(folder)
    (workspace / "kept").mkdir()  # a link that stays inside the catalogue's folder is read
    (workspace / "records" / "minimal.yaml").rename(workspace / "kept" / "minimal.yaml")
    (workspace / "records" / "minimal.yaml").symlink_to(workspace / "kept" / "minimal.yaml")
    for args in (
        ("validate",),
        ("validate", "records/x.yaml"),
        ("validate", "--format", "json"),
        ("check",),
        ("export", "--out", str(tmp_path / "out")),
    ):
        result = run_cli(*args, cwd=workspace)
        assert "secretpasswordhash" not in result.stdout + result.stderr, args
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "file.outside" in result.stdout or "file.outside" in result.stderr or args[0] == "check"
    text = run_cli("validate", cwd=workspace).stdout
    assert "records/x.yaml: error file.outside" in text and "records/sub: error file.outside" in text
    assert re.search(r"1 record\(s\) checked: 2 error\(s\), 0 warning\(s\), \d+ info", text.splitlines()[-1]), text
    assert "file.outside" in text and text.count("error ") == 2
    assert not (tmp_path / "out").exists()


def test_a_records_folder_that_is_a_file_is_an_io_error(workspace, tmp_path):
    shutil.rmtree(workspace / "records")
    (workspace / "records").write_text((FIXTURES / "valid" / "minimal.yaml").read_text())
    exports = workspace / "exports"
    exports.mkdir()
    (exports / "published.txt").write_text("published\n")
    for args in (("validate",), ("check",), ("export",), ("serve", "--port", "0")):
        result = run_cli(*args, cwd=workspace, timeout=60)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "records is not a folder" in result.stdout + result.stderr, args
    assert [p.name for p in exports.iterdir()] == ["published.txt"]


def test_a_records_folder_that_cannot_be_listed_is_an_io_error(workspace, monkeypatch, capsys):
    """As root, chmod 000 does not stop listing: the listing call itself is made to fail."""
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("records"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(workspace)
    ws = load()
    assert [(i.code, i.location.file) for i in ws.issues] == [("file.unreadable", "records")]
    assert "cannot be listed: Permission denied" in ws.issues[0].message
    exports = workspace / "exports"
    exports.mkdir()
    (exports / "published.txt").write_text("published\n")
    for args in (["validate"], ["check"], ["export"], ["serve", "--port", "0"]):
        assert cli.main(args) == 2, args
    assert [p.name for p in exports.iterdir()] == ["published.txt"]
    assert "cannot be listed" in capsys.readouterr().out


def test_loaded_records_are_frozen_out_of_the_collector_only_when_permanent(tmp_path):
    """The CLI's records live for the whole command: the collector must not walk them again on
    every full collection (benchmarks/README.md), and no garbage is frozen with them. A library
    caller (the default) keeps the collector as it was: gc.freeze() would keep its objects too."""
    import gc
    import weakref

    from adrmeta.records import load_records
    from tests.conftest import ROOT

    class Cycle:
        pass

    paths = [(p, p.name) for p in sorted((ROOT / "records").glob("*.yaml"))[:3]]
    gc.unfreeze()
    load_records(paths)
    assert gc.get_freeze_count() == 0
    junk = Cycle()
    junk.me = junk  # type: ignore[attr-defined]  # garbage only the collector can free
    gone = weakref.ref(junk)
    del junk
    gc.disable()  # so that only load_records' own collection can free it
    try:
        loaded = load_records(paths, permanent=True)
        assert gc.get_freeze_count() > 0
        assert gone() is None  # collected before the freeze, not kept with the records
        tracked = {id(o) for o in gc.get_objects()}  # the collector's generations, not the frozen ones
        for _path, one in loaded:
            assert one.value is not None and id(one.value) not in tracked
    finally:
        gc.enable()
        gc.unfreeze()  # leave the test process as it was


def test_naming_the_catalogue_checks_every_record(workspace):
    """Records show catalogue entries, so an edit to catalogue.yaml can break any of them: naming
    the catalogue file (as the pre-commit hook does when it is staged) checks them all."""
    minimal = (workspace / "records" / "minimal.yaml").read_text()
    (workspace / "records" / "other.yaml").write_text(minimal.replace("id: minimal", "id: other"))
    catalogue = workspace / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text().replace("  - id: dfe\n", "  - id: dfe-renamed\n", 1))
    result = run_cli("validate", "catalogue.yaml", cwd=workspace)
    assert result.returncode == 1
    unknown = re.findall(r"^(records/\w+\.yaml):\d+:\d+: error reference\.unknown", result.stdout, flags=re.M)
    assert unknown == ["records/minimal.yaml", "records/other.yaml"]
    ws = load([catalogue, workspace / "records" / "other.yaml"], catalogue=catalogue)
    assert sorted(ws.records) == ["minimal", "other"]


def test_a_draft_with_a_records_id_is_warned_once_and_only_outside_the_folder(workspace):
    """Moving drafts/minimal.yaml into records/ would replace the record: validate says so. A draft
    with its own id, the records folder itself, and a record in it that links to its draft do not."""
    drafts = workspace / "drafts"
    drafts.mkdir()
    minimal = (workspace / "records" / "minimal.yaml").read_text()
    (drafts / "minimal.yaml").write_text(minimal)
    (drafts / "fresh.yaml").write_text(minimal.replace("id: minimal", "id: fresh"))
    (drafts / "linked.yaml").write_text(minimal.replace("id: minimal", "id: linked"))
    (workspace / "records" / "linked.yaml").symlink_to(drafts / "linked.yaml")
    catalogue = workspace / "catalogue.yaml"

    def taken(*paths: Path) -> list[tuple[str | None, str | None]]:
        report = validate(list(paths), catalogue=catalogue, today=TODAY)
        return [(i.record, i.location.file if i.location else None) for i in report.issues if i.code == "record.id-taken"]

    assert taken(drafts) == [("minimal", str(drafts / "minimal.yaml"))]
    assert taken(drafts / "fresh.yaml") == []
    assert taken() == []  # the records folder, the linked record included
    assert run_cli("validate", "drafts/minimal.yaml", cwd=workspace).returncode == 0  # a warning: a replacement may be meant


def test_a_draft_is_checked_against_the_records_it_names(workspace):
    """Owner trial R3: a draft outside records/ saying `part_of: [rel-collection]` had 0 errors and
    gained consistency.relation-inverse once moved in. Checked alone, a draft, or one record of the
    folder, now meets the records of the folder it names, as a check of the whole folder does."""
    inverse = FIXTURES / "invalid" / "consistency-relation-inverse"
    collection = (inverse / "rel-collection.yaml").read_text().replace("has_part: [rel-part]", "has_part: [minimal]")
    (workspace / "records" / "rel-collection.yaml").write_text(collection)
    minimal = (workspace / "records" / "minimal.yaml").read_text()
    (workspace / "drafts").mkdir()
    draft = workspace / "drafts" / "newpart.yaml"
    draft.write_text(minimal.replace("id: minimal", "id: newpart") + "part_of: [rel-collection]\n")
    (workspace / "records" / "minimal.yaml").write_text(minimal + "part_of: [rel-collection]\n")
    catalogue = workspace / "catalogue.yaml"

    def inverse_issues(*paths: Path) -> list[tuple[str | None, str]]:
        report = validate(list(paths) or None, catalogue=catalogue, today=TODAY)
        return [(i.record, i.path) for i in report.issues if i.code == "consistency.relation-inverse"]

    assert inverse_issues(draft) == [("newpart", "/part_of/0")]
    shutil.copy(draft, workspace / "records" / "newpart.yaml")
    assert inverse_issues() == [("newpart", "/part_of/0")]  # the same, once moved in
    assert inverse_issues(workspace / "records" / "newpart.yaml") == [("newpart", "/part_of/0")]
    assert inverse_issues(workspace / "records" / "minimal.yaml") == []  # listed: no issue
    # the collection checked alone meets its parts too
    (workspace / "records" / "rel-collection.yaml").write_text(collection.replace("[minimal]", "[minimal, gone-part]"))
    (workspace / "records" / "gone-part.yaml").write_text(minimal.replace("id: minimal", "id: gone-part"))
    assert inverse_issues(workspace / "records" / "rel-collection.yaml") == [("rel-collection", "/has_part/1")]


def test_a_copied_record_is_the_one_reported_as_a_duplicate(tmp_path):
    """records/leo-copy.yaml (sorted before leo.yaml) repeats leo's id: the copy is reported, not
    the record named after the id."""
    from .test_datestamps import _repository

    root = _repository(tmp_path)
    shutil.copy(root / "records" / "leo.yaml", root / "records" / "leo-copy.yaml")
    report = validate(catalogue=root / "catalogue.yaml", today=TODAY)
    [dup] = [i for i in report.issues if i.code == "record.duplicate-id"]
    assert dup.location is not None and dup.location.file.endswith("leo-copy.yaml")
    assert "records/leo.yaml" in dup.message
    copy = root / "records" / "leo-copy.yaml"
    copy.write_text(copy.read_text().replace("\ntitle: ", "\ntitle: A stray copy of ", 1))
    ws = load(catalogue=root / "catalogue.yaml")
    assert not ws.records["leo"].title.startswith("A stray copy")  # every command sees the record, not its copy
    assert ws.owners["leo"].endswith("records/leo.yaml")


def test_a_mistyped_record_id_gets_the_closest_id_and_check_prints_the_fix():
    """`check leoo` and `validate records/grde.yaml`: not found (exit 2), with the record meant."""
    from .conftest import ROOT

    checked = run_cli("check", "leoo", cwd=ROOT)
    assert checked.returncode == 2 and "file.not-found" in checked.stdout
    assert "Fix: Did you mean 'leo'?" in checked.stdout
    report = validate([ROOT / "records" / "grde.yaml"], catalogue=ROOT / "catalogue.yaml", today=TODAY)
    [missing] = [i for i in report.issues if i.code == "file.not-found"]
    assert "'grade'" in missing.fix
    far = validate([ROOT / "records" / "zzzzzz.yaml"], catalogue=ROOT / "catalogue.yaml", today=TODAY)
    assert [i.fix for i in far.issues if i.code == "file.not-found"] == ["Check the path."]
