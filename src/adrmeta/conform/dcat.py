"""DCAT-AP 3.0.1 conformance of exported Turtle: the official `shapes.ttl` and `range.ttl`,
validated offline with pyshacl (no owl:imports are followed); and the keywords CKAN rejects as
tags (`ckan.py`)."""

from __future__ import annotations

import functools
from typing import Any

from ..report import Issue
from ..vendored import vendor_path
from . import ckan, shacl


@functools.cache
def shapes() -> Any:
    import rdflib

    g = rdflib.Graph()
    for name in ("shapes.ttl", "range.ttl"):
        g.parse(vendor_path("dcat-ap-3.0.1", name))
    return g


def check_turtle(data: bytes, file: str, record: str | None = None) -> list[Issue]:
    graph = shacl.parse(data, file, record)
    if isinstance(graph, list):
        return graph
    fix = "Fix the record field that maps to this property (see export/dcat.py)."
    return shacl.check_graph(graph, file, record, shapes(), "dcat.shacl", fix) + ckan.tag_issues(graph, file, record)
