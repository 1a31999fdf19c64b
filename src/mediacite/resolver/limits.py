"""Politeness: one process-wide rate limiter shared by sync and async code, and retry policy.

The limiter hands out *send times* instead of blocking, so the same instance serves threads
and event loops: sync code sleeps until its slot with :meth:`Clock.sleep_until`, async code
awaits :meth:`Clock.asleep_until`. Every wait goes through the limiter's :class:`Clock`.

For tests, :func:`set_testing` swaps the process-wide limiter's clock for a
:class:`VirtualClock`: waits then advance virtual time instantly, while slots, pauses and
backoff are computed exactly as in production (the clock's :attr:`VirtualClock.now` tells
when each request would have been sent).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Literal, Protocol

import anyio
import attrs

__all__ = [
    "DEFAULT_POLICY",
    "MAX_INDEX_BYTES",
    "MAX_PLAYBACK_BYTES",
    "OFFLINE_POLICY",
    "Bucket",
    "Clock",
    "Limiter",
    "Policy",
    "RateLimit",
    "SystemClock",
    "VirtualClock",
    "default_limiter",
    "is_testing",
    "set_testing",
]

MAX_INDEX_BYTES = 4 << 20
"""Cap of one index answer (a CDX page or a TimeMap): the Wayback's 1,000-row pages are about
250 KB and a pywb answer of 10,000 rows about 2.5 MB; a longer one is read up to here and
treated as cut short (the resolver then narrows its query)."""

MAX_PLAYBACK_BYTES = 4 << 20
"""Cap of one played-back memento: archived post pages are 50-600 KB (legacy permalink pages
with long reply threads the largest) and the post sits near the top; the rest is not read."""

Bucket = Literal["search", "playback"]
"""Which budget a request draws from: ``search`` (CDX, TimeMaps) or ``playback`` (mementos)."""


@attrs.frozen
class RateLimit:
    """At most ``requests`` requests in any window of ``per`` seconds."""

    requests: int = attrs.field(validator=attrs.validators.gt(0))
    per: float = attrs.field(validator=attrs.validators.gt(0))


_SUSTAINED = 3
"""Failures in a row that, spread over ``give_up_after`` seconds, make an outage sustained."""


@attrs.frozen(kw_only=True)
class Policy:
    """How politely one archive is treated: rate limits, 429 pause and retries.

    The defaults stay below the Internet Archive's published limits (CDX and TimeMaps about
    30/min, playback about 600/min) at roughly 80 %: 24 searches a minute, 8 playbacks a
    second. After a 429 the whole archive is paused for ``pause_on_429`` seconds (IA sends no
    ``Retry-After``; clients that keep sending get firewalled). 5xx answers, timeouts, resets
    and unreadable bodies are retried up to ``max_attempts`` times in all, with exponential
    backoff from ``backoff`` seconds capped at ``max_backoff``.

    One request may take ``request_timeout`` seconds in all, from connecting to the last
    byte. The archive is given up on for the rest of a run (:meth:`gives_up`) once
    ``give_up_failures`` requests in a row failed, or at least three did over
    ``give_up_after`` seconds without a success in between (three 429s a minute apart: IA
    firewalls clients that keep sending after 429s); and once ``connect_attempts``
    connections in a row failed before any request succeeded (DNS failure, refused).
    """

    search: RateLimit = RateLimit(24, 60.0)
    playback: RateLimit = RateLimit(8, 1.0)
    pause_on_429: float = attrs.field(default=60.0, validator=attrs.validators.ge(0))
    max_attempts: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    backoff: float = attrs.field(default=2.0, validator=attrs.validators.ge(0))
    max_backoff: float = attrs.field(default=60.0, validator=attrs.validators.ge(0))
    request_timeout: float = attrs.field(default=60.0, validator=attrs.validators.gt(0))
    give_up_after: float = attrs.field(default=150.0, validator=attrs.validators.gt(0))
    give_up_failures: int = attrs.field(default=12, validator=attrs.validators.ge(1))
    connect_attempts: int = attrs.field(default=2, validator=attrs.validators.ge(1))

    def rate(self, bucket: Bucket) -> RateLimit:
        """Return the rate limit of ``bucket``."""
        return self.search if bucket == "search" else self.playback

    def delay(self, attempt: int) -> float:
        """Return the backoff before retry number ``attempt`` (1-based)."""
        return float(min(self.backoff * 2 ** (attempt - 1), self.max_backoff))

    def gives_up(self, failures: int, seconds: float) -> bool:
        """Whether ``failures`` failed requests in a row over ``seconds`` end the run's hope."""
        if failures >= self.give_up_failures:
            return True
        return failures >= _SUSTAINED and seconds >= self.give_up_after


DEFAULT_POLICY = Policy()
"""The policy used for the Internet Archive and, unless configured, for any remote archive."""

