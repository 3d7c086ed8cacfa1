"""OAI-PMH 2.0 repository over the records, rendered once and answered from memory.

| OAI-PMH | from | notes |
|---|---|---|
| identifier | `oai:{host of base_uri}:{record id}` | the oai-identifier scheme, described in Identify |
| datestamp | record `modified` | granularity `YYYY-MM-DD` |
| setSpec `catalogue:{id}` | target catalogues in catalogue.yaml | records accessible there (`feeds.accessible`); parent set `catalogue` (`adrmeta.sets`) |
| setSpec `theme:{id}` | research themes in catalogue.yaml | records mapped to the theme; parent set `theme`; listed when it holds a record, live or deleted (`adrmeta.sets`) |
| metadataPrefix `oai_dc` | `serve.oai_dc` | simple Dublin Core (mapping table there) |
| metadataPrefix `oai_ddi25` | `export.ddi` | the DDI Codebook 2.5 export, unchanged |
| repositoryName, adminEmail | catalogue title, contact email | |
| earliestDatestamp | the oldest record `modified` | |
| deletedRecord | `persistent` | catalogue.yaml's `withdrawn` list is kept for good |
| deleted record | a `withdrawn` entry | header `status="deleted"`, datestamp its `date`, the sets it was last exported in, no metadata |

A withdrawn record's header names the sets it was in when last exported (`deleted_sets`, from
exports/records.json: `datestamps.Lock.withdrawn_sets`) that the catalogue still defines, and it
is listed in those sets and their parents, so a harvester of one set learns of the deletion. One
whose sets are not known (records.json written before sets were kept) names none and is listed
only when no set is asked for. Lists are ordered by (datestamp, id) and paged; a page ends with a stateless resumption token
(`serve.tokens`). Errors are OAI errors with HTTP 200, as the protocol asks; the request element
echoes only arguments valid for their schema type (none for badVerb and badArgument).

Every response names an XSLT stylesheet (`<?xml-stylesheet type="text/xsl" href="oai.xsl"?>`,
`serve/oai.xsl`) so that a browser shows it as a page; a processing instruction does not change
the document's validity against the OAI-PMH schema, and harvesters ignore it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable, Mapping, Sequence
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

import attrs

from .. import datestamps
from ..export import ddi
from ..export.files import whole
from ..model import Catalogue, Record
from ..provenance import published
from ..sets import defined, listed, memberships, parent
from . import oai_dc, tokens

OAI = "http://www.openarchives.org/OAI/2.0/"
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
STYLESHEET = "oai.xsl"  # served by the app beside /oai (`serve.app`); a relative href survives a path prefix
HEAD = (
    b'<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ '
    b'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
)
TAIL = b"</OAI-PMH>\n"

# verb -> (required arguments, optional arguments, takes a resumption token)
VERBS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "Identify": ((), (), False),
    "ListMetadataFormats": ((), ("identifier",), False),
    "ListSets": ((), (), True),
    "GetRecord": (("identifier", "metadataPrefix"), (), False),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), True),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), True),
}
ERRORS = (
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noRecordsMatch",
    "noMetadataFormats",
    "noSetHierarchy",
)
ARGUMENT_ORDER = ("verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken")
MAX_VALUE = 512
# The schema types of the request element's attributes: a value is echoed only when it fits.
_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
_SETSPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
_IDENTIFIER = re.compile(r"[A-Za-z0-9\-_.!~*'();/?:@&=+$,%#\[\]]+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_XML_TEXT = re.compile(r"[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
_DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
ECHO = {
    "verb": re.compile("|".join(VERBS)),
    "identifier": _IDENTIFIER,
    "metadataPrefix": _PREFIX,
    "from": re.compile(f"{_DAY.pattern}|{_SECONDS.pattern}"),
    "until": re.compile(f"{_DAY.pattern}|{_SECONDS.pattern}"),
    "set": _SETSPEC,
    "resumptionToken": _XML_TEXT,
}


@attrs.frozen
class MetadataFormat:
    schema: str
    namespace: str
    render: Callable[[Catalogue, Mapping[str, Record]], dict[str, str]]  # record id -> XML element, no declaration


def _ddi_payloads(catalogue: Catalogue, records: Mapping[str, Record]) -> dict[str, str]:
    out = {}
    for rel, text in whole(ddi.documents(catalogue, records)).items():
        rid = rel.removeprefix("ddi/").removesuffix(".xml")
        out[rid] = text.split("?>", 1)[1].strip() if text.startswith("<?xml") else text.strip()
    return out


def _dc_payloads(catalogue: Catalogue, records: Mapping[str, Record]) -> dict[str, str]:
    return {rid: oai_dc.dc_xml(catalogue, records, rid) for rid in sorted(records)}


FORMATS: dict[str, MetadataFormat] = {
    "oai_dc": MetadataFormat(oai_dc.SCHEMA, oai_dc.OAI_DC, _dc_payloads),
    "oai_ddi25": MetadataFormat(ddi.SCHEMA_LOCATION.split()[1], ddi.DDI, _ddi_payloads),
}


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@attrs.frozen
class OaiSet:
    spec: str
    name: str
    members: tuple[str, ...]  # record ids ordered by (datestamp, id)
    dates: tuple[str, ...]  # their datestamps, for bisecting on from/until


def _text(tag: str, value: str) -> str:
    return f"<{tag}>{escape(value)}</{tag}>"


def _parse_day(value: str, name: str) -> str:
    if _SECONDS.fullmatch(value):
        raise OaiError("badArgument", f"'{name}' is finer than this repository's granularity, YYYY-MM-DD.")
    if not _DAY.fullmatch(value):
        raise OaiError("badArgument", f"'{name}' must be a date as YYYY-MM-DD.")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise OaiError("badArgument", f"'{name}' is not a real date.") from None
    return value


class Repository:
    """Every response part rendered at construction; `respond` only assembles bytes."""

    def __init__(
        self,
        catalogue: Catalogue,
        records: Mapping[str, Record],
        base_url: str,
        *,
        page_size: int = 100,
        token_ttl: int = 86_400,
        formats: Sequence[str] = tuple(FORMATS),
        clock: Callable[[], float] = time.time,
        stylesheet: str | None = STYLESHEET,
        deleted_sets: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """`deleted_sets`: the sets each withdrawn record was last exported in, where known."""
        if not catalogue.contact.email:
            raise ValueError("OAI-PMH needs an administrator email: give the catalogue's contact an email in catalogue.yaml")
        self.endpoint = base_url + "oai"
        self.prolog = DECLARATION + (
            f'<?xml-stylesheet type="text/xsl" href={quoteattr(stylesheet)}?>\n'.encode() if stylesheet else b""
        )
        self.page_size = page_size
        self.token_ttl = token_ttl
        self.clock = clock
        self.formats = {name: FORMATS[name] for name in formats}
        self.repo_id = urlsplit(catalogue.base_uri).hostname or "localhost"
        self.prefix_id = f"oai:{self.repo_id}:"
        self.records = records = published(records)  # stated facts only
        # deleted record id -> datestamp (a restored record is live)
        self.withdrawn = {rid: entry.date for rid, entry in datestamps.withdrawn(catalogue, records).items()}
        stamps = {**self.withdrawn, **{rid: rec.modified for rid, rec in records.items()}}
        every = sorted(stamps, key=lambda rid: (stamps[rid], rid))
        known = {spec for spec, _name in defined(catalogue)}
        gone = deleted_sets or {}
        member_of = {
            **{rid: tuple(sorted({s for s in gone.get(rid, ()) if s in known and ":" in s})) for rid in self.withdrawn},
            **memberships(catalogue, records),
        }
        self.sets = self._sets(catalogue, member_of, stamps, every)
        self.all = OaiSet("", "", tuple(every), tuple(stamps[r] for r in every))
        self.headers = self._headers(member_of, stamps, every)
        self.payloads: dict[tuple[str, str], bytes] = {}
        self.fingerprint = self._render(catalogue, records, every)
        self.identify = self._identify(catalogue, stamps).encode()
        self.set_list = (
            "<ListSets>"
            + "".join(f"<set>{_text('setSpec', s.spec)}{_text('setName', s.name)}</set>" for s in self.sets.values())
            + "</ListSets>"
        ).encode()

    # --- built once ---

    def _headers(self, member_of: Mapping[str, Sequence[str]], stamps: Mapping[str, str], every: list[str]) -> dict[str, bytes]:
        """Each record's header, naming its child sets; a deleted record's has status deleted and
        the sets it was last exported in."""
        headers = {}
        for rid in every:
            status = ' status="deleted"' if rid in self.withdrawn else ""
            headers[rid] = (
                f"<header{status}>{_text('identifier', self.prefix_id + rid)}{_text('datestamp', stamps[rid])}"
                + "".join(_text("setSpec", spec) for spec in member_of[rid])
                + "</header>"
            ).encode()
        return headers

    def _render(self, catalogue: Catalogue, records: Mapping[str, Record], every: list[str]) -> str:
        """Fill `payloads` (a deleted record's is its header alone, in every format) and return the
        fingerprint of everything served, which resumption tokens carry."""
        digest = hashlib.sha256()
        for name, fmt in self.formats.items():
            rendered = {rid: b"<metadata>" + xml.encode() + b"</metadata>" for rid, xml in fmt.render(catalogue, records).items()}
            for rid in (*sorted(rendered), *sorted(self.withdrawn)):
                data = b"<record>" + self.headers[rid] + rendered.get(rid, b"") + b"</record>"
                self.payloads[(name, rid)] = data
                digest.update(f"{name}\0{rid}\0{len(data)}\0".encode())
                digest.update(data)
        for rid in every:
            digest.update(self.headers[rid])
        return digest.hexdigest()[:16]

    @staticmethod
    def _sets(
        catalogue: Catalogue, member_of: Mapping[str, Sequence[str]], stamps: Mapping[str, str], every: list[str]
    ) -> dict[str, OaiSet]:
        """Every set the catalogue defines that ListSets lists (`sets.listed`: not a theme no
        record is in), its members (live or deleted) in the order of `every`."""
        members: dict[str, list[str]] = {spec: [] for spec, _name in defined(catalogue)}
        for rid in every:
            for spec in sorted({*member_of[rid], *(parent(s) for s in member_of[rid])}):
                members[spec].append(rid)
        return {
            spec: OaiSet(spec, name, tuple(members[spec]), tuple(stamps[r] for r in members[spec]))
            for spec, name in defined(catalogue)
            if listed(spec, members[spec])
        }

    def _identify(self, catalogue: Catalogue, stamps: Mapping[str, str]) -> str:
        """`stamps`: the datestamp of every record, live or deleted."""
        earliest = min(stamps.values(), default=catalogue.modified)
        parts = [
            _text("repositoryName", catalogue.title),
            _text("baseURL", self.endpoint),
            _text("protocolVersion", "2.0"),
            _text("adminEmail", catalogue.contact.email or ""),
            _text("earliestDatestamp", earliest),
            _text("deletedRecord", "persistent"),
            _text("granularity", "YYYY-MM-DD"),
        ]
        if _DOMAIN.fullmatch(self.repo_id):
            sample = self.prefix_id + (min(self.records) if self.records else "dataset")
            parts.append(
                '<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/'
                'oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">'
                f"{_text('scheme', 'oai')}{_text('repositoryIdentifier', self.repo_id)}{_text('delimiter', ':')}"
                f"{_text('sampleIdentifier', sample)}</oai-identifier></description>"
            )
        return "<Identify>" + "".join(parts) + "</Identify>"

    # --- per request ---

    def respond(self, args: Sequence[tuple[str, str]]) -> bytes:
        """The whole response document for a request's arguments (in the order given)."""
        now = self.clock()
        try:
            self._check(args)
            echo = dict(args)
            body = self._dispatch(echo, now)
        except OaiError as exc:
            echo = (
                {}
                if exc.code in ("badVerb", "badArgument")
                else {k: v for k, v in args if k in ECHO and len(v) <= MAX_VALUE and ECHO[k].fullmatch(v)}
            )
            body = f"<error code={quoteattr(exc.code)}>{escape(exc.message)}</error>".encode()
        return self._document(echo, body, now)

    def error(self, code: str, message: str) -> bytes:
        """An error response for a request that could not even be read (too long, wrong type)."""
        now = self.clock()
        return self._document({}, f"<error code={quoteattr(code)}>{escape(message)}</error>".encode(), now)

    def _document(self, echo: Mapping[str, str], body: bytes, now: float) -> bytes:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))
        attrs_ = "".join(f" {k}={quoteattr(echo[k])}" for k in ARGUMENT_ORDER if k in echo)
        request = f"<responseDate>{stamp}</responseDate><request{attrs_}>{escape(self.endpoint)}</request>".encode()
        return b"".join((self.prolog, HEAD, request, body, TAIL))

    def _check(self, args: Sequence[tuple[str, str]]) -> None:
        """The verb and the argument set: badVerb or badArgument before anything else."""
        verbs = [v for k, v in args if k == "verb"]
        if not verbs:
            raise OaiError("badVerb", "The request has no verb.")
        if len(verbs) > 1:
            raise OaiError("badVerb", "The verb argument is repeated.")
        verb = verbs[0]
        if verb not in VERBS:
            raise OaiError("badVerb", "The verb is not an OAI-PMH verb.")
        required, optional, resumable = VERBS[verb]
        allowed = {"verb", *required, *optional, *(("resumptionToken",) if resumable else ())}
        seen: set[str] = set()
        for key, value in args:
            if key not in allowed:
                raise OaiError("badArgument", f"{verb} does not take the argument '{key[:40]}'.")
            if key in seen:
                raise OaiError("badArgument", f"The argument '{key}' is repeated.")
            if not value or len(value) > MAX_VALUE:
                raise OaiError("badArgument", f"The argument '{key}' is empty or too long.")
            seen.add(key)
        if "resumptionToken" in seen:
            if len(seen) > 2:
                raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        else:
            missing = [k for k in required if k not in seen]
            if missing:
                raise OaiError("badArgument", f"{verb} needs the argument(s) {', '.join(missing)}.")

    def _dispatch(self, args: dict[str, str], now: float) -> bytes:
        verb = args["verb"]
        if verb == "Identify":
            return self.identify
        if verb == "ListMetadataFormats":
            return self._list_formats(args.get("identifier"))
        if verb == "ListSets":
            if "resumptionToken" in args:
                raise OaiError("badResumptionToken", "ListSets returns every set at once and issues no resumption tokens.")
            if not self.sets:
                raise OaiError("noSetHierarchy", "This repository has no sets.")
            return self.set_list
        if verb == "GetRecord":
            rid = self._record_id(args["identifier"])
            fmt = self._format(args["metadataPrefix"])
            return b"<GetRecord>" + self.payloads[(fmt, rid)] + b"</GetRecord>"
        return self._list(verb, args, now)

    def _record_id(self, identifier: str) -> str:
        rid = identifier.removeprefix(self.prefix_id)
        if rid == identifier or (rid not in self.records and rid not in self.withdrawn):
            raise OaiError("idDoesNotExist", "No record has this identifier.")
        return rid

    def _format(self, prefix: str) -> str:
        if prefix not in self.formats:
            known = ", ".join(self.formats) or "none"
            raise OaiError("cannotDisseminateFormat", f"This repository does not offer that format; it offers: {known}.")
        return prefix

    def _list_formats(self, identifier: str | None) -> bytes:
        if identifier is not None:
            self._record_id(identifier)
        if not self.formats:
            raise OaiError("noMetadataFormats", "No metadata formats are available.")
        return (
            "<ListMetadataFormats>"
            + "".join(
                f"<metadataFormat>{_text('metadataPrefix', name)}{_text('schema', f.schema)}"
                f"{_text('metadataNamespace', f.namespace)}</metadataFormat>"
                for name, f in self.formats.items()
            )
            + "</ListMetadataFormats>"
        ).encode()

    def _list(self, verb: str, args: dict[str, str], now: float) -> bytes:
        if "resumptionToken" in args:
            try:
                c = tokens.decode(args["resumptionToken"], self.fingerprint, now, self.token_ttl)
            except tokens.BadToken as exc:
                raise OaiError("badResumptionToken", f"{str(exc).capitalize()}.") from None
            if c.verb != verb:
                raise OaiError("badResumptionToken", f"The resumption token belongs to {c.verb}, not {verb}.")
            prefix, set_spec, from_, until, offset = c.prefix, c.set, c.from_, c.until, c.offset
            resumed = True
        else:
            prefix, set_spec = args["metadataPrefix"], args.get("set", "")
            from_ = _parse_day(args["from"], "from") if "from" in args else ""
            until = _parse_day(args["until"], "until") if "until" in args else ""
            if from_ and until and from_ > until:
                raise OaiError("badArgument", "'from' is later than 'until'.")
            if set_spec and not _SETSPEC.fullmatch(set_spec):
                raise OaiError("badArgument", "'set' is not a setSpec.")
            offset, resumed = 0, False
        fmt = self._format(prefix)
        if set_spec and not self.sets:
            raise OaiError("noSetHierarchy", "This repository has no sets.")
        chosen = self.sets.get(set_spec) if set_spec else self.all
        if chosen is None:
            raise OaiError("noRecordsMatch", "No set has this setSpec.")
        lo = bisect.bisect_left(chosen.dates, from_) if from_ else 0
        hi = bisect.bisect_right(chosen.dates, until) if until else len(chosen.dates)
        total = max(0, hi - lo)
        if total == 0:
            raise OaiError("noRecordsMatch", "No record matches these arguments.")
        if offset >= total:
            raise OaiError("badResumptionToken", "The resumption token points past the end of the list.")
        page = chosen.members[lo + offset : min(hi, lo + offset + self.page_size)]
        items = [self.headers[r] for r in page] if verb == "ListIdentifiers" else [self.payloads[(fmt, r)] for r in page]
        end = offset + len(page)
        token = b""
        if end < total:
            expires = int(now) + self.token_ttl
            value = tokens.encode(tokens.Cursor(verb, fmt, set_spec, from_, until, end, expires, self.fingerprint))
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires))
            token = (
                f'<resumptionToken expirationDate="{stamp}" completeListSize="{total}" cursor="{offset}">'
                f"{value}</resumptionToken>"
            ).encode()
        elif resumed:
            token = f'<resumptionToken completeListSize="{total}" cursor="{offset}"/>'.encode()
        return b"".join((f"<{verb}>".encode(), *items, token, f"</{verb}>".encode()))
