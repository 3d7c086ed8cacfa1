"""`adrmeta import` end to end: drafts written whole, loadable, checked by validate; and every
import.* code produced by some input."""

from __future__ import annotations

import shutil

from adrmeta import export
from adrmeta.importers import import_files
from adrmeta.importers.draft import to_yaml
from adrmeta.importers.normalise import html_to_text, nations, partial_date
from adrmeta.records import load_record
from adrmeta.report import CODES

from .conftest import FIXTURES, ROOT, published_bundled, run_cli

IMPORT = FIXTURES / "import"
CAT = str(ROOT / "catalogue.yaml")


def _catalog(tmp_path):
    catalogue, records = published_bundled()
    path = tmp_path / "catalog.ttl"
    path.write_text(export.render("dcat", catalogue, records)["dcat/catalog.ttl"], encoding="utf-8")
    return path


def test_import_writes_a_draft_per_dataset_that_validates(tmp_path):
    out = tmp_path / "drafts"
    result = run_cli("import", "--catalogue", CAT, "--out", str(out), str(_catalog(tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    drafts = sorted(out.glob("*.yaml"))
    assert sorted(p.stem for p in drafts) == sorted(published_bundled()[1])
    assert not list(out.glob(".*"))  # no staging left behind
    text = (out / "leo.yaml").read_text()
    # out is outside the repository: the schema line names the repository's schema by URL
    assert text.startswith(f"# yaml-language-server: $schema={(ROOT / 'schemas' / 'record.schema.json').as_uri()}\n")
    loaded = load_record(out / "leo.yaml")
    assert loaded.issues == [] and loaded.value.title == "Longitudinal Education Outcomes - England"
    check = run_cli("validate", "--catalogue", CAT, str(out / "leo.yaml"))
    assert check.returncode == 0, check.stdout


def test_drafts_in_a_nested_folder_of_the_repository_point_to_its_schema(tmp_path):
    shutil.copy(ROOT / "catalogue.yaml", tmp_path / "catalogue.yaml")
    out = tmp_path / "drafts" / "ddi"
    result = run_cli("import", "--out", str(out), str(IMPORT / "ddi-study.xml"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    (draft,) = out.glob("*.yaml")
    assert draft.read_text().startswith("# yaml-language-server: $schema=../../schemas/record.schema.json\n")


def test_a_draft_with_gaps_tells_validate_what_to_fill_in(tmp_path):
    out = tmp_path / "drafts"
    assert run_cli("import", "--catalogue", CAT, "--out", str(out), str(IMPORT / "cddo-dataset.yaml")).returncode == 0
    (draft,) = out.glob("*.yaml")
    text = draft.read_text()
    assert "# coverage:" in text and "notes:" in text and "0000 000 0000" in text  # unmapped telephone kept
    check = run_cli("validate", "--catalogue", CAT, "--format", "json", str(draft))
    assert check.returncode == 1
    assert '"schema.required"' in check.stdout and '"yaml.syntax"' not in check.stdout
    flagship = run_cli("check", "--catalogue", CAT, str(draft))
    assert flagship.returncode == 1 and "Traceback" not in flagship.stderr


def test_existing_drafts_are_never_overwritten_without_force(tmp_path):
    out = tmp_path / "drafts"
    args = ("import", "--catalogue", CAT, "--out", str(out), str(IMPORT / "ddi-study.xml"))
    assert run_cli(*args).returncode == 0
    (out / "heub.yaml").write_text("mine\n")
    again = run_cli(*args)
    assert again.returncode == 2 and "import.exists" in again.stdout
    assert (out / "heub.yaml").read_text() == "mine\n"
    assert run_cli(*args, "--force").returncode == 0
    assert (out / "heub.yaml").read_text().startswith("# yaml-language-server")


def test_json_output_is_the_report_and_drafts_are_deterministic(tmp_path):
    import json

    a, b = tmp_path / "a", tmp_path / "b"
    first = run_cli("import", "--catalogue", CAT, "--format", "json", "--out", str(a), str(IMPORT / "dcat-external.jsonld"))
    run_cli("import", "--catalogue", CAT, "--format", "json", "--out", str(b), str(IMPORT / "dcat-external.jsonld"))
    report = json.loads(first.stdout)
    assert set(report) == {"valid", "records", "counts", "issues"} and report["counts"]["error"] == 0
    assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in b.iterdir()}


def test_ids_clash_within_one_import(tmp_path):
    result = import_files([IMPORT / "ddi-study.xml", IMPORT / "ddi-study.xml"], published_bundled()[0])
    assert [d.id for d in result.drafts] == ["heub", "heub-2"]
    assert "import.id-clash" in result.report.codes()


def test_every_import_code_is_produced():
    catalogue, _records = published_bundled()
    produced = set()
    for path in sorted(IMPORT.iterdir()):
        produced |= set(import_files([path], catalogue).report.codes())
    produced |= set(import_files([IMPORT / "ddi-study.xml"] * 2, catalogue).report.codes())
    produced.add("import.exists")  # test_existing_drafts_are_never_overwritten_without_force
    produced.add("import.ignored")  # test_import_draft.test_ignored_is_an_info_finding_with_its_reason
    produced.add("import.duplicate")  # test_import_core.test_a_dataset_already_recorded_under_another_title_is_noticed
    assert {c for c in CODES if c.startswith("import.")} <= produced


def test_messy_values():
    assert partial_date("2021-03-04T10:00:00.123+01:00") == "2021-03-04"
    assert partial_date("2021-03-04 10:00:00") == "2021-03-04"
    assert partial_date("04/03/2021") == "2021-03-04"
    assert partial_date("2021-02-30") is None and partial_date("31/02/2021") is None
    assert partial_date("2021") == "2021" and partial_date("2021-07") == "2021-07"
    assert nations("England & Wales") == (("GB-ENG", "GB-WLS"), True)
    assert nations("GB-WLS") == (("GB-WLS",), False)
    assert nations("GB")[0] == ("GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR")
    assert nations("http://statistics.data.gov.uk/id/statistical-geography/S92000003") == (("GB-SCT",), False)
    assert nations("Narnia") == ((), False)
    assert (
        html_to_text("<p>A &amp; B</p><ul><li>one</li><li><a href='https://x.org'>two</a></li></ul>")
        == "A & B\n\n- one\n- two (https://x.org)"
    )


def test_draft_yaml_keeps_guesses_as_comments():
    (draft,) = import_files([IMPORT / "schemaorg-dataset.jsonld"], published_bundled()[0]).drafts
    text = to_yaml(draft)
    assert "# import.guessed /id:" in text and "# import.date /modified:" in text
