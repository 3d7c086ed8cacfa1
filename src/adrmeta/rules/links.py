"""The URLs a record holds, and link results as issues for those that are broken or moved.

No network here: `links.py` does the checking, and is imported only when links are checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..model import Record
from ..report import Issue
from . import issue

if TYPE_CHECKING:
    from ..links import LinkResult

FIXES = {
    "client-error": "Correct the URL or remove it; if the document moved, link to its new place.",
    "server-error": "Check the page later; if it stays down, tell its owner or remove the link.",
    "timeout": "Check the page later; if it stays slow, tell its owner.",
    "dns-failure": "Correct the host name, or remove the link if the site is gone.",
    "tls-error": "Tell the site's owner about its certificate, or use another link to the document.",
    "too-many-redirects": "Link to the page the redirects should end at.",
    "connection-error": "Check the page later; if it stays unreachable, remove the link.",
}


def record_urls(record: Record) -> Iterator[tuple[str, str]]:
    """(JSON pointer, URL) for every URL field of a record."""
    if record.landing_page:
        yield "/landing_page", record.landing_page
    for field in ("documentation", "access", "contacts", "publications", "identifiers", "sources"):
        for i, item in enumerate(getattr(record, field)):
            if getattr(item, "url", None):
                yield f"/{field}/{i}/url", item.url


def link_issues(record: Record, results: Mapping[str, LinkResult]) -> Iterator[Issue]:
    for pointer, url in record_urls(record):
        result = results.get(url)
        if result is None or result.status in ("ok", "unsupported"):
            continue
        if result.status == "moved":
            yield issue(
                "link.moved",
                record,
                pointer,
                f"{url} redirects permanently to {result.final_url}.",
                f"Replace the URL with {result.final_url}.",
            )
            continue
        what = f"HTTP {result.http_status}" if result.http_status else result.status.replace("-", " ")
        yield issue(
            f"link.{result.status}",
            record,
            pointer,
            f"{url} is broken ({what}{': ' + result.detail if result.detail and not result.http_status else ''}).",
            FIXES[result.status],
        )
