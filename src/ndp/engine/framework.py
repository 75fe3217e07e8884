"""Read and validate a framework YAML (docs/framework.md) into typed models.

Validation runs in stages: YAML syntax, shapes (pydantic, unknown keys refused), then
cross-references (measures name objectives, indicators name known sources, columns, enum values
and indicators). Every error names the file, the line and the object, so a framework author can
fix it without reading code.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from ndp.engine.disclosure.rules import Disclosure
from ndp.errors import NdpError
from ndp.frameworks import DEFAULT_FRAMEWORK


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Objective(_Strict):
    title: str
    theme: str
    number: int
    cross_cutting: list[str]
    statement: str


class MeasureDef(_Strict):
    objective: str
    title: str
    #: where the measure's status comes from: its indicators, or (F3) the quarter's operations
    status_from: Literal["indicators", "operations"] = "indicators"
    #: the indicator the success measure names: it decides a tie among its indicators
    headline: str | None = None
    #: why the measure may have no records, when the framework knows (a survey not yet
    #: collecting): the report says it instead of guessing at an entry issue
    no_records_reason: str | None = None


class Benchmark(_Strict):
    basis: Literal["previous_year_quarterly_average"] | None = None
    value: float | None = None
    target: float | None = None

    @model_validator(mode="after")
    def _one(self) -> Benchmark:
        if sum(x is not None for x in (self.basis, self.value, self.target)) != 1:
            raise ValueError("a benchmark names exactly one of basis, value, target")
        return self


class LatestPerKey(_Strict):
    """``{latest_per_key: column, when_equal: [a, b], of: regions | N}``: at a day, the latest
    record of each key on or before it; count the keys whose latest record has a = b (every key
    when ``when_equal`` is absent), out of ``of`` (the ten regions, a number, or the keys seen)."""

    latest_per_key: str
    when_equal: tuple[str, str] | None = None
    of: Literal["regions"] | int | None = None


_AGGREGATE_KINDS = {"count", "returns_on_time"}
_AGGREGATE_KEYS = {"sum", "ratio", "stock_open", "latest_per_key"}


class IndicatorDef(_Strict):
    measure: str
    title: str
    noun: str
    source: str
    join: str | None = None
    date: str
    filter: dict[str, Any] = {}
    aggregate: str | dict[str, Any] = "count"
    breakdowns: list[str] = []
    direction: Literal["up", "down", "neutral"]
    unit: Literal["count", "gbp", "percent"]
    benchmark: Benchmark | None = None
    measurable: bool = True
    reason: str | None = None

    @model_validator(mode="after")
    def _known_aggregate(self) -> IndicatorDef:
        agg = self.aggregate
        if isinstance(agg, str) and agg not in _AGGREGATE_KINDS:
            raise ValueError(
                f"unknown aggregate {agg!r} (known: count, returns_on_time, or a "
                f"mapping with one of {', '.join(sorted(_AGGREGATE_KEYS))})"
            )
        if isinstance(agg, dict):
            kinds = set(agg) & _AGGREGATE_KEYS
            if len(kinds) != 1:
                raise ValueError(
                    f"an aggregate mapping names one of {', '.join(sorted(_AGGREGATE_KEYS))}"
                )
            if "latest_per_key" in agg:
                LatestPerKey.model_validate(agg)
            elif len(agg) != 1:
                raise ValueError(f"unknown aggregate keys {sorted(set(agg) - kinds)}")
            if "ratio" in agg and (not isinstance(agg["ratio"], list) or len(agg["ratio"]) != 2):
                raise ValueError("a ratio names two indicators: [numerator, denominator]")
        return self

    @property
    def kind(self) -> Literal["flow", "stock"]:
        point_in_time = self.is_stock or self.latest is not None or self.is_returns
        return "stock" if point_in_time else "flow"

    @property
    def scanned(self) -> bool:
        """Computed by the grouped scans of aggregate.py (not a ratio, latest or returns)."""
        return not (self.ratio or self.latest or self.is_returns)

    @property
    def latest(self) -> LatestPerKey | None:
        if isinstance(self.aggregate, dict) and "latest_per_key" in self.aggregate:
            return LatestPerKey.model_validate(self.aggregate)
        return None

    @property
    def is_returns(self) -> bool:
        return self.aggregate == "returns_on_time"

    @property
    def is_stock(self) -> bool:
        return isinstance(self.aggregate, dict) and "stock_open" in self.aggregate

    @property
    def stock_close(self) -> str | None:
        if isinstance(self.aggregate, dict):
            value = self.aggregate.get("stock_open")
            return str(value) if value else None
        return None

    @property
    def ratio(self) -> tuple[str, str] | None:
        if isinstance(self.aggregate, dict) and "ratio" in self.aggregate:
            num, den = self.aggregate["ratio"]
            return str(num), str(den)
        return None

    @property
    def sum_column(self) -> str | None:
        if isinstance(self.aggregate, dict) and "sum" in self.aggregate:
            return str(self.aggregate["sum"])
        return None


class StatusRule(_Strict):
    """One rule of an indicator's status: the first of the list that holds fires."""

    name: str
    status: Literal["improving", "stable", "declining", "new"]
    when: Literal[
        "spc_improvement",
        "spc_concern",
        "benchmark_met",
        "benchmark_missed",
        "change_better",
        "change_worse",
        "no_comparator",
        "always",
    ]
    margin_pct: float | None = None
    #: SPC rules: the months the chart needs before its verdict counts
    min_points: int | None = None
    #: comparisons the rule's words cite: it holds only when each has a figure
    needs: list[Literal["same_quarter_last_year", "benchmark"]] = []
    words: str


