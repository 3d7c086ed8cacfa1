"""Readings every importer shares (data-owner trial I1-I3): place text read as nations one way,
HTML text made plain text one way, and findings located in the input wherever its reader can."""

from __future__ import annotations

import json

import pytest

from adrmeta.importers import import_files

from .conftest import FIXTURES, ROOT, bundled

DS = "https://example.org/ds/leo"


def _dcat(tmp_path, spatial: str, description: str = "Linked records of education and earnings.") -> list:
    path = tmp_path / "leo.ttl"
    path.write_text(
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n"
        f'<{DS}> a dcat:Dataset ;\n  dct:title "Longitudinal Education Outcomes"@en ;\n'
        f"  dct:description {json.dumps(description)} ;\n  dct:spatial {spatial} .\n",
        encoding="utf-8",
    )
    return _one(path)


def _schemaorg(tmp_path, spatial: object, description: str = "Linked records of education and earnings.") -> list:
    path = tmp_path / "leo.jsonld"
    doc = {"@context": "https://schema.org/", "@type": "Dataset", "@id": DS, "name": "Longitudinal Education Outcomes"}
    path.write_text(json.dumps({**doc, "description": description, "spatialCoverage": spatial}, indent=2), encoding="utf-8")
    return _one(path)


def _one(path):
    (d,) = import_files([path], bundled()[0]).drafts
    return d


def _nations(d) -> tuple[list[str], bool]:
    """The draft's nations, and whether they are marked an inference (a guess, never exported)."""
    guessed = any(p["path"] == "/coverage/nations" and p["basis"] == "inference" for p in d.fields.get("provenance", ()))
    return d.fields.get("coverage", {}).get("nations", []), guessed


# --- I1: place text ------------------------------------------------------------------------------

PLACES = [
    ("England & Wales", ["GB-ENG", "GB-WLS"], True),
    ("England and Wales", ["GB-ENG", "GB-WLS"], False),  # a name ONS gives (K04000001)
    ("Scotland; Northern Ireland", ["GB-SCT", "GB-NIR"], True),
    ("United Kingdom, Wales", ["GB-WLS"], True),
    ("Wales", ["GB-WLS"], False),
    ("GB-SCT", ["GB-SCT"], False),
]


@pytest.mark.parametrize(("text", "codes", "guess"), PLACES)
def test_dcat_reads_place_text_as_schemaorg_does(tmp_path, text, codes, guess):
    dcat = _dcat(tmp_path, json.dumps(text))
    schemaorg = _schemaorg(tmp_path, text)
    assert _nations(dcat) == _nations(schemaorg) == (codes, guess)
    assert "import.invalid" not in {i.code for i in dcat.issues}
    assert ("import.guessed" in {i.code for i in dcat.issues if i.path == "/coverage/nations"}) is guess


def test_a_place_text_naming_no_nation_is_the_area(tmp_path):
    for d in (_dcat(tmp_path, '"Greater Manchester"'), _schemaorg(tmp_path, "Greater Manchester")):
        assert d.fields["coverage"] == {"area": "Greater Manchester"}
        assert "import.invalid" not in {i.code for i in d.issues}


def test_places_across_values_are_read_as_one_list(tmp_path):
    """The UK beside Wales, as two values, is Wales in both formats (a guess)."""
    uk_wales = '"United Kingdom", "Wales"'
    assert (
        _nations(_dcat(tmp_path, uk_wales)) == _nations(_schemaorg(tmp_path, ["United Kingdom", "Wales"])) == (["GB-WLS"], True)
    )


def _hdruk(tmp_path, spatial: object):
    doc = json.loads((FIXTURES / "import" / "hdruk-3.0.0.json").read_text(encoding="utf-8"))
    path = tmp_path / "hdruk.json"
    path.write_text(json.dumps({**doc, "coverage": {"spatial": spatial}}, indent=2), encoding="utf-8")
    return _one(path)


