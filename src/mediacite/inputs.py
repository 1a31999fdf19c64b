"""Opening inputs safely: regular files and standard input only, compression by content, limits.

Every reader opens what it reads here. :func:`open_input` refuses what is not a regular file —
a FIFO, a socket, a device would block or never end — before reading a byte (the file is opened
non-blocking, so even a FIFO swapped in after a check cannot hang). :func:`open_stdin` gives
standard input, or a clear error when it is closed. :func:`decompress` recognises gzip, bzip2 and
xz by their magic bytes and streams the decompressed bytes, turning a corrupt or truncated
stream into an :class:`~mediacite.errors.InputError`. :func:`read_limited` and :func:`iter_lines`
hold at most a given number of bytes (:data:`~mediacite.limits.MAX_DOCUMENT_BYTES` by default).
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterator
from typing import IO, BinaryIO, cast

from mediacite.errors import InputError
from mediacite.limits import MAX_DOCUMENT_BYTES, MiB

__all__ = [
    "COMPRESSED_SUFFIXES",
    "compression",
    "decompress",
    "iter_lines",
    "open_input",
    "open_stdin",
    "peek",
    "read_limited",
    "strip_compression",
]

COMPRESSED_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}
"""File name suffixes of the compressions read (the bytes decide, the suffix names the file)."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)
"""The magic bytes of each compression (RFC 1952, bzip2's header, the xz container)."""
_MAGIC_BYTES = 6


def _gzip(stream: IO[bytes]) -> io.BufferedIOBase:
    import gzip

    return gzip.GzipFile(fileobj=stream, mode="rb")


def _bzip2(stream: IO[bytes]) -> io.BufferedIOBase:
    import bz2

    return bz2.BZ2File(stream, "rb")


def _xz(stream: IO[bytes]) -> io.BufferedIOBase:
    import lzma

    return lzma.LZMAFile(stream, "rb")


_OPENERS: dict[str, Callable[[IO[bytes]], io.BufferedIOBase]] = {
    "gzip": _gzip,
    "bzip2": _bzip2,
    "xz": _xz,
}
"""The decompressors, imported when a compressed input is met (most runs meet none)."""


def _stream_errors() -> tuple[type[BaseException], ...]:
    """What the decompressors raise for corrupt or truncated data."""
    import lzma
    import zlib

    return (OSError, EOFError, zlib.error, lzma.LZMAError)


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "an unknown kind of file")


_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)
"""Open for reading without waiting for a FIFO's writer or taking a terminal as ours."""


def _not_regular(mode: int) -> str:
    return f"not a regular file: {_kind(mode)}"


def open_input(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading; anything else raises :class:`InputError`.

    Directories, FIFOs, sockets and devices are refused with a message saying what they are.
    A missing or unreadable file raises the usual :class:`OSError`.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, _FLAGS)
    except IsADirectoryError:
        raise InputError(f"{name} is a directory", source=name) from None
    except OSError:
        try:
            mode = os.stat(name).st_mode
        except OSError:
            raise
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise InputError(_not_regular(mode), source=name) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{name} is a directory", source=name)
        if not stat.S_ISREG(mode):
            raise InputError(_not_regular(mode), source=name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return cast(BinaryIO, os.fdopen(fd, "rb"))
    except BaseException:
        os.close(fd)
        raise


def open_stdin() -> BinaryIO:
    """Standard input as bytes; :class:`InputError` when it is closed."""
    stream = sys.stdin
    if stream is None or stream.closed:
        raise InputError("standard input is closed (nothing to read from '-')", source="-")
    buffer = getattr(stream, "buffer", None)
    return cast(BinaryIO, buffer if buffer is not None else stream)


class _Replayed(io.RawIOBase):
    """A stream that gives ``head`` again, then the rest of ``rest``."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


def peek(stream: IO[bytes], size: int) -> tuple[bytes, BinaryIO]:
    """Read the first ``size`` bytes (fewer at the end) and a stream that starts over with them.

    Seekable streams are rewound; others (pipes, decompressors) replay the bytes read.
    """
    chunks: list[bytes] = []
    got = 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    head = b"".join(chunks)
    if stream.seekable():
        stream.seek(-len(head), os.SEEK_CUR)
        return head, cast(BinaryIO, stream)
    return head, cast(BinaryIO, io.BufferedReader(_Replayed(head, stream), MiB))


def compression(head: bytes) -> str | None:
    """``"gzip"``, ``"bzip2"`` or ``"xz"`` when ``head`` starts with that magic, else ``None``."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def strip_compression(name: str) -> str:
    """``story.html.gz`` → ``story.html``: the name of what a compressed file holds."""
    root, suffix = os.path.splitext(name)
    return root if suffix.lower() in COMPRESSED_SUFFIXES else name


class _Checked(io.RawIOBase):
    """A decompressing stream whose corrupt or truncated data raises :class:`InputError`."""

    def __init__(self, inner: io.BufferedIOBase, kind: str, name: str) -> None:
        self._inner = inner
        self._kind = kind
        self._name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read1(len(buffer))  # what is decoded so far, before any error
        except _stream_errors() as exc:
            raise InputError(
                f"corrupt or truncated {self._kind} data: {exc}", source=self._name
            ) from None
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def decompress(stream: IO[bytes], name: str) -> tuple[BinaryIO, str]:
    """Decompress ``stream`` when its first bytes say gzip, bzip2 or xz; else return it as is.

    Returns the stream of the document's bytes and its name without a compression suffix
    (``story.html.gz`` → ``story.html``). Data is streamed, never inflated whole.
    """
    head, stream = peek(stream, _MAGIC_BYTES)
    kind = compression(head)
    if kind is None:
        return stream, name
    opener = _OPENERS[kind]
    inner = opener(stream)
    checked = io.BufferedReader(_Checked(inner, kind, name), MiB)
    return cast(BinaryIO, checked), strip_compression(name)


def read_limited(stream: IO[bytes], what: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Read all of ``stream``; :class:`InputError` if it holds more than ``limit`` bytes.

    A file whose size is known to exceed the limit is refused without reading a byte.
    """
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, ValueError, io.UnsupportedOperation, AttributeError):
        size = 0
    data = stream.read(limit + 1) if size <= limit else b""
    if size > limit or len(data) > limit:
        raise InputError(f"{what} larger than {limit // MiB} MiB (the limit for one document)")
    return data


def iter_lines(stream: IO[bytes], limit: int = MAX_DOCUMENT_BYTES) -> Iterator[bytes | None]:
    """The lines of a stream, each at most ``limit`` bytes; ``None`` stands for a longer line.

    A longer line is skipped in :data:`~mediacite.limits.MiB` steps, never held whole, so
    memory stays bounded whatever the input.
    """
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(MiB)
        yield None
