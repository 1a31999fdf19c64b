"""Extracting documents: one at a time, or over a pool of worker processes with bounded memory.

:func:`extract_corpus` yields one :class:`~mediacite.corpus.records.Result` per document in
input order (or as they finish, with ``ordered=False``); a file read on this process comes as a
result per slice of citations, so memory stays flat however large the file. With
``describe=True`` each document's last result carries its row of the documents table
(:class:`~mediacite.models.DocumentRecord`), and with ``mentions=True`` its prose mentions of
posts; :func:`describe_corpus` gives those rows for problems too. Standard input and URLs are
read where they can be: standard input on this process, URLs on the workers.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import IO
from urllib.parse import urlsplit

import attrs

from mediacite.corpus.records import STDIN, Document, Problem, Result
from mediacite.errors import MediaciteError
from mediacite.extract.decode import MARKDOWN_SNIFF_CHARS, Reader, decode_html
from mediacite.extract.html import ARTICLE
from mediacite.extract.pageinfo import HEAD_CHARS, PageInfo, page_info
from mediacite.inputs import decompress, open_input, open_stdin, peek
from mediacite.models import Citation, DocumentRecord, Mention
from mediacite.reading import iter_decompressed, read_document, read_page, reader_for

__all__ = [
    "BATCH_BYTES",
    "IN_FLIGHT_PER_JOB",
    "SLICE",
    "Reading",
    "describe_corpus",
    "extract_corpus",
    "extract_document",
    "extract_result",
]

SLICE = 1000
"""Citations per :class:`Result` when a file is streamed."""
BATCH_BYTES = 1 << 20
"""Documents are sent to worker processes in batches of about this many bytes."""
IN_FLIGHT_PER_JOB = 4
"""Batches queued or running per worker: enough to keep every worker busy while the oldest
result is awaited, few enough that at most ``4 * jobs`` MiB of documents are held."""


@attrs.frozen
class Reading:
    """How every document of a run is read (sent along to worker processes).

    ``encoding`` is for documents without a byte-order mark; ``regions`` the parts of HTML
    pages reported (``None``: all, see :func:`mediacite.extract_html`); with ``describe`` each
    complete result carries the document's row of the documents table, with ``mentions`` its
    prose mentions of posts (every document is then read whole).
    """

    encoding: str | None = None
    regions: tuple[str, ...] | None = ARTICLE
    describe: bool = False
    mentions: bool = False


@attrs.define
class _Seen:
    """What reading a document told about it, for its row of the documents table."""

    source: str
    kind: Reader | None = None
    info: PageInfo | None = None
    date_source: str | None = None
    mentions: list[Mention] | None = None
    """Where the readers put the document's prose mentions, when they are wanted."""


def _head_text(head: bytes | str, kind: Reader) -> str:
    if isinstance(head, str):
        return head
    return decode_html(head) if kind == "html" else head.decode("utf-8", "replace")


def _date(document: Document, seen: _Seen, head: bytes | str, describe: bool) -> str | None:
    """The article date to give citations, noting in ``seen`` where it came from."""
    if document.article_date is not None:
        seen.date_source = "record"
        if not describe:
            return document.article_date
    if describe or document.captured_date is not None:
        kind = seen.kind or "text"
        seen.info = page_info(_head_text(head, kind), html=kind == "html", url=seen.source)
    if document.article_date is not None:
        return document.article_date
    if seen.info is not None and seen.info.date is not None:
        seen.date_source = seen.info.date.source
        return seen.info.date.date
    if document.captured_date is not None:
        seen.date_source = "captured"
    return document.captured_date


