"""Connections only to public addresses: an ``httpx`` transport that checks each address it dials.

:func:`~mediacite.resolver.trust.check_public` decides before anything is sent whether an
archive host is public; this transport decides again at each connection, with the addresses
the name resolves to *then*, so a name that turns private in between (DNS rebinding) is still
refused before a byte leaves. It is used for archives named by untrusted configuration; a
refused connection is an ``httpx.ConnectError``, which the resolver reports per citation.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

from mediacite.resolver.trust import IPAddress, address_problem

__all__ = ["PublicOnlyBackend", "PublicOnlyTransport", "public_only_client"]

_HTTPX_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProtocolError, httpx.ProtocolError),
)
"""httpcore's errors and the httpx errors they are raised as (most specific first)."""
_CORE_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


class PublicOnlyBackend(httpcore.NetworkBackend):
    """Resolves each host itself and connects only when every address it has is public.

    ``getaddrinfo`` (default :func:`socket.getaddrinfo`, looked up at each connection) and
    ``problem`` (:func:`~mediacite.resolver.trust.address_problem`) can be replaced in tests;
    the connection itself is made by httpcore's own backend.
    """

    def __init__(
        self,
        *,
        getaddrinfo: Callable[..., Any] | None = None,
        problem: Callable[[IPAddress], str | None] = address_problem,
    ) -> None:
        self._getaddrinfo = getaddrinfo
        self._problem = problem
        self._inner = httpcore.SyncBackend()

    def _addresses(self, host: str, port: int) -> list[str]:
        try:
            answers = (self._getaddrinfo or socket.getaddrinfo)(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses: list[str] = []
        for answer in answers:
            address = ipaddress.ip_address(str(answer[4][0]))
            problem = self._problem(address)
            if problem is not None:
                raise httpcore.ConnectError(
                    f"refusing to connect to {host} at {address}: {problem}"
                )
            if str(address) not in addresses:
                addresses.append(str(address))
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no addresses")
        return addresses

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Connect to the first public address of ``host`` that answers."""
        *others, last = self._addresses(host, port)
        connect = functools.partial(
            self._inner.connect_tcp,
            port=port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )
        for address in others:
            try:
                return connect(address)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue
        return connect(last)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Refused: a Unix socket is a local endpoint."""
        raise httpcore.ConnectError(f"refusing to connect to the Unix socket {path}")

    def sleep(self, seconds: float) -> None:
        """Sleep (httpcore's retries use it)."""
        self._inner.sleep(seconds)


def _httpx_error(exc: Exception) -> httpx.TransportError:
    for core, mapped in _HTTPX_ERRORS:
        if isinstance(exc, core):
            return mapped(str(exc))
    return httpx.TransportError(str(exc))


class PublicOnlyTransport(httpx.BaseTransport):
    """An ``httpx`` transport over httpcore that dials through :class:`PublicOnlyBackend`.

    Bodies are read whole before the response is returned (the resolver reads them whole).
    """

    def __init__(self, backend: PublicOnlyBackend | None = None) -> None:
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=backend or PublicOnlyBackend(),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` and read the whole answer."""
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            answer = self._pool.handle_request(core)
            try:
                body = answer.read()
            finally:
                answer.close()
        except _CORE_ERRORS as exc:
            raise _httpx_error(exc) from exc
        return httpx.Response(
            status_code=answer.status,
            headers=answer.headers,
            content=body,
            extensions=answer.extensions,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._pool.close()


def public_only_client(url: str, timeout: float | httpx.Timeout) -> httpx.Client | None:
    """A client whose every connection goes to a public address, for requests to ``url``.

    ``None`` when the environment sends ``url`` through a proxy: the proxy resolves the name,
    so there is no address here to check (the check before the first request still holds).
    """
    parsed = httpx.URL(url)
    host, scheme = parsed.host, parsed.scheme
    if scheme in urllib.request.getproxies() and not urllib.request.proxy_bypass(host):
        return None
    return httpx.Client(
        transport=PublicOnlyTransport(), timeout=timeout, follow_redirects=False, trust_env=False
    )
