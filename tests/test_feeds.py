"""Per-catalogue feeds, `adrmeta export --check`, atomic replacement of the exports tree (a run
killed with SIGKILL leaves the old tree intact), and `adrmeta conform`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from adrmeta import feeds, fileio
from adrmeta.validate import load

from .conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def bundled():
    ws = load(cwd=ROOT)
    return ws.catalogue, ws.records


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A copy of the repository's catalogue and records, to edit and export freely."""
    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    shutil.copytree(ROOT / "records", tmp_path / "records")
    return tmp_path


def tree_bytes(root: Path) -> dict[str, bytes]:
    return fileio.read_tree(root)


def test_feeds_hold_exactly_the_records_accessible_through_their_tres(bundled):
    catalogue, records = bundled
    files = feeds.tree(catalogue, records)
    for target in catalogue.target_catalogues:
        manifest = json.loads(files[f"feeds/{target.id}/manifest.json"])
        expected = sorted(rid for rid, r in records.items()
                          if r.status == "available" and any(a.tre in target.tres for a in r.access))
        assert manifest["records"] == expected and manifest["record_count"] == len(expected)
        assert manifest["formats"] == list(target.formats) and manifest["pending_formats"] == []
        for fmt in manifest["formats"]:
            ext = {"ddi": "xml", "schemaorg": "jsonld", "hdruk": "json", "dcat-uk": "json"}.get(fmt)
            if ext is None:
                continue
            got = sorted(p.rsplit("/", 1)[1].rsplit(".", 1)[0] for p in files
                         if p.startswith(f"feeds/{target.id}/{fmt}/") and p.endswith(f".{ext}") and not p.endswith("/datasets.json"))
            left_out = [e["record"] for e in manifest["excluded"].get(fmt, [])]
            assert got == sorted(set(expected) - set(left_out)), (target.id, fmt)
            assert all(files[f"feeds/{target.id}/{fmt}/{rid}.{ext}"] == files[f"{fmt}/{rid}.{ext}"] for rid in got)
    sail = json.loads(files["feeds/sail/manifest.json"])
    assert "data-first-family-court-cafcass" in sail["records"] and "leo" not in sail["records"]


def test_manifests_list_every_feed_file_with_its_hash(bundled):
    catalogue, records = bundled
    files = feeds.tree(catalogue, records)
    for target in catalogue.target_catalogues:
        manifest = json.loads(files[f"feeds/{target.id}/manifest.json"])
        prefix = f"feeds/{target.id}/"
        listed = {e["path"]: e for e in manifest["files"]}
        assert set(listed) == {p.removeprefix(prefix) for p in files if p.startswith(prefix) and not p.endswith("manifest.json")}
        for path, entry in listed.items():
            data = files[prefix + path].encode()
            assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)


def test_two_runs_give_byte_identical_trees(workspace):
    assert run_cli("export", cwd=workspace).returncode == 0
    first = tree_bytes(workspace / "exports")
    assert run_cli("export", cwd=workspace).returncode == 0
    assert tree_bytes(workspace / "exports") == first
    assert not [p for p in workspace.iterdir() if p.name.startswith(".exports.")]


def test_a_re_export_links_unchanged_files_and_writes_changed_ones(workspace, tmp_path):
    """Unchanged files are hard links to the replaced tree's (same inode); changed ones, or an
    old file tampered with at the same size, are written afresh; the bytes are a fresh export's."""
    assert run_cli("export", cwd=workspace).returncode == 0
    exports = workspace / "exports"
    inode = {rel: (exports / rel).stat().st_ino for rel in ("ddi/leo.xml", "ddi/echild.xml", "schemaorg/echild.jsonld")}
    tampered = exports / "schemaorg" / "echild.jsonld"
    data = tampered.read_bytes()
    tampered.unlink()   # a hard link to the feeds' copy: replace it rather than edit both
    tampered.write_bytes(data.replace(b'"', b"'", 1))   # same size, other bytes
    leo = workspace / "records" / "leo.yaml"
    leo.write_text(leo.read_text().replace("title: Longitudinal Education Outcomes - England",
                                           "title: Longitudinal Education Outcomes (LEO) - England"))
    assert run_cli("export", cwd=workspace).returncode == 0
    assert (exports / "ddi" / "echild.xml").stat().st_ino == inode["ddi/echild.xml"]   # linked
    assert (exports / "ddi" / "leo.xml").stat().st_ino != inode["ddi/leo.xml"]         # changed record
    assert (exports / "schemaorg" / "echild.jsonld").read_bytes() == data                 # tampered: rewritten
    fresh = tmp_path / "fresh"
    assert run_cli("export", "--out", str(fresh), cwd=workspace).returncode == 0
    assert tree_bytes(exports) == tree_bytes(fresh)


