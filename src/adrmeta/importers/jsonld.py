"""JSON-LD read offline: well-known contexts from bundled copies, anything else refused by name.

Catalogue metadata names its context by URL (`"@context": "https://schema.org/"`, the SEMIC
DCAT-AP context). `adrmeta import` never fetches a URL or reads another file, so the contexts
catalogues use are vendored under `schemas/vendor/jsonld-contexts/` (SOURCE.txt there) and
looked up by URL here, http or https, with or without a trailing slash. A context by reference
that is not bundled, an `@import`, or a file path stops the import with an error naming it,
whichever format was asked for.

rdflib applies only the first type's scoped context when a node has several types; JSON-LD 1.1
applies each type's, in lexicographic order of the types (the SEMIC examples define `inSeries`
in the context of `DatasetMemberOfADatasetSeries`, a node's second type), so `_Offline` does.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import rdflib
from rdflib.plugins.parsers.jsonld import Parser
from rdflib.plugins.shared.jsonld.context import Context

from ..vendored import vendor_path
from .source import Source, fatal, line_col

_SEMIC = "semiceu.github.io/"
# URL (without scheme and trailing slash) -> bundled file in schemas/vendor/jsonld-contexts/
BUNDLED = {
    "schema.org": "schemaorg-30.0.jsonld",
    "schema.org/docs/jsonldcontext.jsonld": "schemaorg-30.0.jsonld",
    "schema.org/docs/jsonldcontext.json": "schemaorg-30.0.jsonld",
    _SEMIC + "DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld": "dcat-ap-3.0.1.jsonld",
    _SEMIC + "DCAT-AP/releases/3.0.0/context/dcat-ap.jsonld": "dcat-ap-3.0.0.jsonld",
    _SEMIC + "DCAT-AP/releases/3.0.0-hvd/context/hvd.jsonld": "dcat-ap-hvd-3.0.0.jsonld",
    _SEMIC + "uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld": "dcat-ap-3.0.0-examples.jsonld",
    _SEMIC + "uri.semic.eu-generated/DCAT-AP/releases/3.0.1/html/examples/context.jsonld": "dcat-ap-3.0.0-examples.jsonld",
}


def bundled_name(url: str) -> str | None:
    """The bundled file standing for a context URL, or None."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return BUNDLED.get(url[len(scheme) :].rstrip("/"))
    return None


@cache
def _load(name: str) -> Any:
    return json.loads(vendor_path("jsonld-contexts", name).read_text(encoding="utf-8"))


def context_of(url: str) -> Any:
    """The bundled context document for a URL (KeyError when there is none)."""
    name = bundled_name(url)
    if name is None:
        raise KeyError(url)
    return _load(name)


def references(node: Any) -> list[tuple[str, str]]:
    """Every context a processor would read from elsewhere, as (key, value): `@import`s and
    contexts by reference, at the top, in lists, type- or property-scoped, in nested nodes."""
    found: list[tuple[str, str]] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            for k, v in n.items():
                if k == "@import":
                    found.append((k, str(v)))
                elif k == "@context":
                    found += [
                        (k, str(c)) for c in (v if isinstance(v, list) else [v]) if c is not None and not isinstance(c, dict)
                    ]
                stack.append(v)
        elif isinstance(n, list):
            stack.extend(n)
    return found


def check(src: Source) -> None:
    """Fatal, naming it, for the first context this file would need from elsewhere that is not
    bundled. Also the guard that nothing is ever fetched (`_Offline` is the second)."""
    data = src.json()
    for key, value in references(data):
        if key == "@context" and bundled_name(value):
            continue
        at = src.text.find(json.dumps(value, ensure_ascii=False))
        at = at if at >= 0 else src.text.find(json.dumps(key))
        where = line_col(src.text, at) if at >= 0 else (1, 1)
        what = f"an @import ({value[:200]})" if key == "@import" else f"the remote @context {value[:200]}"
        raise fatal(
            "import.unsafe",
            src.display,
            f"the JSON-LD names {what}, which adrmeta does not bundle; "
            "it never fetches a URL or reads another file while importing.",
            "Put the context inline in the file (or export it with an inline context); the bundled "
            "contexts are schema.org's and the SEMIC DCAT-AP 3 ones.",
            *where,
        )


def refuse_unknown_contexts(src: Source) -> None:
    """`check` for any JSON input that looks like JSON-LD (a plain JSON file is not walked)."""
    if src.kind() == "json" and ('"@context"' in src.text or '"@import"' in src.text):
        check(src)


class _Offline(Context):
    """rdflib's context that reads bundled contexts only and applies every type-scoped context."""

    def _fetch_context(self, source: str, base: str | None, referenced_contexts: set[str]) -> Any:
        try:
            return context_of(source)
        except KeyError:
            raise ValueError(f"a context by reference ({source}) is never fetched") from None

    def _subcontext(self, source: Any, propagate: bool) -> Context:
        ctx = super()._subcontext({}, propagate)  # a copy of this context, of rdflib's class...
        offline = _Offline(version=self.version)  # ...whose state moves into ours
        offline.__dict__.update(ctx.__dict__)
        offline.load(source)
        return offline

    def get_context_for_type(self, node: Any) -> Context | None:
        if self.version < 1.1 or not isinstance(node, dict):
            return super().get_context_for_type(node)
        types = self.get_type(node)
        types = types if isinstance(types, list) else [types] if types else []
        scoped = [
            term.context
            for t in sorted(x for x in types if isinstance(x, str))
            if (term := self.terms.get(t)) is not None and term.context
        ]
        if len(scoped) < 2:
            return super().get_context_for_type(node)
        base = self.parent if self.propagate is False else self
        ctx: Context = base  # type: ignore[assignment]
        for source in scoped:
            ctx = ctx._subcontext(source, propagate=False)
        ctx.parent = base
        return ctx


def graph(src: Source) -> rdflib.Graph:
    """The file's JSON-LD as an RDF graph, with bundled contexts only."""
    check(src)
    g = rdflib.Graph()
    try:
        Parser().parse(src.json(), _Offline(), g)
    except Exception as exc:  # rdflib raises assorted errors for JSON that is not JSON-LD
        raise fatal("import.malformed", src.display, f"not valid JSON-LD: {exc}.", "Fix the JSON-LD.", 1, 1) from None
    return g
