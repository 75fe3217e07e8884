"""The report's annex as typed data: definitions, how figures are compared and assessed, the
quarter's data quality and where every figure came from.

Everything here is read from the pack (loads, coverage, returns, quarantine, flags, provenance)
or from the framework's own wording beside it (``glossary.yaml``); nothing is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from ndp.report import format as fmt
from ndp.report.narrative import FRAMEWORKS

SPC_METHOD = (
    "Each indicator's last 24 months are drawn as an XmR chart after NHS England's Making Data "
    "Count: the mean, and process limits at the mean plus or minus 2.66 times the average moving "
    "range. A point shows special cause when it falls outside a limit, is part of seven points "
    "rising or falling in a row, is one of two in three close to a limit (beyond two thirds of "
    "the way from the mean), or is part of seven or more in a row on one side of the mean. "
    "Whether special cause is improvement or concern follows the indicator's direction; the "
    "latest month's variation and, against a target, the assurance icon feed its status."
)

COMPARISONS = (
    "Each figure is compared with the same quarter last year, the previous quarter and the "
    "previous financial year's quarterly average (for stocks, the previous year end). "
    "Percentages are rounded half away from zero; changes are exact until written. Where the "
    "framework names a benchmark or target, the figure is compared with it. Where the number of "
    "forces and units recording a source changed, the like-for-like comparison counts only those "
    "that recorded it in both quarters."
)


@dataclass(frozen=True)
class FlagRow:
    """A data-quality flag raised this quarter, in words: the indicator by its measure id and
    title, the flag's label and the engine's detail."""

    indicator: str
    flag: str
    detail: str


@dataclass(frozen=True)
class FileRow:
    name: str
    source: str
    rows: str
    sha256: str


@dataclass(frozen=True)
class LoadRow:
    load_id: int
    finished_at: str
    username: str
    files: str
    rows: str


@dataclass(frozen=True)
class CoverageRow:
    source: str
    current: str
    last_year: str


@dataclass(frozen=True)
class Returns:
    """Forces' outcome returns for the quarter, as the pack counts them."""

    expected: str
    on_time: str
    late: list[str]
    missing: list[str]
    sentence: str


@dataclass(frozen=True)
class Annex:
    definitions: list[tuple[str, str]]
    spc_method: str
    loads: list[LoadRow]
    coverage: list[CoverageRow]
    returns: Returns | None
    quarantined_rows: str
    comparisons: str = COMPARISONS
    rollup: str = ""
    #: (status label, when it applies) and (flag label, what it means), from the methodology
    status_rules: list[tuple[str, str]] = field(default_factory=list)
    flag_meanings: list[tuple[str, str]] = field(default_factory=list)
    flags_raised: list[FlagRow] = field(default_factory=list)
    files: list[FileRow] = field(default_factory=list)


@cache
def glossary(framework_id: str) -> tuple[tuple[str, str], ...]:
    """The framework's definitions, in its order; none when it ships no glossary."""
    path = FRAMEWORKS / framework_id / "glossary.yaml"
    if not path.is_file():
        return ()
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return tuple((str(e["term"]), " ".join(str(e["definition"]).split())) for e in entries)


def _force_name(pack: dict[str, Any], code: str) -> str:
    force = pack["geographies"]["forces"].get(code)
    return str(force["name"]) if force else code


def _returns(pack: dict[str, Any]) -> Returns | None:
    returns = pack["data_quality"].get("returns") or {}
    if not returns:
        return None  # an empty quarter: no records is not non-compliance
    late = [_force_name(pack, code) for code in returns["late"]]
    missing = [_force_name(pack, code) for code in returns["missing"]]
    expected, on_time = returns["expected"], returns["on_time"]
    if on_time == expected:
        sentence = f"All {fmt.count(expected)} forces returned their outcome information on time."
    else:
        parts = [
            f"{fmt.count(on_time)} of {fmt.count(expected)} forces returned their outcome "
            "information on time."
        ]
        if late:
            parts.append(f"Late: {', '.join(late)}.")
        if missing:
            parts.append(f"Not returned: {', '.join(missing)}.")
        sentence = " ".join(parts)
    return Returns(fmt.count(expected), fmt.count(on_time), late, missing, sentence)


def build_annex(pack: dict[str, Any]) -> Annex:
    quality = pack["data_quality"]
    loads = [
        LoadRow(
            load["load_id"], fmt.moment(load["finished_at"]), str(load["username"]),
            fmt.count(load["files"]), fmt.count(load["rows"]),
        )
        for load in quality.get("loads", [])
    ]  # fmt: skip
    coverage = []
    for source, seen in sorted(quality.get("coverage", {}).items()):
        now, before = seen.get("current"), seen.get("same_quarter_last_year")
        coverage.append(
            CoverageRow(
                fmt.source_label(source),
                fmt.count(now) if now is not None else "–",
                fmt.count(before) if before is not None else "–",
            )
        )
    return Annex(
        definitions=list(glossary(pack["framework"]["id"])),
        spc_method=SPC_METHOD,
        loads=loads,
        coverage=coverage,
        returns=_returns(pack),
        quarantined_rows=fmt.count((quality.get("quarantine") or {}).get("rows", 0)),
        rollup=fmt.plain(str(pack["methodology"].get("rollup", ""))),
        status_rules=[
            (fmt.label(str(r["status"])), fmt.plain(str(r["words"])))
            for r in pack["methodology"].get("status_rules", [])
        ],
        flag_meanings=[
            (fmt.label(name), str(words))
            for name, words in pack["methodology"].get("flags", {}).items()
        ],
        flags_raised=[_flag_row(pack, flag) for flag in quality.get("flags", [])],
        files=[
            FileRow(
                str(f["path"]).split("/")[-1], fmt.source_label(str(f["source"])),
                fmt.count(f["rows"]), f"{str(f['sha256'])[:16]}…",
            )
            for f in pack["provenance"]["files"]
        ],
    )  # fmt: skip


def _flag_row(pack: dict[str, Any], flag: dict[str, Any]) -> FlagRow:
    name = str(flag.get("indicator", ""))
    indicator = pack["indicators"].get(name)
    shown = f"{indicator['measure']} {indicator['title']}" if indicator else name
    return FlagRow(
        shown,
        fmt.label(str(flag.get("flag", ""))),
        fmt.plain(str(flag.get("message", ""))),
    )