def test_check_passes_after_an_export_and_names_the_stale_file_after_an_edit(workspace):
    assert run_cli("export", cwd=workspace).returncode == 0
    ok = run_cli("export", "--check", cwd=workspace)
    assert ok.returncode == 0 and "up to date" in ok.stdout
    before = tree_bytes(workspace / "exports")
    leo = workspace / "records" / "leo.yaml"
    leo.write_text(leo.read_text().replace("title: Longitudinal Education Outcomes - England",
                                           "title: Longitudinal Education Outcomes (LEO) - England"))
    stale = run_cli("export", "--check", cwd=workspace)
    assert stale.returncode == 1
    assert f"stale: {workspace / 'exports' / 'ddi' / 'leo.xml'}" in stale.stdout
    assert tree_bytes(workspace / "exports") == before   # --check writes nothing


def test_partial_export_keeps_the_other_formats(workspace):
    assert run_cli("export", cwd=workspace).returncode == 0
    before = tree_bytes(workspace / "exports")
    assert run_cli("export", "--format", "ddi", cwd=workspace).returncode == 0
    assert tree_bytes(workspace / "exports") == before


KILLER = textwrap.dedent("""
    import os, signal, sys
    from adrmeta import fileio
    point, n = sys.argv[1], int(sys.argv[2])
    calls = {"write": 0, "replace": 0}
    real_write, real_link, real_replace = fileio._write_file, fileio._link_file, fileio.os.replace

    def written():
        calls["write"] += 1
        if point == "write" and calls["write"] == n:
            os.kill(os.getpid(), signal.SIGKILL)

    def write(path, text):
        real_write(path, text)
        written()

    def link(path, same_as):   # an unchanged file is linked from the old tree: a write all the same
        real_link(path, same_as)
        written()

    def exchange(a, b):
        if point == "before-swap":
            os.kill(os.getpid(), signal.SIGKILL)
        return False if point == "between-renames" else real_exchange(a, b)

    def replace(a, b):
        real_replace(a, b)
        calls["replace"] += 1
        if point == "between-renames" and calls["replace"] == 1:
            os.kill(os.getpid(), signal.SIGKILL)

    real_exchange = fileio._exchange
    fileio._write_file, fileio._link_file, fileio._exchange = write, link, exchange
    fileio.os.replace = replace
    from adrmeta.cli import main
    sys.exit(main(["export", "--jobs", sys.argv[3]]))
""")


@pytest.mark.parametrize("point,n", [("write", 1), ("write", 60), ("write", 140), ("before-swap", 0),
                                     ("between-renames", 0)])
def test_an_export_killed_part_way_leaves_the_old_tree(workspace, point, n):
    """One process (--jobs 1), so the kill lands in the process that swaps the trees."""
    assert run_cli("export", cwd=workspace).returncode == 0
    before = tree_bytes(workspace / "exports")
    leo = workspace / "records" / "leo.yaml"   # make the new export differ from the old
    leo.write_text(leo.read_text().replace("title: Longitudinal Education Outcomes - England",
                                           "title: Longitudinal Education Outcomes (changed) - England"))
    killed = subprocess.run([sys.executable, "-c", KILLER, point, str(n), "1"], cwd=workspace, capture_output=True, timeout=120)
    assert killed.returncode == -9, killed.stderr   # really killed by SIGKILL
    if point == "between-renames":
        assert not (workspace / "exports").exists()   # the one moment without a tree...
    else:
        assert tree_bytes(workspace / "exports") == before   # ...otherwise the old tree, untouched
    fileio.recover(workspace / "exports")   # what the next run does first
    assert tree_bytes(workspace / "exports") == before
    assert not [p for p in workspace.iterdir() if p.name.startswith(".exports.")]
    assert run_cli("export", cwd=workspace).returncode == 0
    assert b"(changed)" in (workspace / "exports" / "ddi" / "leo.xml").read_bytes()