@pytest.mark.parametrize(("text", "codes", "guess"), PLACES)
def test_hdruk_reads_place_text_as_the_others_do(tmp_path, text, codes, guess):
    assert _nations(_hdruk(tmp_path, text)) == (codes, guess)


def test_hdruk_reads_a_list_of_places_as_one_list(tmp_path):
    """Before, each item was read alone and their nations added up: the UK beside Wales gave all four."""
    assert _nations(_hdruk(tmp_path, ["United Kingdom", "Wales"])) == (["GB-WLS"], True)


def _ddi(tmp_path, text: str):
    xml = (FIXTURES / "import" / "ddi-study.xml").read_text(encoding="utf-8")
    old = '<nation>England and Wales</nation>\n        <nation abbr="GB-SCT">Scotland</nation>'
    assert old in xml
    path = tmp_path / "ddi.xml"
    path.write_text(xml.replace(old, f"<nation>{text.replace('&', '&amp;')}</nation>"), encoding="utf-8")
    return _one(path)


@pytest.mark.parametrize(("text", "codes", "guess"), PLACES)
def test_ddi_reads_place_text_as_the_others_do(tmp_path, text, codes, guess):
    assert _nations(_ddi(tmp_path, text)) == (codes, guess)


# --- I2: HTML text ---------------------------------------------------------------------------------

HTML = "<p>The <b>LEO</b> dataset links <em>school</em> &amp; earnings records.</p><p>Since <i>2012</i>.</p>"
PLAIN = "The LEO dataset links school & earnings records.\n\nSince 2012."


def _hdruk_summary(tmp_path, text: str):
    doc = json.loads((FIXTURES / "import" / "hdruk-3.0.0.json").read_text(encoding="utf-8"))
    doc["summary"]["abstract"] = text
    doc.get("documentation", {}).pop("description", None)
    path = tmp_path / "hdruk.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return _one(path)


def test_html_in_a_description_is_plain_text_in_every_importer(tmp_path):
    for d in (_dcat(tmp_path, '"Wales"', HTML), _schemaorg(tmp_path, "Wales", HTML), _hdruk_summary(tmp_path, HTML)):
        assert d.fields["summary"] == PLAIN, d.fmt
        assert "import.html" in {i.code for i in d.issues if i.path == "/summary"}


def test_html_text_is_decoded_once_and_keeps_its_structure():
    from adrmeta.importers.normalise import html_to_text

    assert html_to_text("<p>Write &amp;lt;b&amp;gt; for bold</p>") == "Write &lt;b&gt; for bold"
    assert html_to_text("<table><tr><td>cohort</td><td>2012</td></tr></table>") == "cohort 2012"
    assert (
        html_to_text("<ul><li><strong>one</strong></li><li><a href='https://x.org'>two</a></li></ul>")
        == "- one\n- two (https://x.org)"
    )


# --- I3: findings located in the input -----------------------------------------------------------

JSON_INPUTS = [
    "hdruk-2.1.2.json",
    "hdruk-3.0.0.json",
    "hdruk-4.0.0.json",
    "schemaorg-dataset.jsonld",
    "cddo-dataset.json",
    "cddo-dataset.yaml",
    "third-party/cddo/Dataset-os-postcodes-datset.yaml",
    "ddi-study.xml",
]


