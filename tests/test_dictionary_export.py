"""The data dictionary in every export: a fixture with every variable feature (several tables, a
component reference, code lists with missing-value codes, units, formats, the sensitive flag, a
period, and two inferred values) is valid in each standard, carried where the standard has a
place, golden per exporter, never exports an inference, and reaches OAI-PMH harvesters."""

from __future__ import annotations

import functools
import json

import pytest
from lxml import etree

from adrmeta import export
from adrmeta.conform import csvw as conform_csvw
from adrmeta.conform import dcat as conform_dcat
from adrmeta.conform import hdruk as conform_hdruk
from adrmeta.conform import schemaorg as conform_schemaorg
from adrmeta.conform.ddi import check_bytes, schema
from adrmeta.conform.xmlsafe import safe_parser
from adrmeta.export import hdruk
from adrmeta.serve.oai import Repository
from adrmeta.validate import load

from .conftest import FIXTURES, TEST_CATALOGUE

RID = "dictionary-complete"
NS = {"d": "ddi:codebook:2_5", "o": "http://www.openarchives.org/OAI/2.0/"}
# What the fixture marks as inferences: a whole variable and one variable's unit.
INFERRED = ("sen_provision", "Special educational needs provision", "GBP per week")


@functools.cache
def fixture():
    ws = load([FIXTURES / "dictionary" / f"{RID}.yaml"], catalogue=TEST_CATALOGUE)
    assert not [i for i in ws.issues if i.severity == "error"]
    return ws.catalogue, ws.records


@functools.cache
def rendered(name: str) -> dict[str, str]:
    return export.render(name, *fixture())


def ddi_doc() -> etree._Element:
    return etree.fromstring(rendered("ddi")[f"ddi/{RID}.xml"].encode(), safe_parser())


def test_the_fixture_has_every_variable_feature():
    d = fixture()[1][RID].dictionary
    variables = [v for t in d.tables for v in t.variables]
    assert len(d.tables) >= 3 and any(t.component for t in d.tables)
    assert any(c.missing for v in variables for c in v.codes) and any(v.unit for v in variables)
    assert any(v.format for v in variables) and any(v.sensitive for v in variables) and any(v.period for v in variables)
    assert {v.type for v in variables} >= {"string", "code", "integer", "decimal", "date"}


# --- DDI ---------------------------------------------------------------------------------


def test_ddi_with_variables_is_xsd_valid_and_cessda_clean():
    assert schema().validate(ddi_doc().getroottree()), schema().error_log
    issues = check_bytes(rendered("ddi")[f"ddi/{RID}.xml"].encode(), "x.xml", RID)
    assert [i for i in issues if i.severity == "error"] == []
    assert "/ddi:codeBook/ddi:fileDscr/ddi:fileTxt/ddi:fileName" not in {i.path for i in issues}


def test_ddi_carries_tables_variables_and_codes():
    root = ddi_doc()
    files = {f.get("ID"): f.findtext("d:fileTxt/d:fileName", namespaces=NS) for f in root.iterfind("d:fileDscr", NS)}
    assert files == {"F1": "episodes", "F2": "pupils", "F3": "lookup"}
    assert root.find("d:fileDscr[@ID='F1']/d:notes[@subject='Component']", NS).get("type") == "cla"
    variables = root.findall("d:dataDscr/d:var", NS)
    assert [(v.get("name"), v.get("files")) for v in variables][:3] == [
        ("child_id", "F1"),
        ("legal_status", "F1"),
        ("placement_cost", "F1"),
    ]
    status = variables[1]
    assert status.findtext("d:labl", namespaces=NS) == "Legal status"
    assert status.findtext("d:security", namespaces=NS) == "Not sensitive"
    assert status.findtext("d:notes[@subject='Period']", namespaces=NS) == "2006/07 onwards"
    # a code does not say how it is stored: no varFormat (whose absent @type reads numeric), the format in a note
    assert status.find("d:varFormat", NS) is None
    assert status.findtext("d:notes[@subject='Format']", namespaces=NS) == "CHAR(2)"
    child = variables[0]
    assert (child.find("d:varFormat", NS).get("type"), child.findtext("d:varFormat", namespaces=NS)) == ("character", "CHAR(16)")
    codes = [(c.findtext("d:catValu", namespaces=NS), c.get("missing")) for c in status.iterfind("d:catgry", NS)]
    assert codes == [("C1", None), ("C2", None), ("-9", "Y")]
    absent = next(v for v in variables if v.get("name") == "absence_days")
    assert absent.get("measUnit") == "days" and absent.get("representationType") == "numeric" and absent.get("dcml") == "0"


