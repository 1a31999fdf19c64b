"""Readers per input format: files, directories, JSONL(.gz) dumps, WARC(.gz) and WACZ crawls.

Each turns a path into a stream of :class:`~mediacite.corpus.records.Document` (or
:class:`~mediacite.corpus.records.Problem` for what cannot be read: a bad JSONL line, a corrupt
WARC record, a truncated gzip member), never holding more than one record in memory.
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, cast

from mediacite.corpus.records import Document, Fields, Problem
from mediacite.extract.decode import InputKind

__all__ = ["iter_documents"]

_JSONL = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")
_WACZ = (".wacz",)
_HTML_TYPES = ("text/html", "application/xhtml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN_BYTES = 1 << 20
"""Bytes read at a time while looking for the next gzip member after a corrupt record."""
_DEFAULT_FIELDS = Fields()


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
    fields: Fields = _DEFAULT_FIELDS,
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
