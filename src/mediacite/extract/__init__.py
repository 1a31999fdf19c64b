"""Extraction: bytes → decoded document → platform rules → :class:`~mediacite.models.Citation`.

Nothing in this package touches the network or mutates global state.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Literal

from mediacite.extract.context import (
    HEAD_CHARS,
    apply_context,
    article_date_from_html,
)
from mediacite.extract.document import decode_bytes
from mediacite.extract.markdown import MARKDOWN_SUFFIXES, looks_like_markdown
from mediacite.extract.text import extract_text, iter_text_stream
from mediacite.models import Citation
from mediacite.results import CitationList

__all__ = [
    "InputKind",
    "detect_input",
    "extract",
    "extract_html",
    "extract_markdown",
    "extract_path",
    "iter_path",
    "looks_like_html",
    "looks_like_markdown",
]

InputKind = Literal["auto", "text", "html", "markdown"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
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

MAX_HTML_BYTES = 64 << 20
"""HTML pages are parsed whole; larger files are refused with a clear error."""

MAX_MARKDOWN_BYTES = 16 << 20
"""Markdown stories are parsed whole, at about 1 MB/s and 40 bytes of memory per byte
(markdown-it-py on the realworld Markdown corpus); a document detected as Markdown that is
larger than this is no story but a dump, and is streamed as plain text instead."""


def looks_like_html(head: bytes | str) -> bool:
    """Tell HTML from plain text by the first bytes: markup must open the document."""
    data = head.encode("utf-8", "replace") if isinstance(head, str) else head
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not data.startswith(b"<"):
        return False
    return any(tag in data[:4096] for tag in _HTML_TAGS)


def extract_html(
    html: str | bytes,
    *,
    base_url: str | None = None,
    encoding: str | None = None,
    source: str | None = None,
    article_date: str | None = None,
) -> CitationList:
    """Find every embedded or linked post in an HTML page, in document order.

    ``article_date`` (ISO) defaults to the page's publish date from its ``<meta>`` tags.
    """
    from mediacite.extract.html import extract_html as _extract_html

    found = _extract_html(html, base_url=base_url, encoding=encoding, source=source)
    if article_date is None and found:
        head = html[:HEAD_CHARS]
        article_date = article_date_from_html(
            head.decode("latin-1") if isinstance(head, bytes) else head
        )
    return CitationList(apply_context(found, article_date))


def extract_markdown(
    data: str | bytes,
    *,
    encoding: str | None = None,
    source: str | None = None,
    article_date: str | None = None,
) -> CitationList:
    """Find every post a Markdown or MDX story cites, one citation per post, in story order.

    Code (fences, indented blocks, inline code), comments and front matter are never
    citations; raw HTML is read as HTML, shortcodes and components as the embeds they are,
    prose as text (see :mod:`mediacite.extract.markdown`). ``article_date`` (ISO) defaults to
    the front matter's ``date``.
    """
    from mediacite.extract.markdown import extract_markdown as _extract_markdown

    text = data if isinstance(data, str) else decode_bytes(data, encoding)
    return _extract_markdown(text, source=source, article_date=article_date)


SNIFF_BYTES = 1 << 16
"""How much of a document :func:`detect_input` looks at."""


def detect_input(
    head: str | bytes, path: str | None = None, *, size: int | None = None
) -> InputKind:
    """Which reader a document needs: ``"html"``, ``"markdown"`` or ``"text"``.

    The file name decides when it tells (``.html``/``.htm``; ``.md``, ``.mdx`` and the rest of
    :data:`~mediacite.extract.markdown.MARKDOWN_SUFFIXES`), else the document's first bytes
    ``head``: markup-led documents are HTML, documents with Markdown structure (front matter,
    code fences, raw HTML or components opening a line, shortcodes) are Markdown. Markdown
    whose ``size`` exceeds :data:`MAX_MARKDOWN_BYTES` is read as plain text.
    """
    kind: InputKind = "text"
    lower = path.lower() if path is not None else ""
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    if lower.endswith(MARKDOWN_SUFFIXES):
        kind = "markdown"
    elif looks_like_html(head[:4096]):
        return "html"
    elif looks_like_markdown(head[:SNIFF_BYTES]):
        kind = "markdown"
    if kind == "markdown" and size is not None and size > MAX_MARKDOWN_BYTES:
        return "text"
    return kind


def extract(
    data: str | bytes,
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
) -> CitationList:
    """Find every citation in a document given as text or bytes.

    ``input="auto"`` reads markup-led documents as HTML, documents with Markdown structure
    (front matter, code fences, raw HTML or components opening a line, shortcodes) as
    Markdown, and everything else as plain text. Bytes are decoded by byte-order mark, then
    ``encoding``, then UTF-8 (HTML also honours its ``<meta charset>``).
    """
    kind = detect_input(data, size=len(data)) if input == "auto" else input
    if kind == "html":
        return extract_html(data, encoding=encoding, source=source, article_date=article_date)
    if kind == "markdown":
        return extract_markdown(data, encoding=encoding, source=source, article_date=article_date)
    text = data if isinstance(data, str) else decode_bytes(data, encoding)
    return extract_text(text, source=source, article_date=article_date)


def iter_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind = "auto",
    encoding: str | None = None,
    article_date: str | None = None,
) -> Iterator[Citation]:
    """Stream the citations of one file. Plain text is read in chunks; HTML and Markdown whole.

    With ``input="auto"`` the file's name decides (``.html``, ``.md``, ``.mdx`` …), else its
    first bytes (see :func:`detect_input`). Raises :class:`~mediacite.errors.InputError`
    subclasses for unreadable files, and for a file asked to be read as Markdown
    (``input="markdown"``) that is larger than :data:`MAX_MARKDOWN_BYTES`.
    """
    from mediacite.errors import InputError

    source = os.fspath(path)
    with open(source, "rb") as stream:
        kind = input
        if kind == "auto":
            size = os.fstat(stream.fileno()).st_size
            kind = detect_input(stream.read(SNIFF_BYTES), source, size=size)
            stream.seek(0)
        if kind == "html":
            data = stream.read(MAX_HTML_BYTES + 1)
            if len(data) > MAX_HTML_BYTES:
                raise InputError(f"HTML page larger than {MAX_HTML_BYTES >> 20} MiB")
            yield from extract(
                data, input="html", source=source, encoding=encoding, article_date=article_date
            )
            return
        if kind == "markdown":
            data = stream.read(MAX_MARKDOWN_BYTES + 1)
            if len(data) > MAX_MARKDOWN_BYTES:
                raise InputError(f"Markdown story larger than {MAX_MARKDOWN_BYTES >> 20} MiB")
            yield from extract_markdown(
                data, source=source, encoding=encoding, article_date=article_date
            )
            return
        yield from iter_text_stream(
            stream, source=source, encoding=encoding, article_date=article_date
        )


def extract_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind = "auto",
    encoding: str | None = None,
) -> CitationList:
    """All citations of one file (see :func:`iter_path`)."""
    return CitationList(iter_path(path, input=input, encoding=encoding))
