"""`validate()`: read the catalogue and records, run every rule, return a located `Report`.

Never raises for bad input: an unreadable or malformed file is an issue like any other.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from . import datestamps
from . import records as reader
from .model import Catalogue, Record
from .report import SEVERITY_RANK, Issue, Location, Report
from .rules import Context, consistency, profiles, structure, worst_severity
from .rules import designation as designations
from .rules import dictionary as dictionaries
from .rules import provenance as sourcing
from .rules.links import link_issues
from .typespec import FORMAT_REGEX

if TYPE_CHECKING:
    from .links import LinkResult

CATALOGUE_FILE = "catalogue.yaml"
RECORD_LOCAL = frozenset({"source", "component"})  # reference kinds a record itself defines
RECORDS_DIR = "records"


def find_catalogue(start: Path) -> Path | None:
    """catalogue.yaml in `start` or the nearest folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / CATALOGUE_FILE
        if candidate.is_file():
            return candidate
    return None


def display_path(path: Path, cwd: Path) -> str:
    """Paths relative to the working folder where possible: that is what CI annotations need."""
    if not path.is_absolute():
        return str(path)
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


@attrs.define
class Workspace:
    """The catalogue and the loaded records, with the files they came from."""

    catalogue: Catalogue | None
    catalogue_file: reader.SourceFile
    catalogue_refs: list[tuple[str, str, str]]
    loaded: list[tuple[Path, reader.Loaded]]
    records_dir: Path | None
    issues: list[Issue]
    records: dict[str, Record] = attrs.field(init=False)  # by id, from the file that keeps it (`owners`)
    owners: dict[str, str] = attrs.field(init=False)  # id -> the file that keeps it (`_id_owners`)
    fingerprints: datestamps.Fingerprints | None = attrs.field(init=False)  # made once, for the rules and the export

    def __attrs_post_init__(self) -> None:
        self.fingerprints = datestamps.Fingerprints(self.catalogue) if self.catalogue is not None else None
        self.owners = _id_owners(self.index())
        self.records = {
            item.value.id: item.value
            for _path, item in self.loaded
            if item.value is not None and self.owners[item.value.id] == item.file.path
        }

    def index(self) -> list[tuple[str | None, str]]:
        """Per file, in order: the record's id (None if it could not be built) and display path."""
        return [(item.value.id if item.value is not None else None, item.file.path) for _p, item in self.loaded]


def load(
    paths: Sequence[Path] | None = None, *, catalogue: Path | None = None, cwd: Path | None = None, permanent: bool = False
) -> Workspace:
    """Read the catalogue and the records named by `paths` (default, or when they name the
    catalogue file: the records folder). With `permanent`, for a process that keeps the records to
    its end, they are frozen out of the garbage collector as they load (`records.load_records`)."""
    cwd = cwd or Path.cwd()
    issues: list[Issue] = []
    cat_path = catalogue or find_catalogue(cwd)
    if cat_path is None:
        issue = Issue(
            code="file.not-found",
            message=f"no {CATALOGUE_FILE} in {cwd} or any folder above it.",
            fix="Run adrmeta inside a records repository, or pass --catalogue.",
            location=Location(file=CATALOGUE_FILE),
        )
        return Workspace(None, reader.SourceFile(CATALOGUE_FILE), [], [], None, [issue])
    cat = reader.load_catalogue(cat_path, display_path(cat_path, cwd))
    issues.extend(cat.issues)
    records_dir = cat_path.parent / RECORDS_DIR
    if paths and _names_catalogue(paths, cat_path):
        paths = None  # every record shows catalogue entries: a catalogue edit is checked on them all
    targets = [_as_record_id(t, records_dir) for t in paths] if paths else [records_dir]
    for target in targets:
        if not target.exists():
            issues.append(
                Issue(
                    code="file.not-found",
                    message=f"{target} does not exist.",
                    fix=_did_you_mean(target, records_dir),
                    location=Location(file=str(target)),
                )
            )
    if not paths and records_dir.exists() and not records_dir.is_dir():
        issues.append(
            Issue(
                code="file.unreadable",
                message=f"{records_dir} is not a folder.",
                fix=f"Keep the records in a folder named {RECORDS_DIR} beside {CATALOGUE_FILE}.",
                location=Location(file=display_path(records_dir, cwd)),
            )
        )
        targets = []
    files = reader.discover(
        [t for t in targets if t.exists()],
        skip=[cat_path],
        inside=cat_path.parent,
        issues=issues,
        shown=lambda p: display_path(p, cwd),
    )
    loaded = reader.load_records([(f, display_path(f, cwd)) for f in files], permanent=permanent)
    return Workspace(cat.value, cat.file, cat.refs, loaded, records_dir, issues)


