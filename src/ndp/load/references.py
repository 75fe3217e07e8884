"""Cross-source references: a value that must name a record of another source (an operation
result names a known operation; a survey response names a known event).

Known means already in the store, or arriving in the same load.
"""

from __future__ import annotations

from ndp.errors import Problem
from ndp.load.validate import ValidatedExtract
from ndp.store import Store


def reference_problems(store: Store, extracts: list[ValidatedExtract]) -> dict[int, list[Problem]]:
    """Problems per extract (by position), found with one anti-join per reference."""
    con = store.validation_connection()
    found: dict[int, list[Problem]] = {}
    for index, extract in enumerate(extracts):
        for column, target in extract.source.references.items():
            if column not in extract.header.columns:
                continue
            other, _, other_column = target.partition(".")
            known = {
                row[0] for row in store.execute(f'SELECT DISTINCT "{other_column}" FROM {other}')
            }
            for sibling in extracts:
                if sibling.source.name == other:
                    rows = con.execute(f'SELECT DISTINCT "{other_column}" FROM {sibling.good}')
                    known.update(row[0] for row in rows.fetchall())
            bad = con.execute(
                f'SELECT _line, "{column}" FROM {extract.good} '
                f'WHERE "{column}" IS NOT NULL AND NOT list_contains(?, "{column}") ORDER BY _line',
                [sorted(known)],
            ).fetchall()
            found.setdefault(index, []).extend(
                Problem(
                    str(extract.path),
                    line,
                    column,
                    value,
                    f"a known {other_column} (one in {other})",
                )
                for line, value in bad
            )
    return found
