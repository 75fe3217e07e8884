"""Compiled templates kept once per process: every app ``create_app`` makes in a process shares
them, so a second app (a test's, ``ndp worker``'s beside ``ndp serve``'s) reuses the first's
compiled code instead of compiling the same templates again (about 0.8 s of CPU for all of
them). Jinja keys each entry by the template's name and checks it against the template's
source, so an edited template is compiled afresh. Only ``create_app``'s environments use it:
they all have the same options (``trim_blocks``, ``lstrip_blocks``), which the compiled code
depends on and the key does not name."""

from __future__ import annotations

import threading
from types import CodeType

from jinja2.bccache import Bucket, BytecodeCache


class ProcessBytecodeCache(BytecodeCache):
    """Jinja's compiled code of each template, in this process's memory."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType | None]] = {}
        self._lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        with self._lock:
            self._code.clear()


#: the one cache of this process
TEMPLATE_CODE = ProcessBytecodeCache()