def folder_records(ws: Workspace, ids: Iterable[str]) -> dict[str, Record]:
    """The records of `ids` that `ws` did not load, read from the records folder (records/<id>.yaml),
    where a check of the whole folder finds them; an id without a readable record is left out."""
    if ws.records_dir is None:
        return {}
    wanted = [ws.records_dir / f"{rid}.yaml" for rid in sorted(set(ids) - ws.records.keys()) if FORMAT_REGEX["id"].match(rid)]
    if not wanted:  # the usual case, a check of the whole folder: no path resolved for nothing
        return {}
    loaded = {os.path.realpath(p) for p, _item in ws.loaded}
    # discover: a link leading out of the catalogue's folder is never read (its issue is the full check's)
    files = reader.discover(
        [f for f in wanted if f.is_file() and os.path.realpath(f) not in loaded], inside=ws.records_dir.parent, issues=[]
    )
    found = [item.value for _p, item in reader.load_records((f, str(f)) for f in files)]
    return {rec.id: rec for rec in found if rec is not None}


def _names_catalogue(paths: Sequence[Path], cat_path: Path) -> bool:
    """Whether one of `paths` is the catalogue file (as the pre-commit hook names it when staged)."""
    real = os.path.realpath(cat_path)
    return any(os.path.realpath(p) == real for p in paths)


def _did_you_mean(target: Path, records_dir: Path) -> str:
    """The fix for a record named that is not there: the closest record id, if one is close."""
    import difflib

    name = target.stem if target.suffix in (".yaml", ".yml") else target.name
    ids = [p.stem for p in records_dir.glob("*.yaml") if not reader.is_dictionary_file(p)] if records_dir.is_dir() else []
    close = difflib.get_close_matches(name, ids, n=1)
    return f"Did you mean '{close[0]}'? Name a record by its id or its file's path." if close else "Check the path."


def _as_record_id(target: Path, records_dir: Path) -> Path:
    """A bare record id (`leo`) names records/leo.yaml; anything else is a path."""
    name = str(target)
    if not target.exists() and FORMAT_REGEX["id"].match(name) and (records_dir / f"{name}.yaml").is_file():
        return records_dir / f"{name}.yaml"
    return target


def located(issues: Iterable[Issue], file: reader.SourceFile) -> list[Issue]:
    """The issues, each without a location given the line and column of its path in `file`."""
    out = []
    for i in issues:
        if i.location is None:
            key = i.code in ("schema.unknown-key",)
            i = attrs.evolve(i, location=file.locate(i.path, key=key))
        out.append(i)
    return out


def _catalogue_issues(ws: Workspace, cat: Catalogue, base_keys: dict[str, set[str]]) -> list[Issue]:
    """The catalogue file's own issues (unknown references, duplicates, themes, undated sources), located."""
    cat_issues = [
        *structure.unresolved_references(ws.catalogue_refs, base_keys, None),
        *structure.duplicate_catalogue_entries(cat),
        *consistency.theme_count(cat),
        *sourcing.undated_sources(cat),
    ]
    return located(cat_issues, ws.catalogue_file)


def on_disk(ws: Workspace) -> set[str]:
    """The ids of the record files in the records folder, readable or not."""
    if ws.records_dir is None or not ws.records_dir.is_dir():
        return set()
    return {p.stem for p in ws.records_dir.glob("*.yaml") if not reader.is_dictionary_file(p)}


def published_lock(ws: Workspace) -> datestamps.Lock | None:
    """The datestamps file of the workspace's exports (exports/ beside the records folder): what
    was last published; None without a records folder."""
    return datestamps.read_lock(ws.records_dir.parent / "exports" / datestamps.LOCK) if ws.records_dir else None


def _rule_context(ws: Workspace, cat: Catalogue, today: _dt.date | None, files: set[str]) -> Context:
    """What the rules see: the records validated, and those of the records folder they name as
    parts or collections (so a draft, or one record the pre-commit hook names, meets the same
    checks between records as in a check of the whole folder); records on disk (`files`) count as
    known even when unreadable; and the exports' datestamp lock."""
    related = {r for rec in ws.records.values() for r in (*rec.has_part, *rec.part_of)}
    return Context(
        catalogue=cat,
        records={**folder_records(ws, related), **ws.records},
        known_records=frozenset(ws.records) | files,
        today=today or datestamps.today(),
        published=published_lock(ws),
        fingerprints=ws.fingerprints,
    )


def _unbuilt_record_issues(path: Path, item: reader.Loaded, base_keys: dict[str, set[str]], ctx: Context) -> list[Issue]:
    """A record with schema errors: still report its unknown catalogue and record keys, in this run."""
    found = [
        attrs.evolve(i, record=path.stem)
        for i in structure.unresolved_references(
            [r for r in item.refs if r[0] not in RECORD_LOCAL], {**base_keys, "record": ctx.known_records}, None
        )
    ]
    return located(found, item.file)


def _id_owners(index: Iterable[tuple[str | None, str]]) -> dict[str, str]:
    """Per record id, the file that keeps it: the one named after it (records/<id>.yaml), else the
    first in order. Another file with that id gets `record.duplicate-id`, so a copy is reported,
    not the record it copied."""
    owners: dict[str, str] = {}
    for rid, file in index:
        if rid is not None and (rid not in owners or (Path(file).stem == rid != Path(owners[rid]).stem)):
            owners[rid] = file
    return owners


