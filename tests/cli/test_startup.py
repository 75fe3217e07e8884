"""The command line starts without the heavy libraries: each command imports what it uses.

``ndp --help`` took 3.3 s when every command imported Ibis, WeasyPrint and Altair at start-up;
the time itself is measured in bench/, this holds the cause away.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "ibis",
    "duckdb",
    "pandas",
    "pyarrow",
    "pydantic",
    "weasyprint",
    "altair",
    "docx",
    "openpyxl",
)


def test_importing_the_cli_imports_no_heavy_library() -> None:
    code = (
        "import json, sys; import ndp.cli.app; "
        f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_help_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from ndp.cli.app import main; main()", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    commands = ("load", "quarantine", "sources", "synth", "measures", "spc", "report", "check")
    published = ("signoff", "publish", "publications", "diff", "reproduce")
    for command in (*commands, "demo", "users", "audit", *published):
        assert command in done.stdout
