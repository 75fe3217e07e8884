"""Where a force moves apart from the nation: "Kent Police's judicial outcomes fell while England
and Wales's rose: 18, down 18% (-4) on Q1 23/24, against 1,833, up 29% (+409)." The figures
follow the verdict, each before its change, so ``ndp check`` reads each change against its own
figure.

A force and the nation diverge on an indicator when their changes on the same quarter last year
differ by more than the margin below, and the force's figure last year was large enough for its
percentage to mean something. Every figure is the pack's (the force's ``by.force`` entry and
the nation's ``same_quarter_last_year`` comparison), written by ``ndp.report.format``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ndp.report import format as fmt
from ndp.report.force.select import Edition
from ndp.report.force.sentences import recording

#: Counts and money: the force's and the nation's % changes differ by more than 25 percentage
#: points. The demo's forces spread about 20 points either side of the nation's change from
#: ordinary quarter-to-quarter noise; 25 says only what a board would want to hear about.
PCT_MARGIN = Decimal(25)
#: Rates: the two changes, in percentage points, differ by more than 5 points (a rate of
#: 15-25% moving 5 points is a fifth to a third of itself).
POINTS_MARGIN = Decimal(5)
#: The force's figure a year ago must be at least this: from 3 to 6 is "up 100%" and says
#: nothing a board can act on.
MIN_BASE = 10


@dataclass(frozen=True)
class Divergence:
    indicator: str
    gap: Decimal
    sentence: str
    #: the force and the nation moved in opposite directions (or one did not move)
    opposite: bool = False


def _moved(change: Any) -> str:
    number = Decimal(str(change))
    return "rose" if number > 0 else "fell" if number < 0 else "did not change"


def _compared(mine: Any, theirs: Any) -> str:
    """``fell while England and Wales's rose``, ``rose less than England and Wales's``: by the
    percentage changes, since a force's +20 is always fewer than the nation's +409."""
    own, other = _moved(mine), _moved(theirs)
    if own != other or own == "did not change":
        return f"{own} while {{nation}}'s {other}"
    more = abs(Decimal(str(mine))) > abs(Decimal(str(theirs)))
    return f"{own} {'more' if more else 'less'} than {{nation}}'s"


def _count_figures(entry: dict[str, Any], unit: str, when: str = "") -> str:
    """``18, down 18% (-4) on Q1 23/24``: the figure, then the pack's change and percentage."""
    shown = fmt.figure(entry["value"], unit)
    if Decimal(str(entry["change"])) == 0:
        return f"{shown}, the same as in {when}" if when else f"{shown}, the same"
    return f"{shown}, {fmt.direction_word(entry)} {fmt.change(entry, unit)}" + (
        f" on {when}" if when else ""
    )


def _entry(ind: dict[str, Any]) -> dict[str, Any]:
    same = ind["comparisons"].get("same_quarter_last_year") or {}
    return {**same, "value": ind["value"], "same_quarter_last_year": same.get("value")}


def _subject(ind: dict[str, Any], name: str) -> str:
    if ind["unit"] == "gbp":
        title = ind["title"]
        return f"{name}'s {title[:1].lower() + title[1:]}"
    return f"{name}'s {ind['noun']}"


def _rate(ind: dict[str, Any], force: dict[str, Any], nation: dict[str, Any], when: str,
          name: str) -> tuple[Decimal, str]:  # fmt: skip
    """A rate's gap in percentage points, and its sentence, the rates' moves as printed."""
    mine = fmt.points(force["value"], force["same_quarter_last_year"])
    theirs = fmt.points(nation["value"], nation["same_quarter_last_year"])
    own = fmt.points_change(force["value"], force["same_quarter_last_year"]).split(" from ")[0]
    other = fmt.points_change(nation["value"], nation["same_quarter_last_year"]).split(" from ")[0]
    text = f"{_subject(ind, name)} {own} while {{nation}}'s {other}, on {when}."
    return abs(Decimal(mine - theirs)), text


def divergence(ind: dict[str, Any], edition: Edition, nation: str) -> Divergence | None:
    """The sentence when the force and the nation move apart on ``ind``; None otherwise."""
    if not ind.get("measurable", True) or ind["value"] is None:
        return None
    if recording(ind, edition.place) != "own" or ind.get("denominator") is not None:
        return None
    force = ind["by"]["force"][edition.code]
    national = _entry(ind)
    if any(e.get("value") is None or e.get("same_quarter_last_year") is None
           for e in (force, national)):  # fmt: skip
        return None
    when = f"{edition.place.q} {edition.place.ly}"
    if ind["unit"] == "percent":
        gap, text = _rate(ind, force, national, when, edition.name)
        if gap <= POINTS_MARGIN:
            return None
    else:
        if force.get("pct_change") is None or national.get("pct_change") is None:
            return None
        if Decimal(str(force["same_quarter_last_year"])) < MIN_BASE:
            return None
        gap = abs(Decimal(str(force["pct_change"])) - Decimal(str(national["pct_change"])))
        if gap <= PCT_MARGIN:
            return None
        unit = ind["unit"]
        verdict = _compared(force["pct_change"], national["pct_change"])
        text = (
            f"{_subject(ind, edition.name)} {verdict}: "
            f"{_count_figures(force, unit, when)}, against {_count_figures(national, unit)}."
        )
    text = text.replace("{nation}", nation)
    apart = _moved(mine_change(ind, force)) != _moved(mine_change(ind, national))
    return Divergence(ind["title"], gap, text[:1].upper() + text[1:], apart)


def mine_change(ind: dict[str, Any], entry: dict[str, Any]) -> Any:
    """The move that decides the direction: a rate's in points as printed, else the change."""
    if ind["unit"] == "percent":
        return fmt.points(entry["value"], entry["same_quarter_last_year"])
    return entry["change"]


def divergences(pack: dict[str, Any], edition: Edition, nation: str) -> dict[str, Divergence]:
    """Every divergence of the force from the nation by indicator id: those moving in
    opposite directions first, then the widest apart."""
    found = {n: divergence(ind, edition, nation) for n, ind in pack["indicators"].items()}
    kept = [(n, d) for n, d in found.items() if d is not None]
    return dict(sorted(kept, key=lambda item: (not item[1].opposite, -item[1].gap)))


def divergence_rule() -> str:
    """The rule in words, for the annex, from the constants themselves."""
    return (
        "A force and England and Wales move apart on an indicator when their changes on the "
        f"same quarter last year differ by more than {PCT_MARGIN} percentage points of "
        f"percentage change (for a rate, by more than {POINTS_MARGIN} percentage points), and "
        f"the force had at least {MIN_BASE} a year before; those moving in opposite directions "
        "are listed first."
    )
