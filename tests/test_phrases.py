"""Each sentence an export writes reads back to the facts it was written from (phrases.py's
write/read pairs), for any values the record format allows that the sentence can carry."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from adrmeta import phrases, vocab
from adrmeta.model import Linkage

# Titles and free text as catalogues and records hold them: words, no leading or trailing space;
# titles hold no ';' or '.', which end a title in the sentences.
words = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ()'-]{0,30}[A-Za-z0-9)]", fullmatch=True)
prose = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ,;:.()'-]{0,60}[A-Za-z0-9.)]", fullmatch=True)
SETTINGS = settings(max_examples=100, deadline=None)  # Hypothesis's default; each property runs in the quick suite


@SETTINGS
@given(
    gateway=st.none() | words,
    accreditations=st.lists(words, max_size=3, unique=True),
    conditions=st.none() | prose,
    lead_time=st.none() | prose,
)
def test_access_text_reads_back(gateway, accreditations, conditions, lead_time):
    assume(
        not conditions
        or not (conditions.startswith((phrases.GATEWAY, phrases.REQUIRES)) or "Typical time to access: " in conditions)
    )
    gateways = {gateway: "gw"} if gateway else {}
    known = {title: f"acc-{i}" for i, title in enumerate(accreditations)}
    text = phrases.access_text(gateway, accreditations, conditions, lead_time)
    route, unknown = phrases.read_access(text, gateways, known)
    expected = {
        "legal_gateway": "gw" if gateway else None,
        "accreditation": [known[t] for t in accreditations] or None,
        "conditions": conditions,
        # the sentence's stop and a lead time's own are one (never '..'), so a final stop is not read back
        "lead_time": lead_time.removesuffix(".") if lead_time else None,
    }
    assert route == {k: v for k, v in expected.items() if v}
    assert unknown == []
    assert ".." not in text.replace(conditions or "", "").replace(lead_time or "", "")  # no stop of its own added


def test_a_record_text_ending_with_a_stop_is_not_given_a_second_one():
    # data-first's lead time, as it was exported: "...approved (ONS).."
    text = phrases.access_text(None, [], None, "Around 10 weeks on average (ONS).")
    assert text == "Typical time to access: Around 10 weeks on average (ONS)."
    assert phrases.sentence("Is it free?") == "Is it free?" and phrases.sentence(" Ten weeks ") == "Ten weeks."


@SETTINGS
@given(
    routes=st.lists(
        st.tuples(words, st.none() | words, st.lists(words, max_size=2, unique=True), st.none() | prose, st.none() | prose),
        min_size=1,
        max_size=3,
    )
)
def test_route_text_splits_and_reads_back(routes):
    for _tre, _gw, _acc, conditions, lead in routes:
        assume(not conditions or not any(m in conditions for m in ("Legal gateway: ", "Requires: ", "Typical time to access: ")))
        assume(not conditions or "Access through the " not in conditions and "Accredited researchers" not in conditions)
        assume(not lead or "Access through the " not in lead and "Accredited researchers" not in lead)
    text = " ".join(phrases.route_text(*r) for r in routes)
    parts = phrases.split_routes(text, [r[0] for r in routes])
    assert parts[0] == "" and len(parts) == len(routes) + 1
    for part, (tre, gw, acc, conditions, lead) in zip(parts[1:], routes, strict=True):
        assert part.startswith(f"{tre}.")
        gateways = {gw: "gw"} if gw else {}
        known = {t: f"acc-{i}" for i, t in enumerate(acc)}
        route, unknown = phrases.read_access(part[len(tre) + 1 :], gateways, known)
        assert route.get("legal_gateway") == ("gw" if gw else None)
        assert route.get("accreditation", []) == [known[t] for t in acc]
        assert route.get("conditions") == conditions
        assert route.get("lead_time") == (lead.removesuffix(".") if lead else None)
        assert unknown == []


def test_route_text_says_only_what_the_route_states():
    text = phrases.route_text("SAIL Databank", None, ["SAIL IGRP approval"], None, None)
    assert text == "Access through the SAIL Databank. Requires: SAIL IGRP approval."
    assert phrases.route_text("SAIL Databank", None, [], None, None) == "Access through the SAIL Databank."


def test_the_older_route_wording_still_splits():
    old = "Accredited researchers can apply to use the data in the SAIL Databank. Requires: X."
    assert phrases.split_routes(old, ["SAIL Databank"]) == ["", "SAIL Databank. Requires: X."]
    other = "Access through the portal needs registration."  # names no TRE: not a route of ours
    assert phrases.split_routes(other, ["SAIL Databank"]) == [other]


@pytest.mark.parametrize("status", ["available", "planned", "retired"])
@pytest.mark.parametrize("expected", [None, "December 2023"])
def test_status_text_reads_back(status, expected):
    text = phrases.status_text(status, expected)
    assert "accredited" not in text.casefold()
    assert phrases.read_status(text) == (status, expected)


def test_the_older_available_status_still_reads():
    assert phrases.read_status(phrases.OLD_AVAILABLE) == ("available", None)
    assert phrases.read_status("Embargoed") is None


@SETTINGS
@given(gateway=words, accreditation=words)
def test_access_names_the_catalogue_does_not_know_are_reported(gateway, accreditation):
    route, unknown = phrases.read_access(phrases.access_text(gateway, [accreditation], None, None), {}, {})
    assert route == {}
    assert unknown == [f"legal gateway '{gateway}'", f"accreditation '{accreditation}'"]


@SETTINGS
@given(
    kind=st.sampled_from(sorted(vocab.DOCUMENT_KIND_LABELS)),
    availability=st.sampled_from(sorted(vocab.AVAILABILITY_LABELS)),
    note=st.none() | prose,
)
def test_document_text_reads_back(kind, availability, note):
    assert phrases.read_document(phrases.document_text(kind, availability, note)) == (kind, availability, note)


@SETTINGS
@given(authors=st.none() | words, year=st.integers(1000, 9999), venue=st.none() | words, title=prose)
def test_citation_text_reads_back(authors, year, venue, title):
    assume(not any(part.isdigit() and len(part) == 4 for part in f"{authors}, {venue}".split(", ")))
    text = phrases.citation_text(authors, year, venue, title)
    assert text is not None
    expected = {"authors": authors, "year": year, "venue": venue}
    assert phrases.read_citation(text, title) == {k: v for k, v in expected.items() if v}


def test_a_citation_needs_authors_year_or_venue():
    assert phrases.citation_text(None, None, None, "A title") is None


@SETTINGS
@given(
    scope=st.sampled_from(phrases.LINKAGE_SCOPES),
    method=st.sampled_from(phrases.LINKAGE_METHODS),
    description=st.none() | prose,
    key=st.none() | prose,
)
def test_linkage_text_reads_back(scope, method, description, key):
    assume(not description or " Linkage key: " not in f" {description}")
    assume(not description or not description.startswith(tuple(vocab.LINKAGE_METHOD_SENTENCES.values())))
    text = phrases.linkage_text(Linkage(scope=scope, method=method, description=description, key=key))
    expected = {"scope": scope, "method": method, "description": description, "key": key}
    if method == "unknown":  # not given by the record, so not written, and read back as the default
        del expected["method"]
    assert phrases.read_linkage(text) == {k: v for k, v in expected.items() if v}
    assert "unknown" not in text.replace(description or "", "").replace(key or "", "")


@pytest.mark.parametrize(
    ("linkage", "text"),
    [
        (
            Linkage(scope="linkable", method="lookup", description="Joined through the linking dataset."),
            "The data can be linked to other data. Records are matched through a lookup table. Joined through the "
            "linking dataset.",
        ),
        (
            Linkage(scope="between-departments", key="Token Person ID (TPI)"),
            "The data are linked across government departments. Linkage key: Token Person ID (TPI).",
        ),
    ],
)
def test_linkage_is_plain_sentences_saying_nothing_of_a_method_the_record_does_not_give(linkage, text):
    assert phrases.linkage_text(linkage) == text
    assert phrases.read_linkage(text) == {k: v for k, v in attrs.asdict(linkage).items() if v and v != "unknown"}


def test_the_linkage_sentence_of_earlier_exports_is_still_read():
    """Exports before the scope's sentence said only what `linkable` means still import."""
    old = "The data hold linkage keys, for linking them to other data on request. Records are matched through a lookup table."
    assert phrases.read_linkage(old) == {"scope": "linkable", "method": "lookup"}


