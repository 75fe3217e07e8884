"""The app database's settings, with their documented defaults (docs/dashboard.md)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Argon2Params:
    """argon2id costs. The default is OWASP's baseline (t=2, m=19 MiB, p=1): about 60 ms a
    check on a 2-core server, so a sign-in stays quick while each offline guess needs 19 MiB of
    memory. Raise them when the server has cores to spare; stored hashes are upgraded at each
    user's next sign-in."""

    time_cost: int = 2
    memory_cost: int = 19 * 1024  # KiB
    parallelism: int = 1


@dataclass(frozen=True)
class Throttle:
    """Failed sign-ins allowed per name and per address within ``window`` seconds; beyond
    that, attempts are refused without a password check until the oldest failure ages out."""

    per_name: int = 5
    per_address: int = 20
    window: int = 15 * 60


@dataclass(frozen=True)
class AppSettings:
    """Session timeouts (seconds), password hashing and throttling."""

    idle_timeout: int = 30 * 60
    absolute_timeout: int = 12 * 60 * 60
    argon2: Argon2Params = field(default_factory=Argon2Params)
    throttle: Throttle = field(default_factory=Throttle)
