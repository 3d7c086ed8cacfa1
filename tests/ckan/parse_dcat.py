"""Parse DCAT files with ckanext-dcat's RDF parser, as CKAN's DCAT harvester does, and print the
CKAN dataset dicts it makes as JSON.

Run by the CKAN virtual environment's Python (`.venv-ckan`, made by `.ci/run`), never imported by
adrmeta or its tests: CKAN pins its own versions of many packages. No CKAN site, database or
file is needed: the parser reads the graph and applies the profiles. Profile `euro_dcat_ap_3`,
ckanext-dcat 2.x's default, in one of two set-ups:
- plain: a CKAN without ckanext-scheming keeps one contact, publisher, creator, place and period
  per dataset (the first it reads; of places, the last);
- `--scheming`: ckanext-scheming with ckanext-dcat's own DCAT-AP schema (`dcat_ap_full.yaml`), as
  ckanext-dcat's documentation recommends, keeps every contact, creator and period. The only
  configuration is what loading the plugin asks for; nothing connects to Solr or a database (the
one check that would, of the Solr schema version, is switched off).
`--clean-tags` sets `ckanext.dcat.clean_tags = true`, so ckanext-dcat munges each keyword into a
tag (`ckan.lib.munge.munge_tag`) as docs/harvesters.md tells CKAN operators to.

    python parse_dcat.py [--scheming] [--clean-tags] FILE [FILE ...]   # .ttl Turtle, .jsonld JSON-LD

Output: {"versions": {...}, "files": {FILE: {"datasets": [...], "titles": {IRI: title},
"blank_nodes": [ids], "next_page": URL or null, "tag_errors": {tag: [message]}}}}, where `titles` are the `dct:title` of every node
in the graph (what a portal that looks a documentation IRI up in the same graph shows),
`blank_nodes` the identifiers of every blank node in the parsed graph, and `next_page` the page the
harvester fetches next (`hydra:next`, as its paged harvest reads it), and `tag_errors` CKAN's own tag
validation (`ckan.logic.schema.default_tags_schema`, which `package_create` applies) of every tag
of every dataset: the tags it rejects, with its messages.
"""

from __future__ import annotations

import json
import sys
import tempfile
from importlib.metadata import version

from rdflib import BNode, URIRef
from rdflib.namespace import DCTERMS

PROFILES = ["euro_dcat_ap_3"]
FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}


def load_scheming() -> None:
    import ckan.plugins
    from ckan.common import config

    config.update(
        {
            "ckan.plugins": "scheming_datasets",
            "scheming.dataset_schemas": "ckanext.dcat.schemas:dcat_ap_full.yaml",
            "scheming.presets": "ckanext.scheming:presets.json ckanext.dcat.schemas:presets.yaml",
            "ckan.locale_default": "en",
            # values CKAN's configuration check requires before it loads a plugin; none is used
            "SECRET_KEY": "parse-only",
            "ckan.site_url": "http://127.0.0.1",
            "sqlalchemy.url": "sqlite://",
            "solr_url": "http://127.0.0.1:8983/solr/unused",
            "ckan.storage_path": tempfile.mkdtemp(),
        }
    )
    import ckan.lib.search

    ckan.lib.search.check_solr_schema_version = lambda *a, **k: False  # no search index here: skip its check
    ckan.plugins.load("scheming_datasets")


def tag_errors(datasets: list[dict]) -> dict[str, list[str]]:
    from ckan.lib.navl.dictization_functions import validate
    from ckan.logic.schema import default_tags_schema

    schema = default_tags_schema()
    out = {}
    for tag in sorted({t["name"] for d in datasets for t in d.get("tags", [])}):
        _data, errors = validate({"name": tag}, schema, {})
        if errors:
            out[tag] = [str(m) for m in errors["name"]]
    return out


def parse(path: str) -> dict:
    from ckanext.dcat.processors import RDFParser

    parser = RDFParser(profiles=PROFILES)
    with open(path, encoding="utf-8") as f:
        parser.parse(f.read(), _format=FORMATS[path.rsplit(".", 1)[1]])
    g = parser.g
    nodes = {s for s in g.subjects()} | {o for o in g.objects() if isinstance(o, (URIRef, BNode))}
    datasets = list(parser.datasets())
    return {
        "datasets": datasets,
        "titles": {str(s): str(t) for s, t in g.subject_objects(DCTERMS.title) if isinstance(s, URIRef)},
        "blank_nodes": sorted(str(n) for n in nodes if isinstance(n, BNode)),
        "next_page": parser.next_page(),
        "tag_errors": tag_errors(datasets),
    }


def main(args: list[str]) -> None:
    scheming = "--scheming" in args
    paths = [a for a in args if a not in ("--scheming", "--clean-tags")]
    if scheming:
        load_scheming()
    if "--clean-tags" in args:
        from ckan.common import config

        config["ckanext.dcat.clean_tags"] = "true"
    names = ("ckan", "ckanext-dcat", "rdflib") + (("ckanext-scheming",) if scheming else ())
    out = {"versions": {p: version(p) for p in names}, "files": {p: parse(p) for p in paths}}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
