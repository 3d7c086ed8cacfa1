"""Stateless OAI-PMH resumption tokens.

A token carries everything needed to produce the next page: the verb, the request's arguments, a
cursor into the (deterministically ordered) matching records, an expiry time, and a fingerprint of
the record set the cursor counts in. The server keeps no state, so a token survives a restart;
if the records changed in between, the fingerprint no longer matches and the token is refused
(badResumptionToken) rather than silently skipping or repeating records.

Tokens are not secret: they only address public metadata. A tampered token can only ask for
another page of the same list, or fail: one with an expiry further off than the server grants,
or with `from`/`until` other than the days this repository's granularity allows, is refused.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re

import attrs

VERSION = "1"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,512}")
_FIELD = re.compile(r"[A-Za-z0-9_.!~*'():-]*")
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})?")  # from/until: a day, or nothing
NOT_OURS = "not a resumption token issued by this repository"


@attrs.frozen
class Cursor:
    verb: str
    prefix: str
    set: str
    from_: str
    until: str
    offset: int
    expires: int  # seconds since the epoch, UTC
    fingerprint: str


class BadToken(ValueError):
    """The token is not one this server issued, is expired, or belongs to another record set."""


def encode(c: Cursor) -> str:
    fields = (VERSION, c.verb, c.prefix, c.set, c.from_, c.until, str(c.offset), str(c.expires), c.fingerprint)
    return base64.urlsafe_b64encode("|".join(fields).encode("ascii")).decode("ascii").rstrip("=")


def _real_days(*values: str) -> bool:
    for value in values:
        if not _DAY.fullmatch(value):
            return False
        try:
            if value:
                dt.date.fromisoformat(value)
        except ValueError:
            return False
    return True


def decode(token: str, fingerprint: str, now: float, ttl: int) -> Cursor:
    """The cursor a token carries, checked against the record set's `fingerprint`, the time `now`
    and the lifetime `ttl` (seconds) the server gives its tokens."""
    if not _TOKEN.fullmatch(token):
        raise BadToken(NOT_OURS)
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadToken(NOT_OURS) from None
    parts = text.split("|")
    if len(parts) != 9 or parts[0] != VERSION or not all(_FIELD.fullmatch(p) for p in parts):
        raise BadToken(NOT_OURS)
    _v, verb, prefix, set_, from_, until, offset, expires, fp = parts
    if not (offset.isdigit() and expires.isdigit() and len(expires) <= 12 and _real_days(from_, until)):
        raise BadToken(NOT_OURS)
    if (from_ and until and from_ > until) or int(expires) > now + ttl:
        raise BadToken(NOT_OURS)
    if fp != fingerprint:
        raise BadToken("the records changed since this token was issued; start the harvest again")
    if int(expires) <= now:
        raise BadToken("the resumption token has expired; start the harvest again")
    return Cursor(verb, prefix, set_, from_, until, int(offset), int(expires), fp)
