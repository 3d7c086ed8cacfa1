"""A minimal RDF node tree and its JSON-LD and Turtle serialisations, written by hand.

Exporters build plain dicts: a node is `{"@id": IRI or None, "@type": [curie, ...],
"prefix:term": [value, ...]}`, where a value is an `IRI`, a `Lit` or a nested node: a blank node
(`@id` None) is written inline; a nested node with an IRI is embedded in JSON-LD and, in Turtle,
referred to by its IRI and written after the node that holds it. Both serialisations come from the same tree, so they always hold the same
triples; tests parse them with rdflib to prove it. No rdflib at run time: that is what makes
exporting fast.
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


@attrs.frozen
class Lit:
    value: str
    datatype: str | None = None  # a curie such as "xsd:date"
    lang: str | None = None


Node = dict[str, Any]


def node(iri: str | None, *types: str) -> Node:
    return {"@id": IRI(iri) if iri is not None else None, "@type": list(types)}


def iri_of(n: Node) -> IRI:
    """A named node's IRI: reusing it spares making and checking the same IRI again."""
    iri: IRI = n["@id"]
    return iri


def add(n: Node, prop: str, *values: Any) -> None:
    """Append values to a property, skipping None and empty text."""
    for v in values:
        if v is None or (type(v) is Lit and v.value == ""):
            continue
        if prop in n:
            n[prop].append(v)
        else:
            n[prop] = [v]


# --- JSON-LD ---------------------------------------------------------------------------------


def context(language: str) -> dict[str, Any]:
    return {**PREFIXES, "@language": language}


def _json_value(v: Any, language: str) -> Any:
    kind = type(v)
    if kind is Lit:
        if v.datatype:
            return {"@value": v.value, "@type": v.datatype}
        if v.lang == language:
            return v.value  # the context's default language applies to plain strings
        if v.lang:
            return {"@value": v.value, "@language": v.lang}
        return {"@value": v.value}
    if kind is IRI:
        return {"@id": v.value}
    return _json_node(v, language)


def _json_node(n: Node, language: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if n["@id"] is not None:
        out["@id"] = n["@id"].value
    types = n["@type"]
    if types:
        out["@type"] = types if len(types) > 1 else types[0]
    for prop, values in n.items():
        if prop[0] != "@":
            out[prop] = [_json_value(v, language) for v in values] if len(values) > 1 else _json_value(values[0], language)
    return out


def jsonld_head(language: str) -> str:
    """A JSON-LD document up to its first graph node: the context on the first line."""
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    return json.dumps({"@context": context(language)}, **compact)[:-1] + ',"@graph":[\n'  # type: ignore[arg-type]


JSONLD_TAIL = "\n]}\n"  # after the last graph node; nodes are joined by ",\n"


def jsonld_node(n: Node, language: str) -> str:
    """One graph node on one line. Compact dumps use the json module's C encoder (`indent` would
    force its pure-Python one, which made this the slowest step of an export)."""
    return json.dumps(_json_node(n, language), ensure_ascii=False, separators=(",", ":"))


def to_jsonld(nodes: Iterable[Node], language: str) -> str:
    """One JSON document: the context on the first line, then one graph node per line (which
    keeps diffs of golden files readable)."""
    return jsonld_head(language) + ",\n".join(jsonld_node(n, language) for n in nodes) + JSONLD_TAIL


# --- Turtle ----------------------------------------------------------------------------------


def _turtle_escape(m: re.Match[str]) -> str:
    return _TURTLE_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}")


def _turtle_value(v: Any, indent: str, named: list[Node]) -> str:
    kind = type(v)
    if kind is Lit:
        text = _TURTLE_SPECIAL.sub(_turtle_escape, v.value) if _TURTLE_SPECIAL.search(v.value) else v.value
        return f'"{text}"^^{v.datatype}' if v.datatype else f'"{text}"@{v.lang}' if v.lang else f'"{text}"'
    if kind is IRI:
        return f"<{v.value}>"
    if v["@id"] is not None:  # a named node: referred to here, written after its holder
        named.append(v)
        return f"<{v['@id'].value}>"
    return _turtle_blank(v, indent + "    ", named)


def _turtle_body(n: Node, indent: str, named: list[Node]) -> list[str]:
    lines = ["a " + ", ".join(n["@type"])] if n["@type"] else []
    for prop, values in n.items():
        if prop[0] != "@":
            if len(values) == 1:
                lines.append(f"{prop} {_turtle_value(values[0], indent, named)}")
            else:
                lines.append(f"{prop} " + ", ".join([_turtle_value(v, indent, named) for v in values]))
    return lines


def _turtle_blank(n: Node, indent: str, named: list[Node]) -> str:
    body = _turtle_body(n, indent, named)
    return "[\n" + " ;\n".join(indent + line for line in body) + "\n" + indent[:-4] + "]"


def turtle_head(prefixes: Mapping[str, str] = PREFIXES) -> str:
    """The prefix lines; each node follows after a blank line, and the document ends with a newline."""
    return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items())


def turtle_node(n: Node) -> str:
    named: list[Node] = []
    text = f"<{n['@id'].value}>\n    " + " ;\n    ".join(_turtle_body(n, "    ", named)) + " ."
    return "\n\n".join([text, *(turtle_node(m) for m in named)])


def to_turtle(nodes: Iterable[Node], prefixes: Mapping[str, str] = PREFIXES) -> str:
    return turtle_head(prefixes) + "".join("\n\n" + turtle_node(n) for n in nodes) + "\n"
