"""The pack's typed model (docs/pack.md): what `ndp build` writes and every output reads.

Numbers are exact: counts are ``int``, money and averages ``Decimal``; JSON is written with
Decimals as bare JSON numbers and read back with ``parse_float=Decimal`` so nothing is rounded
between the engine and the text.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    Strict,
    model_serializer,
)

from ndp.engine.exact_json import dumps_exact

#: A count (``int``) or an exact amount (``Decimal``): what ``int | Decimal`` validates to, for
#: every input, but an int or a Decimal as it is first. Pydantic's "smart" union tries every
#: member on a Decimal (``int`` first, which fails slowly), a seventh of a 1M pack's validation
#: for its ~40,000 Decimals; left to right, the strict members take the engine's ints and
#: Decimals at once, and anything else (a float, a string, a bool) falls to the lax ``int``
#: then ``Decimal`` as before (``tests/engine/test_pack_model_number.py`` holds the two equal).
Number = Annotated[
    Annotated[int, Strict()] | Annotated[Decimal, Strict()] | int | Decimal,
    Field(union_mode="left_to_right"),
]
Status = Literal["improving", "stable", "declining", "new", "no_data", "not_measurable"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CrossCutting(_Model):
    id: str
    title: str


class FrameworkInfo(_Model):
    id: str
    title: str
    version: str
    sha256: str
    strategy: str
    cross_cutting: list[CrossCutting]


class PeriodInfo(_Model):
    label: str
    start: str
    end: str
    short: str
    span: str
    quarter: int
    year: str
    year_short: str
    previous_year: str
    previous_year_short: str


class RegionInfo(_Model):
    code: str
    forces: list[str]


class ForceInfo(_Model):
    name: str
    short_name: str
    region: str | None
    kind: str


class Geographies(_Model):
    regions: dict[str, RegionInfo]
    forces: dict[str, ForceInfo]


class Objective(_Model):
    title: str
    theme: str
    number: int
    statement: str
    cross_cutting: list[str]
    status: Status
    status_rule: str
    measures: list[str]
    driver: str | None = None
    tie: list[Status] | None = None
    tie_decided_by: Literal["headline", "worse"] | None = None
    counts: dict[str, int] = {}


class Measure(_Model):
    objective: str
    title: str
    status: Status
    status_rule: str
    indicators: list[str]
    driver: str | None = None
    tie: list[Status] | None = None
    tie_decided_by: Literal["headline", "worse"] | None = None
    counts: dict[str, int] = {}
    status_from: Literal["indicators", "operations"] = "indicators"
    #: the indicator the success measure names (framework ``headline``), if it names one
    headline: str | None = None
    #: the framework's reason a measure may have no records (a collection not yet started)
    no_records_reason: str | None = None


class Comparison(_Model):
    """A comparator ``value`` with ``change`` and ``pct_change`` (null when comparator 0/None)."""

    model_config = ConfigDict(extra="forbid")
    period: str | None = None
    value: Number | None
    change: Number | None
    pct_change: Decimal | None
    total: Number | None = None
    basis: str | None = None
    met: bool | None = None
    current: Number | None = None
    units: int | None = None


class QuarterPoint(_Model):
    period: str
    value: Number | None


class MonthPoint(_Model):
    month: str
    value: Number | None


class YearPoint(_Model):
    year: str
    value: Number | None
    quarters: dict[str, Number | None]


class Series(_Model):
    quarterly: list[QuarterPoint]
    monthly: list[MonthPoint]
    years: list[YearPoint]


class Rank(_Model):
    """1 is the best in the indicator's direction; tied values share the better position."""

    position: int
    of: int
    tied: bool


