"""DCAT-AP 3.0.1 conformance of exported Turtle: the official `shapes.ttl` and `range.ttl`,
validated offline with pyshacl (no owl:imports are followed)."""

from __future__ import annotations

import functools
from typing import Any

from ..report import Issue, Location
from ..vendored import vendor_path


@functools.cache
def shapes() -> Any:
    import rdflib

    g = rdflib.Graph()
    for name in ("shapes.ttl", "range.ttl"):
        g.parse(vendor_path("dcat-ap-3.0.1", name))
    return g


def check_turtle(data: bytes, file: str, record: str | None = None) -> list[Issue]:
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    try:
        graph = rdflib.Graph().parse(data=data, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for bad Turtle
        return [Issue(code="export.malformed", record=record, message=f"not valid Turtle: {exc}.",
                      fix="Re-export the file; never edit exports by hand.", location=Location(file=file))]
    conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes(), inference="none")
    if conforms:
        return []
    out = []
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        focus = report.value(r, SH.focusNode)
        message = report.value(r, SH.resultMessage)
        out.append(Issue(code="dcat.shacl", record=record, path=str(path or ""),
                         message=f"{focus}: {message or 'violates a DCAT-AP 3.0.1 shape'}.",
                         fix="Fix the record field that maps to this property (see export/dcat.py).",
                         location=Location(file=file)))
    return out
