"""DDI Codebook 2.5 export: valid against the official XSD (offline), meeting every mandatory rule
of the CESSDA CDC 2.5 profile read from its own file, golden files, round trip, hostile text."""

from __future__ import annotations

import functools
import shutil

import pytest
from lxml import etree

from adrmeta import export, vocab
from adrmeta.conform import cessda
from adrmeta.conform.ddi import check_bytes, schema
from adrmeta.conform.xmlsafe import SchemaUnavailable, load_schema, safe_parser
from adrmeta.validate import load

from .conftest import FIXTURES, ROOT, TEST_CATALOGUE, published_bundled, run_cli

NS = {"d": "ddi:codebook:2_5"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VENDOR = ROOT / "schemas" / "vendor"


@functools.cache
def rendered() -> dict[str, str]:
    return export.render("ddi", *published_bundled())


RIDS = sorted(published_bundled()[1])


def doc(rid: str) -> etree._Element:
    return etree.fromstring(rendered()[f"ddi/{rid}.xml"].encode(), safe_parser())


@pytest.mark.parametrize("rid", RIDS)
def test_valid_against_the_codebook_xsd(rid):
    xsd = schema()
    assert xsd.validate(doc(rid).getroottree()), xsd.error_log


def test_the_xsd_does_reject_invalid_ddi():
    root = doc("leo")
    std = root.find("d:stdyDscr", NS)
    std.insert(0, etree.Element("{ddi:codebook:2_5}notAnElement"))
    assert not schema().validate(root.getroottree())


def test_schema_loading_is_local_and_complete(tmp_path):
    """Every import resolves to a vendored file; a missing one fails loudly instead of silently."""
    copy = tmp_path / "ddi"
    shutil.copytree(VENDOR / "ddi-codebook-2.5", copy)
    xsd = copy / "codebook.xsd"
    assert load_schema(xsd) is not None
    # An import nothing refers to, whose file is missing: libxml2 compiles the schema without a
    # word (the trap that makes "valid" mean nothing); the loader must refuse it.
    xsd.write_text(
        xsd.read_text().replace(
            '<xs:import namespace="http://purl.org/dc/terms/" schemaLocation="dcterms.xsd"/>',
            '<xs:import namespace="http://purl.org/dc/terms/" schemaLocation="dcterms.xsd"/>\n'
            '   <xs:import namespace="urn:example:unused" schemaLocation="missing.xsd"/>',
        )
    )
    with pytest.raises(SchemaUnavailable, match="missing.xsd"):
        load_schema(xsd)
    (copy / "xml.xsd").unlink()  # a missing import that is used fails too
    with pytest.raises(SchemaUnavailable):
        load_schema(xsd)


def test_schema_imports_pointing_at_the_network_are_refused(tmp_path):
    copy = tmp_path / "ddi"
    shutil.copytree(VENDOR / "ddi-codebook-2.5", copy)
    xsd = copy / "codebook.xsd"
    xsd.write_text(
        xsd.read_text().replace(
            'schemaLocation="dcterms.xsd"', 'schemaLocation="http://dublincore.org/schemas/xmls/qdc/dcterms.xsd"'
        )
    )
    with pytest.raises(SchemaUnavailable):
        load_schema(xsd)


def test_the_profile_checker_reads_the_profile_file():
    profile = cessda.cdc_profile()
    raw = (VENDOR / "cessda-cdc-ddi-2.5" / "cdc25_profile.xml").read_text()
    assert len(profile.rules) == raw.count("<pr:Used ") == 98
    assert profile.version == "3.1.0"
    mandatory = {r.xpath for r in profile.rules if r.level == "mandatory"}
    assert "/ddi:codeBook/ddi:stdyDscr/ddi:citation/ddi:titlStmt/ddi:titl" in mandatory
    assert "/ddi:codeBook/ddi:stdyDscr/ddi:stdyInfo/ddi:abstract/@xml:lang" in mandatory
    assert {r.level for r in profile.rules} == {"mandatory", "recommended", "optional"}


def test_a_profile_is_a_file_swap(tmp_path):
    """Rules come from the file: a profile with one extra mandatory rule changes the result."""
    raw = (VENDOR / "cessda-cdc-ddi-2.5" / "cdc25_profile.xml").read_text()
    extra = (
        '<pr:Used xpath="/ddi:codeBook/ddi:stdyDscr/ddi:studyAuthorization" isRequired="true">'
        "<r:Description><r:Content>Required: Mandatory</r:Content></r:Description></pr:Used>\n"
    )
    swapped = tmp_path / "profile.xml"
    swapped.write_text(raw.replace("</pr:DDIProfile>", extra + "</pr:DDIProfile>"))
    profile = cessda.read_profile(swapped)
    findings = cessda.check(doc("leo"), profile)
    assert [f.rule.xpath for f in findings if f.level == "mandatory"] == ["/ddi:codeBook/ddi:stdyDscr/ddi:studyAuthorization"]


# Recommended profile rules that no record can meet: the records do not hold these facts.
NOT_HELD = {
    "/ddi:codeBook/ddi:fileDscr/ddi:fileTxt/ddi:fileName": "no data files are described: access is in a TRE",
    "/ddi:codeBook/ddi:stdyDscr/ddi:method/ddi:dataColl/ddi:collMode": "mode of collection is not recorded",
    "/ddi:codeBook/ddi:stdyDscr/ddi:method/ddi:dataColl/ddi:collMode/ddi:concept": "mode of collection is not recorded",
    "/ddi:codeBook/ddi:stdyDscr/ddi:method/ddi:dataColl/ddi:sampProc/ddi:concept": "administrative data: no sampling",
    "/ddi:codeBook/ddi:stdyDscr/ddi:method/ddi:dataColl/ddi:timeMeth": "time method is not recorded",
    "/ddi:codeBook/ddi:stdyDscr/ddi:method/ddi:dataColl/ddi:timeMeth/ddi:concept": "time method is not recorded",
    "/ddi:codeBook/ddi:stdyDscr/ddi:stdyInfo/ddi:sumDscr/ddi:collDate": "coverage periods are exported as timePrd",
    "/ddi:codeBook/ddi:stdyDscr/ddi:stdyInfo/ddi:subject/ddi:keyword/@vocab": "keywords are free text, not ELSST",
}


def expected_recommended(rec) -> set[str]:
    """Recommended rules this record cannot meet because it lacks the field."""
    base = "/ddi:codeBook/ddi:stdyDscr"
    lacks = {
        f"{base}/ddi:citation/ddi:rspStmt/ddi:AuthEnty": not rec.data_owners,
        f"{base}/ddi:dataAccs/ddi:useStmt/ddi:restrctn": not any(r.accreditation for r in rec.access),
        f"{base}/ddi:stdyInfo/ddi:subject/ddi:topcClas": not rec.themes,
        f"{base}/ddi:stdyInfo/ddi:sumDscr/ddi:nation": not rec.coverage.nations,
        f"{base}/ddi:stdyInfo/ddi:sumDscr/ddi:universe": not rec.population,
        f"{base}/ddi:stdyInfo/ddi:sumDscr/ddi:anlyUnit": not rec.unit_of_analysis,
        f"{base}/ddi:stdyInfo/ddi:sumDscr/ddi:anlyUnit/ddi:concept": not rec.unit_of_analysis,
        f"{base}/ddi:stdyInfo/ddi:subject/ddi:keyword/@vocab": bool(rec.keywords),
    }
    return {xpath for xpath, missing in lacks.items() if missing}


@pytest.mark.parametrize("rid", RIDS)
def test_meets_every_mandatory_cessda_rule_and_recommended_where_it_has_the_data(rid):
    issues = check_bytes(rendered()[f"ddi/{rid}.xml"].encode(), f"ddi/{rid}.xml", rid)
    assert [i for i in issues if i.severity == "error"] == []
    recommended = {i.path for i in issues if i.code == "ddi.profile-recommended"}
    assert recommended - set(NOT_HELD) == expected_recommended(published_bundled()[1][rid]) - set(NOT_HELD)
    assert recommended <= set(NOT_HELD) | expected_recommended(published_bundled()[1][rid])


@pytest.mark.parametrize("rid", ["leo", "data-first-family-court-cafcass", "welsh-environmental-dataset", "ad-arc"])
def test_golden_files(rid, file_regression):
    file_regression.check(rendered()[f"ddi/{rid}.xml"], basename=f"ddi-{rid}", extension=".xml")


@pytest.mark.parametrize("rid", RIDS)
def test_round_trip_of_key_facts(rid):
    rec = published_bundled()[1][rid]
    root = doc(rid)
    assert root.findtext("d:stdyDscr/d:citation/d:titlStmt/d:titl", namespaces=NS) == rec.title
    assert root.findtext("d:stdyDscr/d:stdyInfo/d:abstract", namespaces=NS) == rec.summary
    starts = [e.get("date") for e in root.iterfind(".//d:sumDscr/d:timePrd[@event='start']", NS)]
    ends = [e.get("date") for e in root.iterfind(".//d:sumDscr/d:timePrd[@event='end']", NS)]
    periods = [*rec.coverage.periods, *(p for c in rec.components if c.coverage for p in c.coverage.periods)]
    assert starts == [p.start for p in periods if p.start] and ends == [p.end for p in periods if p.end]
    assert [e.get("abbr") for e in root.iterfind(".//d:sumDscr/d:nation", NS)] == list(rec.coverage.nations)
    places = [e.text for e in root.iterfind("d:stdyDscr/d:dataAccs/d:setAvail/d:accsPlac", NS)]
    tres = {t.id: t.title for t in published_bundled()[0].tres}
    assert places == [tres[r.tre] for r in rec.access]
    docs = [
        e.findtext("d:citation/d:titlStmt/d:titl", namespaces=NS) for e in root.iterfind("d:stdyDscr/d:othrStdyMat/d:relMat", NS)
    ]
    assert docs == [d.title for d in rec.documentation]
    kinds = [e.get("type") for e in root.iterfind("d:stdyDscr/d:othrStdyMat/d:relMat", NS)]
    assert kinds == [d.kind for d in rec.documentation]


def test_every_text_element_carries_the_language():
    root = doc("leo")
    for el in root.iter(
        "{ddi:codebook:2_5}titl",
        "{ddi:codebook:2_5}abstract",
        "{ddi:codebook:2_5}keyword",
        "{ddi:codebook:2_5}nation",
        "{ddi:codebook:2_5}distrbtr",
        "{ddi:codebook:2_5}conditions",
    ):
        assert el.get(XML_LANG) == "en", el.tag


def test_hostile_text_is_escaped(tmp_path):
    text = (
        (FIXTURES / "flagship" / "eligible.yaml")
        .read_text()
        .replace(
            "title: A linked dataset meeting every flagship criterion",
            'title: "Tom & Jerry\'s <dataset> \\"quoted\\" ]]> café – 🧒"',
        )
    )
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "eligible.yaml").write_text(text)
    (tmp_path / "catalogue.yaml").write_text(TEST_CATALOGUE.read_text())
    ws = load(cwd=tmp_path)
    xml = export.render("ddi", ws.catalogue, ws.records)["ddi/eligible.xml"]
    assert "Tom &amp; Jerry's &lt;dataset&gt;" in xml
    root = etree.fromstring(xml.encode(), safe_parser())
    assert (
        root.findtext("d:stdyDscr/d:citation/d:titlStmt/d:titl", namespaces=NS)
        == 'Tom & Jerry\'s <dataset> "quoted" ]]> café – 🧒'
    )
    assert schema().validate(root.getroottree())


