"""A new record file: the essentials filled in, every other field present as a commented line with
the guidance from the record schema, so a data owner sees everything the format can hold; and the
checks `adrmeta new` applies to each essential as it is given (an answer or an option), with the
allowed values and close matches from catalogue.yaml."""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import os
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any, get_args

import attrs

from . import datestamps
from .model import Organisation, Record, Status
from .typespec import FORMAT_REGEX, Nullable, Obj, Seq, obj_spec
from .vocab import NATIONS

FILLED_MARK = "# filled in by adrmeta new: check"
SUMMARY_LENGTH = (50, 5000)
STATUSES: tuple[str, ...] = get_args(Status)


class Invalid(ValueError):
    """An answer that does not fit: the message says why and what would."""


@attrs.frozen
class Essential:
    key: str  # the values key ("nations" for the repeatable --nation)
    option: str  # how to give it on the command line
    prompt: str  # the question, with the allowed values
    parse: Callable[[str], Any]  # text -> value, or raises Invalid
    intro: str = ""  # shown once before the first question: the choices


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def record_id(text: str, taken: Collection[str]) -> str:
    text = text.strip()
    if not FORMAT_REGEX["id"].match(text):
        raise Invalid(
            f"'{text}' is not a record id: use lower-case letters, digits and hyphens, "
            f"starting with a letter or digit (e.g. {_fold(text).replace(' ', '-') or 'my-dataset'})."
        )
    if text in taken:
        raise Invalid(f"the id '{text}' is already used by a record or draft; choose another.")
    return text


def title(text: str) -> str:
    text = text.strip()
    if not text:
        raise Invalid("a title is needed.")
    return text


def publisher(text: str, organisations: Sequence[Organisation]) -> str:
    """An organisation key, from its key, name or acronym (any case); else the close matches."""
    wanted = _fold(text)
    if not wanted:
        raise Invalid("a publisher is needed: an organisation key from catalogue.yaml.")
    names: dict[str, str] = {}
    for org in organisations:
        for name in (org.id, org.name, org.acronym):
            if name:
                names.setdefault(_fold(name), org.id)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    close += [n for n in names if wanted in n and n not in close]
    keys = list(dict.fromkeys(names[n] for n in close))[:5]
    by_id = {o.id: o for o in organisations}
    hint = (
        (" Did you mean " + " or ".join(f"'{k}' ({by_id[k].name})" for k in keys) + "?")
        if keys
        else " Add the organisation to catalogue.yaml first if it is not there."
    )
    raise Invalid(f"'{text.strip()}' is not an organisation in catalogue.yaml.{hint}")


def status(text: str) -> str:
    text = text.strip().lower()
    if text not in STATUSES:
        raise Invalid(f"'{text}' is not a status: use one of {', '.join(STATUSES)}.")
    return text


NATION_NAMES = {_fold(name): code for code, (_ons, name) in NATIONS.items()}


def nations(text: str) -> list[str]:
    """Nation codes from codes or names, separated by spaces or commas ("GB-ENG, Wales")."""
    folded = f" {_fold(text)} "
    found: list[str] = []
    for name in sorted(NATION_NAMES, key=len, reverse=True):  # "northern ireland" before any shorter name
        if f" {name} " in folded:
            found.append(NATION_NAMES[name])
            folded = folded.replace(f" {name} ", " ")
    for word in folded.split():
        if word in ("gb", "and"):  # "GB-ENG" folds to "gb eng"; "England and Wales"
            continue
        code = f"GB-{word.upper()}"
        if code not in NATIONS:
            given = next((w for w in re.split(r"[\s,]+", text) if _fold(w).strip() == word), word)  # as typed
            raise Invalid(
                f"'{given}' is not a UK nation: use "
                + ", ".join(f"{c} ({n})" for c, (_o, n) in NATIONS.items())
                + " (several: separated by spaces or commas, or one --nation each)."
            )
        found.append(code)
    if not found:
        raise Invalid("at least one nation is needed.")
    return list(dict.fromkeys(sorted(found, key=list(NATIONS).index)))


def summary(text: str) -> str:
    text = text.strip()
    low, high = SUMMARY_LENGTH
    if not low <= len(text) <= high:
        raise Invalid(
            f"the summary has {len(text)} characters; write {low} to {high}: what the dataset holds, "
            f"about whom, from which sources."
        )
    return text