def test_oai_ddi25_carries_the_variables():
    catalogue, records = fixture()
    repo = Repository(catalogue, records, "http://127.0.0.1:9/", stylesheet=None)
    doc = etree.fromstring(
        repo.respond([("verb", "GetRecord"), ("metadataPrefix", "oai_ddi25"), ("identifier", f"{repo.prefix_id}{RID}")]),
        safe_parser(),
    )
    names = [v.get("name") for v in doc.iterfind(".//d:codeBook/d:dataDscr/d:var", NS)]
    assert names[:2] == ["child_id", "legal_status"] and "sen_provision" not in names


# --- HDR UK, schema.org, CSVW, DCAT ------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0.0", "4.0.0"])
def test_hdruk_structural_metadata_is_valid_in_both_versions(version):
    folder = hdruk.VERSIONS[version]
    text = rendered(folder)[f"{folder}/{RID}.json"]
    assert conform_hdruk.check(text.encode(), "x.json", RID, version) == []
    tables = json.loads(text)["structuralMetadata"]["tables"]
    assert [t["name"] for t in tables] == ["episodes", "pupils"]  # lookup: no variable states type and sensitivity
    status = tables[0]["columns"][1]
    assert status["sensitive"] is False and status["dataType"] == "code"
    assert [v["name"] for v in status["values"]] == ["C1", "C2", "-9"]


def test_schemaorg_variable_measured_is_clean():
    text = rendered("schemaorg")[f"schemaorg/{RID}.jsonld"]
    issues = conform_schemaorg.check_bytes(text.encode(), "x.jsonld", RID)
    assert [i for i in issues if i.severity == "error"] == []
    assert "/variableMeasured" not in {i.path for i in issues}
    measured = json.loads(text)["variableMeasured"]
    assert measured[1]["valueReference"][2] == {
        "@type": "DefinedTerm",
        "termCode": "-9",
        "name": "Not recorded",
        "description": "Missing value",
    }
    assert any(v.get("unitText") == "days" for v in measured)


def test_csvw_schemas_are_conformant_and_linked_from_the_distribution():
    schemas = rendered("csvw")
    assert sorted(schemas) == [f"csvw/{RID}/{t}.json" for t in ("episodes", "lookup", "pupils")]
    for rel, text in schemas.items():
        assert conform_csvw.check_bytes(text.encode(), rel, RID) == []
    pupils = json.loads(schemas[f"csvw/{RID}/pupils.json"])
    fsm = pupils["columns"][1]
    assert fsm["null"] == ["X"] and fsm["datatype"] == {"base": "string", "format": "^(?:1|0)$"}
    ttl = rendered("dcat")[f"dcat/datasets/{RID}.ttl"]
    assert conform_dcat.check_turtle(ttl.encode(), "x.ttl", RID) == []
    import rdflib

    g = rdflib.Graph().parse(data=ttl, format="turtle")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    linked = sorted(str(o) for _s, o in g.subject_objects(DCT.conformsTo))
    base = fixture()[0].base_uri
    assert linked == sorted(f"{base}{rel}" for rel in schemas)


def test_the_csvw_check_catches_a_broken_schema():
    doc = {
        "@context": "http://www.w3.org/ns/csvw",
        "columns": [{"name": "_x", "datatype": "text"}, {"name": "a", "datatype": {"base": "string", "format": "("}}],
    }
    paths = [i.path for i in conform_csvw.check(doc, "x.json", RID)]
    assert paths == ["/columns/0/name", "/columns/0/datatype", "/columns/1/datatype/format"]


# --- every exporter ------------------------------------------------------------------------

GOLDEN = {
    "ddi": [f"ddi/{RID}.xml"],
    "hdruk": [f"hdruk/{RID}.json"],
    "hdruk-4": [f"hdruk-4/{RID}.json"],
    "schemaorg": [f"schemaorg/{RID}.jsonld"],
    "dcat": [f"dcat/datasets/{RID}.ttl", f"dcat/datasets/{RID}.jsonld"],
    "csvw": [f"csvw/{RID}/episodes.json", f"csvw/{RID}/pupils.json", f"csvw/{RID}/lookup.json"],
    "site": [f"site/dataset/{RID}.html"],
}


def test_every_exporter_has_a_golden_file():
    assert set(GOLDEN) == set(export.EXPORTERS) - {"dcat-uk"}  # dcat-uk: the fixture lacks what the profile requires


@pytest.mark.parametrize("name,rel", [(n, r) for n, rels in GOLDEN.items() for r in rels])
def test_golden_files(name, rel, file_regression):
    stem, ext = rel.rsplit(".", 1)
    file_regression.check(rendered(name)[rel], basename=stem.replace("/", "-"), extension=f".{ext}")


