"""Unit tests of mediacite.resolver with httpx.MockTransport: no sockets, no real sleeping."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator

import anyio
import httpx
import pytest

from mediacite.errors import (
    ArchiveRejected,
    ArchiveResponseError,
    ArchiveTimeout,
    ArchiveUnavailable,
    BlockedHost,
    RateLimited,
)
from mediacite.models import Citation
from mediacite.resolver import (
    AsyncResolver,
    Cache,
    Limiter,
    Policy,
    RateLimit,
    VirtualClock,
    WaybackArchive,
    limits,
    resolve,
)
from mediacite.resolver.archives import Capture, MementoArchive, PywbArchive, Query, open_archive
from mediacite.resolver.archives.cdx import CdxPage, parse_cdx
from mediacite.resolver.read import read
from mediacite.resolver.transport import Call, Driver
from mediacite.resolver.urls import common_prefix, parse_timestamp, surt
from mediacite.resolver.verify import normalize_text, text_similarity, verify
from mediacite.snowflake import id_range, snowflake_time
from mediacite.twitter import StatusRef, media_codes, parse_status_url
from resolve_support import corpus
from resolve_support.fake_wayback import FakeWayback
from resolve_support.helpers import max_in_window, recording, virtual_time


@pytest.fixture(autouse=True)
def clock() -> Iterator[VirtualClock]:
    with virtual_time() as virtual:
        yield virtual


def cdx_response(body: str | bytes, status: int = 200) -> httpx.Response:
    content = body.encode() if isinstance(body, str) else body
    return httpx.Response(status, content=content, request=httpx.Request("GET", "https://a/cdx"))


# -- urls ---------------------------------------------------------------------------------------


def test_snowflake_time_and_range() -> None:
    when = snowflake_time("1106133365683126273")
    assert when is not None and when.date() == dt.date(2019, 3, 14)
    assert snowflake_time("20") is None  # pre-Snowflake
    lo, hi = id_range(corpus.utc(2019, 3, 14), corpus.utc(2019, 3, 15))
    assert lo <= int(corpus.ID_A) < hi
    assert common_prefix(lo, hi - 1) and str(lo).startswith(common_prefix(lo, hi - 1))
    assert common_prefix(999, 1000) == ""


def test_surt_folds_like_archives() -> None:
    assert surt("https://www.Twitter.com/Jack/status/20/") == "com,twitter)/jack/status/20"
    assert surt("http://t.co/AbCd") == surt("https://t.co/abcd")
    assert surt("twitter.com/a/status/1?s=20&b=1") == "com,twitter)/a/status/1?b=1&s=20"
    assert surt("x.com/a/status/1") != surt("twitter.com/a/status/1")


def test_parse_status_url_and_media_codes() -> None:
    assert parse_status_url("https://mobile.twitter.com/Jack/statuses/20?s=20") == StatusRef(
        "mobile.twitter.com", "Jack", "20"
    )
    assert parse_status_url("/jack/status/20/photo/1") == StatusRef("", "jack", "20")
    assert parse_status_url("http://www.twitter.com:80/jack/status/20") == StatusRef(
        "twitter.com", "jack", "20"
    )
    assert parse_status_url("https://x.com/i/web/status/20") == StatusRef("x.com", None, "20")
    assert parse_status_url("https://twitter.com/jack") is None
    codes = media_codes(["pic.twitter.com/AbC123xYz0", "see https://t.co/AbC123x now"])
    assert codes == (("pic.twitter.com", "AbC123xYz0"), ("t.co", "AbC123x"))
    assert media_codes(["pic.twitter.com/AbC123x"]) == ()  # a pic code has 8 or 10 characters


def test_parse_timestamp_pads() -> None:
    assert parse_timestamp("2019") == corpus.utc(2019, 1, 1)
    assert parse_timestamp("201903") == corpus.utc(2019, 3, 1)
    with pytest.raises(ValueError):
        parse_timestamp("2019-03")


# -- CDX parsing: every bad shape the issue lists -------------------------------------------------

HEADER = '["urlkey","timestamp","original","mimetype","statuscode","digest","length"]'
ROW = '["com,twitter)/a/status/1","20190315080000","https://twitter.com/a/status/1","text/html","200","D","1"]'


def test_cdx_empty_array_is_no_captures() -> None:
    assert parse_cdx("wayback", cdx_response("[]")) == CdxPage([])
    assert parse_cdx("wayback", cdx_response("")) == CdxPage([])


def test_cdx_header_row_only() -> None:
    assert parse_cdx("wayback", cdx_response(f"[{HEADER}]")) == CdxPage([])


def test_cdx_rows_and_resume_key() -> None:
    body = f'[{HEADER},{ROW},[],["com,twitter)/a/status/2 20190401"]]'
    page = parse_cdx("wayback", cdx_response(body))
    assert [c.timestamp for c in page.captures] == ["20190315080000"]
    assert page.resume == "com,twitter)/a/status/2 20190401" and not page.cut


def test_cdx_resume_key_without_rows() -> None:
    assert parse_cdx("wayback", cdx_response('[[],["k"]]')) == CdxPage([], "k")


def test_cdx_revisit_and_redirect_rows() -> None:
    revisit = '["k","20190901000000","https://twitter.com/a/status/1","warc/revisit","-","D","1"]'
    moved = '["k","20181120000000","https://t.co/AbC","unk","301","D","1"]'
    captures = parse_cdx("wayback", cdx_response(f"[{HEADER},{revisit},{moved}]")).captures
    assert captures[0].is_revisit and captures[0].status is None
    assert captures[1].status == 301 and captures[1].mimetype == "unk"


@pytest.mark.parametrize(
    "body",
    [
        f"[{HEADER},{ROW}",  # truncated
        f'[{HEADER},["only","three","fields"]]',  # malformed row
        '{"not": "an array"',  # truncated object
        "<!DOCTYPE html><html><body>Wayback Machine is temporarily offline</body></html>",
        "[1, 2, 3]",
        "Internal error",
    ],
)
def test_cdx_unreadable_bodies(body: str) -> None:
    with pytest.raises(ArchiveResponseError):
        parse_cdx("wayback", cdx_response(body))


def test_cdx_pywb_ndjson_and_400() -> None:
    line = json.dumps(
        {
            "urlkey": "co,t)/abc",
            "timestamp": "20150102030405",
            "url": "https://t.co/AbC",
            "mime": "unk",
            "status": "301",
            "digest": "X",
            "length": "3",
        }
    )
    page = parse_cdx("pywb", cdx_response(line + "\n" + line + "\n"))
    assert len(page.captures) == 2 and page.captures[0].original == "https://t.co/AbC"
    assert page.resume is None
    with pytest.raises(ArchiveRejected):
        parse_cdx("pywb", cdx_response('{"message": "Invalid matchType"}', status=400))


def test_wayback_search_follows_resume_keys() -> None:
    fake = FakeWayback()
    archive = WaybackArchive(page_size=2)
    with httpx.Client(transport=fake.transport()) as client:
        driver = Driver(archive.hosts, archive.key, archive.policy, limits.default_limiter())
        result = driver.run(client, archive.search(Query("twitter.com/NewsDesk/status/", "prefix")))
    assert result.complete
    assert len(result.captures) == 7
    assert fake.counts["cdx"] == 4


def test_wayback_search_stops_after_max_pages() -> None:
    archive = WaybackArchive(page_size=1, max_pages=2)
    fake = FakeWayback()
    with httpx.Client(transport=fake.transport()) as client:
        driver = Driver(archive.hosts, archive.key, archive.policy, limits.default_limiter())
        result = driver.run(client, archive.search(Query("twitter.com/NewsDesk/", "prefix")))
    assert not result.complete and len(result.captures) == 2


# -- the driver: politeness, retries, allow-list ------------------------------------------------


def _driver(policy: Policy | None = None) -> Driver:
    archive = WaybackArchive(policy=policy or Policy())
    return Driver(archive.hosts, archive.key, archive.policy, limits.default_limiter())


def _cdx_call() -> Call[CdxPage]:
    request = httpx.Request("GET", "https://web.archive.org/cdx/search/cdx", params={"url": "x"})
    return Call(request, "search", lambda r: parse_cdx("wayback", r))


def test_429_pauses_the_archive_for_a_minute(clock: VirtualClock) -> None:
    answers = iter([429, 200])
    transport, log = recording(lambda r: httpx.Response(next(answers), content=b"[]"), clock)
    with httpx.Client(transport=transport) as client:
        assert _driver().send(client, _cdx_call()) == CdxPage([])
    (t0, _), (t1, _) = log
    assert t1 - t0 >= 60


def test_429_until_attempts_run_out_is_rate_limited(clock: VirtualClock) -> None:
    transport, log = recording(lambda r: httpx.Response(429), clock)
    with httpx.Client(transport=transport) as client, pytest.raises(RateLimited):
        _driver(Policy(max_attempts=3)).send(client, _cdx_call())
    times = [t for t, _ in log]
    assert len(times) == 3 and all(b - a >= 60 for a, b in itertools.pairwise(times))


def test_5xx_retried_with_backoff_then_error(clock: VirtualClock) -> None:
    transport, log = recording(lambda r: httpx.Response(503), clock)
    with httpx.Client(transport=transport) as client, pytest.raises(ArchiveUnavailable):
        _driver(Policy(max_attempts=4, backoff=2.0)).send(client, _cdx_call())
    times = [t for t, _ in log]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 4 and gaps == sorted(gaps) and gaps[0] >= 2


def test_timeouts_and_resets() -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    def reset(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer closed connection", request=request)

    for handler, error in ((timeout, ArchiveTimeout), (reset, ArchiveUnavailable)):
        with httpx.Client(transport=httpx.MockTransport(handler)) as client, pytest.raises(error):
            _driver(Policy(max_attempts=2)).send(client, _cdx_call())


def test_html_error_page_with_200_is_retried() -> None:
    answers = iter([b"<html>Error</html>", b"[]"])
    transport, log = recording(lambda r: httpx.Response(200, content=next(answers)))
    with httpx.Client(transport=transport) as client:
        assert _driver().send(client, _cdx_call()) == CdxPage([])
    assert len(log) == 2


def test_rejected_requests_are_not_retried() -> None:
    transport, log = recording(lambda r: httpx.Response(400, content=b'{"message":"bad"}'))
    with httpx.Client(transport=transport) as client, pytest.raises(ArchiveRejected):
        _driver().send(client, _cdx_call())
    assert len(log) == 1


def test_only_configured_hosts_and_user_agent() -> None:
    transport, log = recording(lambda r: httpx.Response(200, content=b"[]"))
    with httpx.Client(transport=transport) as client:
        driver = _driver()
        driver.send(client, _cdx_call())
        assert log[0][1].headers["User-Agent"].startswith("mediacite/")
        outside = httpx.Request("GET", "https://twitter.com/jack/status/20")
        with pytest.raises(BlockedHost):
            driver.send(client, Call(outside, "playback", lambda r: r))
    assert len(log) == 1


def test_archived_redirects_are_not_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            301,
            headers={
                "Location": "https://twitter.com/a/status/1/photo/1",
                "Memento-Datetime": "Fri, 02 Jan 2015 03:04:05 GMT",
            },
        )

    transport, log = recording(handler)
    archive = WaybackArchive()
    capture = Capture(archive="wayback", original="https://t.co/AbC", timestamp="20150102030405")
    with httpx.Client(transport=transport, follow_redirects=True) as client:
        driver = Driver(archive.hosts, archive.key, archive.policy, limits.default_limiter())
        memento = driver.run(client, archive.fetch(capture))
    assert len(log) == 1
    assert memento.status == 301
    assert memento.location == "https://twitter.com/a/status/1/photo/1"
    assert memento.archive_redirect is None


def test_in_archive_timestamp_redirect_is_followed() -> None:
    fake = FakeWayback()
    archive = WaybackArchive()
    page = corpus.PAGES[1]
    capture = Capture(archive="wayback", original=page.url, timestamp="20190322000000")
    with httpx.Client(transport=fake.transport()) as client:
        driver = Driver(archive.hosts, archive.key, archive.policy, limits.default_limiter())
        memento = driver.run(client, archive.fetch(capture))
    assert memento.status == 200
    assert memento.captured_at == page.captured
    assert fake.counts["playback"] == 2


# -- the limiter --------------------------------------------------------------------------------


def test_limiter_windows_without_sleeping(clock: VirtualClock) -> None:
    limiter = Limiter(clock)
    rate = RateLimit(24, 60.0)
    slots = []
    for _ in range(100):
        slot = limiter.reserve("ia", "search", rate)
        clock.sleep_until(slot)
        slots.append(slot)
    assert max_in_window(slots, 60.0) == 24
    assert slots[-1] >= 3 * 60
    limiter.pause("ia", 60)
    assert limiter.reserve("ia", "playback", RateLimit(8, 1)) >= clock.now() + 60


def test_set_testing_switch() -> None:
    assert limits.is_testing()
    limits.set_testing(False)
    assert not limits.is_testing()
    limits.set_testing(True)


def test_sync_and_async_share_the_limiter(clock: VirtualClock) -> None:
    fake = FakeWayback()
    transport, log = recording(fake.respond, clock)
    policy = Policy(search=RateLimit(2, 10.0))
    citations = [
        Citation(platform="twitter", kind="byline", handle=f"user{i}", post_id=str(1000 + i))
        for i in range(6)
    ]
    resolve(
        citations,
        WaybackArchive(policy=policy),
        client=httpx.Client(transport=transport),
        cache=None,
    )

    async def go() -> None:
        async with httpx.AsyncClient(transport=transport) as client:
            resolver = AsyncResolver(
                WaybackArchive(policy=policy), client=client, cache=None, concurrency=4
            )
            await resolver.resolve(citations)

    anyio.run(go)
    times = [t for t, r in log if "/cdx/" in r.url.path]
    assert len(times) == 6 * 4 * 2  # three hosts and /i/web/status, twice
    assert max_in_window(times, 10.0) <= 2


# -- verification -------------------------------------------------------------------------------


def _reading(body: bytes, status: int = 200, ctype: str = "text/html") -> object:
    from mediacite.resolver.archives.base import Memento

    memento = Memento(
        archive="t",
        uri_m="https://a/1",
        original="https://twitter.com/NewsDesk/status/" + corpus.ID_A,
        captured_at=corpus.utc(2019, 3, 15),
        status=status,
        headers={"content-type": ctype},
        body=body,
    )
    return read(memento, corpus.ID_A)


CITED_A = Citation(
    platform="twitter",
    kind="byline",
    handle="newsdesk",
    post_id=corpus.ID_A,
    date="2019-03-14",
    text=corpus.TEXT_A,
)


def test_verify_shapes() -> None:
    legacy = corpus.legacy_html("NewsDesk", "News Desk", corpus.ID_A, corpus.TEXT_A, "x")
    verdict = verify(CITED_A, _reading(legacy), corpus.ID_A)  # type: ignore[arg-type]
    assert verdict.outcome == "verified" and verdict.evidence["shape"] == "legacy-html"
    assert verdict.evidence["handle"]["ok"] and verdict.evidence["date"]["ok"]
    assert verdict.evidence["text"]["score"] == 1.0
    og = corpus.og_only_html("NewsDesk", "News Desk", corpus.ID_A, corpus.TEXT_A)
    post = _reading(og).post  # type: ignore[attr-defined]
    assert post is not None and post.shape == "og-meta" and post.text == corpus.TEXT_A


def test_verify_outcomes() -> None:
    assert verify(CITED_A, _reading(corpus.SHELL_HTML)).outcome == "shell"  # type: ignore[arg-type]
    gone = verify(CITED_A, _reading(corpus.DELETED_HTML, 404))  # type: ignore[arg-type]
    assert gone.outcome == "tombstone" and gone.evidence["tombstone"]["kind"] == "not_found"
    other = corpus.legacy_html("Someone", "S", corpus.ID_A, corpus.TEXT_A, "x")
    verdict = verify(CITED_A, _reading(other))  # type: ignore[arg-type]
    assert verdict.outcome == "mismatch" and not verdict.evidence["handle"]["ok"]
    assert verdict.evidence["differs"] == ["handle"]
    late = Citation(
        platform="twitter", kind="byline", handle="NewsDesk", post_id=corpus.ID_A, date="2019-04-20"
    )
    legacy = corpus.legacy_html("NewsDesk", "News Desk", corpus.ID_A, corpus.TEXT_A, "x")
    verdict = verify(late, _reading(legacy), corpus.ID_A)  # type: ignore[arg-type]
    assert verdict.outcome == "mismatch" and not verdict.evidence["date"]["ok"]


def test_text_similarity() -> None:
    assert normalize_text("“Hello,   WORLD!” https://t.co/x") == "hello world"
    assert text_similarity("The bridge on Route 9 is closed…", corpus.TEXT_A) == 1.0
    assert text_similarity("Completely different words here", corpus.TEXT_A) < 0.5


# -- the resolver against an IA-shaped archive ------------------------------------------------------


def _check_cases(resolutions: list[object]) -> None:
    for case, resolution in zip(corpus.CASES, resolutions, strict=True):
        assert resolution.status == case.status, (case.name, resolution.to_dict())  # type: ignore[attr-defined]
        if case.snapshot_contains:
            assert case.snapshot_contains in resolution.snapshot.original_url, case.name  # type: ignore[attr-defined]
        if case.tombstone:
            assert resolution.evidence["tombstone"]["kind"] == case.tombstone, case.name  # type: ignore[attr-defined]


def test_resolver_on_wayback_shapes() -> None:
    fake = FakeWayback()
    with httpx.Client(transport=fake.transport()) as client:
        resolutions = resolve(corpus.citations(), client=client, cache=None)
    _check_cases(resolutions)
    decoy = resolutions[4]
    assert decoy.evidence["media"][1]["case_decoys_skipped"] == 1
    assert decoy.snapshot is not None and "Impostor" not in decoy.snapshot.original_url
    assert all(r.candidates for r in resolutions if r.citation.handle)


def test_async_resolver_gives_the_same_answers() -> None:
    fake = FakeWayback()

    async def go() -> list[object]:
        async with httpx.AsyncClient(transport=fake.transport()) as client:
            resolver = AsyncResolver(client=client, cache=None, concurrency=3)
            return list(await resolver.resolve(corpus.citations()))

    _check_cases(anyio.run(go))


def test_one_query_serves_a_group() -> None:
    fake = FakeWayback()
    base = corpus.utc(2019, 3, 14, 10)
    citations = [
        Citation(
            platform="twitter",
            kind="byline",
            handle="NewsDesk",
            post_id=corpus.make_id(base + dt.timedelta(hours=h), h),
            date="2019-03-14",
        )
        for h in range(0, 48, 4)
    ]
    with httpx.Client(transport=fake.transport()) as client:
        resolutions = resolve([*citations, *citations], client=client, cache=None)
    assert {r.status for r in resolutions} == {"not_archived"}
    assert fake.counts["cdx"] == 4  # one grouped query per host and /i/web, for 24 citations


def test_errors_end_as_error_status_and_batch_finishes() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(500))
    with httpx.Client(transport=transport) as client:
        resolutions = resolve(
            corpus.citations(),
            WaybackArchive(policy=Policy(max_attempts=2)),
            client=client,
            cache=None,
        )
    assert [r.status for r in resolutions].count("error") >= 6
    assert all(r.status in ("error", "ambiguous") for r in resolutions)
    assert all(r.error for r in resolutions if r.status == "error")


def test_citation_without_id_or_date_is_ambiguous() -> None:
    vague = Citation(platform="twitter", kind="byline", handle="NewsDesk", text="hello")
    nobody = Citation(platform="twitter", kind="byline", post_id="123456789")
    resolutions = resolve(
        [vague, nobody], client=httpx.Client(transport=FakeWayback().transport()), cache=None
    )
    assert [r.status for r in resolutions] == ["ambiguous", "ambiguous"]
    assert "reason" in resolutions[0].evidence


def test_memento_timemaps() -> None:
    timemap = (
        f'<https://twitter.com/NewsDesk/status/{corpus.ID_A}>; rel="original",\n'
        f"<https://archive.example/timemap/link/https://twitter.com/NewsDesk/status/{corpus.ID_A}>; "
        'rel="self"; type="application/link-format",\n'
        f"<https://mirror.example/20190315080000/https://twitter.com/NewsDesk/status/{corpus.ID_A}>; "
        'rel="first memento"; datetime="Fri, 15 Mar 2019 08:00:00 GMT"'
    )
    legacy = corpus.legacy_html("NewsDesk", "News Desk", corpus.ID_A, corpus.TEXT_A, "x")

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "archive.example":
            url = str(request.url)
            if f"/https://twitter.com/NewsDesk/status/{corpus.ID_A}" in url:
                return httpx.Response(200, text=timemap)
            return httpx.Response(404)
        return httpx.Response(
            200, content=legacy, headers={"Memento-Datetime": "Fri, 15 Mar 2019 08:00:00 GMT"}
        )

    archive = MementoArchive(
        "https://archive.example/timemap/link/", memento_hosts=["mirror.example"]
    )
    cited = [corpus.CASES[0].citation, corpus.CASES[6].citation, corpus.CASES[1].citation]
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        resolutions = resolve(cited, archive, client=client, cache=None)
    assert [r.status for r in resolutions] == ["verified", "not_archived", "ambiguous"]
    assert resolutions[0].snapshot is not None
    assert resolutions[0].snapshot.archived_url.startswith("https://mirror.example/")


def test_open_archive_specs(tmp_path: object) -> None:
    assert isinstance(open_archive("wayback"), WaybackArchive)
    pywb = open_archive("http://127.0.0.1:8080/coll/")
    assert isinstance(pywb, PywbArchive) and pywb.cdx_url == "http://127.0.0.1:8080/coll/cdx"
    mirror = open_archive("http://127.0.0.1:9/cdx/search/cdx")
    assert isinstance(mirror, WaybackArchive) and mirror.base == "http://127.0.0.1:9"
    assert isinstance(open_archive("memento:https://a.example/timemap/"), MementoArchive)
    with pytest.raises(ValueError):
        open_archive("no/such/archive.wacz")


# -- the cache ------------------------------------------------------------------------------------


def test_cache_definitive_only_and_ttl(tmp_path: object) -> None:
    from pathlib import Path

    now = [1000.0]
    path = Path(str(tmp_path)) / "c.sqlite3"
    with Cache(path, not_archived_ttl=50, clock=lambda: now[0]) as cache:
        fake = FakeWayback()
        with httpx.Client(transport=fake.transport()) as client:
            first = resolve(corpus.citations(), client=client, cache=cache)
            requests = sum(fake.counts.values())
            again = resolve(corpus.citations(), client=client, cache=cache)
            assert sum(fake.counts.values()) == requests  # nothing redone
            assert [r.to_dict() for r in again] == [r.to_dict() for r in first]
            now[0] += 100  # not_archived answers expire
            resolve(corpus.citations(), client=client, cache=cache)
            assert sum(fake.counts.values()) > requests
        errored = resolve(
            [corpus.CASES[0].citation],
            WaybackArchive(policy=Policy(max_attempts=1)),
            client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(503))),
            cache=None,
        )
        assert errored[0].status == "error"
        assert not cache.put("wayback:x", errored[0])


def test_cache_commits_each_answer_before_a_crash(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "c.sqlite3"
    fake = FakeWayback()
    calls = {"n": 0}

    def dying(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] > 12:
            raise KeyboardInterrupt  # the run is killed mid-batch
        return fake.respond(request)

    with pytest.raises(KeyboardInterrupt), httpx.Client(transport=httpx.MockTransport(dying)) as c:
        resolve(corpus.citations(), client=c, cache=path)
    with Cache(path) as cache:
        saved = len(cache)
    assert saved >= 1
    fake.counts.clear()
    with httpx.Client(transport=fake.transport()) as client:
        resolutions = resolve(corpus.citations(), client=client, cache=path)
    _check_cases(resolutions)
    with Cache(path) as cache:
        assert len(cache) == len(corpus.CASES)


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    from mediacite.resolver.cache import default_cache_path

    monkeypatch.setenv("MEDIACITE_CACHE", str(tmp_path))
    assert default_cache_path() == Path(str(tmp_path)) / "resolve.sqlite3"
    monkeypatch.delenv("MEDIACITE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_path() == Path(str(tmp_path)) / "mediacite" / "resolve.sqlite3"
