"""A batch's compiled SQL kept on disk, so a one-shot ``ndp build`` skips Ibis.

Each batch is one JSON file, ``<sha256 of its key>.json``, in the folder ``NDP_CACHE_DIR`` names,
else ``$XDG_CACHE_HOME/ndp/sql``, else ``~/.cache/ndp/sql`` (docs/measures.md). The key holds
everything the SQL is made from (``ndp.engine.query_cache``) and :func:`code_fingerprint`: this
ndp's query-building code and reference data, and the Ibis, sqlglot and DuckDB installed. A file
is written whole or not at all (a temporary file renamed over it). It is read with suspicion:
one not owned by this user, writable by others, unreadable, of another format, for another key,
with a checksum that does not match, or holding anything but a ``SELECT`` is ignored, and the
batch is compiled afresh and the file written again. Failing to write it only costs the next
process a compile.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ndp.store.base import CompiledQuery

FORMAT = 1
#: the parts of ndp whose content the SQL is made from
SOURCES = ("engine", "reference", "contract", "store")
SUFFIXES = frozenset({".py", ".yaml", ".csv"})
#: a query Ibis compiled: one statement, a SELECT (or WITH ... SELECT); a ";" anywhere (even
#: in a literal) and the batch is compiled again rather than trusted
ONE_SELECT = re.compile(r"\s*(SELECT|WITH)\b[^;]*\Z", re.IGNORECASE)


#: what reading a kept file may raise: no file or no home folder to find it in (OSError,
#: RuntimeError), or a file not as written (the rest)
UNREADABLE = (
    OSError,
    RuntimeError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    pa.ArrowException,
)


def cache_dir() -> Path:
    """Where the compiled batches are kept."""
    named = os.environ.get("NDP_CACHE_DIR")
    if named:
        return Path(named).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ndp" / "sql"


@functools.cache
def code_fingerprint() -> str:
    """The content of ndp's query-building code and reference data, and the versions of the
    libraries that compile and run the SQL (their files' sizes and times: no import needed)."""
    digest = hashlib.sha256(duckdb.__version__.encode())
    root = Path(__file__).resolve().parent.parent
    for part in SOURCES:
        for path in sorted((root / part).rglob("*")):
            if path.suffix in SUFFIXES:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for package in ("ibis", "sqlglot"):
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin) if spec and spec.origin else None
        stat = origin.stat() if origin else None
        digest.update(f"{package} {origin} {stat and (stat.st_size, stat.st_mtime_ns)}".encode())
    return digest.hexdigest()


def path_of(key: tuple[str, ...]) -> Path:
    return cache_dir() / f"{hashlib.sha256(json.dumps(key).encode()).hexdigest()}.json"


def read_batch(key: tuple[str, ...]) -> dict[Any, CompiledQuery] | None:
    """The batch kept for ``key``, or None when there is none that can be trusted."""
    try:
        with path_of(key).open("rb") as file:
            stat = os.fstat(file.fileno())
            if stat.st_uid != os.getuid() or stat.st_mode & 0o022:
                return None
            data = json.loads(file.read())
        body = data["body"]
        if data["sha256"] != _checksum(body) or body["format"] != FORMAT:
            return None
        if tuple(body["key"]) != key:
            return None
        return {_key_of(q["key"]): _query_of(q["sql"], q["schema"]) for q in body["queries"]}
    except UNREADABLE:
        return None


def write_batch(key: tuple[str, ...], batch: dict[Any, CompiledQuery]) -> None:
    """Keep ``batch`` for ``key``; a folder that cannot be written is passed over."""
    body = {
        "format": FORMAT,
        "key": list(key),
        "queries": [
            {
                "key": list(k) if isinstance(k, tuple) else k,
                "sql": query.sql,
                "schema": base64.b64encode(query.schema.serialize().to_pybytes()).decode(),
            }
            for k, query in batch.items()
        ],
    }
    text = json.dumps({"sha256": _checksum(body), "body": body})
    try:
        path = path_of(key)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, RuntimeError):
        return


def _checksum(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _key_of(stored: Any) -> Any:
    if isinstance(stored, list):
        if not all(isinstance(part, str) for part in stored):
            raise ValueError("a query key holds only text")
        return tuple(stored)
    if not isinstance(stored, str):
        raise ValueError("a query key is text")
    return stored


def _query_of(sql: Any, schema: Any) -> CompiledQuery:
    if not isinstance(sql, str) or not ONE_SELECT.match(sql):
        raise ValueError("kept SQL is one SELECT")
    raw = base64.b64decode(schema, validate=True)
    return CompiledQuery(sql, pa.ipc.read_schema(pa.py_buffer(raw)))
