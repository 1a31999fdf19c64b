"""The plain-text reader: find flattened citations in text, in memory or streamed from a file.

Text is scanned for each platform's cheap markers with ``str.find``; only windows around the
hits are handed to the platform rules, so long stretches of prose cost one fast pass. Files are
read in chunks with an overlap larger than any citation, so memory stays flat and no citation
is lost at a chunk boundary.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from mediacite.errors import BinaryInputError, DecodingError
from mediacite.extract.bylines import markdown_refs
from mediacite.extract.context import apply_context, article_date_from_text
from mediacite.extract.document import TextDocument, bom_encoding, looks_binary
from mediacite.extract.platforms import PLATFORMS, Platform
from mediacite.models import Citation
from mediacite.results import CitationList, MentionList

__all__ = ["CHUNK_BYTES", "extract_text", "iter_text_stream"]

BACK = 2500
"""Characters of context before a marker: room for the longest post text and its paragraph."""

AHEAD = 600
"""Characters after a marker: room for an attribution, its date and reference links."""

CHUNK_BYTES = 1 << 20
"""Bytes read at a time when streaming a file."""


def _hits(text: str, markers: Iterable[str]) -> list[int]:
    found: list[int] = []
    for marker in markers:
        find = text.find
        i = find(marker)
        while i >= 0:
            found.append(i)
            i = find(marker, i + len(marker))
    found.sort()
    return found


def _windows(hits: list[int], length: int) -> Iterator[tuple[int, int]]:
    """Merge ``[hit - BACK, hit + AHEAD)`` ranges into disjoint windows within ``[0, length)``."""
    start = end = -1
    for hit in hits:
        lo, hi = max(0, hit - BACK), min(length, hit + AHEAD)
        if lo <= end:
            end = max(end, hi)
            continue
        if end > start:
            yield start, end
        start, end = lo, hi
    if end > start:
        yield start, end


def _platforms_for(text: str) -> list[tuple[Platform, list[int]]]:
    return [(p, h) for p in PLATFORMS if (h := _hits(text, p.TEXT_MARKERS))]


def _scan(doc: TextDocument, *, since: int = 0, until: int | None = None) -> Iterator[Citation]:
    """Citations in ``doc`` starting in ``[since, until)`` (offsets relative to ``doc``)."""
    text = doc.text
    refs = markdown_refs(text) if "]:" in text else {}
    for platform, hits in _platforms_for(text):
        line, column, last = doc.line, doc.column, 0
        for lo, hi in _windows(hits, len(text)):
            newline = text.rfind("\n", last, lo)
            if newline >= 0:
                line += text.count("\n", last, lo)
                column = lo - newline
            else:
                column += lo - last
            last = lo
            window = TextDocument(
                text[lo:hi],
                doc.source,
                offset=doc.offset + lo,
                line=line,
                column=column,
                refs=refs,
            )
            for citation in platform.find_text(window):
                start = citation.start - doc.offset
                if since <= start and (until is None or start < until):
                    yield citation


def _dedupe(citations: Iterable[Citation], seen: set[tuple[str, str]]) -> list[Citation]:
    """Order by position; keep one citation per post id not in ``seen`` (which is updated)."""
    out: list[Citation] = []
    for c in sorted(citations, key=lambda c: (c.start, -c.end)):
        if c.post_id is not None:
            key = (c.platform, c.post_id)
            if key in seen:
                continue
            seen.add(key)
        out.append(c)
    return out


def extract_text(
    text: str,
    *,
    source: str | None = None,
    article_date: str | None = None,
    mentions: bool = False,
) -> CitationList:
    """Find every flattened citation in ``text``, in document order.

    ``article_date`` (ISO) is the date of the article; by default it is read from a leading
    ``date YYYY-MM-DD`` line. See :mod:`mediacite.extract.context` for what it changes.
    With ``mentions=True`` the list's :attr:`~mediacite.results.CitationList.mentions` holds
    the prose mentions of posts (see :mod:`mediacite.extract.mentions`).
    """
    found = _dedupe(_scan(TextDocument(text, source)), set())
    article_date = article_date or article_date_from_text(text)
    citations = CitationList(apply_context(found, article_date))
    if mentions:
        from mediacite.extract.mentions import find_mentions

        citations.mentions = MentionList(
            find_mentions(text, citations, article_date=article_date, source=source)
        )
    return citations


def iter_text_stream(
    stream: BinaryIO,
    *,
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[Citation]:
    """Stream citations from a binary file, in document order, with flat memory use.

    Raises :class:`BinaryInputError` for binary data and :class:`DecodingError` for bytes that
    are not valid in the encoding (a byte-order mark, ``encoding``, or UTF-8).
    """
    head = stream.read(chunk_bytes)
    bom, skip = bom_encoding(head)
    if bom is None and looks_binary(head[:8192]):
        raise BinaryInputError("binary data (a file signature or NUL bytes), not text")
    name = bom or encoding or "utf-8"
    try:
        decoder = codecs.getincrementaldecoder(name)(errors="strict")
    except LookupError as exc:
        raise DecodingError(f"unknown encoding {name!r}") from exc
    consumed = skip
    carry = ""
    since = offset = 0
    line = column = 1
    data = head[skip:]
    ahead = stream.read(chunk_bytes) if data else b""
    seen: set[tuple[str, str]] = set()
    while True:
        final = not ahead
        try:
            piece = decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"not valid {name} at byte {consumed + exc.start}; name the encoding (--encoding)"
            ) from exc
        consumed += len(data)
        text = carry + piece
        if not offset and not carry:
            article_date = article_date or article_date_from_text(text)
        doc = TextDocument(text, source, offset=offset, line=line, column=column)
        if final:
            yield from apply_context(_dedupe(_scan(doc, since=since), seen), article_date)
            return
        commit = max(since, len(text) - AHEAD - BACK)
        known = set(seen)
        yield from apply_context(
            _dedupe(_scan(doc, since=since, until=commit), known), article_date
        )
        seen = known - seen
        cut = max(0, commit - BACK)
        newline = text.rfind("\n", 0, cut)
        if newline >= 0:
            line += text.count("\n", 0, cut)
            column = cut - newline
        else:
            column += cut
        offset += cut
        since = commit - cut
        carry = text[cut:]
        data, ahead = ahead, stream.read(chunk_bytes)