class GeoValue(_Model):
    """A force's, unit's or region's figures (docs/pack.md). ``numerator`` and ``denominator``
    are written only where the indicator has parts (a ratio's counts; a region's posts filled
    and funded). The part no region holds (``unattributed``) has only the first five."""

    value: Number | None
    same_quarter_last_year: Number | None
    change: Number | None
    pct_change: Decimal | None
    quarterly: list[QuarterPoint]
    numerator: Number | None = None
    denominator: Number | None = None
    comparisons: dict[str, Comparison] = {}
    monthly: list[MonthPoint] = []
    spc: dict[str, Any] | None = None
    status: Status | None = None
    status_rule: str | None = None
    status_rule_name: str | None = None
    flags: list[str] = []
    #: whether the area recorded the indicator's source in the quarter
    records: bool | None = None
    rank: Rank | None = None
    region_average_per_force: Number | None = None

    @model_serializer(mode="wrap")
    def _without_absent_parts(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.numerator is None and self.denominator is None:
            data.pop("numerator", None)
            data.pop("denominator", None)
        return data


class AveragePoint(_Model):
    period: str | None = None
    month: str | None = None
    value: Number | None
    forces: int


class PerForce(_Model):
    """The average per force of the forces recording the source, now and over time."""

    value: Number | None
    forces: int
    quarterly: list[AveragePoint]
    monthly: list[AveragePoint]


class Indicator(_Model):
    measure: str
    objective: str
    title: str
    noun: str
    unit: Literal["count", "gbp", "percent"]
    direction: Literal["up", "down", "neutral"]
    kind: Literal["flow", "stock"]
    source: str
    measurable: bool
    measurable_reason: str | None = None
    value: Number | None
    numerator: Number | None = None
    denominator: Number | None = None
    breakdown: dict[str, dict[str, Number | None]] = {}
    comparisons: dict[str, Comparison] = {}
    breakdown_comparisons: dict[str, dict[str, dict[str, Comparison]]] = {}
    series: Series
    spc: dict[str, Any] | None = None
    status: Status
    status_rule: str
    status_rule_name: str = ""
    flags: list[str] = []
    by: dict[str, dict[str, GeoValue]] = {}
    #: the average per force of the nation (``nation``) and each region (``region``)
    per_force: dict[str, Any] | None = None
    #: an additive flow's shares of its quarter and of the previous year (docs/pack.md)
    shares: dict[str, Any] | None = None


class DataQuality(_Model):
    loads: list[dict[str, Any]] = []
    coverage: dict[str, dict[str, Any]] = {}
    returns: dict[str, Any] = {}
    quarantine: dict[str, int] = {}
    flags: list[dict[str, str]] = []


class Provenance(_Model):
    store: str
    framework_file: str
    framework_sha256: str
    files: list[dict[str, Any]] = []


class Pack(_Model):
    """Every figure of one period's report; see docs/pack.md."""

    pack_version: Literal[4] = 4
    generated_at: str
    #: true for every pack the engine builds; the publish library clears it in the pack a
    #: published version's outputs are written from (docs/publishing.md)
    draft: bool = True
    #: the figures a published revision changed, filled by the publish library (docs/pack.md)
    revisions: list[dict[str, Any]] = []
    framework: FrameworkInfo
    period: PeriodInfo
    geographies: Geographies
    objectives: dict[str, Objective]
    measures: dict[str, Measure]
    indicators: dict[str, Indicator]
    operations: dict[str, dict[str, Any]] = {}
    #: each force's and region's own measure and objective statuses (docs/pack.md)
    areas: dict[str, dict[str, dict[str, dict[str, dict[str, Any]]]]] = {}
    data_quality: DataQuality
    methodology: dict[str, Any] = {}
    provenance: Provenance
    #: the framework's disclosure rules (docs/pack.md); absent when it declares none
    disclosure: dict[str, Any] | None = None

    @model_serializer(mode="wrap")
    def _without_absent_rules(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.disclosure is None:
            data.pop("disclosure", None)
        return data

    def to_json(self) -> str:
        """JSON with Decimals as exact numbers (``290897.90`` is written ``290897.9``)."""
        return dumps_exact(self.model_dump(mode="python"))


def load_pack(path: Path | str) -> Pack:
    """Read a pack written by ``Pack.to_json`` (numbers back as int or Decimal)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    return Pack.model_validate(data)
