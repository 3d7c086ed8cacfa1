"""The sentences adrmeta's exports write where a standard has only free text for a structured
fact (access conditions, linkage, document kinds, citations), each beside the function that
reads it back, so an import of adrmeta's own export recovers the facts. Kinds and availabilities
are worded with vocab.py's labels, as the site and the flagship check word them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, get_args, overload

from . import vocab
from .model import Linkage, LinkageMethod, LinkageScope

# --- access conditions -------------------------------------------------------------------------

GATEWAY = "Legal gateway: "
REQUIRES = "Requires: "
ROUTE = "Access through the "
_LEAD = re.compile(r"(?:^| )Typical time to access: (?P<lead>.+?)\.?$", re.DOTALL)
# a route's first words; the older wording is read too, so exports made before it changed still import
_ROUTE_STARTS = (ROUTE, "Accredited researchers can apply to use the data in the ")
STOPS = (".", "!", "?")  # what ends a sentence


def sentence(text: str) -> str:
    """`text` ending with one full stop: a text that already ends a sentence keeps its own, so
    joining a record's text never doubles a stop."""
    text = text.strip()
    return text if text.endswith(STOPS) else f"{text}."


def gateway_text(title: str) -> str:
    return f"{GATEWAY}{title}."


def requires_text(titles: Iterable[str]) -> str:
    return REQUIRES + "; ".join(titles) + "."


def lead_time_text(lead_time: str) -> str:
    """Read back without a final full stop: the sentence's stop and the record's own are one."""
    return sentence(f"Typical time to access: {lead_time}")


def access_text(gateway: str | None, accreditations: Iterable[str], conditions: str | None, lead_time: str | None) -> str:
    """One access route's rights in words: gateway, accreditations (titles), conditions, lead time."""
    titles = list(accreditations)
    return " ".join(
        [
            *([gateway_text(gateway)] if gateway else []),
            *([requires_text(titles)] if titles else []),
            *([conditions] if conditions else []),
            *([lead_time_text(lead_time)] if lead_time else []),
        ]
    )


def route_text(
    tre: str, gateway: str | None, accreditations: Iterable[str], conditions: str | None, lead_time: str | None
) -> str:
    """One access route in words: that access is through the TRE (title), then `access_text`. Says
    nothing the route does not state (no 'accredited researchers', no 'cannot be downloaded')."""
    rights = access_text(gateway, accreditations, conditions, lead_time)
    return f"{ROUTE}{tre}." + (f" {rights}" if rights else "")


def split_routes(text: str, tres: Iterable[str]) -> list[str]:
    """The parts of a text of `route_text`s joined by spaces, each starting with its TRE's title
    (the first part is the text before any route, often empty). A route starts only where one of
    the `tres` (titles) follows, so other text saying 'Access through the ...' stays whole."""
    titles = "|".join(re.escape(t) for t in sorted(tres, key=len, reverse=True))
    if not titles:
        return [text.strip()]
    starts = "|".join(re.escape(s) for s in _ROUTE_STARTS)
    return [p.strip() for p in re.split(rf"(?:^|(?<=\s))(?:{starts})(?=(?:{titles})\.)", text.strip())]


