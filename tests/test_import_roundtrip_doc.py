"""docs/import-roundtrip.md lists, for each format, exactly what its round-trip test leaves out."""

from __future__ import annotations

import re

import pytest

from . import test_import_dcat, test_import_schemaorg
from .conftest import ROOT
from .importing import NOT_BY_RECORD_IMPORT


def _rows() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in (ROOT / "docs" / "import-roundtrip.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| (\w[\w-]*)[^|]* \| `([^`]+)` \|", line)
        if m:
            out.setdefault(m.group(1), set()).add(m.group(2))
    return out


@pytest.mark.parametrize(
    ("fmt", "not_carried"), [("dcat", test_import_dcat.NOT_CARRIED), ("schemaorg", test_import_schemaorg.NOT_CARRIED)]
)
def test_the_table_lists_what_each_round_trip_leaves_out(fmt, not_carried):
    common = {"**/source", "sources", "variants", "notes", *NOT_BY_RECORD_IMPORT}  # said once, above the table
    assert _rows().get(fmt) == set(not_carried) - common
