"""`adrmeta serve` as a process on 127.0.0.1, harvested by a real OAI-PMH client (sickle): every
record in both prefixes through several resumption-token pages, GET and POST, and a harvest that
resumes on a restarted server."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import requests
from lxml import etree
from sickle import Sickle
from sickle.oaiexceptions import BadArgument, BadResumptionToken, CannotDisseminateFormat, IdDoesNotExist, NoRecordsMatch

from .conftest import ROOT, bundled, published_bundled, run_cli
from .test_hdruk_pull import Gateway

pytestmark = pytest.mark.slow  # real servers and harvesters

PAGE = 5
OAI_NS = {"o": "http://www.openarchives.org/OAI/2.0/"}


class Server:
    def __init__(self, *extra: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "adrmeta", "serve", "--port", "0", "--workers", "2", "--page-size", str(PAGE), *extra],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        match = re.search(r" on (http://127\.0\.0\.1:\d+/)", line)
        assert match, line + self.proc.stderr.read() if self.proc.stderr else line
        self.url = match.group(1)
        deadline = time.monotonic() + 30
        while True:  # listening from the start; answering once a worker is up
            try:
                if requests.get(self.url + "oai?verb=Identify", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> int:
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=30)
        finally:
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream:
                    stream.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    s = Server()
    yield s
    assert s.stop() == 0


class CountingSickle(Sickle):
    """Counts the HTTP requests a harvest makes (one per page)."""

    requests_made = 0

    def harvest(self, **kwargs):
        self.requests_made += 1
        return super().harvest(**kwargs)


def ids_of(records: dict) -> set[str]:
    return {f"oai:metadata.adruk.org:{rid}" for rid in records}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("prefix", ["oai_dc", "oai_ddi25"])
def test_sickle_harvests_every_record_over_several_pages(server, prefix, method):
    records = bundled()[1]
    sickle = CountingSickle(server.url + "oai", http_method=method, max_retries=0, timeout=30)
    harvested = list(sickle.ListRecords(metadataPrefix=prefix))
    assert {r.header.identifier for r in harvested} == ids_of(records)
    assert len(harvested) == len(records)
    assert sickle.requests_made == -(-len(records) // PAGE) > 2
    root = "{ddi:codebook:2_5}codeBook" if prefix == "oai_ddi25" else "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
    assert all(r.xml.find(".//" + root) is not None for r in harvested)
    if prefix == "oai_dc":
        by_id = {r.header.identifier: r for r in harvested}
        assert by_id["oai:metadata.adruk.org:leo"].metadata["title"][0] == records["leo"].title


def test_the_hdruk_gateway_puller_pulls_every_dataset_from_serve(server):
    """`adrmeta serve` itself (gunicorn) answers the Gateway's puller: the list passes its GMI
    schema but for the documented `@schema`, and each `{id}` = `persistentId` answers 200 with the
    item's version."""
    gateway = Gateway(server.url + "api/hdruk/datasets", server.url + "api/hdruk/datasets/{id}")
    taken = gateway.pull()
    assert taken and taken == [i["persistentId"] for i in requests.get(gateway.datasets_url, timeout=30).json()["items"]]


def test_sickle_reads_identify_sets_formats_and_headers(server):
    sickle = Sickle(server.url + "oai", max_retries=0, timeout=30)
    assert sickle.Identify().baseURL == server.url + "oai"
    assert {f.metadataPrefix for f in sickle.ListMetadataFormats()} == {"oai_dc", "oai_ddi25"}
    offered = {s.setSpec for s in sickle.ListSets()}
    assert "theme:health" in offered and "catalogue:rds" in offered
    assert "theme:growing-old" not in offered  # a theme no record is in (`adrmeta.sets`)
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="theme:health"))
    assert {h.identifier for h in headers} == ids_of(
        {r: 1 for r, rec in published_bundled()[1].items() if "health" in rec.themes}
    )
    assert sickle.GetRecord(identifier="oai:metadata.adruk.org:leo", metadataPrefix="oai_ddi25").header.datestamp


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s: s.GetRecord(identifier="oai:metadata.adruk.org:nope", metadataPrefix="oai_dc"), IdDoesNotExist),
        (lambda s: s.GetRecord(identifier="oai:metadata.adruk.org:leo", metadataPrefix="marc21"), CannotDisseminateFormat),
        (lambda s: list(s.ListRecords(metadataPrefix="oai_dc", **{"from": "2999-01-01"})), NoRecordsMatch),
        (lambda s: list(s.ListRecords(metadataPrefix="oai_dc", **{"from": "2026-01-01T00:00:00Z"})), BadArgument),
        (lambda s: s.iterator(s, {"verb": "ListRecords", "resumptionToken": "MXxvbGQ"}), BadResumptionToken),
    ],
)
def test_wrong_requests_raise_the_oai_error_in_the_client(server, call, error):
    with pytest.raises(error):
        call(Sickle(server.url + "oai", max_retries=0, timeout=30))


