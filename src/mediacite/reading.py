"""Reading one document into citations: from bytes or text, a stream, or a fetched page.

The façade (:mod:`mediacite._api`) and the corpus pool (:mod:`mediacite.corpus.pool`) both read
documents through these functions, so a file, standard input, a JSONL record and a URL are
decoded, sniffed, limited and handed to the right reader (HTML, Markdown or plain text) the
same way. Given a ``mentions`` list, each function also appends the document's prose mentions
of posts to it (:mod:`mediacite.extract.prose`, imported only then); the document is then read
whole, plain text included, up to :data:`~mediacite.limits.MAX_DOCUMENT_BYTES`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import IO, BinaryIO, cast

from mediacite.extract.decode import (
    MARKDOWN_SNIFF_CHARS,
    InputKind,
    Reader,
    decode_document,
    decode_text,
    detect_input,
)
from mediacite.extract.html import ARTICLE, decoded_page, page_citations, region_filter
from mediacite.extract.markdown import extract_markdown
from mediacite.extract.text import extract_text, iter_text_stream
from mediacite.inputs import decompress, peek, read_limited
from mediacite.limits import MAX_MARKDOWN_BYTES
from mediacite.models import Citation, Mention

__all__ = [
    "iter_decompressed",
    "iter_stream",
    "read_document",
    "read_page",
    "read_whole",
    "reader_for",
    "text_wanted",
]


def text_wanted(regions: Collection[str] | None) -> bool:
    """Whether plain text and Markdown, which are all article (``main``), are in ``regions``."""
    wanted = region_filter(regions)
    return wanted is None or "main" in wanted


def read_whole(
    kind: Reader,
    data: str | bytes,
    *,
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    base_url: str | None = None,
    mentions: list[Mention] | None = None,
) -> list[Citation]:
    """The citations of a whole document read with the reader ``kind``.

    Bytes are decoded as that reader does (``encoding`` first); ``base_url`` resolves an HTML
    page's relative links. With a ``mentions`` list, the document's prose mentions of posts
    are appended to it.
    """
    page = None
    if kind == "html":
        page = decoded_page(data, base_url=base_url, encoding=encoding, source=source)
        found = page_citations(page, article_date=article_date, regions=regions)
        if mentions is None or not text_wanted(regions):
            return found
        text = page.text
    else:
        if not text_wanted(regions):
            return []
        text = data if isinstance(data, str) else decode_text(data, encoding)
        if kind == "markdown":
            found = extract_markdown(text, source=source, article_date=article_date)
        else:
            found = extract_text(text, source=source, article_date=article_date)
        if mentions is None:
            return found
    from mediacite.extract.prose import document_mentions

    mentions.extend(
        document_mentions(
            kind,
            text,
            found,
            source=source,
            article_date=article_date,
            base_url=base_url,
            page=page,
        )
    )
    return found


def read_document(
    data: str | bytes,
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: list[Mention] | None = None,
) -> list[Citation]:
    """The citations of a document given whole, read as what it is (or ``input`` says)."""
    decoded = decode_document(data, input=input, encoding=encoding)
    return read_whole(
        decoded.kind,
        decoded.utf8 or decoded.text,
        source=source,
        encoding=encoding,
        article_date=article_date,
        regions=regions,
        mentions=mentions,
    )


def reader_for(head: bytes, name: str | None, input: InputKind) -> Reader:
    """The reader a stream needs, from its first bytes and name (unless ``input`` says).

    A Markdown story whose head already exceeds the Markdown limit is a dump: read as text.
    """
    if input != "auto":
        return input
    return detect_input(head, name, size=len(head))


def iter_stream(
    stream: IO[bytes],
    *,
    source: str | None = None,
    name: str | None = None,
    input: InputKind = "auto",
    encoding: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: list[Mention] | None = None,
) -> Iterator[Citation]:
    """Stream the citations of a binary stream (a file, standard input).

    gzip, bzip2 and xz data is decompressed (by its bytes); ``name`` (a file name) helps tell
    HTML and Markdown from text. Text is read in chunks; HTML is parsed whole, up to
    :data:`~mediacite.limits.MAX_DOCUMENT_BYTES`, and Markdown up to
    :data:`~mediacite.limits.MAX_MARKDOWN_BYTES` (a longer file detected as Markdown is
    streamed as text; one named Markdown by ``input`` is refused).
    """
    stream, name = decompress(stream, name or source or "")
    head, stream = peek(stream, MARKDOWN_SNIFF_CHARS)
    kind = reader_for(head, name, input)
    if kind == "markdown":
        story, stream = peek(stream, MAX_MARKDOWN_BYTES + 1)
        if len(story) > MAX_MARKDOWN_BYTES:
            if input == "markdown":
                read_limited(stream, "Markdown story", MAX_MARKDOWN_BYTES)
            kind = "text"
    yield from iter_decompressed(
        stream,
        kind=kind,
        source=source,
        encoding=encoding,
        article_date=article_date,
        regions=regions,
        mentions=mentions,
    )


def iter_decompressed(
    stream: IO[bytes],
    *,
    kind: Reader,
    source: str | None,
    encoding: str | None,
    article_date: str | None,
    regions: Collection[str] | None = ARTICLE,
    mentions: list[Mention] | None = None,
) -> Iterator[Citation]:
    """The citations of a stream already decompressed, read with the reader ``kind``.

    Text is streamed, unless its prose mentions are wanted (``mentions``): then it is read
    whole, as HTML and Markdown always are.
    """
    if kind != "text" or mentions is not None:
        what = {"html": "HTML page", "markdown": "Markdown story"}.get(kind, "text document")
        limit = MAX_MARKDOWN_BYTES if kind == "markdown" else None
        data = read_limited(stream, what) if limit is None else read_limited(stream, what, limit)
        yield from read_whole(
            kind,
            data,
            source=source,
            encoding=encoding,
            article_date=article_date,
            regions=regions,
            mentions=mentions,
        )
        return
    if not text_wanted(regions):
        return
    yield from iter_text_stream(
        cast(BinaryIO, stream), source=source, encoding=encoding, article_date=article_date
    )


def read_page(
    data: bytes,
    url: str,
    content_type: str | None,
    input: InputKind = "auto",
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: list[Mention] | None = None,
) -> list[Citation]:
    """The citations of a fetched page: HTML by its content type or its bytes, else text."""
    ctype = (content_type or "").lower()
    kind: Reader
    if input != "auto":
        kind = input
    elif "html" in ctype:
        kind = "html"
    elif "markdown" in ctype:
        kind = "markdown"
    else:
        detected = detect_input(data[:MARKDOWN_SNIFF_CHARS], url, size=len(data))
        kind = "text" if ctype.startswith("text/plain") and detected == "html" else detected
    charset = (
        ctype.split("charset=", 1)[1].split(";")[0].strip(" \"'") if "charset=" in ctype else None
    )
    return read_whole(
        kind,
        data,
        source=url,
        encoding=content_type if kind == "html" else charset,
        article_date=article_date,
        regions=regions,
        base_url=url,
        mentions=mentions,
    )
