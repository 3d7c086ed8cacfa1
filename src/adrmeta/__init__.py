"""adrmeta: canonical metadata records for UK linked administrative datasets.

The library API is the names in `__all__`, importable from here; each is loaded on first use, so
`adrmeta validate` starts without the exporters.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {  # name -> the module that defines it
    "validate": "adrmeta.validate",
    "load": "adrmeta.validate",
    "run_rules": "adrmeta.validate",
    "Workspace": "adrmeta.validate",
    "Report": "adrmeta.report",
    "Issue": "adrmeta.report",
    "Location": "adrmeta.report",
    "Catalogue": "adrmeta.model",
    "Record": "adrmeta.model",
    "EXPORTERS": "adrmeta.export",
    "render": "adrmeta.export",
    "write_exports": "adrmeta.exportrun",
    "import_files": "adrmeta.importers",
    "assess": "adrmeta.eligibility",
    "stated": "adrmeta.provenance",
}
_RENAMED = {"write_exports": "write"}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'adrmeta' has no attribute {name!r}")
    return getattr(importlib.import_module(_API[name]), _RENAMED.get(name, name))
