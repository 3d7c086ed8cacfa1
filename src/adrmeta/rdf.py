"""A minimal RDF node tree and its JSON-LD and Turtle serialisations, written by hand.

Exporters build plain dicts: a node is `{"@id": IRI or None, "@type": [curie or absolute IRI, ...],
"prefix:term": [value, ...]}`, where a value is an `IRI`, a `Lit` or a nested node: a blank node
(`@id` None) is written inline; a nested node with an IRI is embedded in JSON-LD and, in Turtle,
referred to by its IRI and written after the node that holds it. Both serialisations come from
one walk of the same tree, so they always hold the same triples; tests parse them with rdflib to
prove it. No rdflib at run time: that is what makes exporting fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

PREFIXES: dict[str, str] = {
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Characters an IRI reference may not hold (RDF 1.1 Turtle IRIREF): percent-encode them.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_TURTLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TURTLE_SPECIAL = re.compile(r'["\\\x00-\x1f\x7f]')


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{b:02X}" for b in match.group().encode("utf-8"))


def _iri_text(text: str) -> str:
    return _BAD_IRI.sub(_percent, text)


@attrs.frozen
class IRI:
    value: str = attrs.field(converter=_iri_text)

    def child(self, path: str) -> IRI:
        """`{this IRI}/{path}`, for a `path` of ASCII letters, digits, hyphens and slashes only:
        nothing in it to percent-encode, so the text is not checked again."""
        iri = object.__new__(IRI)
        object.__setattr__(iri, "value", f"{self.value}/{path}")
        return iri


@attrs.frozen
class Lit:
    value: str
    datatype: str | None = None  # a curie such as "xsd:date"
    lang: str | None = None


Node = dict[str, Any]


def node(iri: str | IRI | None, *types: str) -> Node:
    """A node named by `iri` (text, or an IRI already made), or a blank node."""
    return {"@id": IRI(iri) if isinstance(iri, str) else iri, "@type": list(types)}


def iri_of(n: Node) -> IRI:
    """A named node's IRI: reusing it spares making and checking the same IRI again."""
    iri: IRI = n["@id"]
    return iri


def add(n: Node, prop: str, value: Any = None, *more: Any) -> None:
    """Append values to a property, skipping None and empty text. Most calls add one value, which
    is handled before the loop over any others."""
    if value is not None and (type(value) is not Lit or value.value != ""):
        if prop in n:
            n[prop].append(value)
        else:
            n[prop] = [value]
    for v in more:
        if v is None or (type(v) is Lit and v.value == ""):
            continue
        if prop in n:
            n[prop].append(v)
        else:
            n[prop] = [v]


# --- JSON-LD and Turtle, from one walk of a node ---------------------------------------------


def context(language: str) -> dict[str, Any]:
    return {**PREFIXES, "@language": language}


def jsonld_head(language: str) -> str:
    """A JSON-LD document up to its first graph node: the context on the first line."""
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    return json.dumps({"@context": context(language)}, **compact)[:-1] + ',"@graph":[\n'  # type: ignore[arg-type]


JSONLD_TAIL = "\n]}\n"  # after the last graph node; nodes are joined by ",\n"


