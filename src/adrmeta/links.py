"""Documentation link checker: every URL the records hold, checked politely with requests.

HEAD first, GET (streamed, body not read) when a server refuses HEAD; redirects followed by hand
up to a limit so permanent ones can be reported with the URL to use; 429 and 503 retried with
backoff that honours Retry-After; at most `per_host` requests at once to one host, with a
politeness delay between them; only http and https are fetched; results cached with an age limit.
The only module that uses the network, and only when asked.
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import attrs

Status = Literal[
    "ok",
    "moved",
    "client-error",
    "server-error",
    "timeout",
    "dns-failure",
    "tls-error",
    "too-many-redirects",
    "connection-error",
    "unsupported",
]
USER_AGENT = "adrmeta-link-checker (+https://github.com/; metadata quality check)"
PERMANENT = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}
RETRYABLE = {429, 503}
DNS_FAILURE_WORDS = (  # how the resolver's errors read inside requests' ConnectionError
    "Name or service not known",
    "nodename nor servname",
    "getaddrinfo",
    "Temporary failure in name resolution",
    "No address associated",
)


@attrs.frozen(kw_only=True)
class LinkResult:
    url: str
    status: Status
    http_status: int | None = None
    final_url: str | None = None  # where a permanent redirect points: the URL to use instead
    detail: str = ""
    checked_at: float = 0.0

    @property
    def broken(self) -> bool:
        return self.status not in ("ok", "moved", "unsupported")

    @property
    def answered(self) -> bool:
        """A server gave an HTTP answer (or the URL is not one adrmeta fetches): a fact worth caching.
        A timeout, DNS, TLS or connection failure may be the network's fault, never cached."""
        return self.status in ANSWERED


ANSWERED = frozenset({"ok", "moved", "client-error", "server-error", "too-many-redirects", "unsupported"})
UNREACHABLE = frozenset({"dns-failure", "connection-error", "timeout"})


class NetworkUnavailable(Exception):
    """No host could be reached at all: the network, not the links, is likely down. With one host
    only there is no telling it from a site that is gone, so that is said too."""

    def __init__(self, failed: list[LinkResult]) -> None:
        hosts = sorted({urlsplit(r.url).hostname or "" for r in failed})
        kinds = " or ".join(sorted({r.status.replace("-", " ") for r in failed}))
        alone = (
            f" With one host only, this may also mean that {hosts[0]} is gone: if other sites open, check its links in a browser."
            if len(hosts) == 1
            else ""
        )
        super().__init__(
            f"network unavailable: none of the {len(hosts)} host(s) could be reached ({kinds} for "
            f"all {len(failed)} link(s)), so no link was judged and nothing was cached. Check the "
            f"connection (or proxy settings) and run again.{alone}"
        )
        self.failed = failed


@attrs.frozen(kw_only=True)
class Options:
    timeout: float = 10.0
    max_redirects: int = 5
    retries: int = 2
    max_retry_after: float = 30.0  # never wait longer than this for one Retry-After
    backoff: float = 1.0  # first retry delay when the server gives no Retry-After
    per_host: int = 2
    delay: float = 0.5  # politeness: seconds between starts of requests to one host
    concurrency: int = 8


def _retry_after(value: str | None, default: float) -> float:
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time()) if when else default


class _Hosts:
    """Per-host concurrency limit and politeness delay; a host whose name failed to resolve in this
    run is not asked again (its other links are dns failures at once, without waiting their turn)."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host, self.delay = per_host, delay
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.slots: dict[str, threading.Semaphore] = {}
        self.next_start: dict[str, float] = {}
        self.unresolved: set[str] = set()

    def enter(self, host: str, name: str) -> threading.Semaphore | None:
        """A slot for one request to `host` (netloc) once its turn has come; None when `name` (its
        host name) turned out not to resolve meanwhile: then there is no request to make."""
        with self.lock:
            if name in self.unresolved:
                return None
            slot = self.slots.setdefault(host, threading.Semaphore(self.per_host))
        slot.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start.get(host, now))
            self.next_start[host] = start + self.delay
            # the wait for this request's turn ends early when another link finds the name unresolvable
            gone = name in self.unresolved or (
                start > now and self.changed.wait_for(lambda: name in self.unresolved, start - now)
            )
        if gone:
            slot.release()
            return None
        return slot

    def mark_unresolved(self, name: str) -> None:
        with self.lock:
            self.unresolved.add(name)
            self.changed.notify_all()


class _Unresolved(Exception):
    """The host's name already failed to resolve in this run."""


