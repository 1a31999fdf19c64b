"""JSON Lines dumps: their records as documents, read whole or in parts by worker processes.

Each line holds one JSON object, whose keys (:class:`~.records.Fields`) give its text or HTML,
source and date. So that ``--jobs`` helps on one large dump, it is cut into byte ranges at
line ends (:class:`LinesPart`): the main process only finds the line ends (a ``memchr`` pass)
and counts lines, and each worker reads, parses and extracts its range itself, so the main
process never decodes or ships the documents. The parts give exactly the documents and
problems, with the same line numbers, that reading the dump from start to end gives.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Iterator, Sequence
from typing import IO, Any, BinaryIO

import attrs

from mediacite.corpus.records import Document, Fields, Problem
from mediacite.errors import InputError
from mediacite.inputs import compression, iter_lines, open_input
from mediacite.limits import MAX_DOCUMENT_BYTES, MiB

__all__ = ["PART_BYTES", "LinesPart", "date_part", "jsonl_lines", "read_lines_part", "split_jsonl"]

PART_BYTES = 1 << 20
"""Bytes of a dump a worker reads at a time: as much as the pool's batches of documents."""
_MAGIC_BYTES = 6
"""Bytes that tell a compressed file (see :func:`mediacite.inputs.compression`)."""
_STEP = 1 << 16
"""Bytes read at a time while looking for the end of a line longer than a part."""


def date_part(value: object) -> str | None:
    """The ``YYYY-MM-DD`` a date field or header starts with, if it starts with one."""
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None


def _first(record: dict[str, Any], keys: Sequence[str]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def jsonl_lines(
    stream: IO[bytes], path: str, fields: Fields, first: int = 1
) -> Iterator[Document | Problem]:
    """The documents of the JSON Lines in ``stream`` (line ``first`` of ``path`` on).

    A line that is no document is a :class:`Problem`, and so is a read error (the rest of the
    stream is then left).
    """
    lineno = first - 1
    try:
        for lineno, raw in enumerate(iter_lines(stream), first):
            where = f"{path}:{lineno}"
            if raw is None:
                yield Problem(where, f"record larger than {MAX_DOCUMENT_BYTES // MiB} MiB")
                continue
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
                article_date=date_part(_first(record, fields.date)),
                input=kind,  # type: ignore[arg-type]
            )
    except InputError as exc:
        yield Problem(f"{path}:{lineno + 1}", f"unreadable from here on: {exc}")
    except (OSError, EOFError, zlib.error) as exc:
        yield Problem(f"{path}:{lineno + 1}", f"unreadable from here on: {exc}")


@attrs.frozen
class LinesPart:
    """The lines of a JSON Lines dump in the bytes ``[start, end)``, the first being ``line``."""

    path: str
    start: int
    end: int
    line: int
    fields: Fields

    @property
    def size(self) -> int:
        """How many bytes the part holds."""
        return self.end - self.start


def split_jsonl(
    path: str, fields: Fields, size: int = PART_BYTES
) -> Iterator[LinesPart | Problem] | None:
    """The parts of an uncompressed dump larger than ``size``, cut after a line end.

    ``None`` when the dump should be read whole instead: it is small, compressed (a stream
    cannot be entered in the middle) or cannot be opened (reading it whole says why).
    """
    try:
        with open_input(path) as stream:
            total = stream.seek(0, io.SEEK_END)
            stream.seek(0)
            if total <= size or compression(stream.read(_MAGIC_BYTES)) is not None:
                return None
    except (InputError, OSError):
        return None
    return _parts(path, fields, size)


def _parts(path: str, fields: Fields, size: int) -> Iterator[LinesPart | Problem]:
    start, line = 0, 1
    try:
        with open_input(path) as stream:
            while block := stream.read(size):
                lines = block.count(b"\n")
                cut = block.rfind(b"\n") + 1
                end = start + (cut or len(block))
                while not cut and (more := stream.read(_STEP)):
                    cut = more.find(b"\n") + 1
                    end += cut or len(more)
                    lines += bool(cut)
                stream.seek(end)
                yield LinesPart(path, start, end, line, fields)
                start, line = end, line + lines
    except (InputError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield Problem(f"{path}:{line}", f"unreadable from here on: {message}")


class _Range(io.RawIOBase):
    """The bytes ``[start, start + size)`` of an open file, as a stream of their own."""

    def __init__(self, raw: BinaryIO, start: int, size: int) -> None:
        raw.seek(start)
        self._raw = raw
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer).cast("B")
        data = self._raw.read(min(len(view), self._left))
        view[: len(data)] = data
        self._left -= len(data)
        return len(data)


def read_lines_part(part: LinesPart) -> Iterator[Document | Problem]:
    """The documents (and problems) of one part, as reading the whole dump gives them."""
    try:
        raw = open_input(part.path)
    except (InputError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield Problem(f"{part.path}:{part.line}", f"unreadable from here on: {message}")
        return
    with raw:
        stream = io.BufferedReader(_Range(raw, part.start, part.size), _STEP)
        yield from jsonl_lines(stream, part.path, part.fields, part.line)
