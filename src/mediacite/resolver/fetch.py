"""Fetching an article given by URL: one GET, bounded in time, size and redirects.

:func:`fetch_page` sends a ``User-Agent`` naming mediacite and its version, follows at most
:data:`MAX_REDIRECTS` redirects and only to ``http(s)`` URLs, streams the body and stops at
:data:`~mediacite.limits.MAX_DOCUMENT_BYTES`, and refuses what is not a web page or text
(images, PDFs). The final URL is the page's address: extraction uses it as ``source`` and as
the base of relative links. Every failure is a :class:`~mediacite.errors.FetchError`.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

import attrs
import httpx

from mediacite._version import version
from mediacite.errors import FetchError
from mediacite.limits import MAX_DOCUMENT_BYTES, MiB

__all__ = ["FETCH_TIMEOUT", "MAX_REDIRECTS", "PAGE_TYPES", "USER_AGENT", "Page", "fetch_page"]

log = logging.getLogger("mediacite.fetch")

USER_AGENT = f"mediacite/{version()} (article fetcher; +https://pypi.org/project/mediacite/)"
"""The User-Agent of page fetches: names the tool, its version and where to read about it."""

FETCH_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""Seconds to connect (10) and between bytes (30): a news site answers within a few seconds."""

MAX_REDIRECTS = 10
"""Redirects followed (HTTP → HTTPS → canonical host → consent page rarely exceed 4; browsers
give up at 20)."""

PAGE_TYPES = ("text/", "application/xhtml+xml", "application/xml")
"""Content types read as a page; anything else (images, PDFs, JSON) is refused."""


@attrs.frozen
class Page:
    """A fetched page: its final URL, the body and the server's ``Content-Type``."""

    url: str
    data: bytes
    content_type: str | None = None


def _check_scheme(url: str, original: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"only http(s) URLs are fetched, not {url[:100]!r}", source=original)


def _body(response: httpx.Response, url: str, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"page larger than {limit // MiB} MiB ({declared} bytes)", source=url)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"page larger than {limit // MiB} MiB", source=url)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_page(
    url: str,
    *,
    client: httpx.Client | None = None,
    timeout: float | httpx.Timeout = FETCH_TIMEOUT,
    limit: int = MAX_DOCUMENT_BYTES,
) -> Page:
    """GET ``url`` and return the :class:`Page`; raise :class:`FetchError` on any failure.

    ``client`` is an ``httpx.Client`` to send with (its own headers and transport apply, but
    redirects are always followed here, one by one, under the same rules); by default one is
    made for this call with :data:`USER_AGENT` and ``timeout``.
    """
    _check_scheme(url, url)
    own = client is None
    http = client or httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout)
    try:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            log.info("GET %s", current)
            request = http.build_request("GET", current)
            agent = request.headers.get("User-Agent", "")
            if not agent or agent.startswith("python-httpx/"):
                request.headers["User-Agent"] = USER_AGENT
            response = http.send(request, stream=True, follow_redirects=False)
            try:
                if response.is_redirect:
                    target = urljoin(current, response.headers.get("location", ""))
                    _check_scheme(target, url)
                    log.info("%s redirects (%d) to %s", current, response.status_code, target)
                    current = target
                    continue
                if response.status_code >= 400:
                    raise FetchError(
                        f"HTTP {response.status_code} {response.reason_phrase}",
                        source=url,
                        status=response.status_code,
                    )
                content_type = response.headers.get("content-type")
                if content_type and not content_type.lower().lstrip().startswith(PAGE_TYPES):
                    raise FetchError(f"not a web page or text ({content_type})", source=url)
                data = _body(response, url, limit)
                log.info("%s: %d bytes (%s)", current, len(data), content_type or "no type")
                return Page(str(response.url), data, content_type)
            finally:
                response.close()
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc or type(exc).__name__}", source=url) from exc
    finally:
        if own:
            http.close()
