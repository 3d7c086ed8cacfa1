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
        "lead_time": lead_time,
    }
    assert route == {k: v for k, v in expected.items() if v}
    assert unknown == []


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
            "The data hold linkage keys, for linking them to other data on request. Records are matched "
            "through a lookup table. Joined through the linking dataset.",
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
