"""Data dictionaries: side files loaded with locations, the readers of other forms, the import
command (all or nothing, exit codes), provenance and datestamps over variables, and the flagship
criterion a machine-readable dictionary meets."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from adrmeta import datestamps, provenance
from adrmeta.dictionaries import Options, import_file
from adrmeta.eligibility import assess
from adrmeta.importers.source import Source
from adrmeta.validate import load, validate

from .conftest import FIXTURES, TEST_CATALOGUE, TODAY, run_cli

DICTS = FIXTURES / "dictionaries"
MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text()
SIDE_YAML = """tables:
  - name: people
    label: People
    variables:
      - name: sex
        label: Sex
        type: code
        codes:
          - value: "1"
            label: Male
          - value: "-9"
            label: Not known
            missing: true
      - name: age
        label: Age in years
        type: integer
"""
SIDE_CSV = "table,variable,label,type,codes,missing,sensitive\npeople,sex,Sex,code,1=Male; 2=Female,-9=Not known,no\npeople,age,Age,integer,,,\n"


@pytest.fixture
def repo(tmp_path):
    """A records repository with one record, `minimal`."""
    shutil.copy(TEST_CATALOGUE, tmp_path / "catalogue.yaml")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "minimal.yaml").write_text(MINIMAL)
    return tmp_path


def _record(repo):
    ws = load(cwd=repo)
    return ws, ws.records["minimal"]


def test_a_yaml_side_file_is_merged_and_located(repo):
    (repo / "records" / "minimal.dictionary.yaml").write_text(SIDE_YAML.replace("        label: Sex\n", ""))
    ws, rec = _record(repo)
    assert [v.name for v in rec.dictionary.tables[0].variables] == ["sex", "age"]
    assert rec.dictionary.tables[0].variables[0].codes[1].missing
    assert list(ws.records) == ["minimal"]  # the side file is not taken for a record
    report = validate(cwd=repo, today=TODAY)
    [issue] = [i for i in report.issues if i.code.startswith("dictionary.")]
    assert issue.code == "dictionary.missing-label"
    assert issue.location.file.endswith("minimal.dictionary.yaml") and (issue.location.line, issue.location.column) == (5, 9)


def test_a_csv_side_file_is_merged_and_located_by_row_and_column(repo):
    (repo / "records" / "minimal.dictionary.csv").write_text(SIDE_CSV.replace("integer", "whole"))
    report = validate(cwd=repo, today=TODAY)
    [issue] = report.at_least("error")
    assert issue.code == "schema.enum" and issue.path == "/dictionary/tables/0/variables/1/type"
    assert issue.location.file.endswith("minimal.dictionary.csv") and (issue.location.line, issue.location.column) == (3, 4)
    (repo / "records" / "minimal.dictionary.csv").write_text(SIDE_CSV)
    _ws, rec = _record(repo)
    sex = rec.dictionary.tables[0].variables[0]
    assert [(c.value, c.label, c.missing) for c in sex.codes] == [
        ("1", "Male", False),
        ("2", "Female", False),
        ("-9", "Not known", True),
    ]
    assert sex.sensitive is False and rec.dictionary.tables[0].variables[1].type == "integer"


def test_yaml_and_csv_side_files_together_are_an_error(repo):
    (repo / "records" / "minimal.dictionary.yaml").write_text(SIDE_YAML)
    (repo / "records" / "minimal.dictionary.csv").write_text(SIDE_CSV)
    assert "dictionary.given-twice" in validate(cwd=repo, today=TODAY).codes()


def test_a_broken_csv_side_file_is_located_and_keeps_the_record_from_export(repo):
    (repo / "records" / "minimal.dictionary.csv").write_text('table,variable,label\npeople,"sex,Sex\n')
    report = validate(cwd=repo, today=TODAY)
    [issue] = report.at_least("error")
    assert issue.code == "dictionary.malformed" and issue.location.line == 2
    assert run_cli("export", "--out", str(repo / "out"), cwd=repo).returncode == 1
    assert not (repo / "out").exists()


def test_a_side_file_named_on_the_command_line_stands_for_its_record(repo):
    side = repo / "records" / "minimal.dictionary.yaml"
    side.write_text(SIDE_YAML)
    report = validate([side], cwd=repo, today=TODAY)
    assert report.checked == ("minimal",) and report.ok("warning")


def test_provenance_covers_variables_and_the_datestamp_follows_the_dictionary(repo):
    (repo / "records" / "minimal.dictionary.yaml").write_text("source: adr-2022-brochure\n" + SIDE_YAML)
    ws, rec = _record(repo)
    found = {f.path: f for f in provenance.facts(rec)}
    assert found["/dictionary/tables/0/variables/1/label"].value == "Age in years"
    assert found["/dictionary/tables/0/variables/1/label"].source == "adr-2022-brochure"
    assert provenance.removable("/dictionary/tables/0/variables/1/label")
    before = datestamps.fingerprint(ws.catalogue, rec)
    (repo / "records" / "minimal.dictionary.yaml").write_text(
        "source: adr-2022-brochure\n" + SIDE_YAML.replace("Age in years", "Age")
    )
    assert datestamps.fingerprint(ws.catalogue, _record(repo)[1]) != before


def _read(path: Path, fmt: str, **options) -> object:
    return import_file(Source.read(path, path.name), fmt, Options(**options))


def test_mauro_reader_on_a_real_sail_data_model():
    got = _read(DICTS / "mauro-sail-ncchd.json", "mauro")
    tables = {t.name: t for t in got.dictionary.tables}
    assert len(tables) == 13 and sum(len(t.variables) for t in tables.values()) == 318
    height = next(v for v in tables["EXAM"].variables if v.name == "HEIGHT_CM")
    assert (height.type, height.format, height.label) == ("decimal", "DOUBLE", None)  # no label is invented
    assert height.description.startswith("Height in cm of child")


def test_hdruk_reader_reads_2x_lists_and_3x_4x_tables(tmp_path):
    column = {
        "name": "sex",
        "dataType": "VARCHAR(1)",
        "sensitive": False,
        "description": "Sex",
        "values": [{"name": "M", "description": "Male"}],
    }
    new = tmp_path / "new.json"
    new.write_text(json.dumps({"metadata": {"structuralMetadata": {"tables": [{"name": "people", "columns": [column]}]}}}))
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"structuralMetadata": [{"name": "people", "elements": [column]}]}))
    for path in (new, old):
        [var] = _read(path, "hdruk").dictionary.tables[0].variables
        assert (var.type, var.format, var.sensitive, var.codes[0].label) == ("string", "VARCHAR(1)", False, "Male")


DDI = """<?xml version="1.0"?>
<codeBook xmlns="ddi:codebook:2_5" version="2.5">
  <fileDscr ID="F1"><fileTxt><fileName>episodes</fileName><fileCont>One row per episode.</fileCont></fileTxt></fileDscr>
  <dataDscr>
    <var ID="V1" name="legal_status" files="F1" representationType="code">
      <labl>Legal status</labl><security>Sensitive</security>
      <catgry><catValu>C1</catValu><labl>Interim care order</labl></catgry>
      <catgry missing="Y"><catValu>-9</catValu><labl>Not recorded</labl></catgry>
      <notes subject="Period">2006/07 onwards</notes>
    </var>
    <var ID="V2" name="cost" files="F1" representationType="numeric" measUnit="GBP"/>
    <var ID="V3" name="days" files="F1" representationType="numeric">
      <notes subject="Format">N(3)</notes><notes subject="Type">integer</notes>
    </var>
  </dataDscr>
