"""Reference data shipped with ndp: forces and units, regions, Home Office outcome codes.

The data lives in CSV and YAML files beside this module (documented with their public sources
in docs/reference-data.md) so that analysts can correct them without touching code.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

FORCE_KINDS = ("territorial", "special", "regional_unit", "national_unit")
REPORT_GROUPS = ("judicial", "alternative_positive", "nfa")


def normalise_name(text: str) -> str:
    """Fold a name for matching: case, punctuation, '&' and spacing do not matter."""
    folded = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


@dataclass(frozen=True)
class Region:
    """One of the ten regions used for regional breakdowns and Protect teams."""

    code: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Force:
    """A force or unit that records on APMIS or receives NFIB disseminations.

    ``code`` is the ONS police force area code for the 43 territorial forces, and a short
    upper-case code for the others (BTP, PSNI, regional units, national units).
    ``region`` is None only for PSNI, which lies outside the ten England and Wales regions.
    """

    code: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    region: str | None
    kind: str

    @property
    def receives_disseminations(self) -> bool:
        """The 45 forces of NFIB dissemination: 43 territorial, BTP and PSNI."""
        return self.kind in ("territorial", "special")


@dataclass(frozen=True)
class OutcomeCode:
    """A Home Office Counting Rules outcome type."""

    code: str
    name: str
    ho_group: str
    groups: tuple[str, ...]

    @property
    def judicial(self) -> bool:
        return "judicial" in self.groups


class UnknownName(LookupError):
    """A name matched nothing; ``suggestions`` are the nearest known names."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        super().__init__(name)


class Names:
    """A lookup from every accepted spelling (folded) to a canonical code."""

    def __init__(self, entries: dict[str, list[str]]) -> None:
        self._by_name: dict[str, str] = {}
        self._display: dict[str, str] = {}
        for code, names in entries.items():
            for name in [code, *names]:
                key = normalise_name(name)
                if key in self._by_name and self._by_name[key] != code:
                    raise ValueError(f"name {name!r} is claimed by {self._by_name[key]} and {code}")
                self._by_name[key] = code
                self._display.setdefault(key, name)

    def resolve(self, name: str) -> str:
        """The canonical code for ``name``; raise ``UnknownName`` with suggestions otherwise."""
        key = normalise_name(name)
        if key in self._by_name:
            return self._by_name[key]
        close = difflib.get_close_matches(key, list(self._by_name), n=3, cutoff=0.6)
        raise UnknownName(name, [self._display[c] for c in close])

    def items(self) -> list[tuple[str, str]]:
        """Every (folded spelling, code) pair: what a vectorised lookup joins against."""
        return sorted(self._by_name.items())


@dataclass(frozen=True)
class ReferenceData:
    """All the shipped reference data, loaded once."""

    forces: dict[str, Force]
    regions: dict[str, Region]
    outcome_codes: dict[str, OutcomeCode]
    force_names: Names
    region_names: Names

    def force(self, name: str) -> Force:
        return self.forces[self.force_names.resolve(name)]

    def region(self, name: str) -> Region:
        return self.regions[self.region_names.resolve(name)]

    def dissemination_forces(self) -> list[Force]:
        return [f for f in self.forces.values() if f.receives_disseminations]

    def codes_in_group(self, group: str) -> list[str]:
        return [c.code for c in self.outcome_codes.values() if group in c.groups]


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_reference(folder: Path | None = None) -> ReferenceData:
    """Read the reference data from ``folder`` (default: the files shipped with ndp)."""
    base = folder or Path(str(resources.files("ndp.reference")))
    regions = {
        row["region"]: Region(row["region"], row["name"], _split(row["aliases"]))
        for row in _read_csv(base, "regions.csv")
    }
    forces = {}
    for row in _read_csv(base, "forces.csv"):
        region = row["region"] or None
        if region not in (*regions, "national", None):
            raise ValueError(f"forces.csv: force {row['code']} has unknown region {region!r}")
        if row["kind"] not in FORCE_KINDS:
            raise ValueError(f"forces.csv: force {row['code']} has unknown kind {row['kind']!r}")
        forces[row["code"]] = Force(
            row["code"], row["name"], row["short_name"], _split(row["aliases"]), region, row["kind"]
        )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: ten times faster
    raw = yaml.load((base / "outcome_codes.yaml").read_text(encoding="utf-8"), Loader=loader)
    codes = {
        str(code): OutcomeCode(str(code), spec["name"], spec["ho_group"], tuple(spec["groups"]))
        for code, spec in raw["codes"].items()
    }
    for code in codes.values():
        unknown = set(code.groups) - set(REPORT_GROUPS)
        if unknown:
            raise ValueError(f"outcome_codes.yaml: code {code.code} has unknown groups {unknown}")
    force_names = Names({f.code: [f.name, f.short_name, *f.aliases] for f in forces.values()})
    region_names = Names({r.code: [r.name, *r.aliases] for r in regions.values()})
    return ReferenceData(forces, regions, codes, force_names, region_names)


@cache
def reference() -> ReferenceData:
    """The shipped reference data (cached)."""
    return load_reference()
