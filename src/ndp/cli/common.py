"""What every command shares: the store option, consoles, and turning errors into exits."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ndp.errors import InputRefused, NdpError

#: Progress, warnings and tables for people go to standard error; data goes to standard output.
err = Console(stderr=True)
out = Console()

DEFAULT_DB = "ndp.duckdb"

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a DuckDB file path, a postgresql:// URL, or a published Spark store "
        "(sc://HOST:PORT/SCHEMA, spark://SCHEMA). Default: $NDP_DB or ./ndp.duckdb.",
        show_default=False,
    ),
]

T = TypeVar("T")


def resolve_db(db: str | None) -> str:
    """The store location from the option, then $NDP_DB, then the default file."""
    return db or os.environ.get("NDP_DB") or DEFAULT_DB


def resolve_path(path: str | Path) -> Path:
    return Path(path).expanduser()


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn an ``NdpError`` into a clean message on standard error and its exit status."""
    try:
        yield
    except InputRefused as refused:
        for problem in refused.problems:
            err.print(visible(str(problem)), markup=False, highlight=False, soft_wrap=True)
        err.print(f"[bold red]error:[/] {plain(refused)}", soft_wrap=True)
        raise typer.Exit(refused.exit_code) from None
    except NdpError as error:
        err.print(f"[bold red]error:[/] {plain(error)}", highlight=False, soft_wrap=True)
        raise typer.Exit(error.exit_code) from None


#: Control characters other than tab and newline: an escape sequence in a column name or a
#: file name would otherwise reach the terminal and act (clear the screen, recolour it).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with each control character written as its escape (``\x1b``)."""
    return _CONTROL.sub(lambda found: repr(found[0])[1:-1], text)


def plain(value: object) -> str:
    """User-supplied text (a file name, a column, a value) made safe for rich's markup and the
    terminal: ``[draft] q1.csv`` is printed as written instead of raising ``MarkupError``, and a
    control character as its escape."""
    return escape(visible(str(value)))


def run(action: Callable[[], T]) -> T:
    """Call ``action`` under :func:`user_errors`."""
    with user_errors():
        return action()


def write_stdout(text: str) -> None:
    """Write data (JSON, CSV) to standard output, unadorned."""
    sys.stdout.write(text)
    if not text.endswith("\n"):
        sys.stdout.write("\n")
    sys.stdout.flush()
