"""Importers: metadata from other catalogues made into draft records (`adrmeta import`).

One module per standard, each with the same interface: `NAME`, `DESCRIPTION`, `detect(source)`
(can it read this file?) and `read(source, matcher)` returning a `Draft` per dataset found. They
are listed in a plain dict; an unknown name lists the known ones. Each reads the crosswalk tables
of `vocab.py` in reverse and opens with its field-mapping table.

Every importer accounts for every value of its input (see `draft` and `leaves`): it marks what it
maps with `Draft.used(path)`, keeps what has no field with `Draft.note(path, value)`, leaves
something out only with `Draft.ignored(path, reason)`, and ends with `Draft.leftovers(leaves)`
so anything it overlooked is noted whole. Identifiers go through `Draft.identifier` (DOIs in every
form, placeholders left out), inferred values through `Draft.guess` (an inference, never a fact),
and the source's own date through `Draft.source_date`.

`import_files` reads every input before anything is written: any input that cannot be parsed is
an error in the report and no draft is written at all (`write_drafts` writes all or nothing).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import attrs

from ..model import Catalogue, Record
from ..report import Issue, Location, Report
from ..scaffold import SCHEMA_COMMENT, schema_comment
from ..typespec import FORMAT_REGEX, Obj, obj_spec
from . import cddo, dcat, ddi, hdruk, jsonld, schemaorg
from .draft import Draft, drop_placeholders, to_yaml
from .match import Matcher, norm
from .normalise import doi, slug
from .source import MAX_BYTES, Fatal, Source


class Importer(Protocol):
    """What each importer module provides (read-only attributes, so module constants satisfy it)."""

    @property
    def NAME(self) -> str: ...  # noqa: N802 - module constants

    @property
    def DESCRIPTION(self) -> str: ...  # noqa: N802

    @property
    def KINDS(self) -> tuple[str, ...]: ...  # noqa: N802

    def detect(self, src: Source) -> bool: ...

    def read(self, src: Source, matcher: Matcher) -> list[Draft]: ...


IMPORTERS: dict[str, Importer] = {
    "dcat": dcat,
    "ddi": ddi,
    "hdruk": hdruk,
    "cddo": cddo,
    "schemaorg": schemaorg,
}


class UnknownFormat(ValueError):
    pass


def get(name: str) -> Importer:
    try:
        return IMPORTERS[name]
    except KeyError:
        raise UnknownFormat(f"unknown import format '{name}'; known formats: {', '.join(sorted(IMPORTERS))}") from None


def detect(src: Source) -> Importer:
    """The first importer that recognises the file, or Fatal naming every format tried."""
    for importer in IMPORTERS.values():
        if importer.detect(src):
            return importer
    readers = [imp for imp in IMPORTERS.values() if src.kind() in imp.KINDS]
    if len(readers) == 1:
        return readers[0]  # the only format of this kind: it says what is wrong (e.g. the root element)
    tried = "; ".join(f"{name} ({imp.DESCRIPTION})" for name, imp in IMPORTERS.items())
    raise Fatal(
        Issue(
            code="import.unknown-format",
            message=f"no importer recognises {src.display}; tried: {tried}.",
            fix="Name the format with --from if it is one of these, or convert the file first.",
            location=Location(file=src.display, line=1, column=1),
        )
    )


@attrs.frozen
class Imported:
    drafts: tuple[Draft, ...]
    report: Report


def import_files(
    paths: Sequence[Path],
    catalogue: Catalogue,
    *,
    fmt: str | None = None,
    max_bytes: int = MAX_BYTES,
    display: Callable[[Path], str] = str,
    known_ids: frozenset[str] = frozenset(),
    existing: Sequence[Record] = (),
) -> Imported:
    """Read every input and map each dataset found to a draft. Never raises for bad input.
    `known_ids` are the ids of existing records; `existing` the records themselves, which a draft
    may duplicate under another id (same identifier, or a title among their titles)."""
    matcher = Matcher(catalogue)
    issues: list[Issue] = []
    drafts: list[Draft] = []
    for path in paths:
        try:
            src = Source.read(path, display(path), max_bytes)
            jsonld.refuse_unknown_contexts(src)  # named, whichever format is asked for
            importer = get(fmt) if fmt else detect(src)
            found = importer.read(src, matcher)
            if not found:
                raise Fatal(
                    Issue(
                        code="import.no-dataset",
                        message=f"{src.display} holds no dataset to import.",
                        fix="Check that this is the file you meant (a catalogue, a study description or a dataset).",
                        location=Location(file=src.display, line=1, column=1),
                    )
                )
            drafts.extend(found)
        except Fatal as exc:
            issues.append(exc.issue)
        except (Exception, RecursionError) as exc:  # noqa: BLE001 - a value of a type the format does not allow
            issues.append(_wrong_shape(path, display(path), exc))
    _finish(drafts, known_ids | {r.id for r in existing}, matcher, existing)
    for d in drafts:
        issues.extend(d.issues)
    return Imported(tuple(drafts), Report(issues, [d.id for d in drafts]))


def _wrong_shape(path: Path, shown: str, exc: BaseException) -> Issue:
    """An input whose values have types or sizes its format does not allow (a list where an object
    belongs, a boolean key, an integer of thousands of digits…), which an importer tripped over."""
    what = {"RecursionError": "it is nested too deeply", "ValueError": "a value is out of range or malformed"}.get(
        type(exc).__name__, "a value has a type or shape the format does not allow"
    )
    return Issue(
        code="import.wrong-root",
        message=f"{shown} is not a document of the expected format: {what}.",
        fix="Check the file against its format's schema (is each value of the right type?), or export it again.",
        location=Location(file=shown, line=1, column=1),
    )


def _finish(drafts: list[Draft], known_ids: frozenset[str], matcher: Matcher, existing: Sequence[Record]) -> None:
    """Unique, valid ids; close matches for names the catalogue lacks; a finding per missing
    required field and per existing record the draft duplicates; the record id on every finding."""
    spec = obj_spec(Record)
    order = list(spec.fields)
    seen: set[str] = set()
    index = _Index(existing)
    for d in drafts:
        rid = _unique_id(d, seen, known_ids)
        _suggest(d, matcher)
        for other, why in index.duplicates(d):
            d.finding(
                "import.duplicate",
                "/id",
                f"the dataset looks like the existing record '{other}' ({why}).",
                f"Compare the draft with records/{other}.yaml and merge what is new, rather than adding a second record.",
            )
        drop_placeholders(d)
        d.fields = {k: d.fields[k] for k in sorted(d.fields, key=lambda k: order.index(k) if k in order else len(order))}
        _missing(d, spec)
        d.issues = [attrs.evolve(i, record=rid) for i in d.issues]


def _unique_id(d: Draft, seen: set[str], known_ids: frozenset[str]) -> str:
    rid = d.fields.get("id") or ""
    if not FORMAT_REGEX["id"].match(rid):
        d.fields["id"] = rid = slug(rid or str(d.fields.get("title") or "imported-dataset"))
    if rid in seen:
        n = 2
        while f"{rid}-{n}" in seen:
            n += 1
        d.finding(
            "import.id-clash",
            "/id",
            f"another dataset in this import already has the id '{rid}'; this one is '{rid}-{n}'.",
            "Give the record the id you want (and rename the file to match).",
        )
        rid = d.fields["id"] = f"{rid}-{n}"
    elif rid in known_ids:
        d.finding(
            "import.id-clash",
            "/id",
            f"a record with the id '{rid}' already exists.",
            "Compare the draft with the existing record and merge what is new.",
        )
    seen.add(rid)
    return rid


def _suggest(d: Draft, matcher: Matcher) -> None:
    """The closest catalogue entries named in each finding about a name the catalogue lacks."""
    for ref in d.references:
        tre = matcher.tre(ref.name) if ref.kind == "organisation" else None
        close = matcher.suggest(ref.kind, ref.name)
        if tre:
            issue = d.issues[ref.issue]
            operator = next(t.operator for t in matcher.catalogue.tres if t.id == tre)
            d.issues[ref.issue] = attrs.evolve(
                issue,
                message=f"{issue.message[:-1]}: it names the trusted research environment '{tre}', run by '{operator}'.",
                fix=f"If the source means the organisation that runs it, set {ref.path.lstrip('/')} to '{operator}'; "
                "otherwise add the organisation to catalogue.yaml.",
            )
        elif close:
            named = " or ".join(f"'{label}' ({key})" for key, label in close)
            issue = d.issues[ref.issue]
            d.issues[ref.issue] = attrs.evolve(
                issue,
                message=f"{issue.message[:-1]}; the closest is {named}.",
                fix=f"If it is {close[0][1]}, set {ref.path.lstrip('/')} to '{close[0][0]}' and add "
                f"'{ref.name}' to its aliases in catalogue.yaml; otherwise add it to catalogue.yaml.",
            )


def _missing(d: Draft, spec: Obj) -> None:
    """A finding per required field the draft lacks: saying what the source named when the catalogue
    lacks it. A field already reported as guessed (a suggestion to check, such as the status an
    access route suggests) is not reported again as missing."""
    suggested = {i.path for i in d.issues if i.code == "import.guessed"}
    for name, field in spec.fields.items():
        if field.required and name not in d.fields and f"/{name}" not in suggested:
            named = [r.name for r in d.references if r.path.split("/")[1:2] == [name]]
            if named:
                listed = ", ".join(f"'{n}'" for n in dict.fromkeys(named))
                d.finding(
                    "import.missing",
                    f"/{name}",
                    f"the source names {listed} for {name.replace('_', ' ')}, not in catalogue.yaml (see import.reference).",
                    f"Add it to catalogue.yaml and fill in '{name}'.",
                )
            else:
                d.finding(
                    "import.missing",
                    f"/{name}",
                    f"the source gives no {name.replace('_', ' ')}: {field.doc}",
                    f"Fill in '{name}'.",
                )
    coverage = d.fields.get("coverage")
    if isinstance(coverage, dict) and not coverage.get("nations"):
        d.finding(
            "import.missing",
            "/coverage/nations",
            "the source names no UK nation covered.",
            "Fill in coverage.nations (GB-ENG, GB-WLS, GB-SCT, GB-NIR).",
        )


class _Index:
    """Existing records by identifier and by title (the title and alternative titles, normalised)."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.ids: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        for rec in records:
            for ident in rec.identifiers:
                self.ids.setdefault(_ident_key(ident.scheme, ident.value), rec.id)
            for title in (rec.title, *(a.title for a in rec.alternative_titles)):
                self.titles.setdefault(norm(title), rec.id)

    def duplicates(self, d: Draft) -> list[tuple[str, str]]:
        """(existing record id, why) for each record other than the draft's namesake it duplicates."""
        found: dict[str, str] = {}
        for ident in d.fields.get("identifiers") or ():
            if isinstance(ident, dict) and ident.get("value"):
                other = self.ids.get(_ident_key(str(ident.get("scheme")), str(ident["value"])))
                if other:
                    found.setdefault(other, f"same identifier {ident['value']}")
        alts = [a.get("title") for a in d.fields.get("alternative_titles") or () if isinstance(a, dict)]
        for title in (d.fields.get("title"), *alts):
            other = self.titles.get(norm(title)) if isinstance(title, str) and title.strip() else None
            if other:
                found.setdefault(other, f"same title as its title or an alternative title: '{title}'")
        return [(rid, why) for rid, why in found.items() if rid != d.fields.get("id")]


