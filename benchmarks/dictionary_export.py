"""Data dictionaries at scale (issue 21): 50 records with 2,000 variables each (20 tables of 100;
every fourth variable with a five-value code list, one of them a missing-value code), each kept
beside its record as `<id>.dictionary.yaml`, loaded, then every export format rendered from the
loaded records.

    python benchmarks/dictionary_export.py [--records 50] [--variables 2000] [--repeat 3]

Goal: each format's export within 1.5x of loading the records. Printed per format: the export
alone (rendering and writing every file of the format into memory-backed hashing, no disk),
and the ratio (export / load), each the median of K runs after one warm-up. Invented test data.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from adrmeta import exportrun  # noqa: E402
from adrmeta.export import EXPORTERS  # noqa: E402
from adrmeta.validate import load  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "dictionary" / "dictionary-complete.yaml"
CATALOGUE = ROOT / "tests" / "fixtures" / "catalogue.yaml"
TYPES = ["string", "integer", "decimal", "date", "code"]


def dictionary(n_vars: int, per_table: int = 100) -> dict:
    tables = []
    for t in range(max(1, n_vars // per_table)):
        variables = []
        for v in range(per_table):
            var = {
                "name": f"var_{t}_{v}",
                "label": f"Variable {v} of table {t}",
                "description": f"What variable {v} of table {t} records, in a sentence of ordinary length.",
                "type": TYPES[v % len(TYPES)],
                "sensitive": v % 10 == 0,
            }
            if v % 4 == 0:
                var["type"] = "code"
                var["codes"] = [{"value": str(c), "label": f"Category {c}"} for c in range(1, 5)] + [
                    {"value": "-9", "label": "Not recorded", "missing": True}
                ]
            if v % 5 == 1:
                var["unit"] = "days"
            if v % 7 == 0:
                var["format"] = "CHAR(8)"
                var["period"] = "2010 onwards"
            variables.append(var)
        tables.append(
            {
                "name": f"table_{t}",
                "label": f"Table {t}",
                "description": f"One row per thing {t}.",
                "component": "cla" if t % 2 else "npd",
                "variables": variables,
            }
        )
    return {"version": "1", "tables": tables}


def generate(folder: Path, n_records: int, n_vars: int) -> list[Path]:
    base = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    base.pop("provenance", None)
    base.pop("dictionary")
    side = yaml.safe_dump(dictionary(n_vars), sort_keys=False, allow_unicode=True)
    paths = []
    for i in range(n_records):
        base["id"] = f"dictionary-{i:03d}"
        path = folder / f"{base['id']}.yaml"
        path.write_text(yaml.safe_dump(base, sort_keys=False, allow_unicode=True), encoding="utf-8")
        (folder / f"{base['id']}.dictionary.yaml").write_text(side, encoding="utf-8")
        paths.append(path)
    return paths


def median(fn, repeat: int) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=50)
    ap.add_argument("--variables", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="adrmeta-dict-"))
    try:
        paths = generate(folder, args.records, args.variables)
        loaded = {}

        def load_all() -> None:
            loaded["ws"] = load(paths, catalogue=CATALOGUE)

        load_t = median(load_all, args.repeat)
        ws = loaded["ws"]
        errors = [i for i in ws.issues if i.severity == "error"]
        assert not errors, errors[:3]
        n_vars = sum(len(t.variables) for r in ws.records.values() for t in r.dictionary.tables)
        print(f"{args.records} records, {n_vars:,} variables; median of {args.repeat} runs after a warm-up\n")
        print("| what | seconds | export / load | goal |\n|---|---|---|---|")
        print(f"| load (parse, check, build, validate) | {load_t:.2f} | 1.00x | the floor |")
        for name in sorted(EXPORTERS):
            sink = exportrun.Sink()
            t = median(
                lambda sink=sink, name=name: exportrun.run(sink, ws.catalogue, ws.records, [name], found=None), args.repeat
            )
            ratio = t / load_t
            print(
                f"| export {name} ({len(sink.digests) - 1:,} files) | {t:.2f} | {ratio:.2f}x | "
                f"{'met' if ratio <= 1.5 else '**not met**'} |"
            )
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
