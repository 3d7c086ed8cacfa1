"""Curators' remarks stay with the records team: a record's `notes` are theirs and no exporter
publishes them, while every `note` field (of a document, a period, a dictionary...) is text for
readers, published by every exporter that carries the field. So what a stored copy showed, what
was not seen or how a page was transcribed goes in `notes`, never in a `note`."""

from __future__ import annotations

import re

import pytest

from adrmeta import export

from .conftest import published_bundled

# How curators speak of their own working copies; no reader-facing text needs these words.
CURATION = re.compile(
    r"stored (copy|copies|page)|seed text|(copy|page)[^.]{0,20} consulted|(was|were) not seen|curator", re.IGNORECASE
)


@pytest.mark.parametrize("fmt", sorted(export.EXPORTERS))
def test_no_export_carries_curators_remarks(fmt):
    catalogue, records = published_bundled()
    assert any(CURATION.search(note) for rec in records.values() for note in rec.notes)  # the remarks exist...
    for rel, text in export.render(fmt, catalogue, records).items():
        found = CURATION.search(text)
        assert found is None, (rel, text[max(0, found.start() - 120) : found.end() + 40])  # ...but are not published


def test_the_grade_dictionary_says_it_is_partial_without_the_curators_account():
    catalogue, records = published_bundled()
    page = export.render("site", catalogue, records)["site/dataset/grade.html"]
    assert "Partial: the UCAS data specification" in page
    assert "consulted" not in page and "transcribed" not in page
