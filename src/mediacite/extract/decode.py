"""Bytes to text: byte-order marks, binary sniffing, which reader, strict and lenient decoding.

Every reader and every command decides "is this HTML, Markdown or plain text?" and "how are
these bytes decoded?" here, once (:func:`detect_input`, :func:`decode_document`). Text and
Markdown stories are decoded strictly (a byte-order mark, the caller's encoding, else UTF-8; a
bad byte is an error naming its offset, never silently replaced). HTML pages are
decoded leniently, as browsers do (byte-order mark, declared charset, ``<meta charset>``,
UTF-16 and UTF-8 sniffing, windows-1252 as the last resort; bad bytes become U+FFFD).
"""

from __future__ import annotations

import codecs
from typing import Literal

import attrs
import regex

from mediacite._charset import SNIFF_BYTES, bom_encoding, sniff_html
from mediacite._patterns import compile_later
from mediacite.errors import BinaryInputError, DecodingError
from mediacite.limits import MAX_MARKDOWN_BYTES

__all__ = [
    "BINARY_SNIFF_BYTES",
    "HTML_SUFFIXES",
    "MARKDOWN_SNIFF_CHARS",
    "MARKDOWN_SUFFIXES",
    "SNIFF_BYTES",
    "Decoded",
    "InputKind",
    "Reader",
    "bom_encoding",
    "decode_document",
    "decode_html",
    "decode_text",
    "detect_input",
    "is_html",
    "looks_binary",
    "looks_like_markdown",
    "sniff_html",
    "text_decoder",
]

Reader = Literal["text", "html", "markdown"]
"""Which reader a document needs."""

InputKind = Literal["auto", "text", "html", "markdown"]
"""How a document is read: detected (:func:`detect_input`), or as the reader named."""

BINARY_SNIFF_BYTES = 8192
"""Bytes searched for a NUL byte before text is declared binary (as ``file`` and git do)."""

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
"""File names read as HTML whatever their first bytes."""

MARKDOWN_SUFFIXES = (
    ".md",
    ".markdown",
    ".mdown",
    ".mkd",
    ".mkdn",
    ".mdx",
    ".svx",
    ".qmd",
    ".rmd",
    ".rmarkdown",
    ".njk",
    ".liquid",
)
"""File names read as Markdown: Markdown, MDX, mdsvex, Quarto and R Markdown, and the
Nunjucks/Liquid templates that static-site generators keep stories in (lower case)."""

MARKDOWN_SNIFF_CHARS = 1 << 16
"""How much of a document without a telling file name is looked at to tell Markdown."""

_MARKDOWN_HINTS = compile_later(
    r"\A\ufeff?(?:---|\+\+\+)[ \t]*\r?\n"
    r"|^[ ]{0,3}(?:```|~~~)"
    r"|^[ ]{0,3}<(?:blockquote|iframe|script|div|figure|p|center|details|section|!--)[\s>]"
    r"|^[ ]{0,3}<[A-Z][a-z]\w*+[\s/>]"
    r"|\{\{[<%]|\{%-?[ \t]*[a-z]|\{\{[ \t]*[a-z_]\w*+\(|@\[[a-z]+\]\(",
    regex.MULTILINE,
)
"""Markdown structure the plain-text reader would misread: front matter, code fences, raw
HTML or components opening a line, site-generator shortcodes."""

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


def looks_like_markdown(head: bytes | str) -> bool:
    """Tell a Markdown story from plain text by its first bytes.

    Markdown here means text with Markdown structure that the plain-text reader would misread:
    front matter, code fences, raw HTML or MDX components opening a line, or site-generator
    shortcodes.
    """
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    return _MARKDOWN_HINTS.search(text, 0, MARKDOWN_SNIFF_CHARS) is not None


def detect_input(head: str | bytes, name: str | None = None, *, size: int | None = None) -> Reader:
    """Which reader a document needs: ``"html"``, ``"markdown"`` or ``"text"``.

    The file ``name`` decides when it tells (:data:`HTML_SUFFIXES`, :data:`MARKDOWN_SUFFIXES`),
    else the document's first bytes ``head``: markup-led documents are HTML, documents with
    Markdown structure are Markdown. Markdown whose ``size`` exceeds
    :data:`~mediacite.limits.MAX_MARKDOWN_BYTES`
    is read as plain text.
    """
    lower = name.lower() if name is not None else ""
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(MARKDOWN_SUFFIXES):
        kind: Reader = "markdown"
    elif is_html(head):
        return "html"
    elif looks_like_markdown(head[:MARKDOWN_SNIFF_CHARS]):
        kind = "markdown"
    else:
        return "text"
    return "text" if size is not None and size > MAX_MARKDOWN_BYTES else kind


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
    """A decoded document: its text and the reader it needs.

    ``utf8`` holds the input bytes when they are exactly the text's UTF-8 encoding, so the HTML
    parser can skip re-encoding.
    """

    text: str
    kind: Reader
    utf8: bytes | None = None


def decode_document(
    data: bytes | str,
    *,
    input: InputKind = "auto",
    name: str | None = None,
    encoding: str | None = None,
) -> Decoded:
    """Decide the reader (:func:`detect_input` unless ``input`` says) and decode accordingly.

    HTML is decoded leniently (:func:`sniff_html`); text and Markdown strictly
    (:func:`decode_text`).
    """
    head = data[:MARKDOWN_SNIFF_CHARS]
    kind: Reader = detect_input(head, name, size=len(data)) if input == "auto" else input
    if isinstance(data, str):
        return Decoded(data, kind)
    if kind != "html":
        return Decoded(decode_text(data, encoding), kind)
    text, codec = sniff_html(data, encoding)
    exact = codec == "utf-8" and "\ufffd" not in text
    return Decoded(text, kind, data if exact else None)
