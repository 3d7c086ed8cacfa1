"""Reading record and catalogue YAML into model objects, with a location for every problem.

The only module that reads record files. libyaml composes the document into nodes (which carry
line and column); one pass then walks the nodes against the model's specs, checking and building
the frozen objects together, so the happy path costs little more than a bare libyaml load.
Hostile input (huge files, non-UTF-8, alias bombs, deep nesting, odd tags) becomes an `Issue`.
"""

from __future__ import annotations

import difflib
import gc
import os
import re
from array import array
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import attrs
import yaml

from . import model, yamlerror
from .report import Issue, Location
from .typespec import (
    FORMAT_REGEX,
    FORMAT_WORDS,
    AnyValue,
    Bool,
    Enum,
    Int,
    Nullable,
    Obj,
    Seq,
    Spec,
    Str,
    obj_spec,
)

MAX_BYTES = 1024 * 1024  # a record is a few kilobytes; a megabyte is not a record
MAX_NODES = 100_000  # nodes visited per file, aliases expanded: stops alias bombs
MAX_FLOW_INDICATORS = 5_000  # above this, measure how deep the file nests (see _shallow)
MAX_ANY_DEPTH = 50  # nesting allowed inside free-form values (variants)
# A data dictionary beside a record may describe thousands of variables with their code lists.
DICTIONARY_MAX_BYTES = 64 * 1024 * 1024
DICTIONARY_MAX_NODES = 5_000_000
# Side files: records/<id>.dictionary.yaml (or .csv) holds the record's data dictionary.
DICTIONARY_SUFFIXES = (".dictionary.yaml", ".dictionary.yml", ".dictionary.csv")
DICTIONARY_POINTER = "/dictionary"
# Line and column packed in one int: a dict of str -> int is not tracked by the garbage
# collector, a dict of tuples is. Columns fit because files are at most MAX_BYTES long.
COLUMN_BITS = 21
COLUMN_MASK = (1 << COLUMN_BITS) - 1


class _Loader(yamlerror.FAST_LOADER):  # type: ignore[misc]
    """libyaml's loader, remembering the tag of each short plain scalar: libyaml asks PyYAML's
    resolver (regular expressions in Python) for every scalar, and keys and short values repeat
    across records (an eighth of composing at 2,000 records)."""

    _tags: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or not implicit[0] or len(value) > 40:
            return super().resolve(kind, value, implicit)
        tag = self._tags.get(value)
        if tag is None:
            if len(self._tags) > 100_000:  # bounded: ids and dates are many and mostly unique
                self._tags.clear()
            tag = self._tags[value] = super().resolve(kind, value, implicit)
        return tag


T_STR = "tag:yaml.org,2002:str"
T_INT = "tag:yaml.org,2002:int"
T_FLOAT = "tag:yaml.org,2002:float"
T_BOOL = "tag:yaml.org,2002:bool"
T_NULL = "tag:yaml.org,2002:null"
T_TIMESTAMP = "tag:yaml.org,2002:timestamp"
T_MAP = "tag:yaml.org,2002:map"
T_SEQ = "tag:yaml.org,2002:seq"
STANDARD_TAGS = {T_STR, T_INT, T_FLOAT, T_BOOL, T_NULL, T_TIMESTAMP, T_MAP, T_SEQ}
TYPE_WORDS = {
    T_STR: "text",
    T_INT: "a whole number",
    T_FLOAT: "a decimal number",
    T_BOOL: "true/false",
    T_NULL: "nothing (null)",
    T_TIMESTAMP: "a date",
    T_MAP: "a mapping",
    T_SEQ: "a list",
}

_scalars = yaml.constructor.SafeConstructor()
# Characters XML 1.0 cannot represent at all: C0 controls other than tab, newline and carriage
# return, the non-characters U+FFFE and U+FFFF and lone surrogates (all reachable through YAML's
# \u escapes); and DEL, which no record needs.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
INVALID: Any = object()  # marks a value that failed; its issues are already recorded


def escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class Marks:
    """JSON pointer -> packed line and column, for one file, kept compactly: the pointers as one
    newline-separated text and the positions as an array (about a fifth of a dict's memory, which
    at 10,000 records was half of all that loading kept). A look-up scans the text, which is fine
    for locating the few issues a file has."""

    __slots__ = ("_pointers", "_packed", "_odd")

    def __init__(self, marks: Mapping[str, int] | None = None) -> None:
        marks = marks or {}
        plain = [p for p in marks if "\n" not in p]
        self._pointers = "\n" + "".join(p + "\n" for p in plain)
        self._packed = array("q", [marks[p] for p in plain])
        self._odd = {p: v for p, v in marks.items() if "\n" in p}  # a key with a line break in it

    def get(self, pointer: str) -> int | None:
        if "\n" in pointer:
            return self._odd.get(pointer)
        at = self._pointers.find("\n" + pointer + "\n")
        return None if at < 0 else self._packed[self._pointers.count("\n", 0, at)]

    def __len__(self) -> int:
        return len(self._packed) + len(self._odd)


def _compact(marks: Marks | Mapping[str, int]) -> Marks:
    return marks if isinstance(marks, Marks) else Marks(marks)


@attrs.frozen
class SourceFile:
    """A file as read: its display path and where each JSON pointer's value (and key) starts.

    A compact index rather than the YAML node tree: holding thousands of node trees would make
    memory, and the garbage collector's work, grow with every record loaded.
    """

    path: str
    marks: Marks = attrs.field(factory=Marks, converter=_compact)  # pointer -> packed line and column
    key_marks: Marks = attrs.field(factory=Marks, converter=_compact)  # the same for mapping keys
    parts: dict[str, SourceFile] = attrs.field(factory=dict)  # pointer -> the side file holding that value

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        """Line and column of `pointer` (of its key when `key`), or of its nearest ancestor;
        a value kept in a side file (the data dictionary) is located in that file."""
        for prefix, part in self.parts.items():
            if pointer == prefix or pointer.startswith(prefix + "/"):
                return part.locate(pointer, key=key)
        packed = self.key_marks.get(pointer) if key else None
        if packed is not None:
            return self._at(packed)
        while True:
            packed = self.marks.get(pointer)
            if packed is not None:
                return self._at(packed)
            if not pointer:
                return Location(file=self.path)
            pointer = pointer.rsplit("/", 1)[0]

    def _at(self, packed: int) -> Location:
        return Location(file=self.path, line=packed >> COLUMN_BITS, column=packed & COLUMN_MASK)


@attrs.define
class Loaded:
    """One file read into a model object (or None when it could not be built)."""

    file: SourceFile
    value: Any
    issues: list[Issue]
    refs: list[tuple[str, str, str]]  # (kind, key, pointer) for every reference field


