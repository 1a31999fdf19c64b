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

import codecs
import itertools
import os
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING
from urllib.parse import urlsplit

import attrs

from mediacite._malloc import keep_freed_memory
from mediacite.corpus.jsonl import LinesPart, read_lines_part
from mediacite.corpus.records import STDIN, Document, Problem, Result
from mediacite.corpus.textparts import PART_CHUNKS, PartReport, TextPart, read_text_part, text_parts
from mediacite.errors import DecodingError, MediaciteError
from mediacite.extract.decode import MARKDOWN_SNIFF_CHARS, Reader, decode_html, text_decoder
from mediacite.extract.html import ARTICLE
from mediacite.extract.pageinfo import HEAD_CHARS, PageInfo, page_info
from mediacite.extract.text import CHUNK_BYTES, CitationKey
from mediacite.inputs import compression, decompress, open_input, open_stdin, peek
from mediacite.models import Citation, DocumentRecord, Mention
from mediacite.reading import (
    iter_decompressed,
    read_document,
    read_page,
    reader_for,
    text_wanted,
)

if TYPE_CHECKING:
    from concurrent.futures import Future

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
SPLIT_BYTES = 2 * PART_CHUNKS * CHUNK_BYTES
"""A plain text file larger than this is read by several workers at once (see
:mod:`~mediacite.corpus.textparts`): at least two parts."""


@attrs.frozen
class Reading:
    """How every document of a run is read (sent along to worker processes).

    ``encoding`` is for documents without a byte-order mark; ``regions`` the parts of HTML
    pages reported (``None``: all, see :func:`mediacite.extract_html`); with ``describe`` each
    complete result carries the document's row of the documents table, with ``mentions`` its
    prose mentions of posts (every document is then read whole); with ``render`` the citations
    come written out.
    """

    encoding: str | None = None
    regions: tuple[str, ...] | None = ARTICLE
    describe: bool = False
    mentions: bool = False
    render: Callable[[Sequence[Citation]], str] | None = None
    """Writes citations out (a picklable callable): then each result carries the text
    (:attr:`Result.output`) instead of the records, made where the citations were found."""


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


def _problem(document: Document, exc: Exception) -> Problem:
    """The problem an exception raised while reading ``document`` is."""
    if isinstance(exc, MediaciteError):
        return Problem(document.where, str(exc))
    if isinstance(exc, OSError):
        return Problem(document.where, exc.strerror or str(exc))
    return Problem(document.where, f"internal error ({type(exc).__name__}: {exc}); "
                   "please report it")  # fmt: skip


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
                yield _result(document, found, how, complete=False)
                found = []
    except Exception as exc:  # a bug must not end a batch of millions of documents
        problem = _problem(document, exc)
    record = _record(seen, document, count, problem) if how.describe else None
    said = tuple(seen.mentions or ())
    yield _result(document, found, how, problem=problem, record=record, mentions=said)


def _result(
    document: Document,
    found: list[Citation],
    how: Reading,
    *,
    complete: bool = True,
    problem: Problem | None = None,
    record: DocumentRecord | None = None,
    mentions: tuple[Mention, ...] = (),
) -> Result:
    """A result holding ``found``, written out when the run renders its citations."""
    if how.render is None:
        return Result(document, tuple(found), problem, complete, record, mentions)
    output = how.render(found)
    return Result(
        document, (), problem, complete, record, mentions, output=output, count=len(found)
    )


def _sent_back(result: Result) -> Result:
    """A worker's result as it is sent back: without the document's text.

    The main process read it, or never needs it; sending it back would cost as much again.
    """
    if result.document.data is None:
        return result
    return attrs.evolve(result, document=attrs.evolve(result.document, data=None))


def _run_batch(batch: list[Document], how: Reading) -> list[Result | Problem]:
    return [_sent_back(extract_result(document, how)) for document in batch]


def _part_results(part: LinesPart, how: Reading) -> Iterator[Result | Problem]:
    for item in read_lines_part(part):
        yield item if isinstance(item, Problem) else extract_result(item, how)


def _run_part(part: LinesPart, how: Reading) -> list[Result | Problem]:
    return [r if isinstance(r, Problem) else _sent_back(r) for r in _part_results(part, how)]


def _local(document: Document) -> bool:
    """Documents read on this process, not a worker: standard input."""
    return document.path == STDIN


def _large_file(document: Document) -> bool:
    """A file that may be worth splitting between workers (see :func:`_split`)."""
    if document.path is None or document.path == STDIN or document.url is not None:
        return False
    try:
        return os.stat(document.path).st_size > SPLIT_BYTES
    except OSError:
        return False


@attrs.define
class _Split:
    """A text file read in parts by the workers: what its parts have given so far."""

    document: Document
    seen: _Seen
    reported: frozenset[CitationKey] = frozenset()
    """The keys of what the last chunk read reported (see :mod:`~.textparts`)."""
    count: int = 0
    problem: Problem | None = None
    """What stopped a part (the parts after it are not read)."""
    stopped: Problem | None = None
    """What stopped the main process from cutting more parts (bytes not valid in the
    encoding): it ends the document after the parts cut before it."""


@attrs.frozen
class _PartPending:
    """A part of a split text file, being read by a worker."""

    future: Future[PartReport]
    part: TextPart
    split: _Split


