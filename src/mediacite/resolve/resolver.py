"""Strategy: from citations to candidate lookups, grouped queries, chosen and verified snapshots.

For each citation the candidates are the status URL on ``twitter.com``, ``x.com`` and
``mobile.twitter.com`` queried by *prefix* (archives do not fold ``?s=20`` or
``?ref_src=…``), the pic.twitter.com / t.co codes it carries (whose rows are compared
case-sensitively, since archives lowercase those keys), and for citations without a post id
a prefix on the handle restricted to the Snowflake id range of the cited date (±1 day).

Citations are grouped by handle and id range: ids of nearby dates share leading digits, so
one prefix query ``twitter.com/{handle}/status/{digits}`` answers a whole group. Other hosts
are only asked about what the first one did not settle. For each post the snapshot closest
to the cited date is played back raw and checked by :func:`~mediacite.resolve.verify.verify`.

:class:`Resolver` (sync) and :class:`AsyncResolver` run the same generator-based operations
through the same :class:`~mediacite.resolve.transport.Driver`, so politeness, retries and the
host allow-list are identical; every citation ends with a final status.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import anyio
import attrs
import httpx

from mediacite.errors import ArchiveError
from mediacite.models import Citation, Resolution, Snapshot, Status
from mediacite.resolve.archives import Archive, Capture, Memento, Query, open_archive
from mediacite.resolve.cache import Cache, cache_key
from mediacite.resolve.limits import Limiter, default_limiter
from mediacite.resolve.transport import USER_AGENT, Driver, Operation
from mediacite.resolve.urls import (
    FIRST_SNOWFLAKE,
    STATUS_HOSTS,
    common_prefix,
    id_range,
    media_codes,
    parse_status_url,
    snowflake_time,
)
from mediacite.resolve.verify import Outcome, cited_date, verify
from mediacite.results import ResolutionList

__all__ = [
    "DEFAULT_CACHE",
    "AsyncResolver",
    "Options",
    "Progress",
    "Resolver",
    "resolve",
]

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` each time a citation gets its final status."""


class _DefaultCache:
    """Marker type of :data:`DEFAULT_CACHE`."""

    def __repr__(self) -> str:
        return "DEFAULT_CACHE"


DEFAULT_CACHE = _DefaultCache()
"""Use the cache at its default location (``MEDIACITE_CACHE`` or the XDG cache dir)."""

CacheArg = Cache | str | os.PathLike[str] | _DefaultCache | None


@attrs.frozen(kw_only=True)
class Options:
    """Tuning of the strategy.

    ``group_digits``: trailing id digits left free in one grouped prefix query (16 digits of
    a 19-digit id span at most ~28 days of posts); ``window_days``: ± days around a cited
    date for citations without an id; ``max_fetches``: mementos played back per post;
    ``max_posts``: posts examined for a citation without an id.
    """

    hosts: tuple[str, ...] = STATUS_HOSTS
    group_digits: int = 16
    window_days: int = 1
    max_fetches: int = 3
    max_posts: int = 10
    memo_size: int = 256


_RANK: dict[Outcome, int] = {
    "verified": 5,
    "mismatch": 4,
    "archived": 3,
    "deleted": 2,
    "redirect": 1,
    "missing": 0,
}


@attrs.frozen
class _Found:
    """The best thing seen for one post: an outcome, its snapshot and evidence."""

    outcome: Outcome
    snapshot: Snapshot | None
    evidence: dict[str, Any]
    post_id: str | None = None


@attrs.define
class _Item:
    """One distinct citation (by cache key) being resolved."""

    key: str
    citation: Citation
    handle: str | None
    post_id: str | None
    id_range: tuple[int, int] | None = None
    candidates: list[str] = attrs.Factory(list)
    evidence: dict[str, Any] = attrs.Factory(dict)
    found: list[_Found] = attrs.Factory(list)
    errors: list[str] = attrs.Factory(list)
    done: bool = False

    @property
    def settled(self) -> bool:
        """Whether a definitive content answer (verified or mismatch) is in hand."""
        return any(f.outcome in ("verified", "mismatch") for f in self.found)

    def moment(self) -> dt.datetime | None:
        """Return the time captures are ranked against: the cited date, else the id's time."""
        cited = cited_date(self.citation)
        if cited:
            return dt.datetime(cited.year, cited.month, cited.day, 12, tzinfo=dt.timezone.utc)
        return snowflake_time(self.post_id) if self.post_id else None


