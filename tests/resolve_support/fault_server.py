"""A loopback HTTP server speaking the Wayback dialect, with injected faults and a request log.

Faults, drawn with a seeded RNG at ``fault_rate``: ``429``, ``500``, ``reset`` (the
connection is closed with RST, no answer), ``slow`` (answers after ``slow_seconds``) and
``truncated`` (a CDX body cut in half; a playback body shorter than its Content-Length);
and, when asked for, ``trickle`` (the answer's body sent one byte every ``trickle_seconds``).
The server is bounded: after ``max_requests`` it answers 503, and it shuts itself down after
``max_seconds``. It binds 127.0.0.1 only.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import attrs

from .fake_wayback import FakeWayback, send_head

FAULTS = ("429", "500", "reset", "slow", "truncated")


@attrs.frozen
class Hit:
    at: float
    kind: str
    fault: str | None


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        archive: FakeWayback,
        *,
        fault_rate: float = 0.0,
        faults: Sequence[str] = FAULTS,
        slow_seconds: float = 1.0,
        trickle_seconds: float = 0.2,
        seed: int = 1,
        max_requests: int = 5000,
        max_seconds: float = 120.0,
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.archive = archive
        self.fault_rate = fault_rate
        self.faults = tuple(faults)
        self.slow_seconds = slow_seconds
        self.trickle_seconds = trickle_seconds
        self.max_requests = max_requests
        self.max_seconds = max_seconds
        self.hits: list[Hit] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def draw(self, kind: str) -> str | None:
        with self._lock:
            if len(self.hits) >= self.max_requests:
                fault: str | None = "exhausted"
            elif self._rng.random() < self.fault_rate:
                fault = self._rng.choice(self.faults)
            else:
                fault = None
            self.hits.append(Hit(time.monotonic(), kind, fault))
            return fault


class _Handler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(self, status: int, headers: Sequence[tuple[str, str]], body: bytes) -> None:
        send_head(self, status, headers, len(body))
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up on a slow answer

    def _trickle(self, status: int, headers: Sequence[tuple[str, str]], body: bytes) -> None:
        """Send the headers, then the body one byte at a time, slowly (until the client leaves)."""
        send_head(self, status, headers, len(body))
        stop = time.monotonic() + self.server.max_seconds
        try:
            for index in range(len(body)):
                self.wfile.write(body[index : index + 1])
                self.wfile.flush()
                if time.monotonic() > stop:
                    break
                time.sleep(self.server.trickle_seconds)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_GET(self) -> None:
        kind = "cdx" if self.path.startswith("/cdx/") else "playback"
        fault = self.server.draw(kind)
        if fault == "exhausted":
            self._send(503, [], b"request budget exhausted")
            return
        if fault == "429":
            self._send(429, [], b"")
            return
        if fault == "500":
            self._send(500, [("Content-Type", "text/html")], b"<html>Internal error</html>")
            return
        if fault == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if fault == "slow":
            time.sleep(self.server.slow_seconds)
        if fault == "trickle":
            self._trickle(*self.server.archive.handle("GET", self.path))
            return
        status, headers, body = self.server.archive.handle("GET", self.path)
        if fault == "truncated":
            if kind == "cdx":
                self._send(status, headers, body[: max(len(body) // 2, 1)])
            else:
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body) + 100))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.close_connection = True
            return
        self._send(status, headers, body)


@contextmanager
def serve(archive: FakeWayback, **options: object) -> Iterator[FaultServer]:
    """Run a :class:`FaultServer` in a thread for the duration of the block."""
    server = FaultServer(archive, **options)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    timer = threading.Timer(server.max_seconds, server.shutdown)
    timer.start()
    try:
        yield server
    finally:
        timer.cancel()
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
