"""Opening input files safely: regular files only, never blocking on a FIFO, socket or device.

A path can name anything: a FIFO (reading it blocks until a writer comes), a socket, a device
(``/dev/zero`` never ends), a folder. :func:`open_regular` opens without blocking, checks what
was opened (not what the name pointed to a moment before) and refuses everything but a regular
file with an :class:`~mediacite.errors.InputError` that says what it is. :func:`read_bounded`
reads a whole file only up to a limit.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from mediacite.errors import InputError

__all__ = ["open_regular", "read_bounded"]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)
"""Open for reading without waiting for a FIFO's writer or taking a terminal as ours."""


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for binary reading if it is a regular file (symbolic links are followed).

    Raises :class:`~mediacite.errors.InputError` for anything else, and ``OSError`` when the
    file cannot be opened (missing, permission denied).
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, _FLAGS)
    except OSError:
        try:
            mode = os.stat(name).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise InputError(f"not a regular file: {_kind(mode)}", source=name) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"not a regular file: {_kind(mode)}", source=name)
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(stream: BinaryIO, limit: int, what: str) -> bytes:
    """Read all of ``stream``, refusing with an ``InputError`` once it exceeds ``limit`` bytes.

    ``what`` names the kind of file in the message (``HTML page``, ``lockfile``).
    """
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, ValueError):
        size = 0
    data = stream.read(limit + 1) if size <= limit else b""
    if size > limit or len(data) > limit:
        raise InputError(f"{what} larger than {limit >> 20} MiB")
    return data
