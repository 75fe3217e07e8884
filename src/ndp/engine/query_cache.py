"""A pack's queries, compiled to SQL once per framework, months and store schema in a process.

Building a pack's ~17 queries as Ibis expressions and compiling them to SQL costs about the
same whatever the store's size (0.3-0.6 s), the largest fixed cost of a pack at a real
quarter's size. A process that builds packs again (the dashboard after an upload, a benchmark)
keeps each batch's SQL text here and runs it again without Ibis, on a backend that runs SQL
text (:attr:`ndp.store.Store.runs_sql`). The key holds everything the SQL is made from: the
framework's definitions (its SPC settings aside: they shape no query), the first and last
month, and every table's columns and types in the store (loading a new source or a migration
changes the key); the reference data is fixed for the process.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pyarrow as pa

from ndp.engine.framework import Framework
from ndp.periods import Month
from ndp.store import Store
from ndp.store.base import CompiledQuery

#: batches kept: a few frameworks or quarters in one long-running process
KEPT = 8

_batches: OrderedDict[tuple[str, ...], dict[Any, CompiledQuery]] = OrderedDict()


def batch_key(store: Store, fw: Framework, first: Month, last: Month) -> tuple[str, ...]:
    """What the batch's SQL text depends on."""
    definitions = fw.model_dump_json(exclude={"spc"})
    schema = store.schema_fingerprint()
    return (
        store.kind,
        hashlib.sha256(definitions.encode()).hexdigest(),
        first.label,
        last.label,
        hashlib.sha256(schema.encode()).hexdigest(),
    )


def cached_results(
    store: Store,
    fw: Framework,
    months: tuple[Month, Month],
    build: Callable[[], Mapping[Any, Any]],
) -> Iterator[tuple[Any, pa.Table]]:
    """The results of the batch ``build`` makes (Ibis queries by key), as
    :meth:`ndp.store.Store.arrow_results` gives them; ``build`` is not called when the process
    has run the same batch on a store of the same schema before."""
    if not store.runs_sql:
        yield from store.arrow_results(build())
        return
    key = batch_key(store, fw, *months)
    kept = _batches.get(key)
    if kept is not None:
        _batches.move_to_end(key)
        yield from store.arrow_results(kept)
        return
    compiling = _Compiling(store, build())
    yield from store.arrow_results(compiling)
    if len(compiling.compiled) == len(compiling):  # every query compiled and run
        _batches[key] = compiling.compiled
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
    """Drop every kept batch."""
    _batches.clear()
