"""What Wayback-style archives share: a CDX index server plus raw ``{ts}id_/{url}`` playback.

Parses both CDX JSON dialects: the Internet Archive's array of arrays (a header row, ``[]``
when empty, ``[]`` then ``["<resume key>"]`` at the end of a page) and pywb's one JSON
object per line. Rows are decoded one at a time, so an answer costs the memory of its
captures, not of a JSON tree. Anything else with a 200 (an HTML error page, a truncated body)
is an :class:`~mediacite.errors.ArchiveResponseError`, which the driver retries; a body the
driver cut at :data:`~mediacite.resolver.limits.MAX_INDEX_BYTES` gives the rows before the
cut, marked incomplete.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

import attrs
import httpx

from mediacite.errors import ArchiveRejected, ArchiveResponseError
from mediacite.resolver.archives.base import (
    Capture,
    Memento,
    Query,
    SearchResult,
    memento_from_response,
)
from mediacite.resolver.limits import DEFAULT_POLICY, Policy
from mediacite.resolver.transport import TRUNCATED, Call, Operation, host_of, perform

__all__ = ["CdxArchive", "CdxPage", "parse_cdx"]

_ALIASES = {"url": "original", "mime": "mimetype", "status": "statuscode"}
_MAX_ARCHIVE_REDIRECTS = 3


def _capture(archive: str, row: Mapping[str, Any]) -> Capture | None:
    fields = {_ALIASES.get(k, k): v for k, v in row.items()}
    timestamp, original = fields.get("timestamp"), fields.get("original")
    if not isinstance(timestamp, str) or not isinstance(original, str):
        raise ArchiveResponseError(f"CDX row without timestamp/original: {dict(row)!r:.200}")
    if not (timestamp.isdigit() and 4 <= len(timestamp) <= 14) or not original:
        return None
    status = str(fields.get("statuscode") or "")
    mimetype = fields.get("mimetype")
    digest = fields.get("digest")
    return Capture(
        archive=archive,
        original=original,
        timestamp=timestamp,
        urlkey=str(fields.get("urlkey") or ""),
        mimetype=str(mimetype) if mimetype not in (None, "", "-") else None,
        status=int(status) if status.isdigit() else None,
        digest=str(digest) if digest not in (None, "", "-") else None,
    )


_WHITESPACE = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()


def _skip(text: str, at: int) -> int:
    """The position of the first non-blank character at or after ``at``."""
    return at + len(_WHITESPACE.match(text, at).group())  # type: ignore[union-attr]


def _elements(text: str) -> Iterator[Any]:
    """The elements of a JSON array, decoded one at a time (no whole tree in memory).

    Raises ``ValueError`` (or ``IndexError`` at the end of the text) when the text is not a
    complete array: the caller decides whether a cut-short body makes that an error.
    """
    at = _skip(text, 0)
    if text[at] != "[":
        raise ValueError("not a JSON array")
    at = _skip(text, at + 1)
    if text[at] == "]":
        return
    while True:
        value, at = _DECODER.raw_decode(text, at)
        yield value
        at = _skip(text, at)
        if text[at] == "]":
            return
        if text[at] != ",":
            raise ValueError(f"expected ',' at character {at}")
        at = _skip(text, at + 1)


def _rows_from_arrays(archive: str, text: str, cut: bool) -> tuple[list[Capture], str | None, bool]:
    """Rows of the IA dialect: a header row, data rows, then maybe ``[]`` and a resume key."""
    header: list[str] | None = None
    captures: list[Capture] = []
    resume: str | None = None
    after_rows = False
    try:
        for row in _elements(text):
            if not isinstance(row, list):
                raise ArchiveResponseError("CDX JSON is not an array of arrays")
            if resume is not None or (after_rows and len(row) != 1):
                raise ArchiveResponseError("CDX JSON has rows after its resume key")
            if after_rows:
                resume = str(row[0])
            elif row == []:
                after_rows = True
            elif header is None:
                if not all(isinstance(name, str) for name in row):
                    raise ArchiveResponseError("CDX JSON header row is not a list of field names")
                header = row
            else:
                if len(row) != len(header):
                    raise ArchiveResponseError(
                        f"CDX row has {len(row)} fields, header has {len(header)}"
                    )
                capture = _capture(archive, dict(zip(header, row, strict=True)))
                if capture is not None:
                    captures.append(capture)
    except (ValueError, IndexError) as exc:
        if not cut:
            raise ArchiveResponseError(f"{archive} CDX sent malformed JSON: {exc}") from exc
        return captures, None, True
    if after_rows and resume is None:
        raise ArchiveResponseError("CDX JSON ends with an empty row and no resume key")
    return captures, resume, cut


def _rows_from_lines(archive: str, text: str, cut: bool) -> tuple[list[Capture], bool]:
    """Rows of the pywb dialect: one JSON object per line (a cut last line is dropped)."""
    captures: list[Capture] = []
    lines = text.split("\n")
    if cut:
        lines.pop()
    for line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise ArchiveResponseError(f"unreadable CDX line: {line[:120]!r}") from exc
        if not isinstance(record, dict):
            raise ArchiveResponseError(f"CDX line is not an object: {line[:120]!r}")
        capture = _capture(archive, record)
        if capture is not None:
            captures.append(capture)
    return captures, cut


@attrs.frozen
class CdxPage:
    """One parsed CDX answer: its captures and the resume key of the next page.

    ``cut`` is set when the body was longer than the index cap (later rows were not read).
    """

    captures: list[Capture]
    resume: str | None = None
    cut: bool = False


def parse_cdx(archive: str, response: httpx.Response) -> CdxPage:
    """Parse a CDX JSON answer (either dialect) row by row."""
    if 400 <= response.status_code < 500:
        raise ArchiveRejected(
            f"{archive} CDX refused the query ({response.status_code}): {response.text[:200]!r}"
        )
    if response.status_code != 200:
        raise ArchiveResponseError(f"{archive} CDX answered {response.status_code}")
    cut = bool(response.extensions.get(TRUNCATED))
    text = response.text.strip()
    if not text:
        return CdxPage([])
    if text.startswith("["):
        captures, resume, cut = _rows_from_arrays(archive, text, cut)
        return CdxPage(captures, resume, cut)
    if text.startswith("{"):
        captures, cut = _rows_from_lines(archive, text, cut)
        return CdxPage(captures, None, cut)
    kind = "HTML" if text.startswith("<") else "text"
    raise ArchiveResponseError(f"{archive} CDX sent {kind} instead of JSON: {text[:80]!r}")


class CdxArchive:
    """A CDX server plus raw playback; subclassed by the Wayback and pywb backends.

    ``cdx_url`` answers index queries; mementos are fetched from
    ``{playback_url}{timestamp}id_/{original}``. ``resume_keys`` says whether the server pages
    with ``showResumeKey`` (IA) or must be asked for everything at once (pywb).
    """

    name = "cdx"
    supports_prefix = True
    resume_keys = True

    def __init__(
        self,
        cdx_url: str,
        playback_url: str,
        *,
        policy: Policy = DEFAULT_POLICY,
        page_size: int = 1000,
        max_pages: int = 20,
    ) -> None:
        self.cdx_url = cdx_url
        self.playback_url = playback_url if playback_url.endswith("/") else playback_url + "/"
        self.policy = policy
        self.page_size = page_size
        self.max_pages = max_pages
        self.key = host_of(cdx_url)
        self.hosts = frozenset({host_of(cdx_url), host_of(self.playback_url)})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.cdx_url!r})"

    def query_params(self, query: Query, resume_key: str | None) -> dict[str, str]:
        """Return the CDX parameters of one page of ``query``."""
        params = {
            "url": query.url,
            "matchType": query.match,
            "output": "json",
            "limit": str(self.page_size),
        }
        if self.resume_keys:
            params["fl"] = "urlkey,timestamp,original,mimetype,statuscode,digest,length"
            params["showResumeKey"] = "true"
            if resume_key:
                params["resumeKey"] = resume_key
        return params

    def search(self, query: Query) -> Operation[SearchResult]:
        """Page through the index with resume keys (at most ``max_pages`` pages)."""
        captures: list[Capture] = []
        resume: str | None = None
        for _ in range(self.max_pages):
            request = httpx.Request("GET", self.cdx_url, params=self.query_params(query, resume))
            page = yield from perform(Call(request, "search", partial(parse_cdx, self.name)))
            captures.extend(page.captures)
            resume = page.resume
            if page.cut:
                return SearchResult(tuple(captures), complete=False)
            if not self.resume_keys:
                complete = len(page.captures) < self.page_size
                return SearchResult(tuple(captures), complete=complete)
            if not resume:
                return SearchResult(tuple(captures), complete=True)
        return SearchResult(tuple(captures), complete=False)

    def memento_url(self, timestamp: str, original: str) -> str:
        """Return the raw (``id_``) playback URL of a capture."""
        return f"{self.playback_url}{timestamp}id_/{original}"

    def fetch(self, capture: Capture) -> Operation[Memento]:
        """Fetch the raw memento, following only the archive's own redirects to the same URL."""
        url = self.memento_url(capture.timestamp, capture.original)
        parse = partial(memento_from_response, self.name, self.hosts, capture)
        memento: Memento = yield from perform(Call(httpx.Request("GET", url), "playback", parse))
        for _ in range(_MAX_ARCHIVE_REDIRECTS):
            target = memento.archive_redirect
            if not target or target == url or not _same_resource(memento.location, capture):
                break
            url = target
            memento = yield from perform(Call(httpx.Request("GET", url), "playback", parse))
        return memento


def _same_resource(location: str | None, capture: Capture) -> bool:
    """Whether ``location`` names the captured URL (scheme aside, case kept)."""
    if not location:
        return False
    return location.split("://", 1)[-1] == capture.original.split("://", 1)[-1]
