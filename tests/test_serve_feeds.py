"""`adrmeta serve` answers every feed (NISRA-operator trial N7): each target catalogue's manifest
and every file it lists, byte for byte what `adrmeta export` writes under exports/feeds/, fetched
over HTTP on 127.0.0.1 the way a harvester does (manifest first, then each file, checking its size
and sha256); dated from exports/records.json as the export is; nothing else under /feeds/."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.client
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from adrmeta import datestamps
from adrmeta.exportrun import write
from adrmeta.serve.app import App

from .conftest import ROOT, bundled

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "xml": "application/xml; charset=utf-8",
}


def _lock() -> datestamps.Lock:
    """exports/records.json as `adrmeta serve` and `adrmeta export` read it."""
    return datestamps.read_lock(ROOT / "exports" / datestamps.LOCK)


@functools.cache
def _app(with_lock: bool = True) -> App:
    """The app as `adrmeta serve` makes it, with exports/records.json or without one."""
    return App(*bundled(), "http://127.0.0.1:9/", previous=_lock() if with_lock else None)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@contextlib.contextmanager
def _served(app: App) -> Iterator[http.client.HTTPConnection]:
    """`app` on 127.0.0.1 with a free port; a connection that sends paths exactly as given."""
    httpd = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    conn = http.client.HTTPConnection("127.0.0.1", httpd.server_port, timeout=30)
    try:
        yield conn
    finally:
        conn.close()
        httpd.shutdown()
        httpd.server_close()


def _get(conn: http.client.HTTPConnection, path: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn.request(method, path, headers=headers)
    resp = conn.getresponse()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """A fresh `adrmeta export` of the bundled records, continuing from the same records.json."""
    out = tmp_path_factory.mktemp("exports") / "exports"
    write(out, *bundled(), None, previous=_lock())
    return out


def test_every_feed_is_harvested_over_http_as_its_manifest_lists_it_and_as_export_writes_it(exported):
    catalogue, _records = bundled()
    assert catalogue.target_catalogues
    with _served(_app()) as conn:
        for target in catalogue.target_catalogues:
            folder = exported / "feeds" / target.id
            status, headers, body = _get(conn, f"/feeds/{target.id}/manifest.json")
            assert status == 200, target.id
            assert headers["content-type"] == CONTENT_TYPES["json"]
            assert body == (folder / "manifest.json").read_bytes(), target.id
            manifest = json.loads(body)
            listed = [entry["path"] for entry in manifest["files"]]
            on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
            assert sorted([*listed, "manifest.json"]) == on_disk  # the manifest lists every file of the feed
            for entry in manifest["files"]:
                status, headers, data = _get(conn, f"/feeds/{target.id}/{entry['path']}")
                assert status == 200, entry["path"]
                assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"]), entry["path"]
                assert headers["content-type"] == CONTENT_TYPES[entry["path"].rpartition(".")[2]], entry["path"]
                assert headers["content-length"] == str(entry["bytes"])


def test_the_feeds_match_the_committed_exports_when_those_are_current():
    """The deployment of N7: exports/ committed beside the records, `serve` started on them."""
    app = _app()
    committed = ROOT / "exports" / "feeds"
    for path in committed.rglob("*"):
        if path.is_file():
            rel = path.relative_to(ROOT / "exports").as_posix()
            assert app.feeds[rel].body == path.read_bytes(), rel
    assert len(app.feeds) == sum(1 for p in committed.rglob("*") if p.is_file())


def test_feed_files_answer_conditional_and_head_requests_as_other_files_do():
    with _served(_app()) as conn:
        status, headers, body = _get(conn, "/feeds/nisra/manifest.json")
        assert status == 200 and headers["etag"] and "max-age" in headers["cache-control"]
        status, again, body304 = _get(conn, "/feeds/nisra/manifest.json", **{"If-None-Match": headers["etag"]})
        assert status == 304 and body304 == b"" and again["etag"] == headers["etag"]
        status, head, empty = _get(conn, "/feeds/nisra/manifest.json", method="HEAD")
        assert status == 200 and empty == b"" and head["content-length"] == str(len(body))
        status, _h, _b = _get(conn, "/feeds/nisra/manifest.json", method="POST")
        assert status == 405


@pytest.mark.parametrize(
    "path",
    [
        "/feeds",
        "/feeds/",
        "/feeds/nisra",
        "/feeds/nisra/",
        "/feeds/nowhere/manifest.json",
        "/feeds/nisra/manifest.json/",
        "/feeds/nisra/manifest.jsonx",
        "/feeds/nisra//manifest.json",
        "/feeds/nisra/./manifest.json",
        "/feeds/ons/../nisra/manifest.json",
        "/feeds/ons/%2e%2e/nisra/manifest.json",
        "/feeds/ons/%2E%2E/%2E%2E/records.json",
        "/feeds/nisra/../../records.json",
        "/feeds/nisra/dcat%5ccatalog.ttl",
        "/feeds/nisra/dcat\\catalog.ttl",
        "/feeds/nisra/%00manifest.json",
        "/feeds/rds/ddi/earnings-employees-study-2011-ni.xml",  # another feed's file
        "/feeds/nisra/dcat/datasets/leo.ttl",  # a record the feed does not take
        "/feeds/nisra/catalogue.ttl",
    ],
)
def test_anything_else_under_feeds_is_404(path):
    with _served(_app()) as conn:
        status, headers, body = _get(conn, path)
    assert status == 404, path
    assert json.loads(body)["status"] == 404


def test_a_feeds_catalogue_iri_still_answers_beside_its_files():
    with _served(_app()) as conn:
        status, headers, body = _get(conn, "/feeds/nisra/catalogue", Accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert b"feeds/nisra/catalogue" in body


def _modified(app: App, target: str) -> str:
    return str(json.loads(app.feeds[f"feeds/{target}/manifest.json"].body)["modified"])


def test_the_feeds_dates_continue_from_records_json_as_the_exports_do(tmp_path):
    """A feed's date never moves back: a later date records.json kept is served, in the manifest and
    the feed's DCAT catalogue, as `export` would write it."""
    catalogue, records = bundled()
    lock = _lock()
    later = "2030-01-01"
    assert all(later > d for d in lock.feeds.values())
    moved = datestamps.Lock(dict(lock), lock.withdrawn, {**lock.feeds, "nisra": later}, lock.feed_content)
    app = App(catalogue, records, "http://127.0.0.1:9/", previous=moved)
    assert _modified(app, "nisra") == later
    assert later.encode() in app.feeds["feeds/nisra/dcat/catalog.ttl"].body
    assert _modified(app, "ons") == lock.feeds["ons"]
    write(tmp_path / "exports", catalogue, records, None, previous=moved)
    for rel, resp in app.feeds.items():
        assert resp.body == (tmp_path / "exports" / rel).read_bytes(), rel


