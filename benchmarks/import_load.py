"""Whole-process `adrmeta import` of one DCAT catalogue of N datasets; prints the figures recorded
in benchmarks/README.md.

    python benchmarks/import_load.py [--records N] [--repeat K]

The catalogue is made the way `benchmarks/run.py` makes its records (the bundled records copied in
batches under new ids) and exported by adrmeta's DCAT exporter as Turtle and JSON-LD. Each is
imported by a separate `python -m adrmeta import` process writing every draft; for scale, the bare
rdflib parse of the same file in a process of its own. Medians of K runs (default 3).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import generate, line, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from adrmeta.export import dcat
    from adrmeta.export.files import whole
    from adrmeta.validate import load

    folder = Path(tempfile.mkdtemp(prefix="adrmeta-import-bench-"))
    try:
        shutil.copy(ROOT / "catalogue.yaml", folder / "catalogue.yaml")
        (folder / "records").mkdir()
        generate(folder / "records", args.records)
        ws = load(catalogue=folder / "catalogue.yaml")
        n = len(ws.records)
        files = whole(dcat.catalog_documents(ws.catalogue, ws.records))
        cat = str(folder / "catalogue.yaml")
        for name in ("dcat/catalog.ttl", "dcat/catalog.jsonld"):
            src = folder / name.split("/")[1]
            src.write_text(files[name], encoding="utf-8")
            fmt = "turtle" if name.endswith(".ttl") else "json-ld"
            out = folder / "drafts"

            def run_import(src: Path = src, out: Path = out) -> None:
                shutil.rmtree(out, ignore_errors=True)
                result = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "adrmeta",
                        "import",
                        "--catalogue",
                        cat,
                        "--out",
                        str(out),
                        "--format",
                        "json",
                        str(src),
                    ],
                    capture_output=True,
                    text=True,
                )
                if result.returncode != 0:
                    raise SystemExit(f"import failed: {result.stderr}{result.stdout[-2000:]}")

            def parse_only(src: Path = src, fmt: str = fmt) -> None:
                subprocess.run(
                    [sys.executable, "-c", f"import rdflib; rdflib.Graph().parse({str(src)!r}, format={fmt!r})"], check=True
                )

            size = src.stat().st_size / 1e6
            parse = timed(parse_only, max(1, args.repeat - 1))
            whole = timed(run_import, args.repeat)
            drafts = len(list(out.glob("*.yaml")))
            print(line(f"rdflib parse only, {name.split('/')[1]} ({size:.0f} MB), whole process", parse, n))
            print(line(f"adrmeta import {name.split('/')[1]}: {drafts:,} drafts, whole process", whole, n))
            print(f"{'ratio import / rdflib parse only':<58} {whole[0] / parse[0]:.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
