"""`adrmeta validate` of one record with a 5,000-variable data dictionary beside it (issue 21's
goal: under 1 s), as YAML and as CSV.

    python benchmarks/dictionary_validate.py [--variables N] [--repeat K]

The dictionary is generated: 50 tables of N/50 variables, every variable with a label, a
description, a type and a format; every fifth a code list of five codes, one of them a
missing-value code. Each figure is a whole process (`python -m adrmeta validate ID`), the median
of K runs after a warm-up, with min and max, and the median CPU time (user + system).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"
CATALOGUE = ROOT / "tests" / "fixtures" / "catalogue.yaml"
TABLES = 50


def rows(variables: int) -> list[dict[str, str]]:
    out = []
    for n in range(variables):
        coded = n % 5 == 0
        out.append(
            {
                "table": f"table_{n % TABLES:02d}",
                "variable": f"var_{n:05d}",
                "label": f"Variable {n}",
                "description": f"What variable {n} records, in a sentence of ordinary length for a dictionary.",
                "type": "code" if coded else "integer",
                "format": "CHAR(2)" if coded else "INTEGER",
                "codes": "1=First; 2=Second; 3=Third; 4=Fourth" if coded else "",
                "missing": "-9=Not known" if coded else "",
            }
        )
    return out


def write_yaml(path: Path, variables: int) -> None:
    tables: dict[str, list[str]] = {}
    for r in rows(variables):
        lines = [
            f"      - name: {r['variable']}",
            f"        label: {r['label']}",
            f"        description: {r['description']}",
            f"        type: {r['type']}",
            f"        format: {r['format']}",
        ]
        if r["codes"]:
            lines.append("        codes:")
            for item in (r["codes"] + "; " + r["missing"]).split("; "):
                value, label = item.split("=")
                lines += [f'          - value: "{value}"', f"            label: {label}"]
                if value == "-9":
                    lines.append("            missing: true")
        tables.setdefault(r["table"], []).extend(lines)
    text = "tables:\n" + "".join(f"  - name: {name}\n    variables:\n" + "\n".join(body) + "\n" for name, body in tables.items())
    path.write_text(text)


def write_csv(path: Path, variables: int) -> None:
    import csv

    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows(1)[0]))
        writer.writeheader()
        writer.writerows(rows(variables))


def timed(folder: Path, repeat: int) -> tuple[float, float, float, float]:
    """Median, min and max wall time, and median CPU time (user + system: the process's own, which
    other work on a shared machine does not inflate)."""
    command = [sys.executable, "-m", "adrmeta", "validate", "minimal"]  # run from the repository: PYTHONPATH=$PWD/src
    subprocess.run(command, cwd=folder, check=True, capture_output=True)  # warm-up, and it must be clean
    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=folder, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times), min(times), max(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variables", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(CATALOGUE, folder / "catalogue.yaml")
        (folder / "records").mkdir()
        shutil.copy(RECORD, folder / "records" / "minimal.yaml")
        print(f"| `adrmeta validate`, one record, {args.variables:,} variables | wall, median | min | max | CPU, median |")
        for form, write in (("yaml", write_yaml), ("csv", write_csv)):
            side = folder / "records" / f"minimal.dictionary.{form}"
            write(side, args.variables)
            median, low, high, cpu = timed(folder, args.repeat)
            print(
                f"| beside it as .dictionary.{form} ({side.stat().st_size:,} bytes) | {median:.3f} s | {low:.3f} | {high:.3f} | {cpu:.3f} s |"
            )
            side.unlink()
        median, low, high, cpu = timed(folder, args.repeat)
        print(f"| the record alone (start-up and catalogue, for scale) | {median:.3f} s | {low:.3f} | {high:.3f} | {cpu:.3f} s |")


if __name__ == "__main__":
    main()
