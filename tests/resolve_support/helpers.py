"""Small helpers shared by the resolve test modules (import them, they are plain functions)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx

from mediacite.resolver import limits

Handler = Callable[[httpx.Request], httpx.Response]


@contextmanager
def virtual_time() -> Iterator[limits.VirtualClock]:
    """Switch the process-wide limiter to virtual time for the duration."""
    clock = limits.set_testing(True)
    assert clock is not None
    try:
        yield clock
    finally:
        limits.set_testing(False)


def recording(
    handler: Handler, clock: limits.VirtualClock | None = None
) -> tuple[httpx.MockTransport, list[tuple[float, httpx.Request]]]:
    """Wrap ``handler`` so every request is logged with the (virtual) time it was sent."""
    log: list[tuple[float, httpx.Request]] = []

    def wrapped(request: httpx.Request) -> httpx.Response:
        log.append((clock.now() if clock else 0.0, request))
        return handler(request)

    return httpx.MockTransport(wrapped), log


def max_in_window(times: list[float], window: float) -> int:
    """The largest number of ``times`` inside any half-open window of ``window`` seconds."""
    times = sorted(times)
    best = 0
    start = 0
    for end, t in enumerate(times):
        while times[start] <= t - window:
            start += 1
        best = max(best, end - start + 1)
    return best
