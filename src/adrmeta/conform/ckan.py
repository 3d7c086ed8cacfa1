"""What CKAN makes of a DCAT export's keywords: ckanext-dcat (the DCAT harvester) turns each
`dcat:keyword` of a `dcat:Dataset` into a CKAN tag, splitting at commas, and CKAN's own tag
validation (`ckan.logic.schema.default_tags_schema`) rejects a tag with any character other than a
letter, digit, space, hyphen, underscore or dot, or one shorter than 2 or longer than 100
characters: the dataset is then not created. `ckanext.dcat.clean_tags = true` makes ckanext-dcat
munge tags first (`ckan.lib.munge.munge_tag`), which passes (docs/harvesters.md). The keywords stay
the records' words; this check tells the records team which ones a default CKAN rejects
(`dcat.ckan-tag`, a warning). Rules from ckan 2.12 (`ckan/logic/validators.py`
`tag_name_validator`, `tag_length_validator`; `ckan/model/tag.py`) and ckanext-dcat 2.4
(`profiles/base.py` `_keywords`); tests/test_ckan_harvest.py checks them against CKAN itself."""

from __future__ import annotations

import re
from typing import Any

from ..report import Issue, Location

TAG_NAME = re.compile(r"[\w \-.]*$")  # tag_name_validator's pattern, matched from the start
MIN_TAG_LENGTH, MAX_TAG_LENGTH = 2, 100


def tags(keyword: str) -> list[str]:
    """The CKAN tags ckanext-dcat makes of one keyword."""
    return [k.strip() for k in keyword.split(",")] if "," in keyword else [keyword]


def rejected(tag: str) -> bool:
    return not TAG_NAME.match(tag) or not MIN_TAG_LENGTH <= len(tag) <= MAX_TAG_LENGTH


def tag_issues(graph: Any, file: str, record: str | None) -> list[Issue]:
    """A warning for each keyword of each dataset the graph lists that CKAN rejects unmunged."""
    from rdflib import RDF, URIRef
    from rdflib.namespace import DCAT

    out = []
    for dataset in sorted(set(graph.subjects(RDF.type, DCAT.Dataset)), key=str):
        if not isinstance(dataset, URIRef):
            continue
        for keyword in sorted({str(k) for k in graph.objects(dataset, DCAT.keyword)}):
            for tag in (t for t in tags(keyword) if rejected(t)):
                out.append(
                    Issue(
                        code="dcat.ckan-tag",
                        record=record,
                        path=str(DCAT.keyword),
                        message=f"{dataset}: CKAN rejects the tag '{tag}' (letters, digits, spaces, '-', '_', '.'; "
                        f"{MIN_TAG_LENGTH} to {MAX_TAG_LENGTH} characters), so a CKAN harvest without "
                        "ckanext.dcat.clean_tags fails on this dataset.",
                        fix="Nothing to change in the record: CKAN operators set ckanext.dcat.clean_tags = true "
                        "(docs/harvesters.md).",
                        location=Location(file=file),
                    )
                )
    return out