def _iter_stream(
    raw: IO[bytes], document: Document, seen: _Seen, how: Reading
) -> Iterator[Citation]:
    stream, name = decompress(raw, document.source)
    wide = how.describe or document.captured_date
    head, stream = peek(stream, HEAD_CHARS if wide else MARKDOWN_SNIFF_CHARS)
    seen.kind = reader_for(head[:MARKDOWN_SNIFF_CHARS], name, document.input)
    article_date = _date(document, seen, head, how.describe)
    source = None if document.path == STDIN else document.source
    yield from iter_decompressed(
        stream,
        kind=seen.kind,
        source=source,
        encoding=how.encoding,
        article_date=article_date,
        regions=how.regions,
        mentions=seen.mentions,
    )


def _iter_document(document: Document, seen: _Seen, how: Reading) -> Iterator[Citation]:
    if document.url is not None:
        from mediacite.resolver.fetch import fetch_page

        page = fetch_page(document.url)
        seen.source = page.url
        ctype = (page.content_type or "").lower()
        seen.kind = "html" if "html" in ctype and document.input == "auto" else None
        seen.kind = seen.kind or reader_for(page.data[:MARKDOWN_SNIFF_CHARS], None, document.input)
        article_date = _date(document, seen, page.data[:HEAD_CHARS], how.describe)
        yield from read_page(
            page.data,
            page.url,
            page.content_type,
            seen.kind,
            article_date,
            how.regions,
            mentions=seen.mentions,
        )
        return
    if document.path == STDIN:
        yield from _iter_stream(open_stdin(), document, seen, how)
        return
    if document.path is not None:
        with open_input(document.path) as raw:
            yield from _iter_stream(raw, document, seen, how)
        return
    assert document.data is not None
    head = document.data[:HEAD_CHARS]
    raw_head = head[:MARKDOWN_SNIFF_CHARS]
    seen.kind = reader_for(
        raw_head.encode("utf-8", "replace") if isinstance(raw_head, str) else raw_head,
        None,
        document.input,
    )
    article_date = _date(document, seen, head, how.describe)
    yield from read_document(
        document.data,
        input=seen.kind,
        source=document.source,
        encoding=how.encoding,
        article_date=article_date,
        regions=how.regions,
        mentions=seen.mentions,
    )


def _domain(url: str | None) -> str | None:
    if not url or not url.startswith(("http://", "https://")):
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _record(seen: _Seen, document: Document, count: int, problem: Problem | None) -> DocumentRecord:
    canonical = seen.info.canonical_url if seen.info else None
    return DocumentRecord(
        source=seen.source,
        where=document.where,
        kind=seen.kind,
        domain=_domain(canonical) or _domain(seen.source),
        canonical_url=canonical,
        article_date=(
            document.article_date
            or (seen.info.date.date if seen.info and seen.info.date else None)
            or document.captured_date
        ),
        date_source=seen.date_source,
        citations=count,
        problems=(problem.message,) if problem else (),
    )