class Checker:
    def __init__(self, options: Options | None = None, session_factory: Callable[[], Any] | None = None) -> None:
        self.options = options or Options()
        self.hosts = _Hosts(self.options.per_host, self.options.delay)
        self.local = threading.local()
        self.session_factory = session_factory

    def session(self) -> Any:
        if not hasattr(self.local, "session"):
            import requests

            s = self.session_factory() if self.session_factory else requests.Session()
            s.headers["User-Agent"] = USER_AGENT
            self.local.session = s
        return self.local.session

    def _request(self, method: str, url: str) -> Any:
        """One request to one URL, within the host's limits; 429/503 retried with backoff."""
        parts = urlsplit(url)
        host, name = parts.netloc.lower(), parts.hostname or ""
        wait = self.options.backoff
        for attempt in range(self.options.retries + 1):
            slot = self.hosts.enter(host, name)
            if slot is None:
                raise _Unresolved(name)
            try:
                response = self.session().request(method, url, allow_redirects=False, stream=True, timeout=self.options.timeout)
                response.close()  # the body is never needed
            finally:
                slot.release()
            if response.status_code in RETRYABLE and attempt < self.options.retries:
                time.sleep(min(_retry_after(response.headers.get("Retry-After"), wait), self.options.max_retry_after))
                wait *= 2
                continue
            return response
        return response  # pragma: no cover - the loop always returns

    def check(self, url: str) -> LinkResult:
        import requests

        now = time.time()
        if urlsplit(url).scheme not in ("http", "https"):
            return LinkResult(url=url, status="unsupported", detail="only http and https are checked", checked_at=now)
        current, first_permanent, chain_permanent = url, None, True
        try:
            for _hop in range(self.options.max_redirects + 1):
                response = self._request("HEAD", current)
                if response.status_code in (405, 501) or (response.status_code == 403 and response.headers.get("Allow")):
                    response = self._request("GET", current)  # the server refuses HEAD
                code = response.status_code
                if code in REDIRECTS and response.headers.get("Location"):
                    chain_permanent = chain_permanent and code in PERMANENT
                    current = urljoin(current, response.headers["Location"])
                    first_permanent = first_permanent or (current if code in PERMANENT else None)
                    continue
                if code < 400:
                    if current != url and chain_permanent:
                        return LinkResult(
                            url=url,
                            status="moved",
                            http_status=code,
                            final_url=current,
                            detail="permanent redirect",
                            checked_at=now,
                        )
                    return LinkResult(url=url, status="ok", http_status=code, checked_at=now)
                status: Status = "client-error" if code < 500 else "server-error"
                return LinkResult(url=url, status=status, http_status=code, detail=response.reason or "", checked_at=now)
            return LinkResult(
                url=url, status="too-many-redirects", detail=f"more than {self.options.max_redirects} redirects", checked_at=now
            )
        except _Unresolved as exc:
            detail = f"the name {exc} did not resolve earlier in this run, so it was not asked again"
            return LinkResult(url=url, status="dns-failure", detail=detail, checked_at=now)
        except requests.exceptions.SSLError as exc:
            return LinkResult(url=url, status="tls-error", detail=_short(exc), checked_at=now)
        except requests.exceptions.Timeout as exc:
            return LinkResult(url=url, status="timeout", detail=_short(exc), checked_at=now)
        except requests.exceptions.ConnectionError as exc:
            dns = any(w in str(exc) for w in DNS_FAILURE_WORDS)
            if dns:
                self.hosts.mark_unresolved(urlsplit(current).hostname or "")
            return LinkResult(url=url, status="dns-failure" if dns else "connection-error", detail=_short(exc), checked_at=now)
        except requests.exceptions.RequestException as exc:
            return LinkResult(url=url, status="connection-error", detail=_short(exc), checked_at=now)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 200 else text[:197] + "..."


