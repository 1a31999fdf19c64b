"""Resolve citations against web archives: Wayback CDX, pywb, Memento, local WACZ/WARC.

All network I/O of mediacite lives in this package, behind an injected ``httpx`` client.
Data flows one way: :class:`~mediacite.models.Citation` in, :class:`~mediacite.models.Resolution`
out; extraction code is never imported here.

>>> from mediacite.resolve import resolve
>>> resolutions = resolve(citations, archive="examples/archive/tweets.wacz")  # doctest: +SKIP
"""

from __future__ import annotations

import sys
import types
from typing import Any

from mediacite.resolve.archives import (
    Archive,
    CdxArchive,
    LocalArchive,
    MementoArchive,
    PywbArchive,
    WaybackArchive,
    archive_today,
    open_archive,
)
from mediacite.resolve.cache import Cache
from mediacite.resolve.limits import (
    Limiter,
    Policy,
    RateLimit,
    VirtualClock,
    default_limiter,
    set_testing,
)
from mediacite.resolve.resolver import (
    DEFAULT_CACHE,
    AsyncResolver,
    Options,
    Resolver,
    resolve,
)

__all__ = [
    "DEFAULT_CACHE",
    "Archive",
    "AsyncResolver",
    "Cache",
    "CdxArchive",
    "Limiter",
    "LocalArchive",
    "MementoArchive",
    "Options",
    "Policy",
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


class _CallablePackage(types.ModuleType):
    """The package, callable: ``mediacite.resolve(citations, archive=…)`` is :func:`resolve`.

    The package and the façade function share the name ``mediacite.resolve``; making the
    package callable keeps ``import mediacite.resolve`` and ``mediacite.resolve.set_testing``
    working alongside ``mediacite.resolve(citations)``.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return resolve(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
