"""The flagship criteria: one fixture per rule fails exactly that rule; verdicts carry evidence."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from adrmeta.eligibility import assess as check_records
from adrmeta.rules import flagship
from adrmeta.vocab import AVAILABILITY_LABELS

from .conftest import FIXTURES, ROOT, TEST_CATALOGUE, TODAY, run_cli
from .test_bundled_records import DESIGNATED

FLAGSHIP = FIXTURES / "flagship"
RULES = [r for c in flagship.CRITERIA for r in c.rules]
RULE_IDS = [r.__name__.replace("_", "-") for r in RULES]
SEED = ROOT.parent / "shared" / "seeds" / "000_4935150be455d9e6.txt"
BROCHURE = FIXTURES / "brochure" / "flagship-criteria-2023.txt"  # its criteria, vendored from SEED
BROKEN = {  # rule -> the verdict its fixture gets
    "linked-data": "not-met",
    "national-coverage": "not-met",
    "research-themes": "not-met",
    "research-questions": "not-met",
    "partnership-access": "not-met",
    "findable-in-catalogue": "partly-met",
    "public-user-guide": "not-met",
    "public-data-dictionary": "not-met",
    "contact-route": "not-met",
}
FINDING_NAMES = {  # a rule's function name -> the id its findings carry
    "linked_data": "linked-data",
    "national_coverage": "national-coverage",
    "research_themes": "research-themes",
    "research_questions": "research-questions",
    "partnership_access": "partnership-access",
    "findable_in_catalogue": "findable-in-catalogue",
    "public_user_guide": "public-user-guide",
    "public_data_dictionary": "public-data-dictionary",
    "contact_route": "contact-route",
    "wide_appeal": "wide-appeal",
}


def assess(name: str):
    report = check_records([FLAGSHIP / f"{name}.yaml"], catalogue=TEST_CATALOGUE, today=TODAY)
    assert report.issues == ()
    [assessment] = report.assessments
    return assessment


def findings(assessment):
    return {f.rule: f for c in assessment.criteria for f in c.findings}


def test_every_rule_has_a_fixture():
    assert sorted(FINDING_NAMES.values()) == sorted({*BROKEN, "wide-appeal"})
    # `check --format json` lists each criterion's rules by function name: it must be the findings' id
    assert all(name.replace("_", "-") == rule for name, rule in FINDING_NAMES.items())
    for rule in RULES:
        assert (FLAGSHIP / f"{FINDING_NAMES[rule.__name__]}.yaml").is_file()


def test_the_eligible_fixture_meets_every_criterion():
    a = assess("eligible")
    assert a.overall == "eligible"
    assert a.designation is None
    assert {c.id: c.verdict for c in a.criteria} == {
        "linked": "met",
        "national": "met",
        "research-value": "met",
        "available": "met",
        "wide-appeal": "needs-judgement",
    }
    assert all(f.evidence for f in findings(a).values())


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_fixture_fails_exactly_its_rule(rule):
    a = assess(rule)
    got = {name: f.verdict for name, f in findings(a).items()}
    expected = {name: "met" for name in got} | {"wide-appeal": "needs-judgement", rule: BROKEN[rule]}
    assert got == expected
    broken = findings(a)[rule]
    assert broken.to_do, "a failed rule says what to add"
    for gap in broken.gaps:  # each gap names the field to fill and the criterion sentence behind it
        assert gap.field.startswith("/") and gap.criterion == flagship.SENTENCES[rule]
    assert a.overall == ("not-eligible" if BROKEN[rule] == "not-met" else "eligible-with-gaps")


def test_wide_appeal_is_never_a_hard_fail():
    a = assess("wide-appeal")
    f = findings(a)["wide-appeal"]
    assert f.verdict == "needs-judgement" and f.evidence == () and f.to_do
    assert a.overall == "eligible"


def test_unavailable_documentation_says_why():
    guide = findings(assess("public-user-guide"))["public-user-guide"]
    assert "is available only inside the trusted research environment" in guide.to_do[0]
    dictionary = findings(assess("public-data-dictionary"))["public-data-dictionary"]
    assert f"is {AVAILABILITY_LABELS['forthcoming']}." in dictionary.to_do[0]  # the exports' and the site's words


def test_evidence_points_into_the_record():
    a = assess("eligible")
    paths = {e.path for f in findings(a).values() for e in f.evidence}
    assert {"/linkage/scope", "/coverage/nations", "/themes/0", "/access/0"} <= paths


def _brochure_words(text: str) -> str:
    """The text as read: its links' words without their markup, runs of white space as one space."""
    return re.sub(r"\s+", " ", re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)).strip()


