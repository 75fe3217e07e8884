"""One problem the checker found: where, the statement, and what the arithmetic gives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    statement: str
    message: str

    def __str__(self) -> str:
        return f'line {self.line}: "{self.statement}": {self.message}'
