"""Disclosure control of the operations of a measure judged on operations (F3): an operation's
totals (the nation's) and each force's or unit's own totals (``by_force``), and the same of the
previous operation in its series, are counts of people (referrals, suspects, arrests, charges)
like any area's count, and are suppressed like them (docs/framework.md, "Disclosure control").

Each operation is a grid (``grid.py``) with one cell per figure, ``("nation", total)`` and
``("force", code, total)``, and the relation a reader can write for each total: the operation's
figure is the sum of its forces' and units' (with the part no force holds, where the figures
say there is one, as a cell never shown). The pack holds no region's totals of an operation, so
that sum is the only whole a suppressed force's figure could be differenced from. Primary and
complementary suppression are the indicators' (``protect.py``). ``units_referring`` counts
forces, not people, and is shown (as the returns on time are). The operation's victims (the
nation's only) are protected on their own grid (``victims.py``).
"""

from __future__ import annotations

from typing import Any

from ndp.engine.disclosure import protect as protecting
from ndp.engine.disclosure.grid import Cell, Grid
from ndp.engine.disclosure.marks import withhold
from ndp.engine.disclosure.victims import suppress_victims
from ndp.engine.operations import TOTALS

#: the totals of an operation that count people (``units_referring`` counts forces)
COUNTED = tuple(TOTALS)


def operation_grid(block: dict[str, Any]) -> Grid:
    """The cells and relations of one operation's results (an operation of the quarter, or the
    previous one in its series)."""
    grid = Grid()
    totals = block.get("totals") or {}
    forces = block.get("by_force") or {}
    for name in COUNTED:
        grid.add(("nation", name), totals.get(name))
        for code, figures in forces.items():
            grid.add(("force", code, name), figures.get(name))
        rest = grid.value(("nation", name)) - sum(grid.value(("force", c, name)) for c in forces)
        if rest:
            grid.hidden[("unattributed", name)] = rest
        grid.keep([(("nation", name), 1), *((("force", c, name), -1) for c in forces),
                   (("unattributed", name), -1)])  # fmt: skip
    return grid


def _withhold(block: dict[str, Any], cells: dict[Cell, str]) -> None:
    for cell, reason in cells.items():
        if cell[0] == "nation":
            withhold(block["totals"], cell[1], reason)
        else:
            withhold(block["by_force"][cell[1]], cell[2], reason)


def suppress_operations(pack: dict[str, Any], floor: int) -> int:
    """Withhold, in ``pack`` (a copy the caller owns), every operation total and victims'
    count under ``floor`` and the complements that protect them; the number of counts
    withheld."""
    withheld = 0
    for op in (pack.get("operations") or {}).values():
        if op.get("victims"):
            withheld += suppress_victims(op["victims"], floor)
        for block in (op, op.get("previous_in_series")):
            if not block or not block.get("totals"):
                continue
            cells = protecting.protect(operation_grid(block), floor)
            _withhold(block, cells)
            withheld += len(cells)
    return withheld
