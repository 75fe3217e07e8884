"""A pack's queries, compiled to SQL once per framework, months and store schema in a process.

Building a pack's ~17 queries as Ibis expressions and compiling them to SQL costs about the
same whatever the store's size (0.3-0.6 s), the largest fixed cost of a pack at a real
quarter's size. A process that builds packs again (the dashboard after an upload, a benchmark)
keeps each batch's SQL text here and runs it again without Ibis, on a backend that runs SQL
text (:attr:`ndp.store.Store.runs_sql`). The key holds everything the SQL is made from: the
framework's definitions (its SPC settings aside: they shape no query), the first and last
month, and every table's columns and types in the store (loading a new source or a migration
changes the key), and the code and libraries that make the SQL. Each batch is also written
to a file (``ndp.engine.query_files``), so a new process (a one-shot ``ndp build``) runs it
without importing Ibis at all.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import pyarrow as pa

from ndp.engine import query_files
from ndp.engine.framework import Framework
from ndp.periods import Month
from ndp.store import Store
from ndp.store.base import CompiledQuery

#: batches kept: a few frameworks or quarters in one long-running process
KEPT = 8

_batches: OrderedDict[tuple[str, ...], dict[Any, CompiledQuery]] = OrderedDict()
#: a build reads its operations' batches in a thread beside its scans' (``ndp.engine.build``)
_lock = threading.Lock()

#: the store whose schema one build holds fixed, and its fingerprint once asked
_held: ContextVar[list[Any] | None] = ContextVar("ndp_schema_held", default=None)


@contextmanager
def schema_held(store: Store) -> Iterator[None]:
    """Within the block, ``store``'s schema fingerprint is read once and kept: a pack's
    batches (its scans, then the operations' two) are keyed on the same schema, which a build
    only reads, rather than each asking the database's catalogue again (~2 ms a time at 1M
    records). Per context (thread), so another thread's build or load reads its own."""
    token = _held.set([store, None])
    try:
        yield
    finally:
        _held.reset(token)


def _fingerprint(store: Store) -> str:
    held = _held.get()
    if held is None or held[0] is not store:
        return store.schema_fingerprint()
    if held[1] is None:
        held[1] = store.schema_fingerprint()
    fingerprint: str = held[1]
    return fingerprint


def batch_key(store: Store, fw: Framework, first: Month, last: Month) -> tuple[str, ...]:
    """What the pack's batch of scans depends on."""
    return key_of(store, *_scan_parts(fw, first, last))


def _scan_parts(fw: Framework, first: Month, last: Month) -> tuple[str, ...]:
    definitions = fw.model_dump_json(exclude={"spc"})
    return ("scans", _sha(definitions), first.label, last.label)


def key_of(store: Store, *parts: str) -> tuple[str, ...]:
    """A batch's key: ``parts`` (what its queries are built from), the store's kind and schema,
    and the code that builds and compiles them."""
    schema = _fingerprint(store)
    return (store.kind, query_files.code_fingerprint(), _sha(schema), *parts)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def cached_results(
    store: Store,
    fw: Framework,
    months: tuple[Month, Month],
    build: Callable[[], Mapping[Any, Any]],
) -> Iterator[tuple[Any, pa.Table]]:
    """The results of the pack's scans ``build`` makes (Ibis queries by key), as
    :meth:`ndp.store.Store.arrow_results` gives them; ``build`` is not called when this process
    or the cache folder holds the same batch for a store of the same schema."""
    yield from kept_results(store, _scan_parts(fw, *months), build)


def kept_results(
    store: Store, parts: tuple[str, ...], build: Callable[[], Mapping[Any, Any]]
) -> Iterator[tuple[Any, pa.Table]]:
    """The results of the batch ``build`` makes (Ibis queries by key), its SQL kept in the
    process and on disk under :func:`key_of` ``parts``: what the queries are built from besides
    the store's schema and ndp's code. A store that does not run SQL text runs ``build``'s."""
    if not store.runs_sql:
        yield from store.arrow_results(build())
        return
    key = key_of(store, *parts)
    with _lock:
        kept = _batches.get(key)
        if kept is not None:
            _batches.move_to_end(key)
    if kept is None:
        kept = query_files.read_batch(key)
        if kept is not None:
            _keep(key, kept)
    if kept is not None:
        yield from store.arrow_results(kept)
        return
    compiling = _Compiling(store, build())
    yield from store.arrow_results(compiling)
    if len(compiling.compiled) == len(compiling):  # every query compiled and run
        _keep(key, compiling.compiled)
        query_files.write_batch(key, compiling.compiled)


def _keep(key: tuple[str, ...], batch: dict[Any, CompiledQuery]) -> None:
    with _lock:
        _batches[key] = batch
        while len(_batches) > KEPT:
            _batches.popitem(last=False)


class _Compiling(Mapping[Any, CompiledQuery]):
    """A batch's queries, each compiled when the store reads it (so Python compiles the next
    while the database runs the last) and kept in ``compiled``."""

    def __init__(self, store: Store, queries: Mapping[Any, Any]) -> None:
        self._store, self._queries = store, queries
        self.compiled: dict[Any, CompiledQuery] = {}

    def __getitem__(self, key: Any) -> CompiledQuery:
        if key not in self.compiled:
            self.compiled[key] = self._store.compile(self._queries[key])
        return self.compiled[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)


def forget() -> None:
    """Drop every batch kept in the process (the files stay)."""
    with _lock:
        _batches.clear()
