"""Failed sign-ins are counted in the database, per name and per address, so the limit holds
across worker processes."""

from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from appdb_workers import first_admin, guess

from conftest import FAST, Clock
from ndp.appdb import AppDB, AppSettings, LoginRefused, LoginThrottled, Scope, Throttle

KENT = Scope("force", "E23000032")


def fail(db: AppDB, name: str, addr: str | None = "192.0.2.1", times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(LoginRefused):
            db.authenticate(name, "wrong", addr)


def test_five_failures_for_a_name_throttle_it(appdb: AppDB, clock: Clock) -> None:
    password = appdb.add_user("ann", "viewer", KENT)
    fail(appdb, "ann", times=5)
    with pytest.raises(LoginThrottled) as raised:
        appdb.authenticate("ann", password, "198.51.100.7")  # even the right password
    assert raised.value.retry_after == 15 * 60
    assert str(raised.value) == "Too many failed sign-ins. Try again in 15 minutes."
    clock.advance(14 * 60 + 30)
    with pytest.raises(LoginThrottled) as raised:
        appdb.authenticate("ann", password, None)
    assert raised.value.retry_after == 30
    assert str(raised.value) == "Too many failed sign-ins. Try again in 1 minute."
    clock.advance(30)
    assert appdb.authenticate("ann", password, None).name == "ann"


def test_failures_spread_in_time_age_out_one_by_one(appdb: AppDB, clock: Clock) -> None:
    appdb.add_user("ann", "viewer", KENT)
    for _ in range(5):
        fail(appdb, "ann")
        clock.advance(60)
    with pytest.raises(LoginThrottled) as raised:
        appdb.authenticate("ann", "wrong", None)
    # the oldest failure is 5 minutes old: it leaves the 15-minute window in 10 minutes
    assert raised.value.retry_after == 10 * 60
    clock.advance(10 * 60)
    fail(appdb, "ann")
    with pytest.raises(LoginThrottled) as raised:
        appdb.authenticate("ann", "wrong", None)
    assert raised.value.retry_after == 60


def test_a_success_clears_the_names_failures(appdb: AppDB) -> None:
    password = appdb.add_user("ann", "viewer", KENT)
    fail(appdb, "ann", times=4)
    appdb.authenticate("ann", password, "192.0.2.1")
    fail(appdb, "ann", times=4)
    assert appdb.authenticate("ann", password, "192.0.2.1").name == "ann"


def test_unknown_names_are_throttled_alike(appdb: AppDB) -> None:
    fail(appdb, "nobody", times=5)
    with pytest.raises(LoginThrottled):
        appdb.authenticate("nobody", "wrong", None)


def test_one_address_guessing_many_names_is_throttled(app_path: str, clock: Clock) -> None:
    settings = AppSettings(argon2=FAST.argon2, throttle=Throttle(per_name=5, per_address=8))
    with AppDB.open(app_path, settings=settings, clock=clock) as db:
        password = db.add_user("ann", "viewer", KENT)
        for n in range(8):
            fail(db, f"name-{n}", addr="203.0.113.9")
        with pytest.raises(LoginThrottled):
            db.authenticate("ann", password, "203.0.113.9")
        # the same account from elsewhere is not held up by that address
        assert db.authenticate("ann", password, "198.51.100.7").name == "ann"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request: pytest.FixtureRequest, app_path: str) -> str:
    if request.param == "sqlite":
        return app_path
    return str(request.getfixturevalue("pg_url"))


def test_the_limit_holds_across_processes(location: str) -> None:
    with AppDB.open(location, settings=FAST) as db:
        db.add_user("ann", "viewer", KENT)
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(4) as pool:
        results = pool.starmap(guess, [(location, "ann", 5)] * 4)
    outcomes = Counter(o for result in results for o in result)
    # 20 guesses from 4 processes: exactly 5 were checked, as from one process
    assert outcomes == Counter({"refused": 5, "throttled": 15})


def test_workers_starting_together_make_one_first_admin(location: str) -> None:
    AppDB.open(location, settings=FAST).close()
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(4) as pool:
        created = pool.map(first_admin, [location] * 4)
    assert sorted(created) == [False, False, False, True]
    with AppDB.open(location, settings=FAST) as db:
        assert [p.name for p in db.list_users()] == ["admin"]
