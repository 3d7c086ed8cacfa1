"""The link checker against a local HTTP server on 127.0.0.1 (never the internet): every kind of
answer gets its classification, politeness holds, results are cached, and validation and the
flagship check use the results."""

from __future__ import annotations

import collections
import io
import json
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from adrmeta import eligibility
from adrmeta.links import Cache, Checker, Options, check_urls
from adrmeta.validate import validate

from .conftest import FIXTURES, TEST_CATALOGUE, run_cli


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: collections.Counter = collections.Counter()
    lock = threading.Lock()
    retry_after = "0.1"  # seconds a busy answer asks for; short, so the tests that only classify are quick
    active = 0
    max_active = 0

    def log_message(self, *args):  # quiet
        pass

    def do_HEAD(self):
        self.route(head=True)

    def do_GET(self):
        self.route(head=False)

    def reply(self, code, headers=None, body=b""):
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command == "GET":
            self.wfile.write(body)

    def route(self, head):
        cls = type(self)
        with cls.lock:
            cls.hits[(self.command, self.path)] += 1
            count = cls.hits[(self.command, self.path)]
            cls.active += 1
            cls.max_active = max(cls.max_active, cls.active)
        try:
            self.answer(head, count)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with cls.lock:
                cls.active -= 1

    def answer(self, head, count):
        p = self.path
        if p == "/ok":
            self.reply(200)
        elif p == "/moved":
            self.reply(301, {"Location": "/ok"})
        elif p == "/temporary":
            self.reply(302, {"Location": "/ok"})
        elif p == "/loop-a":
            self.reply(302, {"Location": "/loop-b"})
        elif p == "/loop-b":
            self.reply(302, {"Location": "/loop-a"})
        elif p == "/missing":
            self.reply(404)
        elif p == "/error":
            self.reply(500)
        elif p == "/busy":
            self.reply(429, {"Retry-After": self.retry_after}) if count == 1 else self.reply(200)
        elif p == "/always-busy":
            self.reply(429, {"Retry-After": self.retry_after})
        elif p == "/no-head":
            if head:
                self.reply(405, {"Allow": "GET"})
            else:  # a large body the checker must not download
                self.send_response(200)
                self.send_header("Content-Length", str(50_000_000))
                self.end_headers()
                for _ in range(5000):
                    self.wfile.write(b"x" * 10_000)
        elif p == "/slow":
            time.sleep(3)
            self.reply(200)
        elif p == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif p.startswith("/hold/"):
            time.sleep(0.15)
            self.reply(200)
        else:
            self.reply(404)


@pytest.fixture
def server():
    Handler.hits.clear()
    Handler.active = Handler.max_active = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    # shutdown() waits for the serving loop's next poll: 0.5 s by default, at every test's teardown
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FAST = Options(timeout=1.0, retries=2, backoff=0.1, delay=0.0, max_retry_after=2.0, per_host=4, concurrency=16)


def test_each_answer_gets_its_classification_within_the_time_bound(server):
    https = server.replace("http://", "https://")
    expected = {
        f"{server}/ok": ("ok", 200),
        f"{server}/moved": ("moved", 200),
        f"{server}/temporary": ("ok", 200),
        f"{server}/loop-a": ("too-many-redirects", None),
        f"{server}/missing": ("client-error", 404),
        f"{server}/error": ("server-error", 500),
        f"{server}/busy": ("ok", 200),
        f"{server}/always-busy": ("client-error", 429),
        f"{server}/no-head": ("ok", 200),
        f"{server}/slow": ("timeout", None),
        f"{server}/reset": ("connection-error", None),
        f"{https}/ok": ("tls-error", None),
        "ftp://127.0.0.1/file": ("unsupported", None),
    }
    start = time.monotonic()
    results = check_urls(expected, Checker(FAST))
    elapsed = time.monotonic() - start
    assert {u: (r.status, r.http_status) for u, r in results.items()} == expected
    assert results[f"{server}/moved"].final_url == f"{server}/ok"  # the URL to use instead
    assert elapsed < 20, elapsed  # every wait is bounded: timeouts, capped Retry-After, few retries


