"""Integration tests against a real pywb on 127.0.0.1 serving the fixture WARC."""

from __future__ import annotations

from collections.abc import Iterator

import anyio
import httpx
import pytest

from mediacite.models import Resolution
from mediacite.resolver import AsyncResolver, PywbArchive, Resolver, limits, open_archive
from mediacite.resolver.archives import Capture, Query
from mediacite.resolver.transport import Driver
from resolve_support import corpus
from resolve_support.helpers import virtual_time
from resolve_support.pywb_server import pywb_url

__all__ = ["pywb_url"]


@pytest.fixture(autouse=True)
def _virtual_time() -> Iterator[None]:
    with virtual_time():
        yield


def check(resolutions: list[Resolution]) -> None:
    for case, resolution in zip(corpus.CASES, resolutions, strict=True):
        assert resolution.status == case.status, (case.name, resolution.to_dict())
        if case.snapshot_contains:
            assert resolution.snapshot is not None
            assert case.snapshot_contains in resolution.snapshot.original_url, case.name
            assert resolution.snapshot.archived_url.startswith("http://127.0.0.1:")


def test_every_case_on_real_pywb(pywb_url: str) -> None:
    with Resolver(pywb_url, cache=None) as resolver:
        resolutions = resolver.resolve(corpus.citations())
    check(resolutions)
    legacy = resolutions[0]
    assert legacy.snapshot is not None
    assert legacy.snapshot.captured_at == "2019-03-15T08:00:00Z"  # closest to the cited date
    assert legacy.evidence["text"]["score"] == 1.0
    assert "id_/" in legacy.snapshot.archived_url
    photo = resolutions[4]
    tco = next(m for m in photo.evidence["media"] if m["code"] == "t.co/AbC123x")
    assert tco["case_decoys_skipped"] == 1 and "PhotoDesk" in tco["redirects_to"]
    assert photo.snapshot is not None and "Impostor" not in photo.snapshot.original_url


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
