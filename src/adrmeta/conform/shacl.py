"""Turtle checked against SHACL shapes with pyshacl, offline (no owl:imports are followed):
one Issue per validation result, under the code of the profile the shapes belong to."""

from __future__ import annotations

from typing import Any

from ..report import Issue, Location


def parse(data: bytes, file: str, record: str | None) -> Any:
    """The Turtle's graph, or the list of the one issue saying it is not Turtle."""
    import rdflib

    try:
        return rdflib.Graph().parse(data=data, format="turtle")
    except Exception as exc:  # rdflib raises many kinds for bad Turtle
        return [
            Issue(
                code="export.malformed",
                record=record,
                message=f"not valid Turtle: {exc}.",
                fix="Re-export the file; never edit exports by hand.",
                location=Location(file=file),
            )
        ]


def check(data: bytes, file: str, record: str | None, shapes: Any, code: str, fix: str) -> list[Issue]:
    graph = parse(data, file, record)
    return graph if isinstance(graph, list) else check_graph(graph, file, record, shapes, code, fix)


def check_graph(graph: Any, file: str, record: str | None, shapes: Any, code: str, fix: str) -> list[Issue]:
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    conforms, report, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    if conforms:
        return []
    out = []
    for r in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        focus = report.value(r, SH.focusNode)
        message = report.value(r, SH.resultMessage)
        out.append(
            Issue(
                code=code,
                record=record,
                path=str(path or ""),
                message=f"{focus}: {message or 'violates a shape'}.",
                fix=fix,
                location=Location(file=file),
            )
        )
    return out
