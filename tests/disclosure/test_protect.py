"""Primary and complementary suppression on small hand-made grids, worked out by hand."""

from __future__ import annotations

from ndp.engine.disclosure.grid import Grid
from ndp.engine.disclosure.protect import determined, protect

Q = "2024-25 Q1"
N, R, U = ("nation", Q), ("region", "R", Q), ("unattributed", Q)


def force(name: str) -> tuple[str, ...]:
    return ("force", name, Q)


def _region(values: dict[str, int]) -> Grid:
    """One region R of forces, and the nation N = R + U (a part in no region)."""
    grid = Grid()
    named = {"N": N, "R": R, "U": U}
    for name, value in values.items():
        grid.add(named.get(name, force(name)), value)
    forces = [(force(f), -1) for f in values if f not in named]
    grid.keep([(R, 1), *forces])
    grid.keep([(N, 1), (R, -1), (U, -1)])
    return grid


def test_one_small_force_takes_the_smallest_other_force_with_it() -> None:
    # R 40 = A 3 + B 12 + C 25: A alone is R - B - C, so the smallest other force, B, goes too
    grid = _region({"N": 50, "R": 40, "U": 10, "A": 3, "B": 12, "C": 25})
    held = protect(grid, 10)
    assert held == {force("A"): "count", force("B"): "complementary"}
    assert determined(grid.relations, set(held)) == set()


def test_two_small_forces_protect_each_other() -> None:
    grid = _region({"N": 50, "R": 40, "U": 10, "A": 3, "B": 7, "C": 30})
    assert protect(grid, 10) == {force("A"): "count", force("B"): "count"}


def test_a_small_region_total_takes_a_force_and_the_part_in_no_region() -> None:
    # R 8 is small: R = A + B gives it, so A (the smaller force, 3, is small itself) and B;
    # N = R + U gives R again unless U goes too
    grid = _region({"N": 30, "R": 8, "U": 22, "A": 3, "B": 5})
    held = protect(grid, 10)
    assert held == {R: "count", force("A"): "count", force("B"): "count", U: "complementary"}


def test_a_zero_is_shown_and_never_taken_as_a_complement() -> None:
    # A 4 with B 0 and C 36: B would be the smallest complement, but a suppressed zero can be
    # pinned by the others being positive, so C goes
    grid = _region({"N": 40, "R": 40, "A": 4, "B": 0, "C": 36})
    assert protect(grid, 10) == {force("A"): "count", force("C"): "complementary"}


def test_a_relation_the_figures_do_not_hold_is_not_kept() -> None:
    grid = _region({"N": 50, "R": 41, "U": 9, "A": 3, "B": 12, "C": 25})  # R is not A + B + C
    assert grid.relations == [[(N, 1), (R, -1), (U, -1)]]
