"""Messy catalogue values made into record values: placeholders, dates, HTML, nations, lists, ids.

Each function returns the clean value (or None) and says what it changed, so the importer can
report the original; none of them guesses silently.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from .. import vocab
from ..rules.consistency import is_placeholder
from ..typespec import FORMAT_REGEX

__all__ = [
    "is_placeholder",
    "clean_text",
    "html_to_text",
    "looks_like_html",
    "partial_date",
    "nations",
    "narrowest",
    "paragraphs",
    "split_list",
    "slug",
    "is_url",
    "is_email",
    "licence_name",
]

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(\n\s*)+")


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


class _Text(HTMLParser):
    """HTML to plain text: tags dropped, entities decoded; paragraphs a blank line apart, a line
    break or list item a line of its own (an item opens with '- '), a link's target kept after
    its text. No Markdown: a record's texts are plain words, and every export carries them as such."""

    BLOCK = frozenset(
        {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "ul", "ol", "blockquote", "pre"}
    )
    SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: list[str | None] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.out.append("\n\n")
        elif tag in ("br", "dt", "dd"):
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append(" ")  # cells of a row stay apart
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.out.append("\n\n")
        elif tag == "a" and self.href:
            href = self.href.pop()
            if href and href.startswith(("http://", "https://", "mailto:")):
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)


