"""What Wayback-style archives share: a CDX index server plus raw ``{ts}id_/{url}`` playback.

Parses both CDX JSON dialects: the Internet Archive's array of arrays (a header row, ``[]``
when empty, ``[]`` then ``["<resume key>"]`` at the end of a page) and pywb's one JSON
object per line. Anything else with a 200 (an HTML error page, a truncated body) is an
:class:`~mediacite.errors.ArchiveResponseError`, which the driver retries.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

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
from mediacite.resolver.transport import Call, Operation, host_of, perform

__all__ = ["CdxArchive", "parse_cdx"]

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


def _rows_from_arrays(data: Any) -> tuple[list[Mapping[str, Any]], str | None]:
    if not isinstance(data, list) or not all(isinstance(row, list) for row in data):
        raise ArchiveResponseError("CDX JSON is not an array of arrays")
    if not data:
        return [], None
    resume: str | None = None
    rows: Sequence[list[Any]] = data
    if len(data) >= 2 and data[-2] == [] and len(data[-1]) == 1:
        resume = str(data[-1][0])
        rows = data[:-2]
    if not rows:
        return [], resume
    header, body = rows[0], rows[1:]
    if not all(isinstance(name, str) for name in header):
        raise ArchiveResponseError("CDX JSON header row is not a list of field names")
    records: list[Mapping[str, Any]] = []
    for row in body:
        if len(row) != len(header):
            raise ArchiveResponseError(f"CDX row has {len(row)} fields, header has {len(header)}")
        records.append(dict(zip(header, row, strict=True)))
    return records, resume


def _rows_from_lines(text: str) -> list[Mapping[str, Any]]:
    records: list[Mapping[str, Any]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise ArchiveResponseError(f"unreadable CDX line: {line[:120]!r}") from exc
        if not isinstance(record, dict):
            raise ArchiveResponseError(f"CDX line is not an object: {line[:120]!r}")
        records.append(record)
    return records


def parse_cdx(archive: str, response: httpx.Response) -> tuple[list[Capture], str | None]:
    """Parse a CDX JSON answer into captures and the resume key (``None`` on the last page)."""
    if 400 <= response.status_code < 500:
        raise ArchiveRejected(
            f"{archive} CDX refused the query ({response.status_code}): {response.text[:200]!r}"
        )
    if response.status_code != 200:
        raise ArchiveResponseError(f"{archive} CDX answered {response.status_code}")
    text = response.text.strip()
    resume: str | None = None
    if not text:
        records: list[Mapping[str, Any]] = []
    elif text.startswith("["):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ArchiveResponseError(f"{archive} CDX sent malformed JSON: {exc}") from exc
        records, resume = _rows_from_arrays(data)
    elif text.startswith("{"):
        records = _rows_from_lines(text)
    else:
        kind = "HTML" if text.startswith("<") else "text"
        raise ArchiveResponseError(f"{archive} CDX sent {kind} instead of JSON: {text[:80]!r}")
    captures = [c for c in (_capture(archive, r) for r in records) if c is not None]
    return captures, resume


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
            rows, resume = yield from perform(
                Call(request, "search", partial(parse_cdx, self.name))
            )
            captures.extend(rows)
            if not self.resume_keys:
                return SearchResult(tuple(captures), complete=len(rows) < self.page_size)
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
