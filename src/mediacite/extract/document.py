"""Decoded documents: bytes to text, and character offsets to line/column positions."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from typing import Any

import attrs

from mediacite.errors import BinaryInputError, DecodingError
from mediacite.models import Citation, Span

__all__ = ["TextDocument", "decode_bytes", "looks_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of formats people pass by mistake (images, archives, PDFs, executables).
_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"SQLite format 3",
)


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """Return the encoding named by a byte-order mark at the start of ``data`` and its length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None, 0


def looks_binary(head: bytes) -> bool:
    """Tell whether the first bytes of a file mark it as binary (a signature or a NUL byte).

    UTF-16/32 text starting with a byte-order mark is not binary.
    """
    if bom_encoding(head)[0] is not None:
        return False
    return head.startswith(_BINARY_SIGNATURES) or b"\x00" in head


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode a whole document.

    A byte-order mark wins; then ``encoding`` if given; then strict UTF-8. Binary data raises
    :class:`BinaryInputError`; bytes that are not valid in the chosen encoding raise
    :class:`DecodingError` naming the byte offset, never silently replaced.
    """
    bom, skip = bom_encoding(data)
    if bom is None and looks_binary(data[:8192]):
        raise BinaryInputError("binary data (a file signature or NUL bytes), not text")
    name = bom or encoding or "utf-8"
    try:
        return codecs.decode(data[skip:], name)
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"not valid {name} at byte {exc.start + skip}; name the encoding (--encoding)"
        ) from exc
    except LookupError as exc:
        raise DecodingError(f"unknown encoding {name!r}") from exc


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
