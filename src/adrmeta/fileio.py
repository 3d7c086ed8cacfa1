"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
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
            os.fchmod(fh.fileno(), 0o666 & ~_umask())  # mkstemp makes it private (0600); a new file is not
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def recover(target: Path) -> None:
    """Tidy what an interrupted run left beside `target`: an unfinished new tree is deleted; an
    old tree is put back if the run died between its two renames, else deleted."""
    for fresh in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(fresh, ignore_errors=True)
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        if not target.exists():
            os.replace(old, target)
        else:
            shutil.rmtree(old, ignore_errors=True)


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


def _link_file(path: Path, same_as: Path) -> None:
    os.link(same_as, path)


def write_or_reuse(path: Path, data: bytes, previous: Path | None) -> None:
    """Write `data` to `path`, or, when `previous` (the same file in the tree being replaced)
    holds exactly these bytes, hard-link it instead. A re-export changes few files: linking them
    spares writing them and, later, freeing the old tree's copies, which was most of the time a
    re-export of 10,000 records spent after rendering. The old tree's files are never changed,
    so a run killed at any point still leaves it intact."""
    if previous is not None:
        try:
            st = os.stat(previous)
            if stat.S_ISREG(st.st_mode) and st.st_size == len(data):
                with open(previous, "rb") as fh:
                    if fh.read() == data:
                        _link_file(path, previous)
                        return
        except OSError:
            pass
    _write_file(path, data)


@contextlib.contextmanager
def staged_tree(target: Path, keep: Iterable[str] = ()) -> Iterator[Path]:
    """A fresh folder beside `target` to write the new tree into; when the block ends without
    an error it is swapped in with one atomic exchange (the top-level folders named in `keep`
    carried over from the old tree), else deleted. A run killed at any point leaves the previous
    tree intact (and the next run tidies up)."""
    recover(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        os.chmod(fresh, 0o777 & ~_umask())  # mkdtemp makes it private; exports are for everyone
        yield fresh
        for top in keep:
            if (target / top).is_dir() and not (fresh / top).exists():
                shutil.copytree(target / top, fresh / top, copy_function=os.link)  # hard links: instant
        if not target.exists():
            os.replace(fresh, target)
        elif _exchange(fresh, target):
            shutil.rmtree(fresh)  # now the old tree
        else:
            old = target.parent / f".{target.name}.old-{fresh.name.rsplit('-', 1)[1]}"
            os.replace(target, old)
            os.replace(fresh, target)
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path -> bytes); empty if it does not exist."""
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
