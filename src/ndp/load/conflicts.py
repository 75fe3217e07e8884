"""Two files of one command giving the same record different values.

Loading them together would let whichever is written last silently win; instead each row of
such a key is refused, naming the other file and line, so the user loads the files one command
at a time, in the order they apply (identical copies of a record are no conflict).
"""

from __future__ import annotations

from collections import defaultdict

import duckdb

from ndp.errors import Problem
from ndp.load.validate import ValidatedExtract
from ndp.store.sql import quote_ident as ident


def conflicting_keys(
    con: duckdb.DuckDBPyConnection, extracts: list[ValidatedExtract]
) -> dict[int, list[Problem]]:
    """Problems per extract (by position) for keys that files of the same source disagree on."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for index, extract in enumerate(extracts):
        by_source[extract.source.name].append(index)
    found: dict[int, list[Problem]] = {}
    for indexes in by_source.values():
        if len(indexes) < 2:
            continue
        source = extracts[indexes[0]].source
        keys = ", ".join(ident(k) for k in source.key)
        row = ", ".join(f"{ident(c)} := {ident(c)}" for c in source.columns)
        parts = [
            f"SELECT {index} AS f, _line, {keys}, md5(CAST(struct_pack({row}) AS VARCHAR)) AS h "
            f"FROM {extracts[index].good}" + _excluding(extracts[index])
            for index in indexes
        ]
        rows = con.execute(
            f"WITH u AS ({' UNION ALL '.join(parts)}), "
            f"bad AS (SELECT {keys} FROM u GROUP BY {keys} "
            "HAVING count(DISTINCT f) > 1 AND count(DISTINCT h) > 1) "
            f"SELECT u.f, u._line, {', '.join('u.' + ident(k) for k in source.key)} "
            f"FROM u JOIN bad USING ({keys}) ORDER BY u.f, u._line"
        ).fetchall()
        places: dict[tuple[object, ...], list[tuple[int, int]]] = defaultdict(list)
        for f, line, *key in rows:
            places[tuple(key)].append((f, line))
        label = " and ".join(source.key)
        for values, where in places.items():
            for f, line in where:
                others = "; ".join(
                    f"{extracts[g].path}, line {other}" for g, other in where if g != f
                )
                found.setdefault(f, []).append(
                    Problem(
                        str(extracts[f].path),
                        line,
                        source.key[0] if len(source.key) == 1 else label,
                        " / ".join(str(v) for v in values),
                        f"a {label} no other file of this load gives other values ({others} "
                        "does): load the files in separate commands, in the order they apply",
                    )
                )
    return found


def _excluding(extract: ValidatedExtract) -> str:
    lines = sorted({row.line for row in extract.refused})
    if not lines:
        return ""
    return f" WHERE _line NOT IN ({', '.join(str(n) for n in lines)})"
