"""Reading one document into citations: from bytes or text, a stream, or a fetched page.

The façade (:mod:`mediacite._api`) and the corpus pool (:mod:`mediacite.corpus.pool`) both read
documents through these functions, so a file, standard input, a JSONL record and a URL are
decoded, sniffed and limited the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, BinaryIO, cast

from mediacite.extract.decode import SNIFF_BYTES, InputKind, decode_document, is_html
from mediacite.extract.html import extract_html
from mediacite.extract.text import extract_text, iter_text_stream
from mediacite.inputs import decompress, peek, read_limited
from mediacite.models import Citation

__all__ = ["iter_decompressed", "iter_stream", "read_document", "read_page"]


def read_document(
    data: str | bytes,
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
) -> list[Citation]:
    """The citations of a document given whole: HTML when it is (or ``input`` says), else text."""
    decoded = decode_document(data, input=input, encoding=encoding)
    if decoded.html:
        return extract_html(
            decoded.utf8 if decoded.utf8 is not None else decoded.text,
            source=source,
            article_date=article_date,
        )
    return extract_text(decoded.text, source=source, article_date=article_date)


def iter_stream(
    stream: IO[bytes],
    *,
    source: str | None = None,
    name: str | None = None,
    input: InputKind = "auto",
    encoding: str | None = None,
    article_date: str | None = None,
) -> Iterator[Citation]:
    """Stream the citations of a binary stream (a file, standard input).

    gzip, bzip2 and xz data is decompressed (by its bytes); ``name`` (a file name) helps tell
    HTML from text. Text is read in chunks; HTML is parsed whole, up to
    :data:`~mediacite.limits.MAX_DOCUMENT_BYTES`.
    """
    stream, name = decompress(stream, name or source or "")
    head, stream = peek(stream, SNIFF_BYTES)
    html = input == "html" or (input == "auto" and is_html(head, name))
    yield from iter_decompressed(
        stream, html=html, source=source, encoding=encoding, article_date=article_date
    )


def iter_decompressed(
    stream: IO[bytes],
    *,
    html: bool,
    source: str | None,
    encoding: str | None,
    article_date: str | None,
) -> Iterator[Citation]:
    """The citations of a stream already decompressed and known to be HTML or text."""
    if html:
        data = read_limited(stream, "HTML page")
        yield from extract_html(data, source=source, encoding=encoding, article_date=article_date)
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
) -> list[Citation]:
    """The citations of a fetched page: HTML by its content type or its bytes, else text."""
    ctype = (content_type or "").lower()
    html = input == "html" or (
        input == "auto" and ("html" in ctype or (not ctype.startswith("text/") and is_html(data)))
    )
    charset = (
        ctype.split("charset=", 1)[1].split(";")[0].strip(" \"'") if "charset=" in ctype else None
    )
    if html:
        return extract_html(
            data, base_url=url, encoding=content_type, source=url, article_date=article_date
        )
    decoded = decode_document(data, input="text", encoding=charset or None)
    return extract_text(decoded.text, source=url, article_date=article_date)