OFFLINE_POLICY = Policy(
    search=RateLimit(1_000_000, 1.0), playback=RateLimit(1_000_000, 1.0), max_attempts=1
)
"""The policy of local archives: no network, so nothing to be polite about."""


class Clock(Protocol):
    """Time source and sleeper used by the limiter and by retries."""

    def now(self) -> float:
        """Return the current time in seconds (monotonic)."""

    def sleep_until(self, deadline: float) -> None:
        """Block the calling thread until ``deadline``."""

    async def asleep_until(self, deadline: float) -> None:
        """Suspend the calling task until ``deadline``."""


class SystemClock:
    """The real clock: :func:`time.monotonic`, :func:`time.sleep` and :func:`anyio.sleep`."""

    def now(self) -> float:
        """Return :func:`time.monotonic`."""
        return time.monotonic()

    def sleep_until(self, deadline: float) -> None:
        """Sleep until ``deadline``."""
        delay = deadline - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    async def asleep_until(self, deadline: float) -> None:
        """Await until ``deadline``."""
        delay = deadline - time.monotonic()
        if delay > 0:
            await anyio.sleep(delay)


class VirtualClock:
    """A clock whose sleeps return at once and move virtual time forward.

    Time never goes backwards: sleeping until a past deadline is a no-op. Async sleepers
    wake in deadline order, like a discrete-event simulation: a task only moves time to its
    deadline once no other sleeping task is due earlier, so concurrent tasks send at exactly
    the times the limiter gave them.
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self._sleepers: list[float] = []

    def now(self) -> float:
        """Return the virtual time."""
        with self._lock:
            return self._now

    def sleep_until(self, deadline: float) -> None:
        """Jump to ``deadline`` if it lies ahead."""
        with self._lock:
            self._now = max(self._now, deadline)

    async def asleep_until(self, deadline: float) -> None:
        """Wait for every earlier sleeper, then jump to ``deadline``."""
        with self._lock:
            self._sleepers.append(deadline)
        try:
            while True:
                with self._lock:
                    if deadline <= self._now or deadline <= min(self._sleepers):
                        self._now = max(self._now, deadline)
                        break
                await anyio.sleep(0)
        finally:
            with self._lock:
                self._sleepers.remove(deadline)

    def advance(self, seconds: float) -> None:
        """Move virtual time forward by ``seconds``."""
        with self._lock:
            self._now += seconds


class Limiter:
    """Sliding-window rate limiter with per-archive pauses, safe across threads and loops.

    Archives are named by a key (their host); each has one window per :data:`Bucket`.
    """

    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock or SystemClock()
        self._lock = threading.Lock()
        self._sent: dict[tuple[str, Bucket], deque[float]] = {}
        self._paused: dict[str, float] = {}

    def reserve(self, archive: str, bucket: Bucket, rate: RateLimit) -> float:
        """Reserve the earliest send slot for one request and return its time.

        The slot is at or after now, after any pause of ``archive``, after the previous slot,
        and leaves at most ``rate.requests`` slots in any ``rate.per``-second window.
        """
        with self._lock:
            key = (archive, bucket)
            sent = self._sent.get(key)
            if sent is None or sent.maxlen != rate.requests:
                sent = deque(sent or (), maxlen=rate.requests)
                self._sent[key] = sent
            slot = max(self.clock.now(), self._paused.get(archive, 0.0))
            if sent:
                slot = max(slot, sent[-1])
            if len(sent) == rate.requests:
                slot = max(slot, sent[0] + rate.per)
            sent.append(slot)
            return slot

    def pause(self, archive: str, seconds: float) -> None:
        """Send nothing to ``archive`` for ``seconds`` from now (pauses only ever extend)."""
        with self._lock:
            until = self.clock.now() + seconds
            self._paused[archive] = max(self._paused.get(archive, 0.0), until)

    def paused_until(self, archive: str) -> float:
        """Return the clock time until which ``archive`` is paused (0 when never paused)."""
        with self._lock:
            return self._paused.get(archive, 0.0)

    def reset(self) -> None:
        """Forget every window and pause."""
        with self._lock:
            self._sent.clear()
            self._paused.clear()


_DEFAULT = Limiter()
_SYSTEM_CLOCK = _DEFAULT.clock


def default_limiter() -> Limiter:
    """Return the process-wide limiter every resolver uses unless given another."""
    return _DEFAULT


def set_testing(testing: bool = True) -> VirtualClock | None:
    """Switch the process-wide limiter to a fresh :class:`VirtualClock` (or back).

    Returns the virtual clock when switching on, so tests can read when requests were sent.
    Windows and pauses are reset either way.
    """
    _DEFAULT.reset()
    if testing:
        clock = VirtualClock()
        _DEFAULT.clock = clock
        return clock
    _DEFAULT.clock = _SYSTEM_CLOCK
    return None


def is_testing() -> bool:
    """Tell whether :func:`set_testing` switched the process-wide limiter to virtual time."""
    return isinstance(_DEFAULT.clock, VirtualClock)