def _issue(
    code: str,
    message: str,
    fix: str,
    file: str,
    path: str = "",
    line: int | None = None,
    column: int | None = None,
    record: str | None = None,
) -> Issue:
    return Issue(
        code=code, message=message, fix=fix, record=record, path=path, location=Location(file=file, line=line, column=column)
    )


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def read_text(path: Path, display: str, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Issue]]:
    """The file's text, or the issue that stopped it being read."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            return None, [
                _issue(
                    "file.unreadable",
                    f"{display} is not a regular file.",
                    "Give the path of a .yaml file or a folder of them.",
                    display,
                )
            ]
        if size > max_bytes:
            return None, [
                _issue(
                    "file.too-large",
                    f"{display} is {size:,} bytes; such files are read up to {max_bytes:,}.",
                    "Split the file or remove what is not record metadata.",
                    display,
                )
            ]
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        return None, [_issue("file.not-found", f"{display} does not exist.", "Check the path.", display)]
    except OSError as exc:
        return None, [
            _issue(
                "file.unreadable", f"{display} cannot be read: {exc.strerror or exc}.", "Check the file's permissions.", display
            )
        ]
    if len(data) > max_bytes:  # grew while we looked
        return None, [
            _issue(
                "file.too-large",
                f"{display} is larger than {max_bytes:,} bytes.",
                "Split the file or remove what is not record metadata.",
                display,
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            _issue(
                "file.encoding",
                f"byte 0x{data[exc.start]:02x} is not valid UTF-8.",
                "Save the file as UTF-8.",
                display,
                line=line,
                column=column,
            )
        ]
    return text.removeprefix("\ufeff"), []


class _DepthLimitedLoader(yaml.SafeLoader):
    """PyYAML's pure-Python loader, raising RecursionError as soon as nodes nest past MAX_SAFE_DEPTH:
    its scanner's work grows with the square of the flow depth, so waiting for Python's own
    recursion limit (some 500 levels) took the best part of a second per hostile file."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.depth >= MAX_SAFE_DEPTH:
            raise RecursionError(f"YAML nodes nested more than {MAX_SAFE_DEPTH} deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(text: str) -> Any:
    # libyaml's composer recurses in C and crashes the process on very deep nesting; a file that
    # may nest deeply goes to the pure-Python composer, which raises RecursionError instead.
    loader = _Loader if _shallow(text) else _DepthLimitedLoader
    return yaml.compose(text, Loader=loader)


_LEADING = re.compile(r"^[ \t?-]*", re.M)
_FLOW = re.compile(r"[\[\]{}]")
MAX_SAFE_DEPTH = 200  # flow brackets libyaml may nest
MAX_SAFE_LEAD = 2_000  # indentation and compact "- - -" before a line's first value


def _shallow(text: str) -> bool:
    """Whether libyaml can compose `text` without deep recursion: a record-sized file with few
    nesting indicators (its indentation cannot nest deeply within MAX_BYTES), or else (a
    dictionary of thousands of list items) flow brackets nested at most MAX_SAFE_DEPTH deep and
    no line starting with more than MAX_SAFE_LEAD blanks and dashes."""
    indicators = text.count("[") + text.count("{") + text.count("- ") + text.count("? ") + text.count("-\t")
    if indicators <= MAX_FLOW_INDICATORS and len(text) <= MAX_BYTES:
        return True
    depth = 0
    for m in _FLOW.finditer(text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_SAFE_DEPTH:
            return False
    return max(map(len, _LEADING.findall(text)), default=0) <= MAX_SAFE_LEAD


def _too_deep_at(text: str, limit: int = 200) -> int:
    """Where flow brackets first nest past `limit`, else the start of the line with most dashes."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > limit:
                return i
        elif ch in "]}":
            depth -= 1
    lines = text.split("\n")
    worst = max(range(len(lines)), key=lambda n: lines[n].count("- "))
    return sum(len(x) + 1 for x in lines[:worst])


def _yaml_hint(text: str, exc: yaml.MarkedYAMLError) -> str:
    """What the usual causes of a YAML syntax error mean to someone editing a record: a tab, or a
    colon followed by a space inside an unquoted value."""
    mark = exc.problem_mark
    lines = text.split("\n")
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        return " (a tab cannot indent YAML: use spaces)"
    if "mapping values are not allowed" in (exc.problem or ""):
        return " (quote values that contain ': ', e.g. title: \"Data First: the courts\")"
    return ""


def parse_yaml(text: str, display: str) -> tuple[Any, list[Issue]]:
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = yamlerror.describe(text, exc)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return None, [
            _issue(
                "yaml.syntax",
                f"YAML syntax error: {what}{_yaml_hint(text, exc)}.",
                "Fix the YAML at this position (check indentation, colons and quotes).",
                display,
                line=line,
                column=column,
            )
        ]
    except yaml.reader.ReaderError as exc:
        line, column = _line_col(text, exc.position)
        return None, [
            _issue(
                "yaml.syntax",
                f"character #x{exc.character:04x} is not allowed in YAML."
                if isinstance(exc.character, int)
                else f"YAML reader error: {exc.reason}.",
                "Remove the control character.",
                display,
                line=line,
                column=column,
            )
        ]
    except yaml.YAMLError as exc:
        return None, [_issue("yaml.syntax", f"YAML error: {exc}.", "Fix the YAML.", display)]
    except RecursionError:
        line, column = _line_col(text, _too_deep_at(text))
        return None, [
            _issue(
                "yaml.too-deep",
                "YAML nesting is too deep to be a record.",
                "Remove the deeply nested brackets or dashes.",
                display,
                line=line,
                column=column,
            )
        ]
    if node is None:
        return None, [
            _issue(
                "file.empty",
                "the file holds no YAML document.",
                "Write the record, or start from `adrmeta new`.",
                display,
                line=1,
                column=1,
            )
        ]
    return node, []


def _alias_bomb(root: Any, limit: int = MAX_NODES) -> Any:
    """The anchored node whose repeats expand the document past `limit` values (or that holds
    itself), or None. Counts every node as often as aliases repeat it, without expanding
    anything: each distinct node is visited once, so a bomb costs no more than its text."""
    size: dict[int, int] = {}
    pending: set[int] = set()
    repeated: list[Any] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            size[key] = 1
            continue
        if not done:
            if key in pending:
                return node  # an alias inside its own anchor: endless
            if key in size:
                repeated.append(node)
                continue
        children = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
        if done:
            pending.discard(key)
            size[key] = min(limit + 1, 1 + sum(size[id(child)] for child in children))
            continue
        pending.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    if size[id(root)] <= limit:
        return None
    return max(repeated, key=lambda n: size[id(n)], default=root)


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


class _Converter:
    """Walks one file's nodes against specs, recording issues and references."""

    dispatch: ClassVar[dict[type, Callable[..., Any]]]  # spec type -> method, set below the class

    def __init__(self, display: str, max_nodes: int = MAX_NODES) -> None:
        self.display = display
        self.max_nodes = max_nodes
        self.issues: list[Issue] = []
        self.refs: list[tuple[str, str, str]] = []
        self.nodes = 0
        self.record: str | None = None
        self.marks: dict[str, int] = {}
        self.key_marks: dict[str, int] = {}

    def fail(self, code: str, node: Any, path: str, message: str, fix: str) -> Any:
        mark = node.start_mark
        self.issues.append(
            Issue(
                code=code,
                message=message,
                fix=fix,
                record=self.record,
                path=path,
                location=Location(file=self.display, line=mark.line + 1, column=mark.column + 1),
            )
        )
        return INVALID

    def wrong_type(self, node: Any, path: str, want: str) -> Any:
        got = TYPE_WORDS.get(node.tag, "a value")
        fix = "Put the value in quotes." if want == "text" and isinstance(node, yaml.ScalarNode) else f"Write {want} here."
        return self.fail("schema.type", node, path, f"expected {want}, found {got}.", fix)

    def too_many(self, node: Any, path: str) -> Any:
        """Past max_nodes values (aliases expanded): report the alias bomb once, then give up."""
        if self.nodes == self.max_nodes:
            self.fail(
                "yaml.alias-bomb",
                node,
                path,
                f"the file expands to more than {self.max_nodes:,} values.",
                "Remove YAML anchors and aliases (& and *) that repeat large blocks.",
            )
        return INVALID

    def convert(self, node: Any, spec: Spec, path: str) -> Any:
        # The hot path of loading: kept flat, with a table dispatch on the spec's type.
        self.nodes += 1
        if self.nodes >= self.max_nodes:
            return self.too_many(node, path)
        mark = node.start_mark
        self.marks[path] = ((mark.line + 1) << COLUMN_BITS) | (mark.column + 1)
        tag = node.tag
        if tag not in STANDARD_TAGS:
            return self.fail(
                "yaml.tag", node, path, f"the YAML tag {tag} is not allowed.", "Remove the tag; records use plain YAML values."
            )
        if type(spec) is Nullable:
            if tag == T_NULL:
                return None
            spec = spec.inner
        elif tag == T_NULL:
            return self.fail(
                "schema.type", node, path, "a value is needed here, found nothing (null).", "Fill in the value or remove the key."
            )
        return self.dispatch[type(spec)](self, node, spec, path)

    def convert_enum(self, node: Any, spec: Enum, path: str) -> Any:
        if node.tag != T_STR or node.value not in spec.values:
            shown = node.value if isinstance(node, yaml.ScalarNode) else TYPE_WORDS.get(node.tag)
            return self.fail(
                "schema.enum",
                node,
                path,
                f"'{shown}' is not one of: {', '.join(spec.values)}.",
                "Use one of the listed words." + _did_you_mean(str(shown), spec.values),
            )
        return node.value

    def convert_int(self, node: Any, spec: Int, path: str) -> Any:
        if node.tag != T_INT:
            return self.wrong_type(node, path, "a whole number")
        return _scalars.construct_yaml_int(node)

    def convert_bool(self, node: Any, spec: Bool, path: str) -> Any:
        if node.tag != T_BOOL:
            return self.wrong_type(node, path, "true or false")
        return _scalars.construct_yaml_bool(node)

    def convert_anything(self, node: Any, spec: AnyValue, path: str) -> Any:
        return self.convert_any(node, path, 0)

    def convert_str(self, node: Any, spec: Str, path: str) -> Any:
        fmt = spec.fmt
        dated = fmt in ("partial-date", "date")
        if node.tag == T_STR or (dated and node.tag in (T_TIMESTAMP, T_INT)):
            value = node.value.strip()
        else:
            return self.wrong_type(node, path, "text" if fmt is None else FORMAT_WORDS[fmt])
        if not value:
            return self.fail("schema.empty", node, path, "the text is empty.", "Fill in the value or remove the key.")
        if self.text_without_control(node, path, value) is INVALID:
            return INVALID
        if fmt is not None:
            if not FORMAT_REGEX[fmt].match(value):
                return self.fail(
                    "schema.format", node, path, f"'{value}' is not {FORMAT_WORDS[fmt]}.", f"Write {FORMAT_WORDS[fmt]}."
                )
            if dated and not _real_date(value):
                return self.fail("schema.date", node, path, f"{value} is not a real date.", "Check the day and month.")
        if spec.ref is not None:
            self.refs.append((spec.ref, value, path))
        return value

    def text_without_control(self, node: Any, path: str, value: str) -> Any:
        """`value`, or INVALID (with the issue) when it holds a character XML cannot carry."""
        bad = FORBIDDEN_CHARS.search(value)
        if bad:
            return self.fail(
                "schema.control-character",
                node,
                path,
                f"the text holds the control character U+{ord(bad.group()):04X}, which XML cannot carry.",
                "Remove the control character (it usually comes from a \\x or \\u escape or a paste).",
            )
        return value

    def convert_seq(self, node: Any, spec: Seq, path: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.wrong_type(node, path, "a list")
        out, ok, seen = [], True, set()
        for i, item in enumerate(node.value):
            value = self.convert(item, spec.item, f"{path}/{i}")
            if value is INVALID:
                ok = False
                continue
            if isinstance(value, str):
                if value in seen:
                    self.fail(
                        "schema.duplicate-item", item, f"{path}/{i}", f"'{value}' is listed twice.", "Remove the repeated item."
                    )
                seen.add(value)
            out.append(value)
        return tuple(out) if ok else INVALID

    def mapping_items(self, node: Any, path: str) -> Any:
        """Key/value node pairs of a mapping, with duplicate and non-text keys reported."""
        seen: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode) or knode.tag not in (T_STR, T_INT, T_BOOL, T_NULL):
                self.fail("schema.type", knode, path, "a mapping key must be plain text.", "Use a plain word as the key.")
                continue
            key = knode.value
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.fail(
                    "yaml.duplicate-key",
                    knode,
                    f"{path}/{escape(key)}",
                    f"'{key}' appears twice in this mapping (first on line {first}).",
                    "Keep one of the two and delete the other.",
                )
                continue
            seen[key] = knode
            yield knode, key, vnode

    def convert_obj(self, node: Any, spec: Obj, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            return self.wrong_type(node, path, "a mapping of fields")
        fields, kwargs, ok = spec.fields, {}, True
        for knode, key, vnode in self.mapping_items(node, path):
            sub = f"{path}/{escape(key)}"
            mark = knode.start_mark
            self.key_marks[sub] = ((mark.line + 1) << COLUMN_BITS) | (mark.column + 1)
            field = fields.get(key)
            if field is None:
                self.fail(
                    "schema.unknown-key",
                    knode,
                    sub,
                    f"'{key}' is not a field of {_noun(spec)}.",
                    "Remove or rename the key." + _did_you_mean(key, fields),
                )
                ok = False
                continue
            if vnode.tag == T_NULL and not field.required:
                continue  # an optional field left empty means "not given"
            value = self.convert(vnode, field.spec, sub)
            if value is INVALID:
                ok = False
            elif value is not None:
                kwargs[key] = value
        for name, field in fields.items():
            if (
                field.required
                and name not in kwargs
                and not any(k.value == name for k, _ in node.value if isinstance(k, yaml.ScalarNode))
            ):
                self.fail(
                    "schema.required", node, f"{path}/{name}", f"{_noun(spec)} needs '{name}': {field.doc}", f"Add '{name}'."
                )
                ok = False
        return spec.cls(**kwargs) if ok else INVALID

    def convert_any(self, node: Any, path: str, depth: int) -> Any:
        """A free-form value (a variant's): plain YAML, bounded in size and depth. `node` is counted."""
        if depth > MAX_ANY_DEPTH:
            return self.fail("yaml.too-deep", node, path, "this value is nested too deeply.", "Simplify the value.")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            pairs = (
                [(key, vnode, f"{path}/{escape(key)}") for _k, key, vnode in self.mapping_items(node, path)]
                if isinstance(node, yaml.MappingNode)
                else [(i, item, f"{path}/{i}") for i, item in enumerate(node.value)]
            )
            values = []
            for key, child, sub in pairs:
                self.nodes += 1
                value = self.too_many(child, sub) if self.nodes >= self.max_nodes else self.convert_any(child, sub, depth + 1)
                if value is INVALID:
                    return INVALID  # a bad part makes the whole value bad, never a sentinel inside it
                values.append((key, value))
            return dict(values) if isinstance(node, yaml.MappingNode) else [v for _k, v in values]
        if node.tag not in STANDARD_TAGS:
            return self.fail(
                "yaml.tag",
                node,
                path,
                f"the YAML tag {node.tag} is not allowed.",
                "Remove the tag; records use plain YAML values.",
            )
        if node.tag in (T_STR, T_TIMESTAMP):
            return self.text_without_control(node, path, node.value)
        return _scalars.construct_object(node)


_Converter.dispatch = {
    Str: _Converter.convert_str,
    Obj: _Converter.convert_obj,
    Seq: _Converter.convert_seq,
    Enum: _Converter.convert_enum,
    Int: _Converter.convert_int,
    Bool: _Converter.convert_bool,
    AnyValue: _Converter.convert_anything,
}


def _noun(spec: Obj) -> str:
    return "a record" if spec.cls is model.Record else f"a {spec.cls.__name__}"


_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _real_date(value: str) -> bool:
    parts = value.split("-")
    if len(parts) < 3:
        return True
    year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= (_DAYS[month - 1] if month != 2 else (29 if leap else 28))


def _root_id(node: Any) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == "id" and v.tag == T_STR:
                return str(v.value)
    return None


def load_file(
    path: Path,
    cls: type,
    display: str | None = None,
    *,
    base: str = "",
    record: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_nodes: int = MAX_NODES,
) -> Loaded:
    """Read one YAML file as an instance of `cls` (Record, Catalogue, or a Dictionary kept beside
    its record: then `base` is the pointer of its place in the record and `record` the record's id)."""
    display = display or str(path)
    text, issues = read_text(path, display, max_bytes)
    if text is None:
        return Loaded(SourceFile(display), None, owned(issues, record), [])
    node, issues = parse_yaml(text, display)
    if node is None:
        return Loaded(SourceFile(display), None, owned(issues, record), [])
    if "*" in text:  # aliases: refuse a bomb before walking it (unknown keys give an issue per repeat)
        bomb = _alias_bomb(node, max_nodes)
        if bomb is not None:
            mark = bomb.start_mark
            return Loaded(
                SourceFile(display),
                None,
                [
                    _issue(
                        "yaml.alias-bomb",
                        f"YAML aliases expand the file to more than {max_nodes:,} values.",
                        "Remove YAML anchors and aliases (& and *) that repeat large blocks.",
                        display,
                        line=mark.line + 1,
                        column=mark.column + 1,
                        record=record or _root_id(node),
                    )
                ],
                [],
            )
    conv = _Converter(display, max_nodes)
    conv.record = record or _root_id(node)
    value = conv.convert(node, obj_spec(cls), base)
    file = SourceFile(display, conv.marks, conv.key_marks)
    return Loaded(file, None if value is INVALID else value, conv.issues, conv.refs)


def owned(issues: list[Issue], record: str | None) -> list[Issue]:
    return [attrs.evolve(i, record=record) for i in issues] if record else issues


def is_dictionary_file(path: Path | str) -> bool:
    """Whether `path` is a record's side file (<id>.dictionary.yaml or .csv), not a record."""
    return str(path).endswith(DICTIONARY_SUFFIXES)


def record_file_of(path: Path) -> Path:
    """The record file a side file belongs to: records/leo.dictionary.csv -> records/leo.yaml (or
    records/leo.yml when only that is there)."""
    name = path.name
    for suffix in DICTIONARY_SUFFIXES:
        if name.endswith(suffix):
            record = path.with_name(name[: -len(suffix)] + ".yaml")
            yml = record.with_suffix(".yml")
            return yml if not record.is_file() and yml.is_file() else record
    return path


def dictionary_files(record_path: Path) -> list[Path]:
    """The side files beside a record file that hold its data dictionary."""
    stem = record_path.name.rsplit(".", 1)[0]
    return [p for p in (record_path.with_name(stem + s) for s in DICTIONARY_SUFFIXES) if p.is_file()]


def load_record(path: Path, display: str | None = None) -> Loaded:
    """Read a record file, with the data dictionary kept beside it merged in as `dictionary`."""
    loaded = load_file(path, model.Record, display)
    sides = dictionary_files(path)
    return _with_dictionary(loaded, path, sides) if sides else loaded


def _with_dictionary(loaded: Loaded, path: Path, sides: list[Path]) -> Loaded:
    from .dictionaries import side

    rec = loaded.value
    rid = rec.id if rec is not None else path.name.rsplit(".", 1)[0]
    shown = [str(Path(loaded.file.path).with_name(p.name)) for p in sides]
    issues = list(loaded.issues)
    if len(sides) > 1:
        issues.append(
            _issue(
                "dictionary.given-twice",
                f"the data dictionary is kept in both {shown[0]} and {shown[1]}.",
                "Keep one of the two files.",
                shown[1],
                DICTIONARY_POINTER,
                record=rid,
            )
        )
    part = side.load(sides[0], shown[0], rid)
    issues.extend(part.issues)
    file = attrs.evolve(loaded.file, parts={DICTIONARY_POINTER: part.file})
    value = rec
    if rec is not None and rec.dictionary is not None:
        where = loaded.file.locate(DICTIONARY_POINTER, key=True)
        issues.append(
            Issue(
                code="dictionary.given-twice",
                record=rid,
                path=DICTIONARY_POINTER,
                location=where,
                message=f"the record has a dictionary of its own and {shown[0]} beside it.",
                fix=f"Keep the dictionary in {shown[0]} and remove `dictionary:` from the record.",
            )
        )
    elif rec is not None and part.value is not None:
        value = attrs.evolve(rec, dictionary=part.value)
    return Loaded(file, value, issues, [*loaded.refs, *part.refs])


def load_records(paths: Iterable[tuple[Path, str]], *, permanent: bool = False) -> list[tuple[Path, Loaded]]:
    """Load many record files, given as (path, display path) pairs: (path, loaded) for each.

    With `permanent` (the CLI, whose records live as long as the command), each record is frozen
    out of the garbage collector once loaded, after a collection so that no garbage is frozen with
    it: otherwise every full collection walks all the records loaded so far, a quarter of loading
    2,000 records and part of what follows (benchmarks/README.md). Not by default: `gc.freeze()`
    freezes every object alive, so a library caller's own objects would be kept for good too."""
    out = []
    for path, display in paths:
        out.append((path, load_record(path, display)))
        if permanent:
            gc.collect()
            gc.freeze()
    return out


def load_catalogue(path: Path, display: str | None = None) -> Loaded:
    return load_file(path, model.Catalogue, display)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


@attrs.define
class _Discovery:
    """One discover() run: where links may lead, how paths are shown, and the issues found so far."""

    issues: list[Issue]
    shown: Callable[[Path], str]
    home: str | None

    def leaves(self, path: str, bound: str | None) -> bool:
        """Whether `path` is a link out of `bound` (then reported as `file.outside`, never read)."""
        if bound is None or _within(os.path.realpath(path), bound):
            return False
        where = "the catalogue's folder" if bound == self.home else "the folder given"
        self.issues.append(
            _issue(
                "file.outside",
                f"{self.shown(Path(path))} is a link that leads outside {where}; it is not read.",
                "Keep records inside the catalogue's folder: copy the file in rather than linking to it.",
                self.shown(Path(path)),
            )
        )
        return True

    def listing_failed(self, exc: OSError) -> None:
        """A folder os.walk could not list: an issue, never a silently empty folder."""
        folder = self.shown(Path(exc.filename)) if exc.filename else "a folder"
        self.issues.append(
            _issue(
                "file.unreadable",
                f"the folder {folder} cannot be listed: {exc.strerror or exc}.",
                "Check the folder's permissions.",
                folder,
            )
        )

    def named(self, path: Path) -> list[Path]:
        """A file named outright is read where it is (a draft may live anywhere), unless it is a
        link leading out of the catalogue's folder; a side file named outright stands for its record."""
        if path.is_symlink() and self.leaves(str(path), self.home):
            return []
        if is_dictionary_file(path) and self.orphaned(path):
            return []
        return [record_file_of(path)]

    def orphaned(self, side: Path) -> bool:
        """Whether a side file has no record file beside it (reported as `dictionary.no-record`):
        a record renamed without it, whose dictionary would otherwise go unread without a word."""
        record = record_file_of(side)
        if record.is_file():
            return False
        self.issues.append(
            _issue(
                "dictionary.no-record",
                f"{self.shown(side)} is the data dictionary of no record: there is no {self.shown(record)}, so it is not read.",
                f"Rename it after the record it describes (<id>.dictionary{side.name.rsplit('.dictionary', 1)[1]},"
                " where the record is <id>.yaml), or delete it.",
                self.shown(side),
                line=1,
                column=1,
            )
        )
        return True

    def below(self, path: Path) -> list[Path]:
        """The record files below a folder, sorted, following links that stay inside it (or the catalogue's folder)."""
        top = os.path.realpath(path)
        bound = self.home if self.home is not None and _within(top, self.home) else top
        candidates: list[Path] = []
        seen = set()
        for folder, dirs, files in os.walk(path, onerror=self.listing_failed, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:  # a link back up the tree
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = [
                d for d in dirs if not (os.path.islink(os.path.join(folder, d)) and self.leaves(os.path.join(folder, d), bound))
            ]
            candidates += [
                Path(folder, f)
                for f in files
                if f.endswith((".yaml", ".yml")) and not is_dictionary_file(f) and not self.leaves(os.path.join(folder, f), bound)
            ]
            for f in sorted(files):
                if is_dictionary_file(f):
                    self.orphaned(Path(folder, f))
        candidates.sort()
        return candidates


def discover(
    paths: Iterable[Path],
    *,
    skip: Iterable[Path] = (),
    inside: Path | None = None,
    issues: list[Issue] | None = None,
    shown: Callable[[Path], str] = str,
) -> list[Path]:
    """Record files named or found below folders, sorted, each once; `skip` excludes files.

    A folder that cannot be listed is an issue (`file.unreadable`) appended to `issues`, never an
    empty folder. A link that leads out of `inside` (the catalogue's folder; for a folder named
    outside it, out of that folder) is an issue (`file.outside`) and is never read, so nothing of
    what it points at is echoed. `shown` gives a path's display form."""
    skipped = {os.path.realpath(p) for p in skip}
    run = _Discovery([] if issues is None else issues, shown, os.path.realpath(inside) if inside is not None else None)
    found: dict[str, Path] = {}
    for path in paths:
        for c in run.below(path) if path.is_dir() else run.named(path):
            real = os.path.realpath(c)
            if real not in skipped:
                found.setdefault(real, c)
    return list(found.values())