def _at(path, line: int, column: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[line - 1][column - 1 :]


@pytest.mark.parametrize("name", JSON_INPUTS)
def test_every_finding_on_a_json_yaml_or_xml_input_has_a_line_and_column(name):
    result = import_files([FIXTURES / "import" / name], bundled()[0])
    assert result.report.issues
    assert [i for i in result.report.issues if i.location is None or i.location.line is None or i.location.column is None] == []


def test_yaml_marks_follow_documents_keys_and_lists():
    from adrmeta.importers.source import yaml_marks

    assert yaml_marks("# c\n---\na: 1\nb/c: [x, {d: 2}]\n") == {
        "": (3, 1),
        "/a": (3, 1),
        "/b~1c": (4, 1),
        "/b~1c/0": (4, 7),
        "/b~1c/1": (4, 10),
        "/b~1c/1/d": (4, 11),
    }
    assert yaml_marks("a: 1\n---\nb: 2\n")["/1/b"] == (3, 1)


def test_a_note_is_located_at_the_member_it_keeps():
    echild = ROOT / "exports" / "hdruk" / "echild.json"
    result = import_files([echild], bundled()[0])
    notes = [i for i in result.report.issues if i.code == "import.unmapped" and i.message.startswith("/issued ")]
    (loc,) = [i.location for i in notes]
    assert loc is not None and loc.line is not None and loc.column is not None and loc.line > 1
    assert _at(echild, loc.line, loc.column).startswith('"issued"')


def test_a_value_read_is_located_at_its_member():
    path = FIXTURES / "import" / "schemaorg-dataset.jsonld"
    result = import_files([path], bundled()[0])
    where = {i.code + i.path: i.location for i in result.report.issues}
    for key, member in (
        ("import.guessed/coverage/nations", '"spatialCoverage"'),
        ("import.invalid/landing_page", '"sameAs"'),  # the page it names (no url)
        ("import.guessed/id", '"alternateName"'),
    ):
        loc = where[key]
        assert loc is not None and loc.line is not None and loc.column is not None
        assert _at(path, loc.line, loc.column).startswith(member), key


def test_json_starts_follows_strings_keys_and_nesting():
    from adrmeta.jsonplaces import json_starts

    text = '{\n  "a/b": [1, {"c~d": "x,:]\\"y}"}, []],\n  "": {}, "e": null\n}'
    assert json.loads(text)  # the scanner reads only what the parser accepted
    starts = json_starts(text)
    assert set(starts) == {"", "/a~1b", "/a~1b/0", "/a~1b/1", "/a~1b/1/c~0d", "/a~1b/2", "/", "/e"}
    assert text[starts["/a~1b/1/c~0d"] :].startswith('"c~d"') and text[starts["/e"] :].startswith('"e"')
    assert text[starts["/a~1b/2"] :].startswith("[]") and text[starts["/"] :].startswith('"": {}')


def test_turtle_findings_name_the_dataset_node_for_want_of_a_line(tmp_path):
    d = _dcat(tmp_path, '"Narnia"', "<p>Text</p>")
    assert d.issues
    for issue in d.issues:
        assert issue.location is not None and issue.location.line is None and issue.location.subject == DS
        assert str(issue.location).endswith(f"leo.ttl <{DS}>")
        assert issue.to_dict()["location"]["subject"] == DS


def test_a_location_without_a_subject_reports_as_before():
    from adrmeta.report import Location

    assert Location(file="f.yaml", line=3, column=4).to_dict() == {"file": "f.yaml", "line": 3, "column": 4}
    assert str(Location(file="f.ttl", subject="https://x.org/d")) == "f.ttl <https://x.org/d>"
    assert str(Location(file="f.ttl", line=2, subject="https://x.org/d")) == "f.ttl:2"


def test_a_components_place_text_is_read_as_a_guess_too(tmp_path):
    """A DCAT source dataset (a component) with place text gets its nations marked an inference."""
    path = tmp_path / "parent.ttl"
    path.write_text(
        "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n"
        f'<{DS}> a dcat:Dataset ; dct:title "Linked data"@en ; dct:spatial "Wales" ;\n'
        '  dct:source [ a dcat:Dataset ; dct:title "School census" ; dct:spatial "England & Wales" ] .\n',
        encoding="utf-8",
    )
    (d,) = [x for x in import_files([path], bundled()[0]).drafts if x.fields["title"] == "Linked data"]
    (comp,) = d.fields["components"]
    assert comp["coverage"]["nations"] == ["GB-ENG", "GB-WLS"]
    assert {"path": "/components/0/coverage/nations", "basis": "inference"}.items() <= next(
        p for p in d.fields["provenance"] if p["path"] == "/components/0/coverage/nations"
    ).items()
