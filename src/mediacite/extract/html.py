"""The HTML reader: ask every platform for its posts in a page, then keep one record per post.

A page is decoded (:mod:`mediacite.extract.decode`), checked for the platforms' cheap markers,
and only then parsed (:class:`~mediacite.extract.htmldoc.HtmlDocument`, shared by every
platform). Posts found only in markup kept inside scripts are reported as ``stub``.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from mediacite.extract.context import HEAD_CHARS, apply_context, article_date_from_html
from mediacite.extract.decode import decode_document
from mediacite.extract.htmldoc import HtmlDocument
from mediacite.extract.platforms import PLATFORMS
from mediacite.models import Citation

__all__ = ["KIND_RANK", "extract_html"]

KIND_RANK: dict[str, int] = {"blockquote": 0, "card": 1, "rendered": 2, "stub": 3, "link": 4}
"""How rich each kind is: a post found twice in a page is reported as its lowest rank."""


def _dedupe(citations: Iterable[Citation]) -> list[Citation]:
    """One citation per post: the richest kind, with fields it lacks taken from the others."""
    best: dict[tuple[str, ...], Citation] = {}
    order: list[tuple[str, ...]] = []
    for c in citations:
        key = c.identity
        if not c.post_id and not c.handle and not c.media:
            key = (*key, str(c.start))
        have = best.get(key)
        if have is None:
            best[key] = c
            order.append(key)
            continue
        rich, poor = (c, have) if KIND_RANK[c.kind] < KIND_RANK[have.kind] else (have, c)
        best[key] = _merge(rich, poor)
    return sorted((best[k] for k in order), key=lambda c: (c.start, -c.end))


_MERGED = ("handle", "author", "date", "date_text", "posted_at", "text", "url")


def _merge(rich: Citation, poor: Citation) -> Citation:
    changes = {
        name: getattr(poor, name)
        for name in _MERGED
        if getattr(rich, name) is None and getattr(poor, name) is not None
    }
    return attrs.evolve(rich, **changes) if changes else rich


_MARKERS = tuple(
    dict.fromkeys(m.lower().encode("utf-8") for p in PLATFORMS for m in p.HTML_MARKERS)
)
"""Every platform's HTML markers, lower-case UTF-8, once each."""


def _worth_parsing(doc: HtmlDocument) -> bool:
    """The prefilter: whether any platform's markers occur in the page.

    Markers are looked for in the raw bytes first (where they are nearly always lower-case)
    and only then in a lower-cased copy.
    """
    markers = _MARKERS
    if any(m in doc.data for m in markers) or any(m in doc.lowered for m in markers):
        return True
    base = (doc.base_url or "").lower().encode("utf-8")
    return any(m in base for m in markers)


def extract_html(
    html: str | bytes,
    *,
    base_url: str | None = None,
    encoding: str | None = None,
    source: str | None = None,
    article_date: str | None = None,
) -> list[Citation]:
    """Find every embedded or linked post in an HTML page, in document order.

    ``html`` is the page as text or bytes (decoded by
    :func:`~mediacite.extract.decode.sniff_html`). Offsets of the citations point into the
    decoded page. A post found several times is reported once, as its richest kind
    (blockquote > card > rendered > stub > link). Pages without any platform's markers are not
    parsed. ``article_date`` (ISO) defaults to the page's publish date from its head (see
    :mod:`mediacite.extract.context`).
    """
    decoded = decode_document(html, input="html", encoding=encoding)
    doc = HtmlDocument(decoded.text, source=source, base_url=base_url, data=decoded.utf8)
    if not _worth_parsing(doc):
        return []
    found: list[Citation] = []
    for platform in PLATFORMS:
        for citation in platform.find_html(doc):
            if citation.kind != "stub" and doc.escaped_at(citation.start):
                citation = attrs.evolve(citation, kind="stub")
            found.append(citation)
    if not found:
        return []
    if article_date is None:
        article_date = article_date_from_html(doc.text[:HEAD_CHARS], base_url or source)
    return list(apply_context(_dedupe(found), article_date))