def assert_quotes_the_brochure(quote: str) -> None:
    """Word for word, punctuation and all, in the brochure's order; an ellipsis marks every cut, so a
    quote that does not open (close) with one opens (closes) where the brochure's sentence does."""
    text, at = _brochure_words(BROCHURE.read_text(encoding="utf-8")), 0
    parts = [p.strip() for p in re.sub(r"\s+", " ", quote).split("...")]
    for n, part in enumerate(parts):
        if not part:
            continue
        found = text.find(part, at)
        assert found >= 0, f"not the brochure's words (or not in its order): {part!r}"
        if n == 0:  # a criterion's sentence follows its title and a colon, or the last sentence's full stop
            assert text[:found].endswith((": ", ". ")), f"opens mid-sentence without an ellipsis: {quote!r}"
        at = found + len(part)
    if parts[-1]:
        assert parts[-1].endswith("."), f"closes mid-sentence without an ellipsis: {quote!r}"


def test_the_vendored_criteria_are_the_seed_brochures():
    if not SEED.is_file():
        pytest.skip("the seed brochure is beside the repository only")
    assert BROCHURE.read_text(encoding="utf-8") in SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", sorted(flagship.SENTENCES))
def test_each_gap_sentence_is_the_brochures(rule):
    assert_quotes_the_brochure(flagship.SENTENCES[rule])


@pytest.mark.parametrize("criterion", flagship.CRITERIA, ids=lambda c: c.id)
def test_each_criterion_quote_is_the_brochures(criterion):
    assert_quotes_the_brochure(criterion.quote)


@pytest.mark.parametrize(
    "quote",
    [
        "Our flagship datasets should have coverage of at least one UK nation.",  # cut, shown as complete
        "flagship datasets can address big societal issues and cross-cutting themes ...",  # opens mid-sentence
        "Covering ADR UK's eight core strategic research themes ... cross-cutting themes",  # closes mid-sentence
        "Our flagship datasets should link administrative data ...",  # not its words
    ],
)
def test_a_misquote_is_caught(quote):
    with pytest.raises(AssertionError):
        assert_quotes_the_brochure(quote)


def test_a_designated_flagship_is_reported_as_such_with_its_source():
    a = assess("designated")
    assert a.overall == "designated"
    assert a.designation and "ADR England Flagship Datasets" in a.designation and "2023-07" in a.designation
    gaps = assess("designated-with-gaps")
    assert gaps.overall == "designated-with-gaps"
    [finding] = [f for c in gaps.criteria for f in c.findings if f.verdict != "met" and f.rule != "wide-appeal"]
    assert finding.rule == "contact-route" and finding.gaps[0].field == "/contacts"


def test_criteria_do_not_apply_outside_england():
    a = assess("wales-only")
    assert a.overall == "not-applicable"
    assert {c.id: c.verdict for c in a.criteria}["national"] == "met"  # still listed, for information


def test_public_documentation_without_a_url_is_at_most_partly_met():
    a = assess("public-without-url")
    got = findings(a)
    assert got["public-user-guide"].verdict == "partly-met" and got["public-data-dictionary"].verdict == "partly-met"
    assert got["public-user-guide"].gaps[0].field.endswith("/url")
    assert a.overall == "eligible-with-gaps"


def test_inferences_are_not_evidence():
    """An inferred coverage is taken out before the check: the dataset is not shown to be national."""
    report = check_records([FLAGSHIP / "inferred-coverage.yaml"], catalogue=TEST_CATALOGUE, today=TODAY)
    [a] = report.assessments
    assert findings(a)["national-coverage"].verdict == "not-met"


