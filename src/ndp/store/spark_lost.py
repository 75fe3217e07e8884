"""When the Spark Connect server stops answering: a bounded wait, then a message saying where,
what it means for the store, and what to do.

pyspark's client retries a request that finds no server (gRPC's ``UNAVAILABLE``: the
connection refused or reset) under its ``DefaultPolicy``: 15 retries, waiting 50 ms at first
and four times longer each time up to a minute, "at least 10 minutes" in all (pyspark 4.0,
``pyspark/sql/connect/client/retries.py``). Each of a publication's parallel writes and each
of a pack's parallel queries waits so, then ``SparkSession.stop()`` does the same again to
release the session, and closing the client waits for the requests that release query results
(retried the same way): a server killed in the middle of ``ndp publish-store`` held it for
20 minutes and more (a test run waited until its 900 s timeout). ndp's sessions keep
pyspark's policy with a budget of :data:`DEFAULT_WAIT` seconds, or the environment's
:data:`WAIT_VARIABLE` (:func:`bound_retries`), and once a request has given up the session is
closed without another round trip (:func:`forget`).

Not covered: a server whose host vanishes without closing its connections, or that hangs
while its process lives. A request then waits for an answer with no deadline: gRPC keepalive
pings would notice, but the Spark Connect server (4.0) keeps gRPC's default of refusing pings
more often than every five minutes and drops a client that sends them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ndp.errors import NdpError

#: ``DefaultPolicy``'s backoff for ndp's sessions: waits of 100 ms doubling up to 5 s (pyspark
#: adds a jitter of up to 0.5 s to each wait of 2 s or more); :func:`retry_policy` sets how many.
BACKOFF: dict[str, Any] = {"initial_backoff": 100, "backoff_multiplier": 2.0, "max_backoff": 5000}
#: Seconds ndp waits for a server that does not answer, unless :data:`WAIT_VARIABLE` says.
DEFAULT_WAIT = 30
#: The environment variable giving that wait: longer for a cluster that is started on demand
#: and takes minutes to answer (pyspark's own policy waits at least ten).
WAIT_VARIABLE = "NDP_SPARK_WAIT"


def patience() -> int:
    """Seconds to wait for a server that does not answer: :data:`WAIT_VARIABLE`'s, or
    :data:`DEFAULT_WAIT`."""
    text = os.environ.get(WAIT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_WAIT
    if not text.isdigit() or int(text) < 1:
        raise NdpError(
            f"{WAIT_VARIABLE}={text!r}: give the seconds ndp waits for a Spark Connect server "
            f"that does not answer, a whole number from 1 (without it, {DEFAULT_WAIT})"
        )
    return int(text)


def retry_policy(seconds: float) -> dict[str, Any]:
    """``DefaultPolicy``'s arguments: :data:`BACKOFF` with as many retries as fit in
    ``seconds`` (:func:`longest_wait`), at least one."""
    retries = 1
    while longest_wait({**BACKOFF, "max_retries": retries + 1}) <= seconds:
        retries += 1
    return {**BACKOFF, "max_retries": retries}


def longest_wait(policy: dict[str, Any]) -> float:
    """The seconds ``DefaultPolicy(**policy)`` sleeps, at most, before giving up (its waits as
    ``RetryPolicyState.next_attempt`` grows them, each with the largest jitter)."""
    from pyspark.sql.connect.client.retries import DefaultPolicy

    rule = DefaultPolicy(**policy)
    wait, total = float(rule.initial_backoff), 0.0
    for _ in range(rule.max_retries or 0):
        total += wait + (rule.jitter if wait >= rule.min_jitter_threshold else 0)
        if rule.max_backoff is not None:  # pyspark grows the wait only under a ceiling
            wait = min(float(rule.max_backoff), wait * rule.backoff_multiplier)
    return total / 1000


def bound_retries(session: Any) -> None:
    """Give up on an unanswered request after :func:`patience` seconds instead of ten
    minutes."""
    from pyspark.sql.connect.client.retries import DefaultPolicy

    session.client.set_retry_policies([DefaultPolicy(**retry_policy(patience()))])


def forget(session: Any) -> None:
    """Let ``session.stop()`` close the channel without asking the server to release the
    session (the server drops idle sessions itself), and make every request of the session
    give up at its next retry: those still waiting (such as the release of a failed query's
    results, sent from pyspark's thread pool, which closing the session waits for) and those
    not yet sent. A policy's state reads ``max_retries`` from the policy at each retry."""
    session.release_session_on_close = False
    for policy in session.client.get_retry_policies():
        policy.max_retries = 0
    session.client.set_retry_policies([])


def lost(error: BaseException) -> bool:
    """Whether ``error``, or an error it came from, says the server did not answer."""
    import grpc
    from pyspark.errors import RetriesExceeded

    gone = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if isinstance(found, RetriesExceeded):
            return True
        if isinstance(found, grpc.RpcError) and getattr(found, "code", lambda: None)() in gone:
            return True
        found = found.__cause__ or found.__context__
    return False


def shown(location: str) -> str:
    """``location`` for a message: a Spark Connect token (``;token=...``) masked."""
    return re.sub(r"(;token=)[^;]*", r"\1***", location)


def server_lost(server: str, step: str, outcome: str, then: str) -> NdpError:
    return NdpError(
        f"the Spark Connect server {shown(server)} stopped answering while {step} (ndp waited "
        f"for it for {patience()} seconds): {outcome}. Once the server answers again, {then}"
    )


@contextmanager
def answering(
    session: Any, server: str, step: str, outcome: Callable[[], str], then: str
) -> Iterator[None]:
    """Turn the server's silence inside the block into :func:`server_lost`'s message, the
    session forgotten; ``outcome()`` says what that left of the store."""
    try:
        yield
    except NdpError:
        raise
    except Exception as error:
        if not lost(error):
            raise
        forget(session)
        raise server_lost(server, step, outcome(), then) from error
