"""Helpers the browser tests share: the users' password, a free loopback port, ``ndp serve`` as
a subprocess, and signing in the way a person does."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

PASSWORD = "correct horse battery staple"


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def ndp_serve(folder: Path, *options: str, stop_timeout: float = 15) -> Iterator[str]:
    """``ndp serve OPTIONS --port P`` on a free port, its output in ``folder/serve.log``; its
    base URL once it accepts connections (a server that exits or is not up in 30 s fails the
    test with its log), stopped afterwards."""
    port = free_port()
    ndp = shutil.which("ndp", path=str(Path(sys.executable).parent)) or "ndp"
    argv = [ndp, "serve", *options, "--port", str(port)]
    log_path = folder / "serve.log"
    log = log_path.open("w")
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"ndp serve did not start: {log_path.read_text()}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=stop_timeout)
        log.close()


def sign_in(page: Page, server: str, name: str) -> None:
    """Sign in as ``name`` from a fresh start: no earlier session's cookies, the home page sends
    a signed-out visitor to sign in, and the signed-in page names them."""
    page.context.clear_cookies()
    page.goto(f"{server}/")
    expect(page).to_have_url(f"{server}/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()