def essentials(organisations: Sequence[Organisation], taken: Collection[str]) -> tuple[Essential, ...]:
    """The values `adrmeta new` needs, in the order asked: the id first, so a clash is known at once."""
    orgs = "\n".join(f"  {o.id:<30} {o.name}" + (f" ({o.acronym})" if o.acronym else "") for o in organisations)
    return (
        Essential(
            "id",
            "ID (the first argument)",
            "Record id, also the file name (lower-case letters, digits, hyphens, e.g. leo-2023)",
            lambda t: record_id(t, taken),
        ),
        Essential("title", "--title", "Full title", title),
        Essential(
            "publisher",
            "--publisher",
            "Publisher (an organisation's key, name or acronym)",
            lambda t: publisher(t, organisations),
            intro=f"The organisations in catalogue.yaml:\n{orgs}",
        ),
        Essential("status", "--status", f"Status ({', '.join(STATUSES)})", status),
        Essential(
            "nations",
            "--nation",
            "Nations covered ("
            + ", ".join(f"{c} {n}" for c, (_o, n) in NATIONS.items())
            + "; codes or names, separated by spaces)",
            nations,
        ),
        Essential(
            "summary", "--summary", f"Summary, {SUMMARY_LENGTH[0]} to {SUMMARY_LENGTH[1]} characters, on one line", summary
        ),
    )


SCHEMA_COMMENT = "# yaml-language-server: $schema=../schemas/record.schema.json"  # from records/ or drafts/


def schema_comment(target: Path, root: Path) -> str:
    """The editor's schema line for a record written at `target` in the repository at `root`: the
    schema's path relative to the file (yaml-language-server resolves it from the file's folder),
    or a file: URL for a file outside the repository (a relative path out of it would break as
    soon as either moves; a URL also survives spaces in the path)."""
    schema = Path(os.path.abspath(root / "schemas" / "record.schema.json"))
    folder = Path(os.path.abspath(target)).parent
    if folder.is_relative_to(schema.parent.parent):
        return f"# yaml-language-server: $schema={Path(os.path.relpath(schema, folder)).as_posix()}"
    return f"# yaml-language-server: $schema={schema.as_uri()}"


def _yaml_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings and lists are valid YAML


def _example(spec: Any) -> str:
    spec = spec.inner if isinstance(spec, Nullable) else spec
    if isinstance(spec, Seq):
        return "[]"
    if isinstance(spec, Obj):
        return "{}"
    return ""


def _commented_item(spec: Any, indent: str) -> list[str]:
    """The fields of a list item or nested object, commented, one level deep."""
    spec = spec.inner if isinstance(spec, Nullable) else spec
    item = spec.item if isinstance(spec, Seq) else spec
    if not isinstance(item, Obj):
        return []
    lines = []
    for i, (name, field) in enumerate(item.fields.items()):
        lead = "- " if isinstance(spec, Seq) and i == 0 else "  " if isinstance(spec, Seq) else ""
        need = "required" if field.required else "optional"
        lines.append(f"#{indent}{lead}{name}:   # {need}: {field.doc}")
    return lines


def scaffold(values: dict[str, Any], today: _dt.date | None = None, schema_line: str = SCHEMA_COMMENT) -> str:
    """YAML text of a new record: `values` (id, title, summary, status, publisher, nations…) filled,
    every other field commented with its guidance; `schema_line` points editors to the schema."""
    today = today or datestamps.today()
    filled = {"modified": today.isoformat(), "data_owners": [values["publisher"]], **values}
    guessed = {k for k in ("modified", "data_owners") if k not in values}  # filled in here, not given
    nations = filled.pop("nations", [])
    out = [
        schema_line,
        "# A new record. Fill in what the sources say; leave out what they do not (no 'TBD').",
        "# Lines starting with '#' are optional fields: remove the '#' to use one. Check with `adrmeta validate`.",
        "",
    ]
    for name, field in obj_spec(Record).fields.items():
        need = "required" if field.required else "optional"
        out.append(f"# {name} ({need}): {field.doc}")
        if name == "coverage":
            out.append("coverage:")
            out.append(f"  nations: {_yaml_scalar(list(nations))}")
            out.extend(_commented_item(field.spec, "   ")[1:])
        elif name in filled:
            out.append(f"{name}: {_yaml_scalar(filled[name])}" + (f"   {FILLED_MARK}" if name in guessed else ""))
        else:
            item = _commented_item(field.spec, "   ")
            example = "" if item else _example(field.spec)  # `[]` above its items would not parse once both are uncommented
            out.append(f"# {name}: {example}".rstrip())
            out.extend(item)
        out.append("")
    return "\n".join(out)