def html_to_text(text: str) -> str:
    """Plain text from an HTML fragment (see `_Text`): the one reading of HTML-bearing text for
    every importer (`clean_text`, `Draft.text`, `Draft.note`)."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    joined = "".join(parser.out)  # entities are decoded once, by the parser: '&amp;lt;' stays '&lt;'
    lines = [_SPACES.sub(" ", line).strip() for line in joined.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> str:
    """Text with each paragraph's whitespace collapsed and the paragraphs (split at blank lines)
    kept, one blank line apart: XML indentation goes, a text's paragraphs stay."""
    return "\n\n".join(" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text) if p.strip())


def clean_text(value: object) -> tuple[str | None, list[str]]:
    """A text value trimmed, its HTML converted; None for an empty or placeholder value. The list
    says what was done: 'html' and/or 'placeholder'."""
    if value is None:
        return None, []
    text = str(value).strip()
    done = []
    if looks_like_html(text):
        converted = html_to_text(text)
        if converted != text:
            text = converted
            done.append("html")
    if not text:
        return None, done
    if is_placeholder(text):
        return None, [*done, "placeholder"]
    return text, done


# Dates as catalogues write them: ISO with or without time, zone and fractions; with a space for
# the T; DD/MM/YYYY as UK catalogues do; YYYY/MM/DD.
_ISO = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _real(y: int, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return 1 <= d <= (_DAYS[m - 1] if m != 2 else (29 if leap else 28))


def partial_date(value: object) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD from a date as catalogues write it, or None if it is not one.
    A time and zone are dropped: the date is kept as written, never shifted to another zone."""
    text = str(value).strip()
    m = _ISO.match(text)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if mo and not _real(int(y), int(mo), int(d) if d else None):
            return None
        return "-".join(x for x in (y, mo, d) if x)
    m = _DMY.match(text) or _YMD_SLASH.match(text)
    if m:
        if m.re is _DMY:
            d, mo, y = (int(g) for g in m.groups())
        else:
            y, mo, d = (int(g) for g in m.groups())
        if _real(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


# Nation names and codes as sources write them -> ISO 3166-2:GB codes (vocab tables read in reverse).
def _nation_lookup() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for code, (gss, name) in vocab.NATIONS.items():
        for key in (code, gss, name, vocab.STATISTICAL_GEOGRAPHY + gss):
            out[key.casefold()] = (code,)
    for key, codes in vocab.NATION_GROUPS.items():
        out[key.casefold()] = codes
    return out


_NATIONS = _nation_lookup()
_NATION_SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\+)\s*", re.IGNORECASE)


def nations(value: str) -> tuple[tuple[str, ...], bool]:
    """Nation codes for a code, an IRI or free text ('England & Wales', 'GB-WLS', 'UK'); and
    whether it was read from free text (a guess worth reporting). Empty when any part is unknown.
    A list naming the UK (or Great Britain) and nations in it means those nations (`narrowest`)."""
    text = value.strip().rstrip("/")
    key = text.casefold()
    if key in _NATIONS:
        return _NATIONS[key], False
    tail = key.rsplit("/", 1)[-1]
    if tail in _NATIONS and key.startswith(("http://", "https://")):
        return _NATIONS[tail], False
    parts = [p for p in _NATION_SPLIT.split(key) if p]
    if len(parts) > 1 and all(p in _NATIONS for p in parts):
        return narrowest([_NATIONS[p] for p in parts])[0], True
    return (), False


def narrowest(places: list[tuple[str, ...]]) -> tuple[tuple[str, ...], bool]:
    """The nations a list of places names, where a place that contains another place of the list
    (the UK beside Wales) only says where that other place is: 'UK, Wales' is Wales, never the four
    nations. The flag says whether a wider place was set aside so."""
    kept = [p for p in places if not any(set(q) < set(p) for q in places)]
    found: list[str] = []
    for p in kept:
        found.extend(c for c in p if c not in found)
    return tuple(found), len(kept) < len(places)


_OGL = "nationalarchives.gov.uk/doc/open-government-licence"


def licence_name(url: str) -> str | None:
    """The name of a well-known licence from its URL (http or https, with or without www. and a
    trailing slash); an Open Government Licence URL without a version is named without one."""
    key = re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/")
    for iri, (title, _type, _label) in vocab.LICENCES.items():
        if re.sub(r"^https?://(www\.)?", "", iri).rstrip("/") == key:
            return title
    return "Open Government Licence" if key.startswith(_OGL) else None


def split_list(value: str) -> list[str]:
    """A comma- or semicolon-joined list as its items (only for fields that are lists)."""
    return [p.strip() for p in re.split(r"[;,]", value) if p.strip()]


def slug(text: str, limit: int = 60) -> str:
    """A record id from a title or acronym: lower-case letters, digits and hyphens."""
    s = re.sub(r"[^a-z0-9]+", "-", text.casefold().replace("&", " and ")).strip("-")
    s = s[:limit].rstrip("-")
    return s or "imported-dataset"


def is_url(value: str) -> bool:
    return bool(FORMAT_REGEX["url"].match(value))


def is_email(value: str) -> bool:
    return bool(FORMAT_REGEX["email"].match(value))


# A DOI bare (10.5255/UKDA-SN-6926-1), as doi:10.… or as a doi.org / dx.doi.org link.
_DOI = re.compile(r"^(?:doi:\s*|(?:https?://)?(?:dx\.|www\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)


def doi(value: object) -> str | None:
    """The DOI itself (10.xxxx/…, no prefix or resolver) in a DOI as sources write it, or None."""
    if value is None:
        return None
    text = str(value).strip()
    m = _DOI.match(unquote(text) if "doi.org/" in text.casefold() else text)
    return m.group(1) if m else None


def identifier(value: object, agency: str | None = None) -> dict[str, Any] | None:
    """An `identifiers` entry {scheme, value[, url]} for an identifier and the agency or scheme the
    source names (DDI IDNo/@agency, adms:schemeAgency, schema.org propertyID); None for a
    placeholder or an empty value. Anything that is a DOI (by its agency, a doi.org link or its
    10.xxxx/ form) is scheme doi, its value the bare DOI and its URL the doi.org link; an agency
    that names DOIs with a value that is none gives scheme other (the caller reports it)."""
    text, _done = clean_text(value)
    if text is None:
        return None
    scheme = vocab.IDENTIFIER_AGENCIES.get((agency or "").strip().casefold().rstrip("/"))
    found = doi(text)
    if found:
        return {"scheme": "doi", "value": found, "url": vocab.DOI_RESOLVER + found}
    if scheme == "doi":
        return {"scheme": "other", "value": text}
    if is_url(text) and scheme in (None, "url"):
        return {"scheme": "url", "value": text, "url": text}
    return {"scheme": scheme or "other", "value": text}
