"""Extracting documents: one at a time, or over a pool of worker processes with bounded memory.

:func:`extract_corpus` yields one :class:`~mediacite.corpus.records.Result` per document in
input order (or as they finish, with ``ordered=False``); a file read on this process comes as a
result per slice of citations, so memory stays flat however large the file.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from mediacite._api import extract, iter_path
from mediacite.corpus.records import Document, Problem, Result
from mediacite.errors import MediaciteError
from mediacite.extract.decode import detect_input
from mediacite.extract.html import ARTICLE
from mediacite.models import Citation

__all__ = ["BATCH_BYTES", "SLICE", "extract_corpus", "extract_document", "extract_result"]

SLICE = 1000
"""Citations per :class:`Result` when a file is streamed."""
BATCH_BYTES = 1 << 20
"""Documents are sent to worker processes in batches of about this many bytes."""


def _own_date(document: Document) -> str | None:
    """The date the document states itself (leading date line, publish-date meta, front matter)."""
    from mediacite.extract.context import (
        HEAD_CHARS,
        article_date_from_html,
        article_date_from_text,
    )
    from mediacite.extract.markdown import front_matter_date

    data = document.data
    if data is None:
        return None
    head = data[:HEAD_CHARS]
    text = head.decode("latin-1") if isinstance(head, bytes) else head
    kind = detect_input(head, size=len(data)) if document.input == "auto" else document.input
    if kind == "html":
        return article_date_from_html(text)
    if kind == "markdown":
        return front_matter_date(text) or article_date_from_text(text)
    return article_date_from_text(text)


def extract_document(
    document: Document, *, encoding: str | None = None, regions: Collection[str] | None = ARTICLE
) -> list[Citation]:
    """The citations of one document; raises :class:`~mediacite.errors.InputError` subclasses.

    ``regions`` as in :func:`mediacite.extract_html` (default: the article only).
    """
    return list(_iter_document(document, encoding, regions))


def _iter_document(
    document: Document, encoding: str | None, regions: Collection[str] | None = ARTICLE
) -> Iterator[Citation]:
    article_date = document.article_date
    if article_date is None and document.captured_date is not None:
        article_date = _own_date(document) or document.captured_date
    if document.path is not None:
        return iter_path(
            document.path,
            input=document.input,
            encoding=encoding,
            article_date=article_date,
            regions=regions,
        )
    assert document.data is not None
    return iter(
        extract(
            document.data,
            input=document.input,
            source=document.source,
            encoding=encoding,
            article_date=article_date,
            regions=regions,
        )
    )


def extract_result(
    document: Document, encoding: str | None = None, regions: Collection[str] | None = ARTICLE
) -> Result:
    """Extract one document into a :class:`Result`; a bad document gives a problem, not an error."""
    return list(_results(document, encoding, slice_size=None, regions=regions))[-1]


def _results(
    document: Document,
    encoding: str | None,
    slice_size: int | None,
    regions: Collection[str] | None = ARTICLE,
) -> Iterator[Result]:
    """Results of one document: slices of ``slice_size`` citations, the last one complete."""
    found: list[Citation] = []
    problem: Problem | None = None
    try:
        for citation in _iter_document(document, encoding, regions):
            found.append(citation)
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
    yield Result(document, tuple(found), problem)


def _run_batch(
    batch: list[Document], encoding: str | None, regions: Collection[str] | None
) -> list[Result]:
    return [extract_result(document, encoding, regions) for document in batch]


def _batches(items: Iterator[Document | Problem]) -> Iterator[list[Document] | Problem]:
    batch: list[Document] = []
    size = 0
    for item in items:
        if isinstance(item, Problem):
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


def extract_corpus(
    items: Iterable[Document | Problem],
    *,
    jobs: int = 1,
    ordered: bool = True,
    encoding: str | None = None,
    regions: Collection[str] | None = ARTICLE,
) -> Iterator[Result | Problem]:
    """Extract every document; yield its :class:`Result` and pass problems through.

    A file read on this process comes as a result per slice of citations (see :class:`Result`).

    With ``jobs > 1`` the work runs in a process pool with at most ``4 * jobs`` batches in
    flight, so memory stays flat however large the corpus.
    """
    stream = iter(items)
    head = list(itertools.islice(stream, 2))
    stream = itertools.chain(head, stream)
    if jobs <= 1 or sum(isinstance(item, Document) for item in head) < 2:
        for item in stream:
            if isinstance(item, Problem):
                yield item
            else:
                slice_size = SLICE if item.path is not None else None
                yield from _results(item, encoding, slice_size, regions)
        return
    pending: deque[Future[list[Result]] | Problem] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch in _batches(stream):
            pending.append(
                batch
                if isinstance(batch, Problem)
                else pool.submit(_run_batch, batch, encoding, regions)
            )
            while sum(1 for p in pending if not isinstance(p, Problem)) >= 4 * jobs:
                yield from _drain(pending, ordered)
        while pending:
            yield from _drain(pending, ordered)


def _drain(
    pending: deque[Future[list[Result]] | Problem],
    ordered: bool,
) -> Iterator[Result | Problem]:
    """Yield the results of one finished batch (the oldest one when ``ordered``)."""
    if ordered:
        item = pending.popleft()
    else:
        futures = [p for p in pending if not isinstance(p, Problem)]
        problems = [p for p in pending if isinstance(p, Problem)]
        if problems:
            item = problems[0]
        else:
            done, _ = wait(futures, return_when=FIRST_COMPLETED)
            item = next(iter(done))
        pending.remove(item)
    if isinstance(item, Problem):
        yield item
    else:
        yield from item.result()
