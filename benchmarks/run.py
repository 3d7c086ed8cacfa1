"""Repeatable timings for adrmeta; prints the figures recorded in benchmarks/README.md.

    python benchmarks/run.py [--records N] [--repeat K]

1. Whole-process `adrmeta validate` and `adrmeta check` on the bundled records (goal for validate:
   under 0.5 s), next to a bare `python -c pass` so interpreter start-up is visible.
2. Loading N generated records (default 10,000: the bundled records copied under new ids) with
   adrmeta's loader, against bare libyaml parsing of the same files (goal: within 2x).
3. Whole-process `adrmeta validate` of the N generated records, for information.
4. DCAT: the catalogue's JSON-LD for the N records built by adrmeta, against building an rdflib
   graph of the same triples and serialising it (goal: at least 8x faster), and whole-process
   `adrmeta export --format dcat` (goal: within 2x of only loading the records).
5. DDI: whole-process `adrmeta export --format ddi` (goal: within 2x of only loading the records).
6. `--only formats [--sizes 24,2000,10000] [--ckan-python PY]`: per size, whole-process load (the
   floor) against `adrmeta export --format X` for each format and `adrmeta export` of everything,
   wall and CPU time and peak memory (goals: each format at most 1.5x the load; everything for
   10,000 records under 60 s and 1 GB), and ckanext-dcat's serialiser over the same datasets
   (`ckan_dcat.py`; goal: adrmeta's DCAT export at least 2x faster).

Each figure is the median of K runs (default 5) after one warm-up; the machine's other load
shows up as spread between min and max, which is printed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
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
# Child processes import this checkout's adrmeta too, whatever their working folder (an installed
# copy elsewhere must not be measured instead).
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])
# ...and read its compiled bytecode, as an installed adrmeta does (pip compiles at install): a shell
# with PYTHONDONTWRITEBYTECODE set would otherwise have every child compile every module it imports,
# which at 26 records was a third of an export's time.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

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
    """At least n valid record files (rounded up to whole batches): the bundled records copied in
    batches, each batch with its own ids and references (part_of, has_part, component records)
    renamed to match."""
    sources = sorted((ROOT / "records").glob("*.yaml"))
    ids = {p.stem for p in sources}
    texts = [p.read_text(encoding="utf-8") for p in sources]
    ref_line = re.compile(
        r"^(\s*(?:id|record): )([a-z0-9-]+)\s*$|^(\s*(?:part_of|has_part): \[)([^]]*)(\])\s*$"
        r"|^(\s*- )([a-z0-9-]+)\s*$"
    )

    def rename(text: str, batch: int) -> str:
        def one(rid: str) -> str:
            return f"{rid}-b{batch:04d}" if rid in ids else rid

        def fix(m: re.Match[str]) -> str:
            if m.group(1):
                return m.group(1) + one(m.group(2))
            if m.group(3):
                return m.group(3) + ", ".join(one(x.strip()) for x in m.group(4).split(",") if x.strip()) + m.group(5)
            return m.group(6) + one(m.group(7))

        return "\n".join(ref_line.sub(fix, line) for line in text.split("\n"))

    paths = []
    records = [p for p in sources if not p.name.endswith(".dictionary.yaml")]
    batches = -(-n // len(records))  # whole batches only: a partial one would leave references dangling
    for batch in range(batches):
        for source, text in zip(sources, texts, strict=True):
            stem, _dot, suffix = source.name.partition(".")  # a data dictionary keeps its suffix: x-b0000.dictionary.yaml
            path = folder / f"{stem}-b{batch:04d}.{suffix}"
            path.write_text(rename(text, batch), encoding="utf-8")
            if source in records:
                paths.append(path)
    return paths


def line(label: str, figures: tuple[float, float, float], per: int | None = None) -> str:
    med, lo, hi = figures
    extra = f"  ({med / per * 1e6:,.0f} µs per record)" if per else ""
    return f"{label:<58} median {med:7.3f} s   min {lo:7.3f}   max {hi:7.3f}{extra}"


def to_rdflib(nodes):
    """The same triples as an rdflib graph (the usual route, for comparison)."""
    import rdflib
    from rdflib import BNode, Literal, URIRef

    from adrmeta.rdf import IRI, PREFIXES, Lit

    g = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)

    def curie(c):
        prefix, local = c.split(":", 1)
        return URIRef(PREFIXES[prefix] + local)

    def term(v):
        if isinstance(v, IRI):
            return URIRef(v.value)
        if isinstance(v, Lit):
            return Literal(v.value, lang=v.lang, datatype=curie(v.datatype) if v.datatype else None)
        return subject(v)

    def subject(n):
        s = URIRef(n["@id"].value) if n["@id"] is not None else BNode()
        for t in n["@type"]:
            g.add((s, rdflib.RDF.type, curie(t)))
        for prop, values in n.items():
            if prop[0] != "@":
                for v in values:
                    g.add((s, curie(prop), term(v)))
        return s

    for n in nodes:
        subject(n)
    return g


def dcat_section(folder: Path, repeat: int) -> None:
    from adrmeta.export import dcat
    from adrmeta.rdf import to_jsonld
    from adrmeta.validate import load

    ws = load([folder], catalogue=folder.parent / "catalogue.yaml")
    n = len(ws.records)
    lang = ws.catalogue.language
    ours = timed(lambda: to_jsonld(dcat.catalog_nodes(ws.catalogue, ws.records), lang), repeat)
    nodes = dcat.catalog_nodes(ws.catalogue, ws.records)
    triples = len(to_rdflib(nodes))
    rdf = timed(lambda: to_rdflib(dcat.catalog_nodes(ws.catalogue, ws.records)).serialize(format="json-ld"), 1)
    print(line(f"catalogue JSON-LD of {n:,} records: adrmeta ({triples:,} triples)", ours, n))
    print(line("same triples: build an rdflib graph and serialise JSON-LD", rdf, n))
    print(f"{'ratio rdflib route / adrmeta (export step)':<58} {rdf[0] / ours[0]:.1f}x (goal: at least 8x)")
    out = folder.parent / "exports"
    cat = str(folder.parent / "catalogue.yaml")
    load_only = timed(
        lambda: process(
            "-c", f"from pathlib import Path; from adrmeta.validate import load; load(catalogue=Path({cat!r}), permanent=True)"
        ),
        max(1, repeat // 2),
    )
    whole = timed(
        lambda: process("-m", "adrmeta", "export", "--format", "dcat", "--out", str(out), "--catalogue", cat), max(1, repeat // 2)
    )
    files = sum(1 for _ in out.rglob("*.*"))
    print(line("load the records only, whole process", load_only, n))
    print(line(f"adrmeta export --format dcat, whole process ({files:,} files)", whole, n))
    print(f"{'ratio export dcat / load only (whole processes)':<58} {whole[0] / load_only[0]:.2f}x (goal: at most 2x)")
    ddi = timed(
        lambda: process("-m", "adrmeta", "export", "--format", "ddi", "--out", str(out), "--catalogue", cat), max(1, repeat // 2)
    )
    print(line(f"adrmeta export --format ddi, whole process ({n:,} files)", ddi, n))
    print(f"{'ratio export ddi / load only (whole processes)':<58} {ddi[0] / load_only[0]:.2f}x (goal: at most 2x)")


def measured(args: list[str], cwd: Path, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, float, float]:
    """One whole process: wall seconds, CPU seconds (user + system), peak resident MB and system
    CPU seconds, from the kernel's own accounting of that child (`wait4`), so the figures are its own."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in ok:
        raise SystemExit(f"{args} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, usage.ru_stime


def creation_cost(folder: Path) -> float:
    """System CPU seconds to create 1,000 small files in a new folder under `folder` (kept: a
    deletion is what makes the next creations slow)."""
    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=folder))
    before = os.times().system
    for i in range(1000):
        (probe / f"{i}.txt").write_bytes(b"x" * 512)
    return os.times().system - before


