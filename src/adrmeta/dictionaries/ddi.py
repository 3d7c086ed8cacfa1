"""DDI Codebook 2.5 `fileDscr` and `dataDscr/var` (bare, or inside an OAI-PMH response), read with
the project's safe XML parsing (no DTD, no entities, no network).

| DDI                                                   | record                         |
|-------------------------------------------------------|--------------------------------|
| `fileDscr` (`@ID`) / `fileTxt/fileName`               | Table.name (else its `@ID`, else --table) |
| `fileTxt/fileCitation/titlStmt/titl`                  | Table.label                    |
| `fileTxt/fileCont`                                    | Table.description              |
| `fileDscr/notes[@subject='Component']/@type`          | Table.component                |
| `var/@name`, `labl`, `txt`                            | Variable.name, label, description |
| `var/@files`                                          | the variable's table           |
| `var/@representationType` + `varFormat/@type`, `@category` | Variable.type (numeric is decimal: DDI does not tell whole numbers apart) |
| `varFormat` text (else `notes[@subject='Format']`), `var/@measUnit` | Variable.format, unit |
| `var/notes[@subject='Type']`                          | Variable.type, when given (it tells integer from decimal, date from datetime) |
| `var/security` (Sensitive / Not sensitive)            | Variable.sensitive             |
| `var/notes[@subject='Period']`                        | Variable.period                |
| `catgry/catValu`, `catgry/labl`, `catgry/@missing='Y'`| Variable.codes                 |
| `sumStat`, `qstn`, `universe`, `location`             | not read                       |
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import vocab
from ..importers.source import fatal, local_name
from ..model import Code, Dictionary, Table, Variable
from ..report import Issue, Location
from .rows import Read, type_word

if TYPE_CHECKING:
    from lxml import etree

    from ..importers.source import Source
    from . import Options

# (representationType, varFormat category) -> type; a missing category is ''
_TYPES = {
    ("text", ""): "string",
    ("code", ""): "code",
    ("numeric", ""): "decimal",
    ("datetime", "date"): "date",
    ("datetime", "time"): "time",
    ("datetime", ""): "datetime",
}
_STORAGE = {"character": "string", "numeric": "decimal"}
_SENSITIVE = {"sensitive": True, "not sensitive": False}


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if local_name(c) == name]


_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")  # a blank line, perhaps with spaces


def _text(el: Any, *path: str) -> str | None:
    for name in path:
        found = _children(el, name)
        if not found:
            return None
        el = found[0]
    return tidy("".join(el.itertext())) or None


def tidy(text: str) -> str:
    """Spaces and line breaks inside a paragraph are layout, collapsed; a blank line between
    paragraphs is meaning (the DDI export writes a description's paragraphs so), kept as one."""
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _notes(el: Any, subject: str) -> Any:
    return next((n for n in _children(el, "notes") if n.get("subject") == subject), None)


def _table(fd: Any) -> dict[str, Any]:
    note = _notes(fd, "Component")
    fields = {
        "name": _text(fd, "fileTxt", "fileName") or fd.get("ID"),
        "label": _text(fd, "fileTxt", "fileCitation", "titlStmt", "titl"),
        "description": _text(fd, "fileTxt", "fileCont"),
        "component": note.get("type") if note is not None else None,
    }
    return {k: v for k, v in fields.items() if v}


def _type(var: Any) -> str | None:
    stated = _notes(var, "Type")
    if stated is not None and (word := type_word("".join(stated.itertext()))):
        return word
    fmt = _children(var, "varFormat")
    storage = fmt[0].get("type") if fmt else None
    category = (fmt[0].get("category") if fmt else None) or ""
    formatname = type_word(fmt[0].get("formatname") or "") if fmt else None
    rep = var.get("representationType")
    if formatname:
        return formatname
    if rep == "numeric" and var.get("dcml") == "0":
        return "integer"  # no decimal places: whole numbers
    if rep:
        return _TYPES.get((rep, category if rep == "datetime" else ""))
    return _STORAGE.get(storage or "")


def _variable(var: Any) -> Variable:
    codes = tuple(
        Code(value=value, label=_text(c, "labl"), missing=c.get("missing") == "Y")
        for c in _children(var, "catgry")
        if (value := _text(c, "catValu")) is not None
    )
    fmt = _children(var, "varFormat")
    period, written = _notes(var, "Period"), _notes(var, "Format")
    security = (_text(var, "security") or "").lower()
    fields: dict[str, Any] = {
        "label": _text(var, "labl"),
        "description": _text(var, "txt"),
        "type": _type(var),
        "format": (_text(fmt[0]) if fmt else None) or (_text(written) if written is not None else None),
        "unit": var.get("measUnit"),
        "sensitive": _SENSITIVE.get(security),
        "period": " ".join("".join(period.itertext()).split()) or None if period is not None else None,
    }
    return Variable(name=var.get("name"), codes=codes, **{k: v for k, v in fields.items() if v is not None})


def _code_book(root: etree._Element, source: Source) -> Any:
    if local_name(root) == "codeBook":
        return root
    found = next((el for el in root.iter() if local_name(el) == "codeBook"), None)
    if found is None:
        raise fatal(
            "import.wrong-root",
            source.display,
            f"the root element is <{local_name(root)}>, not a DDI <codeBook>.",
            "Give a DDI Codebook 2.5 file (or an OAI-PMH response holding one).",
            root.sourceline,
            1,
        )
    return found


def read(source: Source, options: Options) -> Read:
    book = _code_book(source.xml(), source)
    tables: dict[str, dict[str, Any]] = {}
    for fd in _children(book, "fileDscr"):
        tables[fd.get("ID") or f"#{len(tables)}"] = {**_table(fd), "variables": []}
    issues: list[Issue] = []
    for dd in _children(book, "dataDscr"):
        for var in _children(dd, "var"):
            ref = (var.get("files") or "").split()
            key = ref[0] if ref else (next(iter(tables)) if len(tables) == 1 else None)
            if key is None or key not in tables:
                if not options.table:
                    issues.append(
                        Issue(
                            code="import.no-dataset",
                            path="",
                            location=Location(file=source.display, line=var.sourceline, column=1),
                            message=f"the variable '{var.get('name')}' names no file (fileDscr) it belongs to.",
                            fix="Name the table its variables belong to with --table.",
                        )
                    )
                    return Read(None, issues)
                key = options.table
                tables.setdefault(key, {"name": key, "variables": []})
            if var.get("name"):
                tables[key]["variables"].append(_variable(var))
    if not any(t["variables"] for t in tables.values()):
        return Read(
            None,
            [
                Issue(
                    code="import.no-dataset",
                    message="the DDI file describes no variables (dataDscr/var).",
                    fix="Import a DDI Codebook with a dataDscr section.",
                    location=Location(file=source.display, line=book.sourceline, column=1),
                )
            ],
        )
    about = {
        field: text
        for dd in _children(book, "dataDscr")
        for subject, field in vocab.DDI_DICTIONARY_NOTES.items()
        if (note := _notes(dd, subject)) is not None and (text := _text(note))
    }
    return Read(
        Dictionary(
            **about, tables=tuple(Table(**{**t, "variables": tuple(t["variables"])}) for t in tables.values() if t.get("name"))
        )
    )