def _duplicate_id(rec: Record, first: str) -> Issue:
    """The issue of a record whose id an earlier file (`first`) already uses."""
    return Issue(
        code="record.duplicate-id",
        record=rec.id,
        path="/id",
        message=f"the id '{rec.id}' is already used by {first}.",
        fix="Give each record its own id.",
    )


def _id_taken(rec: Record, path: Path, records_dir: Path) -> list[Issue]:
    """A record read from outside the records folder (`path`) whose id a record in it has: drafts
    are for new records, and moving this one in would replace that record."""
    taken = records_dir / f"{rec.id}.yaml"
    if not taken.is_file() or os.path.samefile(taken, path):  # a link in records/ to its draft is the record
        return []
    shown = f"{RECORDS_DIR}/{taken.name}"
    return [
        Issue(
            code="record.id-taken",
            record=rec.id,
            path="/id",
            message=f"{shown} already has the id '{rec.id}': moving this file into {RECORDS_DIR}/ would replace that record.",
            fix=f"Give the draft its own id, or make the change in {shown} itself.",
        )
    ]


def _inside(path: Path, home: Path, folders: dict[Path, Path]) -> bool:
    """Whether the file resolves into `home` (as `path.resolve().parent == home`), resolving each
    folder once in `folders`: only a file that is itself a link needs resolving on its own."""
    if path.is_symlink():
        return path.resolve().parent == home
    parent = path.parent  # (a new Path each time it is asked for)
    if parent not in folders:
        folders[parent] = parent.resolve()
    return folders[parent] == home


def _at_least(issues: Iterable[Issue], floor: int) -> list[Issue]:
    return [i for i in issues if SEVERITY_RANK[i.severity] >= floor]


def run_rules(
    ws: Workspace, *, today: _dt.date | None = None, min_severity: str = "info", links: Mapping[str, LinkResult] | None = None
) -> Report:
    """Run every rule over a loaded workspace; the report holds the issues of `min_severity` or
    worse. Only rules that can report one run: an export, which only needs to know about errors,
    skips the rest (and does not locate the lesser issues of the rules it runs)."""
    floor = SEVERITY_RANK[min_severity]
    rules = [
        r
        for r in (*consistency.RULES, *sourcing.RULES, *designations.RULES, *profiles.RULES, *dictionaries.RULES)
        if worst_severity(r) >= floor
    ]
    issues = list(ws.issues)
    index = ws.index()
    # every record file checked: by id, or by file name when it could not be read as a record
    checked = [rid if rid is not None else Path(file).stem for rid, file in index]
    if ws.catalogue is None:
        issues.extend(i for _path, item in ws.loaded for i in item.issues)
        return Report(_at_least(issues, floor), checked)

    cat = ws.catalogue
    base_keys = structure.catalogue_keys(cat)
    issues.extend(_catalogue_issues(ws, cat, base_keys))
    files = on_disk(ws)
    ctx = _rule_context(ws, cat, today, files)
    issues.extend(located(_at_least(sourcing.withdrawals(cat, files, ctx.published), floor), ws.catalogue_file))
    issues.extend(located(sourcing.catalogue_dates_not_future(cat, ctx.today.isoformat()), ws.catalogue_file))
    stale = sourcing.catalogue_modified_follows_content(cat, ctx.today.isoformat(), ctx.published)
    issues.extend(located(stale, ws.catalogue_file))
    outside = attrs.evolve(ctx, published=None)
    home = ws.records_dir.resolve() if ws.records_dir else None
    first_file = ws.owners
    folders: dict[Path, Path] = {}  # each folder resolved once, not each record's path
    for path, item in ws.loaded:
        issues.extend(item.issues)
        rec = item.value
        if rec is None:
            issues.extend(_unbuilt_record_issues(path, item, base_keys, ctx))
            continue
        found = [
            *structure.id_matches_file(rec, path.stem),
            *structure.unresolved_references(item.refs, structure.record_keys(rec, base_keys, ctx.known_records), rec),
            *structure.duplicate_components(rec),
        ]
        if first_file[rec.id] != item.file.path:
            found.append(_duplicate_id(rec, first_file[rec.id]))
        else:  # the first of duplicate ids is checked
            draft = home is not None and not _inside(path, home, folders)
            if draft and ws.records_dir is not None:
                found.extend(_id_taken(rec, path, ws.records_dir))
            # only the records folder was exported: a draft elsewhere has no datestamp to keep
            here = outside if draft and ctx.published is not None else ctx
            for rule in rules:
                found.extend(rule(rec, here))
            if links is not None:
                found.extend(link_issues(rec, links))
        issues.extend(located(_at_least(found, floor), item.file))
    return Report(_at_least(issues, floor), checked)


def validate(
    paths: Sequence[Path] | None = None,
    *,
    catalogue: Path | None = None,
    today: _dt.date | None = None,
    cwd: Path | None = None,
    links: Mapping[str, LinkResult] | None = None,
) -> Report:
    """Validate records (default: every record of the catalogue's records folder); with `links`
    (results of `links.check_urls`), broken and moved links are issues too."""
    return run_rules(load(paths, catalogue=catalogue, cwd=cwd), today=today, links=links)