def test_conform_passes_on_a_fresh_export_and_catches_tampering(workspace):
    assert run_cli("export", cwd=workspace).returncode == 0
    ok = run_cli("conform", cwd=workspace)
    assert ok.returncode == 0 and " 0 error(s)" in ok.stdout, ok.stdout
    (workspace / "exports" / "feeds" / "ons" / "ddi" / "leo.xml").write_text("<codeBook/>")
    bad = run_cli("conform", "--format", "json", cwd=workspace)
    assert bad.returncode == 1
    codes = {i["code"] for i in json.loads(bad.stdout)["issues"]}
    assert {"feed.manifest", "ddi.xsd"} <= codes


def test_committed_exports_are_current_and_conform():
    """The repository's exports/ is committed; CI fails when a record changes without a re-export."""
    check = run_cli("export", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    conform = run_cli("conform", "exports")
    assert conform.returncode == 0, conform.stdout


def test_reusing_the_main_documents_gives_the_same_feeds_as_rendering_them(bundled):
    catalogue, records = bundled
    whole = feeds.tree(catalogue, records)
    for target in catalogue.target_catalogues:
        prefix = f"feeds/{target.id}/"
        assert feeds.feed(catalogue, records, target) == {rel: text for rel, text in whole.items() if rel.startswith(prefix)}


def test_a_second_process_killed_part_way_fails_the_run_cleanly(workspace):
    """With two processes, the forked one is killed mid-way: no traceback, exit 2, old tree kept."""
    assert run_cli("export", cwd=workspace).returncode == 0
    before = tree_bytes(workspace / "exports")
    script = KILLER.replace('if point == "write" and calls["write"] == n:',
                            'if point == "write" and calls["write"] == n and os.getpid() != parent:')
    script = script.replace("calls = {", "parent = os.getpid()\ncalls = {")
    run = subprocess.run([sys.executable, "-c", script, "write", "5", "2"], cwd=workspace, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "nothing written" in run.stderr, run.stderr
    assert tree_bytes(workspace / "exports") == before
    assert not [p for p in workspace.iterdir() if p.name.startswith(".exports.")]


def test_a_worker_that_cannot_write_fails_the_run_with_a_message(bundled, tmp_path, monkeypatch):
    """A full disk in a forked worker: the run fails naming the cause, with no traceback, and
    the old tree stays."""
    import errno

    from adrmeta import exportrun

    catalogue, records = bundled
    out = tmp_path / "exports"
    exportrun.write(out, catalogue, records, None, jobs=2)
    before = tree_bytes(out)

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "_write_file", full)
    monkeypatch.setattr(fileio, "_link_file", lambda path, same_as: full(path, b""))
    with pytest.raises(exportrun.ExportFailed) as failed:
        exportrun.write(out, catalogue, records, None, jobs=2)
    assert "No space left on device" in str(failed.value) and "Traceback" not in str(failed.value)
    assert tree_bytes(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".exports.")]


def test_the_streaming_export_writes_what_the_in_memory_tree_holds(bundled, tmp_path):
    from adrmeta import exportrun
    from adrmeta.export import EXPORTERS

    catalogue, records = bundled
    expected = {rel: text.encode("utf-8") for rel, text in feeds.tree(catalogue, records).items()}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        exportrun.write(out, catalogue, records, None, jobs=jobs)
        assert tree_bytes(out) == expected
    seen: list[str] = []   # what drives the progress bar: one step per format and per feed
    digests = exportrun.digests(catalogue, records, None, jobs=2, step=seen.append)
    assert len(seen) == exportrun.steps(catalogue, sorted(EXPORTERS), feeds=True) == len(EXPORTERS) + 4
    assert sorted(seen) == sorted([*EXPORTERS, "feed nisra", "feed ons", "feed rds", "feed sail"])
    assert not exportrun.compare(out, digests, partial=False)
    (out / "ddi" / "leo.xml").unlink()   # a hard link to the feeds' copies: replace, not rewrite
    (out / "ddi" / "leo.xml").write_bytes(b"<changed/>")
    (out / "ddi" / "extra.xml").write_bytes(b"<extra/>")
    (out / "hdruk" / "leo.json").unlink()
    diff = exportrun.compare(out, digests, partial=False)
    assert (diff.stale, diff.missing, diff.extra) == (("ddi/leo.xml",), ("hdruk/leo.json",), ("ddi/extra.xml",))