@attrs.frozen
class Resolved:
    """Event yielded by an operation when a citation gets its final status."""

    key: str
    resolution: Resolution


@attrs.frozen
class _Group:
    handle: str
    prefix: str
    items: tuple[_Item, ...]


def _closest(captures: Iterable[Capture], moment: dt.datetime | None) -> list[Capture]:
    if moment is None:
        return sorted(captures, key=lambda c: c.timestamp)
    return sorted(captures, key=lambda c: (abs(c.captured_at - moment), c.timestamp))


class _Run:
    """State of one batch: the archive, options and a bounded memo of fetched mementos."""

    def __init__(self, archive: Archive, options: Options) -> None:
        self.archive = archive
        self.options = options
        self._memo: OrderedDict[tuple[str, str], Memento] = OrderedDict()

    # -- planning ---------------------------------------------------------------------------

    def make_item(self, key: str, citation: Citation) -> _Item:
        """Turn a citation into a work item with its handle, id and id range."""
        handle = citation.handle.lstrip("@") if citation.handle else None
        post_id = citation.post_id if citation.post_id and citation.post_id.isdigit() else None
        if citation.url and not (handle and post_id):
            parsed = parse_status_url(citation.url)
            if parsed:
                handle, post_id = handle or parsed[1], post_id or parsed[2]
        item = _Item(key=key, citation=citation, handle=handle, post_id=post_id)
        cited = cited_date(citation)
        if post_id is None and cited is not None:
            days = dt.timedelta(days=self.options.window_days)
            start = dt.datetime(cited.year, cited.month, cited.day, tzinfo=dt.timezone.utc)
            item.id_range = id_range(start - days, start + days + dt.timedelta(days=1))
        return item

    def _bucket(self, lo: int, hi: int) -> str | None:
        prefix = common_prefix(lo, hi)
        keep = max(len(str(lo)) - self.options.group_digits, 0)
        if lo < FIRST_SNOWFLAKE:
            return str(lo) if lo == hi else None
        if len(str(lo)) != len(str(hi)) or len(prefix) < keep:
            return None
        return prefix[:keep]

    def plan(self, items: Sequence[_Item]) -> list[tuple[tuple[_Item, ...], Operation[None]]]:
        """Group items into operations (grouped prefix queries, media lookups, the rest).

        Items of one handle whose ids share their leading digits (ids of the same length, at
        most ``group_digits`` trailing digits apart) form a group; its query uses the longest
        prefix common to all of them (a lone post's query is its own id). Each operation
        comes with the items it finishes.
        """
        operations: list[tuple[tuple[_Item, ...], Operation[None]]] = []
        groups: dict[tuple[str, int, str], list[tuple[int, int, _Item]]] = {}
        for item in items:
            codes = media_codes((*item.citation.media, *item.citation.urls))
            if item.post_id is None and codes:
                operations.append(((item,), self._media_item(item, codes)))
                continue
            if item.handle is None:
                reason = "the citation names no handle"
                operations.append(((item,), self._unresolvable(item, reason)))
                continue
            if item.post_id is not None:
                lo = hi = int(item.post_id)
            elif item.id_range is not None:
                lo, hi = item.id_range[0], item.id_range[1] - 1
            else:
                reason = "the citation has neither a post id nor a date to narrow the search"
                operations.append(((item,), self._unresolvable(item, reason)))
                continue
            if not self.archive.supports_prefix and item.post_id is None:
                reason = "this archive cannot list a handle's posts and the citation has no id"
                operations.append(((item,), self._unresolvable(item, reason)))
                continue
            bucket = self._bucket(lo, hi)
            key = bucket if bucket is not None else common_prefix(lo, hi)
            groups.setdefault((item.handle.casefold(), len(str(lo)), key), []).append(
                (lo, hi, item)
            )
        for (handle, _, _), members in groups.items():
            lowest = min(lo for lo, _, _ in members)
            highest = max(hi for _, hi, _ in members)
            prefix = common_prefix(lowest, highest)
            group = _Group(handle, prefix, tuple(item for _, _, item in members))
            operations.append((group.items, self._group(group)))
        return operations

    # -- operations -------------------------------------------------------------------------

    def _unresolvable(self, item: _Item, reason: str) -> Operation[None]:
        item.evidence["reason"] = reason
        yield self._finish(item, status="ambiguous")

    def _queries(self, group: _Group, host: str) -> list[tuple[Query, list[_Item]]]:
        if self.archive.supports_prefix:
            query = Query(f"{host}/{group.handle}/status/{group.prefix}", "prefix")
            return [(query, list(group.items))]
        return [
            (Query(f"{host}/{item.handle}/status/{item.post_id}"), [item]) for item in group.items
        ]

    def _group(self, group: _Group) -> Operation[None]:
        for host in self.options.hosts:
            pending = [item for item in group.items if not item.settled]
            if not pending:
                break
            for query, members in self._queries(group, host):
                members = [item for item in members if not item.settled]
                if not members:
                    continue
                for item in members:
                    item.candidates.append(
                        f"https://{query.url}" + ("*" * (query.match == "prefix"))
                    )
                try:
                    result = yield from self.archive.search(query)
                except ArchiveError as exc:
                    for item in members:
                        item.errors.append(f"search {query.url}: {exc}")
                    continue
                by_id = self._by_post(group.handle, result.captures)
                incomplete = not result.complete
                for item in members:
                    if incomplete and item.post_id and item.post_id not in by_id:
                        yield from self._narrow(item, host)
                    else:
                        yield from self._examine(item, by_id)
        for item in group.items:
            yield self._finish(item)

    def _narrow(self, item: _Item, host: str) -> Operation[None]:
        """Ask for one post's own URL prefix when a grouped query was cut short."""
        query = Query(f"{host}/{item.handle}/status/{item.post_id}", "prefix")
        item.candidates.append(f"https://{query.url}*")
        try:
            result = yield from self.archive.search(query)
        except ArchiveError as exc:
            item.errors.append(f"search {query.url}: {exc}")
            return
        if not result.complete:
            item.evidence["truncated"] = query.url
        yield from self._examine(item, self._by_post(item.handle or "", result.captures))

    @staticmethod
    def _by_post(handle: str, captures: Iterable[Capture]) -> dict[str, list[Capture]]:
        by_id: dict[str, list[Capture]] = {}
        for capture in captures:
            parsed = parse_status_url(capture.original)
            if parsed and parsed[1].casefold() == handle.casefold():
                by_id.setdefault(parsed[2], []).append(capture)
        return by_id

    def _examine(self, item: _Item, by_id: dict[str, list[Capture]]) -> Operation[None]:
        if item.post_id is not None:
            captures = by_id.get(item.post_id, [])
            if captures:
                found = yield from self._try_post(item, item.post_id, captures)
                item.found.append(found)
            return
        if item.id_range is None:
            return
        lo, hi = item.id_range
        moment = item.moment()
        posts = [pid for pid in by_id if lo <= int(pid) < hi]
        if moment is not None:
            posts.sort(key=lambda pid: abs((snowflake_time(pid) or moment) - moment))
        item.evidence.setdefault("posts_in_window", [])
        for post_id in posts[: self.options.max_posts]:
            if post_id in item.evidence["posts_in_window"]:
                continue
            item.evidence["posts_in_window"].append(post_id)
            found = yield from self._try_post(item, post_id, by_id[post_id])
            item.found.append(found)

    def _fetch(self, capture: Capture) -> Operation[Memento]:
        memo_key = (capture.timestamp, capture.original)
        cached = self._memo.get(memo_key)
        if cached is not None:
            self._memo.move_to_end(memo_key)
            return cached
        memento = yield from self.archive.fetch(capture)
        self._memo[memo_key] = memento
        if len(self._memo) > self.options.memo_size:
            self._memo.popitem(last=False)
        return memento

    def _try_post(self, item: _Item, post_id: str, captures: list[Capture]) -> Operation[_Found]:
        """Play back the captures closest to the cited date until one verifies."""
        deleted = [c for c in captures if c.status in (404, 410)]
        playable = [c for c in captures if c.status is None or 200 <= c.status < 300]
        tried: list[dict[str, Any]] = []
        best: _Found | None = None
        for capture in _closest(playable, item.moment())[: self.options.max_fetches]:
            try:
                memento = yield from self._fetch(capture)
            except ArchiveError as exc:
                item.errors.append(f"playback {capture.timestamp} {capture.original}: {exc}")
                continue
            verdict = verify(item.citation, memento, post_id)
            tried.append({"uri_m": memento.uri_m, "outcome": verdict.outcome})
            snapshot = memento.snapshot(capture) if memento.captured_at else None
            found = _Found(verdict.outcome, snapshot, dict(verdict.evidence), post_id)
            if best is None or _RANK[found.outcome] > _RANK[best.outcome]:
                best = found
            if verdict.outcome == "verified":
                break
        if best is None:
            best = _Found("deleted" if deleted else "missing", None, {}, post_id)
        evidence = {**best.evidence, "mementos": tried, "captures": len(captures)}
        if deleted:
            evidence["deleted_captures"] = len(deleted)
        return attrs.evolve(best, evidence=evidence)

    def _media_item(self, item: _Item, codes: tuple[tuple[str, str], ...]) -> Operation[None]:
        """Find the post a pic.twitter.com / t.co code redirects to, then resolve it.

        When no code leads to a post, fall back to the handle's posts around the cited date.
        """
        media: list[dict[str, Any]] = []
        item.evidence["media"] = media
        for host, code in codes:
            query = Query(f"{host}/{code}")
            item.candidates.append(f"https://{query.url}")
            try:
                result = yield from self.archive.search(query)
            except ArchiveError as exc:
                item.errors.append(f"search {query.url}: {exc}")
                continue
            exact = [c for c in result.captures if _code_of(c.original) == code]
            note: dict[str, Any] = {
                "code": f"{host}/{code}",
                "captures": len(exact),
                "case_decoys_skipped": len(result.captures) - len(exact),
            }
            media.append(note)
            redirects = [c for c in exact if c.status is None or 300 <= c.status < 400]
            for capture in _closest(redirects, item.moment())[: self.options.max_fetches]:
                try:
                    memento = yield from self._fetch(capture)
                except ArchiveError as exc:
                    item.errors.append(f"playback {capture.timestamp} {capture.original}: {exc}")
                    continue
                target = parse_status_url(memento.location or "")
                if memento.original != capture.original or target is None:
                    continue
                note["redirects_to"] = memento.location
                item.handle, item.post_id = target[1], target[2]
                break
            if item.post_id:
                break
        if item.post_id and item.handle:
            yield from self._group(_Group(item.handle.casefold(), item.post_id, (item,)))
        elif item.handle and item.id_range:
            prefix = common_prefix(item.id_range[0], item.id_range[1] - 1)
            yield from self._group(_Group(item.handle.casefold(), prefix, (item,)))
        else:
            yield self._finish(item)

    # -- results ----------------------------------------------------------------------------

    def _finish(self, item: _Item, status: Status | None = None) -> Resolved:
        if item.done:
            raise RuntimeError("an item was finished twice")
        item.done = True
        evidence = dict(item.evidence)
        snapshot = None
        if status is None:
            status, snapshot, found_evidence = self._decide(item)
            evidence.update(found_evidence)
        resolution = Resolution(
            citation=item.citation,
            status=status,
            snapshot=snapshot,
            evidence=evidence,
            candidates=tuple(item.candidates),
            error="; ".join(item.errors) if status == "error" else None,
        )
        return Resolved(item.key, resolution)

    def _decide(self, item: _Item) -> tuple[Status, Snapshot | None, dict[str, Any]]:
        if item.post_id is None and item.id_range is not None:
            verified = [f for f in item.found if f.outcome == "verified"]
            if len({f.post_id for f in verified}) > 1:
                ids = sorted({f.post_id or "" for f in verified})
                return "ambiguous", None, {"matching_posts": ids}
        if item.found:
            best = max(item.found, key=lambda f: _RANK[f.outcome])
            evidence = {**best.evidence, "post_id": best.post_id}
            if best.outcome in ("verified", "mismatch", "archived"):
                if item.post_id is None and best.outcome != "verified":
                    return ("error" if item.errors else "not_archived"), None, evidence
                return best.outcome, best.snapshot, evidence
            if item.errors:
                return "error", None, evidence
            return "not_archived", None, evidence
        return ("error" if item.errors else "not_archived"), None, {}


