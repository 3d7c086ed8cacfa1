"""The WSGI application: every endpoint rendered once at start-up, answered from memory.

| path | what |
|---|---|
| `/oai` | OAI-PMH 2.0, GET and POST (`serve.oai`) |
| `/catalog`, `/catalog.jsonld`, `/catalog.ttl` (`?page=N`) | the DCAT catalogue in Hydra-paged documents (`serve.dcat_pages`) |
| `/catalog/datasets/{id}` (`.jsonld`, `.ttl`) | one dataset's DCAT document |
| `/dataset/{id}` | the dataset IRI: its site page, JSON-LD or Turtle by the Accept header |
| `/organisation/{id}`, `/tre/{id}`, `/role/{id}`, `/roles`, `/theme/{id}`, `/themes`, `/catalogue`, `/catalogue/contact`, `/vocab`, `/dataset/{id}/...` | every other IRI the DCAT export mints under `base_uri`: its description, JSON-LD (the default) or Turtle by the Accept header (`dcat.described`) |
| `/csvw/{id}/{table}.json` | a dictionary table's CSVW schema (`export.csvw`), the `dct:conformsTo` of the dataset's distributions; its DCAT description for a client that prefers Turtle |
| `/api/hdruk/datasets` (`?q=&offset=&limit=`), `/api/hdruk/datasets/{id}` | the HDR UK Gateway pull API (`serve.hdruk_api`) |
| `/feeds/{id}/manifest.json`, `/feeds/{id}/{path}` | each target catalogue's feed: its manifest and every file it lists, the bytes `adrmeta export` writes under exports/feeds/ (`exportrun.feed_files`); `/feeds/{id}/catalogue` is the feed catalogue's IRI (a DCAT node); anything else under `/feeds/` is 404 |
| `/oai.xsl` | the stylesheet OAI-PMH responses name, so a browser shows them as pages (`serve/oai.xsl`) |
| `/`, anything else | the static site (`serve.static`), rendered for the served base URL; its index lists these endpoints |

Query strings and request bodies are bounded; an unexpected failure is logged to the server's
error stream and answered with a plain 500 that carries no detail. Bad OAI-PMH input is an OAI
error with HTTP 200, as the protocol asks. Other errors are negotiated: a page in the site's frame
for a client that prefers `text/html` (a browser), the small JSON document otherwise (`http.problem`).
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qsl

import attrs

from .. import datestamps
from ..export import csvw
from ..export.files import whole
from ..exportrun import feed_files
from ..feeds import FEEDS
from ..model import Catalogue, Record
from ..provenance import published
from . import hdruk_api
from .dcat_pages import FORMATS as DCAT_FORMATS
from .dcat_pages import Pages
from .http import HTML, JSONLD, MEDIA_TYPES, SUFFIX, TURTLE, Response, negotiate, prepared, problem
from .oai import FORMATS as OAI_FORMATS
from .oai import Repository
from .static import Site

MAX_QUERY = 1024  # bytes of query string
MAX_BODY = 4096  # bytes of an OAI-PMH POST body
MAX_FIELDS = 16
BODY_TIMEOUT = 10.0  # seconds a client has to send a request body once its headers are in
OAI_CONTENT_TYPE = "text/xml; charset=utf-8"
CSVW_CONTENT_TYPE = "application/csvm+json"  # the media type CSVW registers for metadata files
CACHE = "public, max-age=300"
SUFFIXES = {".jsonld": JSONLD, ".ttl": TURTLE}
# On every response. The site loads its own script and style sheet and nothing else: no inline
# script or style (its JSON-LD blocks are data, never run), no frames, forms only to itself.
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
)
STYLESHEET = files("adrmeta.serve").joinpath("oai.xsl")

StartResponse = Callable[..., Any]


def _split_suffix(name: str) -> tuple[str, str | None]:
    for suffix, media in SUFFIXES.items():
        if name.endswith(suffix):
            return name[: -len(suffix)], media
    return name, None


def _etag_matches(etag: str, if_none_match: str) -> bool:
    """Whether an If-None-Match header (`*` or a list of entity tags) names `etag`, compared
    weakly as RFC 9110 asks for this header."""
    if if_none_match.strip() == "*":
        return True
    tags = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return etag.removeprefix("W/") in tags


def _read_body(environ: dict[str, Any], length: int) -> bytes:
    """`length` bytes of the request body, within BODY_TIMEOUT seconds of waiting for each read."""
    sock = environ.get("gunicorn.socket")
    if sock is not None:
        sock.settimeout(BODY_TIMEOUT)
    try:
        body: bytes = environ["wsgi.input"].read(length)
        return body
    finally:
        if sock is not None:
            sock.settimeout(None)


class App:
    def __init__(
        self,
        catalogue: Catalogue,
        records: Mapping[str, Record],
        base_url: str,
        *,
        page_size: int = 100,
        token_ttl: int = 86_400,
        oai_formats: Sequence[str] = tuple(OAI_FORMATS),
        clock: Callable[[], float] = time.time,
        previous: datestamps.Lock | None = None,
    ) -> None:
        """`previous`: the datestamps file of the last export (exports/records.json), which the
        feeds' dates continue from as `export`'s do, and which says the OAI-PMH sets each withdrawn
        record was last exported in (`Lock.withdrawn_sets`)."""
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        deleted_sets = previous.withdrawn_sets(catalogue) if previous is not None else None
        given, records = records, published(records)  # stated facts only: inferences are never served
        self.oai = Repository(
            catalogue,
            records,
            self.base_url,
            page_size=page_size,
            token_ttl=token_ttl,
            formats=oai_formats,
            clock=clock,
            deleted_sets=deleted_sets,
        )
        self.dcat = Pages(catalogue, records, self.base_url, page_size)
        self.site = Site(catalogue, records, self.base_url)
        self.stylesheet = prepared(STYLESHEET.read_bytes(), "text/xsl; charset=utf-8")
        self.hdruk = hdruk_api.Api(catalogue, records, self.base_url)
        self.csvw = {
            f"/{rel}": prepared(text, CSVW_CONTENT_TYPE) for rel, text in whole(csvw.documents(catalogue, records)).items()
        }
        self.feeds = self._feeds(catalogue, given, previous)
        # withdrawn records: their addresses answer 410 Gone (with the day and why), not 404
        self.withdrawn = datestamps.withdrawn(catalogue, records)
        self.routes: dict[str, Callable[[dict[str, Any]], Response]] = {
            "/oai": self._oai,
            "/catalog": self._catalog,
            "/catalog.jsonld": self._catalog,
            "/catalog.ttl": self._catalog,
            "/oai.xsl": lambda _environ: self.stylesheet,
            hdruk_api.LIST_PATH: self.hdruk.listing,
        }

    def _feeds(self, catalogue: Catalogue, given: Mapping[str, Record], previous: datestamps.Lock | None) -> dict[str, Response]:
        """Every feed's files by their path (`feeds/{id}/...`), as export writes them: made from the
        records as given, since which routes are inferences (a manifest's `left_out`) is known only
        before they are dropped. A feed's DCAT dataset documents share the bytes `/catalog/datasets/`
        serves, which are the same."""
        held = {f"dcat/datasets/{rid}{SUFFIX[media]}": resp.body for (media, rid), resp in self.dcat.datasets.items()}
        return {
            rel: prepared(data, MEDIA_TYPES.get("." + rel.rpartition(".")[2], "application/octet-stream"))
            for rel, data in feed_files(catalogue, given, previous, held).items()
        }

    # --- WSGI ---

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            resp = self.route(environ)
        except Exception:  # never a stack trace to the client: log it for the operator
            environ["wsgi.errors"].write(traceback.format_exc())
            resp = problem("500 Internal Server Error", "The server could not answer this request.")
        return self._send(self._for_people(resp, environ), environ, start_response)

    def _for_people(self, resp: Response, environ: dict[str, Any]) -> Response:
        """An error for a client that prefers HTML (a browser) becomes a page; machines keep JSON."""
        if resp.status[:1] not in "45" or not resp.content_type.startswith("application/json"):
            return resp
        if negotiate(environ.get("HTTP_ACCEPT"), (JSONLD, HTML)) != HTML:  # JSONLD stands for JSON here
            return resp
        try:
            message = str(json.loads(resp.body)["error"])
        except (ValueError, KeyError):
            message = "The server could not answer this request."
        page = self.site.error(resp.status, message)
        return attrs.evolve(page, headers=resp.headers, vary=True)

    def _send(self, resp: Response, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        headers = [("Content-Type", resp.content_type), *SECURITY_HEADERS, *resp.headers]
        if resp.vary:
            headers.append(("Vary", "Accept"))
        if resp.etag:
            headers += [("ETag", resp.etag), ("Cache-Control", CACHE)]
            if _etag_matches(resp.etag, environ.get("HTTP_IF_NONE_MATCH", "")):
                start_response("304 Not Modified", headers)
                return [b""]
        headers.append(("Content-Length", str(len(resp.body))))
        start_response(resp.status, headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [resp.body]

    def route(self, environ: dict[str, Any]) -> Response:
        path = environ.get("PATH_INFO") or "/"
        method = environ["REQUEST_METHOD"]
        if path == "/oai":
            return self._oai(environ)
        if method not in ("GET", "HEAD"):
            return attrs.evolve(
                problem("405 Method Not Allowed", "Only GET and HEAD are supported here."), headers=(("Allow", "GET, HEAD"),)
            )
        if len(environ.get("QUERY_STRING", "")) > MAX_QUERY:
            return problem("414 URI Too Long", f"Query strings are limited to {MAX_QUERY} bytes.")
        handler = self.routes.get(path)
        if handler is not None:
            return handler(environ)
        if path.startswith(f"/{FEEDS}/"):
            return self._feed(environ, path)
        if (JSONLD, path[1:]) in self.dcat.nodes and not path.startswith("/csvw/"):  # csvw: its schema first
            return self._node(environ, path[1:])
        gone = self._gone(path)
        if gone is not None:
            return gone
        if path.startswith("/catalog/datasets/"):
            rid, media = _split_suffix(path.removeprefix("/catalog/datasets/"))
            return self._dataset(environ, rid, media)
        if path.startswith("/dataset/") and "." not in path:
            return self._dataset(environ, path.removeprefix("/dataset/"), None, html=True)
        if path.startswith("/csvw/"):
            schema = self.csvw.get(path)
            if schema is not None and negotiate(environ.get("HTTP_ACCEPT"), (JSONLD, TURTLE)) == TURTLE:
                return self.dcat.nodes.get((TURTLE, path[1:]), schema)
            return schema if schema is not None else problem("404 Not Found", "No table schema is published at this path.")
        if path.startswith(hdruk_api.LIST_PATH + "/"):
            return self.hdruk.one(path.removeprefix(hdruk_api.LIST_PATH + "/"))
        if path.startswith("/" + hdruk_api.FOLDER):
            found = self.hdruk.file(path)
            return found if found is not None else problem("404 Not Found", "Nothing is published at this path.")
        page = self.site.get(path)
        return page if page is not None else problem("404 Not Found", "Nothing is published at this path.")

    def _gone(self, path: str) -> Response | None:
        """410 Gone for a withdrawn record's dataset addresses (its IRI, DCAT documents, site page
        and HDR UK document): a harvester or link checker learns it is gone for good, and when."""
        for prefix in ("/dataset/", "/catalog/datasets/", hdruk_api.LIST_PATH + "/", "/" + hdruk_api.FOLDER):
            if path.startswith(prefix):
                rid = path.removeprefix(prefix).split(".", 1)[0]  # ids have no dots: drop any suffix
                entry = self.withdrawn.get(rid)
                if entry is not None:
                    why = f" {entry.note}" if entry.note else ""
                    return problem("410 Gone", f"The dataset {rid} was withdrawn from the catalogue on {entry.date}.{why}")
        return None

    # --- endpoints ---

    def _oai(self, environ: dict[str, Any]) -> Response:
        method = environ["REQUEST_METHOD"]
        if method in ("GET", "HEAD"):
            query = environ.get("QUERY_STRING", "")
        elif method == "POST":
            ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if ctype != "application/x-www-form-urlencoded":
                return self._oai_error("POST requests must be application/x-www-form-urlencoded.")
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = MAX_BODY + 1
            if length > MAX_BODY:
                return self._oai_error(f"Request bodies are limited to {MAX_BODY} bytes.")
            try:
                query = _read_body(environ, length).decode("utf-8", "replace")
            except OSError:  # too slow, or gone: the connection is closed after this answer
                return problem("408 Request Timeout", f"The request body must arrive within {BODY_TIMEOUT:g} seconds.")
        else:
            return Response(
                "405 Method Not Allowed",
                "text/plain; charset=utf-8",
                b"Use GET or POST.\n",
                headers=(("Allow", "GET, HEAD, POST"),),
            )
        if len(query) > MAX_QUERY:
            return self._oai_error(f"Requests are limited to {MAX_QUERY} bytes of arguments.")
        try:
            args = parse_qsl(query, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:
            return self._oai_error("The request has too many arguments.")
        return Response("200 OK", OAI_CONTENT_TYPE, self.oai.respond(args))

    def _oai_error(self, message: str) -> Response:
        return Response("200 OK", OAI_CONTENT_TYPE, self.oai.error("badArgument", message))

    def _catalog(self, environ: dict[str, Any]) -> Response:
        path = environ.get("PATH_INFO", "")
        media = SUFFIXES.get(path.removeprefix("/catalog")) or negotiate(environ.get("HTTP_ACCEPT"), DCAT_FORMATS)
        if media is None:
            return problem("406 Not Acceptable", "The catalogue is available as application/ld+json and text/turtle.")
        try:
            args = dict(parse_qsl(environ.get("QUERY_STRING", ""), max_num_fields=MAX_FIELDS))
        except ValueError:
            return problem("400 Bad Request", "Too many query parameters.")
        raw = args.get("page", "1")
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 9 and 1 <= int(raw) <= self.dcat.last):
            return problem("404 Not Found", f"Pages run from 1 to {self.dcat.last}.", last=self.dcat.last)
        return self.dcat.pages[(media, int(raw))]

    def _feed(self, environ: dict[str, Any], path: str) -> Response:
        """A feed's file, or its catalogue's IRI (a DCAT node); nothing else is under /feeds/."""
        rel = path[1:]  # lookups are by exact path: `..`, backslashes and the like never match
        found = self.feeds.get(rel)
        if found is not None:
            return found
        if (JSONLD, rel) in self.dcat.nodes:
            return self._node(environ, rel)
        return problem("404 Not Found", "No feed publishes a file at this path; a feed's manifest.json lists its files.")

    def _node(self, environ: dict[str, Any], path: str) -> Response:
        media = negotiate(environ.get("HTTP_ACCEPT"), DCAT_FORMATS)
        if media is None:
            return problem("406 Not Acceptable", "This is available as " + ", ".join(DCAT_FORMATS) + ".")
        return self.dcat.nodes[(media, path)]

    def _dataset(self, environ: dict[str, Any], rid: str, media: str | None, html: bool = False) -> Response:
        offered = (HTML, *DCAT_FORMATS) if html else DCAT_FORMATS
        media = media or negotiate(environ.get("HTTP_ACCEPT"), offered)
        if media is None:
            return problem("406 Not Acceptable", "Datasets are available as " + ", ".join(offered) + ".")
        found = self.site.files.get(f"dataset/{rid}.html") if media == HTML else self.dcat.datasets.get((media, rid))
        if found is None:
            return problem("404 Not Found", "No dataset has this id.")
        return attrs.evolve(found, vary=True) if html else found
