"""Archive backends, one module each, behind the small :class:`Archive` protocol.

:func:`open_archive` turns what a user types after ``--archive`` into a backend:

==============================================  ===========================================
``wayback``                                      the Internet Archive (:class:`WaybackArchive`)
``archive.today``                                archive.today's TimeMaps (:class:`MementoArchive`)
``memento:https://host/timemap/link/``           any Memento TimeMap prefix
``https://host/coll``                            a pywb collection (:class:`PywbArchive`)
``https://host/cdx/search/cdx``                  a server speaking the Wayback CDX dialect
``path/to/file.wacz``, a WARC, a folder          a local archive (:class:`LocalArchive`)
``file:///path/to/file.wacz``                    the same, as a ``file:`` URL
==============================================  ===========================================
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mediacite.resolver.archives.base import Archive, Capture, Memento, Query, SearchResult
from mediacite.resolver.archives.cdx import CdxArchive
from mediacite.resolver.archives.local import LocalArchive, is_local_archive
from mediacite.resolver.archives.memento import MementoArchive, archive_today
from mediacite.resolver.archives.pywb import PywbArchive
from mediacite.resolver.archives.wayback import WaybackArchive
from mediacite.resolver.trust import (
    AuthenticatedArchive,
    check_public,
    netrc_credentials,
    parse_spec,
)

__all__ = [
    "Archive",
    "Capture",
    "CdxArchive",
    "LocalArchive",
    "Memento",
    "MementoArchive",
    "PywbArchive",
    "Query",
    "SearchResult",
    "WaybackArchive",
    "archive_today",
    "open_archive",
]


def open_archive(
    spec: str | Path | Archive, *, trusted: bool = True, relative_to: str | Path | None = None
) -> Archive:
    """Return the backend ``spec`` names (see the module docs); backends pass through.

    Credentials in a URL (``https://user:pw@host/coll``), or else ``~/.netrc``'s for its host,
    are sent as HTTP Basic authentication and appear in nothing the archive records.
    ``trusted=False`` is for specs from configuration the user did not write: only public
    archives open (else :class:`~mediacite.errors.UntrustedArchive`) and netrc is not read
    (see :mod:`~mediacite.resolver.trust`). ``relative_to`` is the folder a local archive's
    URI-Ms are written relative to (a lockfile's folder; by default the archive's own).
    Raises ``ValueError`` when ``spec`` is neither a known name, an http(s) URL nor an
    existing local archive.
    """
    if not isinstance(spec, (str, Path)):
        return spec
    parsed = parse_spec(str(spec))
    if not trusted:
        check_public(parsed)
    archive = _backend(parsed.text, relative_to)
    credentials = parsed.credentials
    if credentials is None and trusted and parsed.url is not None:
        credentials = netrc_credentials(urlsplit(parsed.url).hostname or "")
    return AuthenticatedArchive(archive, credentials) if credentials else archive


def _backend(text: str, relative_to: str | Path | None) -> Archive:
    if text == "wayback":
        return WaybackArchive()
    if text in ("archive.today", "archive.ph", "archive.is"):
        return archive_today()
    if text.startswith("memento:"):
        return MementoArchive(text.removeprefix("memento:"))
    if text.startswith(("http://", "https://")):
        base = text.split("?", 1)[0].rstrip("/")
        if base.endswith("/cdx/search/cdx"):
            return WaybackArchive(base.removesuffix("/cdx/search/cdx"))
        if base.endswith("/cdx"):
            return PywbArchive(base.removesuffix("/cdx"))
        return PywbArchive(base)
    path = Path(text)
    if path.exists() and is_local_archive(path):
        return LocalArchive(path, relative_to=relative_to)
    raise ValueError(
        f"unknown archive {text!r}: use 'wayback', 'archive.today', 'memento:URL', "
        "an http(s) URL of a pywb collection or CDX server, or a .wacz/WARC file or folder"
    )