def read_access(text: str, gateways: Mapping[str, str], accreditations: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Access-route fields from `access_text`'s words (titles mapped to keys by `gateways` and
    `accreditations`, title -> key), and the names it could not map."""
    route: dict[str, Any] = {}
    unknown: list[str] = []
    rest = text.strip()
    if rest.startswith(GATEWAY):
        got = _take_titles(rest[len(GATEWAY) :], gateways)
        if got:
            (title, key), rest = got[0][0], got[1]
            if key:
                route["legal_gateway"] = key
            else:
                unknown.append(f"legal gateway '{title}'")
    if rest.startswith(REQUIRES):
        got = _take_titles(rest[len(REQUIRES) :], accreditations)
        if got:
            items, rest = got
            route["accreditation"] = [k for _t, k in items if k]
            unknown += [f"accreditation '{t}'" for t, k in items if not k]
            if not route["accreditation"]:
                del route["accreditation"]
    m = _LEAD.search(rest)
    if m:
        route["lead_time"] = m["lead"]
        rest = rest[: m.start()].strip()
    if rest:
        route["conditions"] = rest
    return route, unknown


def _take_titles(text: str, titles: Mapping[str, str]) -> tuple[list[tuple[str, str | None]], str] | None:
    """Titles separated by '; ' and ending with '.', each matched to a key where the catalogue knows it."""
    known = sorted(titles.items(), key=lambda kv: -len(kv[0]))
    out: list[tuple[str, str | None]] = []
    rest = text
    while True:
        hit: tuple[str, str | None] | None = next(
            ((t, k) for t, k in known if rest.startswith(t) and rest[len(t) : len(t) + 1] in (";", ".")), None
        )
        if hit is None:
            m = re.match(r"([^;.]+)([;.])", rest)
            if not m:
                return None
            hit = (m.group(1), None)
        out.append((hit[0], hit[1]))
        rest = rest[len(hit[0]) :]
        if rest.startswith("; "):
            rest = rest[2:]
            continue
        return out, rest[1:].lstrip()


# --- status ------------------------------------------------------------------------------------

_STATUSES = {label: key for key, label in vocab.STATUS_LABELS.items()}
_EXPECTED = "; expected: "
OLD_AVAILABLE = "Available to accredited researchers"  # exports before 2026-11 wrote it; still read


_YEAR = re.compile(r"\b((?:19|20)[0-9]{2})(?:[-/]([0-9]{2}))?\b")


def expected_passed(expected: str, year: int) -> bool:
    """Whether an expected availability, as a source words it ("December 2023", "2023-24"), lies
    wholly before `year`: the latest year it names is earlier."""
    years = []
    for m in _YEAR.finditer(expected):
        first = int(m.group(1))  # "2023-24" ends in 2024; "2023-12" is December 2023
        years.append(first + 1 if m.group(2) and int(m.group(2)) == (first + 1) % 100 else first)
    return bool(years) and max(years) < year


# After an expected availability that had passed when the record was last updated: the source's
# words stay as they are, and the reader is told they are out of date.
PASSED = ", a date that had passed when this record was last updated"


@overload
def expected_text(expected: str, modified: str) -> str: ...
@overload
def expected_text(expected: None, modified: str) -> None: ...
@overload
def expected_text(expected: str | None, modified: str) -> str | None: ...
def expected_text(expected: str | None, modified: str) -> str | None:
    """The expected availability as the source words it, then `PASSED` when its latest year is
    before the year of the record's own date (`modified`; never the day of the export, so the
    same records give the same text); none when the record states none."""
    if expected is None:
        return None
    return expected + PASSED if expected_passed(expected, int(modified[:4])) else expected


def read_expected(text: str) -> str:
    """The expected availability from `expected_text`'s words."""
    return text.removesuffix(PASSED)


def status_text(status: str, expected: str | None = None) -> str:
    """The record's status label ('Available'), then when a planned dataset is expected."""
    return vocab.STATUS_LABELS[status] + (f"{_EXPECTED}{expected}" if expected else "")


def read_status(text: str) -> tuple[str, str | None] | None:
    """(status, expected availability) from `status_text`'s words, else None."""
    label, _, expected = text.strip().partition(_EXPECTED)
    status = "available" if label == OLD_AVAILABLE else _STATUSES.get(label)
    return (status, read_expected(expected) or None) if status else None


# --- update frequency ----------------------------------------------------------------------------


def frequency_text(label: str | None, note: str | None, joiner: str) -> str:
    """The frequency's label and the record's note on it, joined; the note alone when it opens with
    the label ("Annual (ADR UK dataset page)"), which would otherwise read "Annual: Annual (...)"."""
    if label and note and note.casefold().startswith(label.casefold()):
        return note
    return joiner.join(x for x in (label, note) if x)


def read_frequency(text: str, labels: Mapping[str, str], joiner: str) -> tuple[str | None, str | None]:
    """(frequency, note) from `frequency_text`'s words (`labels`: label -> frequency, as written):
    the label then the note; a text that opens with a label but does not stop after it is the note
    said alone, a label alone has no note, and a text opening with no label is a note only."""
    text = text.strip()
    for label, key in labels.items():
        if text.casefold() == label.casefold():
            return key, None
        if text.startswith(label + joiner):
            return key, text[len(label + joiner) :] or None
    for label, key in labels.items():
        if text.casefold().startswith(label.casefold()):
            return key, text
    return None, text or None


