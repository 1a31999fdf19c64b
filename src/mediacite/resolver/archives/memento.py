"""Any RFC 7089 Memento archive, through its TimeMaps (archive.today style; best effort).

``search`` reads the link-format TimeMap ``{timemap_url}{url}`` (exact URLs only: TimeMaps
have no prefix matching, so the resolver asks for each candidate URL); ``fetch`` gets the
memento URL the TimeMap names, provided its host is one of the configured archive hosts.
Mementos are played back as the archive serves them (most Memento archives have no raw mode).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

import httpx

from mediacite.errors import ArchiveRejected, ArchiveResponseError
from mediacite.resolver.archives.base import (
    Capture,
    Memento,
    Query,
    SearchResult,
    memento_from_response,
    parse_http_date,
    parse_link_header,
)
from mediacite.resolver.limits import DEFAULT_POLICY, Policy
from mediacite.resolver.transport import TRUNCATED, Call, Operation, host_of, perform
from mediacite.resolver.urls import timestamp14

__all__ = ["ARCHIVE_TODAY_HOSTS", "MementoArchive", "archive_today", "parse_timemap"]

ARCHIVE_TODAY_HOSTS = (
    "archive.ph",
    "archive.today",
    "archive.is",
    "archive.md",
    "archive.li",
    "archive.vn",
    "archive.fo",
)
"""The mirror hosts archive.today serves mementos from."""


def parse_timemap(
    archive: str, original: str, response: httpx.Response
) -> tuple[list[Capture], bool]:
    """Parse a link-format TimeMap into captures and whether it was read whole.

    A 404 means the URL has no mementos; a TimeMap cut at the index cap gives the mementos
    before the cut.
    """
    if response.status_code == 404:
        return [], True
    if 400 <= response.status_code < 500:
        raise ArchiveRejected(f"{archive} refused the TimeMap query ({response.status_code})")
    if response.status_code != 200:
        raise ArchiveResponseError(f"{archive} TimeMap answered {response.status_code}")
    text = response.text
    if text.lstrip().startswith("<") and not text.lstrip().startswith("<http"):
        raise ArchiveResponseError(f"{archive} sent HTML instead of a TimeMap: {text[:80]!r}")
    links = parse_link_header(text)
    for uri, params in links:
        if "original" in params.get("rel", "").split():
            original = uri
    captures = []
    for uri, params in links:
        if "memento" not in params.get("rel", "").split():
            continue
        when = parse_http_date(params.get("datetime", ""))
        if when is None:
            continue
        captures.append(
            Capture(archive=archive, original=original, timestamp=timestamp14(when), uri_m=uri)
        )
    return captures, not response.extensions.get(TRUNCATED)


class MementoArchive:
    """A Memento archive: ``timemap_url`` is the prefix the original URL is appended to.

    ``memento_hosts`` lists the other hosts its mementos may be served from.
    """

    name = "memento"
    supports_prefix = False

    def __init__(
        self,
        timemap_url: str,
        *,
        memento_hosts: Iterable[str] = (),
        policy: Policy = DEFAULT_POLICY,
    ) -> None:
        self.timemap_url = timemap_url
        self.policy = policy
        self.key = host_of(timemap_url)
        self.hosts = frozenset({self.key, *(h.lower() for h in memento_hosts)})

    def __repr__(self) -> str:
        return f"MementoArchive({self.timemap_url!r})"

    def search(self, query: Query) -> Operation[SearchResult]:
        """Read the TimeMap of ``query.url`` (prefix queries are answered as exact ones)."""
        original = query.url if "://" in query.url else "https://" + query.url
        request = httpx.Request("GET", self.timemap_url + original)
        captures, whole = yield from perform(
            Call(request, "search", partial(parse_timemap, self.name, original))
        )
        return SearchResult(tuple(captures), complete=whole)

    def fetch(self, capture: Capture) -> Operation[Memento]:
        """Fetch the memento URL the TimeMap named."""
        if capture.uri_m is None:
            raise ValueError("a Memento capture needs its memento URL")
        parse = partial(memento_from_response, self.name, self.hosts, capture)
        memento: Memento = yield from perform(
            Call(httpx.Request("GET", capture.uri_m), "playback", parse)
        )
        return memento


def archive_today(policy: Policy = DEFAULT_POLICY) -> MementoArchive:
    """Return archive.today as a Memento archive (it answers scripts with 429s and CAPTCHAs)."""
    return MementoArchive(
        "https://archive.ph/timemap/", memento_hosts=ARCHIVE_TODAY_HOSTS, policy=policy
    )