def turtle_head(prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The prefix lines; each node follows after a blank line, and the document ends with a newline."""
    return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items())


def node_texts(n: Node, language: str, iris: list[str] | None = None) -> tuple[str, str]:
    """A named node as one JSON-LD graph node on one line and as Turtle (its statements, then
    those of the named nodes it holds), from one walk of its tree. `iris`, when given, gets the
    IRI of every IRI value in the tree on the way (to find what else a document must hold)."""
    after: list[str] = []
    json_text, lines = _walk(n, language, "    ", after, iris)
    return json_text, _turtle_text(n["@id"].value, lines, after)


def jsonld_node(n: Node, language: str) -> str:
    return _walk(n, language, "    ", [], None)[0]


def turtle_node(n: Node) -> str:
    after: list[str] = []
    _json, lines = _walk(n, "", "    ", after, None)
    return _turtle_text(n["@id"].value, lines, after)


def to_jsonld(nodes: Iterable[Node], language: str) -> str:
    """One JSON document: the context on the first line, then one graph node per line (which
    keeps diffs of golden files readable)."""
    return jsonld_head(language) + ",\n".join(jsonld_node(n, language) for n in nodes) + JSONLD_TAIL


def to_turtle(nodes: Iterable[Node], prefixes: Mapping[str, str] = PREFIXES) -> str:
    return turtle_head(prefixes) + "".join("\n\n" + turtle_node(n) for n in nodes) + "\n"


# A literal's text as a JSON string: the json module's own escaping (its C encoder for a str).
_json_string = json.JSONEncoder(ensure_ascii=False).encode


def _turtle_text(iri: str, lines: list[str], after: list[str]) -> str:
    return "\n\n".join([f"<{iri}>\n    " + " ;\n    ".join(lines) + " .", *after])


def _walk(n: Node, language: str, indent: str, after: list[str], iris: list[str] | None) -> tuple[str, list[str]]:
    """A node as compact JSON-LD text and as Turtle lines (the caller joins them at `indent`). A
    named node it holds is embedded in JSON-LD; in Turtle it is referred to by its IRI and its
    statements go to `after`, followed by those of the named nodes it holds in turn.

    The JSON is written here, byte for byte as `json.dumps(..., ensure_ascii=False,
    separators=(",", ":"))` writes it (a test checks): literals go through json's escaping; IRIs
    (`_BAD_IRI` is percent-encoded) and curies hold no character JSON escapes. Writing it here
    instead of building dicts for json.dumps made DCAT's writers a third cheaper."""
    members = [] if n["@id"] is None else [f'"@id":"{n["@id"].value}"']
    types = n["@type"]
    lines = []
    if types:
        members.append('"@type":"' + types[0] + '"' if len(types) == 1 else '"@type":["' + '","'.join(types) + '"]')
        kinds = ", ".join(types)
        lines.append("a " + (kinds if "://" not in kinds else ", ".join(f"<{t}>" if "://" in t else t for t in types)))
    for prop, values in n.items():
        if prop[0] != "@":
            if len(values) == 1:
                js, text = _term(values[0], language, indent, after, iris)
                members.append(f'"{prop}":{js}')
                lines.append(f"{prop} {text}")
            else:
                pairs = [_term(v, language, indent, after, iris) for v in values]
                members.append(f'"{prop}":[' + ",".join([j for j, _t in pairs]) + "]")
                lines.append(f"{prop} " + ", ".join([t for _j, t in pairs]))
    return "{" + ",".join(members) + "}", lines


def _term(v: Any, language: str, indent: str, after: list[str], iris: list[str] | None) -> tuple[str, str]:
    """A value in JSON-LD and in Turtle."""
    kind = type(v)
    if kind is IRI:
        if iris is not None:
            iris.append(v.value)
        return f'{{"@id":"{v.value}"}}', f"<{v.value}>"
    if kind is Lit:
        if _TURTLE_SPECIAL.search(v.value):  # JSON escapes some of these characters, and no others
            js, ttl = _json_string(v.value), '"' + _TURTLE_SPECIAL.sub(_turtle_escape, v.value) + '"'
        else:
            js = ttl = f'"{v.value}"'
        if v.datatype:
            return f'{{"@value":{js},"@type":"{v.datatype}"}}', f"{ttl}^^{v.datatype}"
        if v.lang:  # the context's default language applies to plain strings
            if v.lang == language:
                return js, f"{ttl}@{v.lang}"
            return f'{{"@value":{js},"@language":{_json_string(v.lang)}}}', f"{ttl}@{v.lang}"
        return f'{{"@value":{js}}}', ttl
    if v["@id"] is None:  # a blank node: inline in both
        deeper = indent + "    "
        js, lines = _walk(v, language, deeper, after, iris)
        return js, "[\n" + " ;\n".join([deeper + line for line in lines]) + "\n" + indent + "]"
    inner: list[str] = []
    js, lines = _walk(v, language, "    ", inner, iris)
    after.append(_turtle_text(v["@id"].value, lines, inner))
    return js, f"<{v['@id'].value}>"


def _turtle_escape(m: re.Match[str]) -> str:
    return _TURTLE_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}")
