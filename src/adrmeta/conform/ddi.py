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

# The fix for a missing profile element, by its path under /ddi:codeBook/ (prefixes dropped): the
# record field that fills it, or why none does. Rules not listed get FILL_IN.
_TIME_METHOD = "Nothing to fill in: no record field holds a time method (longitudinal, cross-section …)."
_COLL_MODE = "Nothing to fill in: no record field holds a mode of collection."
PROFILE_FIXES = {
    "stdyDscr/citation/rspStmt/AuthEnty": "Fill in the record's data_owners.",
    "stdyDscr/stdyInfo/subject/keyword": "Fill in the record's keywords.",
    "stdyDscr/stdyInfo/subject/keyword/@vocab": "Nothing to fill in: no record field maps to it, as keywords are free "
    "words from no vocabulary (themes, which have one, are in topcClas).",
    "stdyDscr/stdyInfo/subject/topcClas": "Fill in the record's themes.",
    "stdyDscr/stdyInfo/sumDscr/collDate": "Nothing to fill in: no record field holds when the data were collected "
    "(coverage periods, the time they are about, are in timePrd).",
    "stdyDscr/stdyInfo/sumDscr/nation": "Fill in the record's coverage.nations.",
    "stdyDscr/stdyInfo/sumDscr/anlyUnit": "Fill in the record's unit_of_analysis.",
    "stdyDscr/stdyInfo/sumDscr/anlyUnit/concept": "Fill in the record's unit_of_analysis.",
    "stdyDscr/stdyInfo/sumDscr/universe": "Fill in the record's population.",
    "stdyDscr/method/dataColl/timeMeth": _TIME_METHOD,
    "stdyDscr/method/dataColl/timeMeth/concept": _TIME_METHOD,
    "stdyDscr/method/dataColl/sampProc/concept": "Nothing to fill in: no record field holds a sampling procedure.",
    "stdyDscr/method/dataColl/collMode": _COLL_MODE,
    "stdyDscr/method/dataColl/collMode/concept": _COLL_MODE,
    "stdyDscr/dataAccs/useStmt/restrctn": "Fill in the accreditation each of the record's access routes needs "
    "(access[].accreditation).",
    "fileDscr/fileTxt/fileName": "Add the record's data dictionary (dictionary.tables): each table's name is a fileName.",
}
FILL_IN = "Fill in the record field that maps to this element (see export/ddi.py)."


def profile_fix(xpath: str) -> str:
    """The fix for a profile finding on `xpath`: PROFILE_FIXES' sentence, else FILL_IN."""
    return PROFILE_FIXES.get(xpath.removeprefix("/ddi:codeBook/").replace("ddi:", ""), FILL_IN)


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
                fix=profile_fix(f.rule.xpath),
                location=Location(file=file, line=f.line),
            )
        )
    return out