@pytest.mark.parametrize("escape", ["\\x07", "\\x00", "\\x1f", "\\uFFFE", "\\uFFFF"])
def test_characters_xml_forbids_are_rejected_before_any_export(escape, tmp_path):
    text = (
        (FIXTURES / "flagship" / "eligible.yaml")
        .read_text()
        .replace("title: A linked dataset meeting every flagship criterion", f'title: "bell {escape} here"')
    )
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "eligible.yaml").write_text(text)
    (tmp_path / "catalogue.yaml").write_text(TEST_CATALOGUE.read_text())
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 1 and "schema.control-character" in result.stdout, result.stdout + result.stderr
    assert "records/eligible.yaml:" in result.stdout
    for fmt in ("ddi", "dcat", "all"):
        result = run_cli("export", *(("--format", fmt) if fmt != "all" else ()), cwd=tmp_path)
        assert result.returncode == 1 and "schema.control-character" in result.stdout
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "exports").exists()


@pytest.mark.parametrize("escape", ["\\uD800", "\\uDFFF", "\\uFFFE"])
def test_lone_surrogates_are_rejected_by_either_yaml_parser(escape, tmp_path, monkeypatch):
    """libyaml refuses a lone surrogate escape; the pure-Python parser (used for files that may
    nest deeply) reads it, and the character check must catch it."""
    from adrmeta import records

    monkeypatch.setattr(records, "_shallow", lambda text: False)
    path = tmp_path / "eligible.yaml"
    path.write_text(
        (FIXTURES / "flagship" / "eligible.yaml")
        .read_text()
        .replace("title: A linked dataset meeting every flagship criterion", f'title: "bell {escape} here"')
    )
    loaded = records.load_record(path)
    assert loaded.value is None and [i.code for i in loaded.issues] == ["schema.control-character"]
    assert loaded.issues[0].location.line == 3