@pytest.mark.parametrize(
    ("label", "note", "text"),
    [
        ("Annual", "Annual (ADR UK dataset page).", "Annual (ADR UK dataset page)."),
        ("Annual", "annually", "annually"),
        ("Irregular", "Each component on its own timetable.", "Irregular: Each component on its own timetable."),
        ("Annual", None, "Annual"),
        (None, "Every ten years.", "Every ten years."),
    ],
)
def test_a_frequency_note_that_repeats_its_label_is_said_once(label, note, text):
    assert phrases.frequency_text(label, note, ": ") == text


DDI_LABELS = {label: key for key, label in vocab.FREQUENCY_LABELS.items()}


@SETTINGS
@given(key=st.none() | st.sampled_from(sorted(DDI_LABELS.values())), note=st.none() | prose)
def test_frequency_text_reads_back(key, note):
    label = {v: k for k, v in DDI_LABELS.items()}[key] if key else None
    opens = [lb for lb in DDI_LABELS if note and note.casefold().startswith(lb.casefold())]
    assume(key or note)
    assume(key or not opens)  # a note alone opening with a label reads as that frequency
    assume(not any(note.startswith(lb + ". ") for lb in opens))  # "Annual. x" is a label and a note
    text = phrases.frequency_text(label, note, ". ")
    said = None if note and label and note.casefold() == label.casefold() else note  # a label alone has no note
    assert phrases.read_frequency(text, DDI_LABELS, ". ") == (key, said)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Annual. At least annual", ("annual", "At least annual")),  # label, then note
        ("Annual (ADR UK dataset page).", ("annual", "Annual (ADR UK dataset page).")),  # the note said alone
        ("Annual", ("annual", None)),
        ("Every ten years.", ("decennial", "Every ten years.")),  # the decennial label, said alone
        ("Every three years.", (None, "Every three years.")),  # no record term: a note only
    ],
)
def test_a_frequency_note_said_alone_still_gives_the_frequency(text, read):
    assert phrases.read_frequency(text, DDI_LABELS, ". ") == read