def test_without_records_json_the_feeds_are_dated_as_a_first_export(tmp_path):
    """No exports/records.json (no export yet): what the first `export` would write, each feed
    dated by its records' and the catalogue file's newest date."""
    catalogue, records = bundled()
    app = _app(with_lock=False)
    write(tmp_path / "exports", catalogue, records, None, previous=datestamps.Lock())
    for rel, resp in app.feeds.items():
        assert resp.body == (tmp_path / "exports" / rel).read_bytes(), rel
    nisra = json.loads(app.feeds["feeds/nisra/manifest.json"].body)
    newest = max([catalogue.modified, *(records[rid].modified for rid in nisra["records"])])
    assert nisra["modified"] == newest


def test_a_document_in_several_places_is_held_once():
    """A feed's DCAT dataset document is the one `/catalog/datasets/` serves, and a record's document
    in two feeds is one: the same `bytes`, not a copy each (memory grows with the records)."""
    from adrmeta.serve.http import TURTLE

    app = _app()
    rid = "data-first-prisoner-custodial-journey"
    assert app.feeds[f"feeds/ons/dcat/datasets/{rid}.ttl"].body is app.dcat.datasets[(TURTLE, rid)].body
    assert app.feeds[f"feeds/ons/schemaorg/{rid}.jsonld"].body is app.feeds[f"feeds/sail/schemaorg/{rid}.jsonld"].body


def test_the_served_index_lists_each_feeds_manifest_and_the_exported_site_does_not():
    catalogue, _records = bundled()
    index = _app().site.files["index.html"].body.decode()
    for target in catalogue.target_catalogues:
        assert f'href="http://127.0.0.1:9/feeds/{target.id}/manifest.json"' in index, target.id
    assert "/manifest.json" not in (ROOT / "exports" / "site" / "index.html").read_text(encoding="utf-8")
