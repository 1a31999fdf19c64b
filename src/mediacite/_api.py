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
    MAX_HTML_BYTES,
    SNIFF_BYTES,
    InputKind,
    decode_document,
    is_html,
)
from mediacite.extract.html import ARTICLE, region_filter
from mediacite.extract.html import extract_html as _read_html
from mediacite.extract.text import extract_text as _read_text
from mediacite.extract.text import iter_text_stream
from mediacite.models import Citation
from mediacite.results import CitationList

__all__ = ["extract", "extract_html", "extract_path", "extract_text", "iter_path"]


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

    ``input="auto"`` reads markup-led documents as HTML and everything else as plain text.
    Bytes are decoded by byte-order mark, then ``encoding``, then UTF-8 (HTML also honours
    its ``<meta charset>``). ``regions`` as in :func:`extract_html` (plain text is all
    ``main``).
    """
    decoded = decode_document(data, input=input, encoding=encoding)
    if decoded.html:
        return extract_html(
            decoded.utf8 if decoded.utf8 is not None else decoded.text,
            source=source,
            article_date=article_date,
            regions=regions,
        )
    if not _text_in(regions):
        return CitationList([])
    return extract_text(decoded.text, source=source, article_date=article_date)


def iter_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind = "auto",
    encoding: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> Iterator[Citation]:
    """Stream the citations of one file. Plain text is read in chunks; HTML is parsed whole.

    ``regions`` as in :func:`extract_html`. Raises :class:`~mediacite.errors.InputError`
    subclasses for unreadable files.
    """
    source = os.fspath(path)
    text_wanted = _text_in(regions)
    with open(source, "rb") as stream:
        head = stream.read(SNIFF_BYTES)
        html = input == "html" or (input == "auto" and is_html(head, source))
        stream.seek(0)
        if html:
            data = stream.read(MAX_HTML_BYTES + 1)
            if len(data) > MAX_HTML_BYTES:
                raise InputError(f"HTML page larger than {MAX_HTML_BYTES >> 20} MiB")
            yield from _read_html(
                data,
                source=source,
                encoding=encoding,
                article_date=article_date,
                regions=regions,
            )
            return
        if not text_wanted:
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
