"""Corpus inputs: files, directories, JSONL dumps, WARC and WACZ crawls — streamed, in parallel.

:func:`iter_documents` turns paths into a stream of :class:`Document` (or :class:`Problem` for
what cannot be read: a bad JSONL line, a corrupt WARC record, a truncated gzip member), never
holding more than one record in memory. :func:`extract_corpus` extracts them, on one process or
a pool of ``jobs`` processes with a bounded number of documents in flight, and yields one
:class:`Result` per document in input order (or as they finish, with ``ordered=False``).
"""

from __future__ import annotations

import fnmatch
import gzip
import itertools
import json
import os
import zipfile
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import IO, Any, cast

import attrs

from mediacite.errors import MediaciteError
from mediacite.extract import InputKind, extract, iter_path
from mediacite.models import Citation, Mention

__all__ = [
    "Document",
    "Fields",
    "Problem",
    "Result",
    "extract_corpus",
    "extract_document",
    "extract_result",
    "iter_documents",
]

_JSONL = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")
_WACZ = (".wacz",)
_HTML_TYPES = ("text/html", "application/xhtml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
SLICE = 1000
"""Citations per :class:`Result` when a file is streamed."""
BATCH_BYTES = 1 << 20
"""Documents are sent to worker processes in batches of about this many bytes."""


@attrs.frozen
class Fields:
    """Which JSONL keys hold what (the first key present wins)."""

    text: tuple[str, ...] = ("text", "content", "body", "article")
    html: tuple[str, ...] = ("html", "raw_html", "content_html")
    source: tuple[str, ...] = ("url", "id")
    date: tuple[str, ...] = ("date", "published", "date_published", "published_at")


@attrs.frozen
class Document:
    """One document to extract from: in-memory ``data``, or a file ``path`` read as a stream."""

    source: str
    """What citations name as their ``source``: a path, a record's URI, a JSONL url or id."""
    where: str
    """Where the document is, for messages: ``dump.jsonl:12``, ``crawl.warc.gz@1234``."""
    data: bytes | str | None = None
    path: str | None = None
    article_date: str | None = None
    """The article's date as its container states it (a JSONL field): it wins."""
    captured_date: str | None = None
    """When the document was captured (a WARC record's date): used when the document itself
    carries no date."""
    input: InputKind = "auto"


@attrs.frozen
class Problem:
    """Something that could not be read; the rest of the corpus is still processed."""

    where: str
    message: str


@attrs.frozen
class Result:
    """The citations of one document, or the problem that stopped it.

    A large file read on one process comes as several results, one per slice of at most
    :data:`SLICE` citations, so memory stays flat; only the last has ``complete`` set.
    """

    document: Document
    citations: tuple[Citation, ...] = ()
    problem: Problem | None = None
    complete: bool = True
    mentions: tuple[Mention, ...] = ()
    """The document's prose mentions of posts, when they were asked for (whole documents
    only: a document read for mentions comes as one result)."""


def _date_part(value: object) -> str | None:
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None


def _first(record: dict[str, Any], keys: Sequence[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def _open_maybe_gzip(path: str) -> IO[bytes]:
    if path.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def _iter_jsonl(path: str, fields: Fields) -> Iterator[Document | Problem]:
    lineno = 0
    try:
        with _open_maybe_gzip(path) as stream:
            for lineno, raw in enumerate(stream, 1):
                where = f"{path}:{lineno}"
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw)
                except ValueError as exc:
                    yield Problem(where, f"not a JSON object: {exc}")
                    continue
                if not isinstance(record, dict):
                    yield Problem(where, "not a JSON object")
                    continue
                html, text = _first(record, fields.html), _first(record, fields.text)
                body, kind = (html, "html") if isinstance(html, str) else (text, "text")
                if not isinstance(body, str):
                    yield Problem(where, f"no text field ({', '.join(fields.text + fields.html)})")
                    continue
                source = _first(record, fields.source)
                yield Document(
                    source=str(source) if source is not None else where,
                    where=where,
                    data=body,
                    article_date=_date_part(_first(record, fields.date)),
                    input=kind,  # type: ignore[arg-type]
                )
    except (OSError, EOFError, zlib.error) as exc:
        yield Problem(f"{path}:{lineno + 1}", f"unreadable from here on: {exc}")


def _warc_documents(stream: IO[bytes], name: str, base: int) -> Iterator[Document]:
    """Documents of the readable records of one WARC stream; raises on the first bad one."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    for record in records:
        if record.rec_type not in ("response", "resource", "conversion"):
            continue
        content_type = (
            record.http_headers.get_header("Content-Type")
            if record.http_headers is not None
            else record.rec_headers.get_header("Content-Type")
        ) or ""
        if record.rec_type == "response" and record.http_headers is not None:
            status = record.http_headers.get_statuscode() or ""
            if not status.startswith("2"):
                continue
        ctype = content_type.lower()
        if ctype and not ctype.startswith(("text/", *_HTML_TYPES)):
            continue
        kind: InputKind = "html" if ctype.startswith(_HTML_TYPES) else "auto"
        data = record.content_stream().read()
        if getattr(record.raw_stream, "limit", 0):
            raise EOFError(f"record truncated: {record.raw_stream.limit} bytes missing")
        offset = base + records.get_record_offset()
        yield Document(
            source=record.rec_headers.get_header("WARC-Target-URI") or f"{name}@{offset}",
            where=f"{name}@{offset}",
            data=data,
            captured_date=_date_part(record.rec_headers.get_header("WARC-Date")),
            input=kind,
        )


def _next_member(path: str, start: int) -> int | None:
    """Offset of the next gzip member (or ``WARC/`` header) at or after ``start``."""
    marker = _GZIP_MAGIC if path.endswith(".gz") else b"WARC/1."
    with open(path, "rb") as stream:
        stream.seek(start)
        pos = start
        tail = b""
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            found = data.find(marker)
            if found >= 0:
                return pos - len(tail) + found
            tail = data[-(len(marker) - 1) :]
            pos += len(chunk)
    return None


def _iter_warc(path: str) -> Iterator[Document | Problem]:
    from warcio.exceptions import ArchiveLoadFailed

    start = 0
    while True:
        last_good: int | None = None
        try:
            with open(path, "rb") as stream:
                stream.seek(start)
                for doc in _warc_documents(stream, path, start):
                    last_good = int(doc.where.rsplit("@", 1)[1])
                    yield doc
            return
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
            failed = start
            if last_good is not None:
                failed = _next_member(path, last_good + 1) or last_good + 1
            yield Problem(f"{path}@{failed}", f"corrupt or truncated record: {_short(exc)}")
            resume = _next_member(path, failed + 1)
            if resume is None:
                return
            start = resume


def _short(exc: BaseException) -> str:
    """An exception's message without the raw bytes some readers quote."""
    message = str(exc).split(", first line:", 1)[0]
    return message if len(message) <= 200 else message[:199] + "…"


def _iter_wacz(path: str) -> Iterator[Document | Problem]:
    from warcio.exceptions import ArchiveLoadFailed

    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield Problem(path, f"not a WACZ (zip) file: {exc}")
        return
    with archive:
        for name in sorted(archive.namelist()):
            if not name.startswith("archive/") or not name.endswith(_WARC):
                continue
            member = f"{path}!{name}"
            try:
                with archive.open(name) as stream:
                    yield from _warc_documents(stream, member, 0)
            except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
                yield Problem(member, f"corrupt or truncated WARC: {exc}")


def _walk(root: str, glob: str | None) -> Iterator[str | Problem]:
    def report(exc: OSError) -> None:
        problems.append(Problem(exc.filename or root, exc.strerror or str(exc)))

    problems: list[Problem] = []
    for folder, dirs, files in os.walk(root, onerror=report, followlinks=False):
        yield from problems
        problems.clear()
        dirs.sort()
        for name in sorted(files):
            if glob is None or fnmatch.fnmatch(name, glob):
                yield os.path.join(folder, name)
    yield from problems


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str | None = None,
    fields: Fields = Fields(),
    input: InputKind = "auto",
) -> Iterator[Document | Problem]:
    """Stream the documents in ``paths``.

    Paths may be files, directories (recursive; ``glob`` filters file names), JSONL / JSONL.gz
    dumps, WARC / WARC.gz files and WACZ packages.
    """
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            for found in _walk(path, glob):
                if isinstance(found, Problem):
                    yield found
                else:
                    yield from _documents_of_file(found, fields, input)
        elif not os.path.exists(path):
            yield Problem(path, "no such file or directory")
        else:
            yield from _documents_of_file(path, fields, input)


def _documents_of_file(path: str, fields: Fields, input: InputKind) -> Iterator[Document | Problem]:
    lower = path.lower()
    if lower.endswith(_JSONL):
        yield from _iter_jsonl(path, fields)
    elif lower.endswith(_WARC):
        yield from _iter_warc(path)
    elif lower.endswith(_WACZ):
        yield from _iter_wacz(path)
    else:
        yield Document(source=path, where=path, path=path, input=input)


def _own_date(document: Document) -> str | None:
    """The date the document states itself (leading date line, publish-date meta)."""
    from mediacite.extract import looks_like_html
    from mediacite.extract.context import (
        HEAD_CHARS,
        article_date_from_html,
        article_date_from_text,
    )

    data = document.data
    if data is None:
        return None
    head = data[:HEAD_CHARS]
    text = head.decode("latin-1") if isinstance(head, bytes) else head
    if document.input == "html" or (document.input == "auto" and looks_like_html(head)):
        return article_date_from_html(text)
    return article_date_from_text(text)


def extract_document(document: Document, *, encoding: str | None = None) -> list[Citation]:
    """The citations of one document; raises :class:`~mediacite.errors.InputError` subclasses."""
    return list(_iter_document(document, encoding))


def _iter_document(document: Document, encoding: str | None) -> Iterator[Citation]:
    article_date = document.article_date
    if article_date is None and document.captured_date is not None:
        article_date = _own_date(document) or document.captured_date
    if document.path is not None:
        return iter_path(
            document.path, input=document.input, encoding=encoding, article_date=article_date
        )
    assert document.data is not None
    return iter(
        extract(
            document.data,
            input=document.input,
            source=document.source,
            encoding=encoding,
            article_date=article_date,
        )
    )


def extract_result(
    document: Document, encoding: str | None = None, *, mentions: bool = False
) -> Result:
    """Extract one document into a :class:`Result`; a bad document gives a problem, not an error."""
    return list(_results(document, encoding, slice_size=None, mentions=mentions))[-1]


def _with_mentions(
    document: Document, encoding: str | None
) -> tuple[list[Citation], list[Mention]]:
    """Citations and prose mentions of one document, read whole."""
    from mediacite.extract import read_whole

    article_date = document.article_date
    if article_date is None and document.captured_date is not None:
        article_date = _own_date(document) or document.captured_date
    data = document.data if document.path is None else read_whole(document.path)
    assert data is not None
    found = extract(
        data,
        input=document.input,
        source=document.source,
        encoding=encoding,
        article_date=article_date,
        mentions=True,
    )
    return list(found), list(found.mentions or ())


def _results(
    document: Document, encoding: str | None, slice_size: int | None, mentions: bool = False
) -> Iterator[Result]:
    """Results of one document: slices of ``slice_size`` citations, the last one complete."""
    found: list[Citation] = []
    said: list[Mention] = []
    problem: Problem | None = None
    try:
        if mentions:
            found, said = _with_mentions(document, encoding)
        else:
            for citation in _iter_document(document, encoding):
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
    yield Result(document, tuple(found), problem, mentions=tuple(said))


def _run_batch(batch: list[Document], encoding: str | None, mentions: bool) -> list[Result]:
    return [extract_result(document, encoding, mentions=mentions) for document in batch]


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
    mentions: bool = False,
) -> Iterator[Result | Problem]:
    """Extract every document; yield its :class:`Result` and pass problems through.

    A file read on this process comes as a result per slice of citations (see :class:`Result`).
    With ``mentions=True`` every document is read whole and its result also holds its prose
    mentions of posts.

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
                slices = SLICE if item.path is not None else None
                yield from _results(item, encoding, slices, mentions)
        return
    pending: deque[Future[list[Result]] | Problem] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for batch in _batches(stream):
            pending.append(
                batch
                if isinstance(batch, Problem)
                else pool.submit(_run_batch, batch, encoding, mentions)
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
