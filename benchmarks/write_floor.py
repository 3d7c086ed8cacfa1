"""The cost of only writing an export's files on this machine: the floor under any exporter.

`python benchmarks/write_floor.py EXPORTS [--repeat K]` reads every file under each top-level
folder of EXPORTS (an `adrmeta export` tree) into memory, then writes the same bytes under the
same names into a fresh folder beside it, timing only the writing (open, write, close per file)
with the kernel's own accounting (user and system CPU, wall). Nothing is rendered, so what it
prints is what creating that many files and bytes costs here, whatever the exporter does.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def _usage() -> tuple[float, float, float]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), r.ru_utime, r.ru_stime


def write_once(files: list[tuple[str, bytes]], beside: Path) -> tuple[float, float, float]:
    """Wall, user and system seconds to write `files` into a fresh folder (then removed)."""
    root = Path(tempfile.mkdtemp(prefix=".write-floor-", dir=beside))
    try:
        folders = {(root / rel).parent for rel, _data in files}
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        w0, u0, s0 = _usage()
        for rel, data in files:
            with open(root / rel, "wb") as fh:
                fh.write(data)
        w1, u1, s1 = _usage()
        return w1 - w0, u1 - u0, s1 - s0
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("exports", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| folder | files | MB | wall s | user s | system s |")
    print("|---|---|---|---|---|---|")
    for top in sorted(p for p in args.exports.iterdir() if p.is_dir()):
        files = [(str(p.relative_to(args.exports)), p.read_bytes()) for p in sorted(top.rglob("*")) if p.is_file()]
        runs = [write_once(files, args.exports.parent) for _ in range(args.repeat)]
        wall, user, system = (statistics.median(r[i] for r in runs) for i in range(3))
        size = sum(len(d) for _r, d in files) / 1e6
        print(f"| {top.name} | {len(files):,} | {size:.1f} | {wall:.2f} | {user:.2f} | {system:.2f} |")


if __name__ == "__main__":
    main()
