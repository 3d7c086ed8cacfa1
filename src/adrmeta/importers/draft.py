"""A draft record being imported, and its YAML text.

A `Draft` holds record fields as plain data (the record's field names, JSON-like values) and what
the importer could not map or had to guess, each as an `Issue`. `to_yaml` writes it the way the
bundled records are written: the schema comment first, fields in the model's order, a comment above
each field saying what was guessed or normalised, required fields the source lacks as commented
lines, and everything unmapped under `notes`, so `adrmeta validate` names what to fill in.

Nothing is dropped silently: every source value (a leaf, see `leaves.py`) is accounted for, either
`used` (mapped to a field), kept whole in the notes (`note`) or `ignored` with a reason in the
report; `leftovers` notes whatever the importer did not account for. Like a curated record, a
draft cites its source: a `sources` entry `import` naming the file (or URL), its format and the
date the source gives itself, and `source: import`; a value the importer had to infer is written
with `guess`, which adds a `provenance` entry marking it an inference (never exported as a fact).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import yaml

from .. import vocab
from ..model import Record
from ..profiles import open_licence
from ..records import FORBIDDEN_CHARS
from ..report import Issue, Location
from ..scaffold import SCHEMA_COMMENT
from ..typespec import Nullable, Obj, Seq, Str, obj_spec
from .leaves import covered
from .normalise import clean_text, html_to_text, identifier, is_placeholder, is_url, licence_name, looks_like_html, partial_date

try:
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Dumper = yaml.SafeDumper

# Findings written as notes (those of `note` are in the notes already, whole).
NOTE_CODES = frozenset({"import.placeholder", "import.invalid", "import.reference"})
MAX_SHOWN = 300  # characters of a value quoted in a report message (notes keep values whole)
SOURCE_ID = "import"  # the key of the source entry every draft cites
# Why every record importer leaves variables and tables out: they are read by their own command.
DICTIONARY = "a data dictionary: import it with `adrmeta dictionary import`"


def whole(value: Any) -> str:
    """A source value as text, complete."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def shown(value: Any) -> str:
    """A source value as a short readable text for a report message (never for a note)."""
    text = whole(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


# Source paths of a dataset's licence (JSON `license`/`licence`, `dct:license`): a URL there is the
# record's `licence` (`Draft.licence`); other text stays whole in the notes.
LICENCE_PATH = re.compile(r"(/licen[cs]e(/\d+)?|<http://purl\.org/dc/terms/license>)$")


@attrs.frozen
class Reference:
    """A name an importer could not match to catalogue.yaml, and its finding."""

    issue: int  # index into Draft.issues
    path: str  # the record field it was for
    kind: str  # organisation, theme, trusted research environment
    name: str  # as the source gives it


@attrs.define
class Draft:
    """One dataset found in an input file, as record fields plus findings."""

    source: str  # the input file, as displayed
    fmt: str  # importer name
    fields: dict[str, Any] = attrs.field(factory=dict)
    issues: list[Issue] = attrs.field(factory=list)
    line: int | None = None  # where the dataset starts in the input, when known
    source_url: str | None = None  # where the input was read from, when it came from the web
    accounted: set[str] = attrs.field(factory=set)  # source paths used, noted or ignored
    noted: set[str] = attrs.field(factory=set)  # of those, the ones kept in the notes
    references: list[Reference] = attrs.field(factory=list)  # names the catalogue lacks
    # Where a finding's line starts, with its column, when the importer can tell (XML elements)
    locate: Callable[[int], tuple[int, int | None]] | None = None
    # Where a source path (a JSON pointer) is in the input, as (line, column): JSON importers
    place: Callable[[str], tuple[int, int] | None] | None = None
    at: str = ""  # the source path a finding is about unless it names one: the dataset, or the value `reading`
    subject: str | None = None  # the RDF node findings are about, named where the input keeps no positions
    origin: str = attrs.field(init=False, default="")

    def __attrs_post_init__(self) -> None:
        self.origin = self.at  # the dataset's own source path: where a finding is when nothing nearer is known
        entry = {"id": SOURCE_ID, "title": f"{self.source_url or self.source} ({self.fmt})"}
        if self.source_url:
            entry["url"] = self.source_url
        self.fields.setdefault("source", SOURCE_ID)
        self.fields.setdefault("sources", []).append(entry)

    @property
    def id(self) -> str:
        return str(self.fields.get("id", ""))

    def finding(self, code: str, path: str, message: str, fix: str, line: int | None = None, *, at: str | None = None) -> None:
        """A finding about the record field `path`, located in the input: at `line` (XML), at the
        source path `at` (else the value being read, else the dataset) where the input has
        positions (JSON), else at the RDF subject (rdflib keeps no positions of triples)."""
        line = line or self.line
        column: int | None = None
        if line and self.locate:
            line, column = self.locate(line)
        elif not line and self.place is not None:
            line, column = (
                self.place(self.at if at is None else at) or self.place(self.at) or self.place(self.origin) or (None, None)
            )
        subject = self.subject if line is None else None
        self.issues.append(
            Issue(
                code=code,
                message=message,
                fix=fix,
                record=self.fields.get("id"),
                path=path,
                location=Location(file=self.source, line=line, column=column, subject=subject),
            )
        )

    @contextmanager
    def reading(self, source_path: str) -> Iterator[None]:
        """Findings made inside are about the value at `source_path`, unless they name another."""
        before, self.at = self.at, source_path
        try:
            yield
        finally:
            self.at = before

    # --- accounting: every source value used, noted or ignored ---

    def used(self, *source_paths: str) -> None:
        """Mark source paths (and everything beneath them) as mapped to a record field."""
        self.accounted.update(source_paths)

    def note(self, source_path: str, value: Any, line: int | None = None) -> None:
        """Keep a value that has no record field whole in the notes, as '<source_path>: <value>'
        (once: an identical note is not repeated). A placeholder is reported and left out."""
        with self.reading(source_path):
            self._note(source_path, value, line)

    def _note(self, source_path: str, value: Any, line: int | None) -> None:
        if LICENCE_PATH.search(source_path) and self.licence_url(value):
            self.licence(source_path, value, line)
            return
        self.accounted.add(source_path)
        self.noted.add(source_path)
        if value is None or (isinstance(value, str) and not value.strip()):
            return  # states nothing
        if isinstance(value, str) and is_placeholder(value):
            self.placeholder("/notes", f"{source_path}: {value}", line)
            return
        body = whole(value)
        if isinstance(value, str) and looks_like_html(value):
            body = html_to_text(value) or body  # readable: markup made text, every word and link kept
        text = f"{source_path}: {body}"
        notes = self.fields.setdefault("notes", [])
        if text in notes:
            return
        notes.append(text)
        if LICENCE_PATH.search(source_path):
            self.finding(
                "import.unmapped",
                f"/notes/{len(notes) - 1}",
                f"{source_path} is the data's licence ({shown(value)}), not given as a URL: kept in the notes.",
                "If the owner publishes the licence at a URL, set licence to it; else keep the note for readers.",
                line,
            )
            return
        self.finding(
            "import.unmapped",
            f"/notes/{len(notes) - 1}",
            f"{source_path} has no record field: {shown(value)}",
            "Move the fact into a record field if one fits, else keep or delete the note.",
            line,
        )

    def licence(self, source_path: str, value: Any, line: int | None = None) -> None:
        """The data's licence: a URL is the record's `licence` (the first one; more are noted), named in
        the report when well known; other text is kept whole in the notes."""
        with self.reading(source_path):
            self._licence(source_path, value, line)

    def _licence(self, source_path: str, value: Any, line: int | None) -> None:
        url = self.licence_url(value)
        if not url:
            self.note(source_path, value, line)
            return
        self.accounted.add(source_path)
        first = "licence" not in self.fields
        self.put("/licence", url)
        if first and open_licence(url):
            self.finding(
                "import.guessed",
                "/licence",
                f"{source_path} is an open licence "
                f"({licence_name(url) or url}): the exports describe the data as openly licensed "
                "(cddo accessRights OPEN).",
                "Check the licence against the source; remove it if the data are used under a data share agreement instead.",
                line,
            )

    def licence_url(self, value: Any) -> str | None:
        """A licence value as the record's `licence`: a URL, when the draft has no other licence yet."""
        url = value.strip() if isinstance(value, str) else ""
        return url if is_url(url) and self.fields.get("licence") in (None, url) else None

    unmapped = note  # the name before notes kept values whole; importers move to `note`

    def ignored(self, source_path: str, reason: str, line: int | None = None) -> None:
        """Leave a source value out on purpose, saying why in the import report."""
        self.accounted.add(source_path)
        self.finding(
            "import.ignored",
            "",
            f"{source_path} was not imported: {reason}",
            "Nothing to do unless the reason does not hold for this source.",
            line,
            at=source_path,
        )

    def leftovers(self, leaves: Iterable[tuple[str, Any]]) -> None:
        """Note every leaf (path, value) that no used, noted or ignored path covers."""
        before = frozenset(self.accounted)  # a path with several values (RDF objects) has each noted
        for path, value in leaves:
            if not covered(path, before):
                self.note(path, _plain(value))

    # --- provenance ---

    def source_date(self, value: Any) -> None:
        """The date the source gives itself (its own modified or issued date), on the source entry."""
        date = partial_date(value) if value is not None else None
        if date:
            self.fields["sources"][0]["date"] = date

    def guess(self, path: str, value: Any, reasoning: str, line: int | None = None) -> None:
        """Write a value the source does not state, marked an inference (so it is never exported as
        a fact) with the reasoning, and say so in the report."""
        if value is None or value == [] or value == {}:
            return
        self.put(path, value)
        entry = {"path": path, "basis": "inference", "note": reasoning}
        provenance = self.fields.setdefault("provenance", [])
        if entry not in provenance:
            provenance.append(entry)
        self.guessed(path, reasoning, line)

    def guessed(self, path: str, message: str, line: int | None = None) -> None:
        self.finding("import.guessed", path, message, "Check the value against the source and correct it.", line)

    def reference(self, path: str, kind: str, name: str, key: str, line: int | None = None) -> None:
        """A name the catalogue lacks; `import_files` adds the closest catalogue names to the message."""
        self.finding(
            "import.reference",
            path,
            f"the {kind} '{name}' is not in catalogue.yaml.",
            f"Add it to catalogue.yaml (suggested key '{key}'), or an alias to an existing entry, and set {path.lstrip('/')}.",
            line,
        )
        self.references.append(Reference(len(self.issues) - 1, path, kind, name))

    def invalid(self, path: str, value: Any, want: str, line: int | None = None) -> None:
        self.finding(
            "import.invalid",
            path,
            f"'{shown(value)}' is not {want}; it was not imported.",
            "Correct the value in the record or the source.",
            line,
        )

    def placeholder(self, path: str, value: Any, line: int | None = None) -> None:
        self.finding(
            "import.placeholder",
            path,
            f"'{shown(value)}' is a placeholder, not a value; left out.",
            "Fill the field in from a real source, or leave it out.",
            line,
        )

    def date(self, path: str, original: Any, value: str, line: int | None = None) -> None:
        self.finding(
            "import.date",
            path,
            f"the date '{original}' was written as {value}.",
            "Check the date; a time and time zone are not kept.",
            line,
        )

    def html(self, path: str, line: int | None = None) -> None:
        self.finding("import.html", path, "HTML markup was converted to plain text.", "Check the text reads well.", line)

    # --- values cleaned and reported on the way in ---

    def text(self, path: str, value: Any, line: int | None = None) -> str | None:
        """A text value with HTML converted and placeholders dropped, each reported."""
        if value is None:
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.invalid(path, value, "text", line)
            return None
        clean, done = clean_text(value)
        if clean is not None and FORBIDDEN_CHARS.search(clean):
            clean = FORBIDDEN_CHARS.sub("", clean)
            self.finding(
                "import.invalid",
                path,
                "the text held control characters that XML cannot carry; they were removed.",
                "Check the text against the source.",
                line,
            )
        if "html" in done:
            self.html(path, line)
        if "placeholder" in done:
            self.placeholder(path, value, line)
        return clean

    def date_value(self, path: str, value: Any, line: int | None = None, *, full: bool = False) -> str | None:
        """A date as YYYY[-MM[-DD]] (YYYY-MM-DD when `full`), its rewriting reported."""
        raw = self.text(path, value, line)
        if raw is None:
            return None
        date = partial_date(raw)
        if date is None or (full and len(date) != 10):
            self.invalid(path, raw, "a date (YYYY-MM-DD)" if full else "a date", line)
            return None
        if date != raw:
            self.date(path, raw, date, line)
        return date

    def url(self, path: str, value: Any, line: int | None = None) -> str | None:
        raw = self.text(path, value, line)
        if raw is None:
            return None
        if not is_url(raw):
            self.invalid(path, raw, "an http or https URL", line)
            return None
        return raw

    def identifier(self, path: str, value: Any, agency: str | None = None, line: int | None = None) -> dict[str, Any] | None:
        """An `identifiers` entry (normalise.identifier: DOIs recognised in every form), a
        placeholder or an empty value reported and left out."""
        raw = self.text(path, value, line)
        if raw is None:
            return None
        ident = identifier(raw, agency)
        names_doi = vocab.IDENTIFIER_AGENCIES.get((agency or "").strip().casefold().rstrip("/")) == "doi"
        if ident is not None and names_doi and ident["scheme"] != "doi":
            self.finding(
                "import.invalid",
                path,
                f"'{shown(raw)}' is not a DOI although its agency is '{agency}'; it was kept with scheme other.",
                "Check the identifier against the source.",
                line,
            )
        return ident

    def put(self, path: str, value: Any) -> None:
        """Set a field by JSON pointer (/coverage/nations, /publications/0/year), creating mappings on the
        way (list items must exist); None is skipped."""
        if value is None or value == [] or value == {}:
            return
        keys = path.strip("/").split("/")
        target: Any = self.fields
        for k in keys[:-1]:
            target = target[int(k)] if isinstance(target, list) else target.setdefault(k, {})
        if isinstance(target, list):
            target[int(keys[-1])] = value
        else:
            target[keys[-1]] = value


_NOT_VALUES = frozenset({"notes", "sources", "provenance", "variants"})  # about the record, not its values


def drop_placeholders(d: Draft) -> None:
    """The safety net under every importer: no placeholder ("in progress", "Not Available", an empty
    text) stays a value. A free-text field holding one is removed and reported; an object in a
    list that loses a required field by it (an identifier whose value is "in progress") goes too."""
    spec = obj_spec(Record)
    for name in [k for k in d.fields if k in spec.fields and k not in _NOT_VALUES]:
        value, keep = _scrub(d, d.fields[name], spec.fields[name].spec, f"/{name}")
        if keep:
            d.fields[name] = value
        else:
            del d.fields[name]


def _scrub(d: Draft, value: Any, spec: Any, path: str) -> tuple[Any, bool]:
    """(value without placeholders, whether anything is left of it)."""
    spec = spec.inner if isinstance(spec, Nullable) else spec
    if isinstance(spec, Str) and spec.fmt is None and spec.ref is None:
        if value is None or (isinstance(value, str) and is_placeholder(value)):
            d.placeholder(path, value)
            return None, False
        return value, True
    if isinstance(spec, Seq) and isinstance(value, list):
        kept = [v for i, v in enumerate(value) for v, ok in [_scrub(d, v, spec.item, f"{path}/{i}")] if ok]
        return kept, bool(kept) or not value
    if isinstance(spec, Obj) and isinstance(value, dict):
        out = {}
        for key, item in value.items():
            field = spec.fields.get(key)
            if field is None:
                out[key] = item
                continue
            clean, ok = _scrub(d, item, field.spec, f"{path}/{key}")
            if ok:
                out[key] = clean
            elif field.required:
                return None, False
        return out, True
    return value, True


def _plain(value: Any) -> Any:
    """A leaf's value as a note keeps it: JSON scalars as they are, an RDF term as its text with
    its language tag (a Welsh title stays marked Welsh)."""
    language = getattr(value, "language", None)  # an rdflib Literal is a str too
    if language:
        return f"{value} (@{language})"
    if value is None or type(value) in (str, int, float, bool):
        return value
    return str(value)


def _ordered(value: Any, spec: Any) -> Any:
    """Mappings in the model's field order (as the bundled records are written), recursively."""
    spec = spec.inner if isinstance(spec, Nullable) else spec
    if isinstance(value, list) and isinstance(spec, Seq):
        return [_ordered(v, spec.item) for v in value]
    if isinstance(value, dict) and isinstance(spec, Obj):
        order = list(spec.fields)
        keys = sorted(value, key=lambda k: order.index(k) if k in order else len(order))
        return {k: _ordered(value[k], spec.fields[k].spec if k in spec.fields else None) for k in keys}
    return value


# What a YAML comment or value cannot hold raw: characters XML forbids, and (in a comment) line
# breaks other than newline, which would end the comment.
_NOT_IN_COMMENT = re.compile(FORBIDDEN_CHARS.pattern[:-1] + "\r\x85\u2028\u2029]")


def _printable(text: str) -> str:
    return _NOT_IN_COMMENT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _clean(value: Any) -> Any:
    """Every text in a draft value (keys too) without characters XML forbids, and no text listed
    twice: a draft is always a YAML file that `adrmeta validate` can read."""
    if isinstance(value, str):
        return FORBIDDEN_CHARS.sub("", value)
    if isinstance(value, list):
        items = [_clean(v) for v in value]
        # a text said twice (a keyword, an owner, a note) is said once: a record lists each once
        return list(dict.fromkeys(items)) if all(isinstance(v, str) for v in items) else items
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def _comment(lines: list[str], text: str, indent: str = "") -> None:
    for part in _printable(text).split("\n"):
        lines.append(f"{indent}# {part}".rstrip())


def to_yaml(draft: Draft, schema_line: str = SCHEMA_COMMENT) -> str:
    """The draft as record YAML: loadable by `adrmeta.records` once the owner fills in the gaps;
    `schema_line` points editors to the schema from where the draft is written."""
    spec = obj_spec(Record)
    fields = _clean(dict(draft.fields))
    notes = list(fields.pop("notes", ()))
    by_field: dict[str, list[Issue]] = {}
    for issue in draft.issues:
        if issue.code == "import.unmapped":
            continue  # its value is in the notes already, whole
        if issue.code in NOTE_CODES:
            notes.append(_clean(f"{issue.message[0].upper()}{issue.message[1:]} ({issue.code})"))
        else:
            top = issue.path.split("/")[1] if issue.path.count("/") else ""
            by_field.setdefault(top if top in spec.fields else "", []).append(issue)
    if notes:
        fields["notes"] = list(dict.fromkeys(notes))
    out = [
        schema_line,
        f"# Draft imported by `adrmeta import` from {draft.source} ({draft.fmt}).",
        "# Check every value against the source; then run `adrmeta validate` and `adrmeta check` on this file.",
        "# Lines starting with '#' under a field say what was guessed or rewritten; `notes` lists what had no field.",
    ]
    for issue in by_field.get("", []):
        _comment(out, f"{issue.code}: {issue.message}")
    for name, field in spec.fields.items():
        for issue in by_field.get(name, []):
            _comment(out, f"{issue.code} {issue.path}: {issue.message}")
        if name in fields:
            out.append(
                yaml.dump(
                    {name: _ordered(fields[name], field.spec)},
                    Dumper=_Dumper,
                    sort_keys=False,
                    allow_unicode=True,
                    width=100,
                    default_flow_style=False,
                ).rstrip("\n")
            )
        elif field.required:
            _comment(out, f"{name}:   # required, not in the source: {field.doc}")
    return "\n".join(out) + "\n"


def inferred(draft: Draft, path: str, reasoning: str) -> None:
    """Mark a value already written inside a list (`/documentation/2/kind`) as an inference, as
    `Draft.guess` does for a value it writes itself: a provenance entry and a report finding."""
    entry = {"path": path, "basis": "inference", "note": reasoning}
    provenance = draft.fields.setdefault("provenance", [])
    if entry not in provenance:
        provenance.append(entry)
    draft.guessed(path, reasoning)