def _ident_key(scheme: str, value: str) -> str:
    """DOIs are case-insensitive and written many ways; other identifiers compare as written, trimmed."""
    found = doi(value) if scheme in ("doi", "url", "other") else None
    return f"doi {found.casefold()}" if found else f"{scheme} {value.strip()}"


def write_drafts(
    drafts: Sequence[Draft], out: Path, *, force: bool = False, root: Path | None = None
) -> tuple[list[Path], list[Issue]]:
    """Write every draft as `out/{id}.yaml`, or none: an existing file stops the whole write unless
    `force`. Files are staged beside their targets and renamed into place only when all are written.
    `root`, the records repository, lets each draft's schema line resolve from `out`."""
    line = schema_comment(out / "draft.yaml", root) if root is not None else SCHEMA_COMMENT
    texts = {out / f"{d.id}.yaml": to_yaml(d, line) for d in drafts}
    if not force:
        clashes = [p for p in texts if p.exists()]
        if clashes:
            return [], [
                Issue(
                    code="import.exists",
                    record=p.stem,
                    message=f"{p} exists; nothing was written.",
                    fix="Move it away, choose another --out folder, or pass --force to overwrite.",
                    location=Location(file=str(p)),
                )
                for p in clashes
            ]
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".adrmeta-import-", dir=out))
    moved: list[Path] = []
    try:
        for target, text in texts.items():
            with open(stage / target.name, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        for target in texts:
            os.replace(stage / target.name, target)
            moved.append(target)
    except BaseException:
        if not force:
            for p in moved:
                p.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return list(texts), []
