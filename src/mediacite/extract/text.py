"""The plain-text reader: find flattened citations in text, in memory or streamed from a file.

Text is scanned for each platform's cheap markers (:mod:`~mediacite.extract.markers`); only
windows around the hits are handed to the platform rules, so long stretches of prose cost a few
fast passes. Files are read in chunks with an overlap larger than any citation, so memory stays
flat and no citation is lost at a chunk boundary.
"""

from __future__ import annotations

import codecs
import itertools
import operator
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO

import attrs

from mediacite.errors import DecodingError
from mediacite.extract.bylines import markdown_refs
from mediacite.extract.context import apply_context, article_date_from_text
from mediacite.extract.decode import text_decoder
from mediacite.extract.markers import marker_hits, plain_markers_in
from mediacite.extract.platforms import PLATFORMS
from mediacite.extract.textdoc import TextDocument
from mediacite.models import Citation

__all__ = [
    "CHUNK_BYTES",
    "CitationKey",
    "Position",
    "Step",
    "citation_keys",
    "extract_text",
    "find_text_citations",
    "iter_text_stream",
    "report_steps",
    "stream_chunks",
    "text_positions",
    "text_steps",
]

BACK = 2500
"""Characters of context before a marker: room for the longest post text and its paragraph."""

AHEAD = 600
"""Characters after a marker: room for an attribution, its date and reference links."""

MAX_WINDOW = 64 * 1024
"""Characters a window reports citations for at most (with ``BACK`` and ``AHEAD`` around it)."""

CHUNK_BYTES = 1 << 20
"""Bytes read at a time when streaming a file."""


def _merged(hits: list[int], length: int) -> Iterator[tuple[int, int]]:
    """Merge ``[hit - BACK, hit + AHEAD)`` ranges into disjoint ranges within ``[0, length)``.

    ``hits`` are sorted offsets into the text, so a range starts where a hit lies more than
    ``BACK + AHEAD`` after the one before it (found without a Python loop over the hits,
    which text dense with near misses has by the hundred thousand).
    """
    if not hits:
        return
    gaps = map((BACK + AHEAD).__lt__, map(operator.sub, hits[1:], hits))
    first = 0
    for after in [*itertools.compress(range(1, len(hits)), gaps), len(hits)]:
        yield max(0, hits[first] - BACK), min(length, hits[after - 1] + AHEAD)
        first = after


def _windows(hits: list[int], length: int) -> Iterator[tuple[int, int, int, int]]:
    """The windows to read: ``(lo, hi, own_lo, own_hi)``.

    A window reports the citations that start in ``[own_lo, own_hi)``. Ranges that merged
    into more than :data:`MAX_WINDOW` characters (text dense with near misses) are cut into
    pieces that overlap by the context a citation needs — the previous citation before it,
    the whole citation after it — like the pieces of a streamed file, so no window grows
    with the document.
    """
    for lo, hi in _merged(hits, length):
        own = lo
        while own < hi:
            own_hi = min(hi, own + MAX_WINDOW)
            yield max(lo, own - BACK), min(hi, own_hi + BACK + AHEAD), own, own_hi
            own = own_hi


