"""Turtle checked against SHACL shapes with pyshacl, offline (no owl:imports are followed):
one Issue per validation result, under the code of the profile the shapes belong to."""

from __future__ import annotations

from typing import Any

from ..report import Issue, Location


def check(data: bytes, file: str, record: str | None, shapes: Any, code: str, fix: str) -> list[Issue]:
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    try:
        graph = rdflib.Graph().parse(data=data, format="turtle")
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
