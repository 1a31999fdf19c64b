"""Deadlines and give-up rules against the loopback fault server: every run ends, and soon.

An archive that answers 429 to everything is given up on after the policy's sustained-failure
window (virtual time, IA's real policy); a byte-trickling archive is cut by the run's deadline
(real time, seconds); an archive that refuses connections is given up on after two tries.
Every citation then ends as ``error`` with the reason, and the command exits 3.
"""

from __future__ import annotations

import argparse
import time

import anyio
import httpx
import pytest

from mediacite.cli import main
from mediacite.cli import resolve as command
from mediacite.errors import ArchiveTimeout
from mediacite.models import Resolution
from mediacite.resolver import AsyncResolver, Policy, RateLimit, WaybackArchive, resolve
from mediacite.resolver.archives import Query
from mediacite.resolver.limits import MAX_INDEX_BYTES, MAX_PLAYBACK_BYTES, Limiter
from mediacite.resolver.transport import Driver
from paths import ROOT
from resolve_support.fake_wayback import FakeWayback
from resolve_support.fault_server import serve
from resolve_support.helpers import virtual_time
from resolve_support.pywb_server import free_port
from resolve_support.workload import generate

WORKLOAD = generate(citations=50, handles=10, seed=5)
FAST = Policy(search=RateLimit(100, 1.0), playback=RateLimit(100, 1.0), backoff=0.05)


def all_errors(resolutions: list[Resolution], reason: str) -> None:
    assert len(resolutions) == len(WORKLOAD.citations)
    assert {r.status for r in resolutions} == {"error"}
    assert all(reason in (r.error or "") for r in resolutions), resolutions[0].error


def test_all_429_is_given_up_on_in_two_minutes() -> None:
    policy = Policy()
    with serve(FakeWayback(WORKLOAD.pages), fault_rate=1.0, faults=("429",)) as server:
        with virtual_time() as clock, httpx.Client(timeout=5) as client:
            resolutions = resolve(
                WORKLOAD.citations, WaybackArchive(server.url), client=client, cache=None
            )
            gave_up_at = clock.now()
        sent = len(server.hits)
    all_errors(resolutions, "gave up on")
    assert sent == 3  # at 0, 60 and 120 s: the next one would be 180 s into the outage
    assert gave_up_at < policy.give_up_after


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_byte_trickling_archive_ends_within_the_deadline(mode: str) -> None:
    deadline = 2.0
    with serve(
        FakeWayback(WORKLOAD.pages), fault_rate=1.0, faults=("trickle",), trickle_seconds=0.2
    ) as server:
        archive = WaybackArchive(server.url, policy=FAST)
        started = time.monotonic()
        if mode == "sync":
            with httpx.Client(timeout=5) as client:
                resolutions = resolve(
                    WORKLOAD.citations, archive, client=client, cache=None, deadline=deadline
                )
        else:

            async def go() -> list[Resolution]:
                async with httpx.AsyncClient(timeout=5) as client:
                    resolver = AsyncResolver(
                        archive, client=client, cache=None, concurrency=3, deadline=deadline
                    )
                    return await resolver.resolve(WORKLOAD.citations)

            resolutions = anyio.run(go)
        took = time.monotonic() - started
    all_errors(resolutions, "deadline")
    assert took < deadline + 1.0


def test_one_request_has_a_total_time_limit_not_a_per_read_one() -> None:
    with serve(
        FakeWayback(WORKLOAD.pages), fault_rate=1.0, faults=("trickle",), trickle_seconds=0.1
    ) as server:
        archive = WaybackArchive(server.url, policy=Policy(request_timeout=0.8, max_attempts=1))
        driver = Driver(archive.hosts, archive.key, archive.policy, Limiter())
        started = time.monotonic()
        with httpx.Client(timeout=5) as client, pytest.raises(ArchiveTimeout, match="in all"):
            driver.run(client, archive.search(Query("twitter.com/Reporter000/status/", "prefix")))
        assert time.monotonic() - started < 1.5


def test_refused_connections_fail_fast() -> None:
    archive = WaybackArchive(f"http://127.0.0.1:{free_port()}")
    attempts: list[httpx.Request] = []
    with virtual_time() as clock, httpx.Client(event_hooks={"request": [attempts.append]}) as c:
        resolutions = resolve(WORKLOAD.citations, archive, client=c, cache=None)
        waited = clock.now()
    all_errors(resolutions, "cannot reach")
    assert len(attempts) == Policy().connect_attempts
    assert waited <= Policy().backoff


def test_command_exits_3_and_logs_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    citations = str(ROOT / "examples" / "archive" / "citations.jsonl")
    unreachable = f"http://127.0.0.1:{free_port()}/tweets"
    argv = ["resolve", citations, "--archive", unreachable, "--no-cache", "-v", "--deadline", "1m"]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == command.EXIT_ERRORS
    assert "cannot reach 127.0.0.1" in err and "citations answered in" in err
    assert "could not be resolved (status error)" in err
    assert '"status": "error"' in out


def test_deadline_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert command._duration("90") == 90 and command._duration("15m") == 900
    assert command._duration("1h") == 3600 and command._duration("0") == 0
    with pytest.raises(argparse.ArgumentTypeError):
        command._duration("soon")


def test_answers_over_the_caps_are_cut_not_kept() -> None:
    fake = FakeWayback(WORKLOAD.pages)
    huge_cdx = b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"]'
    row = b',["com,twitter)/reporter000/status/1","20240101000000",'
    row += b'"https://twitter.com/Reporter000/status/1","text/html","200","D","1"]'
    huge_cdx += row * (MAX_INDEX_BYTES // len(row) + 10) + b"]"
    cited, page = next(
        (c, p)
        for c in WORKLOAD.citations
        for p in fake.pages
        if c.post_id and p.url.endswith(f"/status/{c.post_id}") and b"<html" in p.body
    )
    padded = page.body + b"<!-- padding -->" * (MAX_PLAYBACK_BYTES // 16 + 10)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("url") == "twitter.com/Reporter000/":
            return httpx.Response(200, content=huge_cdx)
        response = fake.respond(request)
        if response.content == page.body:
            return httpx.Response(response.status_code, headers=response.headers, content=padded)
        return response

    archive = WaybackArchive()
    driver = Driver(archive.hosts, archive.key, archive.policy, Limiter())
    with virtual_time(), httpx.Client(transport=httpx.MockTransport(handler)) as client:
        result = driver.run(client, archive.search(Query("twitter.com/Reporter000/", "prefix")))
        (resolution,) = resolve([cited], archive, client=client, cache=None)
    assert not result.complete and 0 < len(result.captures) < MAX_INDEX_BYTES // len(row) + 1
    assert resolution.status == "verified" and resolution.evidence["truncated"] is True
