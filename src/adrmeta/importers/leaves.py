"""Every value of a source document with a stable path: what an import must account for.

A leaf is one fact the source states: a JSON scalar (its path a JSON pointer, `/summary/abstract`),
an XML text node or attribute (`/codeBook/stdyDscr/citation/titlStmt/titl`, `[n]` counting from 1
where an element repeats, `/@agency` for an attribute), or an RDF triple (its path
`<subject> <predicate>`, the object its value). Importers mark the paths they map with
`Draft.used` and hand the leaves to `Draft.leftovers`, which keeps the rest in the draft's notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .normalise import paragraphs

__all__ = ["json_leaves", "pointer", "xml_leaves", "xml_path", "rdf_leaves", "rdf_path", "covered"]

XML_NS = "http://www.w3.org/XML/1998/namespace"


def pointer(*parts: object) -> str:
    """A JSON pointer (RFC 6901) from its parts: pointer('a', 0, 'b/c') == '/a/0/b~1c'."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def json_leaves(obj: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(JSON pointer, value) for every scalar (string, number, boolean, null) in a JSON value.
    An empty list or object is no leaf: it states nothing."""
    stack: list[tuple[str, Any]] = [(path, obj)]
    while stack:  # a loop, not recursion: hostile input can nest deeply
        here, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((here + pointer(k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((here + pointer(i), v) for i, v in reversed(list(enumerate(value))))
        else:
            yield here, value


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr_name(el: Any, key: str) -> str:
    if not key.startswith("{"):
        return key
    ns, local = key[1:].split("}", 1)
    if ns == XML_NS:
        return f"xml:{local}"
    prefix = next((p for p, uri in (el.nsmap or {}).items() if uri == ns and p), None)
    return f"{prefix}:{local}" if prefix else local


def _step(el: Any) -> str:
    """The element's local name, with its position among same-named siblings when it repeats."""
    parent = el.getparent()
    name = _local(el.tag)
    if parent is None:
        return name
    same = [c for c in parent if isinstance(c.tag, str) and _local(c.tag) == name]
    return name if len(same) == 1 else f"{name}[{same.index(el) + 1}]"


def xml_path(el: Any, attr: str | None = None) -> str:
    """The stable path of an element (or of one of its attributes, by its lxml key)."""
    steps = []
    node = el
    while node is not None:
        steps.append(_step(node))
        node = node.getparent()
    path = "/" + "/".join(reversed(steps))
    return f"{path}/@{_attr_name(el, attr)}" if attr else path


def _own_text(el: Any) -> str:
    """The element's own text nodes (its text and its children's tails), whitespace collapsed
    within each paragraph; the paragraphs (blank lines) are kept."""
    parts = [el.text or ""] + [c.tail or "" for c in el]
    return paragraphs(" ".join(parts))


def xml_leaves(root: Any) -> Iterator[tuple[str, str]]:
    """(path, value) for every non-empty text node and every attribute under `root` (itself included).
    Paths are built top-down once, so a large document costs one pass."""
    stack: list[tuple[Any, str]] = [(root, xml_path(root))]
    while stack:
        el, path = stack.pop()
        for key, value in el.attrib.items():
            yield f"{path}/@{_attr_name(el, key)}", value
        text = _own_text(el)
        if text:
            yield path, text
        children = [c for c in el if isinstance(c.tag, str)]  # comments and processing instructions state nothing
        counts: dict[str, int] = {}
        for c in children:
            counts[_local(c.tag)] = counts.get(_local(c.tag), 0) + 1
        seen: dict[str, int] = {}
        steps = []
        for c in children:
            name = _local(c.tag)
            seen[name] = seen.get(name, 0) + 1
            steps.append((c, f"{path}/{name}" if counts[name] == 1 else f"{path}/{name}[{seen[name]}]"))
        stack.extend(reversed(steps))


def rdf_path(subject: Any, predicate: Any = None) -> str:
    """`<subject> <predicate>` in N-Triples form (`_:id` for a blank node); the subject alone
    covers all its triples."""
    path = subject.n3()
    return f"{path} {predicate.n3()}" if predicate is not None else path


def rdf_leaves(graph: Any) -> Iterator[tuple[str, Any]]:
    """(`<subject> <predicate>`, object) for every triple, in a stable order. A blank-node object
    that has triples of its own is no leaf: its triples are."""
    from rdflib import BNode

    subjects = set(graph.subjects())
    for s, p, o in sorted(graph, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        if isinstance(o, BNode) and o in subjects:
            continue
        yield rdf_path(s, p), o


def covered(path: str, accounted: set[str] | frozenset[str]) -> bool:
    """Whether the path or one of its ancestors is in `accounted`: `/a` covers `/a/b` and `/a/@x`;
    an RDF subject `<s>` covers `<s> <p>`."""
    if path in accounted:
        return True
    if not path.startswith("/"):
        return path.split(" ", 1)[0] in accounted
    head = path
    while (cut := head.rfind("/")) > 0:
        head = head[:cut]
        if head in accounted:
            return True
    return False