class Cache:
    """Results by URL in a JSON file, reused while younger than `max_age` hours."""

    def __init__(self, path: Path | None, max_age_hours: float) -> None:
        self.path, self.max_age = path, max_age_hours * 3600
        self.entries: dict[str, dict[str, Any]] = {}
        if path and path.is_file():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                self.entries = {}  # a damaged cache is only a cache

    def get(self, url: str) -> LinkResult | None:
        entry = self.entries.get(url)
        if entry and time.time() - entry.get("checked_at", 0) <= self.max_age:
            try:
                result = LinkResult(**entry)
            except TypeError:  # a damaged entry
                return None
            return result if result.answered else None  # an old cache may hold transport failures
        return None

    def put(self, result: LinkResult) -> None:
        """Remember a server's answer; a transport failure is never cached (it may be the network)."""
        if result.answered:
            self.entries[result.url] = attrs.asdict(result)

    def save(self) -> None:
        if self.path:
            from .fileio import write_atomic

            write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True) + "\n")


def cached_note(results: dict[str, LinkResult], started: float) -> str | None:
    """'N of M result(s) from the cache, checked up to H ago', or None when every link was checked now."""
    old = [r.checked_at for r in results.values() if r.checked_at < started]
    if not old:
        return None
    age = max(0.0, started - min(old))
    when = f"{age / 3600:.1f} h" if age >= 3600 else f"{age / 60:.0f} min"
    return f"{len(old)} of {len(results)} link result(s) from the cache, checked up to {when} ago (--max-age 0 checks them again)"


def check_urls(
    urls: Iterable[str],
    checker: Checker | None = None,
    cache: Cache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, LinkResult]:
    """Each distinct URL once: from the cache when fresh, else checked concurrently. Raises
    `NetworkUnavailable` (caching nothing) when no host answered at all: every link checked failed
    to resolve or connect. A link is judged unreachable only when another host answered in the same
    run, proof that the network is up: offline, the resolver here says of every name what it says
    of a name that does not exist, so one host alone cannot be judged. When every link checked now
    failed but the cache holds an answer from another host, that one URL is checked again as a
    probe, so a new dead link among cached results is judged rather than taken for a network down."""
    checker = checker or Checker()
    distinct = sorted(set(urls))
    results: dict[str, LinkResult] = {}
    todo = []
    for url in distinct:
        hit = cache.get(url) if cache else None
        if hit:
            results[url] = hit
        else:
            todo.append(url)
    done = len(results)
    if progress:
        progress(done, len(distinct))
    fresh: list[LinkResult] = []
    with ThreadPoolExecutor(max_workers=max(1, checker.options.concurrency)) as pool:
        for result in pool.map(checker.check, todo):
            results[result.url] = result
            fresh.append(result)
            done += 1
            if progress:
                progress(done, len(distinct))
    fetched = [r for r in fresh if r.status != "unsupported"]
    if fetched and all(r.status in UNREACHABLE for r in fetched):
        probe = _probe(fetched, results, checker)
        if probe is None or probe.status in UNREACHABLE:
            raise NetworkUnavailable(fetched + ([probe] if probe else []))
        results[probe.url] = probe  # a fresh answer, cached with the others
        fresh.append(probe)
    if cache:
        for result in fresh:
            cache.put(result)
        cache.save()
    return results


def _probe(failed: list[LinkResult], results: dict[str, LinkResult], checker: Checker) -> LinkResult | None:
    """The first cached answered http(s) URL on a host none of `failed` is on, checked again now;
    None when there is none. Its answer shows the network is up, so the failures are the links'."""
    down = {urlsplit(r.url).hostname for r in failed}
    fresh = {r.url for r in failed}
    for url, result in sorted(results.items()):
        if url not in fresh and result.answered and result.status != "unsupported" and urlsplit(url).hostname not in down:
            return checker.check(url)
    return None
