"""Post URLs, Snowflake ids and SURT keys: the pure arithmetic behind candidate lookups.

Nothing here does I/O. Facts used (see ``docs/archives.md``):

* a Snowflake id carries its creation time: ``ms = (id >> 22) + 1288834974657``;
  ids below :data:`FIRST_SNOWFLAKE` predate Snowflake and carry no time;
* archives key captures by SURT, which folds scheme, ``www.``, case and query order, but not
  ``twitter.com`` vs ``x.com`` vs ``mobile.twitter.com``, nor query strings;
* SURT also lowercases the path, so ``t.co/AbCd`` and ``t.co/abcd`` share a key although
  the codes differ: compare originals case-sensitively.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit

from mediacite.snowflake import FIRST_SNOWFLAKE, TWITTER_EPOCH_MS, id_range, snowflake_time

__all__ = [
    "FIRST_SNOWFLAKE",
    "STATUS_HOSTS",
    "TWITTER_EPOCH_MS",
    "common_prefix",
    "id_range",
    "media_codes",
    "parse_status_url",
    "parse_timestamp",
    "snowflake_time",
    "status_url",
    "surt",
    "timestamp14",
]

STATUS_HOSTS: tuple[str, ...] = ("twitter.com", "x.com", "mobile.twitter.com")
"""Hosts a status page is archived under, in the order they are queried."""

_STATUS_PATH = re.compile(
    r"^/(?P<handle>[A-Za-z0-9_]{1,50})/status(?:es)?/(?P<id>\d{1,20})(?:[/?#]|$)", re.ASCII
)
_MEDIA = re.compile(r"(?:^|[/.\s])(?P<host>pic\.twitter\.com|t\.co)/(?P<code>[A-Za-z0-9]{4,16})\b")
_TS_DIGITS = re.compile(r"^\d{4,14}$")


def common_prefix(lo: int, hi: int) -> str:
    """Return the longest decimal prefix shared by every integer in ``[lo, hi]``.

    Both ends must have the same number of digits, otherwise the prefix is empty.
    """
    a, b = str(lo), str(hi)
    if len(a) != len(b):
        return ""
    n = 0
    while n < len(a) and a[n] == b[n]:
        n += 1
    return a[:n]


def status_url(host: str, handle: str, post_id: str = "") -> str:
    """Return ``https://{host}/{handle}/status/{post_id}`` (``post_id`` may be a prefix)."""
    return f"https://{host}/{handle}/status/{post_id}"


def parse_status_url(url: str) -> tuple[str, str, str] | None:
    """Split a status URL into ``(host, handle, post_id)``; ``None`` if it is not one.

    Accepts any scheme, ``www.``, ``/status/`` and ``/statuses/``, and trailing suffixes such
    as ``/photo/1`` or a query string. Relative URLs (``/jack/status/20``) get an empty host.
    """
    parts = urlsplit(url if "//" in url or url.startswith("/") else "https://" + url)
    match = _STATUS_PATH.match(parts.path or "/")
    if not match:
        return None
    host = (parts.hostname or "").lower()
    host = host.removeprefix("www.")
    return host, match["handle"], match["id"]


def media_codes(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Return the distinct ``(host, code)`` pairs of pic.twitter.com / t.co links, case kept."""
    seen: dict[tuple[str, str], None] = {}
    for value in values:
        for match in _MEDIA.finditer(value):
            seen[(match["host"], match["code"])] = None
    return tuple(seen)


def surt(url: str) -> str:
    """Return the SURT key archives index ``url`` under (``com,twitter)/jack/status/20``).

    Folds scheme, ``www.``, default ports, case and query-parameter order, like pywb and the
    Wayback CDX server.
    """
    parts = urlsplit(url if "//" in url else "https://" + url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
    labels = ",".join(reversed(host.split(".")))
    if port and port not in (80, 443):
        labels += f":{port}"
    path = parts.path or "/"
    key = f"{labels}){path}"
    if parts.query:
        key += "?" + urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    key = key.lower()
    if key.endswith("/") and not key.endswith(")/"):
        key = key.rstrip("/")
    return key


def parse_timestamp(value: str) -> dt.datetime:
    """Parse a 1-14 digit archive timestamp (``YYYYMMDDhhmmss``, missing parts = start)."""
    if not _TS_DIGITS.match(value):
        raise ValueError(f"not an archive timestamp: {value!r}")
    padded = value + "00000101000000"[len(value) :]
    return dt.datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone.utc)


def timestamp14(moment: dt.datetime) -> str:
    """Format a datetime as a 14-digit archive timestamp (UTC)."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