def _split(document: Document, how: Reading) -> tuple[_Split, Iterator[TextPart]] | None:
    """The parts of a large plain UTF-8 text file, or ``None`` to read the file whole.

    It is decided as :func:`_iter_stream` decides how to read the file; anything unusual (a
    compressed file, another reader or encoding, an unreadable head) is left to it.
    """
    assert document.path is not None
    seen = _Seen(document.source)
    try:
        raw = open_input(document.path)
    except (MediaciteError, OSError):
        return None
    try:
        if compression(raw.read(8)) is not None:
            raise ValueError("compressed")
        raw.seek(0)
        wide = how.describe or document.captured_date
        head, stream = peek(raw, HEAD_CHARS if wide else MARKDOWN_SNIFF_CHARS)
        seen.kind = reader_for(head[:MARKDOWN_SNIFF_CHARS], document.source, document.input)
        if seen.kind != "text" or not text_wanted(how.regions):
            raise ValueError("not plain text")
        article_date = _date(document, seen, head, how.describe)
        first = stream.read(CHUNK_BYTES)
        decoder, name, skip = text_decoder(first, how.encoding)
        if codecs.lookup(name).name != "utf-8":
            raise ValueError("not UTF-8")
    except Exception:  # read whole, where the same thing raises where it should
        raw.close()
        return None
    parts = text_parts(
        stream, document.path, document.source, first, decoder, name, skip, article_date
    )
    return _Split(document, seen), _closing(parts, raw)


def _closing(parts: Iterator[TextPart], raw: IO[bytes]) -> Iterator[TextPart]:
    with raw:
        yield from parts


def _text_part_results(item: _PartPending, how: Reading) -> Iterator[Result]:
    """The result of one part, read again here when the part before changes what it gives."""
    split = item.split
    if split.problem is not None:
        item.future.cancel()
        return
    try:
        report = item.future.result()
        if item.part.index and report.asked & split.reported:
            report = read_text_part(item.part, how.render, split.reported)
    except Exception as exc:
        split.problem = _problem(split.document, exc)
        return
    split.reported = report.reported
    split.count += report.count
    yield Result(
        split.document,
        report.citations,
        complete=False,
        output=report.output,
        count=report.count,
    )
    if report.error is not None:
        split.problem = _problem(split.document, DecodingError(report.error))


def _split_end(split: _Split, how: Reading) -> Result:
    """The complete result that closes a split file (its problem and its table row)."""
    document = split.document
    problem = split.problem or split.stopped
    record = _record(split.seen, document, split.count, problem) if how.describe else None
    return _result(document, [], how, problem=problem, record=record)


_Item = Document | Problem | LinesPart


def _batches(items: Iterator[_Item]) -> Iterator[list[Document] | _Item]:
    """Batches of about :data:`BATCH_BYTES`; problems, parts and local documents pass alone."""
    batch: list[Document] = []
    size = 0
    for item in items:
        if not isinstance(item, Document) or _local(item) or _large_file(item):
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


if TYPE_CHECKING:
    _Pending = Future[list[Result | Problem]] | Problem | Document | _PartPending | _Split


def extract_corpus(
    items: Iterable[_Item],
    *,
    jobs: int = 1,
    ordered: bool = True,
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
    describe: bool = False,
    mentions: bool = False,
    render: Callable[[Sequence[Citation]], str] | None = None,
) -> Iterator[Result | Problem]:
    """Extract every document; yield its :class:`Result` and pass problems through.

    A file read on this process comes as a result per slice of citations (see :class:`Result`).
    ``regions`` as in :func:`mediacite.extract_html` (default: the article only). With
    ``describe`` each document's complete result carries its
    :class:`~mediacite.models.DocumentRecord` (``Result.record``); with ``mentions`` its prose
    mentions of posts (``Result.mentions``; every document is then read whole).

    With ``jobs > 1`` the work runs in a process pool (results made there come back without
    their document's ``data``) with at most
    :data:`IN_FLIGHT_PER_JOB` ``* jobs`` batches (and problems) waiting, so memory stays flat
    however large the corpus.
    """
    how = Reading(
        encoding,
        None if regions is None else tuple(regions),
        describe=describe,
        mentions=mentions,
        render=render,
    )
    stream = iter(items)
    head = list(itertools.islice(stream, 2))
    stream = itertools.chain(head, stream)
    work = [item for item in head if not isinstance(item, Problem)]
    one = len(work) < 2 and not any(isinstance(i, Document) and _large_file(i) for i in work)
    if jobs <= 1 or one:
        for item in stream:
            if isinstance(item, Problem):
                yield item
            elif isinstance(item, LinesPart):
                yield from _part_results(item, how)
            else:
                slices = SLICE if item.path is not None else None
                yield from _results(item, how, slices)
        return
    pending: deque[_Pending] = deque()
    from concurrent.futures import ProcessPoolExecutor  # only a run with workers needs it

    with ProcessPoolExecutor(max_workers=jobs, initializer=keep_freed_memory) as pool:
        for batch in _batches(stream):
            if isinstance(batch, list):
                pending.append(pool.submit(_run_batch, batch, how))
            elif isinstance(batch, LinesPart):
                pending.append(pool.submit(_run_part, batch, how))
            elif isinstance(batch, Problem) or _local(batch):
                pending.append(batch)
            elif not ordered or (found := _split(batch, how)) is None:
                pending.append(pool.submit(_run_batch, [batch], how))
            else:
                split, parts = found
                try:
                    for part in parts:
                        future = pool.submit(read_text_part, part, how.render)
                        pending.append(_PartPending(future, part, split))
                        while len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                            yield from _drain(pending, ordered, how)
                except Exception as exc:
                    split.stopped = _problem(batch, exc)
                pending.append(split)
            while len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield from _drain(pending, ordered, how)
        while pending:
            yield from _drain(pending, ordered, how)


def _drain(pending: deque[_Pending], ordered: bool, how: Reading) -> Iterator[Result | Problem]:
    """Yield the results of one finished item (the oldest one when ``ordered``)."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait

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
    elif isinstance(item, _PartPending):
        yield from _text_part_results(item, how)
    elif isinstance(item, _Split):
        yield _split_end(item, how)
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
