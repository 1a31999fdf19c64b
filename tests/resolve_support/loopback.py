"""Loopback endpoints that tell what reached them: a connection counter and an archive with a password.

``Listener`` accepts TCP connections on 127.0.0.1 (and ::1 on the same port when the machine
has IPv6) and counts them, answering nothing: it proves a command contacted nothing.
``PasswordArchive`` serves a :class:`FakeWayback` behind HTTP Basic authentication and records
the ``Authorization`` header of every request.
"""

from __future__ import annotations

import base64
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .fake_wayback import FakeWayback, send_head


class Listener:
    """Counts the TCP connections made to ``port`` on the loopback addresses."""

    def __init__(self) -> None:
        self.connections: list[str] = []
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        v4.bind(("127.0.0.1", 0))
        self.port = int(v4.getsockname()[1])
        self._sockets.append(v4)
        self.ipv6 = False
        if socket.has_ipv6:
            v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            try:
                v6.bind(("::1", self.port))
            except OSError:
                v6.close()
            else:
                self._sockets.append(v6)
                self.ipv6 = True
        self._threads: list[threading.Thread] = []
        for sock in self._sockets:
            sock.listen(16)
            sock.settimeout(0.1)
            thread = threading.Thread(target=self._accept, args=(sock,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _accept(self, sock: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(str(peer[0]))
            conn.close()

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        for sock in self._sockets:
            sock.close()


@contextmanager
def listening() -> Iterator[Listener]:
    listener = Listener()
    try:
        yield listener
    finally:
        listener.close()


class PasswordArchive(ThreadingHTTPServer):
    """A Wayback-dialect archive on 127.0.0.1 that answers only ``user``/``password``."""

    daemon_threads = True

    def __init__(self, archive: FakeWayback, user: str, password: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.archive = archive
        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.authorizations: list[str | None] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _Handler(BaseHTTPRequestHandler):
    server: PasswordArchive
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        given = self.headers.get("Authorization")
        self.server.authorizations.append(given)
        if given != self.server.expected:
            status, headers, body = 401, [("WWW-Authenticate", 'Basic realm="archive"')], b""
        else:
            status, headers, body = self.server.archive.handle("GET", self.path)
        send_head(self, status, headers, len(body))
        self.wfile.write(body)


@contextmanager
def password_archive(user: str, password: str) -> Iterator[PasswordArchive]:
    server = PasswordArchive(FakeWayback(), user, password)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
