"""SURT keys, archive timestamps and id prefixes: the pure arithmetic behind candidate lookups.

Nothing here does I/O; status URLs and media links follow :mod:`mediacite.twitter`, creation
times :mod:`mediacite.snowflake`. Facts used (see ``docs/archives.md``):

* archives key captures by SURT, which folds scheme, ``www.``, case and query order, but not
  ``twitter.com`` vs ``x.com`` vs ``mobile.twitter.com``, nor query strings;
* SURT also lowercases the path, so ``t.co/AbCd`` and ``t.co/abcd`` share a key although
  the codes differ: compare originals case-sensitively.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

__all__ = ["common_prefix", "parse_timestamp", "surt", "timestamp14"]

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
