"""What every command shares: the store option, consoles, and turning errors into exits."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ndp.errors import InputRefused, NdpError

if TYPE_CHECKING:
    from ndp.store import Store

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

AudienceOption = Annotated[
    str,
    typer.Option(
        "--audience",
        help="Who the output is for: police (every figure, the default) or an audience the "
        "framework's disclosure control names (e.g. public: small counts suppressed).",
    ),
]

#: Seconds a command waits for another process holding a DuckDB store (docs/loading.md).
DEFAULT_WAIT = 10.0

WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        help="Seconds to wait for another process holding the store before giving up.",
        min=0,
    ),
]

T = TypeVar("T")


def resolve_db(db: str | None) -> str:
    """The store location from the option, then $NDP_DB, then the default file."""
    return db or os.environ.get("NDP_DB") or DEFAULT_DB


def resolve_path(path: str | Path) -> Path:
    return Path(path).expanduser()


def open_db(db: str | None, wait: float, *, read_only: bool = False) -> Store:
    """The store of ``--db``; read-only for a command that only reads. While it waits for
    another process holding the store, standard error says which."""
    from ndp.store import open_store

    def waiting(message: str) -> None:
        err.print(plain(message), highlight=False, soft_wrap=True)

    return open_store(resolve_db(db), read_only=read_only, wait=wait, waiting=waiting)


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