def settle(folder: Path, limit: float = 0.1, tries: int = 40) -> str:
    """Create files until creating 1,000 costs under `limit` system seconds (at most `tries`
    times). For minutes after many files were deleted (a test run, an earlier benchmark), ext4
    creates files slowly, up to 0.5 ms each of system time here against 0.03 ms otherwise, as it
    passes over the freed inodes; an export of 2,000 records creates 2,000 to 4,000 files, so that
    state, not adrmeta, would be measured. Creating files moves past them."""
    first = cost = creation_cost(folder)
    n = 1
    while cost > limit and n < tries:
        cost = creation_cost(folder)
        n += 1
    return f"{first * 1000:.0f} ms per 1,000 files created at first, {cost * 1000:.0f} ms after {n} probe(s)"


def formats_section(sizes: list[int], repeat: int, ckan_python: str | None) -> None:
    """Per size, in a folder that has exported once (as a records repository has): whole-process
    load of the records (the floor), `adrmeta export --format X` of each format, `adrmeta export`
    of everything (every format and feed), and, with a Python that
    has ckanext-dcat, its serialiser over the same datasets (`ckan_dcat.py`). Runs interleave;
    each figure is the median of `repeat` runs (one at 5,000 records or more)."""
    from adrmeta.export import EXPORTERS

    py = sys.executable
    made: list[Path] = []  # deleted only when every size is done (ext4 and deleted files: see formats_section's loop)
    try:
        for size in sizes:
            folder = Path(tempfile.mkdtemp(prefix="adrmeta-bench-formats-"))
            made.append(folder)
            shutil.copy(ROOT / "catalogue.yaml", folder / "catalogue.yaml")
            (folder / "records").mkdir()
            n = len(generate(folder / "records", size))
            print(f"\n{n:,} records: file system before the runs: {settle(folder)}")
            # as in a records repository, which has exported before: each export then also checks
            # every record's datestamp against exports/records.json (record.modified-stale)
            process("-m", "adrmeta", "export", "--format", "dcat", "--out", "exports", cwd=folder)
            jobs = {
                "load": [  # loaded as the CLI loads (permanent: frozen out of the collector)
                    py,
                    "-c",
                    "from pathlib import Path; from adrmeta.validate import load; load(catalogue=Path('catalogue.yaml'), permanent=True)",
                ]
            }
            big = n >= 5000  # one run each: a whole export of 10,000 records takes a minute
            jobs |= {
                name: [py, "-m", "adrmeta", "export", "--format", name, "--out", f"out-{name}"] for name in sorted(EXPORTERS)
            }
            jobs["all"] = [py, "-m", "adrmeta", "export", "--out", "out"]
            if ckan_python:
                jobs["ckanext-dcat"] = [ckan_python, str(ROOT / "benchmarks" / "ckan_dcat.py"), "records", "ckan-out"]
            runs: dict[str, list[tuple[float, float, float, float]]] = {k: [] for k in jobs}
            for i in range(1 if big else repeat):
                for name, args in jobs.items():
                    # Into a new empty folder each run, every run's files kept until the size is done:
                    # ext4 creates files slowly for minutes after many were deleted (it skips
                    # recently freed inodes), which deleting the last run's tree first would measure.
                    out = [*args[:-1], f"{args[-1]}-{i}"] if "--out" in args else args
                    runs[name].append(measured(out, folder, (0,) if name in ("ckanext-dcat", "load") else (0, 1)))
            med = {k: tuple(statistics.median(r[i] for r in v) for i in range(4)) for k, v in runs.items()}
            after = creation_cost(folder)
            files = sum(1 for p in (folder / "out-0").rglob("*") if p.is_file())
            load_wall, load_cpu, load_mb, _sys = med["load"]
            print(
                f"{n:,} records ({files:,} files in a whole export); load only: {load_wall:.2f} s wall, "
                f"{load_cpu:.2f} s CPU, {load_mb:.0f} MB; after the runs, {after * 1000:.0f} ms per 1,000 files created"
            )
            print("| export | wall s | CPU s | of which system | ratio to load (wall) | ratio to load (CPU) | peak MB |")
            print("|---|---|---|---|---|---|---|")
            for name in [*sorted(EXPORTERS), "all", *(["ckanext-dcat"] if ckan_python else [])]:
                wall, cpu, mb, system = med[name]
                print(
                    f"| {name} | {wall:.2f} | {cpu:.2f} | {system:.2f} | {wall / load_wall:.2f}x | {cpu / load_cpu:.2f}x | {mb:.0f} |"
                )
            if ckan_python:
                print(
                    f"ckanext-dcat catalogue / adrmeta export --format dcat: {med['ckanext-dcat'][0] / med['dcat'][0]:.1f}x "
                    f"(wall), {med['ckanext-dcat'][1] / med['dcat'][1]:.1f}x (CPU)"
                )
    finally:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("formats",), help="run one part alone")
    parser.add_argument("--sizes", default="24,2000,10000", help="record counts for --only formats (comma-separated)")
    parser.add_argument(
        "--ckan-python",
        metavar="PYTHON",
        help="a Python with CKAN and ckanext-dcat, for the side-by-side DCAT figure (--only formats)",
    )
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)  # see PYTHONDONTWRITEBYTECODE above
    if args.only == "formats":
        formats_section([int(x) for x in args.sizes.split(",")], args.repeat, args.ckan_python)
        return

    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"libyaml: {yaml.__with_libyaml__}; {len(list((ROOT / 'records').glob('*.yaml')))} bundled records"
    )

    print(line("python -c pass (interpreter start-up)", timed(lambda: process("-c", "pass"), args.repeat)))
    print(
        line(
            "adrmeta validate (bundled records, whole process)", timed(lambda: process("-m", "adrmeta", "validate"), args.repeat)
        )
    )
    print(line("adrmeta check (bundled records, whole process)", timed(lambda: process("-m", "adrmeta", "check"), args.repeat)))
    print(
        line(
            "adrmeta check --format html (bundled records)",
            timed(lambda: process("-m", "adrmeta", "check", "--format", "html"), args.repeat),
        )
    )

    folder = Path(tempfile.mkdtemp(prefix="adrmeta-bench-"))
    try:
        # a workspace of its own: catalogue.yaml beside records/, as `adrmeta export` expects
        shutil.copy(ROOT / "catalogue.yaml", folder / "catalogue.yaml")
        records = folder / "records"
        records.mkdir()
        paths = generate(records, args.records)
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
        print(
            line(
                f"adrmeta validate of {n:,} records (whole process)",
                timed(lambda: process("-m", "adrmeta", "validate", str(records)), max(1, args.repeat // 2)),
                n,
            )
        )
        dcat_section(records, args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
