"""Which of the analysts' comments a region or force user may read.

Commentary is free text, so it may name a force. A national user reads every comment. A
region or force user reads a comment only if it names no force or unit outside their scope:
no other force's or unit's name, short name, alias or code as the reference data
(``ndp.reference``) knows them, matched as whole words after folding case, punctuation and
``&`` (so ``**Kent**``, ``kent`` and ``E23000032`` all name Kent Police, and ``Dyfed Powys``
names Dyfed-Powys Police). A force's scope holds the force itself; a region's, its forces and
units. The forces the framework's own words name (the National Lead Force, the strategy's
lead, which every scope reads in the objectives) are not counted. Any other comment is
withheld, and the page says that commentary is available to national users.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ndp.reference import normalise_name, reference
from ndp.web.projection import ScopedPack


@cache
def _terms() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each force's and unit's code: its name, and its names and code, folded."""
    out = {}
    for code, force in reference().forces.items():
        names = {normalise_name(t) for t in (code, force.name, force.short_name, *force.aliases)}
        out[code] = (normalise_name(force.name), tuple(sorted(n for n in names if n)))
    return out


def framework_words(scoped: ScopedPack) -> str:
    parts = [scoped.framework.get("title", "")]
    parts += [o.get("statement", "") + " " + o.get("title", "") for o in scoped.objectives.values()]
    parts += [m.get("title", "") for m in scoped.measures.values()]
    return f" {normalise_name(' '.join(parts))} "


def in_scope(scoped: ScopedPack) -> set[str]:
    """The codes of the forces and units the scope covers (all of them: national)."""
    if scoped.national:
        return set(_terms())
    return {code for kind, code in scoped.areas if kind == "force"}


def names_outside(text: str, allowed: Iterable[str], framework: str) -> list[str]:
    """The codes of the forces and units ``text`` names that are not ``allowed``."""
    folded = f" {normalise_name(text)} "
    allowed = set(allowed)
    found = []
    for code, (name, terms) in _terms().items():
        if code in allowed or f" {name} " in framework:  # the framework's own lead
            continue
        if any(f" {t} " in folded for t in terms):
            found.append(code)
    return found


def readable(scoped: ScopedPack, text: str) -> bool:
    """Whether the scope may read a comment of ``text``."""
    return scoped.national or not names_outside(text, in_scope(scoped), framework_words(scoped))
