"""Readers per input format: files, directories, JSONL(.gz) dumps, WARC(.gz) and WACZ crawls.

Each turns a path into a stream of :class:`~mediacite.corpus.records.Document` (or
:class:`~mediacite.corpus.records.Problem` for what cannot be read: a bad JSONL line, a corrupt
WARC record, a truncated gzip member), never holding more than one record in memory.
"""

from __future__ import annotations

import logging
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from typing import IO, Literal, overload

from mediacite.corpus.jsonl import LinesPart, date_part, jsonl_lines, split_jsonl
from mediacite.corpus.records import STDIN, Document, Fields, Problem
from mediacite.corpus.walk import walk
from mediacite.errors import InputError
from mediacite.extract.decode import InputKind
from mediacite.inputs import decompress, open_input, strip_compression
from mediacite.limits import MAX_DOCUMENT_BYTES, MiB

__all__ = ["iter_documents"]

log = logging.getLogger("mediacite.corpus")

_JSONL = (".jsonl", ".ndjson")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")
_WACZ = (".wacz",)
_HTML_TYPES = ("text/html", "application/xhtml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN_BYTES = 1 << 20
"""Bytes read at a time while looking for the next gzip member after a corrupt record."""
_DEFAULT_FIELDS = Fields()


def _iter_jsonl(path: str, fields: Fields) -> Iterator[Document | Problem]:
    try:
        raw_stream = open_input(path)
    except (InputError, OSError) as exc:
        yield Problem(path, exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))
        return
    with raw_stream:
        stream, _ = decompress(raw_stream, path)
        yield from jsonl_lines(stream, path, fields)


def _warc_documents(stream: IO[bytes], name: str, base: int) -> Iterator[Document | Problem]:
    """Documents of the readable records of one WARC stream; raises on the first bad one.

    A record larger than :data:`~mediacite.limits.MAX_DOCUMENT_BYTES` is a problem, skipped.
    """
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
        data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
        offset = base + records.get_record_offset()
        if len(data) > MAX_DOCUMENT_BYTES:
            yield Problem(f"{name}@{offset}", f"record larger than {MAX_DOCUMENT_BYTES // MiB} MiB")
            continue
        if getattr(record.raw_stream, "limit", 0):
            raise EOFError(f"record truncated: {record.raw_stream.limit} bytes missing")
        yield Document(
            source=record.rec_headers.get_header("WARC-Target-URI") or f"{name}@{offset}",
            where=f"{name}@{offset}",
            data=data,
            captured_date=date_part(record.rec_headers.get_header("WARC-Date")),
            input=kind,
        )


def _next_member(path: str, start: int) -> int | None:
    """Offset of the next gzip member (or ``WARC/`` header) at or after ``start``."""
    marker = _GZIP_MAGIC if path.endswith(".gz") else b"WARC/1."
    with open(path, "rb") as stream:
        stream.seek(start)
        pos = start
        tail = b""
        while chunk := stream.read(_SCAN_BYTES):
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
            with open_input(path) as stream:
                stream.seek(start)
                for doc in _warc_documents(stream, path, start):
                    last_good = int(doc.where.rsplit("@", 1)[1])
                    yield doc
            return
        except InputError as exc:
            yield Problem(path, str(exc))
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
        archive = zipfile.ZipFile(open_input(path))
    except InputError as exc:
        yield Problem(path, str(exc))
        return
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


@overload
def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str | None = ...,
    fields: Fields = ...,
    input: InputKind = ...,
    parts: Literal[False] = ...,
) -> Iterator[Document | Problem]: ...


@overload
def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str | None = ...,
    fields: Fields = ...,
    input: InputKind = ...,
    parts: bool,
) -> Iterator[Document | Problem | LinesPart]: ...


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str | None = None,
    fields: Fields = _DEFAULT_FIELDS,
    input: InputKind = "auto",
    parts: bool = False,
) -> Iterator[Document | Problem | LinesPart]:
    """Stream the documents in ``paths``.

    Paths may be files (also gzip, bzip2 or xz compressed, recognised by their bytes),
    directories (recursive, article-like files only; ``glob`` filters paths relative to the
    directory, see :mod:`~mediacite.corpus.walk`), JSONL dumps (``.jsonl``, ``.ndjson``, also
    compressed), WARC / WARC.gz files and WACZ packages; ``-`` is standard input and an
    ``http(s)://`` URL a page to fetch (both read when the document is extracted). With
    ``parts``, a large uncompressed JSONL dump comes as :class:`~.parts.LinesPart` items for
    worker processes to read (:func:`~.parts.read_lines_part` gives their documents).
    """
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            yield Document(source=STDIN, where="<stdin>", path=STDIN, input=input)
        elif path.startswith(("http://", "https://")):
            yield Document(source=path, where=path, url=path, input=input)
        elif os.path.isdir(path):
            log.info("walking %s%s", path, f" (only {glob})" if glob else "")
            for found in walk(path, glob):
                if isinstance(found, tuple):
                    yield Problem(*found)
                else:
                    yield from _documents_of_file(found, fields, input, parts)
        elif not os.path.lexists(path):
            yield Problem(path, "no such file or directory")
        else:
            yield from _documents_of_file(path, fields, input, parts)


def _documents_of_file(
    path: str, fields: Fields, input: InputKind, parts: bool
) -> Iterator[Document | Problem | LinesPart]:
    lower = path.lower()
    inner = strip_compression(lower)
    if inner.endswith(_JSONL):
        log.info("reading %s as JSON Lines documents", path)
        split = split_jsonl(path, fields) if parts else None
        yield from _iter_jsonl(path, fields) if split is None else split
    elif lower.endswith(_WARC):
        log.info("reading %s as a WARC file", path)
        yield from _iter_warc(path)
    elif lower.endswith(_WACZ):
        log.info("reading %s as a WACZ package", path)
        yield from _iter_wacz(path)
    else:
        log.debug("reading %s", path)
        yield Document(source=path, where=path, path=path, input=input)
