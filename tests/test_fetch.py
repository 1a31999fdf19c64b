"""Articles by URL: a real HTTP server on 127.0.0.1, started by the test in a thread.

Checks the User-Agent, that redirects are followed to the final URL (which becomes ``source``)
but never to another scheme nor without end, the size limit (declared and streamed), HTTP
errors and content types, ``mediacite extract URL`` and that ``import mediacite`` stays
without httpx.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

import mediacite
from mediacite.errors import FetchError
from mediacite.resolver.fetch import MAX_REDIRECTS, fetch_page

PAGE = (
    b'<!doctype html><html><head><link rel="canonical" href="/2024/03/14/storm">'
    b"</head><body><p>The storm.</p>"
    b'<blockquote class="twitter-tweet"><p>Stay safe</p>&mdash; City (@EastportCity) '
    b'<a href="https://twitter.com/EastportCity/status/1768190000123456789">March 14, 2024</a>'
    b"</blockquote></body></html>"
)
SAID = (
    b'<!doctype html><html><head><meta property="article:published_time" content="2024-03-15">'
    b"</head><body><article><p>The city tweeted a warning on Thursday:</p>"
    b'<blockquote class="twitter-tweet"><p>Stay safe</p>&mdash; City (@EastportCity) '
    b'<a href="https://twitter.com/EastportCity/status/1768190000123456789">March 14, 2024</a>'
    b"</blockquote></article></body></html>"
)
TEXT = (
    "Stay safe tonight. pic.twitter.com/Hb7kQw2ZxA — City of Eastport (@EastportCity) "
    "March 14, 2024\n"
).encode()


class Handler(BaseHTTPRequestHandler):
    agents: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/2024/03/14/storm":
            self.send(200, PAGE, "text/html; charset=utf-8")
        elif path == "/said":
            self.send(200, SAID, "text/html; charset=utf-8")
        elif path == "/text":
            self.send(200, TEXT, "text/plain; charset=utf-8")
        elif path == "/short":
            self.send(301, b"", "text/html", Location="/2024/03/14/storm")
        elif path.startswith("/loop"):
            self.send(302, b"", "text/html", Location=f"/loop{int(path[5:] or 0) + 1}")
        elif path == "/to-file":
            self.send(302, b"", "text/html", Location="file:///etc/passwd")
        elif path == "/image":
            self.send(200, b"\x89PNG....", "image/png")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(1 << 40))
            self.end_headers()
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(4096):
                    self.wfile.write(b" " * 65536)
            except OSError:
                pass
        else:
            self.send(404, b"no", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_extract_url_follows_redirects_and_names_the_final_url(server: str) -> None:
    Handler.agents.clear()
    (citation,) = mediacite.extract_url(f"{server}/short")
    assert citation.source == f"{server}/2024/03/14/storm"
    assert citation.post_id == "1768190000123456789"
    assert citation.article_date == "2024-03-14", "the date in the final URL"
    assert all(agent.startswith(f"mediacite/{mediacite.__version__} ") for agent in Handler.agents)


def test_extract_url_finds_mentions(server: str) -> None:
    found = mediacite.extract_url(f"{server}/said", mentions=True)
    assert found.mentions is not None
    (mention,) = found.mentions
    assert (mention.author, mention.date, mention.source) == (
        "The city",
        "2024-03-14",
        f"{server}/said",
    )
    assert mention.sourced is not None
    assert mention.sourced.identity == "twitter:id:1768190000123456789"
    assert mediacite.extract_url(f"{server}/said").mentions is None


def test_text_pages(server: str) -> None:
    (citation,) = mediacite.extract_url(f"{server}/text")
    assert (citation.handle, citation.source) == ("EastportCity", f"{server}/text")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-file", "only http"),
        ("/loop", f"more than {MAX_REDIRECTS} redirects"),
        ("/image", "not a web page"),
        ("/huge-declared", "larger than"),
        ("/missing", "HTTP 404"),
    ],
)
def test_refused_fetches(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as caught:
        mediacite.extract_url(f"{server}{path}")
    assert caught.value.source == f"{server}{path}"


def test_a_streamed_body_stops_at_the_limit(server: str) -> None:
    with pytest.raises(FetchError, match="larger than 1 MiB"):
        fetch_page(f"{server}/huge-streamed", limit=1 << 20)


def test_only_http_urls_and_unreachable_hosts() -> None:
    with pytest.raises(FetchError, match="only http"):
        mediacite.extract_url("ftp://example.org/x")
    with pytest.raises(FetchError, match="cannot fetch"):
        mediacite.extract_url("http://127.0.0.1:9/", timeout=2)


def test_cli_extracts_urls_with_documents_table(server: str, tmp_path: str) -> None:
    table = f"{tmp_path}/documents.jsonl"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mediacite",
            "extract",
            f"{server}/short",
            f"{server}/missing",
            "--documents",
            table,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["source"] == f"{server}/2024/03/14/storm"
    assert f"{server}/missing: HTTP 404" in done.stderr
    with open(table, encoding="utf-8") as rows:
        first, second = (json.loads(line) for line in rows)
    assert first["canonical_url"] == f"{server}/2024/03/14/storm"
    assert (first["domain"], first["date_source"], first["citations"]) == ("127.0.0.1", "url", 1)
    assert second["problems"] == ["HTTP 404 Not Found"]


def test_import_mediacite_does_not_import_httpx() -> None:
    code = "import sys, mediacite; mediacite.extract('x'); print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
