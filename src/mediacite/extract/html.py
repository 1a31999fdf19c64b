"""The HTML reader: ask every platform for its posts in a page, then keep one record per post.

A page is decoded (:mod:`mediacite.extract.decode`), checked for the platforms' cheap markers,
and only then parsed (:class:`~mediacite.extract.htmldoc.HtmlDocument`, shared by every
platform). Posts found only in markup kept inside scripts, only in data (JSON in attributes
and scripts, :mod:`mediacite.extract.embeddata`), or only as a bare address where an embed
never ran (:mod:`mediacite.extract.bareurls`) are reported as ``stub``.
"""

from __future__ import annotations

from collections.abc import Collection

import attrs

from mediacite.extract.bareurls import find_bare
from mediacite.extract.context import apply_context, article_date_from_html
from mediacite.extract.decode import decode_document
from mediacite.extract.embeddata import find_held
from mediacite.extract.htmldoc import HtmlDocument
from mediacite.extract.merge import merge_citations
from mediacite.extract.platforms import PLATFORMS
from mediacite.models import REGIONS, Citation, Region

__all__ = ["ARTICLE", "decoded_page", "extract_html", "page_citations", "region_filter"]

ARTICLE: tuple[Region, ...] = ("main",)
"""The regions returned by default: the article itself, not the page's chrome."""

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
    regions: Collection[str] | None = ARTICLE,
) -> list[Citation]:
    """Find every embedded or linked post in an HTML page, in document order.

    ``html`` is the page as text or bytes (decoded by
    :func:`~mediacite.extract.decode.sniff_html`). Offsets of the citations point into the
    decoded page. A post found several times is reported once, as its richest kind
    (blockquote > card > rendered > stub > link). Pages without any platform's markers are not
    parsed. ``article_date`` (ISO) defaults to the page's publish date from its head (see
    :mod:`mediacite.extract.context`). Only citations in ``regions`` (see
    :mod:`mediacite.extract.regions`) are returned: by default those in the article itself;
    ``None`` returns every region.
    """
    return page_citations(
        decoded_page(html, base_url=base_url, encoding=encoding, source=source),
        article_date=article_date,
        regions=regions,
    )


def decoded_page(
    html: str | bytes,
    *,
    base_url: str | None = None,
    encoding: str | None = None,
    source: str | None = None,
) -> HtmlDocument:
    """The page ``html`` decoded as :func:`extract_html` decodes it (not parsed yet)."""
    decoded = decode_document(html, input="html", encoding=encoding)
    return HtmlDocument(decoded.text, source=source, base_url=base_url, data=decoded.utf8)


def page_citations(
    doc: HtmlDocument,
    *,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> list[Citation]:
    """:func:`extract_html` on a page already decoded (its parse can then be shared)."""
    wanted = region_filter(regions)
    if not _worth_parsing(doc):
        return []
    found: list[Citation] = []
    for platform in PLATFORMS:
        for citation in platform.find_html(doc):
            if citation.kind != "stub" and doc.escaped_at(citation.start):
                citation = attrs.evolve(citation, kind="stub")
            if wanted is None or citation.region in wanted:
                found.append(citation)
    for citation in (*find_held(doc), *find_bare(doc)):
        if wanted is None or citation.region in wanted:
            found.append(citation)
    if not found:
        return []
    if article_date is None:
        article_date = article_date_from_html(doc.text, doc.base_url or doc.source)
    return list(apply_context(merge_citations(found), article_date))


def region_filter(regions: Collection[str] | str | None) -> frozenset[str] | None:
    """The set of region names to keep (``None``: all); a bad name is a :class:`ValueError`.

    A single name may be given as a string.
    """
    if regions is None:
        return None
    names = frozenset((regions,) if isinstance(regions, str) else regions)
    unknown = names - set(REGIONS)
    if unknown:
        raise ValueError(
            f"unknown region(s): {', '.join(sorted(unknown))} (known: {', '.join(REGIONS)})"
        )
    return names
