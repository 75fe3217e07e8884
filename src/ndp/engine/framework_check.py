"""A framework's cross-references, checked after its shapes: measures name objectives,
indicators name known sources, columns, enum values, outcome-code groups, indicators (ratio
parts, with their breakdowns) and joins the contract allows. Problems come back as (object
path, message) for ``load_framework`` to place on a line of the file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ndp.contract import contract
from ndp.engine.disclosure.rules import rule_problems
from ndp.reference import reference

if TYPE_CHECKING:
    from ndp.engine.framework import Framework

_FILTER_OPS = {"not", "group", "not_group", "is", "is_set"}
RETURNS_COLUMNS = ("force", "quarter", "due_on", "returned_on")


def join_on(source: str, other: str) -> tuple[str, str] | None:
    """(column of ``source``, column of ``other``) when the contract says one references the
    other, else None: the only joins a framework may ask for."""
    for column, target in contract().sources[source].references.items():
        name, _, other_column = target.partition(".")
        if name == other:
            return column, other_column
    return None


def cross_check(fw: Framework) -> list[tuple[str, str]]:
    """Problems as (object path, message)."""
    problems: list[tuple[str, str]] = []
    sources = contract().sources
    groups = {g for c in reference().outcome_codes.values() for g in c.groups}
    for oid, obj in fw.objectives.items():
        for cc in obj.cross_cutting:
            if cc not in fw.cross_cutting:
                problems.append((f"objectives.{oid}", f"unknown cross-cutting objective {cc!r}"))
    for k, step in enumerate(fw.spc.steps):
        problems.extend((f"spc.steps.{k}", p) for p in step_problems(fw, step))
    problems += rule_problems(fw)
    for mid, m in fw.measures.items():
        if m.objective not in fw.objectives:
            problems.append((f"measures.{mid}", f"unknown objective {m.objective!r}"))
        if m.headline is not None and fw.indicators.get(m.headline, None) is None:
            problems.append((f"measures.{mid}", f"unknown headline indicator {m.headline!r}"))
        elif m.headline is not None and fw.indicators[m.headline].measure != mid:
            problems.append(
                (f"measures.{mid}", f"headline {m.headline!r} is an indicator of another measure")
            )
    for iid, ind in fw.indicators.items():
        where = f"indicators.{iid}"
        if ind.measure not in fw.measures:
            problems.append((where, f"unknown measure {ind.measure!r}"))
        if ind.source not in sources:
            problems.append((where, f"unknown source {ind.source!r}"))
            continue
        columns = dict(sources[ind.source].columns)
        if ind.join:
            if not join_on(ind.source, ind.join):
                problems.append(
                    (where, f"source {ind.source!r} has no reference to {ind.join!r} to join on")
                )
                continue
            columns = {**sources[ind.join].columns, **columns}
        named = [ind.date, *ind.filter]
        if not ind.ratio:
            named += ind.breakdowns
        if ind.sum_column:
            named.append(ind.sum_column)
        if ind.stock_close:
            named.append(ind.stock_close)
        if ind.latest:
            named += [ind.latest.latest_per_key, *(ind.latest.when_equal or ())]
        if ind.is_returns:
            named += [c for c in RETURNS_COLUMNS if c not in named]
        for col in named:
            if col not in columns:
                problems.append((where, f"source {ind.source!r} has no column {col!r}"))
        for col, cond in ind.filter.items():
            if col not in columns:
                continue
            enum = columns[col].enum
            values: list[Any] = []
            if isinstance(cond, dict):
                bad = set(cond) - _FILTER_OPS
                if bad:
                    problems.append((where, f"unknown filter operator(s) {sorted(bad)} on {col!r}"))
                values = list(cond.get("not", []))
                for key in ("group", "not_group"):
                    if key in cond and cond[key] not in groups:
                        problems.append((where, f"unknown outcome-code group {cond[key]!r}"))
            else:
                values = cond if isinstance(cond, list) else [cond]
            if enum:
                known = contract().enum_values(enum)
                for v in values:
                    if v not in known:
                        problems.append(
                            (where, f"{col} has no value {v!r} (known: {', '.join(known)})")
                        )
        if ind.ratio:
            for part in ind.ratio:
                if part not in fw.indicators:
                    problems.append((where, f"ratio names unknown indicator {part!r}"))
                    continue
                for b in ind.breakdowns:
                    if b not in fw.indicators[part].breakdowns and not fw.indicators[part].ratio:
                        problems.append((where, f"ratio part {part!r} has no breakdown {b!r}"))
        if not ind.measurable and not ind.reason:
            problems.append((where, "an indicator that is not measurable needs a reason"))
    return problems


def is_area(name: str) -> bool:
    ref = reference()
    return name == "nation" or name in ref.forces or name in {r.name for r in ref.regions.values()}


def step_problems(fw: Framework, step: Any) -> list[str]:
    """What is wrong with an SPC step, the framework's or a commentary file's: an indicator
    or an area it names that does not exist."""
    problems = [
        f"step names unknown indicator {name!r}"
        for name in step.indicators
        if name not in fw.indicators
    ]
    problems += [
        f"step names unknown area {area!r} (nation, a region's name or a force's code)"
        for area in step.areas or []
        if not is_area(area)
    ]
    return problems
