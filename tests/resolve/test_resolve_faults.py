"""Faults: 429, 500, resets, slow answers and truncated bodies at a 30 % rate.

Every citation must reach a final status, none lost; faults may only turn an answer into
``error``, never into a different answer; the limiter's windows and 429 pauses hold.
"""

from __future__ import annotations

import random
from collections import Counter

import anyio
import httpx
import pytest

from mediacite.models import STATUSES, Resolution
from mediacite.resolver import (
    AsyncResolver,
    Policy,
    RateLimit,
    VirtualClock,
    WaybackArchive,
    resolve,
)
from resolve_support.fake_wayback import FakeWayback
from resolve_support.fault_server import serve
from resolve_support.helpers import max_in_window, recording, virtual_time
from resolve_support.workload import generate

WORKLOAD = generate(citations=120, handles=25, seed=3)

FAST = Policy(
    search=RateLimit(30, 1.0),
    playback=RateLimit(60, 1.0),
    pause_on_429=0.3,
    max_attempts=4,
    backoff=0.02,
    max_backoff=0.1,
)


def clean_answers() -> list[str]:
    fake = FakeWayback(WORKLOAD.pages)
    with virtual_time(), httpx.Client(transport=fake.transport()) as client:
        return [r.status for r in resolve(WORKLOAD.citations, client=client, cache=None)]


CLEAN = clean_answers()


def check_final(resolutions: list[Resolution]) -> Counter[str]:
    assert len(resolutions) == len(WORKLOAD.citations)
    statuses = [r.status for r in resolutions]
    assert all(s in STATUSES for s in statuses)
    for got, want, resolution in zip(statuses, CLEAN, resolutions, strict=True):
        if got == "error":
            assert resolution.error
        else:
            assert got == want, resolution.to_dict()
    counts = Counter(statuses)
    assert counts["error"] < len(statuses) * 0.2
    return counts


def test_clean_run_is_mostly_verified() -> None:
    counts = Counter(CLEAN)
    assert counts["verified"] > len(CLEAN) * 0.6 and counts["not_archived"] > 0


def test_sync_over_loopback_with_30_percent_faults() -> None:
    with serve(FakeWayback(WORKLOAD.pages), fault_rate=0.3, slow_seconds=0.6, seed=11) as server:
        with httpx.Client(timeout=0.3) as client:
            resolutions = resolve(
                WORKLOAD.citations,
                WaybackArchive(server.url, policy=FAST),
                client=client,
                cache=None,
            )
        hits = list(server.hits)
    check_final(resolutions)
    faults = Counter(h.fault for h in hits)
    assert all(faults[f] > 0 for f in ("429", "500", "reset", "slow", "truncated"))
    cdx = [h.at for h in hits if h.kind == "cdx"]
    assert max_in_window(cdx, 0.9) <= 30
    for index, hit in enumerate(hits[:-1]):
        if hit.fault == "429":
            assert hits[index + 1].at - hit.at >= 0.3 - 0.02


def test_async_over_loopback_with_30_percent_faults() -> None:
    async def go(url: str) -> list[Resolution]:
        async with httpx.AsyncClient(timeout=0.3) as client:
            resolver = AsyncResolver(
                WaybackArchive(url, policy=FAST), client=client, cache=None, concurrency=4
            )
            return await resolver.resolve(WORKLOAD.citations)

    with serve(FakeWayback(WORKLOAD.pages), fault_rate=0.3, slow_seconds=0.6, seed=12) as server:
        resolutions = anyio.run(go, server.url)
        hits = list(server.hits)
    check_final(resolutions)
    assert max_in_window([h.at for h in hits if h.kind == "cdx"], 0.9) <= 30


def faulty(
    fake: FakeWayback, rate: float, seed: int, clock: VirtualClock, limited: list[float]
) -> httpx.MockTransport:
    rng = random.Random(seed)

    def handler(request: httpx.Request) -> httpx.Response:
        roll = rng.random()
        if roll < rate / 5:
            limited.append(clock.now())
            return httpx.Response(429)
        if roll < 2 * rate / 5:
            return httpx.Response(502)
        if roll < 3 * rate / 5:
            raise httpx.ConnectError("connection reset by peer", request=request)
        if roll < 4 * rate / 5:
            raise httpx.ReadTimeout("timed out", request=request)
        response = fake.respond(request)
        if roll < rate:
            return httpx.Response(200, content=response.content[: len(response.content) // 2])
        return response

    return httpx.MockTransport(handler)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_default_policy_in_virtual_time(mode: str) -> None:
    """IA's real budget (24 searches/min, 60 s pause after a 429), proven without sleeping."""
    fake = FakeWayback(WORKLOAD.pages)
    with virtual_time() as clock:
        limited: list[float] = []
        transport, log = recording(faulty(fake, 0.3, 5, clock, limited).handle_request, clock)
        if mode == "sync":
            with httpx.Client(transport=transport) as client:
                resolutions = resolve(WORKLOAD.citations, client=client, cache=None)
        else:

            async def go() -> list[Resolution]:
                async with httpx.AsyncClient(transport=transport) as client:
                    resolver = AsyncResolver(client=client, cache=None, concurrency=4)
                    return await resolver.resolve(WORKLOAD.citations)

            resolutions = anyio.run(go)
    check_final(resolutions)
    searches = [t for t, r in log if r.url.path.startswith("/cdx/")]
    playbacks = [t for t, r in log if r.url.path.startswith("/web/")]
    assert max_in_window(searches, 60.0) <= 24
    assert max_in_window(playbacks, 1.0) <= 8
    assert clock.now() >= 60 * (len(searches) // 24)
    assert limited
    for paused_at in limited:
        assert not [t for t, _ in log if paused_at < t < paused_at + 60]
