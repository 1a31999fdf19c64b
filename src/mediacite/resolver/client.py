"""The resolver API: :class:`Resolver`, :class:`AsyncResolver` and :func:`resolve`.

They look cached answers up, plan the rest (:mod:`~mediacite.resolver.plan`), run the work
(:mod:`~mediacite.resolver.run`) through one :class:`~mediacite.resolver.transport.Driver`
with a sync or an async ``httpx`` client, so politeness, retries and the host allow-list are
identical, and answer every citation with a final status, in order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import anyio
import attrs
import httpx

from mediacite.models import Citation, Resolution
from mediacite.resolver.archives import Archive, open_archive
from mediacite.resolver.cache import Cache, cache_key
from mediacite.resolver.limits import Limiter, default_limiter
from mediacite.resolver.plan import Item, Options, make_item, plan
from mediacite.resolver.run import Resolved, Run
from mediacite.resolver.transport import USER_AGENT, Driver, Operation
from mediacite.results import ResolutionList

__all__ = [
    "DEFAULT_CACHE",
    "HTTP_TIMEOUT",
    "AsyncResolver",
    "CacheArg",
    "Progress",
    "Resolver",
    "resolve",
]

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` each time a citation gets its final status."""

HTTP_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""Per-read and connect timeouts of the clients resolvers create (the Wayback CDX server's own
limit is 30 s); the whole request is bounded by the policy's ``request_timeout``."""


class _DefaultCache:
    """Marker type of :data:`DEFAULT_CACHE`."""

    def __repr__(self) -> str:
        return "DEFAULT_CACHE"


DEFAULT_CACHE = _DefaultCache()
"""Use the cache at its default location (``MEDIACITE_CACHE`` or the XDG cache dir)."""

CacheArg = Cache | str | os.PathLike[str] | _DefaultCache | None


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
        deadline: float | None = None,
    ) -> None:
        if deadline is not None and deadline <= 0:
            raise ValueError("deadline must be positive (or None for no deadline)")
        self.deadline = deadline
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
    ) -> tuple[list[str], dict[str, Resolution], list[tuple[tuple[Item, ...], Operation[None]]]]:
        self.driver.start(self.deadline)
        keys = [cache_key(self.archive_id, c) for c in citations]
        results: dict[str, Resolution] = {}
        items: dict[str, Item] = {}
        run = Run(self.archive, self.options, stopped=lambda: self.driver.gave_up)
        for key, citation in zip(keys, citations, strict=True):
            if key in results or key in items:
                continue
            cached = self.cache.get(self.archive_id, citation) if self.cache else None
            if cached is not None:
                results[key] = cached
            else:
                items[key] = make_item(key, citation, self.options)
        work = plan(
            list(items.values()), self.options, supports_prefix=self.archive.supports_prefix
        )
        return keys, results, [(w.items, run.operation(w)) for w in work]

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


def _fail_pending(items: Iterable[Item], results: dict[str, Resolution], message: str) -> None:
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

    ``archive`` is a backend or anything :func:`~mediacite.resolver.archives.open_archive`
    accepts. ``client`` is an ``httpx.Client`` to use (created and closed here when
    ``None``). ``cache`` is a :class:`~mediacite.resolver.cache.Cache`, a path,
    :data:`DEFAULT_CACHE` or ``None`` to disable caching. ``limiter`` defaults to the
    process-wide one. ``deadline`` bounds each :meth:`resolve` call in seconds: requests that
    would start after it are not sent, and their citations end as ``error`` with the reason.
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
        deadline: float | None = None,
    ) -> None:
        super().__init__(
            archive,
            cache=cache,
            limiter=limiter,
            options=options,
            progress=progress,
            user_agent=user_agent,
            deadline=deadline,
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
            client = httpx.Client(timeout=HTTP_TIMEOUT, follow_redirects=False)
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
        deadline: float | None = None,
    ) -> None:
        super().__init__(
            archive,
            cache=cache,
            limiter=limiter,
            options=options,
            progress=progress,
            user_agent=user_agent,
            deadline=deadline,
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
            client = httpx.AsyncClient(timeout=HTTP_TIMEOUT, follow_redirects=False)
        limit = anyio.CapacityLimiter(self.concurrency)

        async def one(items: tuple[Item, ...], operation: Operation[None]) -> None:
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
    deadline: float | None = None,
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
        deadline=deadline,
    ) as resolver:
        return ResolutionList(resolver.resolve(citations))