class RecordedSleeps:
    """The link checker's clock, with its sleeps recorded instead of slept."""

    def __init__(self):
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)

    def __getattr__(self, name):
        return getattr(time, name)


def test_retry_after_is_honoured_then_given_up(server, monkeypatch):
    from adrmeta import links

    clock = RecordedSleeps()
    monkeypatch.setattr(links, "time", clock)
    monkeypatch.setattr(Handler, "retry_after", "1.5")
    Checker(FAST).check(f"{server}/busy")
    assert Handler.hits[("HEAD", "/busy")] == 2
    assert clock.sleeps == [1.5]  # the server's Retry-After, not the checker's own backoff (0.1 s)
    clock.sleeps.clear()
    result = Checker(FAST).check(f"{server}/always-busy")
    assert result.http_status == 429 and Handler.hits[("HEAD", "/always-busy")] == FAST.retries + 1
    assert clock.sleeps == [1.5] * FAST.retries  # waited Retry-After before each retry, then gave up
    clock.sleeps.clear()
    monkeypatch.setattr(Handler, "retry_after", "3600")
    Checker(FAST).check(f"{server}/always-busy")
    assert clock.sleeps == [FAST.max_retry_after] * FAST.retries  # an hour asked for: capped


def test_without_retry_after_the_backoff_doubles(monkeypatch):
    from adrmeta import links

    class Busy(requests.Session):
        def request(self, *args, **kwargs):
            response = requests.Response()
            response.status_code, response.raw = 503, io.BytesIO()
            return response

    clock = RecordedSleeps()
    monkeypatch.setattr(links, "time", clock)
    result = Checker(FAST, session_factory=Busy).check("http://busy.invalid/")
    assert result.status == "server-error" and clock.sleeps == [FAST.backoff, 2 * FAST.backoff]


def test_head_refused_falls_back_to_get_without_downloading_the_body(server):
    start = time.monotonic()
    result = Checker(FAST).check(f"{server}/no-head")
    assert result.status == "ok" and Handler.hits[("GET", "/no-head")] == 1
    assert time.monotonic() - start < 5  # 50 MB were offered; the checker closed after the headers


def test_per_host_concurrency_limit(server):
    options = Options(timeout=5, delay=0.0, per_host=2, concurrency=8)
    urls = [f"{server}/hold/{i}" for i in range(8)]
    results = check_urls(urls, Checker(options))
    assert all(r.status == "ok" for r in results.values())
    assert Handler.max_active == 2


def test_politeness_delay_spaces_requests_to_one_host(server):
    options = Options(timeout=5, delay=0.1, per_host=4, concurrency=8)
    start = time.monotonic()
    check_urls([f"{server}/ok?{i}" for i in range(4)], Checker(options))
    assert time.monotonic() - start >= 3 * 0.1 * 0.9  # a lower bound only: three waits between four starts


def test_dns_failure_is_classified():
    class NoDns(requests.Session):
        def request(self, *args, **kwargs):
            raise requests.exceptions.ConnectionError(
                "HTTPConnectionPool(host='no-such-host.invalid', port=80): [Errno -2] Name or service not known"
            )

    result = Checker(FAST, session_factory=NoDns).check("http://no-such-host.invalid/")
    assert result.status == "dns-failure"


