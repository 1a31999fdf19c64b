"""One large text file read by several worker processes, with the results of reading it whole.

The text reader streams a file chunk by chunk (:func:`~mediacite.extract.text.text_steps`):
each chunk's text starts with the end of the one before, and where the reading stands before a
chunk is a small :class:`~mediacite.extract.text.Position`. The main process reads the file
once to learn those positions (no citation is looked for, and UTF-8 is counted in bytes with
only the end of each chunk decoded: a fast pass) and hands runs of :data:`PART_CHUNKS` chunks
to the workers as :class:`TextPart`, each with the position it starts from, so every citation
has the offset, line and column of the whole file. Bytes that are not valid UTF-8 are found by
the worker that decodes them: it reports the citations before them and the error
(:attr:`PartReport.error`), and the parts after it are dropped, as reading whole stops there.

One thing a part cannot know is what the chunk before it reported: a post cited on both sides
of a cut is reported once, by the earlier chunk. A worker therefore reads its first chunk as if
nothing had been reported before and returns the keys its first chunk looked up; the main
process checks them against what the previous part reported, and in the rare case they meet
(the same post cited within a chunk of the cut) reads that part again itself, with the right
keys. The output is the output of reading the file whole, byte for byte.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

import attrs

from mediacite.errors import DecodingError
from mediacite.extract.context import article_date_from_text
from mediacite.extract.text import (
    CHUNK_BYTES,
    CitationKey,
    Position,
    report_steps,
    stream_chunks,
    text_positions,
    text_steps,
)
from mediacite.inputs import open_input
from mediacite.models import Citation

__all__ = ["PART_CHUNKS", "PartReport", "TextPart", "read_text_part", "text_parts"]

PART_CHUNKS = 16
"""Chunks (of :data:`~mediacite.extract.text.CHUNK_BYTES`) a worker reads at a time: 16 MiB,
few enough parts to keep two workers busy on a 100 MB file, each long enough that the check at
its start is cheap."""


@attrs.frozen
class TextPart:
    """The chunks ``first`` to ``first + count`` of a text file, read from ``position``.

    Chunk 0 starts after the byte-order mark (``skip`` bytes), chunk ``k`` at byte
    ``k * chunk_bytes``; ``last`` says the part's last chunk ends the file.
    """

    path: str
    source: str | None
    index: int
    first: int
    count: int
    last: bool
    position: Position
    encoding: str
    skip: int
    article_date: str | None
    chunk_bytes: int = CHUNK_BYTES


@attrs.frozen
class PartReport:
    """What reading a part gave: its citations (or their text) and the keys of its ends."""

    citations: tuple[Citation, ...]
    output: str | None
    count: int
    asked: frozenset[CitationKey]
    """The keys the first chunk looked up among what the chunk before reported."""
    reported: frozenset[CitationKey]
    """The keys of what the last chunk reported."""
    error: str | None = None
    """Why reading stopped before the part's end (bytes not valid in the encoding)."""


def _chunks(stream: BinaryIO, part: TextPart) -> Iterator[tuple[bytes, bool]]:
    for index in range(part.first, part.first + part.count):
        start = part.skip if index == 0 else index * part.chunk_bytes
        stream.seek(start)
        data = stream.read((index + 1) * part.chunk_bytes - start)
        yield data, part.last and index == part.first + part.count - 1


def read_text_part(
    part: TextPart,
    render: Callable[[Sequence[Citation]], str] | None,
    seen: frozenset[CitationKey] = frozenset(),
) -> PartReport:
    """Read one part; ``seen`` holds the keys of what the chunk before it reported."""
    decoder = codecs.getincrementaldecoder(part.encoding)(errors="strict")
    decoder.setstate((part.position.pending, 0))
    reported = set(seen)
    asked: set[CitationKey] = set()
    found: list[Citation] = []
    error = None
    with open_input(part.path) as stream:
        steps = text_steps(
            _chunks(stream, part), decoder, part.encoding, part.position, part.source
        )
        try:
            found.extend(
                report_steps(
                    steps, part.article_date, first=part.first == 0, seen=reported, asked=asked
                )
            )
        except DecodingError as exc:
            error = str(exc)
    output = render(found) if render is not None else None
    citations = () if render is not None else tuple(found)
    return PartReport(citations, output, len(found), frozenset(asked), frozenset(reported), error)


def text_parts(
    stream: BinaryIO,
    path: str,
    source: str | None,
    head: bytes,
    decoder: codecs.IncrementalDecoder,
    encoding: str,
    skip: int,
    article_date: str | None,
    chunk_bytes: int = CHUNK_BYTES,
) -> Iterator[TextPart]:
    """The parts of a text file whose first ``chunk_bytes`` are ``head``, read from ``stream``.

    The file is read here, chunk by chunk, to find where each part starts; a chunk decoded
    here that is not valid in ``encoding`` raises :class:`~mediacite.errors.DecodingError`
    after the parts before it, as reading it whole would (UTF-8 chunks after the first are
    checked by the worker that reads them: :attr:`PartReport.error`).
    """
    position = Position(consumed=skip)
    chunks = stream_chunks(stream, head[skip:], chunk_bytes)
    first = count = 0

    def part(last: bool) -> TextPart:
        return TextPart(
            path, source, first // PART_CHUNKS, first, count, last, position, encoding, skip,
            article_date, chunk_bytes,
        )  # fmt: skip

    try:
        read = text_positions(chunks, decoder, encoding, position, checked=False)
        for index, (_, text, after) in enumerate(read, 1):
            if index == 1 and text is not None:
                article_date = article_date or article_date_from_text(text, source)
            count += 1
            if after is None or count == PART_CHUNKS:
                yield part(after is None)
                first, count = index, 0
                if after is not None:
                    position = after
    except DecodingError:
        if count:
            yield part(False)
        raise