def test_a_next_step_on_an_inferred_value_says_the_value_is_there_but_unsourced():
    """The step for the inferred coverage points at a line that has a value: it must say why that
    value does not count, or the owner sees the tool ask for what the record already holds."""
    from adrmeta.eligibility import INFERRED_NOTE

    report = check_records([FLAGSHIP / "inferred-coverage.yaml"], catalogue=TEST_CATALOGUE, today=TODAY)
    [a] = report.assessments
    by_field = {s.field: s.action for s in a.next_steps}
    assert by_field["/coverage/nations"].endswith(INFERRED_NOTE)
    assert not any(action.endswith(INFERRED_NOTE) for field, action in by_field.items() if field != "/coverage/nations")


def test_a_collection_is_judged_with_its_parts():
    report = check_records([FLAGSHIP / "collection"], catalogue=TEST_CATALOGUE, today=TODAY)
    assert report.issues == ()
    by_id = {a.record: a for a in report.assessments}
    coll = by_id["collection"]
    assert coll.overall == "eligible"
    guide = findings(coll)["public-user-guide"]
    assert guide.verdict == "met" and {e.part for e in guide.evidence} == {"part"}
    assert findings(coll)["national-coverage"].evidence[0].part is None  # its own coverage counts, not a part's
    alone = check_records([FLAGSHIP / "collection" / "collection.yaml"], catalogue=TEST_CATALOGUE, today=TODAY)
    assert alone.assessments[0].overall == "not-eligible"  # its parts are not in a records folder: judged alone


def test_a_record_named_alone_is_judged_as_in_the_whole_check(tmp_path):
    """Named on its own, a collection is still judged with its parts, read from the records folder."""
    repo = tmp_path / "repo"
    shutil.copytree(FLAGSHIP / "collection", repo / "records")
    shutil.copy(TEST_CATALOGUE, repo / "catalogue.yaml")
    whole = {a.record: a for a in check_records(cwd=repo, today=TODAY).assessments}
    assert whole["collection"].overall == "eligible"
    for rid in ("collection", "part"):
        report = check_records([repo / "records" / f"{rid}.yaml"], cwd=repo, today=TODAY)
        assert report.issues == () and report.assessments == (whole[rid],)
    (repo / "records" / "part.yaml").rename(tmp_path / "part.yaml")
    (repo / "records" / "part.yaml").symlink_to(tmp_path / "part.yaml")  # a link out of the catalogue's folder
    whole = {a.record: a for a in check_records(cwd=repo, today=TODAY).assessments}
    alone = check_records([repo / "records" / "collection.yaml"], cwd=repo, today=TODAY)
    assert alone.assessments == (whole["collection"],) and whole["collection"].overall == "not-eligible"  # not read


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_of_named_records_prints_what_the_whole_check_prints_for_them(fmt):
    """The bundled Data First collection takes evidence from its parts; a part names its designated collection."""
    whole = run_cli("check", "--format", fmt).stdout
    for rid in ("data-first", "data-first-moj-dfe"):
        alone = run_cli("check", "--format", fmt, rid).stdout
        if fmt == "json":
            [assessment] = json.loads(alone)["assessments"]
            assert assessment in json.loads(whole)["assessments"]
        else:
            block = alone.splitlines()[:-1]  # without the count of datasets
            assert len(block) > len(flagship.CRITERIA) and "\n".join(block) + "\n" in whole
    assert "evidence from part" in run_cli("check", "data-first").stdout
    assert "a designated flagship" in run_cli("check", "data-first-moj-dfe").stdout


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_each_rule_quotes_its_criterion(rule):
    quote = re.match(r'\s*"(.+?)"', rule.__doc__ or "", flags=re.S)
    assert quote, f"{rule.__name__} must open its docstring with the criterion in quotes"
    assert_quotes_the_brochure(quote.group(1))


def test_check_cli_exit_codes_and_formats(tmp_path):
    eligible, gap, fail = (str(FLAGSHIP / f"{n}.yaml") for n in ("eligible", "findable-in-catalogue", "contact-route"))
    cat = ("--catalogue", str(TEST_CATALOGUE))
    assert run_cli("check", *cat, eligible).returncode == 0
    assert run_cli("check", *cat, gap).returncode == 0
    assert run_cli("check", *cat, "--strict", gap).returncode == 1
    assert run_cli("check", *cat, fail).returncode == 1
    result = run_cli("check", *cat, "--format", "json", eligible, fail)
    data = json.loads(result.stdout)
    assert [a["record"] for a in data["assessments"]] == ["contact-route", "eligible"]
    assert data["summary"] == {
        "designated": 0,
        "designated-with-gaps": 0,
        "eligible": 1,
        "eligible-with-gaps": 0,
        "not-eligible": 1,
        "not-applicable": 0,
    }
    out = tmp_path / "report.md"
    assert run_cli("check", *cat, "--format", "markdown", "--output", str(out), fail).returncode == 1
    text = out.read_text()
    assert "| **contact-route** | not eligible |" in text and "**To do:**" in text
    assert not list(tmp_path.glob(".*.tmp"))


