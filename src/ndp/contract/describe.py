"""The contract in words, for ``ndp sources`` and the documentation test."""

from __future__ import annotations

from dataclasses import dataclass

from ndp.contract import EXPECTED, Source, contract


@dataclass(frozen=True)
class ColumnLine:
    """One column of a source, described."""

    name: str
    type: str
    required: str
    meaning: str


def describe_source(source: Source) -> list[ColumnLine]:
    lines = []
    enums = contract().enums
    for column in source.columns.values():
        meaning = column.meaning
        if column.enum:
            values = "; ".join(
                f"{v} ({', '.join(aliases)})" if aliases else v
                for v, aliases in enums[column.enum].items()
            )
            meaning = f"{meaning + '. ' if meaning else ''}one of: {values}"
        if column.default:
            meaning += f" (default {column.default})"
        required = "yes" if column.required else ""
        lines.append(
            ColumnLine(column.name, column.type, required, meaning or EXPECTED[column.type])
        )
    return lines
