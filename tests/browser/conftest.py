"""Browser tests run in the system's Chromium (Debian's /usr/bin/chromium, installed by
scripts/system-deps.sh), never one downloaded by `playwright install`: a missing Chromium fails
these tests rather than skipping them, so an accessibility check never silently goes unrun."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("NDP_CHROMIUM", "/usr/bin/chromium"))
# offline and quiet: no GPU in a container, no update, sync or first-run calls to the network
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch options, pointed at the system Chromium."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM}: no Chromium; run scripts/system-deps.sh (make system-deps)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (``-m "not browser"`` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
