"""Per-catalogue feeds, `adrmeta export --check`, atomic replacement of the exports tree (a run
killed with SIGKILL leaves the old tree intact), what `export --out` refuses to replace, two
exports at once, and `adrmeta conform`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from adrmeta import datestamps, exportrun, feeds, fileio
from adrmeta.cli import main
from adrmeta.export import EXPORTERS, get
from adrmeta.provenance import stated
from adrmeta.validate import load

from .conftest import EDIT_DAY, ROOT, run_cli


@pytest.fixture(scope="module")
def bundled():
    ws = load(cwd=ROOT)
    return ws.catalogue, ws.records


@pytest.fixture(scope="module")
def exported(bundled, tmp_path_factory) -> dict[str, str]:
    """Every file of an export of the bundled records: relative path -> text."""
    out = tmp_path_factory.mktemp("export") / "exports"
    exportrun.write(out, *bundled, None)
    return {rel: data.decode("utf-8") for rel, data in fileio.read_tree(out).items()}


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A copy of the repository's catalogue and records, to edit and export freely."""
    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    shutil.copytree(ROOT / "records", tmp_path / "records")
    return tmp_path


def tree_bytes(root: Path) -> dict[str, bytes]:
    return fileio.read_tree(root)


def test_feeds_hold_exactly_the_records_accessible_through_their_tres(bundled, exported):
    catalogue, records = bundled
    files = exported
    for target in catalogue.target_catalogues:
        manifest = json.loads(files[f"feeds/{target.id}/manifest.json"])
        expected = sorted(
            rid
            for rid, r in records.items()  # through stated routes: an inferred one is no route
            if r.status == "available" and any(a.tre in target.tres for a in stated(r).access)
        )
        assert manifest["records"] == expected and manifest["record_count"] == len(expected)
        assert manifest["formats"] == list(target.formats) and manifest["pending_formats"] == []
        for fmt in manifest["formats"]:
            ext = {"ddi": "xml", "schemaorg": "jsonld", "hdruk": "json", "dcat-uk": "json"}.get(fmt)
            if ext is None:
                continue
            got = sorted(
                p.rsplit("/", 1)[1].rsplit(".", 1)[0]
                for p in files
                if p.startswith(f"feeds/{target.id}/{fmt}/") and p.endswith(f".{ext}") and not p.endswith("/datasets.json")
            )
            left_out = [e["record"] for e in manifest["excluded"].get(fmt, [])]
            assert got == sorted(set(expected) - set(left_out)), (target.id, fmt)
            assert all(files[f"feeds/{target.id}/{fmt}/{rid}.{ext}"] == files[f"{fmt}/{rid}.{ext}"] for rid in got)
    sail = json.loads(files["feeds/sail/manifest.json"])
    assert "data-first-family-court-cafcass" in sail["records"] and "leo" not in sail["records"]


def test_manifests_list_every_feed_file_with_its_hash(bundled, exported):
    catalogue, records = bundled
    files = exported
    for target in catalogue.target_catalogues:
        manifest = json.loads(files[f"feeds/{target.id}/manifest.json"])
        prefix = f"feeds/{target.id}/"
        listed = {e["path"]: e for e in manifest["files"]}
        assert set(listed) == {p.removeprefix(prefix) for p in files if p.startswith(prefix) and not p.endswith("manifest.json")}
        for path, entry in listed.items():
            data = files[prefix + path].encode()
            assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)


def test_written_counts_are_the_files_on_disk(bundled, tmp_path):
    """A written export hashes only the feeds' files, yet counts every file it wrote."""
    counts = exportrun.write(tmp_path / "exports", *bundled, None)
    on_disk: dict[str, int] = {}
    for rel in fileio.read_tree(tmp_path / "exports"):
        on_disk[rel.split("/", 1)[0]] = on_disk.get(rel.split("/", 1)[0], 0) + 1
    assert counts == on_disk and counts["dcat"] > 0 and counts["feeds"] > 0


@pytest.mark.slow
def test_two_runs_give_byte_identical_trees(workspace):
    assert run_cli("export", cwd=workspace).returncode == 0
    first = tree_bytes(workspace / "exports")
    assert run_cli("export", cwd=workspace).returncode == 0
    assert tree_bytes(workspace / "exports") == first
    assert not [p for p in workspace.iterdir() if p.name.startswith(".exports.")]


