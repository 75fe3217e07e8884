"""Several queries as one: their UNION ALL, then each one's rows split out again in Arrow.

On a backend that pays a fixed cost for every query whatever its size (Spark: analysis,
planning, code generation, scheduling a job), a pack's scans go as one query
(:attr:`ndp.store.Store.merge_scans`). Each branch tags its rows with its query's number and
fills the columns other queries have, and it lacks, with typed NULLs; splitting keeps a query's
rows and its own columns, in its own types, so each result is the table it would have been
alone (rows in the order the backend gives, which nothing downstream relies on).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from ndp.store import Store

if TYPE_CHECKING:  # Ibis is imported where a query is built: kept SQL needs none
    import ibis.expr.types as ir

Key = TypeVar("Key", bound=Hashable)

PART = "_part"


@dataclass(frozen=True)
class Merged(Generic[Key]):
    """One union and, by position of its branches, the queries it holds and their schemas."""

    query: ir.Table
    parts: list[tuple[Key, pa.Schema]]

    def split(self, table: pa.Table) -> list[tuple[Key, pa.Table]]:
        """Each query's rows of the union's result, as that query alone would have given them."""
        out = []
        for number, (key, schema) in enumerate(self.parts):
            rows = table.filter(pc.equal(table[PART], pa.scalar(number, pa.int32())))
            out.append((key, rows.select(schema.names).cast(schema)))
        return out


def merge(queries: Mapping[Key, ir.Table], group: Callable[[Key], Hashable]) -> list[Any]:
    """The queries with the same ``group`` as one :class:`Merged` union each (when more than
    one); any other query, and any whose column a query of its group has in another type, as
    the pair (key, query)."""
    grouped: dict[Hashable, list[Key]] = {}
    for key in queries:
        grouped.setdefault(group(key), []).append(key)
    out: list[Any] = []
    for keys in grouped.values():
        types: dict[str, Any] = {}
        members = []
        for key in keys:
            schema = queries[key].schema()
            if all(types.setdefault(c, t) == t for c, t in schema.items()):
                members.append(key)
            else:
                out.append((key, queries[key]))
        if len(members) == 1:
            out.append((members[0], queries[members[0]]))
        elif members:
            out.append(_union({k: queries[k] for k in members}, types))
    return out


def _union(queries: dict[Key, ir.Table], types: dict[str, Any]) -> Merged[Key]:
    import ibis

    branches = []
    for number, query in enumerate(queries.values()):
        columns = {
            c: query[c] if c in query.columns else ibis.null(t).cast(t) for c, t in types.items()
        }
        branches.append(query.select(**{PART: ibis.literal(number, "int32")}, **columns))
    parts = [(key, query.schema().to_pyarrow()) for key, query in queries.items()]
    return Merged(ibis.union(*branches, distinct=False), parts)


def wide_results(
    store: Store, queries: Mapping[Key, ir.Table], group: Callable[[Key], Hashable]
) -> Iterator[tuple[Key, pa.Table]]:
    """:meth:`ndp.store.Store.arrow_results` of the queries, those of one ``group`` sent as one
    query: each query's result, keyed as given, as its union finishes."""
    batch: dict[int, ir.Table] = {}
    held: dict[int, Any] = {}
    for number, item in enumerate(merge(queries, group)):
        held[number] = item
        batch[number] = item.query if isinstance(item, Merged) else item[1]
    for number, table in store.arrow_results(batch):
        item = held[number]
        if isinstance(item, Merged):
            yield from item.split(table)
        else:
            yield item[0], table
