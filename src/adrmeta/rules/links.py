"""Link results as issues: every URL field of a record whose link is broken or moved."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..links import LinkResult, record_urls
from ..model import Record
from ..report import Issue
from . import issue

FIXES = {
    "client-error": "Correct the URL or remove it; if the document moved, link to its new place.",
    "server-error": "Check the page later; if it stays down, tell its owner or remove the link.",
    "timeout": "Check the page later; if it stays slow, tell its owner.",
    "dns-failure": "Correct the host name, or remove the link if the site is gone.",
    "tls-error": "Tell the site's owner about its certificate, or use another link to the document.",
    "too-many-redirects": "Link to the page the redirects should end at.",
    "connection-error": "Check the page later; if it stays unreachable, remove the link.",
}


def link_issues(record: Record, results: Mapping[str, LinkResult]) -> Iterator[Issue]:
    for pointer, url in record_urls(record):
        result = results.get(url)
        if result is None or result.status in ("ok", "unsupported"):
            continue
        if result.status == "moved":
            yield issue("link.moved", record, pointer, f"{url} redirects permanently to {result.final_url}.",
                        f"Replace the URL with {result.final_url}.")
            continue
        what = f"HTTP {result.http_status}" if result.http_status else result.status.replace("-", " ")
        yield issue(f"link.{result.status}", record, pointer, f"{url} is broken ({what}{': ' + result.detail if result.detail and not result.http_status else ''}).",
                    FIXES[result.status])