def test_a_re_export_over_an_edited_tree_gives_a_fresh_exports_bytes(workspace, tmp_path, on_day):
    on_day(EDIT_DAY)  # the edit is made and touched that day
    leo = workspace / "records" / "leo.yaml"  # dated before today, or an edit today needs no new date
    leo.write_text(datestamps.set_modified(leo.read_text(), "2026-11-01") or "")
    assert run_cli("export", cwd=workspace).returncode == 0
    exports = workspace / "exports"
    tampered = exports / "schemaorg" / "echild.jsonld"
    tampered.write_bytes(tampered.read_bytes().replace(b'"', b"'", 1))
    leo.write_text(
        leo.read_text().replace(
            "title: Longitudinal Education Outcomes - England", "title: Longitudinal Education Outcomes (LEO) - England"
        )
    )
    assert run_cli("export", cwd=workspace).returncode == 1  # the edit moved no datestamp: refused
    assert run_cli("touch", "--date", EDIT_DAY, cwd=workspace).returncode == 0
    assert run_cli("export", cwd=workspace).returncode == 0
    fresh = tmp_path / "fresh"
    assert run_cli("export", "--out", str(fresh), cwd=workspace).returncode == 0
    assert tree_bytes(exports) == tree_bytes(fresh)
    assert b"(LEO)" in (exports / "ddi" / "leo.xml").read_bytes()


def test_check_passes_after_an_export_and_names_the_stale_file_after_an_edit(workspace, on_day):
    on_day(EDIT_DAY)  # the edit is made and touched that day
    assert run_cli("export", cwd=workspace).returncode == 0
    ok = run_cli("export", "--check", cwd=workspace)
    assert ok.returncode == 0 and "up to date" in ok.stdout
    before = tree_bytes(workspace / "exports")
    leo = workspace / "records" / "leo.yaml"
    leo.write_text(
        leo.read_text().replace(
            "title: Longitudinal Education Outcomes - England", "title: Longitudinal Education Outcomes (LEO) - England"
        )
    )
    assert run_cli("touch", "--date", EDIT_DAY, cwd=workspace).returncode == 0
    stale = run_cli("export", "--check", cwd=workspace)
    assert stale.returncode == 1
    assert f"stale: {workspace / 'exports' / 'ddi' / 'leo.xml'}" in stale.stdout
    assert f"stale: {workspace / 'exports' / 'records.json'}" in stale.stdout
    assert tree_bytes(workspace / "exports") == before  # --check writes nothing


def test_partial_export_keeps_the_other_formats(workspace):
    assert run_cli("export", cwd=workspace).returncode == 0
    before = tree_bytes(workspace / "exports")
    assert run_cli("export", "--format", "ddi", cwd=workspace).returncode == 0
    assert tree_bytes(workspace / "exports") == before


KILLER = textwrap.dedent("""
    import os, signal, sys
    from adrmeta import exportrun, fileio
    import datetime
    from adrmeta import datestamps
    point, n = sys.argv[1], int(sys.argv[2])
    if len(sys.argv) > 3:  # the day the records were touched, which the export takes for today
        datestamps.today = lambda: datetime.date.fromisoformat(sys.argv[3])
    calls = {"write": 0, "replace": 0}
    real_put, real_replace, real_exchange = exportrun.Sink.put, fileio.os.replace, fileio._exchange

    def put(self, rel, text):
        real_put(self, rel, text)
        calls["write"] += 1
        if point == "write" and calls["write"] == n:
            os.kill(os.getpid(), signal.SIGKILL)

    def exchange(a, b):
        if point == "before-swap":
            os.kill(os.getpid(), signal.SIGKILL)
        return False if point == "between-renames" else real_exchange(a, b)

    def replace(a, b):
        real_replace(a, b)
        calls["replace"] += 1
        if point == "between-renames" and calls["replace"] == 1:
            os.kill(os.getpid(), signal.SIGKILL)

    exportrun.Sink.put, fileio._exchange, fileio.os.replace = put, exchange, replace
    from adrmeta.cli import main
    sys.exit(main(["export"]))
""")