</codeBook>
"""


def test_ddi_reader_takes_files_as_tables_and_categories_as_codes(tmp_path):
    path = tmp_path / "ddi.xml"
    path.write_text(DDI)
    [table] = _read(path, "ddi").dictionary.tables
    status, cost, days = table.variables
    assert (table.name, table.description) == ("episodes", "One row per episode.")
    assert (status.type, status.sensitive, status.period) == ("code", True, "2006/07 onwards")
    assert [(c.value, c.missing) for c in status.codes] == [("C1", False), ("-9", True)]
    assert (cost.type, cost.unit, cost.label) == ("decimal", "GBP", None)  # DDI's numeric: no more is known
    assert (days.type, days.format) == ("integer", "N(3)")  # unless the file states the type


def test_xlsx_reader_reads_the_layout_with_a_mapping(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Variable name", "Label", "Type", "Codes"])
    sheet.append(["sex", "Sex", "code", "1=Male; 2=Female"])
    sheet.append(["weight", "Weight", "decimal", None])
    book.save(tmp_path / "d.xlsx")
    got = _read(tmp_path / "d.xlsx", "xlsx", mapping={"Variable name": "variable"}, table="people")
    [table] = got.dictionary.tables
    assert table.name == "people" and [v.name for v in table.variables] == ["sex", "weight"]
    assert [c.label for c in table.variables[0].codes] == ["Male", "Female"]


def _import(repo, *args):
    return run_cli("dictionary", "import", *args, "--record", "minimal", cwd=repo)


def test_import_writes_the_side_file_that_validates(repo):
    (repo / "d.csv").write_text(SIDE_CSV)
    result = _import(repo, "d.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo / "records" / "minimal.dictionary.yaml").is_file()
    assert validate(cwd=repo, today=TODAY).ok("warning")
    assert _import(repo, "d.csv").returncode == 2  # never overwritten without --force
    assert _import(repo, "d.csv", "--force").returncode == 0


@pytest.mark.parametrize(
    "name,data,fmt,code",
    [
        ("broken.csv", b'table,variable\npeople,"sex\n', "csv", "dictionary.malformed"),
        ("fake.xlsx", b"not a workbook at all", "xlsx", "import.malformed"),
        ("bomb.xml", (FIXTURES / "import" / "ddi-billion-laughs.xml").read_bytes(), "ddi", "import.unsafe"),
        ("external.xml", (FIXTURES / "import" / "ddi-external-entity.xml").read_bytes(), "ddi", "import.unsafe"),
        ("dup.csv", b"table,variable,type,codes\npeople,sex,integer,1=a; F=b\n", "csv", "dictionary.code-type"),
        ("nothing.json", b'{"title": "no tables"}', "hdruk", "import.no-dataset"),
    ],
)
def test_bad_input_is_located_and_nothing_is_written(repo, name, data, fmt, code):
    (repo / name).write_bytes(data)
    result = _import(repo, name, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert code in [i["code"] for i in report["issues"]]
    assert all(i["location"]["file"] for i in report["issues"])
    assert not (repo / "records" / "minimal.dictionary.yaml").exists()


def test_usage_errors_exit_2(repo):
    (repo / "d.csv").write_text(SIDE_CSV)
    assert _import(repo, "d.csv", "--map", "Name=nonsense").returncode == 2
    assert _import(repo, "d.csv", "--from", "sav").returncode == 2
    assert _import(repo, "missing.csv").returncode == 2


def test_a_stated_dictionary_meets_the_flagship_data_dictionary_criterion(tmp_path):
    fixture = FIXTURES / "flagship" / "public-data-dictionary.yaml"  # its dictionary document is forthcoming
    shutil.copy(fixture, tmp_path / fixture.name)
    (tmp_path / "public-data-dictionary.dictionary.yaml").write_text(SIDE_YAML)
    [a] = assess([tmp_path / fixture.name], catalogue=TEST_CATALOGUE, today=TODAY).assessments
    finding = next(f for c in a.criteria for f in c.findings if f.rule == "public-data-dictionary")
    assert finding.verdict == "met" and finding.evidence[0].path == "/dictionary"
    assert (a.dictionary.variables, a.dictionary.labelled, a.dictionary.described) == (2, 2, 0)
    out = run_cli("check", "--catalogue", str(TEST_CATALOGUE), str(tmp_path / fixture.name), "--exit-zero")
    assert "Data dictionary: 2 variable(s) in 1 table(s); 2 with labels, 0 with descriptions." in out.stdout
    # a met criterion's findings are not printed, so the dictionary line says whether its part is met
    assert "Data-dictionary part of 'Available to the wider academic community': met." in out.stdout
    # an inferred dictionary is never published, so it cannot meet the criterion
    text = fixture.read_text() + "provenance:\n  - path: /dictionary\n    basis: inference\n    note: Guessed.\n"
    (tmp_path / fixture.name).write_text(text)
    [a] = assess([tmp_path / fixture.name], catalogue=TEST_CATALOGUE, today=TODAY).assessments
    assert next(f for c in a.criteria for f in c.findings if f.rule == "public-data-dictionary").verdict == "not-met"


def test_a_deeply_nested_side_file_is_refused_without_a_crash(repo):
    """A side file may be far larger than a record, so its indentation could nest deep enough to
    crash libyaml's recursive composer: it is read by the pure-Python one, which reports it."""
    text = "".join(" " * i + f"k{i}:\n" for i in range(3000))
    (repo / "records" / "minimal.dictionary.yaml").write_text(text)
    assert "yaml.too-deep" in validate(cwd=repo, today=TODAY).codes()


