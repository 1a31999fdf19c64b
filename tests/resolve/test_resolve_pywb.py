"""Integration tests against a real pywb on 127.0.0.1 serving the fixture WARC."""

from __future__ import annotations

from collections.abc import Iterator

import anyio
import httpx
import pytest

from mediacite.models import Resolution
from mediacite.resolver import (
    AsyncResolver,
    Limiter,
    Options,
    PywbArchive,
    Resolver,
    VirtualClock,
    limits,
    open_archive,
)
from mediacite.resolver.archives import Capture, Query
from mediacite.resolver.transport import Driver
from resolve_support import corpus, shapes
from resolve_support.helpers import virtual_time
from resolve_support.pywb_server import pywb_url

__all__ = ["pywb_url"]


@pytest.fixture(autouse=True)
def _virtual_time() -> Iterator[None]:
    with virtual_time():
        yield


CASES = (*corpus.CASES, *shapes.MIRROR_CASES)
OPTIONS = Options(mirrors=shapes.MIRRORS)


def check(resolutions: list[Resolution], cases: tuple[corpus.Case, ...] = corpus.CASES) -> None:
    for case, resolution in zip(cases, resolutions, strict=True):
        check_case(case, resolution)


def check_case(case: corpus.Case, resolution: Resolution) -> None:
    assert resolution.status == case.status, (case.name, resolution.to_dict())
    if case.snapshot_contains:
        assert resolution.snapshot is not None, case.name
        assert case.snapshot_contains in resolution.snapshot.original_url, case.name
        assert resolution.snapshot.archived_url.startswith("http://127.0.0.1:")
    if case.tombstone:
        assert resolution.tombstone == case.tombstone, case.name
    if case.shape:
        assert resolution.evidence["shape"] == case.shape, case.name


@pytest.fixture(scope="module")
def resolved(pywb_url: str) -> dict[str, Resolution]:
    """Every case (shapes, tombstones, status rules) resolved once against the real pywb."""
    limiter = Limiter(VirtualClock())
    with Resolver(pywb_url, cache=None, limiter=limiter, options=OPTIONS) as resolver:
        resolutions = resolver.resolve([case.citation for case in CASES])
    return {case.name: r for case, r in zip(CASES, resolutions, strict=True)}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case_on_real_pywb(case: corpus.Case, resolved: dict[str, Resolution]) -> None:
    check_case(case, resolved[case.name])


def test_evidence_on_real_pywb(resolved: dict[str, Resolution]) -> None:
    legacy = resolved[corpus.CASES[0].name]
    assert legacy.snapshot is not None
    assert legacy.snapshot.captured_at == "2019-03-15T08:00:00Z"  # closest to the cited date
    assert legacy.evidence["text"]["score"] == 1.0
    assert "id_/" in legacy.snapshot.archived_url
    later = legacy.evidence["tombstone"]  # the 2023 404 row: gone after the linked copy
    assert later["kind"] == "not_found" and later["after_snapshot"] is True
    photo = resolved[corpus.CASES[4].name]
    tco = next(m for m in photo.evidence["media"] if m["code"] == "t.co/AbC123x")
    assert tco["case_decoys_skipped"] == 1 and "PhotoDesk" in tco["redirects_to"]
    assert photo.snapshot is not None and "Impostor" not in photo.snapshot.original_url
    old = next(r for name, r in resolved.items() if "pre-Snowflake" in name)
    assert old.evidence["charset"] == "cp1252" and old.evidence["date"]["ok"]
    eliminated = next(r for name, r in resolved.items() if "elimination" in name)
    assert eliminated.evidence["by_elimination"] and eliminated.evidence["excluded"]


def test_async_resolver_on_real_pywb(pywb_url: str) -> None:
    async def go() -> list[Resolution]:
        async with AsyncResolver(pywb_url, cache=None, concurrency=3) as resolver:
            return await resolver.resolve(corpus.citations())

    check(anyio.run(go))


def _driver(archive: PywbArchive) -> Driver:
    return Driver(archive.hosts, archive.key, archive.policy, limits.default_limiter())


def test_cdx_ndjson_and_lowercased_keys(pywb_url: str) -> None:
    archive = open_archive(pywb_url)
    assert isinstance(archive, PywbArchive)
    with httpx.Client() as client:
        result = _driver(archive).run(client, archive.search(Query("t.co/AbC123x")))
        assert sorted(c.original for c in result.captures) == [
            "https://t.co/AbC123x",
            "https://t.co/abc123x",
        ]
        nothing = _driver(archive).run(client, archive.search(Query("twitter.com/nobody/status/1")))
        assert nothing.captures == () and nothing.complete


def test_replayed_redirect_location_stays_live(pywb_url: str) -> None:
    archive = PywbArchive(pywb_url)
    capture = Capture(archive="pywb", original="https://t.co/AbC123x", timestamp="20181120000000")
    seen: list[httpx.Request] = []
    with httpx.Client(event_hooks={"request": [seen.append]}) as client:
        memento = _driver(archive).run(client, archive.fetch(capture))
    assert memento.status == 301
    assert memento.location == f"https://twitter.com/PhotoDesk/status/{corpus.ID_E}/photo/1"
    assert memento.original == "https://t.co/AbC123x"
    assert [r.url.host for r in seen] == ["127.0.0.1"]


def test_revisit_record_replays_original_content(pywb_url: str) -> None:
    archive = PywbArchive(pywb_url)
    url = f"https://twitter.com/NewsDesk/status/{corpus.ID_A}"
    capture = Capture(archive="pywb", original=url, timestamp="20190901000000")
    with httpx.Client() as client:
        memento = _driver(archive).run(client, archive.fetch(capture))
    assert memento.status == 200
    assert corpus.TEXT_A.encode() in memento.body.replace(b"&#x27;", b"'")
    assert memento.captured_at is not None and memento.captured_at.year == 2019


def test_unreachable_pywb_is_an_error_not_a_hang() -> None:
    from mediacite.resolver import Policy
    from resolve_support.pywb_server import free_port

    archive = PywbArchive(f"http://127.0.0.1:{free_port()}/tweets", policy=Policy(max_attempts=2))
    with Resolver(archive, cache=None) as resolver:
        resolutions = resolver.resolve(corpus.citations()[:2])
    assert [r.status for r in resolutions] == ["error", "error"]
