"""Peak memory on huge archive answers, and how long resolving takes to give up on a bad archive.

Serves, from a loopback server in this process that generates its answers as it sends them
(so the server itself holds no large buffer):

* ``cdx``: one citation whose handle's CDX answer is 50 MB (about 250,000 rows);
* ``playback``: 20 citations whose mementos are 50 MB pages each (the post, then padding);

and measures the process's peak RSS with psutil (polled every 5 ms) above the RSS before.
Then it times giving up:

* ``429``: an archive answering 429 to everything, with the Internet Archive's policy, in
  virtual time (the seconds a real run would wait);
* ``trickle``: an archive sending one byte every ``--trickle`` seconds (default 20), with the
  default policy and no deadline, in real time (a few minutes).

Run: ``python benchmarks/resolve_memory.py [cdx playback 429 trickle]`` (loopback only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from mediacite.models import Citation, Resolution
from mediacite.resolver import Limiter, Policy, VirtualClock, WaybackArchive, resolve
from resolve_support.pages import legacy_html, make_id, utc

SIZE = 50 * 1000 * 1000
"""Bytes of each huge answer (the issue's 50 MB)."""

CHUNK = 64 * 1024
"""Bytes the server writes at a time."""

PLAYBACKS = 20
"""Citations whose mementos are huge (the issue's 20 × 50 MB)."""

WHEN = utc(2019, 5, 1, 12, 0)


def _post(index: int) -> tuple[str, str, str]:
    handle = f"Huge{index:02d}"
    return handle, make_id(WHEN + dt.timedelta(minutes=index), index), f"Post number {index} here."


def _cdx_rows(handle: str, post_id: str, big: bool) -> Iterator[bytes]:
    header = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
    yield b"[" + json.dumps(header).encode()
    url = f"https://twitter.com/{handle}/status/{post_id}"
    yield (
        b","
        + json.dumps(
            [
                f"com,twitter)/{handle.lower()}/status/{post_id}",
                "20190502000000",
                url,
                "text/html",
                "200",
                f"D{post_id}",
                "1",
            ]
        ).encode()
    )
    sent = 0
    filler = 0
    while big and sent < SIZE:
        filler += 1
        row = [
            f"com,twitter)/{handle.lower()}/status/{filler}",
            "20190502000000",
            f"https://twitter.com/{handle}/status/{filler}",
            "text/html",
            "200",
            "X",
            "1",
        ]
        line = b"," + json.dumps(row).encode()
        sent += len(line)
        yield line
    yield b"]"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        return

    def _stream(
        self, status: int, ctype: str, parts: Iterator[bytes], extra: list[tuple[str, str]]
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        try:
            buffer = b""
            for part in parts:
                buffer += part
                if len(buffer) >= CHUNK:
                    self.wfile.write(buffer)
                    buffer = b""
            self.wfile.write(buffer)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.server.hits += 1
        mode = self.server.mode
        if mode == "429":
            self.send_response(429)
            self.end_headers()
            return
        if mode == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                while not self.server.stopping.wait(self.server.trickle):
                    self.wfile.write(b" ")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if parts.path == "/cdx/search/cdx":
            query = parse_qs(parts.query)["url"][0]
            index = int(query.split("/")[1].lower().removeprefix("huge"))
            handle, post_id, _ = _post(index)
            big = mode == "cdx" and not query.endswith(post_id)
            self._stream(200, "text/plain", _cdx_rows(handle, post_id, big), [])
            return
        original = parts.path.removeprefix("/web/").partition("/")[2]
        handle, post_id = original.split("/")[-3], original.split("/")[-1]
        _, _, text = _post(int(handle.lower().removeprefix("huge")))
        page = legacy_html(handle, handle, post_id, text, "x")
        padding = SIZE if mode == "playback" else 0
        body = iter([page, *(b"<!-- padding -->" * (CHUNK // 16) for _ in range(padding // CHUNK))])
        memento = [("Memento-Datetime", "Thu, 02 May 2019 00:00:00 GMT")]
        self._stream(200, "text/html; charset=utf-8", body, memento)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str, trickle: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.trickle = trickle
        self.hits = 0
        self.stopping = threading.Event()

    @property
    def url(self) -> str:
        """The base URL of this server."""
        return f"http://127.0.0.1:{self.server_address[1]}"


@contextmanager
def _serving(mode: str, trickle: float = 20.0) -> Iterator[_Server]:
    server = _Server(mode, trickle)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def _peak_rss(work: Callable[[], list[Resolution]]) -> tuple[float, float, list[Resolution]]:
    """Run ``work`` and return (baseline MB, peak MB above it, result)."""
    process = psutil.Process()
    baseline = process.memory_info().rss
    peak = baseline
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.005)

    watcher = threading.Thread(target=poll)
    watcher.start()
    try:
        result = work()
    finally:
        done.set()
        watcher.join()
    return baseline / 1e6, (peak - baseline) / 1e6, result


def _citations(count: int) -> list[Citation]:
    out = []
    for index in range(count):
        handle, post_id, text = _post(index)
        out.append(
            Citation(
                platform="twitter",
                kind="byline",
                handle=handle,
                post_id=post_id,
                date=WHEN.date().isoformat(),
                text=text,
            )
        )
    return out


def memory(mode: str) -> None:
    count = 1 if mode == "cdx" else PLAYBACKS
    fast = Policy(search=Policy().playback, playback=Policy().playback)
    with _serving(mode) as server, httpx.Client(timeout=30) as client:
        archive = WaybackArchive(server.url, policy=fast)
        base, peak, result = _peak_rss(
            lambda: resolve(
                _citations(count),
                archive,
                client=client,
                cache=None,
                limiter=Limiter(VirtualClock()),
            )
        )
    statuses = sorted({r.status for r in result})
    what = "one 50 MB CDX answer" if mode == "cdx" else f"{PLAYBACKS} x 50 MB playbacks"
    print(f"{what:28} peak RSS +{peak:6.1f} MB over {base:5.1f} MB; statuses {statuses}")


def give_up(mode: str, trickle: float) -> None:
    citations = _citations(10)
    with _serving(mode, trickle) as server:
        archive = WaybackArchive(server.url)  # the resolver's own client and timeouts
        if mode == "429":
            clock = VirtualClock()
            resolutions = resolve(citations, archive, cache=None, limiter=Limiter(clock))
            seconds, kind = clock.now(), "virtual"
        else:
            started = time.monotonic()
            resolutions = resolve(citations, archive, cache=None)
            seconds, kind = time.monotonic() - started, "real"
        hits = server.hits
    statuses = sorted({r.status for r in resolutions})
    what = "all-429 archive" if mode == "429" else f"1 byte every {trickle:g} s"
    print(f"give up on {what:24} {seconds:7.1f} s ({kind}), {hits} requests, statuses {statuses}")
    print(f"  reason: {resolutions[0].error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="*", default=["cdx", "playback", "429", "trickle"])
    parser.add_argument("--trickle", type=float, default=20.0, help="seconds between bytes")
    args = parser.parse_args()
    for run in args.runs:
        if run in ("cdx", "playback"):
            memory(run)
        else:
            give_up(run, args.trickle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
