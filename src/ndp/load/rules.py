"""Rules across a row's columns, and key uniqueness within a file, as set-wise SQL."""

from __future__ import annotations

import duckdb

from ndp.contract import Source
from ndp.errors import Problem
from ndp.store.sql import quote_ident as ident


def row_rule_problems(
    con: duckdb.DuckDBPyConnection,
    path: str,
    source: Source,
    raw: str,
    typed: str,
    present: dict[str, str],
) -> list[Problem]:
    """Problems from the contract's row rules and from duplicate keys within the file."""
    problems: list[Problem] = []
    for rule in source.rules:
        target = rule.require or rule.column
        if target is None:
            continue
        if rule.when_set and rule.require:
            condition = f"t.{ident(rule.when_set)} IS NOT NULL AND t.{ident(rule.require)} IS NULL"
        elif rule.not_before:
            condition = f"t.{ident(target)} < t.{ident(rule.not_before)}"
        elif rule.not_above:
            condition = f"t.{ident(target)} > t.{ident(rule.not_above)}"
        else:
            continue
        original = present.get(target)
        value = f"r.{ident(original)}" if original else "NULL"
        found = con.execute(
            f"SELECT t._line, {value} FROM {typed} t JOIN {raw} r USING (_line) "
            f"WHERE {condition} AND t.{ident('_e_' + target)} IS NULL"
            if original
            else f"SELECT t._line, NULL FROM {typed} t WHERE {condition}"
        ).fetchall()
        problems += [Problem(path, line, target, val or "", rule.message) for line, val in found]
    problems += _duplicate_keys(con, path, source, typed)
    return problems


def _duplicate_keys(
    con: duckdb.DuckDBPyConnection, path: str, source: Source, typed: str
) -> list[Problem]:
    keys = ", ".join(ident(k) for k in source.key)
    duplicated = con.execute(
        f"SELECT count(*) FROM (SELECT {keys} FROM {typed} WHERE "
        + " AND ".join(f"{ident(k)} IS NOT NULL" for k in source.key)
        + f" GROUP BY {keys} HAVING count(*) > 1)"
    ).fetchone()
    if not duplicated or duplicated[0] == 0:
        return []
    found = con.execute(
        f"SELECT _line, first_line, {keys} FROM (SELECT _line, {keys}, "
        f"min(_line) OVER (PARTITION BY {keys}) AS first_line FROM {typed} WHERE "
        + " AND ".join(f"{ident(k)} IS NOT NULL" for k in source.key)
        + ") WHERE _line > first_line ORDER BY _line"
    ).fetchall()
    label = " and ".join(source.key)
    return [
        Problem(
            path,
            line,
            source.key[0] if len(source.key) == 1 else label,
            " / ".join(str(v) for v in values),
            f"a unique {label} (the same appears on line {first})",
        )
        for line, first, *values in found
    ]