def test_check_text_is_one_line_per_criterion():
    lines = run_cli("check", "--catalogue", str(TEST_CATALOGUE), str(FLAGSHIP / "contact-route.yaml")).stdout.splitlines()
    assert lines[0].startswith("contact-route: NOT ELIGIBLE")
    assert len([ln for ln in lines if ln.startswith("  ") and not ln.startswith(("   ", "  Next steps:"))]) == len(
        flagship.CRITERIA
    )
    at = next(i for i, ln in enumerate(lines) if "not met" in ln)
    assert "Available to the wider academic community" in lines[at]
    assert lines[at + 1].strip() == f"“{flagship.SENTENCES['contact-route']}”"
    assert "Add a contact" in lines[at + 2] and "(field /contacts)" in lines[at + 2]


def test_check_reports_unreadable_records_and_exits(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: [broken\n")
    result = run_cli("check", "--catalogue", str(TEST_CATALOGUE), str(bad))
    assert result.returncode == 1 and "yaml.syntax" in result.stdout and "Traceback" not in result.stderr
    assert run_cli("check", "--catalogue", str(TEST_CATALOGUE), str(tmp_path / "missing.yaml")).returncode == 2


def test_check_output_to_an_unwritable_place_exits_2(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    result = run_cli(
        "check", "--catalogue", str(TEST_CATALOGUE), "--output", str(target / "report.html"), str(FLAGSHIP / "eligible.yaml")
    )
    assert result.returncode == 2 and "cannot write" in result.stderr


def test_html_escapes_hostile_text(tmp_path):
    hostile = (
        (FLAGSHIP / "eligible.yaml")
        .read_text()
        .replace(
            "title: A linked dataset meeting every flagship criterion",
            "title: \"</td><script>alert('x')</script> & <b>bold</b>\"",
        )
        .replace("id: eligible", "id: hostile")
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile)
    out = tmp_path / "r.html"
    run_cli("check", "--catalogue", str(TEST_CATALOGUE), "--format", "html", "--output", str(out), str(path))
    html = out.read_text()
    assert "<script>" not in html and "&lt;/td&gt;&lt;script&gt;" in html
    # self-contained: no external scripts, styles, fonts or images
    assert not re.search(r'(src|href)="(https?:)?//', html) and "<link" not in html and "@import" not in html


def test_check_text_has_colour_only_on_a_terminal():
    from adrmeta.eligibility_report import render_text

    report = check_records([FLAGSHIP / "contact-route.yaml"], catalogue=TEST_CATALOGUE, today=TODAY)
    assert "\033[31m" in render_text(report, colour=True)
    assert "\033[" not in render_text(report, colour=False)
    piped = run_cli("check", "--catalogue", str(TEST_CATALOGUE), str(FLAGSHIP / "contact-route.yaml"))
    assert "\033[" not in piped.stdout


def test_the_html_table_says_what_is_missing_beside_a_criterion_not_met():
    """The column is 'Evidence and what to do': a criterion not met must show its gap there, not
    only the evidence that passed."""
    from adrmeta.eligibility_report import render_html

    report = check_records([FLAGSHIP / "research-themes.yaml"], catalogue=TEST_CATALOGUE, today=TODAY)
    html = render_html(report)
    row = html[html.index('<th scope="row">Of significant research value') :]
    row = row[: row.index("</tr>")]
    [gap] = [g for f in report.assessments[0].criteria[2].findings for g in f.gaps]
    assert f"To do: {gap.action}" in row.replace("&#x27;", "'")


def test_a_change_to_the_catalogue_counts_as_a_change_to_every_record(tmp_path):
    """`--changed-since`: thresholds, programmes and sources live in catalogue.yaml, so a change
    there can move any record's verdict (as the validate hook treats it); a record alone is still
    reported alone."""
    import subprocess

    repo = tmp_path / "repo"
    (repo / "records").mkdir(parents=True)
    shutil.copy(TEST_CATALOGUE, repo / "catalogue.yaml")
    for name in ("eligible", "contact-route"):
        shutil.copy(FLAGSHIP / f"{name}.yaml", repo / "records")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "records"], cwd=repo, check=True)
    assert "No record changed since" in run_cli("check", "--changed-since", "HEAD", cwd=repo).stdout
    with (repo / "records" / "eligible.yaml").open("a") as fh:
        fh.write("# edited\n")
    alone = json.loads(run_cli("check", "--changed-since", "HEAD", "--format", "json", cwd=repo).stdout)
    assert [a["record"] for a in alone["assessments"]] == ["eligible"]
    subprocess.run(["git", "checkout", "-q", "--", "records"], cwd=repo, check=True)
    catalogue = repo / "catalogue.yaml"
    catalogue.write_text(catalogue.read_text() + "flagship_thresholds:\n  min_research_questions: 50\n")
    full = json.loads(run_cli("check", "--format", "json", cwd=repo).stdout)
    assert {a["record"]: a["overall"] for a in full["assessments"]}["eligible"] == "not-eligible"  # the verdict moved
    changed = json.loads(run_cli("check", "--changed-since", "HEAD", "--format", "json", cwd=repo).stdout)
    assert changed["assessments"] == full["assessments"]


def _designation_variant(tmp_path, source: str):
    """The designated fixture with `source` as the source of its designation."""
    text = (
        (FLAGSHIP / "designated.yaml").read_text().replace("    source: adr-2023-flagship-brochure\n", "    source: cited\n", 1)
    )  # the provenance entry for /flagship
    path = tmp_path / "designated.yaml"
    path.write_text(text + "sources:\n  - id: cited\n" + source)
    return path


@pytest.mark.parametrize(
    "source, counts",
    [
        ("    title: Our linked data\n    date: 2026-10\n    publisher: Department for Work and Pensions\n", False),
        ("    title: Our linked data\n    date: 2026-10\n", False),  # no publisher
        ("    title: Flagship page\n    date: 2026-10\n    publisher: ADR UK\n    url: https://www.gov.uk/dwp\n", False),
        ("    title: Flagship page\n    date: 2026-10\n    publisher: ADR UK\n    url: https://www.adruk.org/data\n", True),
        ("    title: Flagship page\n    date: 2026-10\n    publisher: Administrative Data Research UK\n", True),
    ],
    ids=["owner-page", "no-publisher", "adr-named-on-gov-uk", "adr-page", "adr-by-name"],
)
def test_a_designation_counts_only_from_a_source_adr_uk_publishes(tmp_path, source, counts):
    from adrmeta.validate import validate

    path = _designation_variant(tmp_path, source)
    assert "path: /flagship\n    source: cited" in path.read_text()
    report = check_records([path], catalogue=TEST_CATALOGUE, today=TODAY)
    [a] = report.assessments
    assert (a.overall, a.designation is not None) == (("designated", True) if counts else ("eligible", False))
    codes = validate([path], catalogue=TEST_CATALOGUE, today=TODAY).codes()
    assert ("flagship.designation-source" in codes) is not counts
    assert [i.code for i in report.issues] == ([] if counts else ["flagship.designation-source"])


def test_the_invalid_fixture_is_not_designated_anywhere():
    """check, and the site (which shows ADR UK's designation), both ignore the self-designation."""
    from adrmeta.export.site import documents
    from adrmeta.validate import load

    path = FIXTURES / "invalid" / "flagship-designation-source.yaml"
    [a] = check_records([path], catalogue=TEST_CATALOGUE, today=TODAY).assessments
    assert a.designation is None and not a.overall.startswith("designated")
    ws = load([path], catalogue=TEST_CATALOGUE)
    page = dict(documents(ws.catalogue, ws.records))["site/dataset/flagship-designation-source.html"]
    assert "ADR England flagship" not in page


def test_the_bundled_designations_all_count():
    """The six flagships of the July 2023 brochure's list, and Family Court–Cafcass, which the
    brochure calls an ADR England flagship dataset on its own (p22), cite ADR UK's brochure."""
    report = check_records(cwd=ROOT)
    designated = {a.record for a in report.assessments if a.designation}
    assert designated == set(DESIGNATED)
    assert "flagship.designation-source" not in {i.code for i in report.issues}


def test_a_designated_flagship_is_never_said_not_to_meet_a_criterion():
    """ADR UK says its flagships meet the criteria: a criterion the record shows no evidence for
    is 'not evidenced in the record'; the same record undesignated does not meet it."""
    from adrmeta.eligibility_report import render_html, render_markdown, render_text

    report = check_records([FLAGSHIP / "designated-with-gaps.yaml"], catalogue=TEST_CATALOGUE, today=TODAY)
    [a] = report.assessments
    verdicts = {c.id: c.verdict for c in a.criteria}
    assert verdicts["available"] == "not-evidenced" and "not-met" not in verdicts.values()
    assert findings(a)["contact-route"].verdict == "not-evidenced"
    assert a.next_steps and a.next_steps[0].field == "/contacts"
    text = render_text(report)
    assert "not evidenced in the record" in text and "not met" not in text
    assert 'data-verdict="not-evidenced"' in render_html(report) and "✗" not in render_markdown(report)
    as_json = json.loads(
        run_cli(
            "check", "--catalogue", str(TEST_CATALOGUE), "--format", "json", str(FLAGSHIP / "designated-with-gaps.yaml")
        ).stdout
    )
    assert {c["id"]: c["verdict"] for c in as_json["assessments"][0]["criteria"]}["available"] == "not-evidenced"
    [plain] = check_records([FLAGSHIP / "contact-route.yaml"], catalogue=TEST_CATALOGUE, today=TODAY).assessments
    assert {c.id: c.verdict for c in plain.criteria}["available"] == "not-met"


def test_the_bundled_flagships_are_not_said_to_miss_criteria():
    report = check_records(cwd=ROOT)
    for a in report.assessments:
        if a.designation:
            assert all(c.verdict != "not-met" for c in a.criteria), a.record
    by_id = {a.record: a for a in report.assessments}
    assert {c.id: c.verdict for c in by_id["leo"].criteria}["research-value"] == "not-evidenced"
    assert any(c.verdict == "not-met" for c in by_id["data-first-moj-dfe"].criteria)  # not designated


@pytest.mark.parametrize("fmt", ["text", "html", "markdown"])
def test_a_part_says_one_thing_about_its_designation(fmt):
    """Family Court–Cafcass is designated itself and is part of Data First; MoJ–DfE is only part
    of it: its verdict is about it alone, and says it belongs to a designated flagship."""
    cafcass = run_cli("check", "--format", fmt, "data-first-family-court-cafcass").stdout
    assert "Designated by ADR UK" in cafcass and "not designated on its own" not in cafcass
    assert "Also part of Ministry of Justice Data First" in cafcass
    mojdfe = run_cli("check", "--format", fmt, "data-first-moj-dfe").stdout
    assert "Designated by ADR UK" not in mojdfe and "not designated on its own" in mojdfe
    verdict_line = {
        "text": lambda s: s.splitlines()[0],
        "html": lambda s: s[s.index('data-overall="not-eligible"') :].split("</td>")[0],
        "markdown": lambda s: next(ln for ln in s.splitlines() if ln.startswith("| **data-first-moj-dfe**")),
    }[fmt](mojdfe)
    assert re.search(r"not eligible \(on its own; part of a designated flagship\)", verdict_line, flags=re.I)
    [a] = json.loads(run_cli("check", "--format", "json", "data-first-moj-dfe").stdout)["assessments"]
    assert (a["overall"], a["designation"], a["part_of_flagship"]) == (
        "not-eligible",
        None,
        "Ministry of Justice Data First: Datasets and Linkages",
    )


def test_the_data_owners_guide_lists_every_verdict():
    """docs/data-owners.md names each verdict check can give, with its JSON value."""
    from adrmeta.eligibility import OVERALL_WORDS, VERDICT_WORDS

    guide = (ROOT / "docs" / "data-owners.md").read_text()
    for table in (OVERALL_WORDS, VERDICT_WORDS):
        for value, words in table.items():
            assert f"**{words}** (`{value}`)" in guide, value
