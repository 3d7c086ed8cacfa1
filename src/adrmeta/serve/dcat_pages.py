"""The DCAT catalogue in pages, with Hydra paging links, and one document per dataset.

Each page is a self-contained `dcat:Catalog` document (the DCAT export's, restricted to the page's
datasets) plus a `hydra:PartialCollectionView`, as ckanext-dcat publishes and harvests it. Each
record is a `dcat:Dataset` on exactly one page, the one that lists it: a paging harvester
(ckanext-dcat) makes a dataset of every `dcat:Dataset` node on every page. A dataset that the
page's datasets name as a source but another page lists is a title-only stub typed
`vocab#ReferencedDataset`, defined on the page, as in a dataset's own document
(`dcat.catalog_nodes`):

| Hydra | value |
|---|---|
| `hydra:view` (on the catalogue) | the page's own URL |
| `hydra:first`, `hydra:last`, `hydra:next`, `hydra:previous` | page URLs under the configured public base URL (never the request's Host), in the same format |
| `hydra:totalItems`, `hydra:itemsPerPage` | datasets in the catalogue, datasets per page |

URLs: `{base}catalog.jsonld?page=N` and `{base}catalog.ttl?page=N`; `{base}catalog` negotiates.
Datasets: the DCAT export's `dcat/datasets/{id}.jsonld` and `.ttl`, unchanged.
Every other IRI the export mints under `base_uri` (organisations, TREs, roles, themes and their
schemes, the catalogue and its contact, a dataset's attributions, components, periods,
distributions..., the classes `vocab#...` at `vocab`): its description (`dcat.described`), by its
path under `base_uri`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ..export import dcat
from ..export.files import whole
from ..model import Catalogue, Record
from ..rdf import IRI, PREFIXES, Lit, Node, add, context, node, to_jsonld, to_turtle
from .http import JSONLD, SUFFIX, TURTLE, Response, prepared

HYDRA = "http://www.w3.org/ns/hydra/core#"
FORMATS = (JSONLD, TURTLE)
CONTENT_TYPE = {JSONLD: "application/ld+json; charset=utf-8", TURTLE: "text/turtle; charset=utf-8"}


def _jsonld(nodes: list[Node], language: str) -> str:
    """The export's JSON-LD with the hydra prefix added to its context."""
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    text = to_jsonld(nodes, language)
    old = json.dumps({"@context": context(language)}, **compact)[:-1]  # type: ignore[arg-type]
    new = json.dumps({"@context": {**context(language), "hydra": HYDRA}}, **compact)[:-1]  # type: ignore[arg-type]
    if not text.startswith(old):
        raise RuntimeError("the JSON-LD serialiser changed its head; update dcat_pages")
    return new + text[len(old) :]


def page_url(base_url: str, media: str, page: int) -> str:
    return f"{base_url}catalog{SUFFIX[media]}?page={page}"


def _view(base_url: str, media: str, page: int, last: int, total: int, per_page: int) -> Node:
    view = node(page_url(base_url, media, page), "hydra:PartialCollectionView")
    add(view, "hydra:first", IRI(page_url(base_url, media, 1)))
    add(view, "hydra:last", IRI(page_url(base_url, media, last)))
    if page < last:
        add(view, "hydra:next", IRI(page_url(base_url, media, page + 1)))
    if page > 1:
        add(view, "hydra:previous", IRI(page_url(base_url, media, page - 1)))
    add(view, "hydra:totalItems", Lit(str(total), "xsd:integer"))
    add(view, "hydra:itemsPerPage", Lit(str(per_page), "xsd:integer"))
    return view


class Pages:
    """Every page and dataset document, rendered at construction."""

    def __init__(self, catalogue: Catalogue, records: Mapping[str, Record], base_url: str, page_size: int) -> None:
        ids = sorted(records)
        self.last = max(1, -(-len(ids) // page_size))
        self.pages: dict[tuple[str, int], Response] = {}
        for number in range(1, self.last + 1):
            chunk = ids[(number - 1) * page_size : number * page_size]
            catalog, *rest = dcat.catalog_nodes(catalogue, records, chunk)
            for media in FORMATS:
                view = _view(base_url, media, number, self.last, len(ids), page_size)
                nodes = [{**catalog, "hydra:view": [view["@id"]]}, *rest, view]
                text = _jsonld(nodes, catalogue.language) if media == JSONLD else to_turtle(nodes, {**PREFIXES, "hydra": HYDRA})
                self.pages[(media, number)] = prepared(text, CONTENT_TYPE[media], vary=True)
        self.datasets: dict[tuple[str, str], Response] = {}
        for rel, text in whole(dcat.documents(catalogue, records)).items():
            if rel.startswith("dcat/datasets/"):
                rid, _, suffix = rel.removeprefix("dcat/datasets/").rpartition(".")
                media = JSONLD if suffix == "jsonld" else TURTLE
                self.datasets[(media, rid)] = prepared(text, CONTENT_TYPE[media], vary=True)
        self.nodes: dict[tuple[str, str], Response] = {}  # (media, path under base_uri) -> description
        for iri, described in dcat.described(catalogue, records).items():
            path = iri.removeprefix(catalogue.base_uri)
            self.nodes[(JSONLD, path)] = prepared(to_jsonld(described, catalogue.language), CONTENT_TYPE[JSONLD], vary=True)
            self.nodes[(TURTLE, path)] = prepared(to_turtle(described), CONTENT_TYPE[TURTLE], vary=True)