@pytest.mark.slow
@pytest.mark.parametrize("point,n", [("write", 1), ("write", 60), ("write", 140), ("before-swap", 0), ("between-renames", 0)])
def test_an_export_killed_part_way_leaves_the_old_tree(workspace, point, n, on_day):
    on_day(EDIT_DAY)  # the edit is made and touched that day, and exported (the KILLER process) too
    assert run_cli("export", cwd=workspace).returncode == 0
    before = tree_bytes(workspace / "exports")
    leo = workspace / "records" / "leo.yaml"  # make the new export differ from the old
    leo.write_text(
        leo.read_text().replace(
            "title: Longitudinal Education Outcomes - England", "title: Longitudinal Education Outcomes (changed) - England"
        )
    )
    assert run_cli("touch", "--date", EDIT_DAY, cwd=workspace).returncode == 0  # its datestamp moves too
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(n), EDIT_DAY], cwd=workspace, capture_output=True, timeout=120
    )
    assert killed.returncode == -9, killed.stderr  # really killed by SIGKILL
    if point == "between-renames":
        assert not (workspace / "exports").exists()  # the one moment without a tree...
    else:
        assert tree_bytes(workspace / "exports") == before  # ...otherwise the old tree, untouched
    fileio.recover(workspace / "exports")  # what the next run does first
    assert tree_bytes(workspace / "exports") == before
    assert {p.name for p in workspace.iterdir() if p.name.startswith(".exports.")} <= {".exports.lock"}  # died holding it
    assert run_cli("export", cwd=workspace).returncode == 0
    assert not [p for p in workspace.iterdir() if p.name.startswith(".exports.")]
    assert b"(changed)" in (workspace / "exports" / "ddi" / "leo.xml").read_bytes()


@pytest.mark.slow
def test_conform_passes_on_a_fresh_export_and_catches_tampering(workspace):
    assert run_cli("export", cwd=workspace).returncode == 0
    ok = run_cli("conform", cwd=workspace)
    assert ok.returncode == 0 and " 0 error(s)" in ok.stdout, ok.stdout
    (workspace / "exports" / "feeds" / "ons" / "ddi" / "leo.xml").write_text("<codeBook/>")
    bad = run_cli("conform", "--format", "json", cwd=workspace)
    assert bad.returncode == 1
    codes = {i["code"] for i in json.loads(bad.stdout)["issues"]}
    assert {"feed.manifest", "ddi.xsd"} <= codes


@pytest.mark.slow
def test_committed_exports_are_current_and_conform():
    """The repository's exports/ is committed; CI fails when a record changes without a re-export."""
    check = run_cli("export", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    conform = run_cli("conform", "exports")
    assert conform.returncode == 0, conform.stdout


def _alone(fmt, catalogue, records, ids, target):
    """A format's documents for `ids` only; DCAT's catalogue is then the feed's (`feed`)."""
    return get(fmt)(catalogue, records, ids, **({"feed": target} if fmt == "dcat" else {}))


def test_a_feeds_documents_are_what_rendering_its_records_alone_gives(bundled, exported):
    """A feed keeps copies of the main export's per-record documents and renders its own
    collection documents: the same bytes as rendering each format for its records only."""
    catalogue, records = bundled
    for target in catalogue.target_catalogues:
        prefix = f"feeds/{target.id}/"
        ids = json.loads(exported[prefix + "manifest.json"])["records"]
        alone = {
            prefix + rel: text if isinstance(text, str) else "".join(text)
            for fmt in target.formats
            if fmt in EXPORTERS and fmt != "site"
            for rel, text in _alone(fmt, catalogue, records, ids, target)
        }
        assert alone and alone == {
            rel: text for rel, text in exported.items() if rel.startswith(prefix) and not rel.endswith("/manifest.json")
        }


def test_a_full_disk_stops_the_export_and_leaves_the_old_tree(bundled, tmp_path, monkeypatch):
    import errno

    out = tmp_path / "exports"
    exportrun.write(out, *bundled, None)
    before = tree_bytes(out)
    real_put, calls = exportrun.Sink.put, []

    def put(self, rel, text):
        calls.append(rel)
        if len(calls) == 30:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_put(self, rel, text)

    monkeypatch.setattr(exportrun.Sink, "put", put)
    with pytest.raises(OSError, match="No space left"):
        exportrun.write(out, *bundled, None)
    assert tree_bytes(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".exports.")]