class _References(Mapping[str, str]):
    """The Markdown reference definitions (``[3]: URL``) of a text, read when first looked up.

    Only a date written as a reference link (``[May 3, 2023][3]``) looks one up, so most
    texts are never searched for them.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, str] | None = None

    def _read(self) -> dict[str, str]:
        if self._found is None:
            self._found = markdown_refs(self._text) if "]:" in self._text else {}
        return self._found

    def __getitem__(self, label: str) -> str:
        return self._read()[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def _scan(
    doc: TextDocument,
    *,
    since: int = 0,
    until: int | None = None,
    markers: frozenset[str] | None = None,
) -> Iterator[Citation]:
    """Citations in ``doc`` starting in ``[since, until)`` (offsets relative to ``doc``).

    ``markers``: the markers without an anchor the text may hold (``None``: not known).
    """
    text = doc.text
    refs = _References(text)
    end = len(text) if until is None else until
    for platform, hits in marker_hits(text, PLATFORMS, markers):
        for lo, hi, own_lo, own_hi in _windows(hits, len(text)):
            window = doc.window(lo, hi, refs)
            for citation in platform.find_text(window):
                start = citation.start - doc.offset
                if max(since, own_lo) <= start < min(end, own_hi):
                    yield citation


CitationKey = tuple[str, ...]
"""A key naming a cited post (see :func:`citation_keys`)."""


def citation_keys(c: Citation) -> list[CitationKey]:
    """What names the post a citation cites, independently of where it sits.

    Its id; each of its media links (a media link belongs to one post); its account, date
    and text. A citation with none of these (a caption-less credit line) names no post
    precisely enough to be merged with another.
    """
    keys: list[CitationKey] = []
    if c.post_id:
        keys.append((c.platform, "id", c.post_id))
    keys.extend((c.platform, "media", m) for m in c.media)
    if c.text:
        who = (c.handle or c.author or "").casefold()
        keys.append((c.platform, "text", who, c.date or "", " ".join(c.text.casefold().split())))
    return keys


def _richness(c: Citation) -> tuple[bool, bool, bool, bool]:
    return (c.post_id is not None, c.handle is not None, c.date is not None, c.kind != "link")


def _dedupe(citations: Iterable[Citation], seen: set[CitationKey]) -> list[Citation]:
    """Order by position; one citation per post, the other places it is printed in ``also_at``.

    The record kept is the richest (it knows the post id, the handle, the date; it is not a
    bare link), else the first. Posts whose keys are in ``seen`` (reported from an earlier
    piece of a streamed file) are left out; ``seen`` is updated.
    """
    groups: list[list[Citation]] = []
    index: dict[CitationKey, int] = {}
    for c in sorted(citations, key=lambda c: (c.start, -c.end)):
        keys = citation_keys(c)
        if any(k in seen for k in keys):
            continue
        group = next((index[k] for k in keys if k in index), None)
        if group is None:
            group = len(groups)
            groups.append([])
        groups[group].append(c)
        for k in keys:
            index.setdefault(k, group)
    out: list[Citation] = []
    for members in groups:
        best = max(members, key=_richness)
        others = tuple(m.span for m in members if m is not best)
        out.append(attrs.evolve(best, also_at=best.also_at + others) if others else best)
        for member in members:
            seen.update(citation_keys(member))
    return sorted(out, key=lambda c: (c.start, -c.end))


def find_text_citations(text: str, *, source: str | None = None) -> list[Citation]:
    """The flattened citations in ``text``, in document order, without document context."""
    return _dedupe(_scan(TextDocument(text, source)), set())


def extract_text(
    text: str, *, source: str | None = None, article_date: str | None = None
) -> list[Citation]:
    """Find every flattened citation in ``text``, in document order.

    ``article_date`` (ISO) is the date of the article; by default it is read from a leading
    ``date YYYY-MM-DD`` line. See :mod:`mediacite.extract.context` for what it changes.
    """
    found = find_text_citations(text, source=source)
    return list(apply_context(found, article_date or article_date_from_text(text, source)))


@attrs.frozen
class Position:
    """Where the reading of a streamed text stands before a chunk: all that reading on needs.

    ``carry`` is the end of the text read so far, which the next chunk's text starts with (the
    context a citation near the cut needs), ``since`` where in it the citations not yet
    reported may start, and ``offset``, ``line``, ``column`` where it starts in the document.
    ``pending`` holds the bytes of a character the previous chunk cut in two, ``consumed``
    the count of bytes read before the chunk.
    """

    carry: str = ""
    since: int = 0
    offset: int = 0
    line: int = 1
    column: int = 1
    pending: bytes = b""
    consumed: int = 0


@attrs.frozen
class Step:
    """One chunk's text and the part of it whose citations it reports (``[since, until)``).

    ``after`` is where reading stands after it; the last chunk has neither ``until`` nor
    ``after``: it reports up to its end. ``markers`` names the markers without an anchor its
    text may hold, when its bytes told (see :func:`~.markers.plain_markers_in`).
    """

    doc: TextDocument
    since: int
    until: int | None
    after: Position | None
    markers: frozenset[str] | None = None


def stream_chunks(
    stream: BinaryIO, first: bytes, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[tuple[bytes, bool]]:
    """``first`` and the chunks of ``stream`` after it, each with whether it is the last.

    That is known by reading one chunk ahead; an empty ``first`` is the last.
    """
    data = first
    ahead = stream.read(chunk_bytes) if data else b""
    while True:
        yield data, not ahead
        if not ahead:
            return
        data, ahead = ahead, stream.read(chunk_bytes)


def text_positions(
    chunks: Iterable[tuple[bytes, bool]],
    decoder: codecs.IncrementalDecoder,
    name: str,
    position: Position,
    *,
    checked: bool = True,
) -> Iterator[tuple[bytes, str | None, Position | None]]:
    """Each chunk's bytes, its text and where reading stands after it (``None``: the end).

    A chunk's text is what it adds to the carry of the position before it. ``chunks``,
    ``decoder``, ``name`` and ``position`` are as for :func:`text_steps`; this is its
    reading without the documents, for a reader that only needs to know where chunks start.

    ``checked=False`` (UTF-8 only) reads the chunks after the first one without decoding
    more than their end (the rest is counted in bytes): their text is ``None``, and bytes
    that are not UTF-8 go unnoticed there. The positions are the same for valid text; the
    reader of those chunks decodes them, and finds any such bytes.
    """
    quick = not checked and codecs.lookup(name).name == "utf-8"
    first = True
    for data, final in chunks:
        if quick and not first:
            if final:
                yield data, None, None
                return
            quick_after = _utf8_after(data, position)
            if quick_after is not None:
                decoder.setstate((quick_after.pending, 0))
                yield data, None, quick_after
                position = quick_after
                continue
        first = False
        try:
            piece = decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"not valid {name} at byte {position.consumed + exc.start}; "
                "name the encoding (--encoding)"
            ) from exc
        if final:
            yield data, piece, None
            return
        carry = position.carry
        commit = max(position.since, len(carry) + len(piece) - AHEAD - BACK)
        cut = max(0, commit - BACK)
        line, column = _advance(carry, piece, cut, position.line, position.column)
        after = Position(
            carry[cut:] + piece if cut < len(carry) else piece[cut - len(carry) :],
            commit - cut,
            position.offset + cut,
            line,
            column,
            decoder.getstate()[0],
            position.consumed + len(data),
        )
        yield data, piece, after
        position = after


_CONTINUATION = bytes(range(0x80, 0xC0))
"""The bytes that continue a UTF-8 character: a text's length is its bytes without them."""


