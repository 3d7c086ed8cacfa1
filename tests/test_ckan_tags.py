"""`adrmeta conform` warns (dcat.ckan-tag) about a DCAT keyword CKAN rejects as a tag unless
ckanext.dcat.clean_tags is set; tests/test_ckan_harvest.py checks the rule against CKAN itself."""

from __future__ import annotations

import pytest

from adrmeta.conform import ckan
from adrmeta.conform import dcat as conform_dcat
from adrmeta.report import CODES

TTL = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/dataset/a> a dcat:Dataset ; dct:title "A"@en ; dct:description "A dataset."@en ;
  dcat:keyword {keywords} .
"""


@pytest.mark.parametrize(
    ("keyword", "bad"),
    [
        ("social care", []),
        ("labour-market_outcomes v2.1", []),
        ("éducation", []),  # CKAN's pattern is Unicode \\w
        ("children's social care", ["children's social care"]),
        ("magistrates' courts", ["magistrates' courts"]),
        ("courts, tribunals", []),  # ckanext-dcat splits at commas
        ("courts, A&E", ["A&E"]),
        ("x", ["x"]),  # shorter than 2
        ("y" * 101, ["y" * 101]),
    ],
)
def test_the_tags_ckan_rejects(keyword, bad):
    assert [t for t in ckan.tags(keyword) if ckan.rejected(t)] == bad


def test_conform_warns_once_per_rejected_keyword_with_its_dataset():
    ttl = TTL.format(keywords='"social care"@en, "children\'s social care"@en')
    issues = [i for i in conform_dcat.check_turtle(ttl.encode(), "dcat/a.ttl", "a") if i.code == "dcat.ckan-tag"]
    assert len(issues) == 1
    (found,) = issues
    assert found.severity == CODES["dcat.ckan-tag"][0] == "warning"
    assert "https://example.org/dataset/a" in found.message and "children's social care" in found.message
    assert found.location is not None and found.location.file == "dcat/a.ttl" and found.record == "a"
    assert "clean_tags" in found.fix


def test_clean_keywords_give_no_warning():
    ttl = TTL.format(keywords='"social care"@en, "courts"@en')
    assert [i for i in conform_dcat.check_turtle(ttl.encode(), "dcat/a.ttl", "a") if i.code == "dcat.ckan-tag"] == []
