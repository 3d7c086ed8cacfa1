"""Errors are data: every problem found is an `Issue` in a `Report`, never an exception.

Each issue has a stable code from `CODES`, a severity, the record id, a JSON-pointer path into the
record file, a message saying what is wrong, a one-sentence fix, and the file:line:column it came
from. Tests check codes, never wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

# Every code adrmeta can report, with its severity and what it means. Documentation and the
# every-code-has-a-test check are generated from this table.
CODES: dict[str, tuple[Severity, str]] = {
    # reading files
    "file.not-found": ("error", "A path given on the command line does not exist."),
    "file.unreadable": ("error", "A file could not be read, or a folder listed (permissions, a folder, a device)."),
    "file.outside": (
        "error",
        "A file is a link leading outside the folder read (the catalogue's, or the exports or feed conform checks); it is not read.",
    ),
    "file.too-large": ("error", "A file is larger than adrmeta reads."),
    "file.encoding": ("error", "A file is not valid UTF-8."),
    "file.empty": ("error", "A record file holds no YAML document."),
    "yaml.syntax": ("error", "A file is not well-formed YAML."),
    "yaml.duplicate-key": ("error", "A mapping names the same key twice."),
    "yaml.alias-bomb": ("error", "YAML aliases expand to far more data than a record holds."),
    "yaml.too-deep": ("error", "YAML nesting is deeper than any record needs."),
    "yaml.tag": ("error", "A YAML tag other than the standard ones is used."),
    # structure (the record schema)
    "schema.required": ("error", "A required field is missing."),
    "schema.type": ("error", "A value has the wrong type."),
    "schema.unknown-key": ("error", "A key is not part of the record format."),
    "schema.enum": ("error", "A value is not one of the allowed words."),
    "schema.format": ("error", "A text value does not follow its format (key, date, URL, email)."),
    "schema.empty": ("error", "A text value is empty or only spaces."),
    "schema.control-character": (
        "error",
        "A text value holds a character XML cannot carry (a control character, U+FFFE, U+FFFF, a lone surrogate).",
    ),
    "schema.duplicate-item": ("warning", "A list holds the same item twice."),
    "schema.date": ("error", "A date has the right shape but does not exist."),
    # identity and references
    "record.id-mismatch": ("error", "A record's id differs from its file name."),
    "record.duplicate-id": ("error", "Two record files have the same id."),
    "record.id-taken": (
        "warning",
        "A record file outside the records folder has the id of a record in it: moving it in would replace that record.",
    ),
    "record.duplicate-component": ("error", "Two components of a record share an id."),
    "catalogue.duplicate-key": ("error", "Two catalogue entries of the same kind share an id."),
    "reference.unknown": ("error", "A key refers to nothing in catalogue.yaml or the records."),
    # consistency
    "consistency.period-order": ("error", "A period starts after it ends."),
    "consistency.future-end": ("warning", "A static dataset's coverage ends in the future."),
    "consistency.placeholder": ("warning", "A text value is a placeholder such as 'TBD'."),
    "consistency.source-conflict": ("info", "Sources disagree on a value; both are kept."),
    "consistency.stale-current": ("warning", "A newer source gives another value than the current one."),
    "consistency.variant-path": ("error", "A variant points at a field the record does not have."),
    "consistency.variant-same": ("warning", "A variant repeats the current value."),
    "consistency.planned-with-access": ("warning", "A planned dataset declares an access route."),
    "consistency.available-without-access": (
        "warning",
        "An available dataset states no access route (none, or only inferred ones).",
    ),
    "consistency.relation-inverse": ("error", "part_of and has_part do not mirror each other."),
    "consistency.collection-parts": ("error", "A collection has no parts, or a dataset lists parts."),
    "consistency.public-without-url": ("info", "Public documentation has no URL."),
    "consistency.summary-length": ("warning", "The summary is shorter than 50 or longer than 5000 characters."),
    "consistency.update-note-repeats": ("warning", "The update note only repeats the update frequency."),
    "consistency.gateway-unsupported": ("warning", "An access route's legal gateway is not one its TRE supports."),
    "consistency.theme-count": ("info", "The catalogue lists fewer research themes than the publisher declares."),
    "consistency.planned-overdue": ("warning", "A planned dataset's expected availability has passed."),
    # provenance
    "provenance.unsourced": ("warning", "A value has no source: no source of its own, of an enclosing object, or of the record."),
    "provenance.path": ("error", "A provenance entry points at no value of the record."),
    "provenance.no-reasoning": ("error", "An inference gives no reasoning."),
    "provenance.inference-exported": ("error", "An inference marks a required value, which every export would publish as fact."),
    "flagship.designation-source": (
        "error",
        "A record says it is a flagship dataset, but cites no source published by the organisation that designates the"
        " programme's datasets (ADR UK), so the designation does not count.",
    ),
    "record.modified-stale": (
        "error",
        "A record's modified date hides a change from incremental harvests: its published content changed but the date"
        " did not, the date moved back, or the record is missing from the last export and dated before it.",
    ),
    "record.modified-future": (
        "error",
        "A record's modified date is after today (UTC), so every export would publish a change on a day that has not come"
        " and incremental harvests would fetch the record again on every run until then.",
    ),
    "record.removed-unannounced": (
        "error",
        "A record of the last export is no longer in the records folder and not listed as withdrawn in catalogue.yaml,"
        " so harvesters are never told it is gone.",
    ),
    "catalogue.withdrawn-restored": ("error", "A record listed as withdrawn in catalogue.yaml is in the records folder again."),
    "catalogue.withdrawn-date": (
        "error",
        "A withdrawn record is dated before the last export that still held it, so an incremental harvest misses its deletion.",
    ),
    "catalogue.date-future": (
        "error",
        "A date in catalogue.yaml (its modified date, or a withdrawn record's date) is after today (UTC), so exports"
        " would publish a change on a day that has not come.",
    ),
    "catalogue.modified-stale": (
        "error",
        "What a feed shows of catalogue.yaml (its title, publisher, the feed's target entry...) changed since the last"
        " export, but the file's modified date is not after the feed's last published date, so the feed's date does not"
        " move and harvesters polling it miss the change.",
    ),
    "source.undated": ("info", "A source has no date, so adrmeta cannot tell whether a newer source supersedes it."),
    "consistency.undated-conflict": (
        "warning",
        "Sources disagree on a value and one has no date, so adrmeta cannot tell which is newer.",
    ),
    # data dictionaries (records/<id>.dictionary.yaml or .csv, or a record's `dictionary`)
    "dictionary.given-twice": (
        "error",
        "A record's data dictionary is given twice: in the record and beside it, or in two side files.",
    ),
    "dictionary.no-record": (
        "warning",
        "A data dictionary file beside the records has no record file of its name, so it is not read.",
    ),
    "dictionary.malformed": (
        "error",
        "A dictionary file cannot be read in the documented layout (CSV syntax, no header row, a code without a value).",
    ),
    "dictionary.table-conflict": (
        "error",
        "Rows of a dictionary spreadsheet give one table different labels, descriptions or components.",
    ),
    "dictionary.duplicate-table": ("error", "Two tables of a data dictionary have the same name."),
    "dictionary.duplicate-variable": ("error", "Two variables of one table have the same name."),
    "dictionary.duplicate-code": ("error", "A variable's code list gives the same value twice."),
    "dictionary.missing-label": ("warning", "Variables of a table have no label."),
    "dictionary.code-type": (
        "error",
        "A variable's code list contradicts its type (a non-numeric code on a number, more than two codes on a boolean, codes on a date).",
    ),
    # catalogue profiles whose required fields must be filled in (for records a target catalogue takes)
    "hdruk.incomplete": ("info", "A record lacks a fact HDR UK requires, so the HDR UK export leaves it out."),
    "hdruk.section-omitted": ("info", "A record lacks a fact an optional HDR UK section needs, so the section is left out."),
    "hdruk.value-not-mapped": (
        "info",
        "A stated value fits no single word of an HDR UK list (such as a lead time no deliveryLeadTime bucket holds), so it is left out.",
    ),
    "cddo.incomplete": (
        "info",
        "A record lacks a fact the cross-government model requires, so the dcat-uk export leaves it out.",
    ),
    "cddo.organisation-not-listed": ("info", "A data owner is not on the cross-government model's GOV.UK organisation list."),
    # links (adrmeta links, validate --online)
    "link.moved": ("warning", "A link redirects permanently: use the new URL."),
    "link.client-error": ("error", "A link answers with a client error such as 404 Not Found."),
    "link.server-error": ("warning", "A link answers with a server error (5xx)."),
    "link.timeout": ("warning", "A link did not answer in time."),
    "link.dns-failure": ("error", "A link's host name does not resolve."),
    "link.tls-error": ("error", "A link's secure connection failed (certificate or TLS error)."),
    "link.too-many-redirects": ("error", "A link redirects too many times or in a loop."),
    "link.connection-error": ("warning", "A link's server refused or reset the connection."),
    # conformance of exported files
    "ddi.xsd": ("error", "A DDI export is not valid against the DDI Codebook 2.5 XSD."),
    "ddi.profile-mandatory": ("error", "A DDI export misses an element the CESSDA CDC 2.5 profile makes mandatory."),
    "ddi.profile-recommended": ("warning", "A DDI export misses an element the CESSDA CDC 2.5 profile recommends."),
    "schemaorg.unknown-type": ("error", "A schema.org export uses a type schema.org does not define."),
    "schemaorg.unknown-property": ("error", "A schema.org export uses a property schema.org does not define."),
    "schemaorg.domain": ("error", "A schema.org property is used on a type outside its domain."),
    "schemaorg.superseded": ("warning", "A schema.org property is superseded by another."),
    "google.required": ("error", "A Dataset misses a property Google requires, or its description has the wrong length."),
    "google.recommended": ("warning", "A Dataset misses a property Google recommends."),
    "csvw.schema": ("error", "A CSVW table schema breaks a rule of the CSV on the Web metadata vocabulary."),
    "dcat.shacl": ("error", "A DCAT export violates a DCAT-AP 3.0.1 SHACL shape."),
    "dcat.ckan-tag": (
        "warning",
        "A DCAT keyword is a tag CKAN rejects unless ckanext.dcat.clean_tags is set (a character other than letters, digits, space, '-', '_', '.').",
    ),
    "cddo.schema": ("error", "A cross-government (dcat-uk) export is not valid against the model's JSON Schema."),
    "cddo.shacl": ("error", "A cross-government (dcat-uk) export violates one of the model's SHACL shapes."),
    "hdruk.schema": ("error", "An HDR UK export is not valid against the HDR UK Gateway JSON Schema."),
    "hdruk.required-empty": ("error", "An HDR UK export has a required property that is null, blank or empty."),
    "export.malformed": ("error", "An exported file cannot be parsed."),
    "feed.manifest": ("error", "A feed's files and its manifest disagree."),
    # importing metadata from other catalogues (adrmeta import; tests/test_import_*.py)
    "import.unknown-format": ("error", "No importer recognises an input file."),
    "import.malformed": ("error", "An input file cannot be parsed (syntax error, truncated file, unbound prefix)."),
    "import.unsafe": (
        "error",
        "An input file declares a DTD, entities, YAML aliases, a JSON-LD context by reference or an @import, which are never read.",
    ),
    "import.wrong-root": ("error", "An input file parses but is not a document of the format (wrong root element or shape)."),
    "import.no-dataset": ("error", "An input file holds no dataset to import."),
    "import.exists": ("error", "A draft would overwrite an existing file."),
    "import.missing": ("warning", "A required record field is not in the source; fill it in."),
    "import.unmapped": ("warning", "A source value has no record field; it is kept in the draft's notes."),
    "import.guessed": ("warning", "A value was inferred rather than read; check it."),
    "import.reference": ("warning", "An organisation, theme, TRE or other catalogue entry is not in catalogue.yaml."),
    "import.invalid": ("warning", "A source value does not fit its record field; it is kept in the draft's notes."),
    "import.placeholder": ("warning", "A placeholder such as 'Not Available' was left out."),
    "import.id-clash": ("warning", "A draft's id is already taken by another draft or record."),
    "import.duplicate": (
        "warning",
        "A draft describes a dataset an existing record already has (same identifier, or a title among its titles).",
    ),
    "import.date": ("info", "A date was rewritten in the record's form; the original is in the report."),
    "import.html": ("info", "HTML markup in a text was converted to plain text."),
    "import.ignored": ("info", "A source value was left out on purpose; the message says why."),
    "import.incomplete-list": ("info", "An OAI-PMH page says more records follow (resumption token)."),
}


@attrs.frozen(kw_only=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None
    # The RDF node (an IRI, or a blank node's label) a finding is about, where the input keeps no
    # positions (rdflib gives none for Turtle triples): `file <iri>` in place of a line.
    subject: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        elif self.subject is not None:
            return f"{self.file} {self.subject if self.subject.startswith('_:') else f'<{self.subject}>'}"
        return ":".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """file, line, column; and subject only when there is one (no other location has it)."""
        out: dict[str, Any] = {"file": self.file, "line": self.line, "column": self.column}
        return out if self.subject is None else {**out, "subject": self.subject}


@attrs.frozen(kw_only=True)
class Issue:
    code: str = attrs.field(validator=attrs.validators.in_(CODES))
    message: str
    fix: str
    record: str | None = None
    path: str = ""
    severity: Severity = attrs.field()
    location: Location | None = None

    @severity.default
    def _severity_from_code(self) -> Severity:
        return CODES[self.code][0] if self.code in CODES else "error"  # the code validator reports it

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity,
            "record": self.record,
            "path": self.path,
            "message": self.message,
            "fix": self.fix,
            "location": None if loc is None else loc.to_dict(),
        }


def _sort_key(issue: Issue) -> tuple[Any, ...]:
    loc = issue.location
    return (
        loc.file if loc else "",
        (loc.line or 0) if loc else 0,
        (loc.column or 0) if loc else 0,
        issue.record or "",
        issue.path,
        issue.code,
    )


def _sorted_issues(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    return tuple(sorted(issues, key=_sort_key))


def _sorted_texts(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(texts))


@attrs.frozen
class Report:
    """The result of a validation: issues in a stable order."""

    issues: tuple[Issue, ...] = attrs.field(converter=_sorted_issues)
    checked: tuple[str, ...] = attrs.field(default=(), converter=_sorted_texts)

    def at_least(self, severity: Severity) -> list[Issue]:
        rank = SEVERITY_RANK[severity]
        return [i for i in self.issues if SEVERITY_RANK[i.severity] >= rank]

    def ok(self, fail_on: Severity = "error") -> bool:
        return not self.at_least(fail_on)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for i in self.issues:
            out[i.severity] += 1
        return out

    def codes(self) -> list[str]:
        return [i.code for i in self.issues]

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.ok("error"),  # no error: what `adrmeta validate` exits 0 for by default
            "records": list(self.checked),
            "counts": self.counts(),
            "issues": [i.to_dict() for i in self.issues],
        }
