"""An input file read safely: size limit, UTF-8, and parsing that reports file:line:column.

XML goes through `conform.xmlsafe.safe_parser` (no entities, no DTD, no network) after a check
that refuses any DOCTYPE or ENTITY declaration outright; YAML refuses anchors and aliases (no
alias bombs); JSON nesting is bounded by the parser. A problem raises `Fatal` with a located
`Issue`; the importers package turns it into a report entry and writes nothing for that input.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from .. import yamlerror
from ..conform.xmlsafe import safe_parser
from ..jsonplaces import JsonPlaces
from ..report import Issue, Location

MAX_BYTES = 256 * 1024 * 1024  # a whole catalogue of 10,000 datasets is about 80 MB of JSON-LD


class Fatal(Exception):
    """An input that cannot be imported at all; carries the located issue."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def fatal(code: str, file: str, message: str, fix: str, line: int | None = None, column: int | None = None) -> Fatal:
    return Fatal(Issue(code=code, message=message, fix=fix, location=Location(file=file, line=line, column=column)))


def line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


_DECL = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
# The root element of RDF/XML: rdf:RDF with the RDF namespace declared (any prefix).
_RDF_ROOT = re.compile(
    rb"^(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*<([A-Za-z_][\w.-]*:)?RDF[\s>][^>]*"
    rb"http://www\.w3\.org/1999/02/22-rdf-syntax-ns#",
    re.DOTALL,
)


# Markup in document order: comments, CDATA, processing instructions and declarations are skipped
# whole; group 1 is a start (or empty-element) tag, whose quoted attribute values may hold '>'.
_MARKUP = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<![^>]*>"
    rb"""|(<[^\s/!?<>]+(?:\s+[^\s=/<>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>)""",
    re.DOTALL,
)


def element_starts(data: bytes) -> dict[int, tuple[int, int]]:
    """Where start tags begin (line, column in characters), keyed by the line each one ends on:
    that is the line lxml gives an element (its `sourceline`), and libxml2 gives no column. Where
    several start tags end on one line, the first is kept."""
    starts: dict[int, tuple[int, int]] = {}
    line, pos = 1, 0
    for m in _MARKUP.finditer(data):
        line += data.count(b"\n", pos, m.start())
        pos = m.start()
        if m.group(1) is not None:
            lead = data[data.rfind(b"\n", 0, pos) + 1 : pos].decode("utf-8", "replace").lstrip("\ufeff")
            starts.setdefault(line + m.group(1).count(b"\n"), (line, len(lead) + 1))
    return starts


def yaml_marks(text: str) -> dict[str, tuple[int, int]]:
    """Where each value of a (safe, already read) YAML text starts, by JSON pointer as `_located`
    in cddo.py gives them: a single document's from the root, else `/i` for the i-th non-empty
    document (a list in it `/i/j`). A mapping entry is at its key; (line, column), 1-based."""
    out: dict[str, tuple[int, int]] = {}
    docs = [
        n for n in yaml.compose_all(text, Loader=yamlerror.FAST_LOADER) if n is not None and n.tag != "tag:yaml.org,2002:null"
    ]
    single = len(docs) == 1 and not isinstance(docs[0], yaml.SequenceNode)
    todo: list[tuple[str, Any, Any]] = [("" if single else f"/{i}", n, n.start_mark) for i, n in enumerate(docs)]
    while todo:
        ptr, node, mark = todo.pop()
        out[ptr] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value).replace("~", "~0").replace("/", "~1")
                todo.append((f"{ptr}/{name}", value, key.start_mark))
        elif isinstance(node, yaml.SequenceNode):
            todo.extend((f"{ptr}/{j}", item, item.start_mark) for j, item in enumerate(node.value))
    return out


