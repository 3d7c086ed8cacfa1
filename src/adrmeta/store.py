"""Loaded records kept in a temporary file instead of memory, for runs over many records.

An export reads every record several times (once per format, and for the cross-references of
others), but holding thousands of loaded records made its memory grow by about 50 KB a record. A
`Spool` pickles each loaded file as it is read; what stays in memory is a few numbers per file.
A forked process may read the same spool: reads use `os.pread`, which shares no file offset.
"""

from __future__ import annotations

import copyreg
import os
import pickle
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, overload

import attrs

from . import model
from .model import Record
from .perf import halves
from .records import Loaded, load_records

CACHED = 256  # records kept unpickled: cross-references mostly name a few neighbours


def write_at(file: IO[bytes], data: bytes, offset: int) -> None:
    """Write at an offset without moving a shared file position (forked processes share one)."""
    if hasattr(os, "pwrite"):
        os.pwrite(file.fileno(), data, offset)
    else:   # no fork there either, so no one else moves the position
        file.seek(offset)
        file.write(data)


def read_at(file: IO[bytes], size: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(file.fileno(), size, offset)
    file.seek(offset)
    return file.read(size)


def _rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    obj: Any = object.__new__(cls)
    for setter, value in zip(_SETTERS[cls], values, strict=True):
        setter(obj, value)
    return obj


def _reducer(cls: type) -> Any:
    names = [a.name for a in attrs.fields(cls)]
    _SETTERS[cls] = [getattr(cls, n).__set__ for n in names]   # the slots' own setters, past frozen __setattr__
    return lambda obj: (_rebuild, (cls, tuple(getattr(obj, n) for n in names)))


# The model's frozen classes pickle as their field values in order, rebuilt through their slots:
# attrs' own state (a dict of names) reads back 40% slower, and every export reads each record
# back once per format. Spooled pickles live only as long as the run, so the layout may change.
_SETTERS: dict[type, list[Any]] = {}
for _cls in vars(model).values():
    if isinstance(_cls, type) and attrs.has(_cls) and _cls.__module__ == model.__name__:
        copyreg.pickle(_cls, _reducer(_cls))


@attrs.frozen
class Appended:
    """Files appended to a spool, as another process sends them back."""

    paths: list[str]
    at: list[int]
    ids: list[str | None]
    displays: list[str]


class Spool(Sequence[tuple[Path, Loaded]]):
    """The (path, loaded file) pairs of a workspace, in temporary files (one per loading process).
    Per file, memory keeps its path, display path, record id and four numbers."""

    def __init__(self, parts: int = 1) -> None:
        import tempfile  # here: `adrmeta validate` starts without it

        self._files = [tempfile.TemporaryFile(prefix="adrmeta-records-") for _ in range(parts)]
        self._ends = [0] * parts
        self.part = 0   # the part this process appends to
        self._paths: list[str] = []
        self._at = array("q")   # per file: spool part, offset, bytes of the record's pickle, bytes of the rest
        self.ids: list[str | None] = []   # per file: the record's id (None if it could not be built)
        self.displays: list[str] = []
        self.records = RecordStore(self)

    def absorb(self, other: Spool) -> None:
        """Another spool's files after this one's, its parts becoming parts of this one."""
        base = len(self._files)
        self._files.extend(other._files)
        self._ends.extend(other._ends)
        at = list(other._at)
        at[0::4] = [part + base for part in at[0::4]]
        self.adopt(Appended(other._paths, at, other.ids, other.displays))

    @property
    def listing(self) -> list[tuple[str | None, str]]:
        """Per file: the record's id and the display path."""
        return list(zip(self.ids, self.displays, strict=True))

    def append(self, item: tuple[Path, Loaded]) -> None:
        path, loaded = item
        value = pickle.dumps(loaded.value, pickle.HIGHEST_PROTOCOL)
        rest = pickle.dumps((loaded.file, loaded.issues, loaded.refs), pickle.HIGHEST_PROTOCOL)
        end = self._ends[self.part]
        write_at(self._files[self.part], value + rest, end)
        self._ends[self.part] = end + len(value) + len(rest)
        rid = loaded.value.id if loaded.value is not None else None
        self.adopt(Appended([str(path)], [self.part, end, len(value), len(rest)], [rid], [loaded.file.path]))

    def appended(self, since: int = 0) -> Appended:
        return Appended(self._paths[since:], list(self._at[4 * since:]), self.ids[since:], self.displays[since:])

    def adopt(self, more: Appended) -> None:
        """Files appended, in order (by this process, or by another to its own part)."""
        for rid in more.ids:
            self.ids.append(rid)
            if rid is not None:
                self.records._first(rid, len(self.ids) - 1)
        self._paths.extend(more.paths)
        self._at.extend(more.at)
        self.displays.extend(more.displays)

    def value(self, i: int) -> Record:
        part, offset, size, _rest = self._at[4 * i:4 * i + 4]
        return pickle.loads(read_at(self._files[part], size, offset))

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> tuple[Path, Loaded]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[Path, Loaded]]: ...

    def __getitem__(self, i: int | slice) -> tuple[Path, Loaded] | list[tuple[Path, Loaded]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)   # also what ends iteration
        i %= len(self)
        part, offset, size, rest = self._at[4 * i:4 * i + 4]
        data = read_at(self._files[part], size + rest, offset)
        file, issues, refs = pickle.loads(data[size:])
        return Path(self._paths[i]), Loaded(file, pickle.loads(data[:size]), issues, refs)


def fill(paths: Sequence[tuple[Path, str]], jobs: int = 1) -> Spool:
    """Load record files, given as (path, display path) pairs, into a new spool. With two jobs
    two forked processes load a half each into their own part and send back where each landed;
    if one fails, this process loads its half."""
    spool = Spool(parts=2 if jobs > 1 else 1)

    def load(start: int, stop: int, half: int | None) -> Appended | Spool | None:
        if half is not None:   # in a forked process, into its own part
            spool.part = half
            since = len(spool)
            load_records(paths[start:stop], spool)
            return spool.appended(since)
        if (start, stop) == (0, len(paths)):   # everything, here
            load_records(paths, spool)
            return None
        rescue = Spool()   # the half of a process that failed, kept apart so the order holds
        load_records(paths[start:stop], rescue)
        return rescue

    for part in halves(load, len(paths), jobs):
        if isinstance(part, Appended):
            spool.adopt(part)
        elif isinstance(part, Spool):
            spool.absorb(part)
    return spool


class RecordStore(Mapping[str, Record]):
    """The spool's records by id (the first file of a duplicated id), read back on demand; the
    most recently read ones are kept."""

    def __init__(self, spool: Spool) -> None:
        self._spool = spool
        self._where: dict[str, int] = {}
        self._cache: OrderedDict[str, Record] = OrderedDict()

    def _first(self, rid: str, position: int) -> None:
        self._where.setdefault(rid, position)

    def __getitem__(self, rid: str) -> Record:
        rec = self._cache.get(rid)
        if rec is not None:
            self._cache.move_to_end(rid)
            return rec
        rec = self._spool.value(self._where[rid])
        self._cache[rid] = rec
        if len(self._cache) > CACHED:
            self._cache.popitem(last=False)
        return rec

    def __contains__(self, rid: object) -> bool:
        return rid in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)