def test_a_host_whose_name_did_not_resolve_is_not_asked_again_nor_waited_for():
    """Offline, every host fails to resolve: its other links are dns failures at once, not one
    politeness delay (here ten minutes) after another. Other hosts are still asked."""
    asked = []

    class Resolver(requests.Session):
        def request(self, method, url, **kwargs):
            asked.append(url)
            if "gone.invalid" in url:
                raise requests.exceptions.ConnectionError(
                    "HTTPConnectionPool(host='gone.invalid', port=80): [Errno -3] Temporary failure in name resolution"
                )
            response = requests.Response()
            response.status_code, response.raw = 200, io.BytesIO()
            return response

    options = Options(delay=600.0, per_host=2, concurrency=4, timeout=1.0)
    gone = [f"http://gone.invalid/{i}" for i in range(4)]
    found = {}
    worker = threading.Thread(
        target=lambda: found.update(check_urls([*gone, "http://here.test/"], Checker(options, Resolver))), daemon=True
    )
    worker.start()
    worker.join(120)  # a bound far below the delay, only so that a regression fails instead of hanging
    assert not worker.is_alive(), "the other links of an unresolvable host waited for their turn"
    assert len([u for u in asked if "gone.invalid" in u]) == 1  # whichever came first; the rest were not asked
    assert {found[u].status for u in gone} == {"dns-failure"}
    assert sum("did not resolve earlier in this run" in found[u].detail for u in gone) == 3
    assert found["http://here.test/"].status == "ok" and "http://here.test/" in asked


def test_cache_avoids_repeat_requests_until_it_expires(server, tmp_path):
    cache_file = tmp_path / "links.json"
    urls = [f"{server}/ok", f"{server}/missing"]
    check_urls(urls, Checker(FAST), Cache(cache_file, 24))
    first = sum(Handler.hits.values())
    again = check_urls(urls, Checker(FAST), Cache(cache_file, 24))
    assert sum(Handler.hits.values()) == first  # answered from the cache
    assert again[f"{server}/missing"].status == "client-error"
    check_urls(urls, Checker(FAST), Cache(cache_file, 0))  # max age 0: check again
    assert sum(Handler.hits.values()) > first
    assert json.loads(cache_file.read_text())[f"{server}/ok"]["status"] == "ok"


def workspace_with_links(tmp_path, server):
    text = (FIXTURES / "flagship" / "eligible.yaml").read_text()
    text = text.replace("url: https://example.org/guide", f"url: {server}/ok")
    text = text.replace("url: https://example.org/dictionary", f"url: {server}/missing")
    text = text.replace("url: https://example.org/catalogue/eligible", f"url: {server}/moved")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "eligible.yaml").write_text(text)
    (tmp_path / "catalogue.yaml").write_text(TEST_CATALOGUE.read_text())
    return tmp_path


