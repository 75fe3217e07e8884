"""Spreading planned counts over months and days, reproducibly."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ndp.periods import Month, Quarter


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` non-negative whole numbers, roughly even, summing exactly."""
    weights = [rng.uniform(0.8, 1.2) for _ in range(parts)]
    shares = [int(total * w / sum(weights)) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def days_in(rng: random.Random, month: Month, count: int) -> list[date]:
    span = (month.end - month.start).days
    return sorted(month.start + timedelta(days=rng.randint(0, span)) for _ in range(count))


def quarter_days(rng: random.Random, quarter: Quarter, count: int) -> list[date]:
    """``count`` days spread over the quarter's three months."""
    days: list[date] = []
    for month, share in zip(quarter.months, split(rng, count, 3), strict=True):
        days += days_in(rng, month, share)
    return days


def quarter(label: str) -> Quarter:
    return Quarter.parse(label)