def _utf8_pending(data: bytes) -> int:
    """How many bytes at the end of ``data`` start a character that it does not finish."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return 0
        if byte >= 0xC0:
            size = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return back if size > back else 0
    return 0


def _utf8_after(data: bytes, position: Position) -> Position | None:
    """Where reading stands after the UTF-8 chunk ``data``, decoding only its end.

    ``None`` when the text after the cut does not lie within the chunk, or the chunk's end is
    not valid UTF-8: then the chunk is decoded whole.
    """
    whole = position.pending + data
    pending = _utf8_pending(whole)
    body = whole[: len(whole) - pending]
    length = len(body.translate(None, _CONTINUATION))
    carry = position.carry
    commit = max(position.since, len(carry) + length - AHEAD - BACK)
    cut = max(0, commit - BACK)
    within = cut - len(carry)
    if within <= 0:
        return None
    kept = length - within
    start = max(0, len(body) - 4 * kept)
    while start and 0x80 <= body[start] < 0xC0:
        start -= 1
    try:
        end = body[start:].decode("utf-8")
    except UnicodeDecodeError:
        return None
    before = len(end) - kept
    last = end.rfind("\n", 0, before)
    if last >= 0:
        last += len(carry) + length - len(end)
    elif (newline := body.rfind(b"\n", 0, start)) >= 0:
        last = len(carry) + len(body[:newline].translate(None, _CONTINUATION))
    else:
        last = carry.rfind("\n")
    line, column = position.line, position.column + cut
    if last >= 0:
        lines = carry.count("\n") + body.count(b"\n") - end.count("\n", before)
        line, column = position.line + lines, cut - last
    return Position(
        end[before:],
        commit - cut,
        position.offset + cut,
        line,
        column,
        whole[len(whole) - pending :],
        position.consumed + len(data),
    )


def _advance(carry: str, piece: str, cut: int, line: int, column: int) -> tuple[int, int]:
    """The line and column of character ``cut`` of ``carry + piece``, given its first's."""
    lines = carry.count("\n", 0, cut)
    last = carry.rfind("\n", 0, cut)
    if cut > len(carry):
        within = cut - len(carry)
        newline = piece.rfind("\n", 0, within)
        if newline >= 0:
            lines += piece.count("\n", 0, within)
            last = len(carry) + newline
    if last < 0:
        return line, column + cut
    return line + lines, cut - last


