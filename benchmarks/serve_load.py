"""A bounded load run of `adrmeta serve` on loopback; prints the figures recorded in benchmarks/README.md.

    python benchmarks/serve_load.py [--records N] [--seconds S] [--clients C] [--workers W] [--page-size P]

Generates N records (default 10,000: the bundled records copied under new ids, as benchmarks/run.py
does), starts `adrmeta serve` on 127.0.0.1 with W workers, and for S seconds per scenario (default 10)
runs C client processes (default 4), each a closed loop over one keep-alive connection:

1. GetRecord of a random record in a random prefix (oai_dc or oai_ddi25);
2. ListRecords pages replayed from resumption tokens collected by one full harvest of each prefix
   (so every page of the list is asked for, not only the first);
3. ListIdentifiers likewise, and a DCAT catalogue page, for information.

Clients share the machine's cores with the server, so the figures are a floor for the server alone.
Reported per scenario: requests per second over all clients, median, p99 and max latency, and errors
(any status but 200). Goal: at least 1,000 GetRecord/s with p99 under 50 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, generate  # noqa: E402

TOKEN = re.compile(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>")


class Connection:
    """A minimal HTTP/1.1 keep-alive client: the load generator must cost less than the server."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.sock: socket.socket | None = None
        self.buf = b""

    def get(self, target: str) -> tuple[int, bytes]:
        if self.sock is None:
            self.sock = socket.create_connection((self.host, self.port))
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buf = b""
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        while b"\r\n\r\n" not in self.buf:
            self._more()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = next(int(line.split(b":", 1)[1]) for line in lines if line.lower().startswith(b"content-length:"))
        while len(self.buf) < length:
            self._more()
        body, self.buf = self.buf[:length], self.buf[length:]
        if any(line.lower() == b"connection: close" for line in lines):
            self.close()
        return status, body

    def _more(self) -> None:
        assert self.sock is not None
        data = self.sock.recv(1 << 20)
        if not data:
            raise ConnectionError("server closed the connection")
        self.buf += data

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None


def client(host: str, port: int, targets: list[str], seconds: float, seed: int, out: mp.Queue) -> None:
    rng = random.Random(seed)
    conn = Connection(host, port)
    latencies: list[float] = []
    errors = 0
    end = time.perf_counter() + seconds
    while True:
        start = time.perf_counter()
        if start >= end:
            break
        try:
            status, _body = conn.get(rng.choice(targets))
        except OSError:
            conn.close()
            errors += 1
            continue
        latencies.append(time.perf_counter() - start)
        errors += status != 200
    conn.close()
    out.put((latencies, errors))


def scenario(label: str, host: str, port: int, targets: list[str], seconds: float, clients: int) -> str:
    queue: mp.Queue = mp.Queue()
    procs = [mp.Process(target=client, args=(host, port, targets, seconds, i, queue)) for i in range(clients)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    lat = sorted(x for r in results for x in r[0])
    errors = sum(r[1] for r in results)
    n = len(lat)
    p99 = lat[min(n - 1, int(n * 0.99))] if n else float("nan")
    return (
        f"{label:<34} {n / seconds:8,.0f} req/s   median {statistics.median(lat) * 1e3:6.2f} ms   "
        f"p99 {p99 * 1e3:6.2f} ms   max {lat[-1] * 1e3:7.2f} ms   {n:,} requests, {errors} errors"
    )


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MB of a process and its children, from /proc (Linux): PSS counts the pages
    the forked workers share with the master once."""
    pids = [pid] + [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == pid]
    rss = pss = 0.0
    for one in pids:
        for line in Path(f"/proc/{one}/smaps_rollup").read_text().splitlines():
            if line.startswith(("Rss:", "Pss:")):
                kb = int(line.split()[1]) / 1024
                rss, pss = (rss + kb, pss) if line.startswith("Rss:") else (rss, pss + kb)
    return rss, pss


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def harvest_tokens(conn: Connection, verb: str, prefix: str) -> list[str]:
    """Every page's request of one full harvest: the first page, then one per resumption token."""
    first = f"/oai?verb={verb}&metadataPrefix={prefix}"
    targets = [first]
    status, body = conn.get(first)
    while status == 200 and (m := TOKEN.search(body)):
        target = f"/oai?verb={verb}&resumptionToken={quote(m.group(1).decode())}"
        targets.append(target)
        status, body = conn.get(target)
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"{args.clients} client processes, {args.workers} server workers, {args.seconds:g} s per scenario"
    )

    folder = Path(tempfile.mkdtemp(prefix="adrmeta-serve-bench-"))
    server = None
    try:
        shutil.copy(ROOT / "catalogue.yaml", folder / "catalogue.yaml")
        (folder / "records").mkdir()
        ids = [p.stem for p in generate(folder / "records", args.records)]
        start = time.perf_counter()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "adrmeta",
                "serve",
                "--port",
                "0",
                "--workers",
                str(args.workers),
                "--page-size",
                str(args.page_size),
                "--catalogue",
                str(folder / "catalogue.yaml"),
            ],
            cwd=folder,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"on (http://\S+)", line)
        if not match:
            raise SystemExit(f"adrmeta serve did not start: {line}")
        url = urlsplit(match.group(1))
        host, port = url.hostname or "127.0.0.1", url.port or 80
        conn = Connection(host, port)
        while True:
            try:
                if conn.get("/oai?verb=Identify")[0] == 200:
                    break
            except OSError:
                conn.close()
                time.sleep(0.2)
        print(
            f"{len(ids):,} records: server ready (loaded, validated, every response rendered) in "
            f"{time.perf_counter() - start:.1f} s"
        )
        if Path("/proc").is_dir():
            rss, pss = memory_mb(server.pid)
            print(f"server memory, master and workers: RSS {rss:,.0f} MB summed, PSS {pss:,.0f} MB (shared pages once)")
        repo = "oai:metadata.adruk.org:"
        get_record = [
            f"/oai?verb=GetRecord&identifier={repo}{rid}&metadataPrefix={p}" for rid in ids for p in ("oai_dc", "oai_ddi25")
        ]
        list_records = harvest_tokens(conn, "ListRecords", "oai_dc") + harvest_tokens(conn, "ListRecords", "oai_ddi25")
        list_ids = harvest_tokens(conn, "ListIdentifiers", "oai_dc")
        pages = [f"/catalog.jsonld?page={n}" for n in range(1, -(-len(ids) // args.page_size) + 1)]
        sizes = {
            label: len(conn.get(t)[1])
            for label, t in (("ListRecords oai_dc", list_records[0]), ("ListRecords oai_ddi25", list_records[-2]))
        }
        conn.close()
        print(
            f"ListRecords pages: {len(list_records)} ({args.page_size} records each; about "
            + ", ".join(f"{k} {v / 1e3:,.0f} KB" for k, v in sizes.items())
            + ")"
        )
        for label, targets in (
            ("GetRecord (oai_dc, oai_ddi25)", get_record),
            ("ListRecords (every page)", list_records),
            ("ListIdentifiers (every page)", list_ids),
            ("DCAT catalogue page (JSON-LD)", pages),
        ):
            print(scenario(label, host, port, targets, args.seconds, args.clients), flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
