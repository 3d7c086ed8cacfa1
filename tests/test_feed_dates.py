"""A feed's published date (its manifest's `modified`, its DCAT catalogue's `dct:modified`) moves
when a record leaves the feed, to at least the leaver's date, and never moves back: a harvester
polling the feed's date learns that the feed changed."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, RDF

from adrmeta import cli, datestamps
from adrmeta.feeds import published_dates
from adrmeta.model import Withdrawn
from adrmeta.provenance import published

from .conftest import EDIT_DAY, bundled
from .test_datestamps import _repository

LEAVER = "children-looked-after-wales"  # in the SAIL feed only, dated 2026-11-25


@pytest.fixture(autouse=True)
def _on_the_edit_day(on_day):
    """These tests edit records on EDIT_DAY and touch them with that date: the day has come."""
    on_day(EDIT_DAY)


def _dates(root: Path, feed: str) -> tuple[str, str]:
    """The feed's manifest `modified` and its DCAT catalogue's `dct:modified`."""
    folder = root / "exports" / "feeds" / feed
    manifest = json.loads((folder / "manifest.json").read_text())["modified"]
    g = rdflib.Graph().parse(folder / "dcat" / "catalog.ttl", format="turtle")
    [catalog] = g.subjects(RDF.type, DCAT.Catalog)
    return manifest, str(g.value(catalog, DCTERMS.modified))


def _export(root: Path, *more: str) -> int:
    return cli.main(["export", "--catalogue", str(root / "catalogue.yaml"), "--out", str(root / "exports"), *more])


def test_a_record_leaving_a_feed_moves_its_date_for_good(tmp_path, capsys):
    root = _repository(tmp_path)
    before = _dates(root, "sail")
    assert before == ("2026-11-26", "2026-11-26")
    path = root / "records" / f"{LEAVER}.yaml"
    path.write_text(path.read_text().replace("\nstatus: available\n", "\nstatus: retired\n"))
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0
    assert _export(root) == 0
    manifest = json.loads((root / "exports" / "feeds" / "sail" / "manifest.json").read_text())
    assert LEAVER not in manifest["records"]
    assert _dates(root, "sail") == (EDIT_DAY, EDIT_DAY)  # was 2026-11-26: the feed's records' newest
    assert _dates(root, "ons") == ("2026-11-26", "2026-11-26")  # a feed it was never in does not move
    assert datestamps.read_lock(root / "exports" / datestamps.LOCK).feeds["sail"] == EDIT_DAY
    assert _export(root) == 0  # the next export no longer sees it leave: the date stays
    assert _dates(root, "sail") == (EDIT_DAY, EDIT_DAY)
    capsys.readouterr()
    assert _export(root, "--check") == 0


def test_a_withdrawn_leaver_dates_the_feed_by_its_withdrawal_and_an_old_lock_moves_nothing():
    catalogue, records = bundled()
    records = published(records)
    lock = datestamps.Lock(
        {rid: {"modified": r.modified, "sets": ["catalogue:sail"] if rid == LEAVER else []} for rid, r in records.items()},
        feeds={"sail": "2026-11-26"},
    )
    rest = {rid: r for rid, r in records.items() if rid != LEAVER}
    sail = [rid for rid in rest if "sail-databank" in {a.tre for a in rest[rid].access} and rest[rid].status == "available"]
    gone = attrs.evolve(catalogue, withdrawn=(Withdrawn(id=LEAVER, date="2026-12-03"),))
    assert catalogue.modified < "2026-12-03"  # the catalogue file's own date does not say it
    assert published_dates(gone, rest, {"sail": sail}, lock) == {"sail": "2026-12-03"}
    assert published_dates(gone, rest, {"sail": sail}, datestamps.Lock(lock, feeds={"sail": "2027-01-01"})) == {
        "sail": "2027-01-01"  # never before what was published
    }
    old = datestamps.Lock({rid: {"modified": r.modified} for rid, r in records.items()})  # no sets, no feed dates
    assert published_dates(gone, rest, {"sail": sail}, old) == {"sail": datestamps.last_changed(gone, (rest[r] for r in sail))}
