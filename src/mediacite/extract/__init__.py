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
from mediacite.extract.text import extract_text, iter_text_stream
from mediacite.models import Citation
from mediacite.results import CitationList, MentionList

__all__ = [
    "InputKind",
    "extract",
    "extract_html",
    "extract_mentions",
    "extract_path",
    "iter_path",
    "looks_like_html",
]

InputKind = Literal["auto", "text", "html"]

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

MAX_MENTION_BYTES = MAX_HTML_BYTES
"""Finding prose mentions reads a document whole (a sentence may refer to the one before);
larger files are refused with a clear error, as for HTML."""


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
    mentions: bool = False,
) -> CitationList:
    """Find every embedded or linked post in an HTML page, in document order.

    ``article_date`` (ISO) defaults to the page's publish date from its ``<meta>`` tags.
    With ``mentions=True`` the list's ``mentions`` holds the prose mentions of posts in the
    page's article text (see :mod:`mediacite.extract.prose`).
    """
    from mediacite.extract.html import extract_html as _extract_html

    found = _extract_html(html, base_url=base_url, encoding=encoding, source=source)
    if article_date is None and (found or mentions):
        head = html[:HEAD_CHARS]
        article_date = article_date_from_html(
            head.decode("latin-1") if isinstance(head, bytes) else head
        )
    citations = CitationList(apply_context(found, article_date))
    if mentions:
        from mediacite.extract.html import sniff_html
        from mediacite.extract.prose import find_mentions_html

        text = html if isinstance(html, str) else sniff_html(html, encoding)[0]
        citations.mentions = MentionList(
            find_mentions_html(text, citations, article_date=article_date, source=source)
        )
    return citations


def extract(
    data: str | bytes,
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
    mentions: bool = False,
) -> CitationList:
    """Find every citation in a document given as text or bytes.

    ``input="auto"`` reads markup-led documents as HTML and everything else as plain text.
    Bytes are decoded by byte-order mark, then ``encoding``, then UTF-8 (HTML also honours
    its ``<meta charset>``). With ``mentions=True`` the list's ``mentions`` also holds the
    document's prose mentions of posts (:class:`~mediacite.models.Mention`).
    """
    is_html = input == "html" or (input == "auto" and looks_like_html(data[:4096]))
    if is_html:
        return extract_html(
            data, encoding=encoding, source=source, article_date=article_date, mentions=mentions
        )
    text = data if isinstance(data, str) else decode_bytes(data, encoding)
    return extract_text(text, source=source, article_date=article_date, mentions=mentions)


def extract_mentions(
    data: str | bytes,
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
) -> MentionList:
    """The prose mentions of posts in a document: ``extract(..., mentions=True).mentions``.

    Each :class:`~mediacite.models.Mention` says whether a citation of the same document
    backs it (``sourced``).
    """
    found = extract(
        data,
        input=input,
        source=source,
        encoding=encoding,
        article_date=article_date,
        mentions=True,
    ).mentions
    assert found is not None
    return found


def iter_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind = "auto",
    encoding: str | None = None,
    article_date: str | None = None,
) -> Iterator[Citation]:
    """Stream the citations of one file. Plain text is read in chunks; HTML is parsed whole.

    Raises :class:`~mediacite.errors.InputError` subclasses for unreadable files.
    """
    from mediacite.errors import InputError

    source = os.fspath(path)
    with open(source, "rb") as stream:
        head = stream.read(4096)
        is_html = input == "html" or (
            input == "auto" and (source.lower().endswith(_HTML_SUFFIXES) or looks_like_html(head))
        )
        stream.seek(0)
        if is_html:
            data = stream.read(MAX_HTML_BYTES + 1)
            if len(data) > MAX_HTML_BYTES:
                raise InputError(f"HTML page larger than {MAX_HTML_BYTES >> 20} MiB")
            yield from extract(
                data, input="html", source=source, encoding=encoding, article_date=article_date
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
    mentions: bool = False,
) -> CitationList:
    """All citations of one file (see :func:`iter_path`).

    With ``mentions=True`` the file is read whole (up to :data:`MAX_MENTION_BYTES`) and the
    list's ``mentions`` holds its prose mentions of posts.
    """
    if not mentions:
        return CitationList(iter_path(path, input=input, encoding=encoding))
    source = os.fspath(path)
    if input == "auto" and source.lower().endswith(_HTML_SUFFIXES):
        input = "html"
    return extract(read_whole(source), input=input, source=source, encoding=encoding, mentions=True)


def read_whole(path: str) -> bytes:
    """The bytes of a file read whole, refusing files over :data:`MAX_MENTION_BYTES`."""
    from mediacite.errors import InputError

    with open(path, "rb") as stream:
        data = stream.read(MAX_MENTION_BYTES + 1)
    if len(data) > MAX_MENTION_BYTES:
        raise InputError(f"file larger than {MAX_MENTION_BYTES >> 20} MiB")
    return data
