"""DDI Codebook 2.5 conformance of exported bytes: the official XSD (offline) and the CESSDA
Data Catalogue DDI 2.5 profile. Mandatory profile rules and schema errors are errors;
recommended profile rules are warnings."""

from __future__ import annotations

import functools

from lxml import etree

from ..report import Issue, Location
from ..vendored import vendor_path
from . import cessda
from .xmlsafe import load_schema, safe_parser


@functools.cache
def schema() -> etree.XMLSchema:
    return load_schema(vendor_path("ddi-codebook-2.5", "codebook.xsd"))


def check_bytes(data: bytes, file: str, record: str | None = None) -> list[Issue]:
    """Issues for one DDI document: well-formedness, the XSD, then the CESSDA profile."""
    try:
        doc = etree.fromstring(data, safe_parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        return [
            Issue(
                code="ddi.xsd",
                record=record,
                message=f"not well-formed XML: {exc.msg}.",
                fix="Re-export the file; never edit exports by hand.",
                location=Location(file=file, line=line, column=column),
            )
        ]
    out = []
    xsd = schema()
    if not xsd.validate(doc):
        for err in xsd.error_log:
            out.append(
                Issue(
                    code="ddi.xsd",
                    record=record,
                    message=f"{err.message}.",
                    fix="Fix the exporter or the record so the element is valid DDI Codebook 2.5.",
                    location=Location(file=file, line=err.line, column=err.column or None),
                )
            )
    for f in cessda.check(doc):
        code = "ddi.profile-mandatory" if f.level == "mandatory" else "ddi.profile-recommended"
        out.append(
            Issue(
                code=code,
                record=record,
                path=f.rule.xpath,
                message=f.message,
                fix="Fill in the record field that maps to this element (see export/ddi.py).",
                location=Location(file=file, line=f.line),
            )
        )
    return out
