"""The archive trust policy: which archives untrusted configuration may name, and credentials.

An archive spec comes from the user (the ``--archive`` option, ``MEDIACITE_ARCHIVE``, a
library call) or from configuration someone else wrote (``[tool.mediacite] archive`` in a
cloned repository's ``pyproject.toml``). :func:`check_public` decides whether the latter may be
used as is: only the named public archives and http(s) URLs whose host is public are, never a
local file or folder, and never a host that is, or resolves to, a loopback, private,
link-local, multicast or reserved address (IPv4 and IPv6, including IPv4 addresses embedded
in IPv6 ones). :func:`parse_spec` splits credentials off a spec: they are only ever sent as
an ``Authorization`` header to the archive's own hosts (:class:`AuthenticatedArchive`) and
never become part of an archive's key or of any URL a resolution records.
"""

from __future__ import annotations

import base64
import ipaddress
import netrc
import os
import socket
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit, urlunsplit
from urllib.request import url2pathname

import attrs

from mediacite.errors import UntrustedArchive
from mediacite.resolver.archives.base import Archive, Capture, Memento, Query, SearchResult
from mediacite.resolver.transport import Call, Operation, host_of

__all__ = [
    "ALLOW_LOCAL_ENV",
    "NAMED_ARCHIVES",
    "ArchiveSpec",
    "AuthenticatedArchive",
    "Credentials",
    "GetAddrInfo",
    "address_problem",
    "allow_local_from_env",
    "check_public",
    "host_problem",
    "netrc_credentials",
    "parse_spec",
]

NAMED_ARCHIVES = ("wayback", "archive.today", "archive.ph", "archive.is")
"""Archives named by a word: public services whose hosts are fixed in the code."""

ALLOW_LOCAL_ENV = "MEDIACITE_ALLOW_LOCAL_ARCHIVE"
"""Set to ``1`` to let configuration name local, loopback and private-network archives."""

_TRUE = ("1", "true", "yes", "on")
_HTTP = ("http", "https")

GetAddrInfo = Callable[..., Sequence[tuple[Any, ...]]]
"""The signature of :func:`socket.getaddrinfo` (injected by tests)."""

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
"""RFC 6052 and RFC 8215 prefixes: the last 32 bits are the IPv4 address a gateway reaches."""
_V4_COMPATIBLE = ipaddress.ip_network("::/96")
"""RFC 4291's deprecated IPv4-compatible addresses (``::127.0.0.1``)."""

_KINDS: tuple[tuple[str, str], ...] = (
    ("is_unspecified", "the unspecified address"),
    ("is_loopback", "a loopback address"),
    ("is_link_local", "a link-local address"),
    ("is_multicast", "a multicast address"),
    ("is_private", "a private-network address"),
    ("is_reserved", "a reserved address"),
)
"""``ipaddress`` properties that make an address unfit, checked in this order."""


@attrs.frozen
class Credentials:
    """A user name and password for HTTP Basic authentication (the password is never shown)."""

    username: str
    password: str = attrs.field(repr=False)

    def authorization(self) -> str:
        """The ``Authorization`` header value."""
        token = f"{self.username}:{self.password}".encode()
        return "Basic " + base64.b64encode(token).decode("ascii")


@attrs.frozen
class ArchiveSpec:
    """An archive spec as parsed: what may be shown and used as a key, and the credentials.

    ``text`` has no credentials (``https://host/coll``) and names local archives by path
    (a ``file:`` URL becomes its path). ``kind`` is ``named`` (``wayback``,
    ``archive.today``), ``url`` (an http(s) or ``memento:`` URL) or ``local``.
    """

    text: str
    kind: Literal["named", "url", "local"]
    credentials: Credentials | None = attrs.field(default=None, repr=False)

    @property
    def url(self) -> str | None:
        """The http(s) URL of a ``url`` spec (without a ``memento:`` prefix)."""
        return self.text.removeprefix("memento:") if self.kind == "url" else None


def parse_spec(spec: str) -> ArchiveSpec:
    """Split ``spec`` into its shown form and its credentials (see :class:`ArchiveSpec`).

    Raises ``ValueError`` for a ``file:`` URL naming another machine.
    """
    if spec in NAMED_ARCHIVES:
        return ArchiveSpec(spec, "named")
    prefix = "memento:" if spec.startswith("memento:") else ""
    parts = urlsplit(spec.removeprefix(prefix))
    scheme = parts.scheme.lower()
    if scheme in _HTTP:
        credentials = None
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, netloc = netloc.rpartition("@")
            name, _, password = userinfo.partition(":")
            credentials = Credentials(unquote(name), unquote(password))
        clean = urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))
        return ArchiveSpec(prefix + clean, "url", credentials)
    if scheme == "file" and not prefix:
        if parts.netloc not in ("", "localhost"):
            raise ValueError(f"a file: URL must name a path on this machine, not {parts.netloc}")
        return ArchiveSpec(url2pathname(parts.path), "local")
    return ArchiveSpec(spec, "local")