class Source:
    """One input file: bytes, text and its parsed form, each made once on demand."""

    def __init__(self, path: Path, display: str, data: bytes) -> None:
        self.path = path
        self.display = display
        self.data = data
        self._text: str | None = None
        self._parsed: dict[str, Any] = {}
        self.parsed = self._parsed  # parsed forms importers add (an RDF graph), made once per file
        self.notes: list[tuple[str, int | None, str]] = []  # (code, line, message) about the file as a whole

    @classmethod
    def read(cls, path: Path, display: str, max_bytes: int = MAX_BYTES) -> Source:
        try:
            if not path.exists():
                raise fatal("file.not-found", display, f"{display} does not exist.", "Check the path.")
            if not path.is_file():
                raise fatal("file.unreadable", display, f"{display} is not a regular file.", "Give the path of a file to import.")
            size = path.stat().st_size
            if size > max_bytes:
                raise fatal(
                    "file.too-large",
                    display,
                    f"{display} is {size:,} bytes; imports are read up to {max_bytes:,}.",
                    "Split the file, or raise the limit with --max-size if it really is one catalogue.",
                )
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise fatal(
                "file.unreadable", display, f"{display} cannot be read: {exc.strerror or exc}.", "Check the file's permissions."
            ) from None
        if len(data) > max_bytes:
            raise fatal(
                "file.too-large",
                display,
                f"{display} is larger than {max_bytes:,} bytes.",
                "Split the file, or raise the limit with --max-size.",
            )
        return cls(path, display, data)

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                self._text = self.data.decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                line = self.data.count(b"\n", 0, exc.start) + 1
                column = exc.start - (self.data.rfind(b"\n", 0, exc.start) + 1) + 1
                raise fatal(
                    "file.encoding",
                    self.display,
                    f"byte 0x{self.data[exc.start]:02x} is not valid UTF-8.",
                    "Save the file as UTF-8.",
                    line,
                    column,
                ) from None
        return self._text

    def kind(self) -> str:
        """xml, rdfxml, json, turtle, yaml or unknown, from the first characters and the file name."""
        head = self.data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
        suffix = self.path.suffix.lower()
        if head.startswith(b"<"):
            return "rdfxml" if _RDF_ROOT.search(head) else "xml"
        if head.startswith((b"{", b"[")) and suffix not in (".yaml", ".yml"):
            return "json"
        if suffix in (".ttl", ".n3") or re.match(rb"(@prefix|@base|prefix\s|base\s)", head, re.IGNORECASE):
            return "turtle"
        if suffix in (".yaml", ".yml"):
            return "yaml"
        if head.startswith(b"---") or re.match(rb"[A-Za-z_]+:\s", head):
            return "yaml"
        return "unknown"

    def json(self) -> Any:
        if "json" not in self._parsed:
            text = self.text
            try:
                self._parsed["json"] = json.loads(text)
            except json.JSONDecodeError as exc:
                what = (
                    "the JSON ends too early (truncated file?)"
                    if exc.pos >= len(text.rstrip())
                    else f"JSON syntax error: {exc.msg}"
                )
                raise fatal(
                    "import.malformed",
                    self.display,
                    f"{what}.",
                    "Fix the JSON at this position, or export it again.",
                    exc.lineno,
                    exc.colno,
                ) from None
            except RecursionError:
                raise fatal(
                    "import.malformed",
                    self.display,
                    "JSON nesting is too deep to be catalogue metadata.",
                    "Remove the deeply nested brackets.",
                    1,
                    1,
                ) from None
        return self._parsed["json"]

    def json_position(self, pointer: str) -> tuple[int, int] | None:
        """The line and column (in characters) where the JSON value at `pointer` starts (an object
        member at its key), or None when the pointer is not in the file. The positions are found
        once per file, when a finding first asks."""
        if "json_places" not in self._parsed:
            self._parsed["json_places"] = JsonPlaces(self.text)
        places: JsonPlaces = self._parsed["json_places"]
        return places.at(pointer)

    def position(self, pointer: str) -> tuple[int, int] | None:
        """Where the value at `pointer` starts in a JSON or YAML file (see `json_position`)."""
        kind = self.kind()
        if kind == "json":
            return self.json_position(pointer)
        if kind == "yaml":
            if "yaml_marks" not in self._parsed:
                self._parsed["yaml_marks"] = yaml_marks(self.text)
            found: tuple[int, int] | None = self._parsed["yaml_marks"].get(pointer)
            return found
        return None

    def element_start(self, line: int) -> tuple[int, int | None]:
        """The line and column where the element lxml places on `line` starts (see element_starts)."""
        if "element_starts" not in self._parsed:
            self._parsed["element_starts"] = element_starts(self.data)
        found: tuple[int, int] | None = self._parsed["element_starts"].get(line)
        return found or (line, None)

    def xml(self) -> etree._Element:
        if "xml" not in self._parsed:
            m = _DECL.search(self.data)
            if m:
                line = self.data.count(b"\n", 0, m.start()) + 1
                column = m.start() - (self.data.rfind(b"\n", 0, m.start()) + 1) + 1
                raise fatal(
                    "import.unsafe",
                    self.display,
                    f"the XML declares a {m.group(1).decode().upper()}; DTDs and entities are never read "
                    "(they can expand without limit or fetch files).",
                    "Remove the DOCTYPE and ENTITY declarations; catalogue XML does not need them.",
                    line,
                    column,
                )
            try:
                self._parsed["xml"] = etree.fromstring(self.data, safe_parser())
            except etree.XMLSyntaxError as exc:
                line, column = exc.position if exc.position else (0, 0)
                raise fatal(
                    "import.malformed",
                    self.display,
                    f"XML syntax error: {exc.msg}.",
                    "Fix the XML at this position (check tags, quotes and namespace prefixes).",
                    line,
                    column,
                ) from None
        return self._parsed["xml"]

    def yaml_documents(self) -> list[Any]:
        if "yaml" not in self._parsed:
            text = self.text
            try:
                for event in yaml.parse(text, Loader=yamlerror.FAST_LOADER):
                    if isinstance(event, yaml.AliasEvent):
                        mark = event.start_mark
                        assert mark is not None
                        raise fatal(
                            "import.unsafe",
                            self.display,
                            "the YAML uses an alias (*name); aliases are not read.",
                            "Write the repeated values out in full.",
                            mark.line + 1,
                            mark.column + 1,
                        )
                docs = [d for d in yaml.load_all(text, Loader=yamlerror.FAST_LOADER) if d is not None]
            except yaml.MarkedYAMLError as exc:
                mark = exc.problem_mark or exc.context_mark
                what = yamlerror.describe(text, exc)
                raise fatal(
                    "import.malformed",
                    self.display,
                    f"YAML syntax error: {what}.",
                    "Fix the YAML at this position.",
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                ) from None
            except yaml.YAMLError as exc:
                raise fatal("import.malformed", self.display, f"YAML error: {exc}.", "Fix the YAML.") from None
            except RecursionError:
                raise fatal("import.malformed", self.display, "YAML nesting is too deep.", "Simplify the file.") from None
            self._parsed["yaml"] = docs
        parsed: list[Any] = self._parsed["yaml"]
        return parsed


def local_name(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""
