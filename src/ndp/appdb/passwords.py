"""Password hashing with argon2id at explicit costs, and generated passwords.

An unknown name is checked against a dummy hash made at the same costs, so a sign-in takes as
long whether or not the name exists: timing does not tell a guesser which names are real.
"""

from __future__ import annotations

import secrets
from functools import cached_property

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ndp.appdb.settings import Argon2Params


def generate_password() -> str:
    """A random password of 24 URL-safe characters (144 bits)."""
    return secrets.token_urlsafe(18)


class Passwords:
    """Hashes and checks passwords at one set of argon2id costs."""

    def __init__(self, params: Argon2Params) -> None:
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=32,
            salt_len=16,
            type=Type.ID,
        )

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    @cached_property
    def _dummy(self) -> str:
        return self._hasher.hash(secrets.token_urlsafe(18))

    def check(self, stored: str | None, password: str) -> bool:
        """Whether ``password`` matches ``stored``; with no stored hash (an unknown name, an
        account that signs in elsewhere) the dummy hash is checked, at the same cost, and the
        answer is always no."""
        try:
            matched = self._hasher.verify(stored or self._dummy, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        return matched and stored is not None

    def needs_rehash(self, stored: str) -> bool:
        """Whether ``stored`` was made at other costs than these."""
        return self._hasher.check_needs_rehash(stored)