def test_safe_parser_resolves_no_entities_and_no_dtd():
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><r>&b;</r>'
    root = etree.fromstring(bomb, safe_parser())
    assert "aaaaaaaaaa" not in (etree.tostring(root).decode())
    external = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    assert "root:" not in etree.tostring(etree.fromstring(external, safe_parser())).decode()


def test_check_bytes_reports_broken_xml_with_a_location():
    [issue] = check_bytes(b"<codeBook><unclosed></codeBook>", "ddi/broken.xml")
    assert issue.code == "ddi.xsd" and issue.location.line == 1


def test_cli_exports_ddi(tmp_path):
    result = run_cli("export", "--format", "ddi", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "ddi").iterdir())
    assert files == sorted(f"{rid}.xml" for rid in RIDS)
    assert (tmp_path / "ddi" / "leo.xml").read_text() == rendered()["ddi/leo.xml"]


def test_analysis_units_use_the_ddi_vocabulary():
    root = doc("leo")
    [concept] = root.iterfind(".//d:anlyUnit/d:concept", NS)
    assert concept.get("vocab") == "DDI Analysis Unit" and concept.get("vocabURI") == vocab.DDI_ANALYSIS_UNIT
    assert concept.text == "Individual"


def test_vendor_path_finds_artefacts_and_refuses_missing_ones():
    from adrmeta.vendored import vendor_path

    assert (
        vendor_path("ddi-codebook-2.5", "codebook.xsd").read_bytes()
        == (VENDOR / "ddi-codebook-2.5" / "codebook.xsd").read_bytes()
    )
    with pytest.raises(FileNotFoundError, match="reinstall"):
        vendor_path("no-such-standard", "schema.xsd")