def line_of(ws, text):
    lines = (ws / "records" / "eligible.yaml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_validate_online_reports_links_with_codes_and_locations(server, tmp_path):
    ws = workspace_with_links(tmp_path, server)
    results = check_urls([f"{server}/ok", f"{server}/missing", f"{server}/moved"], Checker(FAST))
    report = validate(cwd=ws, links=results)
    found = {(i.code, i.path, i.location.line) for i in report.issues}
    assert ("link.client-error", "/documentation/1/url", line_of(ws, "/missing")) in found
    assert ("link.moved", "/documentation/2/url", line_of(ws, "/moved")) in found
    assert all(i.code != "link.client-error" or "404" in i.message for i in report.issues)
    assert not [c for c in validate(cwd=ws).codes() if c.startswith("link.")]  # offline: no link issues, no network


def test_broken_dictionary_link_makes_the_flagship_rule_partly_met(server, tmp_path):
    ws = workspace_with_links(tmp_path, server)
    results = check_urls([f"{server}/ok", f"{server}/missing", f"{server}/moved"], Checker(FAST))
    [a] = eligibility.assess(cwd=ws, links=results).assessments
    found = {f.rule: f for c in a.criteria for f in c.findings}
    assert found["public-data-dictionary"].verdict == "partly-met"
    assert "is broken (HTTP 404)" in found["public-data-dictionary"].to_do[0]
    assert found["public-user-guide"].verdict == "met"
    [offline] = eligibility.assess(cwd=ws).assessments
    assert {f.rule: f.verdict for c in offline.criteria for f in c.findings}["public-data-dictionary"] == "met"


def test_cli_links_and_validate_online(server, tmp_path, no_politeness_delay):
    ws = workspace_with_links(tmp_path, server)
    result = run_cli("links", "--format", "json", "--timeout", "2", cwd=ws)
    assert result.returncode == 1
    codes = {i["code"] for i in json.loads(result.stdout)["issues"]}
    assert codes == {"link.client-error", "link.moved"}
    assert (ws / ".adrmeta-cache" / "links.json").is_file()
    online = run_cli("validate", "--online", "--format", "github", cwd=ws)
    assert online.returncode == 1
    assert f"::error file=records/eligible.yaml,line={line_of(ws, '/missing')},col=10,title=link.client-error::" in online.stdout
    assert run_cli("validate", cwd=ws).returncode == 0
    check = run_cli("check", "--online", cwd=ws)
    assert "Fix the link to 'Data dictionary'" in check.stdout


def test_every_link_code_comes_from_a_classification():
    from adrmeta.links import LinkResult
    from adrmeta.records import load_record
    from adrmeta.report import CODES
    from adrmeta.rules.links import link_issues, record_urls

    rec = load_record(FIXTURES / "flagship" / "eligible.yaml").value
    [(pointer, url)] = [(p, u) for p, u in record_urls(rec) if u.endswith("/guide")]
    produced = set()
    for status in (
        "moved",
        "client-error",
        "server-error",
        "timeout",
        "dns-failure",
        "tls-error",
        "too-many-redirects",
        "connection-error",
    ):
        result = LinkResult(
            url=url,
            status=status,
            http_status=404 if status == "client-error" else None,
            final_url="https://example.org/new" if status == "moved" else None,
        )
        [issue] = [i for i in link_issues(rec, {url: result}) if i.path == pointer]
        produced.add(issue.code)
        assert issue.fix
    assert produced == {c for c in CODES if c.startswith("link.")}


def test_progress_bar_only_on_a_terminal(server):
    import io

    from adrmeta.progress import tty_progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert tty_progress("links", io.StringIO()) is None  # piped: no bar
    screen = Terminal()
    check_urls([f"{server}/ok", f"{server}/missing"], Checker(FAST), progress=tty_progress("links", screen))
    assert screen.getvalue().endswith("] 2/2 links\n") and "\r[" in screen.getvalue()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_transport_failures_are_never_cached_only_answers(server, tmp_path):
    cache_file = tmp_path / "links.json"
    dead = f"http://localhost:{closed_port()}/gone"
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/reset", f"{server}/slow", dead]
    results = check_urls(urls, Checker(FAST), Cache(cache_file, 24))
    assert {results[u].status for u in urls[2:]} == {"connection-error", "timeout"}  # reported this run
    assert set(json.loads(cache_file.read_text())) == {f"{server}/ok", f"{server}/missing"}


def test_a_cached_transport_failure_from_an_older_version_is_checked_again(server, tmp_path):
    cache_file = tmp_path / "links.json"
    url = f"{server}/ok"
    cache_file.write_text(
        json.dumps({url: {"url": url, "status": "dns-failure", "detail": "offline", "checked_at": time.time()}})
    )
    assert check_urls([url], Checker(FAST), Cache(cache_file, 24))[url].status == "ok"
    assert Handler.hits[("HEAD", "/ok")] == 1


def test_no_host_reachable_is_one_network_error_and_nothing_is_cached(tmp_path):
    from adrmeta.links import NetworkUnavailable

    cache_file = tmp_path / "links.json"
    port = closed_port()
    urls = [f"http://127.0.0.1:{port}/a", f"http://127.0.0.1:{port}/b", f"http://localhost:{port}/c"]
    with pytest.raises(NetworkUnavailable, match="network unavailable: none of the 2 host"):
        check_urls(urls, Checker(FAST), Cache(cache_file, 24))
    assert not cache_file.exists()
    # one host alone: a dead site or no network, which cannot be told apart, so not judged either
    with pytest.raises(NetworkUnavailable, match=r"none of the 1 host\(s\).*may also mean that 127.0.0.1 is gone"):
        check_urls(urls[:2], Checker(FAST), Cache(cache_file, 24))
    assert not cache_file.exists()


def test_a_dead_host_is_judged_when_another_host_answers(server, tmp_path):
    dead = f"http://localhost:{closed_port()}/gone"
    results = check_urls([f"{server}/ok", dead], Checker(FAST), Cache(tmp_path / "links.json", 24))
    assert results[dead].status == "connection-error" and results[f"{server}/ok"].status == "ok"


@pytest.fixture
def no_politeness_delay(monkeypatch):
    """The CLI's link checker without its 0.5 s between requests to one host (all of a test's links
    are on its one local server)."""
    import functools

    from adrmeta import links

    monkeypatch.setattr(links, "Options", functools.partial(links.Options, delay=0.0))


def test_output_says_which_results_come_from_the_cache(server, tmp_path, no_politeness_delay):
    ws = workspace_with_links(tmp_path, server)
    first = run_cli("links", "--timeout", "2", cwd=ws)
    assert "from the cache" not in first.stderr
    again = run_cli("links", "--timeout", "2", cwd=ws)
    assert "3 of 3 link result(s) from the cache, checked up to" in again.stderr and again.returncode == 1
    assert "from the cache" not in run_cli("links", "--max-age", "0", cwd=ws).stderr


def test_an_unreachable_link_never_downgrades_a_flagship_verdict(tmp_path):
    from adrmeta.links import LinkResult

    ws = workspace_with_links(tmp_path, "http://127.0.0.1:9")
    down = {
        u: LinkResult(url=f"http://127.0.0.1:9{u}", status=s)
        for u, s in (("/ok", "timeout"), ("/missing", "connection-error"), ("/moved", "dns-failure"))
    }
    [a] = eligibility.assess(cwd=ws, links={r.url: r for r in down.values()}).assessments
    [offline] = eligibility.assess(cwd=ws).assessments
    assert [c.verdict for c in a.criteria] == [c.verdict for c in offline.criteria]


def test_links_without_a_network_exit_2_with_one_message_and_cache_nothing(tmp_path):
    """`adrmeta links` in a network namespace with no route at all (unshare -n, as root)."""
    import shutil
    import subprocess
    import sys

    from .conftest import ROOT

    if not shutil.which("unshare") or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode:
        pytest.skip("unshare -n is unavailable here (needs root or user namespaces)")
    cache_file = tmp_path / "cache" / "links.json"
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "adrmeta", "links", "--cache", str(cache_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    [message] = result.stderr.splitlines()
    assert message.startswith("adrmeta links: network unavailable: none of the ")
    assert not cache_file.parent.exists()
    online = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "adrmeta", "check", "--online", "--cache", str(cache_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert online.returncode == 2 and "network unavailable" in online.stderr and online.stdout == ""


def test_one_new_dead_link_among_cached_answers_is_judged_after_a_probe(server, tmp_path):
    """The cache answers every link but a new dead one: a cached link on another host is checked
    again as a probe, and when it answers the network is up, so the dead link is judged."""
    cache_file = tmp_path / "links.json"
    check_urls([f"{server}/ok"], Checker(FAST), Cache(cache_file, 24))
    Handler.hits.clear()
    dead = f"http://localhost:{closed_port()}/gone"
    results = check_urls([f"{server}/ok", dead], Checker(FAST), Cache(cache_file, 24))
    assert results[dead].status == "connection-error" and results[f"{server}/ok"].status == "ok"
    assert Handler.hits[("HEAD", "/ok")] == 1  # the probe


def test_a_failed_probe_still_means_network_unavailable(tmp_path):
    from adrmeta.links import NetworkUnavailable

    cache_file = tmp_path / "links.json"
    gone = f"http://127.0.0.1:{closed_port()}/was-ok"
    cached = {"url": gone, "status": "ok", "http_status": 200, "checked_at": time.time()}
    cache_file.write_text(json.dumps({gone: cached}))
    dead = f"http://localhost:{closed_port()}/gone"
    with pytest.raises(NetworkUnavailable, match=r"none of the 2 host\(s\)"):
        check_urls([gone, dead], Checker(FAST), Cache(cache_file, 24))
    assert json.loads(cache_file.read_text()) == {gone: cached}  # nothing cached, nothing dropped