@pytest.mark.parametrize(
    ("expected", "year", "passed"),
    [
        ("December 2023", 2024, True),
        ("December 2023", 2023, False),
        ("2023-24", 2024, False),  # an academic year ends in its second year
        ("2023/24", 2025, True),
        ("2027-01", 2026, False),  # a month, not an academic year
        ("TBD", 2030, False),
    ],
)
def test_an_expected_availability_has_passed_when_its_latest_year_has(expected, year, passed):
    assert phrases.expected_passed(expected, year) is passed


@pytest.mark.parametrize(
    ("expected", "modified", "text"),
    [
        ("December 2023", "2024-01-15", "December 2023, a date that had passed when this record was last updated"),
        ("2023-24", "2024-06-01", "2023-24"),  # ends in 2024: not yet passed that year
        ("December 2023", "2023-06-01", "December 2023"),
        ("when funding allows", "2026-11-26", "when funding allows"),  # no year: never said to have passed
        (None, "2026-11-26", None),  # none stated, none said
    ],
)
def test_expected_text_says_a_passed_date_has_passed(expected, modified, text):
    assert phrases.expected_text(expected, modified) == text


@SETTINGS
@given(expected=prose, modified=st.sampled_from(["2022-05-01", "2026-11-26"]))
def test_expected_text_reads_back_passed_or_not(expected, modified):
    assume("; expected: " not in expected)  # the status sentence's own separator
    text = phrases.expected_text(expected, modified)
    assert phrases.read_expected(text) == expected
    assert phrases.read_status(phrases.status_text("planned", text)) == ("planned", expected)