def test_check_hashes_what_an_export_writes(bundled, tmp_path):
    catalogue, records = bundled
    out = tmp_path / "exports"
    exportrun.write(out, catalogue, records, None)
    seen: list[str] = []  # what drives the progress bar: one step per format and per feed
    digests = exportrun.digests(catalogue, records, None, step=seen.append)
    assert len(seen) == exportrun.steps(catalogue, sorted(EXPORTERS), feeds=True) == len(EXPORTERS) + 4
    assert sorted(seen) == sorted([*EXPORTERS, "feed nisra", "feed ons", "feed rds", "feed sail"])
    assert not exportrun.compare(out, digests, partial=False)
    (out / "ddi" / "leo.xml").write_bytes(b"<changed/>")
    (out / "ddi" / "extra.xml").write_bytes(b"<extra/>")
    (out / "hdruk" / "leo.json").unlink()
    diff = exportrun.compare(out, digests, partial=False)
    assert (diff.stale, diff.missing, diff.extra) == (("ddi/leo.xml",), ("hdruk/leo.json",), ("ddi/extra.xml",))
    assert (out / "feeds" / "ons" / "ddi" / "leo.xml").read_bytes() != b"<changed/>"  # a copy, not a link


def _refused(workspace: Path, out: str, capsys) -> str:
    import os

    os.chdir(workspace)
    assert main(["export", "--out", out]) == 2
    err = capsys.readouterr().err
    assert "nothing written" in err and "Traceback" not in err
    return err


@pytest.mark.parametrize("kind", ["folder", "file", "records", "symlink"])
def test_export_out_refuses_what_an_export_did_not_write(workspace, kind, capsys, monkeypatch):
    """`--out` on a folder of other files, a file, the records folder or a symbolic link: exit 2,
    nothing changed (nothing beside it either)."""
    monkeypatch.chdir(workspace)
    (workspace / "thesis").mkdir()
    (workspace / "thesis" / "chapter1.tex").write_text("my thesis")
    (workspace / "real").mkdir()
    (workspace / "link").symlink_to(workspace / "real", target_is_directory=True)
    out = {"folder": "thesis", "file": "catalogue.yaml", "records": "records", "symlink": "link"}[kind]
    before = {
        p.relative_to(workspace).as_posix(): (p.is_symlink(), p.read_bytes() if p.is_file() else None)
        for p in sorted(workspace.rglob("*"))
    }
    err = _refused(workspace, out, capsys)
    assert out in err
    after = {
        p.relative_to(workspace).as_posix(): (p.is_symlink(), p.read_bytes() if p.is_file() else None)
        for p in sorted(workspace.rglob("*"))
    }
    assert after == before


def test_export_out_replaces_an_empty_folder_and_an_earlier_export(workspace, capsys, monkeypatch):
    monkeypatch.chdir(workspace)
    (workspace / "empty").mkdir()
    assert main(["export", "--out", "empty", "--format", "ddi"]) == 0
    assert main(["export", "--out", "empty"]) == 0  # what an export wrote, partial or whole, may be replaced
    assert main(["export", "--out", "empty"]) == 0
    assert (workspace / "empty" / "feeds" / "ons" / "manifest.json").is_file()


def test_a_second_export_while_one_runs_refuses_and_changes_nothing(workspace, capsys, monkeypatch):
    monkeypatch.chdir(workspace)
    assert main(["export"]) == 0
    before = tree_bytes(workspace / "exports")
    with fileio.locked(workspace / "exports"):  # as a running export holds it
        assert main(["export"]) == 2
        assert "another adrmeta run is writing" in capsys.readouterr().err
        assert tree_bytes(workspace / "exports") == before
    assert not (workspace / ".exports.lock").exists()
    assert main(["export"]) == 0  # free again


