"""Writing values the way real extracts spell them: forces by name, alias or code, enumerations
by their aliases, UK dates, money with pound signs and separators."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from ndp.contract import contract
from ndp.reference import reference


def force_spelling(rng: random.Random, code: str) -> str:
    """One of the names a force is known by (never a misspelling)."""
    force = reference().forces[code]
    return rng.choice([force.name, force.short_name, force.code, *force.aliases])


def enum_spelling(rng: random.Random, enum: str, value: str) -> str:
    return rng.choice([value, *contract().enums[enum][value]])


def uk_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def money(value: Decimal) -> str:
    return f"£{value:,.2f}"
