"""What the workflow tests share: cheap hashing costs and a clock moved by hand."""

from __future__ import annotations

from ndp.appdb import AppSettings, Argon2Params

#: cheap argon2 costs: no test here checks hashing
FAST = AppSettings(argon2=Argon2Params(time_cost=1, memory_cost=1024, parallelism=1))


class Clock:
    """Seconds since the epoch, from 2026-12-01 09:00 UTC, moved by ``advance``."""

    def __init__(self) -> None:
        self.now = 1_796_115_600.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
