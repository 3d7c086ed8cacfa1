"""What `provenance.published` costs now that it keeps only the sources a stated value cites
(`provenance.cited`, owner trial R1): 50 generated records (benchmarks/dictionary_export.py's), each
with a 2,000-variable dictionary, two sources of its own (one cited, one only in notes) and a
provenance entry, so that every record is walked. Also the full `facts()` walk, for comparison.

    python benchmarks/published_sources.py
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import dictionary_export as generated  # noqa: E402

from adrmeta import provenance  # noqa: E402
from adrmeta.validate import load  # noqa: E402


def median_of(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="adrmeta-sources-"))
    try:
        base = yaml.safe_load(generated.FIXTURE.read_text(encoding="utf-8"))
        base.pop("dictionary")
        base["sources"] = [
            {"id": "own-page", "title": "Its own page", "date": "2024"},
            {"id": "notes-only", "title": "A news item only the notes name", "date": "2024"},
        ]
        base["provenance"] = [{"path": "/summary", "source": "own-page"}]
        side = yaml.safe_dump(generated.dictionary(2000), sort_keys=False)
        paths = []
        for i in range(50):
            base["id"] = f"dictionary-{i:03d}"
            path = folder / f"{base['id']}.yaml"
            path.write_text(yaml.safe_dump(base, sort_keys=False), encoding="utf-8")
            (folder / f"{base['id']}.dictionary.yaml").write_text(side, encoding="utf-8")
            paths.append(path)
        ws = load(paths, catalogue=generated.CATALOGUE)
        assert not [i for i in ws.issues if i.severity == "error"], ws.issues[:3]
        kept = sorted({s.id for r in provenance.published(ws.records).values() for s in r.sources})
        print(f"published(): {median_of(lambda: provenance.published(ws.records), 5):.3f} s; sources kept: {kept}")
        walk = median_of(lambda: [{f.source for f in provenance.facts(r)} for r in ws.records.values()], 3)
        print(f"full facts() walk, for comparison: {walk:.3f} s")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
