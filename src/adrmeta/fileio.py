"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
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
                shutil.copytree(target / top, fresh / top, copy_function=os.link)  # the old tree goes: linking is moving
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


class Busy(RuntimeError):
    """Another process holds the lock."""


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold `.{name}.lock` beside `target` for the block, so two runs never write it at once
    (each would tidy away the other's half-written tree); raises `Busy` at once if another run
    holds it. The lock dies with its process; the file is removed on the way out."""
    import fcntl  # POSIX only, like the atomic swap

    target.parent.mkdir(parents=True, exist_ok=True)
    path = target.parent / f".{target.name}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise Busy(f"another adrmeta run is writing {target} (lock {path})") from None
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # locked a file the previous holder had just removed: lock the new one
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path -> bytes); empty if it does not exist."""
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
