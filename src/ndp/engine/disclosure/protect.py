"""Primary and complementary suppression of one grid (``grid.py``).

Primary: every cell whose figure is a count from 1 to ``min_count - 1`` (a zero identifies no
one and is shown). Complementary: while the relations among the shown cells determine any
suppressed cell exactly, one more cell is suppressed beside it. A suppressed cell is determined
when its unit vector lies in the row space of the relations restricted to the suppressed cells
(the shown cells are constants): the reduced row echelon form has a row with that cell alone.
The elimination is exact, over the integers modulo a 61-bit prime (the relations' coefficients
are 1 and -1).

The complement chosen for a determined cell is, among the shown cells of a relation it is in
(the relation with the fewest suppressed cells first): a non-zero figure before a zero one (a
suppressed zero could be pinned by non-negativity), a force's or unit's before a region's or a
category's, and those before the nation's, then the smallest figure, then the first by name.
"""

from __future__ import annotations

from collections.abc import Iterable

from ndp.engine.disclosure.grid import Cell, Grid, Relation

PRIME = 2**61 - 1
#: the order in which a level's cells are taken as complements (the nation's last)
#: (``implied``: a figure in no field that a reader works out from two shown ones, such as an
#: operation's victims of unknown age: withholding it would hide nothing, so it comes last)
LEVEL = {"force": 0, "category": 1, "region": 1, "unattributed": 1, "nation": 2, "implied": 3}
PRIMARY = "count"
COMPLEMENTARY = "complementary"


def primary(grid: Grid, min_count: int) -> set[Cell]:
    return {c for c, v in grid.values.items() if 0 < v < min_count}


def _components(rows: list[dict[Cell, int]]) -> list[list[dict[Cell, int]]]:
    """The rows grouped so that rows sharing a cell are together (solved apart, faster)."""
    parent: dict[Cell, Cell] = {}

    def find(c: Cell) -> Cell:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for row in rows:
        first, *rest = row
        for c in rest:
            parent[find(c)] = find(first)
    groups: dict[Cell, list[dict[Cell, int]]] = {}
    for row in rows:
        groups.setdefault(find(next(iter(row))), []).append(row)
    return list(groups.values())


def _determined_in(rows: list[dict[Cell, int]]) -> set[Cell]:
    """Cells alone in a row of the reduced row echelon form of ``rows`` (mod PRIME)."""
    pivots: dict[Cell, dict[Cell, int]] = {}
    for source in rows:
        row = dict(source)
        for cell, pivot_row in pivots.items():  # reduce by the pivots found so far
            k = row.get(cell)
            if k:
                for c, v in pivot_row.items():
                    row[c] = (row.get(c, 0) - k * v) % PRIME
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        lead = min(row)
        inverse = pow(row[lead], PRIME - 2, PRIME)
        row = {c: v * inverse % PRIME for c, v in row.items()}
        for cell, pivot_row in pivots.items():  # keep earlier pivots reduced by the new one
            k = pivot_row.get(lead)
            if k:
                for c, v in row.items():
                    pivot_row[c] = (pivot_row.get(c, 0) - k * v) % PRIME
                pivots[cell] = {c: v for c, v in pivot_row.items() if v}
        pivots[lead] = row
    return {cell for cell, row in pivots.items() if len(row) == 1}


def determined(relations: Iterable[Relation], suppressed: set[Cell]) -> set[Cell]:
    """The suppressed cells the relations among the shown cells give exactly."""
    rows = []
    for relation in relations:
        row = {c: k % PRIME for c, k in relation if c in suppressed}
        if row:
            rows.append(row)
    found: set[Cell] = set()
    for group in _components(rows):
        found |= _determined_in(group)
    return found


def _complement(
    grid: Grid, cell: Cell, suppressed: set[Cell], among: dict[Cell, list[Relation]]
) -> Cell | None:
    """A shown cell to suppress beside ``cell``: from the relations it is in (the one with
    fewest suppressed cells first) or, when all their cells are suppressed, from the relations
    reached through them, nearest first. ``among``: each cell's relations."""
    reached, frontier = {cell}, [cell]
    while frontier:
        found = {id(r): r for c in frontier for r in among.get(c, [])}
        ranked = sorted(found.values(), key=lambda r: sum(c in suppressed for c, _ in r))
        for relation in ranked:
            shown = [c for c, _ in relation if c not in suppressed]
            if shown:
                return min(
                    shown, key=lambda c: (grid.values[c] == 0, LEVEL[c[0]], grid.values[c], c)
                )
        frontier = [c for r in ranked for c, _ in r if c not in reached]
        reached |= set(frontier)
    return None


def protect(grid: Grid, min_count: int) -> dict[Cell, str]:
    """The suppressed cells, each with why: ``count`` (fewer than ``min_count``) or
    ``complementary`` (suppressed so that no other suppressed cell can be worked out)."""
    reasons = dict.fromkeys(primary(grid, min_count), PRIMARY)
    among: dict[Cell, list[Relation]] = {}
    for relation in grid.relations:
        for c, _ in relation:
            among.setdefault(c, []).append(relation)
    while True:
        exposed = determined(grid.relations, set(reasons) | set(grid.hidden)) - set(grid.hidden)
        if not exposed:
            return reasons
        touched: set[Cell] = set()
        for cell in sorted(exposed):
            if cell in touched:
                continue
            extra = _complement(grid, cell, set(reasons) | set(grid.hidden), among)
            if extra is None:  # every cell it is related to is suppressed already
                continue
            reasons[extra] = COMPLEMENTARY
            touched |= {c for r in among.get(cell, []) for c, _ in r}
        if not touched:
            raise AssertionError(f"cannot protect {sorted(exposed)[:3]}: no cell left to suppress")
