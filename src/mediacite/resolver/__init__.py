"""Resolve citations against web archives: Wayback CDX, pywb, Memento, local WACZ/WARC.

All network I/O of mediacite lives in this package, behind an injected ``httpx`` client.
Data flows one way: :class:`~mediacite.models.Citation` in, :class:`~mediacite.models.Resolution`
out; extraction code is never imported here. ``mediacite.resolve`` is :func:`resolve`.

>>> from mediacite.resolver import Resolver
>>> with Resolver("examples/archive/tweets.wacz") as resolver:  # doctest: +SKIP
...     resolutions = resolver.resolve(citations)

The modules: :mod:`~.plan` (citations to lookups, pure), :mod:`~.run` (the lookups as
sans-I/O operations), :mod:`~.decide` (the final status, pure), :mod:`~.verify` (reading and
checking archived posts), :mod:`~.transport` (the driver: allow-list, limits, retries),
:mod:`~.limits` (rate limits and the testing switch), :mod:`~.cache` (sqlite),
:mod:`~.archives` (one module per backend), :mod:`~.client` (the public classes).
"""

from __future__ import annotations

from mediacite.resolver.archives import (
    Archive,
    CdxArchive,
    LocalArchive,
    MementoArchive,
    PywbArchive,
    WaybackArchive,
    archive_today,
    open_archive,
)
from mediacite.resolver.cache import Cache
from mediacite.resolver.client import (
    DEFAULT_CACHE,
    AsyncResolver,
    CacheArg,
    Progress,
    Resolver,
    resolve,
)
from mediacite.resolver.limits import (
    Limiter,
    Policy,
    RateLimit,
    VirtualClock,
    default_limiter,
    set_testing,
)
from mediacite.resolver.plan import Options

__all__ = [
    "DEFAULT_CACHE",
    "Archive",
    "AsyncResolver",
    "Cache",
    "CacheArg",
    "CdxArchive",
    "Limiter",
    "LocalArchive",
    "MementoArchive",
    "Options",
    "Policy",
    "Progress",
    "PywbArchive",
    "RateLimit",
    "Resolver",
    "VirtualClock",
    "WaybackArchive",
    "archive_today",
    "default_limiter",
    "open_archive",
    "resolve",
    "set_testing",
]