def _code_of(url: str) -> str:
    """Return the first path segment of a pic.twitter.com / t.co URL, case kept."""
    path = url.split("://", 1)[-1].split("/", 1)
    return path[1].split("?", 1)[0].split("/", 1)[0] if len(path) > 1 else ""


def _open_cache(cache: CacheArg) -> tuple[Cache | None, bool]:
    """Return the cache to use and whether this resolver owns (and must close) it."""
    if cache is None:
        return None, False
    if isinstance(cache, Cache):
        return cache, False
    if isinstance(cache, _DefaultCache):
        return Cache(), True
    return Cache(cache), True


class _Base:
    def __init__(
        self,
        archive: str | os.PathLike[str] | Archive = "wayback",
        *,
        cache: CacheArg = DEFAULT_CACHE,
        limiter: Limiter | None = None,
        options: Options | None = None,
        progress: Progress | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.archive: Archive = open_archive(
            os.fspath(archive) if isinstance(archive, os.PathLike) else archive
        )
        self.options = options or Options()
        self.cache, self._owns_cache = _open_cache(cache)
        self.progress = progress
        self.driver = Driver(
            hosts=self.archive.hosts,
            key=self.archive.key,
            policy=self.archive.policy,
            limiter=limiter or default_limiter(),
            user_agent=user_agent,
        )

    @property
    def archive_id(self) -> str:
        """The archive's identity in cache keys (its name and where it is)."""
        return f"{self.archive.name}:{self.archive.key}"

    def close(self) -> None:
        """Close the cache if this resolver opened it."""
        if self.cache is not None and self._owns_cache:
            self.cache.close()

    def _prepare(
        self, citations: Sequence[Citation]
    ) -> tuple[list[str], dict[str, Resolution], list[tuple[tuple[_Item, ...], Operation[None]]]]:
        keys = [cache_key(self.archive_id, c) for c in citations]
        results: dict[str, Resolution] = {}
        items: dict[str, _Item] = {}
        run = _Run(self.archive, self.options)
        for key, citation in zip(keys, citations, strict=True):
            if key in results or key in items:
                continue
            cached = self.cache.get(self.archive_id, citation) if self.cache else None
            if cached is not None:
                results[key] = cached
            else:
                items[key] = run.make_item(key, citation)
        return keys, results, run.plan(list(items.values()))

    def _record(self, results: dict[str, Resolution], total: int) -> Callable[[Any], None]:
        def record(event: Any) -> None:
            if not isinstance(event, Resolved):
                return
            results[event.key] = event.resolution
            if self.cache is not None:
                self.cache.put(self.archive_id, event.resolution)
            if self.progress is not None:
                self.progress(len(results), total)

        return record

    @staticmethod
    def _collect(
        citations: Sequence[Citation], keys: list[str], results: dict[str, Resolution]
    ) -> list[Resolution]:
        out = []
        for key, citation in zip(keys, citations, strict=True):
            resolution = results.get(key)
            if resolution is None:
                resolution = Resolution(
                    citation=citation, status="error", error="resolution did not complete"
                )
            out.append(attrs.evolve(resolution, citation=citation))
        return out


def _crashed(exc: Exception) -> str:
    return f"internal error while resolving: {type(exc).__name__}: {exc}"


def _fail_pending(items: Iterable[_Item], results: dict[str, Resolution], message: str) -> None:
    """Give every unfinished item of a crashed operation an ``error`` resolution."""
    for item in items:
        if not item.done and item.key not in results:
            item.done = True
            results[item.key] = Resolution(
                citation=item.citation,
                status="error",
                candidates=tuple(item.candidates),
                error=message,
            )


class Resolver(_Base):
    """Resolve citations against one archive, synchronously.

    ``archive`` is a backend or anything :func:`~mediacite.resolve.archives.open_archive`
    accepts. ``client`` is an ``httpx.Client`` to use (created and closed here when
    ``None``). ``cache`` is a :class:`~mediacite.resolve.cache.Cache`, a path,
    :data:`DEFAULT_CACHE` or ``None`` to disable caching. ``limiter`` defaults to the
    process-wide one.
    """

    def __init__(
        self,
        archive: str | os.PathLike[str] | Archive = "wayback",
        *,
        client: httpx.Client | None = None,
        cache: CacheArg = DEFAULT_CACHE,
        limiter: Limiter | None = None,
        options: Options | None = None,
        progress: Progress | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        super().__init__(
            archive,
            cache=cache,
            limiter=limiter,
            options=options,
            progress=progress,
            user_agent=user_agent,
        )
        self.client = client

    def __enter__(self) -> Resolver:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def resolve(self, citations: Iterable[Citation]) -> list[Resolution]:
        """Resolve ``citations``; the result has one resolution per citation, in order."""
        citations = list(citations)
        keys, results, operations = self._prepare(citations)
        record = self._record(results, len(set(keys)))
        client = self.client
        owned = client is None and bool(self.archive.hosts)
        if owned:
            client = httpx.Client(timeout=30.0, follow_redirects=False)
        try:
            for items, operation in operations:
                try:
                    self.driver.run(client, operation, record)
                except Exception as exc:
                    _fail_pending(items, results, _crashed(exc))
        finally:
            if owned and client is not None:
                client.close()
        return self._collect(citations, keys, results)


class AsyncResolver(_Base):
    """Resolve citations against one archive with asyncio or trio, ``concurrency`` at a time.

    Shares the process-wide limiter with sync code, so the archive's budget holds whatever
    mix of resolvers runs. Arguments as for :class:`Resolver`, with an ``httpx.AsyncClient``.
    """

    def __init__(
        self,
        archive: str | os.PathLike[str] | Archive = "wayback",
        *,
        client: httpx.AsyncClient | None = None,
        cache: CacheArg = DEFAULT_CACHE,
        limiter: Limiter | None = None,
        options: Options | None = None,
        progress: Progress | None = None,
        user_agent: str = USER_AGENT,
        concurrency: int = 4,
    ) -> None:
        super().__init__(
            archive,
            cache=cache,
            limiter=limiter,
            options=options,
            progress=progress,
            user_agent=user_agent,
        )
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.client = client
        self.concurrency = concurrency

    async def __aenter__(self) -> AsyncResolver:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()

    async def resolve(self, citations: Iterable[Citation]) -> list[Resolution]:
        """Resolve ``citations`` concurrently; one resolution per citation, in order."""
        citations = list(citations)
        keys, results, operations = self._prepare(citations)
        record = self._record(results, len(set(keys)))
        client = self.client
        owned = client is None and bool(self.archive.hosts)
        if owned:
            client = httpx.AsyncClient(timeout=30.0, follow_redirects=False)
        limit = anyio.CapacityLimiter(self.concurrency)

        async def one(items: tuple[_Item, ...], operation: Operation[None]) -> None:
            async with limit:
                try:
                    await self.driver.arun(client, operation, record)
                except Exception as exc:
                    _fail_pending(items, results, _crashed(exc))

        try:
            async with anyio.create_task_group() as group:
                for items, operation in operations:
                    group.start_soon(one, items, operation)
        finally:
            if owned and client is not None:
                await client.aclose()
        return self._collect(citations, keys, results)


def resolve(
    citations: Iterable[Citation],
    archive: str | os.PathLike[str] | Archive = "wayback",
    *,
    client: httpx.Client | None = None,
    cache: CacheArg = DEFAULT_CACHE,
    limiter: Limiter | None = None,
    options: Options | None = None,
    progress: Progress | None = None,
) -> ResolutionList:
    """Resolve citations against an archive; one :class:`Resolution` per citation, in order.

    ``archive``: ``"wayback"`` (default), a pywb collection or CDX server URL, a local
    ``.wacz``/WARC/folder, or a backend. See :class:`Resolver` for the other arguments.
    """
    with Resolver(
        archive,
        client=client,
        cache=cache,
        limiter=limiter,
        options=options,
        progress=progress,
    ) as resolver:
        return ResolutionList(resolver.resolve(citations))
