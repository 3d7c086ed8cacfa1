"""Command line: parse, call the library, print, exit. 0 clean, 1 issues, 2 usage or I/O error."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, get_args

import attrs

from . import __version__
from .model import Format, Status
from .report import SEVERITY_RANK, Issue, Location, Report

if TYPE_CHECKING:
    # what add_subparsers returns: each command adds its own parser to it
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
    from .eligibility import EligibilityReport
    from .feeds import Survey
    from .model import Catalogue
    from .validate import Workspace

IO_CODES = frozenset({"file.not-found", "file.unreadable"})
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
# what `export --format` takes (export.EXPORTERS, named here so that --help does not import every exporter):
# the formats a target catalogue may ask for, and the CSVW table schemas
EXPORT_FORMATS = tuple(sorted((*get_args(Format), "csvw")))


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _iso_date(text: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None


def issue_lines(issues: Sequence[Issue], shown: str, colour: bool) -> list[str]:
    """Each issue of `shown` severity or worse as `file:line:col: severity code [record path]: message`
    and its fix."""
    lines = []
    for i in issues:
        if SEVERITY_RANK[i.severity] < SEVERITY_RANK[shown]:
            continue
        sev = f"{COLOURS[i.severity]}{i.severity}\033[0m" if colour else i.severity
        where = str(i.location) if i.location else (i.record or "")
        subject = f" [{i.record}{' ' + i.path if i.path else ''}]" if i.record else (f" [{i.path}]" if i.path else "")
        lines.append(f"{where}: {sev} {i.code}{subject}: {i.message}")
        lines.append(f"    Fix: {i.fix}")
    return lines


def format_text(report: Report, shown: str, colour: bool, noun: str = "record") -> str:
    lines = issue_lines(report.issues, shown, colour)
    counts = report.counts()
    hidden = [i.severity for i in report.issues if SEVERITY_RANK[i.severity] < SEVERITY_RANK[shown]]
    summary = (
        f"{len(report.checked)} {noun}(s) checked: {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['info']} info"
    )
    if hidden:
        # the least severe option that shows them all: --show info when any info is hidden
        summary += f" ({len(hidden)} not shown; use --show {'info' if 'info' in hidden else 'warning'})"
    lines.append(summary)
    return "\n".join(lines)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(report: Report, shown: str) -> str:
    """GitHub Actions workflow commands: one annotation per issue, on its file and line."""
    out = []
    for i in report.issues:
        if SEVERITY_RANK[i.severity] < SEVERITY_RANK[shown]:
            continue
        props = []
        if i.location:
            props.append(f"file={_gh_escape(i.location.file, True)}")
            if i.location.line:
                props.append(f"line={i.location.line}")
            if i.location.column:
                props.append(f"col={i.location.column}")
        props.append(f"title={_gh_escape(i.code, True)}")
        out.append(f"::{GITHUB_LEVEL[i.severity]} {','.join(props)}::{_gh_escape(i.message + ' Fix: ' + i.fix)}")
    return "\n".join(out)


def exit_code(report: Report, fail_on: str) -> int:
    if any(i.code in IO_CODES for i in report.issues):
        return 2
    return 0 if report.ok(fail_on) else 1  # type: ignore[arg-type]


def _print_report(report: Report, args: argparse.Namespace, noun: str = "record") -> int:
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif args.format == "github":
        text = format_github(report, args.show)
        if text:
            print(text)
    else:
        print(format_text(report, args.show, _colour(sys.stdout), noun))
    return exit_code(report, args.fail_on)


def _link_results(args: argparse.Namespace, ws: Workspace) -> dict[str, Any] | int:
    """Check every URL the loaded records hold, with the command's link options; or exit code 2,
    with one message, when the network is unavailable (nothing is reported against the links)."""
    import time

    from .links import Cache, Checker, NetworkUnavailable, Options, cached_note, check_urls
    from .progress import tty_progress
    from .rules.links import record_urls

    urls = [url for rec in ws.records.values() for _pointer, url in record_urls(rec)]
    cache_path = (
        Path(args.cache) if args.cache else (ws.records_dir.parent / ".adrmeta-cache" / "links.json" if ws.records_dir else None)
    )
    checker = Checker(Options(timeout=args.timeout, concurrency=args.concurrency))
    started = time.time()
    try:
        results = check_urls(urls, checker, Cache(cache_path, args.max_age), progress=tty_progress("links"))
    except NetworkUnavailable as exc:
        print(f"adrmeta {args.command}: {exc}", file=sys.stderr)
        return 2
    note = cached_note(results, started)
    if note:
        print(f"adrmeta {args.command}: {note}", file=sys.stderr)
    return results


def _workspace(args: argparse.Namespace, every: bool = False) -> Workspace:
    """The records the command names (`args.paths`; with `every`, or none named, the whole records
    folder) and their catalogue. The command keeps them to its end, so they load `permanent`."""
    from .validate import load

    paths = None if every else [Path(p) for p in args.paths] or None
    return load(paths, catalogue=Path(args.catalogue) if args.catalogue else None, permanent=True)


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import run_rules

    ws = _workspace(args)
    links = _link_results(args, ws) if args.online and ws.catalogue is not None else None
    if isinstance(links, int):
        return links
    return _print_report(run_rules(ws, links=links), args)


def cmd_links(args: argparse.Namespace) -> int:
    from .report import Report
    from .rules.links import link_issues
    from .validate import located

    ws = _workspace(args)
    if ws.catalogue is None or any(i.code in IO_CODES for i in ws.issues):
        return _print_report(Report(ws.issues, []), args)
    results = _link_results(args, ws)
    if isinstance(results, int):
        return results
    issues = [*ws.issues, *(i for _p, item in ws.loaded for i in item.issues)]
    for _path, item in ws.loaded:
        if item.value is not None:
            issues.extend(located(link_issues(item.value, results), item.file))
    report = Report(issues, sorted(results))
    if args.format == "text":
        counts: dict[str, int] = {}
        for r in results.values():
            counts[r.status] = counts.get(r.status, 0) + 1
        print("links: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    return _print_report(report, args, noun="link")


def _changed_only(report: EligibilityReport, changed: set[str], ws: Workspace) -> EligibilityReport:
    """The report cut to changed record files; issues of the catalogue and other files are kept.
    A changed catalogue.yaml (thresholds, programmes, sources, TREs) changes every record, as the
    validate hook treats it."""
    if Path(ws.catalogue_file.path).resolve() in {Path(f).resolve() for f in changed}:
        return report
    return attrs.evolve(
        report,
        assessments=tuple(a for a in report.assessments if a.file in changed),
        issues=tuple(
            i
            for i in report.issues
            if i.location is None
            or i.location.file in changed
            or not i.location.file.endswith((".yaml", ".yml"))
            or i.location.file == ws.catalogue_file.path
        ),
    )


def _check_text(report: EligibilityReport, args: argparse.Namespace, note: str) -> str:
    """The eligibility report in the format asked for, with the `--changed-since` note."""
    from .eligibility_report import render_html, render_markdown, render_text

    if args.format == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
    if args.format == "markdown":
        return render_markdown(report, max_chars=args.max_chars, note=note)
    if args.format == "html":
        return render_html(report)
    text = render_text(report, colour=args.output is None and _colour(sys.stdout))
    return f"{note.replace('`', '')}\n{text}" if note else text


def _check_exit(report: EligibilityReport, args: argparse.Namespace) -> int:
    """2 for unreadable input; else 1 for issues or a failing verdict (`--strict`: any gap), unless `--exit-zero`."""
    if any(i.code in IO_CODES for i in report.issues):
        return 2
    if args.exit_zero:
        return 0
    overall = {a.overall for a in report.assessments}
    failing = {"not-eligible", "eligible-with-gaps", "designated-with-gaps"} if args.strict else {"not-eligible"}
    return 1 if report.issues or overall & failing else 0


def cmd_check(args: argparse.Namespace) -> int:
    from .eligibility import assess_workspace

    ws = _workspace(args)
    if args.max_chars is not None and args.max_chars < 200:
        print("adrmeta check: --max-chars must be at least 200.", file=sys.stderr)
        return 2
    links = _link_results(args, ws) if args.online and ws.catalogue is not None else None
    if isinstance(links, int):
        return links
    report = assess_workspace(ws, links=links)
    note = ""
    if args.changed_since:
        changed = _changed_files(args.changed_since, ws)
        if isinstance(changed, str):
            print(f"adrmeta check: {changed}", file=sys.stderr)
            return 2
        report = _changed_only(report, changed, ws)
        note = (
            f"Records changed since `{args.changed_since}`: {len(report.assessments)}."
            if report.assessments
            else f"No record changed since `{args.changed_since}`."
        )
    text = _check_text(report, args, note)
    if args.output:
        from .fileio import write_atomic

        try:
            write_atomic(Path(args.output), text if text.endswith("\n") else text + "\n")
        except OSError as exc:
            print(f"adrmeta: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        print(text)
    return _check_exit(report, args)


def _changed_files(ref: str, ws: Workspace) -> set[str] | str:
    """Display paths of the record files that differ from git `ref` (committed or not), or why not."""
    import subprocess

    from .validate import display_path

    if ws.records_dir is None:
        return "--changed-since needs a catalogue.yaml."
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=ws.records_dir.parent, capture_output=True, text=True, timeout=60
        )
        diff = subprocess.run(
            ["git", "diff", "--name-only", "--no-renames", "--diff-filter=d", ref, "--", "."],
            cwd=ws.records_dir.parent,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"--changed-since needs git: {exc}"
    if top.returncode or diff.returncode:
        why = (diff.stderr or top.stderr).strip().splitlines()
        return (
            f"cannot compare with '{ref}' ({why[0] if why else 'git failed'}); in GitHub Actions, check out "
            f"with fetch-depth: 0 so the base branch is there."
        )
    from .records import record_file_of

    root = Path(top.stdout.strip())
    # a changed dictionary beside a record changes that record
    return {display_path(record_file_of((root / line).resolve()), Path.cwd()) for line in diff.stdout.splitlines() if line}


def _load_clean(args: argparse.Namespace, command: str, refusal: str) -> Workspace | int:
    """Load the workspace, or the exit code refusing to go on while any record has errors (export,
    serve)."""
    from .validate import run_rules

    ws = _workspace(args, every=True)
    report = run_rules(ws, min_severity="error")
    if not report.ok("error") or ws.catalogue is None:
        print(format_text(report, "error", _colour(sys.stdout)))
        print(f"adrmeta {command}: {refusal}; fix the errors above first.", file=sys.stderr)
        return exit_code(report, "error")
    return ws


def cmd_export(args: argparse.Namespace) -> int:
    from . import datestamps, export, feeds

    try:
        for name in args.format or ():
            export.get(name)
    except export.UnknownFormat as exc:
        print(f"adrmeta export: {exc}", file=sys.stderr)
        return 2
    ws = _load_clean(args, "export", "nothing checked" if args.check else "nothing written")
    if isinstance(ws, int):
        return ws
    assert ws.catalogue is not None  # refused otherwise
    from .exportrun import digests, refusal, steps, write
    from .fileio import Busy, locked
    from .progress import tty_progress

    out = Path(args.out) if args.out else ws.records_dir.parent / "exports"  # type: ignore[union-attr]
    partial = bool(args.format)
    show = tty_progress("steps")
    total = steps(ws.catalogue, args.format or sorted(export.EXPORTERS), feeds=not partial)
    done: list[str] = []

    def step(name: str) -> None:
        done.append(name)
        if show:
            show(len(done), total)

    # the feeds' members and what each complete-only format lacks; a partial export writes no feeds,
    # so it needs the survey only to say which records a complete-only format leaves out
    wanted = args.format or sorted(export.EXPORTERS)
    found = feeds.survey(ws.catalogue, ws.records, wanted) if not partial or set(wanted) & set(export.COMPLETE_ONLY) else None
    if args.check:
        previous = datestamps.read_lock(out / datestamps.LOCK)  # the tree checked: what it remembers of withdrawn records
        expected = digests(
            ws.catalogue, ws.records, args.format, found=found, step=step, fingerprints=ws.fingerprints, previous=previous
        )
        return _export_check(out, expected, partial)
    try:
        with locked(out):
            why = refusal(out)
            if why:
                print(f"adrmeta export: nothing written; {why}.", file=sys.stderr)
                return 2
            counts = write(out, ws.catalogue, ws.records, args.format, found=found, step=step, fingerprints=ws.fingerprints)
    except Busy as exc:
        print(f"adrmeta export: nothing written; {exc}.", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"adrmeta export: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    _export_summary(out, counts, found, partial)
    return 0


def _export_summary(out: Path, counts: Mapping[str, int], found: Survey | None, partial: bool) -> None:
    """What an export wrote, and the records a format or feed left out."""
    for top, n in counts.items():
        print(f"{out / top}: {n} file(s)")
    for fmt, left in (found.lacking if found else {}).items():
        if left:
            print(
                f"{fmt}: {len(left)} record(s) left out for want of required facts; `adrmeta validate --show info` "
                f"says what each lacks"
            )
    for target_id, not_taken in (found.left_out if found and not partial else {}).items():
        if not_taken:
            print(
                f"feed {target_id}: {len(not_taken)} record(s) with a route through its TREs left out; its manifest's `left_out` says why"
            )


def _export_check(out: Path, expected: dict[str, tuple[int, str]], partial: bool) -> int:
    """`export --check`: the stale, missing and extra files of `out`, exit 1 if there are any."""
    from .exportrun import compare

    diff = compare(out, expected, partial)
    for label, rels in (("stale", diff.stale), ("missing", diff.missing), ("extra", diff.extra)):
        for rel in rels:
            print(f"{label}: {out / rel}")
    if diff:
        print(
            f"adrmeta export --check: {len(diff.stale)} stale, {len(diff.missing)} missing, "
            f"{len(diff.extra)} extra file(s); run `adrmeta export`.",
            file=sys.stderr,
        )
        return 1
    print(f"{out}: {len(expected)} file(s) up to date")
    return 0


def cmd_conform(args: argparse.Namespace) -> int:
    from .conform.exports import check_tree, nothing_to_check
    from .validate import display_path, find_catalogue

    if args.dir:
        root = Path(args.dir)
    else:
        cat = find_catalogue(Path.cwd())
        root = cat.parent / "exports" if cat else Path("exports")
    if not root.is_dir():
        print(f"adrmeta conform: {root} is not a folder of exports; run `adrmeta export` first.", file=sys.stderr)
        return 2
    report = check_tree(root, display=lambda p: display_path(p.resolve(), Path.cwd()))
    if not report.checked and not report.issues:
        print(f"adrmeta conform: {nothing_to_check(root)}", file=sys.stderr)
        return 2
    return _print_report(report, args, noun="file")


def _ask(question: str, attempts: int = 5) -> str | None:
    """One answer from standard input (a terminal or a pipe), the question on standard error; None at
    the end of the input."""
    for _ in range(attempts):
        sys.stderr.write(f"{question}: ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            sys.stderr.write("\n")
            return None
        if not sys.stdin.isatty():
            sys.stderr.write(line if line.endswith("\n") else line + "\n")  # a readable transcript
        if line.strip():
            return line.strip()
        sys.stderr.write("  an answer is needed.\n")
    return None


def _answer(item: Any, text: object, ask: bool, problems: list[str]) -> tuple[object | None, bool]:
    """One essential of `adrmeta new`: the given value, else answers on standard input, each
    checked as it is given and asked again when wrong. Returns the value (None if there is none)
    and whether to go on asking (not after the input ended)."""
    from .scaffold import Invalid

    introduced = False
    while True:
        if text:
            try:
                value = item.parse(str(text))
                if value != text and item.key == "publisher":
                    print(f"  publisher: '{text}' is {value}", file=sys.stderr)
                return value, ask
            except Invalid as exc:
                if not ask:
                    problems.append(f"{item.option}: {exc}")
                    return None, ask
                print(f"  {exc}", file=sys.stderr)
        if not ask:
            return None, ask
        if item.intro and not introduced:
            print(item.intro, file=sys.stderr)
            introduced = True
        text = _ask(item.prompt)
        if text is None:  # end of input: ask nothing more
            return None, False


def _new_catalogue(args: argparse.Namespace) -> tuple[Path, Catalogue] | None:
    """The catalogue `adrmeta new` checks the publisher against, or None after saying why it cannot be read."""
    from . import records as reader
    from .validate import display_path, find_catalogue

    cat_path = Path(args.catalogue) if args.catalogue else find_catalogue(Path.cwd())
    loaded = reader.load_catalogue(cat_path, display_path(cat_path, Path.cwd())) if cat_path else None
    if cat_path is None or loaded is None or loaded.value is None:
        for i in loaded.issues if loaded else ():
            print(f"{i.location}: {i.severity} {i.code}: {i.message}", file=sys.stderr)
        print(
            "adrmeta new: a readable catalogue.yaml is needed to check the publisher (run inside a records "
            "repository or pass --catalogue).",
            file=sys.stderr,
        )
        return None
    return cat_path, loaded.value


def _new_values(args: argparse.Namespace, catalogue: Catalogue, taken: set[str]) -> dict[str, object] | None:
    """The essentials from options or answers, or None after printing what is wrong or still needed."""
    from .scaffold import essentials

    given: dict[str, object] = {
        "id": args.id,
        "title": args.title,
        "publisher": args.publisher,
        "status": args.status,
        "nations": " ".join(args.nation or ()),
        "summary": args.summary,
    }
    values: dict[str, object] = {}
    problems: list[str] = []
    ask = not args.non_interactive  # until the input ends
    for item in essentials(catalogue.organisations, taken):
        value, ask = _answer(item, given[item.key], ask, problems)
        if value is not None:
            values[item.key] = value
    missing = [
        item.option
        for item in essentials((), ())
        if item.key not in values and not any(p.startswith(item.option + ":") for p in problems)
    ]
    if not problems and not missing:
        return values
    for problem in problems:
        print(f"adrmeta new: {problem}", file=sys.stderr)
    if missing:
        print(
            "adrmeta new: nothing written; still needed: "
            + ", ".join(missing)
            + (
                " (give them as options)."
                if args.non_interactive
                else " (give them as options, or answer the questions on standard input)."
            ),
            file=sys.stderr,
        )
    return None


def _write_new(target: Path, text: str) -> bool:
    """Write a new draft, never over an existing file; False after saying why it was not written."""
    if target.exists():
        print(f"adrmeta new: {target} exists; it is not overwritten.", file=sys.stderr)
        return False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
            fh.write(text)
    except OSError as exc:
        print(f"adrmeta new: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _new_target(out: str | None, rid: str, drafts: Path) -> Path | None:
    """Where `new` writes the record `rid`: drafts/<id>.yaml, a folder's <id>.yaml, or the file
    named, which must be named after the id (validate rejects any other name, record.id-mismatch);
    None after saying so."""
    if out is None:
        return drafts / f"{rid}.yaml"
    target = Path(out)
    if target.is_dir():
        return target / f"{rid}.yaml"
    if target.name not in (f"{rid}.yaml", f"{rid}.yml"):
        print(
            f"adrmeta new: nothing written; {out} is not named after the id '{rid}', and a record's file name must be its id"
            f" (validate would report record.id-mismatch). Use --out {target.with_name(rid + '.yaml')}, or a folder.",
            file=sys.stderr,
        )
        return None
    return target


def cmd_new(args: argparse.Namespace) -> int:
    from . import records as reader
    from .scaffold import scaffold, schema_comment
    from .validate import display_path

    found = _new_catalogue(args)
    if found is None:
        return 2
    cat_path, catalogue = found
    drafts, records_dir = cat_path.parent / "drafts", cat_path.parent / "records"
    taken = {
        p.stem
        for folder in (drafts, records_dir)
        if folder.is_dir()
        for p in folder.glob("*.yaml")
        if not reader.is_dictionary_file(p)
    }
    if args.id and _new_target(args.out, args.id, drafts) is None:  # before asking for the rest
        return 2
    values = _new_values(args, catalogue, taken)
    if values is None:
        return 2
    target = _new_target(args.out, str(values["id"]), drafts)
    if target is None or not _write_new(target, scaffold(values, schema_line=schema_comment(target, cat_path.parent))):
        return 2
    shown = display_path(target.resolve(), Path.cwd())
    print(
        f"{shown}: written. Fill it in (values marked 'filled in by adrmeta new' are guesses to check), "
        f"run `adrmeta validate {shown}` and `adrmeta check {shown}`, then move it into records/."
    )
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from . import docs

    print(docs.write(Path(args.out)))
    return 0


def cmd_touch(args: argparse.Namespace) -> int:
    """Set `modified` to today (or --date) on each record whose published content changed since
    the last export but whose modified date did not, or which is dated after today."""
    from . import datestamps
    from .validate import published_lock

    today = datestamps.today().isoformat()
    date = args.date or today
    if date > today:  # validate would refuse every record it dates (record.modified-future)
        print(
            f"adrmeta touch: --date {date} is after today ({today}, UTC); a datestamp names the day of the change,"
            f" and one to come is published as a change that has not happened. Use {today} or earlier.",
            file=sys.stderr,
        )
        return 2
    ws = _workspace(args)
    if ws.catalogue is None or ws.records_dir is None or ws.fingerprints is None:
        report = Report(ws.issues, ())
        print(format_text(report, "error", False))
        return exit_code(report, "error") or 2  # 1 for a broken catalogue, as validate says; 2 for none to read
    lock = published_lock(ws) or datestamps.Lock()  # a records folder is there: never None
    if lock.exported and date < lock.exported:  # the records it dates would have moved back
        print(_before_the_export(date, today, lock.exported), file=sys.stderr)
        return 2
    touched = 0
    # a record that cannot be read may have changed too: say so, and fail
    unread = [i for i in ws.issues if i.severity == "error"]
    unread += [i for _p, item in ws.loaded if item.value is None for i in item.issues if i.severity == "error"]
    for path, item in ws.loaded:
        rec = item.value
        # a record dated `date` already announces the day's changes (datestamps are days)
        if rec is None or rec.modified == date:
            continue
        # one dated after today is refused by validate (record.modified-future): dated as a change
        if rec.modified <= today and not datestamps.is_stale(ws.fingerprints, rec, lock):
            continue
        text = datestamps.set_modified(path.read_text(encoding="utf-8"), date)
        if text is None:
            print(f"{item.file.path}: no top-level 'modified:' line to set", file=sys.stderr)
            return 1
        path.write_text(text, encoding="utf-8")
        touched += 1
        print(f"{item.file.path}: modified {rec.modified} -> {date}")
    withdrawn = _record_withdrawals(args, ws, lock, date)
    if withdrawn is None:
        return 1
    if unread:
        print("\n".join(issue_lines(unread, "error", _colour(sys.stdout))))
        print(
            f"{touched} record(s) touched; some could not be read, so whether they changed is unknown: fix them and run it again."
        )
        return 2 if any(i.code in IO_CODES for i in unread) else 1
    print(f"{touched} record(s) touched." + (f" {withdrawn} removal(s) recorded as withdrawn." if withdrawn else ""))
    return 0


def _before_the_export(date: str, today: str, exported: str) -> str:
    """Why touch refuses a date before the last export, and the way out: a later date, or, when that
    export is itself dated after today, first its future dates fixed and a new export."""
    way = (
        f"Use {exported} or later."
        if exported <= today
        else f"That export published a date after today (record.modified-future): set those records' modified to {today}"
        " and export again, then touch."
    )
    return (
        f"adrmeta touch: --date {date} is before the last export ({exported}); an incremental harvest from then "
        f"would miss these changes. {way}"
    )


def _record_withdrawals(args: argparse.Namespace, ws: Workspace, lock: Mapping[str, Mapping[str, str]], date: str) -> int | None:
    """List each record of the last export whose file is gone in catalogue.yaml's `withdrawn`,
    dated `date`, so harvesters are told it is deleted; the file's own `modified` moves to `date`
    too (never back). Text is appended, so comments and layout stay. How many were listed, or None
    (said why) when the file could not be edited."""
    import yaml

    from . import datestamps
    from .validate import find_catalogue, on_disk

    assert ws.catalogue is not None
    gone = datestamps.unannounced(lock, on_disk(ws), ws.catalogue)
    cat_path = Path(args.catalogue) if args.catalogue else find_catalogue(Path.cwd())
    if not gone or cat_path is None:
        return 0
    text = cat_path.read_text(encoding="utf-8")
    edited = datestamps.add_withdrawn(text, [(rid, date) for rid in gone])
    if edited is not None and ws.catalogue.modified < date:
        edited = datestamps.set_modified(edited, date)
    listed = yaml.safe_load(edited) if edited is not None else None
    if (
        edited is None
        or not isinstance(listed, dict)
        or [w.get("id") for w in listed.get("withdrawn") or ()][-len(gone) :] != gone
    ):
        print(
            f"{ws.catalogue_file.path}: could not add {', '.join(gone)} to its withdrawn list; write it as a block list"
            f" (withdrawn:, then '  - id: ...' and '    date: {date}' lines) and run adrmeta touch again.",
            file=sys.stderr,
        )
        return None
    cat_path.write_text(edited, encoding="utf-8")
    for rid in gone:
        print(
            f"{ws.catalogue_file.path}: {rid} withdrawn on {date} (its file is gone): harvesters are told it is deleted once exported"
        )
    return len(gone)


def cmd_schema(args: argparse.Namespace) -> int:
    from . import schema

    written = schema.write_all(Path(args.out))
    for path in written:
        print(path)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from . import importers
    from .validate import display_path, find_catalogue, load

    if args.source_format:
        try:
            importers.get(args.source_format)
        except importers.UnknownFormat as exc:
            print(f"adrmeta import: {exc}", file=sys.stderr)
            return 2
    cat_path = Path(args.catalogue) if args.catalogue else find_catalogue(Path.cwd())
    ws = load(None, catalogue=cat_path, permanent=True) if cat_path else None  # the records too: a draft may duplicate one
    if ws is None or ws.catalogue is None:
        report = Report(ws.issues if ws else [], [])
        print(format_text(report, "error", _colour(sys.stdout)) if ws else "", end="")
        print(
            "adrmeta import: a readable catalogue.yaml is needed to match organisations, themes and TREs "
            "(run inside a records repository or pass --catalogue).",
            file=sys.stderr,
        )
        return 2
    from .records import is_dictionary_file

    known = (
        frozenset(p.stem for p in ws.records_dir.glob("*.yaml") if not is_dictionary_file(p))
        if ws.records_dir and ws.records_dir.is_dir()
        else frozenset()
    )
    result = importers.import_files(
        [Path(p) for p in args.paths],
        ws.catalogue,
        fmt=args.source_format,
        max_bytes=int(args.max_size * 1024 * 1024),
        known_ids=known,
        existing=list(ws.records.values()),
        display=lambda p: display_path(p.resolve(), Path.cwd()),
    )
    report = result.report
    if report.ok("error") and result.drafts:
        out = Path(args.out) if args.out else (cat_path.parent if cat_path else Path.cwd()) / "drafts"
        try:
            written, clashes = importers.write_drafts(
                result.drafts, out, force=args.force, root=cat_path.parent if cat_path else None
            )
        except OSError as exc:
            print(f"adrmeta import: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        if clashes:
            report = Report([*report.issues, *clashes], report.checked)
        elif args.format == "text":
            print(f"{len(written)} draft(s) written to {out}; check them with `adrmeta validate {out}`")
    elif args.format == "text" and not report.ok("error"):
        print("adrmeta import: nothing written; fix the errors below first.", file=sys.stderr)
    code = _print_report(report, args, noun="draft")
    if any(i.code in ("import.exists", "file.not-found", "file.unreadable") for i in report.issues):
        return 2
    return code


def _mapping(pairs: Sequence[str]) -> dict[str, str] | str:
    """--map 'Header=column' options as a dict, or what is wrong with one."""
    from .dictionaries import COLUMNS

    out = {}
    for pair in pairs:
        header, eq, column = pair.rpartition("=")
        if not eq or not header.strip() or column.strip() not in COLUMNS:
            return f"--map '{pair}' is not HEADER=COLUMN with COLUMN one of: {', '.join(COLUMNS)}."
        out[header.strip()] = column.strip()
    return out


def _write_dictionary(target: Path, text: str, issues: list[Issue], args: argparse.Namespace) -> int | None:
    """Write an imported dictionary, or the exit code when it is not written: the file exists
    (without --force), it would be larger than a side file is read (so the record could not load
    it), or it cannot be written."""
    from .fileio import write_atomic
    from .records import DICTIONARY_MAX_BYTES

    size = len(text.encode("utf-8"))
    problem = (
        Issue(
            code="import.exists",
            record=args.record,
            location=Location(file=str(target)),
            message=f"{target} exists; it is not overwritten.",
            fix="Give --force to replace it, or --out another folder.",
        )
        if target.exists() and not args.force
        else Issue(
            code="file.too-large",
            record=args.record,
            location=Location(file=str(target)),
            message=f"the dictionary would be {size:,} bytes of YAML; side files are read up to "
            f"{DICTIONARY_MAX_BYTES:,}, so the record could not load it. Nothing written.",
            fix="Keep a dictionary this large as records/<id>.dictionary.csv, or split the dataset's records.",
        )
        if size > DICTIONARY_MAX_BYTES
        else None
    )
    if problem is not None:
        _print_report(Report([*issues, problem], [args.record]), args, noun="dictionary")
        return 2 if problem.code == "import.exists" else 1
    try:
        write_atomic(target, text)
    except OSError as exc:
        print(f"adrmeta dictionary import: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return None


def _dictionary_import_problem(args: argparse.Namespace, mapping: dict[str, str] | str) -> str | None:
    """What is wrong with the options of `dictionary import` (a bad --map, --record or --from), if anything."""
    from . import dictionaries
    from .typespec import FORMAT_REGEX

    return (
        mapping
        if isinstance(mapping, str)
        else f"--record '{args.record}' is not a record id (lower-case letters, digits and hyphens)."
        if not FORMAT_REGEX["id"].match(args.record)
        else f"--from '{args.source_format}' is not one of: {', '.join(dictionaries.READERS)}."
        if args.source_format and args.source_format not in dictionaries.READERS
        else None
    )


def cmd_dictionary_import(args: argparse.Namespace) -> int:
    """Read a data dictionary in another form and write records/<id>.dictionary.yaml, whole or not at all."""
    from . import dictionaries
    from .importers.source import Fatal, Source
    from .rules.dictionary import check
    from .validate import display_path, find_catalogue

    mapping = _mapping(args.map or ())
    problem = _dictionary_import_problem(args, mapping)
    if problem:
        print(f"adrmeta dictionary import: {problem}", file=sys.stderr)
        return 2
    assert not isinstance(mapping, str)
    shown = display_path(Path(args.file).resolve(), Path.cwd())
    try:
        source = Source.read(Path(args.file), shown, int(args.max_size * 1024 * 1024))
    except Fatal as exc:
        return _print_report(Report([exc.issue], [args.record]), args, noun="dictionary")
    fmt = args.source_format or dictionaries.detect(source)
    if fmt is None:
        print(
            f"adrmeta dictionary import: cannot tell what form {shown} is in; give --from ({', '.join(dictionaries.READERS)}).",
            file=sys.stderr,
        )
        return 2
    got = dictionaries.import_file(source, fmt, dictionaries.Options(mapping=mapping, table=args.table, sheet=args.sheet))
    issues = [attrs.evolve(i, record=args.record) for i in got.issues]
    if got.dictionary is not None:
        if args.source:
            got.dictionary = attrs.evolve(got.dictionary, source=args.source)
        # paths into the dictionary file written, like the readers' (a record's start /dictionary)
        issues += [
            attrs.evolve(i, location=Location(file=shown), path=i.path.removeprefix("/dictionary"))
            for i in check(got.dictionary, args.record)
        ]
    report = Report(issues, [args.record])
    if got.dictionary is None or not report.ok("error"):
        if args.format == "text":
            print("adrmeta dictionary import: nothing written; fix the errors below first.", file=sys.stderr)
        return _print_report(report, args, noun="dictionary")
    cat = find_catalogue(Path.cwd())
    out = Path(args.out) if args.out else (cat.parent if cat else Path.cwd()) / "records"
    target = dictionaries.target(out, args.record)
    code = _write_dictionary(target, dictionaries.to_yaml(got.dictionary, args.record, source.path.name), issues, args)
    if code is not None:
        return code
    if args.format == "text":
        count = sum(len(t.variables) for t in got.dictionary.tables)
        print(
            f"{display_path(target.resolve(), Path.cwd())}: {len(got.dictionary.tables)} table(s), {count} variable(s) from {shown} ({fmt}); "
            f"check it and run `adrmeta validate {args.record}`."
        )
    return _print_report(report, args, noun="dictionary")


def cmd_serve(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    for name, value, low, high in (
        ("--workers", args.workers, 1, 64),
        ("--page-size", args.page_size, 1, 1000),
        ("--port", args.port, 0, 65535),
    ):
        if not low <= value <= high:
            print(f"adrmeta serve: {name} must be from {low} to {high}.", file=sys.stderr)
            return 2
    if args.base_url:
        parts = urlsplit(args.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            print(
                f"adrmeta serve: --base-url must be an http(s) URL such as https://example.org/adrmeta/, not '{args.base_url}'.",
                file=sys.stderr,
            )
            return 2
    ws = _load_clean(args, "serve", "nothing served")
    if isinstance(ws, int):
        return ws
    assert ws.catalogue is not None  # refused otherwise
    from .serve import server
    from .serve.app import App
    from .validate import published_lock

    try:
        sock = server.bind(args.host, args.port)
    except OSError as exc:
        print(f"adrmeta serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    host, port = sock.getsockname()[:2]
    listening = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    base_url = args.base_url or listening
    lock = published_lock(ws)  # exports/records.json beside the records folder
    try:
        app = App(
            ws.catalogue,
            ws.records,
            base_url if base_url.endswith("/") else base_url + "/",
            page_size=args.page_size,
            previous=lock,  # feed dates continue from it; the sets withdrawn records were last exported in
        )
    except ValueError as exc:
        sock.close()
        print(f"adrmeta serve: {exc}.", file=sys.stderr)
        return 2
    print(
        f"adrmeta serve: {len(ws.records)} record(s) on {listening} as {app.base_url} with {args.workers} worker(s): "
        f"OAI-PMH {app.base_url}oai, DCAT {app.base_url}catalog, HDR UK {app.base_url}api/hdruk/datasets, "
        f"feeds {app.base_url}feeds/<id>/manifest.json, site {app.base_url}",
        flush=True,
    )
    try:
        server.run(app, sock, args.workers, access_log=args.access_log)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    return 0


def _report_options(parser: argparse.ArgumentParser, show: str) -> None:
    """--format, --fail-on and --show, the same for every command that prints a Report."""
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people, json for tools (the library's Report), github for CI annotations",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="error",
        help="exit 1 when an issue of this severity or worse is found (default: error)",
    )
    parser.add_argument(
        "--show",
        choices=("error", "warning", "info"),
        default=show,
        help=f"least severe issues to print in text and github output (default: {show}); json prints all",
    )


def _online_options(parser: argparse.ArgumentParser, online_help: str | None) -> None:
    if online_help:
        parser.add_argument("--online", action="store_true", help=online_help)
    parser.add_argument(
        "--concurrency", type=int, default=8, metavar="N", help="links checked at once (default: 8; at most 2 per host)"
    )
    parser.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds to wait for a server (default: 10)")
    parser.add_argument(
        "--cache", metavar="FILE", help="results cache (default: .adrmeta-cache/links.json beside catalogue.yaml)"
    )
    parser.add_argument(
        "--max-age",
        type=float,
        default=24.0,
        metavar="HOURS",
        help="reuse cached results younger than this (default: 24; 0 checks everything again)",
    )


def _validate_parser(sub: Subparsers) -> None:
    val = sub.add_parser(
        "validate",
        help="check records against the record format and consistency rules",
        description="Check record files (default: the records folder next to catalogue.yaml).",
    )
    val.add_argument(
        "paths", nargs="*", metavar="PATH", help="record files or folders (may be outside records/); catalogue.yaml: every record"
    )
    val.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to use (default: found from the working folder upwards)")
    _report_options(val, show="warning")
    _online_options(val, "also check every URL the records hold (the only network use)")
    val.set_defaults(func=cmd_validate)


def _links_parser(sub: Subparsers) -> None:
    lnk = sub.add_parser(
        "links",
        help="check every URL the records hold",
        description="Check documentation, access, catalogue, publication and contact links: HEAD "
        "with a GET fallback, redirects followed (permanent ones reported with the URL "
        "to use), 429/503 retried honouring Retry-After, a per-host limit and "
        "politeness delay, results cached.",
    )
    lnk.add_argument("paths", nargs="*", metavar="ID|PATH", help="record ids, files or folders (default: all records)")
    lnk.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to use")
    _report_options(lnk, show="warning")
    _online_options(lnk, None)
    lnk.set_defaults(func=cmd_links)


def _check_parser(sub: Subparsers) -> None:
    chk = sub.add_parser(
        "check",
        help="assess records against the ADR England flagship criteria",
        description="Assess records against the ADR England flagship criteria: per criterion met, "
        "partly met, not met or needs judgement, with evidence and what to add.",
    )
    chk.add_argument("paths", nargs="*", metavar="ID|PATH", help="record ids, files or folders (default: all records)")
    chk.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to use")
    chk.add_argument(
        "--format",
        choices=("text", "json", "markdown", "html"),
        default="text",
        help="text for a terminal, json (the library's result), markdown for a pull-request comment, "
        "html for a self-contained page",
    )
    chk.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    chk.add_argument("--strict", action="store_true", help="exit 1 for eligibility gaps too, not only for ineligible datasets")
    chk.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 whatever the verdicts (2 still for a usage or I/O error): for a CI step that only writes the report",
    )
    chk.add_argument(
        "--changed-since",
        metavar="REF",
        help="report only the records whose files differ from this git revision (e.g. origin/main)",
    )
    chk.add_argument(
        "--max-chars",
        type=int,
        metavar="N",
        help="markdown: drop whole dataset sections from the end until the report fits in N characters, "
        "saying so (GitHub comments hold at most 65,536)",
    )
    _online_options(chk, "check documentation links too: a broken user guide or data dictionary link makes its rule partly met")
    chk.set_defaults(func=cmd_check)


def _export_parser(sub: Subparsers) -> None:
    exp = sub.add_parser(
        "export",
        help="write the records in catalogue formats",
        description="Export every valid record: DCAT-AP 3 (JSON-LD and Turtle), the UK cross-government "
        "profile (dcat-uk), DDI Codebook 2.5, HDR UK Gateway JSON 3.0.0 and 4.0.0, schema.org "
        "JSON-LD and a static catalogue site, plus a feed per target catalogue. Nothing is "
        "written while any record has errors; the exports folder is replaced whole.",
    )
    exp.add_argument(
        "--format",
        action="append",
        metavar="NAME",
        help="format to write (repeatable; default: every format and every per-catalogue feed). "
        "Known: " + ", ".join(EXPORT_FORMATS),
    )
    exp.add_argument("--out", metavar="DIR", help="folder to write into (default: exports/ beside catalogue.yaml)")
    exp.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to use")
    exp.add_argument(
        "--check", action="store_true", help="write nothing; list stale, missing or extra files and exit 1 if there are any"
    )
    exp.set_defaults(func=cmd_export)


def _conform_parser(sub: Subparsers) -> None:
    con = sub.add_parser(
        "conform",
        help="check an exports tree against the official schemas, shapes and profiles",
        description="Run every conformance check over an exports tree: DDI (XSD and CESSDA CDC 2.5 "
        "profile), DCAT-AP 3.0.1 SHACL shapes, the cross-government model's JSON Schema and "
        "SHACL shapes, the HDR UK JSON Schemas (format checking on, required fields filled "
        "in), schema.org vocabulary and Google's Dataset rules, and each feed's manifest. "
        "Offline.",
    )
    con.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="exports folder, one feed's folder (its manifest.json at the top), a folder of feeds (exports/feeds) "
        "or one format's folder (exports/ddi) (default: exports/ beside catalogue.yaml)",
    )
    _report_options(con, show="error")  # recommended-property warnings are many
    con.set_defaults(func=cmd_conform)


def _new_parser(sub: Subparsers) -> None:
    new = sub.add_parser(
        "new",
        help="start a draft record with every field and its guidance",
        description="Write drafts/ID.yaml beside catalogue.yaml: the essentials filled in, every "
        "other field as a commented line with guidance. Asks for each essential not "
        "given as an option (on a terminal or from standard input), checks each answer "
        "at once and asks again. Never overwrites; never writes into records/ unless "
        "--out says so.",
    )
    new.add_argument("id", nargs="?", metavar="ID", help="record id (also the file name)")
    new.add_argument("--title", help="full title")
    new.add_argument("--publisher", help="organisation from catalogue.yaml: its key, name or acronym")
    new.add_argument("--status", metavar="STATUS", help="one of: " + ", ".join(get_args(Status)))
    new.add_argument(
        "--nation",
        action="append",
        metavar="NATION",
        help="a nation covered, as a code or name: GB-ENG, GB-WLS, GB-SCT, GB-NIR (repeatable)",
    )
    new.add_argument("--summary", help="what the dataset holds, 50 to 5000 characters")
    new.add_argument(
        "--out",
        metavar="FILE",
        help="where to write: ID.yaml, or a folder to write ID.yaml in (default: drafts/ID.yaml beside catalogue.yaml)",
    )
    new.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to use")
    new.add_argument("--non-interactive", action="store_true", help="never ask; fail if an essential is missing or wrong")
    new.set_defaults(func=cmd_new)


def _docs_parser(sub: Subparsers) -> None:
    dcs = sub.add_parser(
        "docs",
        help="write docs/field-mappings.md from the exporters' mapping tables",
        description="Regenerate the field-mapping documentation from the exporters' own tables.",
    )
    dcs.add_argument("--out", default="docs", metavar="DIR", help="folder to write to (default: docs)")
    dcs.set_defaults(func=cmd_docs)


def _touch_parser(sub: Subparsers) -> None:
    tch = sub.add_parser(
        "touch",
        help="set modified on records whose published content changed since the last export",
        description="Set each changed record's modified date (its datestamp for harvesters) to today.",
    )
    tch.add_argument("paths", nargs="*", metavar="PATH", help="record files (default: every record)")
    tch.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to use (default: found from the working folder upwards)")
    tch.add_argument(
        "--date", metavar="YYYY-MM-DD", type=_iso_date, help="the date to set, no later than today in UTC (default: today)"
    )
    tch.set_defaults(func=cmd_touch)


def _schema_parser(sub: Subparsers) -> None:
    sch = sub.add_parser(
        "schema",
        help="write the JSON Schemas of record and catalogue files",
        description="Regenerate the JSON Schemas derived from the record model.",
    )
    sch.add_argument("--out", default="schemas", metavar="DIR", help="folder to write to (default: schemas)")
    sch.set_defaults(func=cmd_schema)


def _import_parser(sub: Subparsers) -> None:
    imp = sub.add_parser(
        "import",
        help="make draft records from another catalogue's metadata",
        description="Read DCAT (JSON-LD, Turtle, RDF/XML), DDI Codebook 2.5 (bare or in OAI-PMH), HDR UK "
        "Gateway JSON (2.x, 3.0.0, 4.0.0), UK cross-government metadata (YAML, JSON) or "
        "schema.org Dataset JSON-LD, and write a draft record per dataset found: every "
        "value it could map, what it guessed as comments, what it could not map under "
        "notes. Nothing is written unless every input parses; existing files are never "
        "overwritten without --force.",
    )
    imp.add_argument("paths", nargs="+", metavar="FILE", help="files to import")
    imp.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAT",
        help="the files' format (default: detected). Known: cddo, dcat, ddi, hdruk, schemaorg",
    )
    imp.add_argument("--out", metavar="DIR", help="folder for the drafts (default: drafts/ beside catalogue.yaml)")
    imp.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to match organisations, themes and TREs against")
    imp.add_argument("--force", action="store_true", help="overwrite drafts that already exist")
    imp.add_argument("--max-size", type=float, default=256, metavar="MB", help="largest input read (default: 256 MB)")
    _report_options(imp, show="warning")
    imp.set_defaults(func=cmd_import)


def _dictionary_parser(sub: Subparsers) -> None:
    dic = sub.add_parser(
        "dictionary",
        help="data dictionaries: import one kept in another form",
        description="Work with records' data dictionaries (records/<id>.dictionary.yaml).",
    )
    dsub = dic.add_subparsers(dest="action", required=True, metavar="ACTION")
    dim = dsub.add_parser(
        "import",
        help="write records/<id>.dictionary.yaml from a CSV, XLSX, DDI, HDR UK or Mauro file",
        description="Read a data dictionary as its owner keeps it: CSV or XLSX in the documented "
        "layout (docs/dictionaries.md; --map renames other headers), DDI Codebook 2.5 "
        "dataDscr, HDR UK structuralMetadata (2.x, 3.0.0, 4.0.0) or a Mauro Data Mapper "
        "data model (the HDR UK Gateway's first data models); check it and write "
        "<id>.dictionary.yaml beside the record. Nothing is written when the input "
        "has an error; an existing file is replaced only with --force. Nothing is "
        "invented: a value the input lacks stays absent.",
    )
    dim.add_argument("file", metavar="FILE", help="the dictionary to import")
    dim.add_argument("--record", required=True, metavar="ID", help="id of the record the dictionary belongs to")
    dim.add_argument(
        "--from", dest="source_format", metavar="FORM", help="the file's form (default: detected): csv, xlsx, ddi, hdruk, mauro"
    )
    dim.add_argument(
        "--map",
        action="append",
        metavar="HEADER=COLUMN",
        help="CSV/XLSX: read the column headed HEADER as a layout column, e.g. 'Variable name=variable' (repeatable)",
    )
    dim.add_argument(
        "--table", metavar="NAME", help="the table of a sheet without a table column (or of DDI variables naming no file)"
    )
    dim.add_argument("--sheet", metavar="NAME", help="XLSX: the sheet to read (default: the first)")
    dim.add_argument("--source", metavar="KEY", help="source key to cite for the whole dictionary (one of the record's sources)")
    dim.add_argument("--out", metavar="DIR", help="folder to write into (default: records/ beside catalogue.yaml)")
    dim.add_argument("--force", action="store_true", help="replace an existing <id>.dictionary.yaml")
    dim.add_argument(
        "--max-size",
        type=float,
        default=32,
        metavar="MB",
        help="largest input read (default: 32 MB, about half a million variables; the YAML written is "
        "larger, and side files are read up to 64 MB)",
    )
    _report_options(dim, show="warning")
    dim.set_defaults(func=cmd_dictionary_import)


def _serve_parser(sub: Subparsers) -> None:
    srv = sub.add_parser(
        "serve",
        help="serve OAI-PMH, paged DCAT, the HDR UK pull API and the site to harvesters",
        description="Render every valid record once and serve it from memory on gunicorn: OAI-PMH 2.0 "
        "at /oai (oai_dc, oai_ddi25), Hydra-paged DCAT at /catalog, the HDR UK Gateway "
        "pull API at /api/hdruk/datasets and the static site at /. Nothing is served "
        "while any record has errors.",
    )
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    srv.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    srv.add_argument(
        "--base-url",
        metavar="URL",
        help="public URL the server is reached at, used in every link it writes (default: http://HOST:PORT/)",
    )
    srv.add_argument("--workers", type=int, default=2, metavar="N", help="worker processes, one core each (default: 2)")
    srv.add_argument(
        "--page-size",
        type=int,
        default=100,
        metavar="N",
        help="records per OAI-PMH list page and datasets per DCAT page (default: 100)",
    )
    srv.add_argument("--catalogue", metavar="FILE", help="catalogue.yaml to use")
    srv.add_argument("--access-log", action="store_true", help="log every request to standard output")
    srv.set_defaults(func=cmd_serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="adrmeta", description="Keep ADR UK linked-dataset metadata as records, check them and publish them."
    )
    parser.add_argument("--version", action="version", version=f"adrmeta {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        _validate_parser,
        _links_parser,
        _check_parser,
        _export_parser,
        _conform_parser,
        _new_parser,
        _docs_parser,
        _touch_parser,
        _schema_parser,
        _import_parser,
        _dictionary_parser,
        _serve_parser,
    ):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except ImportError as exc:  # a dependency missing or broken is an install problem, not a bug to show
        if (exc.name or "").partition(".")[0] == "adrmeta":
            raise
        print(
            f"adrmeta: cannot import {exc.name or 'a library it needs'} ({exc}). Reinstall adrmeta "
            f"with its dependencies (e.g. pip install --force-reinstall adrmeta).",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
