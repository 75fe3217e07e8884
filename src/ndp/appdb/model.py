"""Who a user is to the dashboard: a role, a scope (the part of the country they may see), and
the errors a sign-in can end in.

A scope is written ``national``, ``region:NAME`` or ``force:CODE``. Regions are kept as their
name in the pack ("South East"), forces as their code ("E23000030"): both are canonicalised
through the shipped reference data, so any accepted spelling or alias names the same scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ndp.errors import NdpError
from ndp.reference import UnknownName, reference

Role = Literal["viewer", "analyst", "approver", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)

ScopeKind = Literal["national", "region", "force"]
SCOPE_FORMS = "national, region:NAME or force:CODE (a force's code, name or alias)"


@dataclass(frozen=True)
class Scope:
    """The part of the country a user may see: the nation, one region, or one force."""

    kind: ScopeKind
    code: str | None = None

    def __str__(self) -> str:
        return self.kind if self.code is None else f"{self.kind}:{self.code}"


NATIONAL = Scope("national")


@dataclass(frozen=True)
class Principal:
    """A signed-in user as the dashboard sees them."""

    user_id: int | None
    name: str
    role: Role
    scope: Scope


class LoginRefused(NdpError):
    """A sign-in failed. The message is the same whatever was wrong (unknown name, wrong
    password, revoked account), so it tells a guesser nothing."""

    def __init__(self) -> None:
        super().__init__("The name or password is not right.")


class LoginThrottled(NdpError):
    """Too many failed sign-ins for this name or address: refused without checking."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes > 1 else ''}."
        )


def parse_role(text: str) -> Role:
    """``text`` as a role; ``NdpError`` naming the roles otherwise."""
    for role in ROLES:
        if text == role:
            return role
    raise NdpError(f"role {text!r} is not known: use one of {', '.join(ROLES)}")


def parse_scope(text: str) -> Scope:
    """``national``, ``region:NAME`` or ``force:CODE`` as a canonical ``Scope``."""
    kind, sep, name = text.strip().partition(":")
    kind = kind.strip().lower()
    name = name.strip()
    if kind == "national" and not sep:
        return NATIONAL
    if kind in ("region", "force") and name:
        ref = reference()
        try:
            if kind == "region":
                return Scope("region", ref.region(name).name)
            return Scope("force", ref.force(name).code)
        except UnknownName as unknown:
            nearest = f" (nearest: {', '.join(unknown.suggestions)})" if unknown.suggestions else ""
            noun = "region" if kind == "region" else "force or unit"
            raise NdpError(
                f"scope {text!r}: no {noun} is called {name!r}{nearest}; write {SCOPE_FORMS}"
            ) from None
    raise NdpError(f"scope {text!r} is not understood: write {SCOPE_FORMS}")
