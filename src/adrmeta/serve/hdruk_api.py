"""The HDR UK Gateway pull API over the `hdruk` export (HDRUK 3.0.0 dataset JSON).

| endpoint | body | from |
|---|---|---|
| `GET /api/hdruk/datasets?q=&offset=&limit=` | `{"items": [...]}`, the export's `hdruk/datasets.json` items, filtered and sliced | each item's `self` points at the endpoint below |
| `GET /api/hdruk/datasets/{id}` | the dataset document, the export's `hdruk/{id}.json` unchanged | `{id}` is the item's `persistentId` (the record id), as the Gateway's puller fills it in |
| `GET /hdruk/datasets.json`, `/hdruk/{id}.json` | the export's files unchanged (the URLs its `self` fields name) | |

`q` matches, case-insensitively, words in an item's name and description (every word must
occur); `offset` (default 0) and `limit` (1 to 100, default 100) page the matches in the export's
order. The body keeps the list document's shape; paging travels in headers: `X-Total-Count`, and
`Link` with `rel="next"`/`rel="prev"` under the configured public base URL. Records the export
leaves out (incomplete for the Gateway) are not listed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .. import export
from ..model import Catalogue, Record
from .http import Response, prepared, problem

LIST_PATH = "/api/hdruk/datasets"
FORMAT = "hdruk"
FOLDER = "hdruk/"
MAX_LIMIT = 100
MAX_Q = 200
MAX_OFFSET = 1_000_000_000
JSON_TYPE = "application/json; charset=utf-8"


class Api:
    def __init__(self, catalogue: Catalogue, records: Mapping[str, Record], base_url: str) -> None:
        self.base_url = base_url
        self.available = FORMAT in export.EXPORTERS
        self.items: list[tuple[str, str]] = []  # (search text, the item as JSON)
        self.documents: dict[str, Response] = {}  # record id -> its dataset document
        self.files: dict[str, Response] = {}  # export path -> the file
        if not self.available:
            return
        rendered = export.render(FORMAT, catalogue, records)
        listing = json.loads(rendered.get(f"{FOLDER}datasets.json", '{"items": []}'))
        for item in listing["items"]:
            rid = item["persistentId"]  # the record id: the Gateway's puller asks for `{LIST_PATH}/{persistentId}`
            item = {**item, "self": f"{base_url}{LIST_PATH.lstrip('/')}/{rid}"}
            text = f"{item.get('name', '')} {item.get('description', '')}".casefold()
            self.items.append((text, json.dumps(item, ensure_ascii=False)))
        for rel, text in rendered.items():
            if rel.startswith(FOLDER):
                self.files[rel] = prepared(text, JSON_TYPE)
                name = rel.removeprefix(FOLDER).removesuffix(".json")
                if name != "datasets" and "/" not in name:
                    self.documents[name] = self.files[rel]

    def listing(self, environ: dict[str, Any]) -> Response:
        if not self.available:
            return problem("404 Not Found", "This adrmeta has no HDR UK export.")
        try:
            args = dict(parse_qsl(environ.get("QUERY_STRING", ""), max_num_fields=8))
        except ValueError:
            return problem("400 Bad Request", "Too many query parameters.")
        unknown = sorted(set(args) - {"q", "offset", "limit"})
        if unknown:
            return problem("400 Bad Request", f"Unknown parameter '{unknown[0][:40]}'; use q, offset and limit.")
        q = args.get("q", "")
        offset, limit = args.get("offset", "0"), args.get("limit", str(MAX_LIMIT))
        if len(q) > MAX_Q:
            return problem("400 Bad Request", f"q is limited to {MAX_Q} characters.")
        if not (offset.isascii() and offset.isdigit() and int(offset) <= MAX_OFFSET):
            return problem("400 Bad Request", "offset must be a whole number from 0.")
        if not (limit.isascii() and limit.isdigit() and 1 <= int(limit) <= MAX_LIMIT):
            return problem("400 Bad Request", f"limit must be a whole number from 1 to {MAX_LIMIT}.")
        start, size = int(offset), int(limit)
        words = q.casefold().split()
        matches = [item for text, item in self.items if all(w in text for w in words)] if words else [i for _t, i in self.items]
        page = matches[start : start + size]
        body = ('{"items": [' + ", ".join(page) + "]}\n").encode()
        links = []
        if start + size < len(matches):
            links.append(f'<{self._url(q, start + size, size)}>; rel="next"')
        if start > 0:
            links.append(f'<{self._url(q, max(0, start - size), size)}>; rel="prev"')
        headers = [("X-Total-Count", str(len(matches)))] + ([("Link", ", ".join(links))] if links else [])
        return Response("200 OK", JSON_TYPE, body, headers=tuple(headers))

    def _url(self, q: str, offset: int, limit: int) -> str:
        params = {**({"q": q} if q else {}), "offset": offset, "limit": limit}
        return f"{self.base_url}{LIST_PATH.lstrip('/')}?{urlencode(params)}"

    def one(self, rid: str) -> Response:
        found = self.documents.get(rid)
        return found if found is not None else problem("404 Not Found", "No dataset in the HDR UK export has this id.")

    def file(self, path: str) -> Response | None:
        return self.files.get(path.lstrip("/"))
