"""The small helpers the consistency rules are built on."""

from __future__ import annotations

import pytest

from adrmeta.records import load_record
from adrmeta.report import CODES
from adrmeta.rules.consistency import earliest, is_placeholder, latest, resolve, strings

from .conftest import ROOT


@pytest.mark.parametrize(
    "date,first,last",
    [
        ("2021", "2021-01-01", "2021-12-31"),
        ("2021-02", "2021-02-01", "2021-02-29"),  # sorts after any real February day
        ("2021-08-31", "2021-08-31", "2021-08-31"),
    ],
)
def test_partial_date_bounds(date, first, last):
    assert earliest(date) == first
    assert latest(date) == last


def test_period_within_one_year_is_in_order():
    # "2021" to "2021-03" is fine: the year may start in January.
    assert earliest("2021") <= latest("2021-03")
    assert earliest("2021-08") > latest("1995-01")


@pytest.mark.parametrize(
    "text",
    [
        "TBD",
        "tbc.",
        "N/A",
        "Not available",
        " not applicable ",
        "Unknown",
        "in progress",
        "TODO: add the guide",
        "...",
        "Lorem ipsum dolor sit amet",
    ],
)
def test_placeholders(text):
    assert is_placeholder(text)


@pytest.mark.parametrize(
    "text",
    [
        "Data not available before 2001 for Wales",
        "N/A values are coded -9",
        "Annual",
        "GB-ENG",
        "The user guide is not available outside the TRE.",
    ],
)
def test_real_values_are_not_placeholders(text):
    assert not is_placeholder(text)


def test_strings_walk_yields_pointers_into_nested_fields():
    rec = load_record(ROOT / "records" / "leo.yaml").value
    found = dict(strings(rec))
    assert found["/coverage/periods/0/label"] == "Jan 1995 – Aug 2021"
    assert found["/components/0/title"] == "National Pupil Database"
    assert found["/access/0/conditions"] == rec.access[0].conditions
    assert found["/research_questions/0"].startswith("Does attendance")
    # keys, enum words and formatted values are not free text; variants keep other sources' words
    assert "/access/0/accreditation/1" not in found and "/linkage/method" not in found
    assert "/modified" not in found and "/contacts/0/email" not in found
    assert not any(p.startswith("/variants/") for p in found)


def test_resolve_follows_the_record_format():
    rec = load_record(ROOT / "records" / "leo.yaml").value
    assert resolve(rec, "/coverage/periods/0/end") == (True, "2021-08", "adr-2023-flagship-brochure")
    assert resolve(rec, "/contacts/1/email") == (True, rec.contacts[1].email, rec.contacts[1].source)
    assert rec.contacts[1].source and rec.contacts[1].source != rec.source
    valid, value, _ = resolve(rec, "/expected_availability")  # a field this record leaves out
    assert valid and value is None
    assert resolve(rec, "/coverage/periods/9/end")[0] is False  # no such period
    assert resolve(rec, "/no_such_field")[0] is False
    assert resolve(rec, "/title/extra")[0] is False


def test_every_rule_declares_the_codes_it_emits():
    from adrmeta.report import CODES
    from adrmeta.rules.consistency import RULES

    for rule in RULES:
        assert rule.codes and set(rule.codes) <= set(CODES), rule.__name__


def test_checking_for_errors_only_skips_lesser_rules():
    from adrmeta.validate import load, run_rules

    from .conftest import FIXTURES, TEST_CATALOGUE

    ws = load(
        [FIXTURES / "invalid" / "consistency-placeholder.yaml", FIXTURES / "invalid" / "consistency-period-order.yaml"],
        catalogue=TEST_CATALOGUE,
    )
    assert {c for c in run_rules(ws).codes() if c.startswith("consistency.")} == {
        "consistency.placeholder",
        "consistency.period-order",
    }
    assert set(run_rules(ws, min_severity="error").codes()) == {"consistency.period-order"}


def test_checking_for_errors_reports_errors_only():
    """A rule that can report an error may report lesser issues too: an export's check (errors
    only) leaves them out, and a variant of no field is still reported apart from the
    disagreements of the record's valid variants."""
    from adrmeta.validate import load, run_rules

    from .conftest import FIXTURES, TEST_CATALOGUE

    names = ("consistency-variant-path", "consistency-variant-same", "consistency-stale-current", "consistency-period-order")
    ws = load([FIXTURES / "invalid" / f"{name}.yaml" for name in names], catalogue=TEST_CATALOGUE)
    everything = set(run_rules(ws).codes())
    assert {"consistency.variant-same", "consistency.stale-current", "consistency.variant-path"} <= everything
    errors = run_rules(ws, min_severity="error")
    assert set(errors.codes()) == {"consistency.variant-path", "consistency.period-order"}
    assert all(i.location is not None for i in errors.issues)
    assert {i.code for i in run_rules(ws, min_severity="warning").issues} == {
        c for c in everything if CODES[c][0] in ("warning", "error")
    }
