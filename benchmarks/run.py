"""Repeatable timings for adrmeta; prints the figures recorded in benchmarks/README.md.

    python benchmarks/run.py [--records N] [--repeat K]

1. Whole-process `adrmeta validate` and `adrmeta check` on the bundled records (goal for validate:
   under 0.5 s), next to a bare `python -c pass` so interpreter start-up is visible.
2. Loading N generated records (default 10,000: the bundled records copied under new ids) with
   adrmeta's loader, against bare libyaml parsing of the same files (goal: within 2x).
3. Whole-process `adrmeta validate` of the N generated records, for information.

Each figure is the median of K runs (default 5) after one warm-up; the machine's other load
shows up as spread between min and max, which is printed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from adrmeta.records import load_record  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, float, float]:
    fn()  # warm-up: file cache, imports
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs), max(runs)


def process(*args: str, cwd: Path = ROOT) -> None:
    result = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{args} failed: {result.stdout}{result.stderr}")


def generate(folder: Path, n: int) -> list[Path]:
    """n record files made from the bundled ones, each with its own id."""
    sources = sorted((ROOT / "records").glob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    paths = []
    for i in range(n):
        src, text = sources[i % len(sources)], texts[i % len(sources)]
        new_id = f"{src.stem}-{i:05d}"
        path = folder / f"{new_id}.yaml"
        path.write_text(text.replace(f"\nid: {src.stem}\n", f"\nid: {new_id}\n", 1), encoding="utf-8")
        paths.append(path)
    return paths


def line(label: str, figures: tuple[float, float, float], per: int | None = None) -> str:
    med, lo, hi = figures
    extra = f"  ({med / per * 1e6:,.0f} µs per record)" if per else ""
    return f"{label:<58} median {med:7.3f} s   min {lo:7.3f}   max {hi:7.3f}{extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"libyaml: {yaml.__with_libyaml__}; {len(list((ROOT / 'records').glob('*.yaml')))} bundled records")

    print(line("python -c pass (interpreter start-up)", timed(lambda: process("-c", "pass"), args.repeat)))
    print(line("adrmeta validate (bundled records, whole process)",
               timed(lambda: process("-m", "adrmeta", "validate"), args.repeat)))
    print(line("adrmeta check (bundled records, whole process)",
               timed(lambda: process("-m", "adrmeta", "check"), args.repeat)))
    print(line("adrmeta check --format html (bundled records)",
               timed(lambda: process("-m", "adrmeta", "check", "--format", "html"), args.repeat)))

    folder = Path(tempfile.mkdtemp(prefix="adrmeta-bench-"))
    try:
        paths = generate(folder, args.records)
        n = len(paths)

        def bare() -> None:
            for p in paths:
                yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)

        def ours() -> None:
            for p in paths:
                assert load_record(p).value is not None

        bare_t = timed(bare, args.repeat)
        ours_t = timed(ours, args.repeat)
        print(line(f"bare libyaml yaml.load of {n:,} records", bare_t, n))
        print(line(f"adrmeta load_record of {n:,} records (checked, built)", ours_t, n))
        print(f"{'ratio adrmeta / bare libyaml':<58} {ours_t[0] / bare_t[0]:.2f}x (goal: at most 2x)")
        print(line(f"adrmeta validate of {n:,} records (whole process)",
                   timed(lambda: process("-m", "adrmeta", "validate", str(folder)), max(1, args.repeat // 2)), n))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
