"""`adrmeta serve` against hostile clients: slow request bodies must not starve the workers."""

from __future__ import annotations

import socket
import time

import pytest
import requests

from .test_serve_harvest import Server


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    assert s.stop() == 0


def _slow_body(url: str) -> socket.socket:
    """A connection that promises a 4,000-byte POST body to /oai and never sends it."""
    host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=5)
    sock.sendall(
        b"POST /oai HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: 4000\r\n\r\nverb=Iden"
    )
    return sock


def test_slow_request_bodies_do_not_starve_the_server(server):
    held = [_slow_body(server.url) for _ in range(20)]
    try:
        time.sleep(0.5)  # let every slow connection reach a worker
        for _ in range(3):
            start = time.monotonic()
            resp = requests.get(
                server.url + "oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:metadata.adruk.org:leo", timeout=10
            )
            elapsed = time.monotonic() - start
            assert resp.status_code == 200 and b"<GetRecord>" in resp.content
            assert elapsed < 1.0, f"GetRecord took {elapsed:.2f} s while 20 slow bodies were held open"
    finally:
        for sock in held:
            sock.close()


def test_responses_identify_no_software_and_carry_security_headers(server):
    for path in ("", "dataset/leo.html", "oai?verb=Identify", "catalog", "no/such/page"):
        headers = requests.get(server.url + path, timeout=10).headers
        assert "gunicorn" not in headers.get("Server", "").lower()
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_site_needs_nothing_its_content_security_policy_forbids():
    """No inline script (JSON-LD data blocks aside), no inline style, nothing from elsewhere."""
    import re

    from .conftest import ROOT

    for page in (ROOT / "exports" / "site").rglob("*.html"):
        html = page.read_text()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'type="application/ld+json"' in tag or " src=" in tag, (page, tag)
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=|(src|href)=\"(https?:)?//[^\"]*\.(js|css)\"", html), page


def test_if_none_match_is_a_list_of_entity_tags():
    from .test_serve_app import call

    etag = call("/assets/site.css")[1]["ETag"]
    assert call("/assets/site.css", if_none_match=f'"x", {etag}')[0] == "304 Not Modified"
    assert call("/assets/site.css", if_none_match=f"W/{etag}")[0] == "304 Not Modified"
    assert call("/assets/site.css", if_none_match="*")[0] == "304 Not Modified"
    # a substring of the header is not a match
    assert call("/assets/site.css", if_none_match=f'"a{etag[1:-1]}b"')[0] == "200 OK"
    assert call("/assets/site.css", if_none_match=f"{etag}{etag}")[0] == "200 OK"


def test_a_body_that_does_not_arrive_in_time_is_a_408():
    from .test_serve_app import App, bundled

    class Stalled:
        def read(self, _n):
            raise TimeoutError("timed out")

    class Sock:
        timeouts: list = []

        def settimeout(self, value):
            self.timeouts.append(value)

    import io

    app = App(*bundled(), "https://x.example/")
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/oai",
        "QUERY_STRING": "",
        "wsgi.input": Stalled(),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": "4000",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "gunicorn.socket": Sock(),
    }
    got = {}
    body = b"".join(app(environ, lambda status, headers: got.update(status=status)))
    assert got["status"].startswith("408") and b"Traceback" not in body
    assert Sock.timeouts[0] > 0 and Sock.timeouts[-1] is None
