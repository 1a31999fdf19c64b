"""The backend protocol and the records backends exchange with the resolver."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Mapping
from typing import Literal, Protocol

import attrs
import httpx

from mediacite.errors import ArchiveResponseError
from mediacite.resolver.limits import Policy
from mediacite.resolver.transport import TRUNCATED, Operation, host_of
from mediacite.resolver.urls import parse_timestamp

__all__ = [
    "Archive",
    "Capture",
    "Match",
    "Memento",
    "Query",
    "SearchResult",
    "memento_from_response",
    "parse_http_date",
    "parse_link_header",
    "unwrap_archived",
]

Match = Literal["exact", "prefix"]


@attrs.frozen
class Query:
    """A lookup: ``url`` without scheme (``twitter.com/jack/status/20``), exact or by prefix."""

    url: str
    match: Match = "exact"


@attrs.frozen(kw_only=True)
class Capture:
    """One index row (a CDX line or a TimeMap entry).

    ``status`` is ``None`` when the index does not know it (``-``: revisits, JSON captures,
    TimeMaps). ``uri_m`` is set by backends whose index names the memento URL itself;
    ``locator`` lets a local archive find the record (file, offset, length).
    """

    archive: str
    original: str
    timestamp: str
    urlkey: str = ""
    mimetype: str | None = None
    status: int | None = None
    digest: str | None = None
    uri_m: str | None = None
    locator: tuple[str, int, int] | None = None

    @property
    def captured_at(self) -> dt.datetime:
        """The capture time the index claims (playback may report another)."""
        return parse_timestamp(self.timestamp)

    @property
    def is_revisit(self) -> bool:
        """Whether the row is a revisit record (content identical to an earlier capture)."""
        return self.mimetype == "warc/revisit"


@attrs.frozen
class SearchResult:
    """The captures a query found; ``complete`` is False when paging stopped early."""

    captures: tuple[Capture, ...]
    complete: bool = True


@attrs.frozen(kw_only=True)
class Memento:
    """A raw memento as played back: the archived status, headers and body.

    ``captured_at`` is ``None`` when the archive answered without ``Memento-Datetime``
    (it has no such memento). ``location`` is the archived redirect target, unfollowed and
    stripped of any archive prefix. ``archive_redirect`` is set when the archive itself
    redirected to another of its own playback URLs (a nearer timestamp), which may be followed.
    ``truncated`` is set when the body was cut at the playback size cap.
    """

    archive: str
    uri_m: str
    original: str
    captured_at: dt.datetime | None
    status: int
    headers: Mapping[str, str] = attrs.field(factory=dict)
    body: bytes = b""
    location: str | None = None
    archive_redirect: str | None = None
    truncated: bool = False

    @property
    def content_type(self) -> str:
        """The archived ``Content-Type`` without parameters, lower-cased."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class Archive(Protocol):
    """What a backend provides. Operations are generators run by the resolver's driver."""

    name: str
    """Short archive name stored in snapshots (``wayback``, ``pywb``, ``memento``, ``local``)."""
    key: str
    """Names the archive in the limiter (its host, or a path for local archives)."""
    hosts: frozenset[str]
    """The only ``host[:port]`` values requests may go to (empty for local archives)."""
    policy: Policy
    supports_prefix: bool
    """Whether :meth:`search` honours ``match="prefix"`` (TimeMaps do not)."""

    def search(self, query: Query) -> Operation[SearchResult]:
        """Find the captures of ``query``."""

    def fetch(self, capture: Capture) -> Operation[Memento]:
        """Play back ``capture`` raw (no rewriting), without following archived redirects."""


_LINK = re.compile(r'<([^>]*)>\s*((?:;\s*[A-Za-z_*-]+\s*(?:=\s*(?:"[^"]*"|[^;,<\s]*))?\s*)*)')
_PARAM = re.compile(r';\s*([A-Za-z_*-]+)\s*(?:=\s*(?:"([^"]*)"|([^;,<\s]*)))?')


def parse_link_header(value: str) -> list[tuple[str, dict[str, str]]]:
    """Parse an RFC 8288 ``Link`` value (or a link-format TimeMap) into ``(uri, params)``."""
    links = []
    for match in _LINK.finditer(value):
        params = {
            name.lower(): (quoted or bare).strip()
            for name, quoted, bare in _PARAM.findall(match.group(2))
        }
        links.append((match.group(1).strip(), params))
    return links


def parse_http_date(value: str) -> dt.datetime | None:
    """Parse an HTTP date (``Memento-Datetime``), ``None`` when unreadable."""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed.astimezone(dt.timezone.utc)


_ARCHIVE_PREFIX = re.compile(r"^(?:https?://[^/]+)?(?:/[^/]+)*?/(\d{4,14})(?:[a-z]{2}_)?/(.+)$")


def unwrap_archived(url: str) -> tuple[str, str] | None:
    """Split ``.../{timestamp}[id_]/{original}`` into ``(timestamp, original)``, if it is one."""
    match = _ARCHIVE_PREFIX.match(url)
    if not match:
        return None
    original = match.group(2)
    if not re.match(r"^[a-z]+:/", original):
        original = "https://" + original
    original = re.sub(r"^(https?):/(?!/)", r"\1://", original)
    return match.group(1), original


def memento_from_response(
    archive: str, hosts: frozenset[str], capture: Capture, response: httpx.Response
) -> Memento:
    """Build a :class:`Memento` from a raw playback response (any status).

    A 2xx/3xx answer without ``Memento-Datetime`` is not a memento (an error page, a
    mangled answer), unless it is the archive redirecting to one of its own playback URLs:
    it raises :class:`~mediacite.errors.ArchiveResponseError`, which the driver retries.
    A ``Location`` on one of ``hosts`` that names a playback URL is unwrapped to its original;
    any other ``Location`` (a replayed redirect pointing at the live web) is kept as is.
    """
    headers = {k.lower(): v for k, v in response.headers.items()}
    captured = parse_http_date(headers.get("memento-datetime", ""))
    original = capture.original
    for uri, params in parse_link_header(headers.get("link", "")):
        if "original" in params.get("rel", "").split():
            original = uri
    location = headers.get("location")
    archive_redirect = None
    if location:
        absolute = response.request.url.join(location)
        unwrapped = unwrap_archived(str(absolute)) if host_of(absolute) in hosts else None
        if unwrapped:
            location, archive_redirect = unwrapped[1], str(absolute)
    if captured is None and 200 <= response.status_code < 400 and archive_redirect is None:
        raise ArchiveResponseError(
            f"{archive} played back {response.request.url} without a Memento-Datetime"
        )
    return Memento(
        archive=archive,
        uri_m=str(response.request.url),
        original=original,
        captured_at=captured,
        status=response.status_code,
        headers=headers,
        body=response.content,
        location=location,
        archive_redirect=archive_redirect,
        truncated=bool(response.extensions.get(TRUNCATED)),
    )
