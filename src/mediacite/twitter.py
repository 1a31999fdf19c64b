"""The Twitter / X URL grammar: hosts, handles, status URLs and media links, in one place.

Extraction reads status URLs and media links out of articles with these rules; resolution
parses the URLs archives report with the same rules and builds its lookups from them, so the
two sides can never disagree about what a status URL or a handle is. Nothing here does I/O;
like :mod:`mediacite.snowflake`, this module imports nothing else from mediacite.

Facts used: screen names are 1–15 letters, digits and underscores (the sign-up rule since
2009; twitter-text's validator uses the same bound); a status URL is
``{host}/{handle}/status/{id}`` (``/statuses/`` on the old site, ``/i/web/status/{id}``
and ``/i/status/{id}`` without a handle) on ``twitter.com``, ``x.com`` and their ``www.``,
``mobile.`` and ``m.`` hosts; media links are ``pic.twitter.com/CODE`` (``pic.x.com`` since
2024) and other links in posts are ``t.co/CODE``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import regex

from mediacite._patterns import compile_later

__all__ = [
    "HANDLE",
    "HOSTS",
    "LINK_CODE",
    "MEDIA",
    "MEDIA_CODE",
    "NOT_HANDLES",
    "STATUS_URL",
    "StatusRef",
    "find_status_url",
    "media_codes",
    "parse_profile_url",
    "parse_status_url",
    "status_url",
]

HANDLE = r"[A-Za-z0-9_]{1,15}"
"""One screen name, without the ``@``."""

HOSTS: tuple[str, ...] = ("twitter.com", "x.com", "mobile.twitter.com")
"""Hosts a status page is archived under, in the order archives are asked about them."""

NOT_HANDLES = frozenset({"i", "intent", "share", "home", "search", "hashtag"})
"""First path segments of twitter.com URLs that are site sections, not accounts."""

MEDIA_CODE = r"(?:[A-Za-z0-9]{10}|[A-Za-z0-9]{8})"
"""The code of a ``pic.twitter.com`` / ``pic.x.com`` link: 10 letters and digits (8 on links
made in 2011 and 2012). Anything else after ``pic.twitter.com/`` is debris, not a media link."""

LINK_CODE = r"[A-Za-z0-9]{4,20}"
"""The code of a ``t.co`` link (shorter on the oldest links)."""

_HOST = r"(?:(?:www|mobile|m)\.)?(?:twitter|x)\.com(?::\d{1,5})?"
_PATH = (
    r"/(?:(?P<handle>" + HANDLE + r")/status(?:es)?|i/web/status|i/status)/(?P<id>\d{1,20})"
    r"(?!\d)(?:[/?#][^\s<>\"'()\[\]]*)?"
)
STATUS_URL = compile_later(
    r"(?:https?://|(?<![\w.@-]))(?P<host>" + _HOST + r")" + _PATH, regex.IGNORECASE
)
"""A status URL in running text (with or without scheme; a query or ``/photo/1`` may follow).

Written with its scheme, it may be glued to the word before it (``…311104https://twitter.com/…``);
its id ends at the first non-digit, so a word glued after it is not part of it."""

_RELATIVE = compile_later(_PATH, regex.IGNORECASE)
_PROFILE = compile_later(
    r"(?:https?://)?(?P<host>" + _HOST + r")/(?P<handle>" + HANDLE + r")/?(?:[?#]\S*)?",
    regex.IGNORECASE,
)

MEDIA = compile_later(
    r"(?<![/@-])(?:https?://)?(pic\.(?:twitter|x)\.com/" + MEDIA_CODE + r")(?![A-Za-z0-9])",
    regex.IGNORECASE,
)
"""A media link in running text; group 1 is the link without scheme."""

_MEDIA_CODES = compile_later(
    r"(?:^|[/.\s])(?:(?P<host>pic\.(?:twitter|x)\.com)/(?P<code>" + MEDIA_CODE + r")"
    r"|(?P<host>t\.co)/(?P<code>" + LINK_CODE + r"))(?![A-Za-z0-9])",
    regex.IGNORECASE,
)


@attrs.frozen
class StatusRef:
    """What a status URL names.

    Its host (lower-case, no ``www.``, no port; empty for a site-relative path), the handle
    (``None`` for ``/i/web/status/``) and the post id.
    """

    host: str
    handle: str | None
    post_id: str


def _ref(m: regex.Match[str], host: str) -> StatusRef:
    handle = m.group("handle")
    if handle is not None and handle.lower() in NOT_HANDLES:
        handle = None
    return StatusRef(host, handle, m.group("id"))


def _host(raw: str) -> str:
    return raw.lower().split(":", 1)[0].removeprefix("www.")


def parse_status_url(url: str) -> StatusRef | None:
    """The post a status URL names, or ``None`` when ``url`` is not one.

    Accepts any scheme or none, ``www.``/``mobile.``/``m.`` hosts, a port, ``/statuses/``,
    ``/i/web/status/``, trailing parts (``/photo/1``, a query) and site-relative paths
    (``/jack/status/20``, host ``""``).
    """
    url = url.strip()
    if url.startswith("/"):
        m = _RELATIVE.match(url)
        return _ref(m, "") if m is not None else None
    m = STATUS_URL.match(url)
    return _ref(m, _host(m.group("host"))) if m is not None else None


def find_status_url(text: str) -> StatusRef | None:
    """The first status URL written anywhere in ``text`` (an embed URL, an attribute value)."""
    m = STATUS_URL.search(text)
    return _ref(m, _host(m.group("host"))) if m is not None else None


def parse_profile_url(url: str) -> str | None:
    """The handle of a profile URL (``https://twitter.com/jack``), or ``None``."""
    m = _PROFILE.fullmatch(url.strip())
    if m is None or m.group("handle").lower() in NOT_HANDLES:
        return None
    return m.group("handle")


def status_url(post_id: str, handle: str | None = None) -> str:
    """The canonical URL of a post (``/i/web/status/`` when the handle is unknown)."""
    return f"https://twitter.com/{handle or 'i/web'}/status/{post_id}"


def media_codes(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The distinct ``(host, code)`` pairs of pic.twitter.com / pic.x.com / t.co links.

    Codes keep their case: they are case-sensitive although archives fold them.
    """
    seen: dict[tuple[str, str], None] = {}
    for value in values:
        for m in _MEDIA_CODES.finditer(value):
            seen[(m.group("host").lower(), m.group("code"))] = None
    return tuple(seen)
