"""ckanext-dcat's serialiser over the same datasets, as a whole process, for the side-by-side
DCAT figure in benchmarks/README.md. Run with a Python that has CKAN and ckanext-dcat (their own
virtual environment; CKAN pins many packages):

    /work/ckan-venv/bin/python benchmarks/ckan_dcat.py RECORDS_DIR OUT_DIR [--datasets]

It does what `adrmeta export --format dcat` does, the ckanext-dcat way: read every record file,
make a CKAN-style dataset dict of it (title, notes, tags, landing page, version, identifier,
publisher, contact, temporal and spatial coverage, themes, access rights, frequency, modified, one
resource per access route), then write the catalogue (and, with `--datasets`, every dataset's own
document too, as adrmeta does) as Turtle and JSON-LD with `ckanext.dcat.processors.RDFSerializer`
(profile `euro_dcat_ap_3`). CKAN runs without a database
or Solr: `ckan.site_url` is set, and the one catalogue-level look-up that would ask Solr for the
latest change (`_last_catalog_modification`) returns the catalogue's date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from ckan.common import config

config["ckan.site_url"] = "https://example.org"

from ckanext.dcat.processors import RDFSerializer  # noqa: E402
from ckanext.dcat.profiles import base  # noqa: E402

base.RDFProfile._last_catalog_modification = lambda self: "2026-11-21T00:00:00"  # no Solr here

BASE = "https://metadata.adruk.example/"


def dataset_dict(rec: dict) -> dict:
    periods = rec.get("coverage", {}).get("periods", [])
    extras = {
        "identifier": rec["id"],
        "publisher_uri": f"{BASE}organisation/{rec['publisher']}" if rec.get("publisher") else None,
        "publisher_name": rec.get("publisher"),  # a record may name none
        "contact_name": (rec.get("contacts") or [{}])[0].get("name"),
        "contact_email": (rec.get("contacts") or [{}])[0].get("email"),
        "temporal_start": str(periods[0].get("start")) if periods and periods[0].get("start") else None,
        "temporal_end": str(periods[0].get("end")) if periods and periods[0].get("end") else None,
        "spatial_uri": ",".join(rec.get("coverage", {}).get("nations", [])),
        "theme": json.dumps([f"{BASE}theme/{t}" for t in rec.get("themes", [])]),
        "access_rights": rec.get("status"),
        "frequency": rec.get("update_frequency"),
        "modified": str(rec.get("modified")),
        "language": json.dumps(["en"]),
    }
    resources = [
        {
            "id": f"{rec['id']}-access-{k}",
            "package_id": rec["id"],
            "url": route.get("url") or f"{BASE}tre/{route['tre']}",
            "name": f"Access through {route['tre']}",
            "description": route.get("conditions", ""),
            "format": "HTML",
            "access_url": route.get("url") or f"{BASE}tre/{route['tre']}",
            "rights": route.get("legal_gateway") or "",
        }
        for k, route in enumerate(rec.get("access", []))
    ]
    return {
        "id": rec["id"],
        "name": rec["id"],
        "title": rec["title"],
        "notes": rec["summary"],
        "url": rec.get("landing_page"),
        "version": rec.get("version"),
        "tags": [{"name": k} for k in rec.get("keywords", [])],
        "extras": [{"key": k, "value": v} for k, v in extras.items() if v],
        "resources": resources,
        "metadata_modified": f"{rec.get('modified')}T00:00:00",
        "metadata_created": f"{rec.get('modified')}T00:00:00",
    }


def main() -> None:
    records_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    files = sorted(p for p in records_dir.glob("*.yaml") if not p.name.endswith(".dictionary.yaml"))  # not data dictionaries
    datasets = [dataset_dict(yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)) for p in files]
    (out / "datasets").mkdir(parents=True, exist_ok=True)
    catalog = {"title": "ADR UK linked datasets", "description": "Benchmark catalogue", "homepage": BASE}
    for fmt, ext in (("turtle", "ttl"), ("json-ld", "jsonld")):
        (out / f"catalog.{ext}").write_text(
            RDFSerializer(profiles=["euro_dcat_ap_3"]).serialize_catalog(catalog, datasets, _format=fmt), encoding="utf-8"
        )
        for d in datasets if "--datasets" in sys.argv else ():
            (out / "datasets" / f"{d['name']}.{ext}").write_text(
                RDFSerializer(profiles=["euro_dcat_ap_3"]).serialize_dataset(d, _format=fmt), encoding="utf-8"
            )
    print(len(datasets), "datasets")


if __name__ == "__main__":
    main()
