"""Disclosure control of an operation's victims (F3, the nation's per operation): the figures
that count people are suppressed like any count, and every figure worked out from one is
withheld (docs/framework.md, "Disclosure control").

Counts of people (cells of a grid, ``grid.py``): the victims (``count``), those whose age is
known (``with_age``), each age band (``age_bands``), each decade from the 60s (``age_decades``)
and each modus operandi (``modus_operandi``). The victims whose age is unknown (``count`` minus
``with_age``) are in no field, but a reader subtracts them, so they are a cell too: a small one
withholds ``count`` or ``with_age`` beside it. The relations a reader can write: the victims are
those with a known age and those without; those with a known age are the three bands; the
decades from the 60s are the 60-to-90 and over-90 bands; the victims are the modi operandi.

Worked out from them: each band's and decade's percentage (from a shown percentage and a shown
``with_age`` the band comes back), withheld where the part or ``with_age`` is; the oldest
victim's age, withheld where any age figure is (it says which bands and decades above it are
empty); the largest loss to a single victim, withheld where the victims' count is (among fewer
victims than the minimum it is most of the total, one person's loss). The total loss in pounds
is money, not a count of people, and no relation ties it to a count: it is shown, as money
indicators are.
"""

from __future__ import annotations

from typing import Any

from ndp.engine.disclosure import protect as protecting
from ndp.engine.disclosure.grid import Cell, Grid
from ndp.engine.disclosure.marks import DERIVED, derived, withhold

#: the victims' mappings of counts of people, each a category per key
GROUPS = ("age_bands", "age_decades", "modus_operandi")
#: each percentage mapping, with the counts it is worked out from
SHARES = {"age_bands_pct": "age_bands", "age_decades_pct": "age_decades"}
COUNT, WITH_AGE = ("nation", "count"), ("nation", "with_age")
UNKNOWN_AGE = ("implied", "unknown_age")


def victims_grid(victims: dict[str, Any]) -> Grid:
    """The cells (``("nation", "count")``, ``("category", "age_bands", "over_90")``, ...) and
    relations of one operation's victims."""
    grid = Grid()
    for name in ("count", "with_age"):
        grid.add(("nation", name), victims.get(name))
    if victims.get("count") is not None and victims.get("with_age") is not None:
        grid.add(UNKNOWN_AGE, victims["count"] - victims["with_age"])
    for group in GROUPS:
        for key, n in (victims.get(group) or {}).items():
            grid.add(("category", group, key), n)
    grid.keep([(COUNT, 1), (WITH_AGE, -1), (UNKNOWN_AGE, -1)])
    grid.keep([(WITH_AGE, 1), *_cells("age_bands", victims, -1)])
    over_60 = [(("category", "age_bands", k), -1) for k in ("60_to_90", "over_90")]
    grid.keep([*_cells("age_decades", victims, 1), *over_60])
    grid.keep([(COUNT, 1), *_cells("modus_operandi", victims, -1)])
    return grid


def _cells(group: str, victims: dict[str, Any], k: int) -> list[tuple[Cell, int]]:
    return [(("category", group, key), k) for key in victims.get(group) or {}]


def _withhold_count(victims: dict[str, Any], cell: Cell, reason: str) -> None:
    if cell == UNKNOWN_AGE:  # in no field: withholding its neighbours protects it
        return
    if cell[0] == "nation":
        withhold(victims, cell[1], reason)
        return
    _, group, key = cell
    if victims[group].get(key) is not None:
        victims[group][key] = None
        victims.setdefault("suppressed", {})[f"{group}.{key}"] = reason


def _derived(victims: dict[str, Any], cells: dict[Cell, str]) -> None:
    """Withhold the percentages, the oldest age and the largest loss worked out from a
    withheld count."""
    whole = cells.get(WITH_AGE)
    for field, group in SHARES.items():
        for key in list(victims.get(field) or {}):
            reason = derived(whole, cells.get(("category", group, key)))
            if reason is not None and victims[field][key] is not None:
                victims[field][key] = None
                victims.setdefault("suppressed", {})[f"{field}.{key}"] = reason
    ages = [c for c in cells if c == WITH_AGE or c[1] in ("age_bands", "age_decades")]
    withhold(victims, "oldest", DERIVED if ages else None)
    withhold(victims, "largest_loss_gbp", derived(cells.get(COUNT)))


def suppress_victims(victims: dict[str, Any], floor: int) -> int:
    """Withhold, in ``victims`` (a copy the caller owns), every count of people under
    ``floor``, the complements that protect it and what is worked out from them; the number of
    counts withheld."""
    cells = protecting.protect(victims_grid(victims), floor)
    for cell, reason in cells.items():
        _withhold_count(victims, cell, reason)
    _derived(victims, cells)
    return len([c for c in cells if c != UNKNOWN_AGE])
