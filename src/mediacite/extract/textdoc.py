"""A decoded text (or a window of one) that platforms read, and its absolute positions."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping
from typing import Any

import attrs

from mediacite.models import Citation, Span

__all__ = ["LineIndex", "TextDocument"]


class LineIndex:
    """Where the lines of a text start, so a position's line and column cost one bisection.

    ``offset``, ``line`` and ``column`` locate the text's first character in the whole
    document. The newline table is built on first use (one pass over the text), so a text
    that yields no citation never pays for it.
    """

    __slots__ = ("_newlines", "_text", "column", "line", "offset")

    def __init__(self, text: str, *, offset: int = 0, line: int = 1, column: int = 1) -> None:
        self._text = text
        self._newlines: list[int] | None = None
        self.offset = offset
        self.line = line
        self.column = column

    def span(self, start: int, end: int) -> Span:
        """Absolute :class:`Span` of ``text[start:end]``."""
        if self._newlines is None:
            self._newlines = _newline_positions(self._text)
        before = bisect.bisect_left(self._newlines, start)
        if not before:
            return Span(self.offset + start, self.offset + end, self.line, self.column + start)
        newline = self._newlines[before - 1]
        return Span(self.offset + start, self.offset + end, self.line + before, start - newline)


def _newline_positions(text: str) -> list[int]:
    """Where the line breaks of ``text`` are, without a Python step per character or line.

    Line ``k`` (from 0) ends at the sum of the lengths of lines ``0..k`` plus ``k``.
    """
    lengths = map((1).__add__, map(len, text.split("\n")))
    return list(itertools.accumulate(lengths, initial=-1))[1:-1]


def _own_index(doc: TextDocument) -> LineIndex:
    return LineIndex(doc.text, offset=doc.offset, line=doc.line, column=doc.column)


@attrs.frozen
class TextDocument:
    """A decoded piece of text, possibly a window of a larger document.

    ``offset``, ``line`` and ``column`` locate the window's first character in the whole
    document, so that :meth:`span` reports absolute positions. A window cut from a larger
    text with :meth:`window` shares that text's :class:`LineIndex` (``index``, with ``at``
    the window's start in it), so positions never re-count the newlines before the window.
    """

    text: str
    source: str | None = None
    offset: int = 0
    line: int = 1
    column: int = 1
    refs: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    """Markdown reference definitions (``[3]: URL``) of the whole document, by label."""
    index: LineIndex = attrs.field(
        default=attrs.Factory(_own_index, takes_self=True), repr=False, eq=False
    )
    at: int = 0
    """Where ``text`` starts in the text ``index`` was built for."""

    def citation(self, start: int, end: int, **fields: Any) -> Citation:
        """A :class:`Citation` of ``text[start:end]``: ``fields`` plus its source and position."""
        span = self.span(start, end)
        return Citation(
            source=self.source,
            start=span.start,
            end=span.end,
            line=span.line,
            column=span.column,
            **fields,
        )

    def span(self, start: int, end: int) -> Span:
        """Absolute :class:`Span` of ``text[start:end]``."""
        return self.index.span(self.at + start, self.at + end)

    def window(self, lo: int, hi: int, refs: Mapping[str, str] | None = None) -> TextDocument:
        """The window ``text[lo:hi]`` as a document sharing this one's line index."""
        span = self.span(lo, lo)
        return TextDocument(
            self.text[lo:hi],
            self.source,
            offset=span.start,
            line=span.line,
            column=span.column,
            refs=self.refs if refs is None else refs,
            index=self.index,
            at=self.at + lo,
        )
