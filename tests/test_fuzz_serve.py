"""Seeded fuzzing of `adrmeta serve`'s endpoints through the WSGI app: random paths, queries, verbs,
OAI-PMH arguments, tokens, Accept and conditional headers and bodies. No request may fail inside
the server (a 500 and a logged traceback), and OAI-PMH answers stay well-formed XML.
A failure names its seed: FUZZ_SEED=<seed> reproduces it."""

from __future__ import annotations

import io
import os
import random
from urllib.parse import quote

from lxml import etree

from .test_serve_app import app

RUNS = int(os.environ.get("FUZZ_RUNS", "5000"))
SEED = int(os.environ.get("FUZZ_SEED", "17"))
PATHS = [
    "/",
    "/oai",
    "/catalog",
    "/catalog.jsonld",
    "/catalog.ttl",
    "/catalog/datasets/leo",
    "/catalog/datasets/leo.ttl",
    "/dataset/leo",
    "/dataset/leo.html",
    "/api/hdruk/datasets",
    "/api/hdruk/datasets/leo",
    "/assets/site.css",
    "/hdruk/leo.json",
    "/sitemap.xml",
    "/robots.txt",
    "/filter/theme-health.html",
]
PIECES = [
    "",
    "leo",
    "..",
    "%2e%2e",
    "\x00",
    "%00",
    "é",
    "%ff",
    "a" * 300,
    "/",
    "//",
    "\\",
    "?",
    "#",
    ";",
    "*",
    "'",
    '"',
    "<x>",
    "&",
    "=",
    "%",
    "+",
    " ",
    "\u2028",
    "\ud800",
    "9" * 30,
    "-1",
    "0",
    "1e9",
    "NaN",
    "oai:metadata.adruk.org:leo",
]
OAI_ARGS = ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken", "x"]
OAI_VALUES = [
    "Identify",
    "ListRecords",
    "ListIdentifiers",
    "GetRecord",
    "ListSets",
    "ListMetadataFormats",
    "oai_dc",
    "oai_ddi25",
    "2020-01-01",
    "2020-01-01T00:00:00Z",
    "2020-02-30",
    "catalogue:ons",
    "theme:health",
    "MXxMaXN0UmVjb3Jkc3xvYWlfZGN8fHx8NXw5OTk5OTk5OTk5OTl8eA",
    *PIECES,
]
ACCEPT = [
    "",
    "*/*",
    "text/turtle",
    "application/ld+json;q=0.5, text/html",
    "garbage;;;q=x",
    "a/b;q=2",
    "text/*;q=-1",
    ",".join(["x/y"] * 100),
]


def _request(rng: random.Random) -> dict:
    path = rng.choice(PATHS)
    if rng.random() < 0.5:
        path += rng.choice(["", "/"]) + "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 4)))
    args = [(rng.choice(OAI_ARGS), rng.choice(OAI_VALUES)) for _ in range(rng.randrange(0, 5))]
    if rng.random() < 0.3:
        args += [
            ("page", rng.choice(["1", "2", "0", "-1", "99999999999", "x", ""])),
            ("offset", rng.choice(["0", "-5", "1e3", "10"])),
            ("limit", rng.choice(["1", "0", "101", "x"])),
            ("q", rng.choice(PIECES)),
        ]
    query = "&".join(f"{quote(k)}={quote(v, safe='', errors='surrogatepass')}" for k, v in args)
    method = rng.choice(["GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "get"])
    body = (
        query.encode("utf-8", "surrogatepass") if method == "POST" and rng.random() < 0.7 else rng.randbytes(rng.randrange(0, 50))
    )
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query if method != "POST" else "",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "CONTENT_LENGTH": rng.choice([str(len(body)), "", "-1", "abc", "99999999999999999999"]),
        "CONTENT_TYPE": rng.choice(
            ["application/x-www-form-urlencoded", "", "text/plain", "application/x-www-form-urlencoded; charset=latin-1"]
        ),
    }
    if rng.random() < 0.5:
        environ["HTTP_ACCEPT"] = rng.choice(ACCEPT)
    if rng.random() < 0.2:
        environ["HTTP_IF_NONE_MATCH"] = rng.choice(['"x"', "*", "W/", ",,,", '"' * 50, ""])
    return environ


def test_random_requests_never_fail_inside_the_server():
    rng = random.Random(SEED)
    served = app()
    got: dict = {}

    def start_response(status, headers):
        got.update(status=status, headers=dict(headers))

    for run in range(RUNS):
        environ = _request(rng)
        got.clear()
        body = b"".join(served(environ, start_response))
        where = (
            f"run {run} (FUZZ_SEED={SEED}): {environ['REQUEST_METHOD']} {environ['PATH_INFO']!r} ? {environ['QUERY_STRING']!r}"
        )
        assert not got["status"].startswith("5"), where + "\n" + environ["wsgi.errors"].getvalue()
        assert environ["wsgi.errors"].getvalue() == "", where
        assert got["status"][:3].isdigit() and got["headers"]["X-Content-Type-Options"] == "nosniff", where
        if environ["PATH_INFO"] == "/oai" and environ["REQUEST_METHOD"] != "HEAD" and got["status"].startswith("200"):
            etree.fromstring(body)  # well-formed
