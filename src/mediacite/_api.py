"""The public functions behind the ``mediacite`` façade: extraction and resolution entry points.

Each function reads its input (text, bytes, a file, a URL, a whole corpus), hands it to the
reader in :mod:`mediacite.extract` that fits (through :mod:`mediacite.reading`), and wraps the
records in a :class:`~mediacite.results.CitationList`; with ``mentions=True`` the list also
holds the document's prose mentions of posts. (``mediacite.resolver`` is
:func:`mediacite.resolver.resolve`, imported on first use.)
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from mediacite.errors import InputError
from mediacite.extract.decode import InputKind
from mediacite.extract.html import ARTICLE
from mediacite.inputs import open_input
from mediacite.models import Citation, Mention
from mediacite.reading import iter_stream, read_document, read_page, read_whole
from mediacite.results import CitationList, MentionList

if TYPE_CHECKING:
    import httpx

    from mediacite.corpus import Fields
    from mediacite.results import Corpus

__all__ = [
    "extract",
    "extract_corpus",
    "extract_html",
    "extract_markdown",
    "extract_mentions",
    "extract_path",
    "extract_text",
    "extract_url",
    "iter_path",
]

_PATH_HINT_CHARS = 4096
"""Strings longer than this are never taken for a file name (PATH_MAX on Linux)."""


def _sink(mentions: bool) -> list[Mention] | None:
    """Where the readers put a document's prose mentions, when they are wanted."""
    return [] if mentions else None


def extract_text(
    text: str,
    *,
    source: str | None = None,
    article_date: str | None = None,
    mentions: bool = False,
) -> CitationList:
    """Find every flattened citation in plain ``text``, in document order.

    ``article_date`` (ISO) is the date of the article; by default it is read from the text's
    front matter or a leading ``date YYYY-MM-DD`` line. With it, year-less cited dates take the
    article's year and posts dated after the article are flagged. With ``mentions=True`` the
    list's ``mentions`` holds the text's prose mentions of posts (see :func:`extract`).
    """
    said = _sink(mentions)
    found = read_whole("text", text, source=source, article_date=article_date, mentions=said)
    return CitationList(found, said)


def extract_html(
    html: str | bytes,
    *,
    base_url: str | None = None,
    encoding: str | None = None,
    source: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: bool = False,
) -> CitationList:
    """Find every embedded or linked post in an HTML page, in document order.

    Bytes are decoded as browsers do (byte-order mark, ``encoding``, ``<meta charset>``,
    sniffing). ``article_date`` (ISO) defaults to the date the page states (publish-date
    ``<meta>``, JSON-LD, ``<time>``, or its URL). ``regions`` are the parts of the page to
    report (:data:`~mediacite.models.REGIONS`): by default the article itself (``main``);
    ``None`` reports page chrome too, each citation with its ``region``. With
    ``mentions=True`` the list's ``mentions`` holds the prose mentions of posts in the
    article's text (see :func:`extract`).
    """
    said = _sink(mentions)
    found = read_whole(
        "html",
        html,
        base_url=base_url,
        encoding=encoding,
        source=source,
        article_date=article_date,
        regions=regions,
        mentions=said,
    )
    return CitationList(found, said)


def extract_markdown(
    data: str | bytes,
    *,
    encoding: str | None = None,
    source: str | None = None,
    article_date: str | None = None,
    mentions: bool = False,
) -> CitationList:
    """Find every post a Markdown or MDX story cites, one citation per post, in story order.

    Code (fences, indented blocks, inline code), comments and front matter are never
    citations; raw HTML is read as HTML, shortcodes and components as the embeds they are,
    prose as text (see :mod:`mediacite.extract.markdown`). ``article_date`` (ISO) defaults to
    the front matter's ``date``. With ``mentions=True`` the list's ``mentions`` holds the
    prose mentions of posts in the story's prose (never in code, front matter or shortcodes).
    """
    said = _sink(mentions)
    found = read_whole(
        "markdown",
        data,
        encoding=encoding,
        source=source,
        article_date=article_date,
        mentions=said,
    )
    return CitationList(found, said)


