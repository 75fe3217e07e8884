"""Benchmark: the dashboard under load, on loopback only (not run in CI).

    .venv/bin/python bench/web.py [--packs DIR] [--seconds 20] [--clients 32] [--workers 2]

It publishes the demo quarter's pack (or serves ``--packs``), adds a national user, starts
``ndp serve``'s gunicorn sync workers on 127.0.0.1, signs in, finds the national, region, force
and indicator pages by following the national page's links, then runs in one process:

- **think**: each page kind, the chart specs indicator pages fetch, and a static file
  (``/static/ndp-charts.js`` from the same server, the baseline) at ``--clients`` concurrent
  clients, each waiting 0.5-1.5 s between requests (about 32 requests a second offered): p50,
  p95 and p99 latency, errors (anything but 200);
- **saturation**: the same clients with no think time, over every page, and over the static
  file: requests a second the server sustains;
- **CPU**: the server's processes' CPU milliseconds (user + system, from /proc) per request.

It runs twice: with the page cache as shipped, starting empty as after a restart or a new pack
(each worker renders a page the first time it serves it), and with the cache off (every request
rendered). Target: p95 under 50 ms for every page
kind at 32 clients with think time, and 0 errors. Every loop is bounded in requests and time.

The clients are threads using http.client (no dependency, a few hundred microseconds a request):
locust would add gevent and its own web UI for a closed loop this small, and spend the same two
cores the server needs. The clients share the cores with the server, so the figures are an upper
bound of what the server alone would show.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"  # loopback only
PERIOD = "2024-25-Q1"
USER, PASSWORD = "bench", "bench password for loopback only"
STATIC = "/static/ndp-charts.js"
TARGET_P95_MS = 50.0
MAX_REQUESTS = 20_000  # per phase, whatever the time
KINDS = {  # page kind -> the links that are one
    "national": re.compile(rf"^/{PERIOD}/national$"),
    "region": re.compile(rf"^/{PERIOD}/region/[^/]+$"),
    "force": re.compile(rf"^/{PERIOD}/force/[^/]+$"),
    "indicator": re.compile(rf"^/{PERIOD}/[^?#]+/indicator/[^/?#]+$"),
}


@dataclass(frozen=True)
class Result:
    phase: str
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    per_second: float
    cpu_ms: float


def publish_demo(work: Path, packs: Path) -> None:
    """The demo quarter's pack and area files in ``packs``, as ``ndp demo`` publishes them."""
    from ndp.engine.build import build_pack
    from ndp.engine.pack_files import write_pack
    from ndp.load import load_files
    from ndp.periods import Quarter
    from ndp.store import open_store
    from ndp.synth.demo import write_demo_extracts

    extracts = write_demo_extracts(work / "extracts")
    with open_store(str(work / "demo.duckdb")) as store:
        load_files(store, extracts)
        pack = build_pack(store, Quarter.parse(PERIOD.replace("-Q", " Q")))
    write_pack(pack, packs / f"pack-{PERIOD}.json")