def allow_local_from_env(environ: Mapping[str, str] | None = None) -> bool:
    """Whether ``MEDIACITE_ALLOW_LOCAL_ARCHIVE`` says yes (``1``, ``true``, ``yes``, ``on``)."""
    value = (os.environ if environ is None else environ).get(ALLOW_LOCAL_ENV, "")
    return value.strip().lower() in _TRUE


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64, compatible)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in network for network in _NAT64) or (ip in _V4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: IPAddress) -> str | None:
    """Why ``ip`` is not a public address an archive may live at, or ``None`` when it is.

    An IPv6 address that carries an IPv4 one (mapped, 6to4, Teredo, NAT64) is judged by it.
    """
    inner = _embedded_v4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    if inner is not None:
        problem = address_problem(inner)
        return f"{problem} ({inner}) inside an IPv6 address" if problem else None
    for attribute, kind in _KINDS:
        if getattr(ip, attribute):
            return kind
    return None if ip.is_global else "not a globally routable address"


def host_problem(
    host: str, port: int | None = None, *, getaddrinfo: GetAddrInfo | None = None
) -> str | None:
    """Why ``host`` is no public archive host, or ``None``: every address it has must be public.

    The host is resolved (IPv4 and IPv6; ``getaddrinfo`` defaults to :func:`socket.getaddrinfo`)
    and each address checked with :func:`address_problem`; a name that does not resolve is
    refused too, since it cannot be checked.
    """
    name = host.strip("[]").rstrip(".").lower()
    if not name:
        return "no host"
    if name == "localhost" or name.endswith(".localhost"):
        return "a loopback name (localhost)"
    try:
        literal: IPAddress | None = ipaddress.ip_address(name)
    except ValueError:
        literal = None
    if literal is not None:
        problem = address_problem(literal)
        return f"{problem} ({literal})" if problem else None
    try:
        answers = (getaddrinfo or socket.getaddrinfo)(name, port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        return f"a name that could not be resolved to check its addresses ({exc})"
    for answer in answers:
        address = ipaddress.ip_address(str(answer[4][0]))
        problem = address_problem(address)
        if problem is not None:
            return f"a name that resolves to {problem} ({address})"
    return None if answers else "a name without addresses"


def check_public(spec: ArchiveSpec, *, getaddrinfo: GetAddrInfo | None = None) -> None:
    """Raise :class:`~mediacite.errors.UntrustedArchive` unless ``spec`` is a public archive.

    Public means a named archive (``wayback``, ``archive.today``) or an http(s) URL whose host
    passes :func:`host_problem`. Local files and folders are never public.
    """
    reason: str | None
    if spec.kind == "named":
        return
    if spec.kind == "local":
        reason = (
            "not an http(s) URL"
            if "://" in spec.text
            else "a local archive (a file or folder on this machine)"
        )
    else:
        parts = urlsplit(spec.url or "")
        try:
            port = parts.port
        except ValueError:
            port = None
        reason = host_problem(parts.hostname or "", port, getaddrinfo=getaddrinfo)
        reason = f"on {reason}" if reason else None
    if reason is not None:
        raise UntrustedArchive(f"{spec.text!r} is {reason}", spec=spec.text, reason=reason)


def netrc_credentials(host: str, environ: Mapping[str, str] | None = None) -> Credentials | None:
    """The credentials ``$NETRC`` (default ``~/.netrc``) holds for ``host``, if any.

    An unreadable or malformed file gives none: it is the user's file for many programs, and
    mediacite only reads it, never reports on it.
    """
    env = os.environ if environ is None else environ
    path = Path(env.get("NETRC") or Path.home() / ".netrc").expanduser()
    if not path.is_file():
        return None
    try:
        found = netrc.netrc(str(path)).authenticators(host)
    except (OSError, netrc.NetrcParseError):
        return None
    login, _, password = found or ("", None, "")
    return Credentials(login or "", password or "") if login or password else None


class AuthenticatedArchive:
    """An archive whose requests to its own hosts carry HTTP Basic credentials.

    It wraps a backend and adds the ``Authorization`` header to each request the backend
    yields, so credentials never appear in a URL, a key, a snapshot or an error message.
    """

    def __init__(self, inner: Archive, credentials: Credentials) -> None:
        self.inner = inner
        self.name = inner.name
        self.key = inner.key
        self.hosts = inner.hosts
        self.policy = inner.policy
        self.supports_prefix = inner.supports_prefix
        self._authorization = credentials.authorization()

    def __repr__(self) -> str:
        return f"AuthenticatedArchive({self.inner!r})"

    def search(self, query: Query) -> Operation[SearchResult]:
        """The backend's search, authenticated."""
        result: SearchResult = yield from self._signed(self.inner.search(query))
        return result

    def fetch(self, capture: Capture) -> Operation[Memento]:
        """The backend's playback, authenticated."""
        memento: Memento = yield from self._signed(self.inner.fetch(capture))
        return memento

    def _signed(self, operation: Operation[Any]) -> Operation[Any]:
        """Pass ``operation``'s steps through, adding the credentials to its own-host calls."""
        outcome: Any = None
        error: BaseException | None = None
        while True:
            try:
                step = operation.send(outcome) if error is None else operation.throw(error)
            except StopIteration as stop:
                return stop.value
            if isinstance(step, Call) and host_of(step.request.url) in self.hosts:
                step.request.headers["Authorization"] = self._authorization
            outcome, error = None, None
            try:
                outcome = yield step
            except GeneratorExit:
                operation.close()
                raise
            except Exception as exc:
                error = exc