def _names_a_file(text: str) -> bool:
    if len(text) > _PATH_HINT_CHARS or "\n" in text or "\x00" in text:
        return False
    try:
        return os.path.isfile(text)
    except (OSError, ValueError):
        return False


def extract(
    data: str | bytes | os.PathLike[str],
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: bool = False,
) -> CitationList:
    """Find every citation in a document given as text, bytes, or a path object.

    ``input="auto"`` reads markup-led documents as HTML, documents with Markdown structure
    (front matter, code fences, raw HTML or components opening a line, shortcodes) as
    Markdown, and everything else as plain text (see
    :func:`~mediacite.extract.decode.detect_input`). Bytes are decoded by byte-order mark, then
    ``encoding``, then UTF-8 (HTML also honours its ``<meta charset>``). ``regions`` as in
    :func:`extract_html` (plain text and Markdown are all ``main``). A path object
    (``pathlib.Path``) is read as a file, as :func:`extract_path` does; a ``str`` is always the
    document's text, and one that names an existing file gets a warning pointing at
    :func:`extract_path`.

    With ``mentions=True`` the list's ``mentions`` (a :class:`~mediacite.results.MentionList`)
    also holds the document's prose mentions of posts: sentences such as ``Trump tweeted on
    Monday that …`` (see ``docs/mentions.md``), each a :class:`~mediacite.models.Mention`
    saying whether a citation of the same document backs it (``sourced``). Without it,
    ``mentions`` is ``None`` and the mention finder is never loaded.
    """
    if isinstance(data, os.PathLike):
        return _read_path(
            data,
            input=input,
            encoding=encoding,
            article_date=article_date,
            regions=regions,
            mentions=mentions,
        )
    if isinstance(data, str) and _names_a_file(data):
        warnings.warn(
            f"extract() reads a str as the document's text, and {data!r} names a file: "
            "use mediacite.extract_path() (or pass a pathlib.Path) to read the file",
            UserWarning,
            stacklevel=2,
        )
    if not isinstance(data, (str, bytes)):
        raise TypeError(f"extract() takes str, bytes or a path, not {type(data).__name__}")
    said = _sink(mentions)
    found = read_document(
        data,
        input=input,
        source=source,
        encoding=encoding,
        article_date=article_date,
        regions=regions,
        mentions=said,
    )
    return CitationList(found, said)


def extract_mentions(
    data: str | bytes | os.PathLike[str],
    *,
    input: InputKind = "auto",
    source: str | None = None,
    encoding: str | None = None,
    article_date: str | None = None,
) -> MentionList:
    """The prose mentions of posts in a document: ``extract(..., mentions=True).mentions``.

    Each :class:`~mediacite.models.Mention` says whether a citation of the same document
    backs it (``sourced``); ``.unsourced`` keeps those that none does.
    """
    found = extract(
        data,
        input=input,
        source=source,
        encoding=encoding,
        article_date=article_date,
        mentions=True,
    ).mentions
    return found if found is not None else MentionList()


def _not_a_directory(path: str) -> None:
    if os.path.isdir(path):
        raise InputError(
            f"{path} is a directory: extract_path() reads one file; use "
            "mediacite.extract_corpus([path]) to read every article in a folder",
            source=path,
        )


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
    first bytes (see :func:`~mediacite.extract.decode.detect_input`); ``regions`` as in
    :func:`extract_html`. gzip, bzip2 and xz files are decompressed as they are read. Raises
    :class:`~mediacite.errors.InputError` subclasses for what cannot be read (a directory, a
    FIFO or device, binary data, bad bytes) and :class:`OSError` for a missing file.
    """
    source = os.fspath(path)
    _not_a_directory(source)
    with open_input(source) as stream:
        yield from iter_stream(
            stream,
            source=source,
            input=input,
            encoding=encoding,
            article_date=article_date,
            regions=regions,
        )


def _read_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind,
    encoding: str | None,
    article_date: str | None,
    regions: Collection[str] | None,
    mentions: bool,
) -> CitationList:
    """A file's citations, as :func:`iter_path` streams them (and its mentions, when wanted)."""
    source = os.fspath(path)
    _not_a_directory(source)
    said = _sink(mentions)
    with open_input(source) as stream:
        found = iter_stream(
            stream,
            source=source,
            input=input,
            encoding=encoding,
            article_date=article_date,
            regions=regions,
            mentions=said,
        )
        return CitationList(list(found), said)