def text_steps(
    chunks: Iterable[tuple[bytes, bool]],
    decoder: codecs.IncrementalDecoder,
    name: str,
    position: Position,
    source: str | None = None,
) -> Iterator[Step]:
    """The steps of reading a text from ``position`` on, one per chunk of its bytes.

    ``chunks`` gives each chunk and whether it is the last; ``decoder`` (for the encoding
    ``name``) holds ``position.pending``. Raises :class:`~mediacite.errors.DecodingError` at
    the first chunk that is not valid in the encoding.
    """
    utf8 = codecs.lookup(name).name == "utf-8"
    for data, piece, after in text_positions(chunks, decoder, name, position):
        assert piece is not None  # every chunk is decoded when checked
        markers = None
        if utf8:
            head = position.carry.encode("utf-8") + position.pending
            markers = plain_markers_in(data, PLATFORMS, head)
        doc = TextDocument(
            position.carry + piece,
            source,
            offset=position.offset,
            line=position.line,
            column=position.column,
        )
        if after is None:
            yield Step(doc, position.since, None, None, markers)
            return
        yield Step(
            doc, position.since, after.offset - position.offset + after.since, after, markers
        )
        position = after


def report_steps(
    steps: Iterable[Step],
    article_date: str | None,
    *,
    first: bool = True,
    seen: set[CitationKey] | None = None,
    asked: set[CitationKey] | None = None,
) -> Iterator[Citation]:
    """The citations of reading ``steps``, each reported once.

    ``first`` says the steps start the text (the first one's text may state the article
    date). A post cited on both sides of a cut is reported by the step before it: ``seen``
    holds the keys (:func:`citation_keys`) of what the step before the first reported, and
    ends up holding those of what the last step reported. ``asked`` receives the keys that
    were looked up in the first ``seen``: only they decide what the first step reports.
    """
    seen = set() if seen is None else seen
    for step in steps:
        if first:
            article_date = article_date or article_date_from_text(step.doc.text, step.doc.source)
            first = False
        found: Iterable[Citation] = _scan(
            step.doc, since=step.since, until=step.until, markers=step.markers
        )
        if asked is not None:
            found = list(found)
            asked.update(key for citation in found for key in citation_keys(citation))
            asked = None
        if step.until is None:
            yield from apply_context(_dedupe(found, seen), article_date)
            return
        known = set(seen)
        yield from apply_context(_dedupe(found, known), article_date)
        reported = known - seen
        seen.clear()
        seen.update(reported)


def iter_text_stream(
    stream: BinaryIO,
    *,
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[Citation]:
    """Stream citations from a binary file, in document order, with flat memory use.

    Raises :class:`~mediacite.errors.BinaryInputError` for binary data and
    :class:`~mediacite.errors.DecodingError` for bytes that are not valid in the encoding (a
    byte-order mark, ``encoding``, or UTF-8).
    """
    head = stream.read(chunk_bytes)
    decoder, name, skip = text_decoder(head, encoding)
    chunks = stream_chunks(stream, head[skip:], chunk_bytes)
    steps = text_steps(chunks, decoder, name, Position(consumed=skip), source)
    yield from report_steps(steps, article_date)