@pytest.mark.parametrize("name", sorted(export.EXPORTERS))
def test_inferred_dictionary_values_are_never_exported(name):
    text = "".join(rendered(name).values())
    assert text or name in export.COMPLETE_ONLY, name  # dcat-uk leaves the fixture out: it lacks required facts
    for value in INFERRED:
        assert value not in text, (name, value)


def test_conform_checks_every_file_of_an_export_with_a_dictionary(tmp_path):
    from adrmeta.conform.exports import check_tree
    from adrmeta.exportrun import Sink, run

    run(Sink(tmp_path), *fixture(), sorted(export.EXPORTERS), found=None)
    report = check_tree(tmp_path)
    assert [i for i in report.issues if i.severity == "error"] == []
    assert {f"csvw/{RID}/{t}.json" for t in ("episodes", "pupils", "lookup")} <= set(report.checked)
    (tmp_path / "csvw" / RID / "lookup.json").write_text('{"@context": "http://www.w3.org/ns/csvw", "columns": [{"name": "_a"}]}')
    broken = [i for i in check_tree(tmp_path).issues if i.code == "csvw.schema"]
    assert [(i.record, i.path) for i in broken] == [(RID, "/columns/0/name")]


def test_the_server_answers_each_schema_iri():
    import io

    from adrmeta.serve.app import App

    catalogue, records = fixture()
    app = App(catalogue, records, "http://127.0.0.1:9/")

    def get(path: str) -> tuple[str, bytes]:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "HTTP_HOST": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            "CONTENT_LENGTH": "0",
        }
        status: list[str] = []
        body = b"".join(app(environ, lambda s, h: status.append(s)))
        return status[0], body

    status, body = get(f"/csvw/{RID}/pupils.json")
    assert status == "200 OK" and body.decode() == rendered("csvw")[f"csvw/{RID}/pupils.json"]
    assert get(f"/csvw/{RID}/nothing.json")[0] == "404 Not Found"


# --- round trip through the dictionary readers ----------------------------------------------


def read_text_back(text: str, rel: str, reader: str, tmp_path):
    """An exported file read by `adrmeta dictionary import`'s reader, as plain data."""
    from adrmeta.dictionaries import Options, import_file, plain
    from adrmeta.importers.source import Source

    path = tmp_path / rel.replace("/", "-")
    path.write_text(text, encoding="utf-8")
    got = import_file(Source.read(path, path.name), reader, Options())
    assert got.issues == []
    return plain(got.dictionary)


def read_back(name: str, rel: str, reader: str, tmp_path):
    return read_text_back(rendered(name)[rel], rel, reader, tmp_path)


def stated_dictionary():
    from adrmeta.dictionaries import plain
    from adrmeta.provenance import published

    return plain(published(fixture()[1])[RID].dictionary)


def ddi_carried(want: dict) -> dict:
    """What DDI carries of a (plain) dictionary: all but its and the tables' sources (never exported). Texts keep their
    paragraphs; spaces inside a paragraph are XML layout to the reader (`ddi.tidy`)."""
    from adrmeta.dictionaries.ddi import tidy

    def tidied(value):
        if isinstance(value, dict):
            return {k: tidied(v) for k, v in value.items()}
        if isinstance(value, list):
            return [tidied(v) for v in value]
        return tidy(value) if isinstance(value, str) else value

    want = {k: v for k, v in want.items() if k != "source"}
    want["tables"] = [{k: v for k, v in t.items() if k != "source"} for t in want["tables"]]
    return tidied(want)


def hdruk_tables(want: dict) -> list[dict]:
    """The tables HDR UK carries: those with a column whose type and sensitive flag are stated."""
    return [t for t in want["tables"] if any("sensitive" in v and "type" in v for v in t["variables"])]


def assert_hdruk_carries(got: dict, want: dict) -> None:
    """Of the tables HDR UK carries, the names, descriptions (else labels), and of their columns
    the types, flags, descriptions (else labels) and codes with their labels come back."""
    carried = hdruk_tables(want)
    assert [t["name"] for t in got["tables"]] == [t["name"] for t in carried]
    for table, back in zip(carried, got["tables"], strict=True):
        assert back.get("description") == table.get("description", table.get("label"))
        for var, column in zip(table["variables"], back["variables"], strict=True):
            assert (column["name"], column["type"], column["sensitive"]) == (var["name"], var["type"], var["sensitive"])
            assert column.get("description") == var.get("description", var.get("label"))
            assert [(c["value"], c.get("label")) for c in column.get("codes", [])] == [
                (c["value"], c.get("label")) for c in var.get("codes", [])
            ]


