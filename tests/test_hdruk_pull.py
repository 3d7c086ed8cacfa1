"""The HDR UK Gateway pulls the catalogue as its puller does (HDRUK/gateway-metadata-integrations
pkg/pull/pull.go at f371c94): it validates the list against the GMI list schema, fills `{id}` in
the dataset URL with each item's `persistentId`, needs a 200, skips an item whose `version` is not
the document's, and skips a version it already holds. So the list must validate, `persistentId`
must be a path segment the server answers, and an edited record must get a new version."""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import attrs
import jsonschema
import pytest
import requests

from adrmeta import cli, export, fieldtable
from adrmeta.conform import hdruk as conform_hdruk
from adrmeta.export import hdruk
from adrmeta.serve.app import App
from adrmeta.typespec import FORMAT_REGEX
from adrmeta.validate import load
from adrmeta.vendored import vendor_path

from .conftest import EDIT_DAY, ROOT, bundled, published_bundled

GMI = json.loads(vendor_path("hdruk-schemata", "GMI", "gmi.schema.json").read_text(encoding="utf-8"))


def gmi_errors(listing: Any) -> list[tuple[str, str]]:
    """(JSON pointer, validator) of every error the unmodified GMI schema finds, items unwrapped
    from its one-branch anyOf, as the Gateway's puller (gojsonschema, draft-07) would see them."""
    out = []
    validator = jsonschema.Draft7Validator(GMI, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(listing):
        for e in error.context if error.validator == "anyOf" and error.context else [error]:
            out.append(("/" + "/".join(map(str, e.absolute_path)), str(e.validator)))
    return sorted(out)


def only_the_documented_exception(listing: Any) -> bool:
    """Every GMI error is the `@schema` enum, which lists no HDRUK 3.0.0 or 4.0.0 URL."""
    return all(path.endswith("/@schema") and validator == "oneOf" for path, validator in gmi_errors(listing))


class Gateway:
    """The puller's loop over one federation, and the versions the Gateway holds per pid."""

    def __init__(self, datasets_url: str, dataset_url: str) -> None:
        self.datasets_url, self.dataset_url = datasets_url, dataset_url
        self.held: dict[str, set[str]] = {}

    def pull(self) -> list[str]:
        """The pids created or updated by one run."""
        listing = requests.get(self.datasets_url, timeout=10).json()
        assert only_the_documented_exception(listing), gmi_errors(listing)
        taken = []
        for item in listing["items"]:
            got = requests.get(self.dataset_url.replace("{id}", item["persistentId"]), timeout=10)
            assert got.status_code == 200, (item["persistentId"], got.status_code)  # else the federation is disabled
            if item["version"] != got.json()["version"] or item["version"] in self.held.get(item["persistentId"], set()):
                continue
            self.held.setdefault(item["persistentId"], set()).add(item["version"])
            taken.append(item["persistentId"])
        return taken


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serving() -> Iterator[Callable[[Path | None], str]]:
    """Serve a catalogue's records (the bundled ones, or a copy's) on 127.0.0.1, as `adrmeta serve`
    does after a restart: the app of the records as loaded; returns the base URL."""
    current: dict[str, App] = {}
    server = make_server("127.0.0.1", 0, lambda environ, start: current["app"](environ, start), handler_class=_Quiet)
    base = f"http://127.0.0.1:{server.server_port}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(root: Path | None) -> str:
        ws = load(catalogue=root / "catalogue.yaml") if root else load(cwd=ROOT)
        current["app"] = App(ws.catalogue, ws.records, base)
        return base

    yield serve
    server.shutdown()
    server.server_close()


def test_the_gateway_pulls_every_listed_dataset_through_the_api_and_the_files(serving):
    base = serving(None)
    for dataset_url in (base + "api/hdruk/datasets/{id}", base + "hdruk/{id}.json"):
        gateway = Gateway(base + "api/hdruk/datasets", dataset_url)
        listed = [i["persistentId"] for i in requests.get(gateway.datasets_url, timeout=10).json()["items"]]
        assert listed and gateway.pull() == listed  # every item answered, its version the document's
        assert gateway.pull() == []  # versions it holds are skipped


def test_an_edit_reaches_the_gateway_after_touch_and_export(serving, tmp_path, on_day):
    on_day(EDIT_DAY)  # the edit is made, touched and exported that day
    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    shutil.copytree(ROOT / "records", tmp_path / "records")
    catalogue = str(tmp_path / "catalogue.yaml")
    assert cli.main(["export", "--catalogue", catalogue, "--out", str(tmp_path / "exports")]) == 0
    base = serving(tmp_path)
    gateway = Gateway(base + "api/hdruk/datasets", base + "api/hdruk/datasets/{id}")
    first = gateway.pull()
    assert "leo" in first
    path = tmp_path / "records" / "leo.yaml"
    path.write_text(path.read_text().replace("\nkeywords:\n", "\nkeywords:\n  - an added keyword\n", 1))
    assert cli.main(["touch", "--catalogue", catalogue, "--date", EDIT_DAY]) == 0
    assert cli.main(["export", "--catalogue", catalogue, "--out", str(tmp_path / "exports")]) == 0
    base = serving(tmp_path)  # serve restarted on the changed records
    assert gateway.pull() == ["leo"]
    before = fieldtable.metadata_version(None, bundled()[1]["leo"].modified)
    assert gateway.held["leo"] == {before, "2026.12.1"}
    for folder in ("hdruk", "hdruk-4"):
        listed = json.loads((tmp_path / "exports" / folder / "datasets.json").read_text())["items"]
        [item] = [i for i in listed if i["persistentId"] == "leo"]
        assert item["version"] == "2026.12.1" and item["issued"] == item["modified"] == "2026-12-01T00:00:00Z"


def test_the_version_is_the_records_date_unless_the_record_sets_one():
    assert fieldtable.metadata_version(None, "2026-11-26") == "2026.11.26"
    assert fieldtable.metadata_version(None, "2027-01-05") == "2027.1.5"  # semver has no leading zeros
    assert fieldtable.metadata_version("1.2.0", "2026-11-26") == "1.2.0"
    for day in ("2026-01-01", "2026-10-10", "2026-12-31"):
        assert re.match(FORMAT_REGEX["semver"], fieldtable.metadata_version(None, day))


def test_list_and_documents_carry_the_same_version_in_every_export():
    """The list item's version is its document's (else the puller skips it), in 3.0.0, 4.0.0 and
    the feeds' lists, which take the whole list's items."""
    catalogue, records = published_bundled()
    files = export.render("hdruk", catalogue, records) | export.render("hdruk-4", catalogue, records)
    lists = [rel for rel in files if rel.endswith("/datasets.json")]
    assert len(lists) == 2
    for rel in lists:
        folder = rel.removesuffix("datasets.json")
        for item in json.loads(files[rel])["items"]:
            doc = json.loads(files[f"{folder}{item['persistentId']}.json"])
            rec = records[item["persistentId"]]
            assert item["version"] == doc["version"] == fieldtable.metadata_version(rec.metadata_version, rec.modified)
            assert item["issued"] == doc["issued"] == f"{rec.modified}T00:00:00Z"
    exported = ROOT / "exports"
    for listed in exported.glob("**/hdruk*/datasets.json"):
        folder = listed.parent
        for item in json.loads(listed.read_text())["items"]:
            doc = folder / f"{item['persistentId']}.json"
            doc = doc if doc.exists() else exported / folder.name / doc.name  # a feed list points at the main files
            assert json.loads(doc.read_text())["version"] == item["version"], listed


def test_a_record_that_sets_its_version_keeps_it():
    catalogue, records = published_bundled()
    rec = attrs.evolve(records["leo"], metadata_version="3.1.4")
    assert hdruk.list_item(catalogue, rec)["version"] == hdruk.dataset(catalogue, records, rec)["version"] == "3.1.4"


def test_the_exported_lists_pass_the_gmi_schema_but_for_the_documented_schema_url():
    catalogue, records = bundled()
    for version, folder in hdruk.VERSIONS.items():
        listing = json.loads(export.render(folder, catalogue, records)[f"{folder}/datasets.json"])
        errors = gmi_errors(listing)
        assert errors == [(f"/items/{i}/@schema", "oneOf") for i in range(len(listing["items"]))]
        assert conform_hdruk.check_list(json.dumps(listing).encode(), "l.json", version) == []
        for item in listing["items"]:
            assert item["persistentId"] in records and "/" not in item["persistentId"]


def test_long_titles_and_summaries_are_clipped_to_the_list_schemas_limits():
    catalogue, records = bundled()
    rec = attrs.evolve(records["leo"], title="A title " + "word " * 40, summary="A summary sentence. " * 40)
    item = hdruk.list_item(catalogue, rec)
    assert len(item["name"]) <= 80 and len(item["description"]) <= 255
    assert item["description"].endswith(".")  # whole sentences
    assert gmi_errors({"items": [item]}) == [("/items/0/@schema", "oneOf")]


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"description": "x" * 256}, "/items/0/description"),
        ({"name": "x" * 81}, "/items/0/name"),
        ({"version": "2026.01.05x"}, "/items/0/version"),
        ({"issued": "2026-11-26"}, "/items/0/issued"),
        ({"@schema": "https://example.org/schema.json"}, "/items/0/@schema"),
        ({"@schema": hdruk.SCHEMA_URL.format(version="4.0.0")}, "/items/0/@schema"),  # a 3.0.0 list's items are 3.0.0
    ],
)
def test_conform_reports_what_the_gateway_would_refuse(change, path):
    catalogue, records = bundled()
    item = {**hdruk.list_item(catalogue, records["leo"]), **change}
    issues = conform_hdruk.check_list(json.dumps({"items": [item]}).encode(), "l.json", "3.0.0")
    assert [(i.code, i.path) for i in issues] == [("hdruk.schema", path)]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"name": None}, [("hdruk.schema", "/items/0")]),  # missing: GMI names the field
        ({"description": ""}, [("hdruk.schema", "/items/0/description")]),
        ({"source": "   "}, [("hdruk.required-empty", "/items/0/source")]),  # blank, which GMI allows
    ],
)
def test_an_empty_or_missing_field_is_reported_once(change, expected):
    catalogue, records = bundled()
    item = {k: v for k, v in {**hdruk.list_item(catalogue, records["leo"]), **change}.items() if v is not None}
    issues = conform_hdruk.check_list(json.dumps({"items": [item]}).encode(), "l.json", "3.0.0")
    assert [(i.code, i.path) for i in issues] == expected