def test_each_conformance_code_is_produced():
    good = rendered()["ddi/leo.xml"].encode()
    no_abstract = etree.fromstring(good, safe_parser())
    abstract = no_abstract.find("d:stdyDscr/d:stdyInfo/d:abstract", NS)
    abstract.getparent().remove(abstract)
    codes = {
        "ddi.xsd": check_bytes(good.replace(b"<abstract", b"<abstrakt").replace(b"</abstract>", b"</abstrakt>"), "x"),
        "ddi.profile-mandatory": check_bytes(etree.tostring(no_abstract), "x"),
        "ddi.profile-recommended": check_bytes(good, "x"),
    }
    for code, issues in codes.items():
        assert code in {i.code for i in issues}, code
    assert {i.code for i in codes["ddi.profile-mandatory"]} == {"ddi.profile-mandatory", "ddi.profile-recommended"}


def test_free_form_variant_values_are_checked_for_characters_xml_forbids(tmp_path):
    from adrmeta import records

    path = tmp_path / "minimal.yaml"
    path.write_text(
        (FIXTURES / "valid" / "minimal.yaml").read_text()
        + 'variants:\n  - path: /title\n    source: adr-2022-brochure\n    value: "a\\uFFFFb"\n'
    )
    loaded = records.load_record(path)
    assert [(i.code, i.path) for i in loaded.issues] == [("schema.control-character", "/variants/0/value")]