class OperationStatusRule(_Strict):
    """One rule of a measure whose status comes from the quarter's operations (F3)."""

    name: str
    status: Literal["improving", "stable", "declining", "no_data"]
    when: Literal["no_operations", "operation_without_results", "arrests_up_on_previous", "always"]
    words: str


class Rollup(_Strict):
    words: str


class Flags(_Strict):
    outlier_change_pct: float
    coverage_change_units: int


class SpcStep(_Strict):
    """A step change the framework declares: from ``month`` (YYYY-MM) the named indicators'
    SPC charts start a new group with limits of their own (docs/spc.md)."""

    month: str
    indicators: list[str]
    reason: str
    #: where the step happened: ``nation``, region names and force codes; absent, everywhere
    #: (a change of recording system steps every area's series, one force's operation only its
    #: own, its region's and the nation's)
    areas: list[str] | None = None

    def applies_to(self, area: str) -> bool:
        return self.areas is None or area in self.areas

    @model_validator(mode="after")
    def _month(self) -> SpcStep:
        year, _, month = self.month.partition("-")
        if not (len(year) == 4 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
            raise ValueError(f"step month {self.month!r} is not YYYY-MM, e.g. 2024-05")
        return self


class SpcSettings(_Strict):
    """When a monthly series gets process limits, a run chart or no chart of variation."""

    #: recorded months a group needs for process limits (Making Data Count advises 15 or more)
    min_points: int = 15
    #: recorded months a group needs for a run chart (its median) when it has too few for limits
    run_chart_min_points: int = 6
    steps: list[SpcStep] = []


class Framework(_Strict):
    id: str
    title: str
    version: str
    strategy: str
    cross_cutting: dict[str, str]
    status_rules: list[StatusRule]
    operation_status_rules: list[OperationStatusRule] = []
    rollup: Rollup
    flags: Flags
    spc: SpcSettings = SpcSettings()
    #: disclosure control for audiences that see suppressed figures (docs/framework.md)
    disclosure: Disclosure | None = None
    objectives: dict[str, Objective]
    measures: dict[str, MeasureDef]
    indicators: dict[str, IndicatorDef]
    path: str = ""
    sha256: str = ""

    @cached_property
    def measures_of(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {m: [] for m in self.measures}
        for name, ind in self.indicators.items():
            out[ind.measure].append(name)
        return out


def _line_of(root: yaml.Node | None, dotted: str) -> int | None:
    """The line of the deepest key of ``dotted`` found in the YAML (indicator ids hold a dot)."""
    parts = dotted.split(".")
    if parts[0] == "indicators" and len(parts) > 2:
        parts = [parts[0], f"{parts[1]}.{parts[2]}", *parts[3:]]
    node, line = root, None
    for part in parts:
        if isinstance(node, yaml.SequenceNode) and part.isdigit() and int(part) < len(node.value):
            node = node.value[int(part)]
            line = node.start_mark.line + 1
            continue
        if not isinstance(node, yaml.MappingNode):
            break
        for key, value in node.value:
            if key.value == part:
                line, node = key.start_mark.line + 1, value
                break
        else:
            break
    return line


def load_framework(path: Path | str | None = None) -> Framework:
    """Read and validate the framework at ``path`` (the shipped NLF plan by default)."""
    from ndp.engine.framework_check import cross_check  # the checks read these models

    file = Path(path) if path else DEFAULT_FRAMEWORK
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise NdpError(f"cannot read framework {file}: {exc.strerror}") from exc
    text = raw.decode("utf-8")
    # libyaml's loader is about ten times faster; the node tree with line numbers is composed
    # only when there is an error to place
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise NdpError(f"{file}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise NdpError(f"{file}: a framework is a mapping of keys (see docs/framework.md)")
    try:
        fw = Framework.model_validate(
            {**data, "path": str(file), "sha256": hashlib.sha256(raw).hexdigest()}
        )
    except ValidationError as exc:
        root = yaml.compose(text, Loader=loader)
        lines = []
        for err in exc.errors():
            dotted = ".".join(str(p) for p in err["loc"])
            line = _line_of(root, dotted)
            at = f"{file}:{line}" if line else str(file)
            lines.append(f"{at}: {dotted}: {err['msg']}")
        raise NdpError("framework is not valid:\n" + "\n".join(lines)) from exc
    problems = cross_check(fw)
    if problems:
        root = yaml.compose(text, Loader=loader)
        lines = [f"{file}:{_line_of(root, w) or '?'}: {w}: {msg}" for w, msg in problems]
        raise NdpError("framework is not valid:\n" + "\n".join(lines))
    return fw
