"""A feed's published date (its manifest's `modified`, its DCAT catalogue's `dct:modified`) moves
when a record leaves the feed, to at least the leaver's date, and never moves back: a harvester
polling the feed's date learns that the feed changed. It moves only when something that feed
shows changed: a withdrawal from one feed, which moves catalogue.yaml's own date, leaves the
others' dates alone, so their harvesters do not re-harvest them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
import rdflib
from rdflib import URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from adrmeta import cli, datestamps
from adrmeta.feeds import feed_contents, published_dates
from adrmeta.model import Withdrawn
from adrmeta.provenance import published
from adrmeta.validate import validate

from .conftest import EDIT_DAY, bundled
from .test_datestamps import _repository

LEAVER = "children-looked-after-wales"  # in the SAIL feed only, dated 2026-11-25
GONE = "earnings-employees-study-2011-ni"  # in the NISRA feed only (the EOL record's NISRA route is an inference: left out)
FEEDS = ("nisra", "ons", "rds", "sail")


@pytest.fixture(autouse=True)
def _on_the_edit_day(on_day):
    """These tests edit records on EDIT_DAY and touch them with that date: the day has come."""
    on_day(EDIT_DAY)


def _dates(root: Path, feed: str) -> tuple[str, str]:
    """The feed's manifest `modified` and its DCAT catalogue's `dct:modified`."""
    folder = root / "exports" / "feeds" / feed
    manifest = json.loads((folder / "manifest.json").read_text())["modified"]
    g = rdflib.Graph().parse(folder / "dcat" / "catalog.ttl", format="turtle")
    catalog = URIRef(f"https://metadata.adruk.org/feeds/{feed}/catalogue")
    assert (catalog, RDF.type, DCAT.Catalog) in g
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
    shown = feed_contents(gone)
    assert published_dates(gone, rest, {"sail": sail}, lock, shown) == {"sail": "2026-12-03"}
    assert published_dates(gone, rest, {"sail": sail}, datestamps.Lock(lock, feeds={"sail": "2027-01-01"}), shown) == {
        "sail": "2027-01-01"  # never before what was published
    }
    old = datestamps.Lock({rid: {"modified": r.modified} for rid, r in records.items()})  # no sets, no feed dates
    assert published_dates(gone, rest, {"sail": sail}, old, shown) == {
        "sail": datestamps.last_changed(gone, (rest[r] for r in sail))
    }


def _all_dates(root: Path) -> dict[str, tuple[str, str]]:
    return {feed: _dates(root, feed) for feed in FEEDS}


def _edit_catalogue(root: Path, old: str, new: str, day: str) -> None:
    """Edit catalogue.yaml as its editor does: the text, and its own `modified` to `day`."""
    path = root / "catalogue.yaml"
    text = path.read_text()
    assert text.count(old) == 1, old
    edited = datestamps.set_modified(text.replace(old, new), day)
    assert edited is not None
    path.write_text(edited)


def test_a_withdrawal_moves_only_the_feeds_that_held_the_record(tmp_path, capsys):
    """Before: catalogue.yaml's date (which `touch` moves on a withdrawal) went into every feed's
    date, so the ONS, SAIL and RDS feeds said "changed" when a NISRA record was withdrawn."""
    root = _repository(tmp_path)
    before = _all_dates(root)
    (root / "records" / f"{GONE}.yaml").unlink()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0
    assert f"modified: {EDIT_DAY}" in (root / "catalogue.yaml").read_text()  # the file's own date moved
    assert _export(root) == 0
    after = _all_dates(root)
    assert after["nisra"] == (EDIT_DAY, EDIT_DAY) != before["nisra"]
    assert {f: after[f] for f in FEEDS if f != "nisra"} == {f: before[f] for f in FEEDS if f != "nisra"}
    stamps = json.loads((root / "exports" / datestamps.LOCK).read_text())["feeds"]
    assert sorted(stamps) == list(FEEDS) and all(len(s["content"]) == 64 for s in stamps.values())
    assert _export(root) == 0  # a fixed point
    assert _all_dates(root) == after
    capsys.readouterr()
    assert _export(root, "--check") == 0


def test_an_edit_to_what_a_feed_shows_of_the_catalogue_moves_that_feed(tmp_path, on_day):
    """Its own target catalogue entry moves it alone; the catalogue's own title every feed (each
    shows it, as its DCAT catalogue's title); the catalogue file's date alone moves none. (Each
    edit is made on the day it is dated: a later date is refused, catalogue.date-future.)"""
    root = _repository(tmp_path)
    before = _all_dates(root)
    _edit_catalogue(
        root, "    title: SAIL Databank catalogue (HDR UK Gateway)\n", "    title: SAIL Databank catalogue\n", EDIT_DAY
    )
    assert _export(root) == 0
    after = _all_dates(root)
    assert after["sail"] == (EDIT_DAY, EDIT_DAY)
    assert {f: after[f] for f in FEEDS if f != "sail"} == {f: before[f] for f in FEEDS if f != "sail"}
    on_day("2026-12-02")
    _edit_catalogue(root, "modified: " + EDIT_DAY, "modified: 2026-12-02", "2026-12-02")  # a date, nothing shown
    assert _export(root) == 0
    assert _all_dates(root) == after
    on_day("2026-12-03")
    _edit_catalogue(root, "title: ADR UK linked administrative datasets\n", "title: ADR UK datasets\n", "2026-12-03")
    assert _export(root) == 0
    assert set(_all_dates(root).values()) == {("2026-12-03", "2026-12-03")}


def test_a_records_json_of_feed_dates_alone_still_reads_and_moves_nothing(tmp_path):
    """A file an earlier version wrote (each feed's date, no content) reads as content not known:
    the catalogue file's date is taken, as before, and the next withdrawal moves its feed alone."""
    root = _repository(tmp_path)
    lock = root / "exports" / datestamps.LOCK
    data = json.loads(lock.read_text())
    data["feeds"] = {feed: stamp["modified"] for feed, stamp in data["feeds"].items()}
    lock.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    old = datestamps.read_lock(lock)
    assert old.feeds == data["feeds"] and old.feed_content == {}
    before = _all_dates(root)
    assert _export(root) == 0
    assert _all_dates(root) == before
    assert datestamps.read_lock(lock).feed_content == feed_contents(bundled()[0])
    (root / "records" / f"{GONE}.yaml").unlink()
    assert cli.main(["touch", "--catalogue", str(root / "catalogue.yaml"), "--date", EDIT_DAY]) == 0
    assert _export(root) == 0
    assert [f for f in FEEDS if _dates(root, f) != before[f]] == ["nisra"]


def test_the_catalogue_files_date_counts_only_when_what_the_feed_shows_of_it_differs():
    catalogue, records = bundled()
    records = published(records)
    ons = sorted(records)[:3]  # members matter here by their dates only
    later = attrs.evolve(catalogue, modified="2027-02-01")
    newest = max(records[r].modified for r in ons)
    assert newest < "2027-02-01"
    shown = feed_contents(later)
    same = datestamps.Lock(feed_content=shown)
    assert published_dates(later, records, {"ons": ons}, same, shown) == {"ons": newest}
    assert published_dates(later, records, {"ons": ons}, datestamps.Lock(), shown) == {"ons": "2027-02-01"}  # not known
    edited = attrs.evolve(later, title="Another title")
    assert feed_contents(edited)["ons"] != shown["ons"]
    assert published_dates(edited, records, {"ons": ons}, same, feed_contents(edited)) == {"ons": "2027-02-01"}
    # what the file lists but the feed does not show: its withdrawals, another feed's entry
    other = attrs.evolve(later, withdrawn=(Withdrawn(id=LEAVER, date="2027-02-01"),))
    assert feed_contents(other) == shown
    retitled = [attrs.evolve(t, title="Renamed") if t.id == "sail" else t for t in later.target_catalogues]
    moved = feed_contents(attrs.evolve(later, target_catalogues=tuple(retitled)))
    assert moved["ons"] == shown["ons"] and moved["sail"] != shown["sail"]
    # an entry it shows through another: the operator of the SAIL feed's TRE
    orgs = tuple(attrs.evolve(o, name="Swansea Univ.") if o.id == "swansea-university" else o for o in later.organisations)
    renamed = feed_contents(attrs.evolve(later, organisations=orgs))
    assert renamed["sail"] != shown["sail"] and renamed["nisra"] == shown["nisra"]


def test_feed_contents_are_made_only_when_feeds_are_written(monkeypatch, tmp_path):
    """An export of some formats writes no feeds, so it needs no feed fingerprints; a full one
    makes them once."""
    from adrmeta import exportrun
    from adrmeta.feeds import survey

    catalogue, records = bundled()
    asked: list[object] = []

    def counted(cat):
        asked.append(cat)
        return feed_contents(cat)

    monkeypatch.setattr(exportrun, "feed_contents", counted)
    exportrun.run(exportrun.Sink(), catalogue, records, ["schemaorg"], found=None)
    assert asked == []
    made = datestamps.Fingerprints(catalogue)
    found = survey(catalogue, published(records), [])
    exportrun.run(exportrun.Sink(tmp_path), catalogue, records, [], found=found, fingerprints=made)
    assert asked == [catalogue]
    lock = json.loads((tmp_path / datestamps.LOCK).read_text(encoding="utf-8"))
    assert {f: s["content"] for f, s in lock["feeds"].items()} == feed_contents(catalogue)


TITLE = ("title: ADR UK linked administrative datasets\n", "title: ADR UK datasets\n")


def _stale_catalogue(root: Path, today: str = EDIT_DAY) -> list:
    report = validate(catalogue=root / "catalogue.yaml", today=dt.date.fromisoformat(today))
    return [i for i in report.issues if i.code == "catalogue.modified-stale"]


def _set_catalogue_text(root: Path, old: str, new: str) -> None:
    path = root / "catalogue.yaml"
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_an_edit_to_what_a_feed_shows_without_a_new_date_is_an_error(tmp_path, capsys):
    """Before: the title edited, catalogue.yaml's `modified` unmoved, validate was clean and the
    export kept every feed's date, so harvesters polling the feeds' dates missed the new title."""
    root = _repository(tmp_path)
    before, lock = _all_dates(root), (root / "exports" / datestamps.LOCK).read_bytes()
    stored = datestamps.read_lock(root / "exports" / datestamps.LOCK).feeds
    last = max(stored.values())
    dated = bundled()[0].modified
    assert dated <= last < EDIT_DAY
    _set_catalogue_text(root, *TITLE)
    (found,) = _stale_catalogue(root)
    assert (found.severity, found.path, found.record) == ("error", "/modified", None)
    assert found.location is not None and found.location.file.endswith("catalogue.yaml")
    line = (root / "catalogue.yaml").read_text().splitlines()[found.location.line - 1]
    assert line.startswith("modified:") and found.location.column == len("modified: ") + 1
    capsys.readouterr()
    assert cli.main(["validate", "--catalogue", str(root / "catalogue.yaml")]) == 1
    assert "catalogue.modified-stale" in capsys.readouterr().out
    assert _export(root) == 1  # nothing written: the feeds keep their dates, records.json its content
    assert _all_dates(root) == before and (root / "exports" / datestamps.LOCK).read_bytes() == lock
    _set_catalogue_text(root, f"modified: {dated}\n", f"modified: {last}\n")  # the feeds' own date: not after it
    assert len(_stale_catalogue(root)) == 1
    after = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
    _set_catalogue_text(root, f"modified: {last}\n", f"modified: {after}\n")
    assert _stale_catalogue(root) == []
    assert cli.main(["validate", "--catalogue", str(root / "catalogue.yaml")]) == 0
    assert _export(root) == 0
    assert set(_all_dates(root).values()) == {(after, after)}  # every feed shows the title: every date moved
    assert _stale_catalogue(root) == []  # the export took the new content in


def test_a_catalogue_edit_is_not_judged_without_stored_content_or_when_dated_today(tmp_path):
    """A records.json of feed dates alone (an earlier version's) knows no content to compare; a
    file dated today already says today's change (datestamps are days; nothing later is allowed)."""
    root = _repository(tmp_path)
    _set_catalogue_text(root, *TITLE)
    last = max(datestamps.read_lock(root / "exports" / datestamps.LOCK).feeds.values())
    assert len(_stale_catalogue(root, last)) == 1
    dated = bundled()[0].modified
    _set_catalogue_text(root, f"modified: {dated}\n", f"modified: {last}\n")
    assert _stale_catalogue(root, today=last) == []  # dated today
    assert len(_stale_catalogue(root)) == 1  # the same file judged a day later
    path = root / "exports" / datestamps.LOCK
    data = json.loads(path.read_text())
    data["feeds"] = {feed: stamp["modified"] for feed, stamp in data["feeds"].items()}
    path.write_text(json.dumps(data))
    assert _stale_catalogue(root) == []
