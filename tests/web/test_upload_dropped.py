"""The browser closing mid-upload (scripted trials, the count printed): a raw socket sends the
headers of a multipart upload and part of its body, then closes. Against a real ``ndp serve
--db``, each leaves no upload row, no job and no kept file; the same upload sent whole is kept
(so the harness can tell the difference)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from ndp.appdb import AppDB, parse_scope

pytestmark = pytest.mark.slow

PASSWORD = "correct horse battery staple"
CUTS = (0.1, 0.5, 0.99)
BOUNDARY = "ndpboundary7MA4YWxkTrZu0gW"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    packs = tmp_path / "packs"
    packs.mkdir()
    with AppDB.open(str(packs / "ndp-app.sqlite")) as db:
        db.add_user("ann", "analyst", parse_scope("national"), PASSWORD)
    port = _free_port()
    ndp = shutil.which("ndp", path=str(Path(sys.executable).parent)) or "ndp"
    argv = [ndp, "serve", "--packs", str(packs), "--db", str(tmp_path / "ndp.duckdb"),
            "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=os.environ.copy())  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port, packs
    finally:
        process.terminate()
        process.wait(timeout=60)


def cookie(response: http.client.HTTPResponse, name: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0]
    raise AssertionError(f"no {name} cookie")


def token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def signed_in(port: int) -> tuple[str, str]:
    """(the session cookie, the upload form's CSRF token) for ann."""
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/login")
    first = conn.getresponse()
    csrf_cookie, login_token = cookie(first, "__Host-ndp_csrf"), token(first.read().decode())
    form = urlencode({"name": "ann", "password": PASSWORD, "csrf_token": login_token})
    conn.request("POST", "/login", form, {"Cookie": csrf_cookie,
                 "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    answer = conn.getresponse()
    answer.read()
    session = cookie(answer, "__Host-ndp_session")
    conn.request("GET", "/upload", headers={"Cookie": session})
    return session, token(conn.getresponse().read().decode())


def body(csrf: str) -> bytes:
    rows = "".join(f"TRN-{n:05d},24/07/2023,Kent,Money Laundering,{n % 30}\n" for n in range(6000))
    extract = "Session ID,Date,Force,Course,Attendees\n" + rows
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="extracts"; '
        f'filename="training.csv"\r\nContent-Type: text/csv\r\n\r\n{extract}\r\n'
        f"--{BOUNDARY}--\r\n"
    ).encode()


def send(port: int, session: str, payload: bytes, cut: float | None) -> None:
    head = (
        f"POST /upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {session}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(head + (payload if cut is None else payload[: int(len(payload) * cut)]))
        if cut is None:
            s.settimeout(30)
            while s.recv(65536):
                pass


def kept(packs: Path) -> tuple[int, int, int]:
    """(upload rows, job rows, files under uploads/)."""
    with sqlite3.connect(packs / "ndp-app.sqlite") as conn:
        uploads = conn.execute("SELECT count(*) FROM app_uploads").fetchone()[0]
        queued = conn.execute("SELECT count(*) FROM app_jobs").fetchone()[0]
    files = (
        [p for p in (packs / "uploads").rglob("*") if p.is_file()]
        if (packs / "uploads").exists()
        else []
    )
    return int(uploads), int(queued), len(files)


def test_an_upload_cut_off_mid_body_keeps_nothing(server: tuple[int, Path]) -> None:
    port, packs = server
    session, csrf = signed_in(port)
    payload = body(csrf)
    for cut in CUTS:
        send(port, session, payload, cut)
        time.sleep(1.0)  # the worker notices the closed connection and gives up
        assert kept(packs) == (0, 0, 0), cut
    send(port, session, payload, None)
    assert kept(packs) == (1, 1, 1)
    print(f"\n{len(CUTS)} uploads cut off mid-body: none kept a row, a job or a file; "
          "the same upload sent whole was kept")  # fmt: skip
