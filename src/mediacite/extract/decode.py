"""Bytes to text: byte-order marks, binary sniffing, HTML detection, strict and lenient decoding.

Every reader and every command decides "is this HTML?" and "how are these bytes decoded?"
here, once. Text stories are decoded strictly (a byte-order mark, the caller's encoding, else
UTF-8; a bad byte is an error naming its offset, never silently replaced). HTML pages are
decoded leniently, as browsers do (byte-order mark, declared charset, ``<meta charset>``,
UTF-16 and UTF-8 sniffing, windows-1252 as the last resort; bad bytes become U+FFFD).
"""

from __future__ import annotations

import codecs
from typing import Literal

import attrs

from mediacite._charset import SNIFF_BYTES, bom_encoding, sniff_html
from mediacite.errors import BinaryInputError, DecodingError

__all__ = [
    "BINARY_SNIFF_BYTES",
    "HTML_SUFFIXES",
    "MAX_HTML_BYTES",
    "SNIFF_BYTES",
    "Decoded",
    "InputKind",
    "bom_encoding",
    "decode_document",
    "decode_html",
    "decode_text",
    "is_html",
    "looks_binary",
    "sniff_html",
    "text_decoder",
]

InputKind = Literal["auto", "text", "html"]
"""How a document is read: detected, plain text, or HTML."""

BINARY_SNIFF_BYTES = 8192
"""Bytes searched for a NUL byte before text is declared binary (as ``file`` and git do)."""

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
"""File names read as HTML whatever their first bytes."""

MAX_HTML_BYTES = 64 << 20
"""HTML pages are parsed whole; larger ones are refused (the largest news pages are ~10 MB)."""

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
"""File signatures of formats people pass by mistake (images, archives, PDFs, executables)."""

_HTML_TAGS = (
    b"<html",
    b"<!doctype html",
    b"<head",
    b"<body",
    b"<meta",
    b"<div",
    b"<p>",
    b"<p ",
    b"<blockquote",
    b"<article",
    b"<iframe",
    b"<script",
    b"<!--",
)
"""Tags one of which an HTML document shows in its head when markup opens it."""


def looks_binary(head: bytes) -> bool:
    """Tell whether the first bytes of a file mark it as binary (a signature or a NUL byte).

    UTF-16/32 text starting with a byte-order mark is not binary.
    """
    if bom_encoding(head)[0] is not None:
        return False
    return head.startswith(_BINARY_SIGNATURES) or b"\x00" in head[:BINARY_SNIFF_BYTES]


def is_html(head: bytes | str, name: str | None = None) -> bool:
    """Whether a document is HTML: by its file ``name``, or because markup opens it.

    ``head`` is the document's first bytes (at least :data:`SNIFF_BYTES` when it has them).
    """
    if name is not None and name.lower().endswith(HTML_SUFFIXES):
        return True
    data = head[:SNIFF_BYTES]
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    raw = raw.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not raw.startswith(b"<"):
        return False
    return any(tag in raw for tag in _HTML_TAGS)


def decode_text(data: bytes, encoding: str | None = None) -> str:
    """Decode a whole text document, strictly.

    A byte-order mark wins; then ``encoding`` if given; then UTF-8. Binary data raises
    :class:`BinaryInputError`; bytes that are not valid in the chosen encoding raise
    :class:`DecodingError` naming the byte offset, never silently replaced.
    """
    bom, skip = bom_encoding(data)
    if bom is None and looks_binary(data):
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


def text_decoder(
    head: bytes, encoding: str | None = None
) -> tuple[codecs.IncrementalDecoder, str, int]:
    """A strict incremental decoder for a text stream that starts with ``head``.

    Returns the decoder, the encoding's name and how many byte-order-mark bytes to skip.
    Raises as :func:`decode_text` does for binary data and unknown encodings.
    """
    bom, skip = bom_encoding(head)
    if bom is None and looks_binary(head):
        raise BinaryInputError("binary data (a file signature or NUL bytes), not text")
    name = bom or encoding or "utf-8"
    try:
        return codecs.getincrementaldecoder(name)(errors="strict"), name, skip
    except LookupError as exc:
        raise DecodingError(f"unknown encoding {name!r}") from exc


def decode_html(data: bytes, encoding: str | None = None) -> str:
    """Decode an HTML page. Never raises on bad bytes (see :func:`sniff_html`)."""
    return sniff_html(data, encoding)[0]


@attrs.frozen
class Decoded:
    """A decoded document: its text and whether it is HTML.

    ``utf8`` holds the input bytes when they are exactly the text's UTF-8 encoding, so the HTML
    parser can skip re-encoding.
    """

    text: str
    html: bool
    utf8: bytes | None = None


def decode_document(
    data: bytes | str,
    *,
    input: InputKind = "auto",
    name: str | None = None,
    encoding: str | None = None,
) -> Decoded:
    """Decide HTML or text (:func:`is_html` unless ``input`` says) and decode accordingly.

    HTML is decoded leniently (:func:`sniff_html`), text strictly (:func:`decode_text`).
    """
    html = input == "html" or (input == "auto" and is_html(data[:SNIFF_BYTES], name))
    if isinstance(data, str):
        return Decoded(data, html)
    if not html:
        return Decoded(decode_text(data, encoding), False)
    text, codec = sniff_html(data, encoding)
    exact = codec == "utf-8" and "\ufffd" not in text
    return Decoded(text, True, data if exact else None)
