"""A decoded text (or a window of one) that platforms read, and its absolute positions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from mediacite.models import Citation, Span

__all__ = ["TextDocument"]


@attrs.frozen
class TextDocument:
    """A decoded piece of text, possibly a window of a larger document.

    ``offset``, ``line`` and ``column`` locate the window's first character in the whole
    document, so that :meth:`span` reports absolute positions.
    """

    text: str
    source: str | None = None
    offset: int = 0
    line: int = 1
    column: int = 1
    refs: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    """Markdown reference definitions (``[3]: URL``) of the whole document, by label."""

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
        newline = self.text.rfind("\n", 0, start)
        if newline < 0:
            return Span(self.offset + start, self.offset + end, self.line, self.column + start)
        line = self.line + self.text.count("\n", 0, newline + 1)
        return Span(self.offset + start, self.offset + end, line, start - newline)