# --- documents -----------------------------------------------------------------------------------

_KINDS = {label: kind for kind, label in vocab.DOCUMENT_KIND_LABELS.items()}
_AVAILABILITIES = {label: key for key, label in vocab.AVAILABILITY_LABELS.items()}
_DOC = re.compile(r"^(?P<kind>[^,]+), (?P<avail>[^.]+)\.(?: (?P<note>.*))?$", re.DOTALL)


def document_text(kind: str, availability: str, note: str | None = None) -> str:
    """'User guide, publicly available.', then the note."""
    text = f"{vocab.DOCUMENT_KIND_LABELS[kind]}, {vocab.AVAILABILITY_LABELS[availability]}."
    return f"{text} {note}" if note else text


def read_document(description: str) -> tuple[str, str, str | None] | None:
    """(kind, availability, note) from `document_text`'s words, else None."""
    m = _DOC.match(description.strip())
    if m and m["kind"] in _KINDS and m["avail"] in _AVAILABILITIES:
        return _KINDS[m["kind"]], _AVAILABILITIES[m["avail"]], m["note"] or None
    return None


# --- citations -----------------------------------------------------------------------------------


def citation_text(authors: str | None, year: int | None, venue: str | None, title: str) -> str | None:
    """'Authors, 2021, Venue. Title', or None with neither authors, year nor venue."""
    cite = ", ".join(x for x in (authors, str(year) if year else None, venue) if x)
    return f"{cite}. {title}" if cite else None


def read_citation(text: str, title: str) -> dict[str, Any]:
    """Authors, year and venue from `citation_text`'s words."""
    suffix = f". {title}"
    if not text.endswith(suffix):
        return {}
    parts = text[: -len(suffix)].split(", ")
    years = [i for i, p in enumerate(parts) if re.fullmatch(r"\d{4}", p)]
    if not years:
        return {"authors": ", ".join(parts)}
    i = years[-1]
    out: dict[str, Any] = {"year": int(parts[i])}
    if parts[:i]:
        out["authors"] = ", ".join(parts[:i])
    if parts[i + 1 :]:
        out["venue"] = ", ".join(parts[i + 1 :])
    return out


# --- linkage -------------------------------------------------------------------------------------

LINKAGE_SCOPES: tuple[str, ...] = get_args(LinkageScope)
LINKAGE_METHODS: tuple[str, ...] = get_args(LinkageMethod)
_SCOPES = {text: scope for scope, text in vocab.LINKAGE_SCOPE_SENTENCES.items()} | vocab.LINKAGE_SCOPE_SENTENCES_BEFORE
_METHODS = {text: method for method, text in vocab.LINKAGE_METHOD_SENTENCES.items()}
_KEY = re.compile(r"(?:^| )Linkage key: (?P<key>.*)\.$", re.DOTALL)
UNSTATED_METHOD = "unknown"  # the model's default: the record gives no method


def linkage_text(lk: Linkage) -> str:
    """The linkage in plain sentences, as the text exports carry it: its scope, how records are
    matched (only when the record says), its description and its key."""
    return " ".join(
        [
            vocab.LINKAGE_SCOPE_SENTENCES[lk.scope],
            *([vocab.LINKAGE_METHOD_SENTENCES[lk.method]] if lk.method != UNSTATED_METHOD else []),
            *([lk.description] if lk.description else []),
            *([f"Linkage key: {lk.key}."] if lk.key else []),
        ]
    )


def read_linkage(text: str) -> dict[str, Any] | None:
    """The linkage fields from `linkage_text`'s words, else None (no method read: the model's default)."""
    rest = text.strip()
    said, scope = next(((t, s) for t, s in _SCOPES.items() if rest.startswith(t)), ("", None))
    if scope is None:
        return None
    out: dict[str, Any] = {"scope": scope}
    rest = rest[len(said) :].lstrip()
    method = next((m for t, m in _METHODS.items() if rest.startswith(t)), None)
    if method:
        out["method"] = method
        rest = rest[len(vocab.LINKAGE_METHOD_SENTENCES[method]) :].lstrip()
    m = _KEY.search(rest)
    if m:
        rest = rest[: m.start()].strip()
    if rest:
        out["description"] = rest
    if m:
        out["key"] = m["key"]
    return out
