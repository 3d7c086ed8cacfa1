"""JSON-LD import never fetches a URL or reads a file other than its input: `@import` and contexts
by reference, at the top, in a list, type- or property-scoped, are refused before rdflib sees them."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading

import pytest

DCAT = "http://www.w3.org/ns/dcat#"
PROBE = r"""
import json, sys
from pathlib import Path
watched = set(json.loads(sys.argv[1]))
events = []
def hook(event, args):
    if event == "open" and str(args[0]) in watched:
        events.append(["open", str(args[0])])
    elif event == "socket.connect":
        events.append(["connect", str(args[1])])
sys.addaudithook(hook)
from adrmeta.importers import import_files
from adrmeta.validate import load
catalogue = load(cwd=Path(sys.argv[2])).catalogue
found = {}
for name, doc in json.loads(sys.argv[3]).items():
    events.clear()
    result = import_files([Path(doc)], catalogue)
    found[name] = {"events": list(events), "drafts": len(result.drafts),
                   "issues": [[i.code, i.location.line, i.location.column, i.message] for i in result.report.issues]}
print(json.dumps(found))
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server interface
        self.seen.append(self.path)
        body = json.dumps({"@context": {"title": "http://purl.org/dc/terms/title"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/context.jsonld"
    httpd.shutdown()


def _document(context) -> dict:
    return {"@context": context, "@id": "https://example.org/d", "@type": DCAT + "Dataset", "title": "Fetched?"}


CASES = {
    "import-url": lambda url, local: _document({"@import": url}),
    "import-local-path": lambda url, local: _document({"@import": local}),
    "import-dev-zero": lambda url, local: _document({"@import": "/dev/zero"}),
    "import-file-url": lambda url, local: _document({"@import": "file://" + local}),
    "context-list": lambda url, local: _document([{"dcat": DCAT}, {"@import": url}]),
    "type-scoped": lambda url, local: _document({"Dataset": {"@id": DCAT + "Dataset", "@context": {"@import": url}}}),
    "property-scoped": lambda url, local: _document({"title": {"@id": "http://purl.org/dc/terms/title", "@context": url}}),
    "nested-node": lambda url, local: {**_document({"dcat": DCAT}), "dcat:distribution": {"@context": local, "@id": "x"}},
    "referenced-dev-zero": lambda url, local: _document(["/dev/zero"]),
}


@pytest.fixture(scope="module")
def probed(server, tmp_path_factory) -> dict:
    """Every case imported in one separate process (an audit hook, once added, stays for the
    process's life): what each import opened or connected to, and what it reported."""
    from .conftest import ROOT

    docs, watched = {}, ["/dev/zero"]
    for name, case in CASES.items():
        folder = tmp_path_factory.mktemp(name)
        local = folder / "context.jsonld"
        local.write_text(json.dumps({"@context": {"title": "http://purl.org/dc/terms/title"}}))
        doc = folder / "doc.jsonld"
        doc.write_text(json.dumps(case(server, str(local)), indent=1))
        docs[name] = str(doc)
        watched.append(str(local))
    _Recorder.seen.clear()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(watched), str(ROOT), json.dumps(docs)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", sorted(CASES))
def test_import_fetches_nothing_and_reads_no_other_file(name, probed):
    got = probed[name]
    assert _Recorder.seen == [] and got["events"] == []  # no case's import asked the server or opened a context file
    assert got["drafts"] == 0
    ((code, line, column, message),) = got["issues"]
    assert code == "import.unsafe" and "never fetches" in message
    assert line > 1 and column > 1  # at the offending value, not the file's start
