"""Disclosure control as framework data: which audiences see suppressed outputs, from what
count, and which of the framework's indicators are counts of records (the figures a minimum
count applies to) or rates of them. The pack carries these rules (its ``disclosure`` block) so
that a pack read from a file can be projected for an audience without the framework."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from ndp.errors import NdpError

if TYPE_CHECKING:
    from ndp.engine.framework import Framework

#: the audience every command writes for unless told otherwise: police and partner agencies,
#: who see every figure (never suppressed, so it cannot be declared in a framework)
POLICE = "police"


class AudienceRule(BaseModel):
    """One audience's rule: counts from 1 to ``min_count - 1`` are suppressed."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_count: int = Field(ge=2)


class Disclosure(BaseModel):
    """The framework's ``disclosure`` block: ``{audiences: {public: {min_count: 10}}}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    audiences: dict[str, AudienceRule]


def rule_problems(fw: Framework) -> list[tuple[str, str]]:
    """What is wrong with the framework's disclosure block, as (object path, message)."""
    if fw.disclosure is None:
        return []
    problems = []
    for name in fw.disclosure.audiences:
        where = f"disclosure.audiences.{name}"
        if name == POLICE:
            problems.append((where, (
                f"{name!r} is the audience every figure is shown to and cannot be suppressed: "
                "name the audience that sees suppressed figures another way (e.g. public)"
            )))  # fmt: skip
        elif not name.replace("_", "").isalnum() or not name.islower():
            problems.append((where, (
                f"audience {name!r} is not a lower-case name: use letters, digits and _ "
                "(e.g. public)"
            )))  # fmt: skip
    return problems


def counted(fw: Framework) -> list[str]:
    """The indicators whose figures are counts of records: a count or a stock of records, or a
    sum in the unit ``count`` (people attending). Counts of forces or regions (returns on time,
    regions staffed) identify no one and are not suppressed."""
    return [
        name
        for name, ind in fw.indicators.items()
        if ind.unit == "count" and ind.latest is None and not ind.is_returns
    ]


def pack_rules(fw: Framework) -> dict[str, Any] | None:
    """The pack's ``disclosure`` block (None, and no block, without a framework rule)."""
    if fw.disclosure is None:
        return None
    counts = set(counted(fw))
    return {
        "audiences": {n: {"min_count": r.min_count} for n, r in fw.disclosure.audiences.items()},
        "counts": sorted(counts),
        "rates": {
            name: list(ind.ratio)
            for name, ind in fw.indicators.items()
            if ind.ratio and set(ind.ratio) & counts
        },
    }


def audiences_of(pack: dict[str, Any]) -> list[str]:
    """The audiences a pack can be written for: police, then the framework's, by name."""
    rules = pack.get("disclosure") or {}
    return [POLICE, *sorted(rules.get("audiences") or {})]


def min_count(pack: dict[str, Any], audience: str) -> int | None:
    """The audience's minimum count (None for police); an unknown audience is refused."""
    if audience == POLICE:
        return None
    rules = (pack.get("disclosure") or {}).get("audiences") or {}
    if audience not in rules:
        known = ", ".join(audiences_of(pack))
        raise NdpError(
            f"audience {audience!r} is not one the framework declares (known: {known}); "
            "declare it under disclosure.audiences in the framework (docs/framework.md)"
        )
    return int(rules[audience]["min_count"])