@pytest.mark.slow
def test_two_concurrent_exports_never_corrupt_the_tree(workspace):
    """Started together: each finishes (exit 0) or refuses (exit 2); the tree is a whole export."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "adrmeta", "export"], cwd=workspace, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert all(code in (0, 2) for code, _err in results) and any(code == 0 for code, _err in results), results
    assert all("Traceback" not in err for _code, err in results)
    fresh = workspace / "fresh"
    assert run_cli("export", "--out", str(fresh), cwd=workspace).returncode == 0
    assert tree_bytes(workspace / "exports") == tree_bytes(fresh)
    assert not [p for p in workspace.iterdir() if p.name.startswith(".exports.")]


@pytest.mark.slow
def test_killing_an_export_leaves_no_process_behind(workspace):
    """The export runs in one process: killed mid-run, nothing of it stays alive, and the next
    run takes the lock it held."""
    import os
    import signal

    script = KILLER.replace("os.kill(os.getpid(), signal.SIGKILL)", "os.kill(os.getpid(), signal.SIGSTOP)")
    proc = subprocess.Popen([sys.executable, "-c", script, "write", "40"], cwd=workspace)
    try:
        os.waitpid(proc.pid, os.WUNTRACED)  # stopped mid-export, holding the lock
        assert (workspace / ".exports.lock").exists()
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=60) == -9
    finally:
        proc.kill()
    alive = [pid for pid in os.listdir("/proc") if pid.isdigit() and str(workspace).encode() in _cmdline(pid)]
    assert alive == []
    assert run_cli("export", cwd=workspace).returncode == 0


def _cmdline(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes() + Path(f"/proc/{pid}/cwd").resolve().as_posix().encode()
    except OSError:
        return b""


def test_every_conformance_check_takes_the_same_arguments_and_reports_garbage():
    """One dispatch table, keyed by format and suffix, covers every format but the site; each
    check takes (bytes, display path, record) and turns unparsable bytes into located issues."""
    from adrmeta.conform.exports import checks

    assert {fmt for fmt, _suffix in checks()} == set(EXPORTERS) - {"site"}
    for (fmt, suffix), check in checks().items():
        for record in ("x", None):
            issues = check(b"\x00 not a document {", f"{fmt}/x{suffix}", record)
            assert issues and all(i.location and i.location.file == f"{fmt}/x{suffix}" for i in issues), (fmt, suffix)


def _subsets(records):
    """Subsets a feed may take: none, one record, a collection with its parts, every other record, all."""
    ids = sorted(records)
    family = sorted(r for r in ids if r == "data-first" or records[r].part_of == ("data-first",))
    return {"feeds/none/": [], "feeds/one/": ids[:1], "feeds/family/": family, "feeds/odd/": ids[::2], "feeds/all/": ids}


def _with_feeds(catalogue, prefixes):
    """The catalogue with a target catalogue (taking DCAT) for each feed folder in `prefixes`."""
    import attrs

    [like] = [t for t in catalogue.target_catalogues if t.id == "sail"]
    made = [attrs.evolve(like, id=p.split("/")[1], title=f"Catalogue {p.split('/')[1]}") for p in prefixes]
    return attrs.evolve(catalogue, target_catalogues=(*catalogue.target_catalogues, *made))


@pytest.mark.parametrize("name", sorted(feeds.SUBSET_FORMATS))
def test_a_feeds_collection_documents_from_the_main_pass_are_those_of_its_records_alone(name):
    """The feeds' collection documents (DCAT catalogues, HDR UK lists) come from the main export's
    pass (`subsets`); each must hold, byte for byte, what the export of the subset's records alone
    (`only`) holds, and the main export must not change."""
    from adrmeta.export import get
    from adrmeta.export.files import whole

    from .conftest import published_bundled

    catalogue, records = published_bundled()
    subsets = _subsets(records)
    catalogue = _with_feeds(catalogue, subsets)
    targets = {f"feeds/{t.id}/": t for t in catalogue.target_catalogues}
    assert len(subsets["feeds/family/"]) > 2  # the collection and some of its parts
    together = whole(get(name)(catalogue, records, None, subsets=subsets))
    main = {k: v for k, v in together.items() if not any(k.startswith(p) for p in subsets)}
    assert whole(get(name)(catalogue, records, None)) == main
    for prefix, ids in subsets.items():
        alone = whole(_alone(name, catalogue, records, ids, targets[prefix]))
        mine = {k.removeprefix(prefix): v for k, v in together.items() if k.startswith(prefix)}
        assert mine and all(alone[k] == v for k, v in mine.items()), (name, prefix)


def _feed_graph(text: str, fmt: str):
    import rdflib

    return rdflib.Graph().parse(data=text, format=fmt)


def _dcat_catalogues(catalogue, records, exported, fmt: str) -> list[tuple[str, set[str], str]]:
    """(name, ids of the records it holds, text) of every DCAT catalogue an export writes: the
    whole one (every published record) and each feed's (its manifest's records)."""
    from adrmeta.provenance import published

    out = [("catalogue", set(published(records)), exported[f"dcat/catalog.{fmt}"])]
    for target in catalogue.target_catalogues:
        prefix = f"feeds/{target.id}/"
        if f"{prefix}dcat/catalog.{fmt}" in exported:
            manifest = json.loads(exported[prefix + "manifest.json"])
            assert len(manifest["records"]) == manifest["record_count"]
            out.append((target.id, set(manifest["records"]), exported[f"{prefix}dcat/catalog.{fmt}"]))
    return out


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_every_dcat_catalogue_types_exactly_its_records_as_dcat_datasets(bundled, exported, fmt):
    """A harvester that makes a dataset of every `dcat:Dataset` node (ckanext-dcat) gets the
    catalogue's records, no more: a component without a record of its own, and a dataset outside a
    feed that a member names as its source, are typed with subclasses of dcat:Dataset that the
    document defines once (DCAT-AP's range of `dct:source` still holds)."""
    from rdflib import RDF, RDFS, URIRef
    from rdflib.namespace import DCAT, DCTERMS

    catalogue, records = bundled
    base = f"{catalogue.base_uri}dataset/"
    component = URIRef(catalogue.base_uri + "vocab#ComponentDataset")
    referenced_somewhere = components_somewhere = 0
    for name, ids, text in _dcat_catalogues(catalogue, records, exported, fmt):
        g = _feed_graph(text, {"ttl": "turtle", "jsonld": "json-ld"}[fmt])
        datasets = {str(d) for d in g.subjects(RDF.type, DCAT.Dataset)}
        members = {base + rid for rid in ids}
        assert datasets == members, name
        assert {str(d) for d in g.objects(None, DCAT.dataset)} == members, name
        named = {str(o) for p in (DCTERMS.source, DCTERMS.isPartOf, DCTERMS.hasPart) for o in g.objects(None, p)}
        outside = {o for o in named if o.startswith(base) and "/component/" not in o} - members
        for o in outside:  # named, never listed as one of the feed's datasets
            kinds = set(g.objects(URIRef(o), RDF.type))  # untyped would break dct:source's range
            assert kinds and all((k, RDFS.subClassOf, DCAT.Dataset) in g for k in kinds), o
        referenced_somewhere += len(outside)
        parts = {str(c) for c in g.subjects(RDF.type, component)}
        assert parts == {o for o in named if "/component/" in o}, name
        assert all(p.split("/component/")[0] in members for p in parts), name
        if parts:  # the class is defined once, as a subclass of dcat:Dataset
            assert (component, RDFS.subClassOf, DCAT.Dataset) in g and g.value(component, RDFS.label)
            assert text.count(f'"@id":"{component}"' if fmt == "jsonld" else f"<{component}>\n    a rdfs:Class") == 1
        components_somewhere += len(parts)
    assert referenced_somewhere  # the SAIL and ONS feeds name Data First datasets they do not hold
    assert components_somewhere


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_every_component_without_a_record_is_in_its_parents_catalogues_with_its_title(bundled, exported, fmt):
    """Each component a catalogue's records have (without a record of its own) is there, titled,
    the object of its record's `dct:source` and part of its record's dataset."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS

    catalogue, records = bundled
    for name, ids, text in _dcat_catalogues(catalogue, records, exported, fmt):
        g = _feed_graph(text, {"ttl": "turtle", "jsonld": "json-ld"}[fmt])
        for rid in ids:
            parent = URIRef(f"{catalogue.base_uri}dataset/{rid}")
            for comp in stated(records[rid]).components:  # as exported: inferred components are not facts
                if comp.record:
                    continue
                c = URIRef(f"{parent}/component/{comp.id}")
                assert (parent, DCTERMS.source, c) in g and (c, DCTERMS.isPartOf, parent) in g, (name, c)
                assert (c, DCTERMS.title, Literal(comp.title, lang=catalogue.language)) in g, (name, c)


def test_a_manifest_names_each_record_its_feed_leaves_out_and_why(bundled, exported):
    """A record with a route through a feed's TREs that the feed does not take is named in the
    manifest with the reason: Research Data Scotland's only candidate has an inferred route."""
    catalogue, records = bundled
    for target in catalogue.target_catalogues:
        manifest = json.loads(exported[f"feeds/{target.id}/manifest.json"])
        routed = {rid for rid, r in records.items() if any(a.tre in target.tres for a in r.access)}
        assert [x["record"] for x in manifest["left_out"]] == sorted(routed - set(manifest["records"])), target.id
        assert all(x["reasons"] for x in manifest["left_out"])
    rds = json.loads(exported["feeds/rds/manifest.json"])
    assert rds["records"] == [] and [x["record"] for x in rds["left_out"]] == ["looked-after-children-scotland"]
    [why] = rds["left_out"][0]["reasons"]
    assert "/access/0" in why and "inference" in why


def test_a_feed_takes_the_record_once_its_route_is_stated_and_says_why_it_leaves_a_planned_one_out(bundled):
    import attrs

    catalogue, records = bundled
    lacs = records["looked-after-children-scotland"]
    cited = attrs.evolve(lacs, provenance=tuple(p for p in lacs.provenance if p.path != "/access/0"))
    found = feeds.survey(catalogue, {**records, lacs.id: cited}, [])
    assert lacs.id in found.members["rds"] and found.left_out["rds"] == []
    planned = attrs.evolve(records["leo"], status="planned")
    found = feeds.survey(catalogue, {**records, "leo": planned}, [])
    [entry] = [x for x in found.left_out["ons"] if x["record"] == "leo"]
    assert "leo" not in found.members["ons"] and len(entry["reasons"]) == 1 and "planned" in entry["reasons"][0]


def test_a_feed_takes_exactly_the_routed_records_it_finds_no_reason_to_leave_out(bundled):
    """`takes` and the manifests' `left_out` read one list of conditions (`profiles.not_taken`), so
    a record is taken, or left out with a reason, or gives no route through the feed's TREs."""
    import attrs

    from adrmeta import profiles

    catalogue, records = bundled
    variants = [
        *records.values(),
        attrs.evolve(records["leo"], status="withdrawn"),
        attrs.evolve(records["leo"], status="planned"),
    ]
    for target in catalogue.target_catalogues:
        for rec in variants:
            routed = any(a.tre in target.tres for a in rec.access)
            why = profiles.not_taken(target, rec)
            assert profiles.takes(target, rec) == (routed and why is None), (target.id, rec.id)
            assert why is None or (routed and feeds.reasons_left_out(catalogue, why)), (target.id, rec.id)


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_feeds_and_the_catalogue_merged_in_one_graph_keep_one_date_and_one_list_each(bundled, exported, fmt):
    """Each feed's DCAT catalogue has its own IRI, so a harvester that loads several feeds and the
    main catalogue into one graph keeps each catalogue's date, title and dataset list apart (they
    all shared the main catalogue's IRI: NISRA + ONS gave one catalogue with 18 datasets, RDS +
    SAIL + the catalogue one with two dates). Each feed's document names the main catalogue as
    the one it is part of (`dct:hasPart`), as the main catalogue's own document describes it."""
    from rdflib import RDF, Graph, Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, XSD

    catalogue, records = bundled
    syntax = {"ttl": "turtle", "jsonld": "json-ld"}[fmt]
    main = URIRef(f"{catalogue.base_uri}catalogue")
    merged = Graph()
    expected: dict[URIRef, set[str]] = {}
    for name, ids, text in _dcat_catalogues(catalogue, records, exported, fmt):
        merged.parse(data=text, format=syntax)
        iri = main if name == "catalogue" else URIRef(f"{catalogue.base_uri}feeds/{name}/catalogue")
        expected[iri] = {f"{catalogue.base_uri}dataset/{rid}" for rid in ids}
        if name != "catalogue":
            own = _feed_graph(text, syntax)
            assert set(own.subjects(RDF.type, DCAT.Catalog)) == {iri, main}
            assert set(own.objects(main, DCTERMS.hasPart)) == {iri} and not set(own.objects(iri, DCTERMS.hasPart))
            assert not set(own.objects(main, DCAT.dataset)) and own.value(main, DCTERMS.modified) is None
            manifest = json.loads(exported[f"feeds/{name}/manifest.json"])
            assert own.value(iri, DCTERMS.modified) == Literal(manifest["modified"], datatype=XSD.date)
    assert len(expected) == 5
    assert set(merged.subjects(RDF.type, DCAT.Catalog)) == set(expected)
    for iri, datasets in expected.items():
        assert len(set(merged.objects(iri, DCTERMS.modified))) == 1, iri
        assert len(set(merged.objects(iri, DCTERMS.title))) == len(set(merged.objects(iri, DCTERMS.description))) == 1, iri
        assert {str(d) for d in merged.objects(iri, DCAT.dataset)} == datasets, iri


def test_a_feeds_catalogue_says_what_it_holds_and_for_whom_not_the_catalogues_claims(bundled, exported):
    """A feed's title and description come from its target catalogue entry: which catalogue it is
    for, who runs that, the TREs its datasets are available through. The main catalogue's
    description ("including the ADR England flagship datasets") is the main catalogue's only."""
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    catalogue, _records = bundled
    orgs = {o.id: o.name for o in catalogue.organisations}
    tres = {t.id: t.title for t in catalogue.tres}
    for target in catalogue.target_catalogues:
        g = _feed_graph(exported[f"feeds/{target.id}/dcat/catalog.ttl"], "turtle")
        feed = URIRef(f"{catalogue.base_uri}feeds/{target.id}/catalogue")
        title, description = str(g.value(feed, DCTERMS.title)), str(g.value(feed, DCTERMS.description))
        assert target.title in title and catalogue.title in title
        assert target.title in description and orgs[target.operator] in description and orgs[catalogue.publisher] in description
        assert all(tres[t] in description for t in target.tres)
        assert "flagship" not in (title + description).lower()
        assert g.value(feed, URIRef("http://xmlns.com/foaf/0.1/homepage")) is None  # no page of its own


def test_serve_answers_a_feeds_catalogue_iri_with_what_the_feed_says_but_its_date(bundled, exported):
    """`{base_uri}feeds/<id>/catalogue` resolves on `adrmeta serve` (every IRI the export mints
    does): the feed's catalogue node with its datasets, title and description as the feed's file
    has them; no `dct:modified`, which is the feed's published date from the export's history."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import DCAT, DCTERMS

    from adrmeta.serve.app import App

    catalogue, records = bundled
    app = App(catalogue, records, catalogue.base_uri)
    for target in catalogue.target_catalogues:
        feed = URIRef(f"{catalogue.base_uri}feeds/{target.id}/catalogue")
        resp = app.route({"REQUEST_METHOD": "GET", "PATH_INFO": f"/feeds/{target.id}/catalogue", "HTTP_ACCEPT": "text/turtle"})
        assert resp.status == "200 OK", target.id
        served = Graph().parse(data=resp.body.decode(), format="turtle")
        exported_graph = _feed_graph(exported[f"feeds/{target.id}/dcat/catalog.ttl"], "turtle")
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset, DCAT.service):
            assert set(served.objects(feed, prop)) == set(exported_graph.objects(feed, prop)), (target.id, prop)
        assert served.value(feed, DCTERMS.modified) is None
    resp = app.route({"REQUEST_METHOD": "GET", "PATH_INFO": "/feeds/nowhere/catalogue", "HTTP_ACCEPT": "text/turtle"})
    assert resp.status == "404 Not Found"


def test_a_subset_whose_folder_is_no_feed_is_refused():
    from adrmeta.export import dcat

    from .conftest import published_bundled

    catalogue, records = published_bundled()
    with pytest.raises(ValueError, match="feeds/nowhere/"):
        list(dcat.documents(catalogue, records, None, subsets={"feeds/nowhere/": []}))
