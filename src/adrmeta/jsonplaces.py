"""Where the values of a JSON text start, by JSON pointer: the line and column a finding about a
JSON file (an import, a feed's manifest) is located at. Standard library only, so a command that
only needs places (`adrmeta conform`) does not load the importers."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any

# A JSON token: a string, a structural character, or a number, true, false or null.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def json_starts(text: str) -> dict[str, int]:
    """Where each value of a JSON text (one `json.loads` read) starts, by JSON pointer, as an
    offset in characters: an object member at its key, an array item at the item. One pass over
    the tokens; each frame is [pointer, key or index, where the member's key starts]."""
    out: dict[str, int] = {}
    frames: list[list[Any]] = []
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok in (",", ":"):
            if tok == "," and frames:
                top = frames[-1]
                top[1] = top[1] + 1 if isinstance(top[1], int) else None
            continue
        if tok in ("}", "]"):
            frames.pop()
            continue
        start = m.start()
        ptr = ""
        if frames:
            top = frames[-1]
            if top[1] is None:  # an object's key
                top[1], top[2] = json.loads(tok), start
                continue
            ptr = top[0] + "/" + str(top[1]).replace("~", "~0").replace("/", "~1")
            start = top[2] if isinstance(top[1], str) else start
        out[ptr] = start
        if tok in ("{", "["):
            frames.append([ptr, None if tok == "{" else 0, start])
    return out


class JsonPlaces:
    """The places of one JSON text's values, found in one pass when made."""

    def __init__(self, text: str) -> None:
        self.starts = json_starts(text)
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def at(self, pointer: str) -> tuple[int, int] | None:
        """The line and column (in characters, 1-based) where the value at `pointer` starts (an
        object member at its key), or None when the pointer is not in the text."""
        start = self.starts.get(pointer)
        if start is None:
            return None
        before = bisect_right(self.newlines, start - 1)
        return before + 1, start - (self.newlines[before - 1] + 1 if before else 0) + 1