GATEWAY_CSV = DICTS / "hdruk-gateway-dataelements-excerpt.csv"
GATEWAY_MAP = {"label": "variable", "dataTypeLabel": "type", "dataClass": "table"}


def _check_gateway(got):
    tables = got.dictionary.tables
    assert [len(t.variables) for t in tables] == [4, 3, 2]  # grouped by data class, in order of appearance
    band = tables[0].variables[0]
    assert band.name == "WAITING_TIMES_BAND" and (band.type, band.format) == ("string", "VARCHAR")
    assert band.description.startswith("The time bands for reporting") and "\n" in band.description
    assert (tables[0].variables[2].type, tables[0].variables[2].format) == ("date", None)
    digits = tables[1].variables[0]
    assert (digits.type, digits.format) == (None, "6 digits")  # not a type adrmeta knows: kept as published
    codes = [i.code for i in got.issues]
    assert "import.unmapped" in codes and "import.invalid" in codes


def test_csv_reader_maps_the_columns_of_a_real_gateway_export():
    _check_gateway(_read(GATEWAY_CSV, "csv", mapping=GATEWAY_MAP))


def test_xlsx_reader_reads_the_same_real_rows_from_a_workbook(tmp_path):
    import csv

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    with GATEWAY_CSV.open(newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            book.active.append(row)
    book.save(tmp_path / "gateway.xlsx")
    _check_gateway(_read(tmp_path / "gateway.xlsx", "xlsx", mapping=GATEWAY_MAP))


def test_an_unknown_component_in_a_side_file_is_a_located_reference_error(repo):
    (repo / "records" / "minimal.dictionary.csv").write_text("table,component,variable,label\npeople,census,sex,Sex\n")
    [issue] = validate(cwd=repo, today=TODAY).at_least("error")
    assert (issue.code, issue.path) == ("reference.unknown", "/dictionary/tables/0/component")
    assert issue.location.file.endswith("minimal.dictionary.csv") and (issue.location.line, issue.location.column) == (2, 2)


def test_editing_a_side_file_makes_the_record_stale_until_touched(repo, on_day):
    side = repo / "records" / "minimal.dictionary.yaml"
    side.write_text("source: adr-2022-brochure\n" + SIDE_YAML)
    ws, _rec = _record(repo)
    (repo / "exports").mkdir()
    (repo / "exports" / datestamps.LOCK).write_text(datestamps.lock_text(ws.catalogue, ws.records))
    assert "record.modified-stale" not in validate(cwd=repo, today=TODAY).codes()
    side.write_text("source: adr-2022-brochure\n" + SIDE_YAML.replace("Age in years", "Age"))
    report = validate(cwd=repo, today=TODAY)
    assert [i.location.file for i in report.issues if i.code == "record.modified-stale"] == ["records/minimal.yaml"]
    on_day("2026-11-30")  # the side file is edited, and the record touched, that day
    assert run_cli("touch", "--date", "2026-11-30", cwd=repo).returncode == 0
    assert "modified: 2026-11-30" in (repo / "records" / "minimal.yaml").read_text()
    assert validate(cwd=repo, today=dt.date(2026, 11, 30)).ok("error")


HAKAI_XLSX = DICTS / "hakai-jsp-data-dictionary.xlsx"
HAKAI_MAP = ["column=variable", "name=label", "data_type=type", "data_format=format"]


def test_a_real_public_xlsx_dictionary_imports_through_the_cli(repo):
    """The Hakai Institute's workbook (tests/fixtures/dictionaries/SOURCE.md): its own column names,
    PostgreSQL's type words ('timestamp with timezone'), rows without a label."""
    pytest.importorskip("openpyxl")
    shutil.copy(HAKAI_XLSX, repo / HAKAI_XLSX.name)
    maps = [a for m in HAKAI_MAP for a in ("--map", m)]
    result = _import(repo, HAKAI_XLSX.name, *maps, "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    codes = {i["code"] for i in json.loads(result.stdout)["issues"]}
    assert codes == {"import.unmapped", "dictionary.missing-label"}  # 'key', 'references'; unlabelled rows
    ws, rec = _record(repo)
    tables = rec.dictionary.tables
    assert sum(len(t.variables) for t in tables) == 190 and len(tables) == 12
    site = tables[0].variables[0]
    assert (tables[0].name, site.name, site.label, site.type) == ("sites", "site_id", "Site ID", "string")
    assert site.description == "Unique alphanumeric ID assigned to each site"
    types = [v.type for t in tables for v in t.variables]
    assert set(types) == {"string", "integer", "decimal", "date", "datetime", None}  # every type word understood
    assert types.count(None) == 2  # the two rows whose data_type the workbook leaves empty
    assert validate(cwd=repo, today=TODAY).ok("error")


def test_an_import_too_large_for_a_side_file_writes_nothing(repo, monkeypatch):
    from adrmeta import records

    (repo / "d.csv").write_text(SIDE_CSV)
    monkeypatch.setattr(records, "DICTIONARY_MAX_BYTES", 100)  # what the record could load
    result = _import(repo, "d.csv", "--format", "json")
    assert result.returncode == 1
    assert [i["code"] for i in json.loads(result.stdout)["issues"]] == ["file.too-large"]
    assert not (repo / "records" / "minimal.dictionary.yaml").exists()


def test_an_unclosed_quote_is_located_at_the_row_that_opens_it(repo):
    (repo / "d.csv").write_text('table,variable,label\npeople,sex,"Sex\npeople,age,Age\npeople,x,y\n')
    result = _import(repo, "d.csv", "--format", "json")
    [issue] = json.loads(result.stdout)["issues"]
    assert result.returncode == 1 and issue["code"] == "dictionary.malformed" and issue["location"]["line"] == 2
    assert not (repo / "records" / "minimal.dictionary.yaml").exists()


@pytest.mark.parametrize("side", ["minimal.dictionary.yaml", "minimal.dictionary.csv"])
def test_a_dictionary_left_behind_by_a_renamed_record_is_a_warning(repo, side):
    """Owner trial R2: `git mv records/minimal.yaml records/renamed.yaml` (id changed too) left the
    side file with no record; it was silently ignored."""
    (repo / "records" / side).write_text(SIDE_YAML if side.endswith("yaml") else SIDE_CSV)
    text = (repo / "records" / "minimal.yaml").read_text().replace("id: minimal", "id: renamed")
    (repo / "records" / "minimal.yaml").unlink()
    (repo / "records" / "renamed.yaml").write_text(text)
    for named in ([], [repo / "records" / side]):  # the folder, or the side file named outright
        report = validate(named or None, cwd=repo, today=TODAY)
        [issue] = [i for i in report.issues if i.code.startswith(("dictionary.", "file."))]
        assert issue.code == "dictionary.no-record" and issue.severity == "warning"
        assert issue.location.file == f"records/{side}" and (issue.location.line, issue.location.column) == (1, 1)
        assert "records/minimal.yaml" in issue.message and "Rename it" in issue.fix
    assert "renamed" in load(cwd=repo).records and load(cwd=repo).records["renamed"].dictionary is None


def test_a_dictionary_beside_its_record_is_no_orphan(repo):
    (repo / "records" / "minimal.dictionary.yaml").write_text(SIDE_YAML)
    assert "dictionary.no-record" not in validate(cwd=repo, today=TODAY).codes()


def test_a_side_file_beside_a_yml_record_names_that_record(tmp_path):
    """records/x.dictionary.yaml beside records/x.yml belongs to it (it named records/x.yaml,
    which is not there, and validating the side file gave file.not-found)."""
    from adrmeta.records import record_file_of

    (tmp_path / "x.yml").write_text("id: x\n")
    side = tmp_path / "x.dictionary.yaml"
    side.write_text("tables: []\n")
    assert record_file_of(side) == tmp_path / "x.yml"
    (tmp_path / "x.yaml").write_text("id: x\n")
    assert record_file_of(side) == tmp_path / "x.yaml"
