"""Writing output files whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename, so a
    reader (or a crash) never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_tree(root: Path, files: dict[str, str]) -> list[Path]:
    """Replace each top-level folder named in `files` (e.g. `dcat/`) under `root` with exactly
    those files. Each folder is written in full beside the old one and then swapped in, so an
    interrupted export leaves the previous folder, never a half-written one."""
    groups: dict[str, dict[str, str]] = {}
    for rel, text in files.items():
        top, _, rest = rel.partition("/")
        groups.setdefault(top, {})[rest] = text
    root.mkdir(parents=True, exist_ok=True)
    written = []
    for top, members in sorted(groups.items()):
        fresh = Path(tempfile.mkdtemp(prefix=f".{top}.new-", dir=root))
        try:
            os.chmod(fresh, 0o777 & ~_umask())  # mkdtemp makes it private; exports are for everyone
            for folder in sorted({str(Path(rest).parent) for rest in members} - {"."}):
                (fresh / folder).mkdir(parents=True, exist_ok=True)
            for rest, text in members.items():
                with open(fresh / rest, "wb") as fh:
                    fh.write(text.encode("utf-8"))
            target = root / top
            old = root / f".{top}.old-{fresh.name.rsplit('-', 1)[1]}"
            if target.exists():
                os.replace(target, old)
            os.replace(fresh, target)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)
        written.append(target)
    return written
