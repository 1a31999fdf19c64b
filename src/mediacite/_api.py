"""The public functions behind the ``mediacite`` façade: extraction and resolution entry points.

Each function reads its input (text, bytes or a file), hands it to the reader in
:mod:`mediacite.extract` that fits, and wraps the records in a
:class:`~mediacite.results.CitationList`. (``mediacite.resolver`` is
:func:`mediacite.resolver.resolve`, imported on first use.)
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator

from mediacite.errors import InputError
from mediacite.extract.decode import (
    MARKDOWN_SNIFF_CHARS,
    MAX_HTML_BYTES,
    MAX_MARKDOWN_BYTES,
    InputKind,
    Reader,
    decode_document,
    decode_text,
    detect_input,
)
from mediacite.extract.html import ARTICLE, region_filter
from mediacite.extract.html import extract_html as _read_html
from mediacite.extract.markdown import extract_markdown as _read_markdown
from mediacite.extract.text import extract_text as _read_text
from mediacite.extract.text import iter_text_stream
from mediacite.models import Citation
from mediacite.results import CitationList

__all__ = [
    "extract",
    "extract_html",
    "extract_markdown",
    "extract_path",
    "extract_text",
    "iter_path",
]


def extract_text(
    text: str, *, source: str | None = None, article_date: str | None = None
) -> CitationList:
    """Find every flattened citation in plain ``text``, in document order.

    ``article_date`` (ISO) is the date of the article; by default it is read from a leading
    ``date YYYY-MM-DD`` line. With it, year-less cited dates take the article's year and
    posts dated after the article are flagged.
    """
    return CitationList(_read_text(text, source=source, article_date=article_date))


def extract_html(
    html: str | bytes,
    *,
    base_url: str | None = None,
    encoding: str | None = None,
    source: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> CitationList:
    """Find every embedded or linked post in an HTML page, in document order.

    Bytes are decoded as browsers do (byte-order mark, ``encoding``, ``<meta charset>``,
    sniffing). ``article_date`` (ISO) defaults to the page's publish date from its head.
    ``regions`` are the parts of the page to report (:data:`~mediacite.models.REGIONS`): by
    default the article itself (``main``); ``None`` reports page chrome too, each citation
    with its ``region``.
    """
    return CitationList(
        _read_html(
            html,
            base_url=base_url,
            encoding=encoding,
            source=source,
            article_date=article_date,
            regions=regions,
        )
    )


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
    text = data if isinstance(data, str) else decode_text(data, encoding)
    return CitationList(_read_markdown(text, source=source, article_date=article_date))


def _text_in(regions: Collection[str] | None) -> bool:
    """Whether plain text, which is all article (``main``), is wanted in ``regions``."""
    wanted = region_filter(regions)
    return wanted is None or "main" in wanted


def extract(
    data: str | bytes,
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> CitationList:
    """Find every citation in a document given as text or bytes.

    ``input="auto"`` reads markup-led documents as HTML, documents with Markdown structure
    (front matter, code fences, raw HTML or components opening a line, shortcodes) as
    Markdown, and everything else as plain text (see
    :func:`~mediacite.extract.decode.detect_input`). Bytes are decoded by byte-order mark, then
    ``encoding``, then UTF-8 (HTML also honours its ``<meta charset>``). ``regions`` as in
    :func:`extract_html` (plain text and Markdown are all ``main``).
    """
    decoded = decode_document(data, input=input, encoding=encoding)
    return _read(decoded.kind, decoded.utf8 or decoded.text, source, article_date, regions)


def _read(
    kind: Reader,
    data: str | bytes,
    source: str | None,
    article_date: str | None,
    regions: Collection[str] | None,
    encoding: str | None = None,
) -> CitationList:
    """The citations of a whole document read with the reader ``kind``."""
    if kind == "html":
        return extract_html(
            data, source=source, encoding=encoding, article_date=article_date, regions=regions
        )
    if not _text_in(regions):
        return CitationList([])
    if kind == "markdown":
        return extract_markdown(data, source=source, encoding=encoding, article_date=article_date)
    text = data if isinstance(data, str) else decode_text(data, encoding)
    return extract_text(text, source=source, article_date=article_date)


def iter_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind = "auto",
    encoding: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> Iterator[Citation]:
    """Stream the citations of one file. Plain text is read in chunks; HTML and Markdown whole.

    With ``input="auto"`` the file's name decides (``.html``, ``.md``, ``.mdx`` …), else its
    first bytes (see :func:`~mediacite.extract.decode.detect_input`). ``regions`` as in
    :func:`extract_html`. Raises :class:`~mediacite.errors.InputError` subclasses for
    unreadable files, for HTML pages over :data:`~mediacite.extract.decode.MAX_HTML_BYTES`
    and for files asked to be read as Markdown over
    :data:`~mediacite.extract.decode.MAX_MARKDOWN_BYTES`.
    """
    source = os.fspath(path)
    with open(source, "rb") as stream:
        kind: Reader
        if input == "auto":
            size = os.fstat(stream.fileno()).st_size
            kind = detect_input(stream.read(MARKDOWN_SNIFF_CHARS), source, size=size)
            stream.seek(0)
        else:
            kind = input
        if kind != "text":
            limit = MAX_HTML_BYTES if kind == "html" else MAX_MARKDOWN_BYTES
            data = stream.read(limit + 1)
            if len(data) > limit:
                what = "HTML page" if kind == "html" else "Markdown story"
                raise InputError(f"{what} larger than {limit >> 20} MiB", source=source)
            yield from _read(kind, data, source, article_date, regions, encoding)
            return
        if not _text_in(regions):
            return
        yield from iter_text_stream(
            stream, source=source, encoding=encoding, article_date=article_date
        )


def extract_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind = "auto",
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> CitationList:
    """All citations of one file (see :func:`iter_path`)."""
    return CitationList(iter_path(path, input=input, encoding=encoding, regions=regions))
