"""A receiver who downloads one feed (exports/feeds/<id>/) and runs `adrmeta conform` on it gets the
feed checked against its manifest: every listed file present, as large and with the hash it says,
no file unlisted; a broken or hostile manifest is a located issue, and nothing outside the feed's
folder is read."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from adrmeta.conform import feed
from adrmeta.conform.exports import check_tree

from .conftest import ROOT, run_cli

FEED = ROOT / "exports" / "feeds" / "nisra"
DDI = "ddi/earnings-employees-study-2011-ni.xml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The NISRA feed as a receiver downloaded it."""
    return Path(shutil.copytree(FEED, tmp_path / "feedcopy"))


def manifest_of(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def index_of(folder: Path, rel: str) -> int:
    return [e["path"] for e in manifest_of(folder)["files"]].index(rel)


def found(folder: Path) -> list[tuple[str, str]]:
    return [(i.code, i.path) for i in feed.check(folder / "manifest.json", "manifest.json")]


def rewrite(folder: Path, change) -> None:
    doc = manifest_of(folder)
    change(doc)
    (folder / "manifest.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")


def entry_for(path: Path, rel: str) -> dict:
    data = path.read_bytes()
    return {"path": rel, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def test_a_copied_feed_conforms(copy):
    result = run_cli("conform", str(copy), "--format", "json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["valid"] and "manifest.json" in report["records"] and DDI in report["records"]
    assert not [i for i in report["issues"] if i["severity"] == "error"]


def test_an_appended_byte_is_reported_at_the_entry_and_fails_conform(copy):
    with (copy / DDI).open("ab") as f:
        f.write(b" ")
    i = index_of(copy, DDI)
    assert found(copy) == [("feed.manifest", f"/files/{i}/bytes")]
    result = run_cli("conform", str(copy), "--format", "json")
    assert result.returncode == 1
    [issue] = [x for x in json.loads(result.stdout)["issues"] if x["code"] == "feed.manifest"]
    assert issue["path"] == f"/files/{i}/bytes" and issue["location"]["file"].endswith("manifest.json")
    text = (copy / "manifest.json").read_text(encoding="utf-8")
    line = issue["location"]["line"]
    assert '"bytes"' in text.splitlines()[line - 1]  # the line of the entry's size


def test_a_changed_byte_of_the_same_size_is_a_hash_mismatch(copy):
    data = bytearray((copy / DDI).read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")
    (copy / DDI).write_bytes(bytes(data))
    assert found(copy) == [("feed.manifest", f"/files/{index_of(copy, DDI)}/sha256")]


def test_a_missing_file_is_reported(copy):
    (copy / DDI).unlink()
    assert found(copy) == [("feed.manifest", f"/files/{index_of(copy, DDI)}/path")]


@pytest.mark.parametrize("extra", ["notes.txt", "ddi/extra.xml"])
def test_a_file_the_manifest_does_not_list_is_reported(copy, extra):
    (copy / extra).write_text("added after export\n")
    [issue] = feed.check(copy / "manifest.json", "manifest.json")
    assert (issue.code, issue.path) == ("feed.manifest", "/files") and extra in issue.message


def test_the_feed_alone_and_the_whole_tree_report_the_same(copy, tmp_path):
    (copy / DDI).write_bytes(b"<codeBook/>")
    (copy / "extra.txt").write_text("x")
    tree = tmp_path / "exports" / "feeds"
    tree.mkdir(parents=True)
    shutil.copytree(copy, tree / "nisra")
    alone = [(i.code, i.path, i.message) for i in check_tree(copy).issues if i.code == "feed.manifest"]
    whole = [(i.code, i.path, i.message) for i in check_tree(tmp_path / "exports").issues if i.code == "feed.manifest"]
    assert alone == whole and len(alone) == 2


def test_a_manifest_that_is_not_json_is_located(copy):
    (copy / "manifest.json").write_text('{\n "files": [\n  {"path": "a",\n')
    [issue] = feed.check(copy / "manifest.json", "m.json")
    assert issue.code == "feed.manifest" and issue.location is not None
    assert (issue.location.file, issue.location.line, issue.location.column) == ("m.json", 4, 1)
    result = run_cli("conform", str(copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "manifest.json:4:1: error feed.manifest" in result.stdout


def test_a_manifest_not_utf8_nor_too_large_is_an_issue(copy, monkeypatch):
    (copy / "manifest.json").write_bytes(b'{"files": [], "title": "caf\xe9"}')
    assert found(copy)[0] == ("feed.manifest", "")
    monkeypatch.setattr(feed, "MAX_BYTES", 10)
    (copy / "manifest.json").write_text('{"files": []}')
    assert found(copy) == [("feed.manifest", "")]


@pytest.mark.parametrize(
    ("doc", "pointer", "column"),
    [([], "", 1), ({"records": []}, "", 1), ({"files": {"path": "a"}}, "/files", 2)],
    ids=["a list", "no files", "files not a list"],
)
def test_a_manifest_without_a_list_of_files_is_located(copy, doc, pointer, column):
    (copy / "manifest.json").write_text(json.dumps(doc))
    [issue] = feed.check(copy / "manifest.json", "manifest.json")
    assert (issue.code, issue.path) == ("feed.manifest", pointer)
    assert (issue.location.line, issue.location.column) == (1, column)


def test_placing_a_finding_does_not_load_the_importers(copy):
    """`adrmeta conform` finds places in a manifest without importing the importers (rdflib, lxml
    and every format's reader): a receiver's check starts quickly."""
    import subprocess
    import sys

    rewrite(copy, lambda doc: doc["files"].append({"path": 1}))
    script = (
        "import sys; from pathlib import Path; from adrmeta.conform import feed; "
        f"issues = feed.check(Path({str(copy / 'manifest.json')!r}), 'manifest.json'); "
        "assert any(i.location.line and i.path.startswith('/files/') for i in issues), issues; "
        "print(sorted(m for m in sys.modules if m.startswith('adrmeta.importers')))"
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "entry",
    [
        "ddi/x.xml",
        {"path": 1, "bytes": 1, "sha256": "0" * 64},
        {"path": DDI, "bytes": "9509", "sha256": "0" * 64},
        {"path": DDI, "bytes": True, "sha256": "0" * 64},
        {"path": DDI, "bytes": 1, "sha256": "not a hash"},
    ],
    ids=["text", "path not text", "bytes as text", "bytes a boolean", "sha256 not hex"],
)
def test_a_malformed_entry_is_reported_at_the_entry(copy, entry):
    rewrite(copy, lambda doc: doc["files"].append(entry))
    n = len(manifest_of(copy)["files"]) - 1
    assert ("feed.manifest", f"/files/{n}") in found(copy)


@pytest.mark.parametrize("how", ["dot-dot", "absolute", "inner dot-dot", "backslash", "dot"])
def test_a_path_out_of_the_feed_is_refused_and_not_read(copy, tmp_path, how):
    """The outside file's true size and hash are listed: were it read, it would pass."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not the feed's\n")
    rel = {
        "dot-dot": "../secret.txt",
        "absolute": str(secret),
        "inner dot-dot": "ddi/../../secret.txt",
        "backslash": "..\\secret.txt",
        "dot": "./" + DDI,
    }[how]
    entry = entry_for(secret, rel)
    rewrite(copy, lambda doc: doc["files"].append(entry))
    n = len(manifest_of(copy)["files"]) - 1
    assert found(copy) == [("feed.manifest", f"/files/{n}/path")]


def test_a_link_out_of_the_feed_is_refused_and_not_read(copy, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not the feed's\n")
    (copy / "ddi" / "link.xml").symlink_to(secret)
    entry = entry_for(secret, "ddi/link.xml")
    rewrite(copy, lambda doc: doc["files"].append(entry))
    n = len(manifest_of(copy)["files"]) - 1
    assert found(copy) == [("feed.manifest", f"/files/{n}/path")]
    codes = {(i.code, i.location.file if i.location else None) for i in check_tree(copy).issues}
    assert ("file.outside", str(copy / "ddi" / "link.xml")) in codes  # the format check does not read it either


def test_a_path_listed_twice_is_reported(copy):
    rewrite(copy, lambda doc: doc["files"].append(dict(doc["files"][0])))
    n = len(manifest_of(copy)["files"]) - 1
    assert found(copy) == [("feed.manifest", f"/files/{n}/path")]


def test_a_folder_is_a_feed_only_with_a_manifest_at_its_top_or_under_feeds():
    assert feed.is_manifest("manifest.json") and feed.is_manifest("feeds/ons/manifest.json")
    assert not feed.is_manifest("ddi/manifest.json") and not feed.is_manifest("feeds/ons/ddi/manifest.json")


def test_a_file_name_with_a_terminal_escape_is_printed_escaped(copy):
    (copy / "x\x1b[2Jy.txt").write_text("x")
    [issue] = feed.check(copy / "manifest.json", "manifest.json")
    assert issue.code == "feed.manifest" and "\x1b" not in issue.message and "\\x1b" in issue.message


def test_a_mismatch_shows_the_manifests_value_and_the_files(copy):
    """D4: the reader sees what the manifest promised beside what arrived, for hash and size."""
    i = index_of(copy, DDI)
    said = manifest_of(copy)["files"][i]
    data = bytearray((copy / DDI).read_bytes())
    data[-2] = ord("X") if data[-2] != ord("X") else ord("Y")
    (copy / DDI).write_bytes(bytes(data))
    [issue] = feed.check(copy / "manifest.json", "manifest.json")
    has = hashlib.sha256(bytes(data)).hexdigest()
    assert said["sha256"] in issue.message and has in issue.message
    assert issue.message.index(said["sha256"]) < issue.message.index(has)  # the manifest's first, as labelled
    (copy / DDI).write_bytes(bytes(data) + b"  ")
    [issue] = feed.check(copy / "manifest.json", "manifest.json")
    assert f"{said['bytes']} bytes" in issue.message and str(len(data) + 2) in issue.message


@pytest.mark.parametrize(
    "change",
    [
        lambda doc: doc.update(record_count=doc["record_count"] + 1),
        lambda doc: doc.update(record_count="1"),
        lambda doc: doc.pop("records"),
    ],
    ids=["one too many", "text", "no records list"],
)
def test_a_record_count_that_does_not_count_the_records_is_reported(copy, change):
    """D5: record_count is checked against the manifest's records list."""
    rewrite(copy, change)
    assert found(copy) == [("feed.manifest", "/record_count")]


def test_a_record_count_of_the_records_listed_passes(copy):
    rewrite(copy, lambda doc: doc.update(records=[*doc["records"], "another"], record_count=len(doc["records"]) + 1))
    assert found(copy) == []


def test_a_folder_of_feeds_checks_each_feed_as_the_whole_tree_does(copy, tmp_path):
    """D3: exports/feeds (each subfolder a feed) is checked feed by feed, as under an exports tree."""
    (copy / DDI).write_bytes(b"<codeBook/>")
    feeds = tmp_path / "feeds"
    shutil.copytree(copy, feeds / "nisra")
    shutil.copytree(FEED.parent / "ons", feeds / "ons")
    report = check_tree(feeds)
    assert {"nisra/manifest.json", "ons/manifest.json", f"nisra/{DDI}"} <= set(report.checked)
    mine = [(i.code, i.path, i.message) for i in report.issues if i.code == "feed.manifest"]
    whole = [(i.code, i.path, i.message) for i in check_tree(tmp_path).issues if i.code == "feed.manifest"]
    assert mine == whole and [p for _c, p, _m in mine] == [f"/files/{index_of(copy, DDI)}/bytes"]
    assert "ddi.xsd" in {i.code for i in report.issues}  # the feed's files get their format's check too
    result = run_cli("conform", str(feeds), "--format", "json")
    assert result.returncode == 1 and json.loads(result.stdout)["issues"]


def test_a_format_folder_is_checked_as_that_format(tmp_path):
    ddi = Path(shutil.copytree(FEED / "ddi", tmp_path / "ddi"))
    assert check_tree(ddi).checked == (DDI.split("/")[1],)
    (ddi / DDI.split("/")[1]).write_bytes(b"<codeBook/>")
    assert "ddi.xsd" in {i.code for i in check_tree(ddi).issues}


@pytest.mark.parametrize(
    "content", [{}, {"index.html": "<html></html>"}, {"x.xml": "<codeBook/>"}], ids=["empty", "HTML pages", "no format"]
)
def test_a_folder_with_nothing_to_check_is_a_usage_error(tmp_path, content):
    """D3: never "0 file(s) checked" and exit 0: the command was given the wrong folder."""
    folder = tmp_path / "given"
    folder.mkdir()
    for name, text in content.items():
        (folder / name).write_text(text)
    result = run_cli("conform", str(folder), "--format", "json")
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert "nothing adrmeta can check" in result.stderr and str(folder) in result.stderr
    assert ("HTML" in result.stderr) == ("index.html" in content)


def test_the_site_folder_is_a_usage_error_naming_its_html():
    result = run_cli("conform", str(ROOT / "exports" / "site"))
    assert result.returncode == 2 and "HTML page" in result.stderr