def test_ddi_round_trip(tmp_path):
    """Every table and variable comes back equal; only what `ddi_carried` leaves out does not."""
    assert read_back("ddi", f"ddi/{RID}.xml", "ddi", tmp_path) == ddi_carried(stated_dictionary())


@pytest.mark.parametrize("name", ["hdruk", "hdruk-4"])
def test_hdruk_round_trip_keeps_what_hdruk_carries(name, tmp_path):
    assert_hdruk_carries(read_back(name, f"{name}/{RID}.json", "hdruk", tmp_path), stated_dictionary())


@pytest.mark.parametrize("name", ["ddi", "hdruk", "hdruk-4"])
def test_every_bundled_dictionary_comes_back_through_the_dictionary_import(name, tmp_path):
    """`adrmeta import` leaves a dictionary out (tests/test_import_*.py); it travels by
    `adrmeta dictionary import` of the DDI or HDR UK export, which gives back what the format carries."""
    from adrmeta.dictionaries import plain

    from .conftest import published_bundled

    catalogue, records = published_bundled()
    files = export.render(name, catalogue, records)
    # a record the format leaves out whole (HDR UK: one missing a required fact) carries nothing
    checked = sorted(
        rid for rid, rec in records.items() if rec.dictionary and f"{name}/{rid}.{'xml' if name == 'ddi' else 'json'}" in files
    )
    assert checked  # else this test checks nothing
    for rid in checked:
        want = plain(records[rid].dictionary)
        if name == "ddi":
            assert read_text_back(files[f"ddi/{rid}.xml"], f"ddi/{rid}.xml", "ddi", tmp_path) == ddi_carried(want), rid
        elif not hdruk_tables(want):  # no variable with a stated sensitivity: no structuralMetadata at all
            assert "structuralMetadata" not in json.loads(files[f"{name}/{rid}.json"]), rid
        else:
            assert_hdruk_carries(read_text_back(files[f"{name}/{rid}.json"], f"{name}/{rid}.json", "hdruk", tmp_path), want)


def big(n_vars: int, n_codes: int, table: str = "big table/1"):
    import attrs

    from adrmeta.model import Code, Dictionary, Table, Variable

    catalogue, records = fixture()
    codes = tuple(Code(value=str(i), label=f"Category {i}") for i in range(n_codes))
    variables = tuple(Variable(name=f"v{i}", type="code", codes=codes) for i in range(n_vars))
    rec = attrs.evolve(records[RID], dictionary=Dictionary(tables=(Table(name=table, variables=variables),)))
    return catalogue, {RID: rec}


def test_large_tables_and_code_lists_start_collapsed_on_the_page():
    page = export.render("site", *big(51, 11))[f"site/dataset/{RID}.html"]
    assert "<details><summary>Show the 51 variables</summary>" in page
    assert page.count("<details><summary>11 codes</summary>") == 51
    small = export.render("site", *big(50, 10))[f"site/dataset/{RID}.html"]
    assert "<details>" not in small


def test_a_table_name_that_is_no_file_name_gets_its_position():
    catalogue, records = big(2, 0, table="../escape me")
    assert list(export.render("csvw", catalogue, records)) == [f"csvw/{RID}/table-1.json"]
    dcat = export.render("dcat", catalogue, records)[f"dcat/datasets/{RID}.ttl"]
    assert f"{catalogue.base_uri}csvw/{RID}/table-1.json" in dcat


def test_a_csvw_processor_reads_data_with_the_exported_schema(tmp_path):
    """The `csvw` library (a CSVW 1.0 implementation) applies a table schema as exported: types
    parse, a missing-value code reads as empty, a value outside the code list is refused."""
    csvw = pytest.importorskip("csvw")
    schema = json.loads(rendered("csvw")[f"csvw/{RID}/pupils.json"])
    table = csvw.Table.fromvalue(
        {"@context": schema["@context"], "url": "pupils.csv", "tableSchema": {k: v for k, v in schema.items() if k != "@context"}}
    )
    good = tmp_path / "pupils.csv"
    good.write_text("child_id,fsm_eligible,absence_days\nabc,1,3\ndef,X,0\n", encoding="utf-8")
    rows = [dict(r) for r in table.iterdicts(fname=str(good))]
    assert rows == [
        {"child_id": "abc", "fsm_eligible": "1", "absence_days": 3},
        {"child_id": "def", "fsm_eligible": None, "absence_days": 0},
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("child_id,fsm_eligible,absence_days\nabc,7,3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="fsm_eligible"):
        list(table.iterdicts(fname=str(bad)))
