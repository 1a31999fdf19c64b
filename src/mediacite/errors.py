"""The exception tree. Every error mediacite raises on purpose is a :class:`MediaciteError`.

::

    MediaciteError
    ├── UsageError                 a command was asked for what it cannot do (check the lockfile)
    ├── UntrustedArchive           an archive named by untrusted configuration is not public
    ├── LockfileError              the lockfile is not valid (which file, entry and field)
    ├── InputError                 a document could not be read
    │   ├── BinaryInputError       it is not text (NUL bytes, a known binary signature)
    │   ├── DecodingError          its bytes are not valid in any encoding it declares or we tried
    │   └── FetchError             a URL could not be fetched (network, HTTP status, size, type)
    └── ArchiveError               an archive could not answer ("not archived" is a result)
        ├── ArchiveUnavailable     5xx answers, resets, refused connections after retries
        │   └── ArchiveTimeout     the archive did not answer in time
        ├── RateLimited            the archive answered 429 (or we paused it after one)
        ├── ArchiveResponseError   the archive answered, but with something we cannot read
        │   └── ArchiveRejected    it refused the request itself (4xx): retrying cannot help
        └── BlockedHost            a request would have left the configured archive hosts
"""

from __future__ import annotations

import json

__all__ = [
    "ArchiveError",
    "ArchiveRejected",
    "ArchiveResponseError",
    "ArchiveTimeout",
    "ArchiveUnavailable",
    "BinaryInputError",
    "BlockedHost",
    "DecodingError",
    "FetchError",
    "InputError",
    "LockfileError",
    "MediaciteError",
    "RateLimited",
    "UntrustedArchive",
    "UsageError",
]


def _one_line(text: str) -> str:
    """``text`` as is when printable, else as a JSON string (so a message stays one line)."""
    return text if text.isprintable() else json.dumps(text)


class MediaciteError(Exception):
    """Base class of every error mediacite raises on purpose."""


class UsageError(MediaciteError):
    """A command was asked to do something it cannot, such as checking the lockfile itself."""


class UntrustedArchive(MediaciteError):
    """An archive that untrusted configuration names is not a public http(s) archive.

    ``spec`` is the archive as named (credentials removed); ``reason`` says what it is (``a
    loopback address (127.0.0.1)``, ``a local archive``) in words a message can quote.
    """

    def __init__(self, message: str, *, spec: str, reason: str) -> None:
        super().__init__(message)
        self.spec = spec
        self.reason = reason


class LockfileError(MediaciteError):
    """The lockfile cannot be used: unreadable, not JSON, a merge conflict, or against its schema.

    ``path`` is the lockfile; ``entry`` the key of the entry at fault and ``field`` the field,
    when the problem is that precise. The message is one line: ``path: entry KEY: field: problem``.
    """

    def __init__(
        self, path: str, problem: str, *, entry: str | None = None, field: str | None = None
    ) -> None:
        where = [_one_line(path)]
        if entry is not None:
            where.append(f"entry {_one_line(entry)}")
        if field is not None:
            where.append(field)
        super().__init__(": ".join([*where, problem]))
        self.path = path
        self.entry = entry
        self.field = field
        self.problem = problem


class InputError(MediaciteError):
    """A document could not be read as text or HTML.

    ``source`` names the document (a path, ``-``, a record's place) when it is known.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class BinaryInputError(InputError):
    """The document is binary data, not text."""


class DecodingError(InputError):
    """The document's bytes could not be decoded."""


class FetchError(InputError):
    """A URL given as input could not be fetched.

    ``source`` is the URL asked for and ``status`` the HTTP status when the server answered.
    """

    def __init__(self, message: str, *, source: str | None = None, status: int | None = None):
        super().__init__(message, source=source)
        self.status = status


class ArchiveError(MediaciteError):
    """An archive could not give a definitive answer.

    Attributes tell a caller what happened without parsing the message: ``archive`` (the
    backend's key, e.g. ``web.archive.org``), ``url`` (the request), ``status`` (the HTTP
    status, when the archive answered) and ``retry_after`` (seconds to wait before asking this
    archive again, when it said or we decided). The transport fills in what a parser left out.
    """

    def __init__(
        self,
        message: str,
        *,
        archive: str | None = None,
        url: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.archive = archive
        self.url = url
        self.status = status
        self.retry_after = retry_after


class ArchiveUnavailable(ArchiveError):
    """The archive kept failing (5xx, resets, refused connections) until retries ran out."""


class ArchiveTimeout(ArchiveUnavailable):
    """The archive did not answer in time."""


class RateLimited(ArchiveError):
    """The archive answered 429 Too Many Requests, or is paused after one."""


class ArchiveResponseError(ArchiveError):
    """The archive answered with a body that cannot be read (truncated JSON, an HTML error page)."""


class ArchiveRejected(ArchiveResponseError):
    """The archive refused the request (400 Bad Request and the like): it is not retried."""


class BlockedHost(ArchiveError):
    """A request would have gone to a host that is not a configured archive endpoint."""
