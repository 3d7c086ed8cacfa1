"""Where the vendored official artefacts are: beside the installed package (`adrmeta_vendor/`,
copied there from `schemas/vendor/` when the wheel is built) or, in a source checkout, in
`schemas/vendor/` itself."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def vendor_path(*parts: str) -> Path:
    for base in (_HERE.parent / "adrmeta_vendor", _HERE.parent.parent / "schemas" / "vendor"):
        candidate = base.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"vendored artefact {'/'.join(parts)} is missing; reinstall adrmeta")