def extract_document(
    document: Document,
    *,
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> list[Citation]:
    """The citations of one document; raises :class:`~mediacite.errors.InputError` subclasses.

    ``regions`` as in :func:`mediacite.extract_html` (default: the article only).
    """
    how = Reading(encoding, None if regions is None else tuple(regions))
    return list(_iter_document(document, _Seen(document.source), how))


def extract_result(document: Document, how: Reading = Reading()) -> Result:
    """Extract one document into a :class:`Result`; a bad document gives a problem, not an error."""
    return list(_results(document, how, slice_size=None))[-1]


def _results(document: Document, how: Reading, slice_size: int | None) -> Iterator[Result]:
    """Results of one document: slices of ``slice_size`` citations, the last one complete."""
    found: list[Citation] = []
    problem: Problem | None = None
    seen = _Seen(document.source, mentions=[] if how.mentions else None)
    count = 0
    try:
        for citation in _iter_document(document, seen, how):
            found.append(citation)
            count += 1
            if slice_size is not None and len(found) >= slice_size:
                yield Result(document, tuple(found), complete=False)
                found = []
    except MediaciteError as exc:
        problem = Problem(document.where, str(exc))
    except OSError as exc:
        problem = Problem(document.where, exc.strerror or str(exc))
    except Exception as exc:  # a bug must not end a batch of millions of documents
        problem = Problem(document.where, f"internal error ({type(exc).__name__}: {exc}); "
                          "please report it")  # fmt: skip
    record = _record(seen, document, count, problem) if how.describe else None
    said = tuple(seen.mentions or ())
    yield Result(document, tuple(found), problem, record=record, mentions=said)


def _run_batch(batch: list[Document], how: Reading) -> list[Result]:
    return [extract_result(document, how) for document in batch]


def _local(document: Document) -> bool:
    """Documents read on this process, not a worker: standard input."""
    return document.path == STDIN


def _batches(
    items: Iterator[Document | Problem],
) -> Iterator[list[Document] | Problem | Document]:
    """Batches of about :data:`BATCH_BYTES`; problems and local documents pass on their own."""
    batch: list[Document] = []
    size = 0
    for item in items:
        if isinstance(item, Problem) or _local(item):
            if batch:
                yield batch
                batch, size = [], 0
            yield item
            continue
        batch.append(item)
        size += len(item.data) if item.data is not None else BATCH_BYTES
        if size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


_Pending = Future[list[Result]] | Problem | Document


def extract_corpus(
    items: Iterable[Document | Problem],
    *,
    jobs: int = 1,
    ordered: bool = True,
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    describe: bool = False,
    mentions: bool = False,
) -> Iterator[Result | Problem]:
    """Extract every document; yield its :class:`Result` and pass problems through.

    A file read on this process comes as a result per slice of citations (see :class:`Result`).
    ``regions`` as in :func:`mediacite.extract_html` (default: the article only). With
    ``describe`` each document's complete result carries its
    :class:`~mediacite.models.DocumentRecord` (``Result.record``); with ``mentions`` its prose
    mentions of posts (``Result.mentions``; every document is then read whole).

    With ``jobs > 1`` the work runs in a process pool with at most
    :data:`IN_FLIGHT_PER_JOB` ``* jobs`` batches (and problems) waiting, so memory stays flat
    however large the corpus.
    """
    how = Reading(encoding, None if regions is None else tuple(regions), describe, mentions)
    stream = iter(items)
    head = list(itertools.islice(stream, 2))
    stream = itertools.chain(head, stream)
    if jobs <= 1 or sum(isinstance(item, Document) for item in head) < 2:
        for item in stream:
            if isinstance(item, Problem):
                yield item
            else:
                slices = SLICE if item.path is not None else None
                yield from _results(item, how, slices)
        return
    pending: deque[_Pending] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch in _batches(stream):
            pending.append(
                pool.submit(_run_batch, batch, how) if isinstance(batch, list) else batch
            )
            while len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield from _drain(pending, ordered, how)
        while pending:
            yield from _drain(pending, ordered, how)


def _drain(pending: deque[_Pending], ordered: bool, how: Reading) -> Iterator[Result | Problem]:
    """Yield the results of one finished item (the oldest one when ``ordered``)."""
    if ordered:
        item = pending.popleft()
    else:
        ready = [p for p in pending if not isinstance(p, Future)]
        if ready:
            item = ready[0]
        else:
            futures = [p for p in pending if isinstance(p, Future)]
            done, _ = wait(futures, return_when=FIRST_COMPLETED)
            item = next(iter(done))
        pending.remove(item)
    if isinstance(item, Problem):
        yield item
    elif isinstance(item, Document):
        yield from _results(item, how, SLICE)
    else:
        yield from item.result()


def describe_corpus(
    items: Iterable[Document | Problem],
    *,
    jobs: int = 1,
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> Iterator[tuple[tuple[Citation, ...], DocumentRecord | None]]:
    """Citations per result and, when a document is complete, its documents-table row.

    A problem that is not a document (a missing file, a bad JSONL line) is a row too, with
    the problem, so nothing read is left out of the table.
    """
    for out in extract_corpus(items, jobs=jobs, encoding=encoding, regions=regions, describe=True):
        yield (() if isinstance(out, Problem) else out.citations), out.record
