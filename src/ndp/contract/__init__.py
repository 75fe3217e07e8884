"""The data contract as data: every source, its columns, types, keys and rules.

``contract()`` reads ``sources.yaml`` beside this module into typed models. The loader
validates extracts against it, the store creates its tables from it, and the docs describe it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

ColumnType = Literal[
    "id",
    "text",
    "date",
    "force",
    "region",
    "quarter",
    "money",
    "count",
    "boolean",
    "enum",
    "outcome_code",
]

#: What each column type expects, in the words an error message uses.
EXPECTED: dict[str, str] = {
    "id": "a non-blank identifier",
    "text": "text",
    "date": "a date such as 2024-05-13 or 13/05/2024 (day first), not in the future or before 2000",
    "force": (
        "a force or unit by name, short name or ONS code"
        " (e.g. Metropolitan Police Service, Met, E23000001)"
    ),
    "region": "one of the ten regions (e.g. North West, NWROCU, London)",
    "quarter": "a quarter such as 2024-25 Q1, 2024-25-Q1, Q1 24/25, 2024/25 Q1 or FY24/25 Q1",
    "money": "an amount of pounds, not negative (e.g. £1,012,431.00)",
    "count": "a whole number, not negative",
    "boolean": "true/false, yes/no, y/n or 1/0",
    "enum": "one of the listed values",
    "outcome_code": "a Home Office outcome code (1, 1A, 2, ... 22)",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Strict):
    """One column of a source."""

    name: str = ""
    type: ColumnType
    required: bool = False
    enum: str | None = None
    default: str | None = None
    max: int | None = None
    meaning: str = ""

    @model_validator(mode="after")
    def _enum_named(self) -> Column:
        if (self.type == "enum") != (self.enum is not None):
            raise ValueError("an enum column names its enumeration, and only an enum column does")
        return self


class Rule(_Strict):
    """A row rule across columns."""

    name: str
    message: str
    column: str | None = None
    when_set: str | None = None
    require: str | None = None
    not_before: str | None = None
    not_above: str | None = None


class Source(_Strict):
    """One source of the data contract: an extract type and the store table it fills."""

    name: str = ""
    #: the source's plain name as running text prints it ("asset seizures", "Protect campaigns")
    title: str
    system: str = ""
    description: str
    key: list[str]
    columns: dict[str, Column]
    references: dict[str, str] = Field(default_factory=dict)
    rules: list[Rule] = Field(default_factory=list)

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns.values() if c.required]


class Contract(_Strict):
    """The whole data contract."""

    enums: dict[str, dict[str, list[str]]]
    sources: dict[str, Source]

    @model_validator(mode="before")
    @classmethod
    def _name_things(cls, data: dict[str, Any]) -> dict[str, Any]:
        for source_name, source in data.get("sources", {}).items():
            source["name"] = source_name
            for column_name, column in source.get("columns", {}).items():
                column["name"] = column_name
        return data

    @model_validator(mode="after")
    def _cross_check(self) -> Contract:
        for source in self.sources.values():
            for name in source.key:
                if name not in source.columns:
                    raise ValueError(f"source {source.name}: key column {name} is not a column")
            for column in source.columns.values():
                if column.enum and column.enum not in self.enums:
                    raise ValueError(f"{source.name}.{column.name}: unknown enum {column.enum}")
            for column_name, target in source.references.items():
                other, _, other_column = target.partition(".")
                if other not in self.sources or other_column not in self.sources[other].columns:
                    raise ValueError(f"{source.name}.{column_name}: unknown reference {target}")
        return self

    def enum_values(self, enum: str) -> list[str]:
        return list(self.enums[enum])


@cache
def contract() -> Contract:
    """The shipped data contract (cached)."""
    text = resources.files("ndp.contract").joinpath("sources.yaml").read_text(encoding="utf-8")
    # libyaml's loader: every command that reads the store loads the contract (about 40 ms of
    # CPU with the pure Python loader, 4 ms with libyaml)
    return Contract.model_validate(
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    )
