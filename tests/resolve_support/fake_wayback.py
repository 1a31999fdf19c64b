"""An Internet-Archive-shaped archive in memory: CDX JSON (header row, resume keys) and id_ playback.

``FakeWayback.handle`` answers one request as ``(status, headers, body)``; it backs both an
``httpx.MockTransport`` (unit tests) and a loopback HTTP server (fault tests, benchmark).
It counts the requests it serves by kind.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import email.utils
import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import httpx

from mediacite.resolver.urls import surt

from .corpus import PAGES, Page

Answer = tuple[int, list[tuple[str, str]], bytes]


def send_head(
    handler: BaseHTTPRequestHandler, status: int, headers: Sequence[tuple[str, str]], size: int
) -> None:
    """Send an answer's status line and headers over HTTP, with ``size`` as its length."""
    handler.send_response(status)
    for name, value in headers:
        if name.lower() != "content-length":
            handler.send_header(name, value)
    handler.send_header("Content-Length", str(size))
    handler.end_headers()


def _ts(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


class FakeWayback:
    """Serves ``pages`` the way web.archive.org does."""

    def __init__(self, pages: Iterable[Page] = PAGES, *, json_status_dash: bool = True) -> None:
        self.pages = sorted(pages, key=lambda p: (surt(p.url), _ts(p.captured)))
        self.keys = [surt(p.url) for p in self.pages]
        self.json_status_dash = json_status_dash
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, kind: str) -> None:
        with self._lock:
            self.counts[kind] += 1

    # -- CDX ----------------------------------------------------------------------------------

    def _row(self, page: Page) -> list[str]:
        status = page.status.split()[0]
        mime = dict(page.headers).get("Content-Type", "unk").split(";")[0]
        if page.revisit_of is not None:
            mime, status = "warc/revisit", "-"
        elif "json" in mime and self.json_status_dash:
            status = "-"
        digest = base64.b32encode(hashlib.sha1(page.body).digest()).decode()
        return [surt(page.url), _ts(page.captured), page.url, mime, status, digest, "100"]

    def cdx(self, params: dict[str, str]) -> Answer:
        key = surt(params["url"].rstrip("*"))
        prefix = params.get("matchType") == "prefix" or params["url"].endswith("*")
        start_at = bisect.bisect_left(self.keys, key)
        rows = []
        for page_key, page in zip(self.keys[start_at:], self.pages[start_at:], strict=True):
            if not (page_key == key or (prefix and page_key.startswith(key))):
                break
            rows.append(self._row(page))
        limit = int(params.get("limit", "0") or 0)
        start = int(params.get("resumeKey", "0") or 0)
        page = rows[start : start + limit] if limit else rows[start:]
        fields = params.get("fl", "urlkey,timestamp,original,mimetype,statuscode,digest,length")
        names = fields.split(",")
        header = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
        data: list[list[str]] = [[row[header.index(n)] for n in names] for row in page]
        body: list[list[str]] = [names, *data] if data else []
        more = limit and start + limit < len(rows)
        if more and params.get("showResumeKey") == "true":
            body += [[], [str(start + limit)]]
        return 200, [("Content-Type", "text/plain")], json.dumps(body).encode()

    # -- playback -----------------------------------------------------------------------------

    def playback(self, path: str) -> Answer:
        rest = path.removeprefix("/web/")
        stamp, _, original = rest.partition("/")
        timestamp = stamp.removesuffix("id_")
        if "://" not in original:
            original = original.replace(":/", "://", 1)
        key = surt(original)
        lo = bisect.bisect_left(self.keys, key)
        hi = bisect.bisect_right(self.keys, key)
        same = self.pages[lo:hi]
        if not same:
            return 404, [("Content-Type", "text/html")], b"<html>Not in archive</html>"
        exact = [p for p in same if _ts(p.captured) == timestamp and p.url == original]
        if not exact:
            target = min(same, key=lambda p: abs(int(_ts(p.captured)) - int(timestamp)))
            location = f"/web/{_ts(target.captured)}id_/{target.url}"
            return 302, [("Location", location)], b""
        page = exact[0]
        if page.revisit_of is not None:
            page = next(p for p in same if p.captured == page.revisit_of and p.revisit_of is None)
        code = int(page.status.split()[0])
        headers = [
            *page.headers,
            ("Memento-Datetime", email.utils.format_datetime(exact[0].captured, usegmt=True)),
            ("Link", f'<{exact[0].url}>; rel="original"'),
        ]
        return code, headers, page.body

    def handle(self, method: str, url: str) -> Answer:
        parts = urlsplit(url)
        if parts.path == "/cdx/search/cdx":
            self.count("cdx")
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            return self.cdx(params)
        if parts.path.startswith("/web/"):
            self.count("playback")
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            return self.playback(path)
        self.count("other")
        return 404, [], b"no such endpoint"

    def respond(self, request: httpx.Request) -> httpx.Response:
        status, headers, body = self.handle(request.method, str(request.url))
        return httpx.Response(status, headers=headers, content=body)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.respond)
