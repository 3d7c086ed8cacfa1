"""Small HTTP pieces shared by the endpoints: a prepared response, content negotiation, media types."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import attrs

JSONLD = "application/ld+json"
TURTLE = "text/turtle"
HTML = "text/html"
JSON = "application/json"
XML = "text/xml"
MEDIA_TYPES = {  # file suffix -> Content-Type
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}
# what a client may ask for -> the representation it gets
ALIASES = {JSONLD: JSONLD, JSON: JSONLD, TURTLE: TURTLE, HTML: HTML, "application/xhtml+xml": HTML}
SUFFIX = {JSONLD: ".jsonld", TURTLE: ".ttl", HTML: ".html"}


@attrs.frozen
class Response:
    status: str
    content_type: str
    body: bytes
    etag: str | None = None
    vary: bool = False  # the body depends on the Accept header
    headers: tuple[tuple[str, str], ...] = ()


def prepared(body: str | bytes, content_type: str, vary: bool = False) -> Response:
    """A response rendered once and served many times: with an ETag for conditional requests."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Response("200 OK", content_type, data, etag='"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"', vary=vary)


def problem(status: str, message: str, **extra: object) -> Response:
    """An error as a small JSON document: never a stack trace."""
    return Response(
        status,
        "application/json; charset=utf-8",
        (json.dumps({"status": int(status.split()[0]), "error": message, **extra}) + "\n").encode(),
    )


def negotiate(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept header prefers (the first offered on a tie or without a
    header), or None when it accepts none of them. The most specific matching range decides each
    type's quality, as RFC 9110 says."""
    if not accept or not accept.strip():
        return offered[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(",")[:32]:
        fields = part.strip().split(";")
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].strip().lower(), q))

    def quality(media: str) -> float:
        best = (-1, 0.0)
        for mtype, q in ranges:
            if mtype == "*/*":
                rank = 0
            elif mtype.endswith("/*") and media.startswith(mtype[:-1]):
                rank = 1
            elif ALIASES.get(mtype) == media:
                rank = 2
            else:
                continue
            best = max(best, (rank, q))
        return best[1]

    q, _order, media = max((quality(o), -i, o) for i, o in enumerate(offered))
    return media if q > 0 else None