def add_user(app_db: Path) -> None:
    from ndp.appdb import AppDB, parse_scope

    db = AppDB.open(str(app_db))
    try:
        db.add_user(USER, "viewer", parse_scope("national"), PASSWORD)
    finally:
        db.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(
    packs: Path, app_db: Path, workers: int, cache: int
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    args = [sys.executable, __file__, "--serve", str(packs), str(app_db), str(port)]
    child = subprocess.Popen(  # gunicorn's access log goes nowhere
        [*args, str(workers), str(cache)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return child, port
        except OSError:
            time.sleep(0.2)
    child.kill()
    raise SystemExit("the dashboard did not start within 60 s")


def serve(packs: str, app_db: str, port: str, workers: str, cache: str) -> None:
    """The child process: ``ndp serve``'s gunicorn, with the page cache size given."""
    from ndp.web.serve import run_server
    from ndp.web.settings import Settings

    settings = Settings(packs=Path(packs), app_db=app_db, page_cache_size=int(cache))
    run_server(settings, HOST, int(port), int(workers))


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and its descendants (gunicorn's workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def get(
    port: int, path: str, cookie: str = "", body: bytes | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request("GET" if body is None else "POST", path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()  # keeps the body on the response object for the callers that want it
    connection.close()
    return response


def cookie_of(response: http.client.HTTPResponse, name: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        if header.startswith(f"{name}="):
            return header.split(";", 1)[0]
    raise SystemExit(f"no {name} cookie from the dashboard (status {response.status})")


def sign_in(port: int) -> str:
    """The signed-in user's Cookie header, from the login form as a browser would post it."""
    form = http.client.HTTPConnection(HOST, port, timeout=30)
    form.request("GET", "/login")
    page = form.getresponse()
    html = page.read().decode()
    csrf_cookie = cookie_of(page, "__Host-ndp_csrf")
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    if token is None:
        raise SystemExit("no CSRF token in the login form")
    fields = {"name": USER, "password": PASSWORD, "csrf_token": token.group(1)}
    done = get(port, "/login", csrf_cookie, urlencode(fields).encode())
    if done.status != 302:
        raise SystemExit(f"sign-in answered {done.status}")
    return cookie_of(done, "__Host-ndp_session")


def links(port: int, cookie: str, path: str, attribute: str = "href") -> list[str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie})
    html = connection.getresponse().read().decode()
    return sorted(set(re.findall(rf'{attribute}="(/[^"?#]*)"', html)))


def find_pages(port: int, cookie: str) -> dict[str, list[str]]:
    """Every page kind's URLs, from the national page's links and those of the pages it links,
    and the chart specs some indicator pages name."""
    seen = set(links(port, cookie, f"/{PERIOD}/national"))
    for path in sorted(seen):
        if KINDS["region"].match(path) or KINDS["force"].match(path):
            seen |= set(links(port, cookie, path))
    pages = {kind: sorted(p for p in seen if rule.match(p)) for kind, rule in KINDS.items()}
    pages["national"] = [f"/{PERIOD}/national"]
    # the chart specs a browser fetches after an indicator page, from every 8th page's charts
    specs = [links(port, cookie, p, "data-spec-url") for p in pages["indicator"][::8]]
    pages["chart spec"] = sorted({spec for found in specs for spec in found})
    missing = [kind for kind, found in pages.items() if not found]
    if missing:
        raise SystemExit(f"no {', '.join(missing)} pages linked from the national page")
    return pages


def run_phase(
    phase: str,
    port: int,
    pid: int,
    cookie: str,
    paths: list[str],
    clients: int,
    think: float,
    seconds: float,
) -> Result:
    """``clients`` threads requesting ``paths`` at random for ``seconds`` (at most MAX_REQUESTS
    in all), each waiting ``think`` seconds on average between requests."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            start = time.perf_counter()
            try:
                ok = get(port, path, cookie).status == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                if len(latencies) >= MAX_REQUESTS:
                    return
                latencies.append(elapsed)
                errors[0] += not ok
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))

    cpu, wall = cpu_seconds(pid), time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter() - wall, cpu_seconds(pid) - cpu
    ms = sorted(x * 1000 for x in latencies)
    cuts = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
    return Result(
        phase,
        len(ms),
        errors[0],
        cuts[49],
        cuts[94],
        cuts[98],
        len(ms) / wall,
        cpu * 1000 / max(len(ms), 1),
    )


def bench(packs: Path, app_db: Path, args: argparse.Namespace, cache: int) -> list[Result]:
    child, port = start_server(packs, app_db, args.workers, cache)
    try:
        cookie = sign_in(port)
        pages = find_pages(port, cookie)
        every = [p for found in pages.values() for p in found]
        results = [
            run_phase(
                "static (baseline)",
                port,
                child.pid,
                cookie,
                [STATIC],
                args.clients,
                1.0,
                args.seconds,
            )
        ]
        for kind, paths in pages.items():
            results.append(
                run_phase(
                    f"{kind} ({len(paths)} URLs)",
                    port,
                    child.pid,
                    cookie,
                    paths,
                    args.clients,
                    1.0,
                    args.seconds,
                )
            )
        for name, paths in (("static", [STATIC]), ("every page", every)):
            results.append(
                run_phase(
                    f"saturation: {name}",
                    port,
                    child.pid,
                    cookie,
                    paths,
                    args.clients,
                    0.0,
                    args.seconds / 2,
                )
            )
        return results
    finally:
        child.send_signal(signal.SIGTERM)
        child.wait(timeout=30)


def report(title: str, results: list[Result]) -> None:
    base = results[0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{title} (machine load average after: {load} on {os.cpu_count()} cores)")
    print(
        f"{'phase':<32}{'requests':>9}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
        f"{'req/s':>8}{'CPU ms/req':>11}{'p95/static':>11}"
    )
    for r in results:
        print(
            f"{r.phase:<32}{r.requests:>9}{r.errors:>7}{r.p50:>8.1f}{r.p95:>8.1f}{r.p99:>8.1f}"
            f"{r.per_second:>8.1f}{r.cpu_ms:>11.1f}{r.p95 / base.p95:>11.1f}"
        )
    pages = [r for r in results[1:] if not r.phase.startswith("saturation")]
    worst = max(pages, key=lambda r: r.p95)
    verdict = "meets" if worst.p95 < TARGET_P95_MS else "misses"
    print(
        f"worst page p95 {worst.p95:.1f} ms ({worst.phase}): {verdict} the "
        f"{TARGET_P95_MS:.0f} ms target; errors {sum(r.errors for r in results)}",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(*sys.argv[2:7])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packs", type=Path, help="a folder of published packs (default: demo)")
    parser.add_argument("--seconds", type=float, default=20.0, help="each think-time phase")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ndp-bench-web-") as tmp:
        folder = Path(tmp)
        packs = args.packs
        if packs is None:
            packs = folder / "packs"
            packs.mkdir()
            started = time.perf_counter()
            publish_demo(folder, packs)
            print(f"published the demo pack in {time.perf_counter() - started:.0f} s", flush=True)
        for label, cache in (("page cache on (as shipped)", 512), ("page cache off", 0)):
            app_db = folder / f"app-{cache}.sqlite"
            add_user(app_db)
            report(
                f"{label}: {args.clients} clients, {args.workers} workers",
                bench(packs, app_db, args, cache),
            )


if __name__ == "__main__":
    main()
