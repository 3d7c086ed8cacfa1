"""The static catalogue site (`export.site`), rendered in memory and served by exact path.

It is rendered for the served base URL (`--base-url`): the sitemap, robots.txt, canonical and
alternate links name this server, and the index lists its endpoints. The app hands it stated
facts only (`provenance.published`), as every export shows.

Paths are looked up in the rendered set, never on disk, so no request can reach a file outside
the site; paths with `..`, `.`, backslashes, NUL or empty segments are refused before the lookup.
`/` and `/dir/` serve the folder's `index.html`.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from .. import datestamps
from ..export import site
from ..export.files import whole
from ..model import Catalogue, Record
from .http import MEDIA_TYPES, Response, prepared

MAX_PATH = 512


def safe_path(path: str) -> str | None:
    """The site-relative file a URL path names, or None if it is not a plain path inside the site."""
    if len(path) > MAX_PATH or not path.startswith("/") or "\\" in path or "\x00" in path:
        return None
    rel = path[1:]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    if any(seg in ("", ".", "..") for seg in rel.split("/")):
        return None
    return rel


class Site:
    def __init__(self, catalogue: Catalogue, records: Mapping[str, Record], base_url: str) -> None:
        self.catalogue = catalogue
        self.changed = datestamps.last_changed(catalogue, records.values())  # as the site's footer says
        self.root = urlsplit(base_url).path or "/"  # the site's root as a path, for error pages at any depth
        self.files: dict[str, Response] = {}
        for rel, text in whole(site.documents(catalogue, records, base_url=base_url)).items():
            name = rel.removeprefix("site/")
            suffix = "." + name.rpartition(".")[2]
            self.files[name] = prepared(text, MEDIA_TYPES.get(suffix, "application/octet-stream"))

    def get(self, path: str) -> Response | None:
        rel = safe_path(path)
        return self.files.get(rel) if rel is not None else None

    def error(self, status: str, message: str) -> Response:
        """An error as a page for people, in the site's frame."""
        return Response(
            status, MEDIA_TYPES[".html"], site.error_page(self.catalogue, self.changed, status, message, self.root).encode()
        )