def test_a_wrong_verb_is_bad_verb_over_http(server):
    for method in ("GET", "POST"):
        resp = requests.request(
            method,
            server.url + "oai",
            params=None if method == "POST" else {"verb": "Subscribe"},
            data={"verb": "Subscribe"} if method == "POST" else None,
            timeout=30,
        )
        assert resp.status_code == 200
        assert etree.fromstring(resp.content).find("o:error", OAI_NS).get("code") == "badVerb"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "verb=",
        "verb=GetRecord&identifier=%00%ff&metadataPrefix=oai_dc",
        "verb=ListRecords&resumptionToken=%3Cscript%3E",
        "verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-30",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&set=%E2%9C%93",
        "x" * 3000,
    ],
)
def test_hostile_oai_input_is_an_oai_error_never_a_500(server, query):
    resp = requests.get(f"{server.url}oai?{query}", timeout=30)
    assert resp.status_code == 200
    assert etree.fromstring(resp.content).find("o:error", OAI_NS) is not None


def test_a_harvest_resumes_on_a_restarted_server():
    first = Server()
    page = requests.get(first.url + "oai", params={"verb": "ListIdentifiers", "metadataPrefix": "oai_ddi25"}, timeout=30)
    assert first.stop() == 0
    token = etree.fromstring(page.content).findtext(".//o:resumptionToken", namespaces=OAI_NS)
    assert token
    second = Server()
    try:
        resumed = requests.get(second.url + "oai", params={"verb": "ListIdentifiers", "resumptionToken": token}, timeout=30)
        doc = etree.fromstring(resumed.content)
        assert doc.find("o:error", OAI_NS) is None
        assert doc.find(".//o:resumptionToken", OAI_NS).get("cursor") == str(PAGE)
    finally:
        assert second.stop() == 0


def test_serve_refuses_records_with_errors(tmp_path):
    (tmp_path / "records").mkdir()
    (tmp_path / "catalogue.yaml").write_text((ROOT / "catalogue.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "records" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    result = run_cli("serve", "--port", "0", cwd=tmp_path)
    assert result.returncode == 1 and "nothing served" in result.stderr and "yaml.syntax" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-url", "ftp://example.org/"], "--base-url"),
        (["--workers", "0"], "--workers"),
        (["--page-size", "100000"], "--page-size"),
    ],
)
def test_serve_usage_errors(args, message):
    result = run_cli("serve", "--port", "0", *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_serve_reports_a_port_in_use(server):
    port = server.url.rsplit(":", 1)[1].strip("/")
    result = run_cli("serve", "--port", port)
    assert result.returncode == 2 and "cannot listen" in result.stderr and "Traceback" not in result.stderr


def test_the_base_url_is_used_in_links_not_the_host_header():
    s = Server("--base-url", "https://harvest.example.org/adrmeta/")
    try:
        body = requests.get(s.url + "oai?verb=Identify", headers={"Host": "evil.example.com"}, timeout=30).content
        assert etree.fromstring(body).findtext(".//o:baseURL", namespaces=OAI_NS) == "https://harvest.example.org/adrmeta/oai"
        ttl = requests.get(s.url + "catalog", headers={"Accept": "text/turtle", "Host": "evil.example.com"}, timeout=30).text
        assert "<https://harvest.example.org/adrmeta/catalog.ttl?page=2>" in ttl and "evil.example.com" not in ttl
    finally:
        assert s.stop() == 0


def test_a_harvester_fetches_every_feed_from_serve_as_the_manifest_lists_it(server):
    """N7: the manifest, then every file it lists, each of the size and sha256 the manifest gives;
    the manifests are those `adrmeta export` wrote (exports/ is current: CI checks it)."""
    import hashlib

    catalogue, _records = bundled()
    for target in catalogue.target_catalogues:
        got = requests.get(f"{server.url}feeds/{target.id}/manifest.json", timeout=30)
        assert got.status_code == 200 and got.headers["Content-Type"].startswith("application/json"), target.id
        assert got.content == (ROOT / "exports" / "feeds" / target.id / "manifest.json").read_bytes(), target.id
        for entry in got.json()["files"]:
            data = requests.get(f"{server.url}feeds/{target.id}/{entry['path']}", timeout=30).content
            assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"]), entry["path"]
    assert requests.get(f"{server.url}feeds/nisra/%2e%2e/ons/manifest.json", timeout=30).status_code == 404


def test_serve_dates_the_feeds_from_records_json_beside_the_records(tmp_path):
    """`adrmeta serve` reads exports/records.json beside the records folder, as `export` does: a
    feed's date kept there is never moved back."""
    import json
    import shutil

    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    lock = json.loads((ROOT / "exports" / "records.json").read_text(encoding="utf-8"))
    lock["feeds"]["nisra"]["modified"] = "2030-01-01"
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "records.json").write_text(json.dumps(lock), encoding="utf-8")
    s = Server("--catalogue", str(tmp_path / "catalogue.yaml"))
    try:
        assert requests.get(f"{s.url}feeds/nisra/manifest.json", timeout=30).json()["modified"] == "2030-01-01"
        assert requests.get(f"{s.url}feeds/ons/manifest.json", timeout=30).json()["modified"] == lock["feeds"]["ons"]["modified"]
    finally:
        assert s.stop() == 0
