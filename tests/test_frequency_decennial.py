"""A ten-yearly update frequency (`decennial`): each format says it with the term its vocabulary
has (the EU table's DECENNIAL, HDR UK's Other, none in the dcat-uk scheme), and each importer reads
it back only where that term means ten-yearly."""

from __future__ import annotations

import json
import typing

import attrs
import pytest

from adrmeta import export, profiles, vocab
from adrmeta.conform import hdruk as conform_hdruk
from adrmeta.importers import import_files
from adrmeta.model import Frequency, IdentifierScheme

from .conftest import published_bundled
from .importing import completed, written

CENSUS = "earnings-employees-study-2011-ni"  # ADR UK's page: "Update Frequency 10 years"


def _census():
    catalogue, records = published_bundled()
    assert records[CENSUS].update_frequency == "decennial"
    return catalogue, records


@pytest.mark.parametrize("table", [vocab.FREQUENCY, vocab.FREQUENCY_LABELS, vocab.HDRUK_PERIODICITY, vocab.CDDO_FREQUENCY])
def test_every_crosswalk_has_a_row_for_every_frequency(table):
    assert set(table) == set(typing.get_args(Frequency))


def test_every_identifier_scheme_has_a_label():
    assert set(vocab.IDENTIFIER_SCHEME_LABELS) == set(typing.get_args(IdentifierScheme))


@pytest.mark.parametrize(
    ("frequency", "owners_to_fix"),
    [("static", False), ("decennial", False), ("under-review", True), ("unknown", True)],
)
def test_a_frequency_dcat_uk_lacks_is_the_owners_to_fix_only_when_unknown(frequency, owners_to_fix):
    """A known frequency the scheme has no term for leaves nothing to do; an unknown one awaits
    the owner's word."""
    catalogue, records = _census()
    rec = attrs.evolve(records[CENSUS], update_frequency=frequency)
    [gap] = [g for g in profiles.cddo_gaps(catalogue, rec) if g.path == "/update_frequency"]
    assert gap.fix.startswith("Nothing to do") is not owners_to_fix


def test_dcat_gives_the_eu_decennial_term_and_reads_it_back(tmp_path):
    catalogue, records = _census()
    text = export.render("dcat", catalogue, records, only=[CENSUS])[f"dcat/datasets/{CENSUS}.ttl"]
    assert "<http://publications.europa.eu/resource/authority/frequency/DECENNIAL>" in text
    path = tmp_path / "census.ttl"
    path.write_text(text, encoding="utf-8")
    [draft] = import_files([path], catalogue).drafts
    assert draft.fields["update_frequency"] == "decennial"


def test_ddi_says_every_ten_years_and_reads_it_back(tmp_path):
    catalogue, records = _census()
    files = export.render("ddi", catalogue, records, only=[CENSUS])
    [text] = [t for name, t in files.items() if name.endswith(f"{CENSUS}.xml")]
    assert ">Every ten years. NISRA intends" in text  # the label, then the note
    [draft] = import_files(written({f"ddi/{CENSUS}.xml": text}, tmp_path), catalogue).drafts
    assert draft.fields["update_frequency"] == "decennial"
    assert draft.fields["update_note"] == records[CENSUS].update_note  # the note after the label


def test_the_site_says_every_ten_years():
    catalogue, records = _census()
    page = export.render("site", catalogue, records)[f"site/dataset/{CENSUS}.html"]
    assert "Every ten years" in page


@pytest.mark.parametrize(("fmt", "version"), [("hdruk", "3.0.0"), ("hdruk-4", "4.0.0")])
def test_hdruk_says_other_which_reads_back_as_no_frequency(fmt, version, tmp_path):
    """PeriodicityV2 stops at Biennial; "Other: Dataset published using other interval"."""
    catalogue, records = _census()
    # completed for the Gateway's required facts (test values), keeping the census's own frequency
    rec = attrs.evolve(completed(catalogue, records[CENSUS]), time_lag="over-6-months", update_frequency="decennial")
    text = export.render(fmt, catalogue, {**records, CENSUS: rec}, only=[CENSUS])[f"{fmt}/{CENSUS}.json"]
    assert json.loads(text)["provenance"]["temporal"]["publishingFrequency"] == "Other"
    assert conform_hdruk.check(text.encode(), "x.json", CENSUS, version) == []
    [draft] = import_files(written({f"{fmt}/{CENSUS}.json": text}, tmp_path), catalogue).drafts
    assert "update_frequency" not in draft.fields  # Other names no interval: never read as ten-yearly


def test_dcat_uk_has_no_term_so_the_record_stays_out_saying_why():
    catalogue, records = _census()
    gaps = [g for g in profiles.cddo_gaps(catalogue, records[CENSUS]) if g.path == "/update_frequency"]
    assert len(gaps) == 1 and "every ten years" in gaps[0].fix  # not "once the owner states it"
    assert f"dcat-uk/{CENSUS}.json" not in export.render("dcat-uk", catalogue, records)


@pytest.mark.parametrize("word", ["Decennial", "Every ten years", "every 10 years", "10 years", "Ten-yearly"])
def test_plain_words_for_ten_yearly_are_read_as_decennial(word):
    assert vocab.FREQUENCY_WORDS[word.casefold()] == "decennial"


def test_cddo_import_reads_ten_years_but_no_made_up_dublin_core_term(tmp_path):
    catalogue, records = _census()
    rec = completed(catalogue, records["leo"])
    doc = json.loads(export.render("dcat-uk", catalogue, {**records, "leo": rec}, only=["leo"])["dcat-uk/leo.json"])
    doc["updateFrequency"] = "10 years"  # as NISRA publishes the Earnings and Employees Study's
    path = tmp_path / "leo.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    [draft] = import_files([path], catalogue).drafts
    assert draft.fields["update_frequency"] == "decennial"
