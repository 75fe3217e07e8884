"""Error types shared by every stage.

Two kinds of error (see docs/architecture.md): a user's mistake is an ``NdpError`` and gets an
actionable message and exit status 1; anything else is a bug and gets a traceback.
This module is neutral: every layer may import it, it imports nothing of ndp.
"""

from __future__ import annotations

from dataclasses import dataclass


class NdpError(Exception):
    """A problem with the user's input or request: shown as a message, exit status 1."""

    exit_code = 1


class UsageError(NdpError):
    """The command was called wrongly (exit status 2)."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in an input file, with where it is and what was expected.

    ``line`` is the 1-based line of the file (the header is line 1, so the first data row is
    line 2); for a workbook it is the sheet's row number. ``line`` is None for a problem with the
    file as a whole (a missing column, an unknown source).
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        if self.value is not None:
            return f"{where}: {self.value!r}: expected {self.expected}"
        return f"{where}: {self.expected}"


class InputRefused(NdpError):
    """Input was refused; carries every problem found, so the user can fix them all at once."""

    def __init__(self, problems: list[Problem], summary: str | None = None) -> None:
        self.problems = problems
        count = len(problems)
        head = summary or f"{count} problem{'s' if count != 1 else ''} found; nothing was loaded"
        super().__init__(head)