def extract_path(
    path: str | os.PathLike[str],
    *,
    input: InputKind = "auto",
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: bool = False,
) -> CitationList:
    """All citations of one file (see :func:`iter_path`); a directory raises ``InputError``.

    With ``mentions=True`` the file is read whole (plain text too, up to
    :data:`~mediacite.limits.MAX_DOCUMENT_BYTES`) and the list's ``mentions`` holds its prose
    mentions of posts (see :func:`extract`).
    """
    return _read_path(
        path,
        input=input,
        encoding=encoding,
        article_date=None,
        regions=regions,
        mentions=mentions,
    )


def extract_url(
    url: str,
    *,
    client: httpx.Client | None = None,
    timeout: float | None = None,
    input: InputKind = "auto",
    article_date: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: bool = False,
) -> CitationList:
    """Fetch a page over http(s) and find its citations (``regions`` as in :func:`extract_html`).

    See :func:`mediacite.resolver.fetch.fetch_page`: a User-Agent naming mediacite, timeouts,
    at most :data:`~mediacite.limits.MAX_DOCUMENT_BYTES`, redirects followed only to http(s).
    The final URL (after redirects) is each citation's ``source`` and the base of relative
    links. ``client`` is an ``httpx.Client`` to send with; ``timeout`` (seconds) replaces the
    default. Failures raise :class:`~mediacite.errors.FetchError`. ``mentions`` as in
    :func:`extract`.
    """
    from mediacite.resolver.fetch import FETCH_TIMEOUT, fetch_page

    page = fetch_page(url, client=client, timeout=FETCH_TIMEOUT if timeout is None else timeout)
    said = _sink(mentions)
    found = read_page(
        page.data, page.url, page.content_type, input, article_date, regions, mentions=said
    )
    return CitationList(found, said)


def extract_corpus(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    glob: str | None = None,
    fields: Fields | None = None,
    input: InputKind = "auto",
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    mentions: bool = False,
) -> Corpus:
    """Extract a whole corpus: citations plus one record per document (the documents table).

    ``paths`` are files (compressed ones too), folders (their article-like files; ``glob``
    filters paths relative to the folder), JSONL dumps (``fields`` says which keys hold what),
    WARC and WACZ crawls, and http(s) URLs. ``jobs`` worker processes share the work;
    ``regions`` as in :func:`extract_html`.

    Returns a :class:`~mediacite.results.Corpus`: ``citations`` (a
    :class:`~mediacite.results.CitationList`) and ``documents`` (a
    :class:`~mediacite.results.DocumentList`: source, domain, canonical URL, article date and
    where it was found, citation count and problems of every document, those that cite nothing
    included). Nothing raises for a bad document: it is a row with ``problems``. With
    ``mentions=True`` every document is read whole and ``mentions`` (a
    :class:`~mediacite.results.MentionList`) holds the prose mentions of posts of them all.
    """
    from mediacite.corpus import Fields, Problem, iter_documents
    from mediacite.corpus import extract_corpus as run
    from mediacite.results import Corpus, DocumentList

    citations = CitationList()
    documents = DocumentList()
    said = MentionList() if mentions else None
    items = iter_documents(paths, glob=glob, fields=fields or Fields(), input=input)
    for out in run(
        items, jobs=jobs, encoding=encoding, regions=regions, describe=True, mentions=mentions
    ):
        if not isinstance(out, Problem):
            citations.extend(out.citations)
            if said is not None:
                said.extend(out.mentions)
        if out.record is not None:
            documents.append(out.record)
    return Corpus(citations, documents, said)
