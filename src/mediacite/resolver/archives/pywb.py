"""A pywb collection (Webrecorder's open-source Wayback): ``{collection}/cdx`` and ``id_`` playback.

pywb answers ``output=json`` with one JSON object per line and an empty body when nothing
matches, ignores resume keys (so a query asks for everything at once, up to ``page_size``),
and answers its TimeGate with 200 + ``Content-Location``. A replayed redirect keeps the
live ``Location``: it is recorded, never followed.
"""

from __future__ import annotations

from mediacite.resolver.archives.cdx import CdxArchive
from mediacite.resolver.limits import DEFAULT_POLICY, Policy

__all__ = ["PywbArchive"]


class PywbArchive(CdxArchive):
    """One pywb collection, named by its URL (``http://127.0.0.1:8080/my-collection``)."""

    name = "pywb"
    resume_keys = False

    def __init__(
        self, collection_url: str, *, policy: Policy = DEFAULT_POLICY, page_size: int = 10000
    ) -> None:
        collection_url = collection_url.rstrip("/")
        super().__init__(
            f"{collection_url}/cdx",
            f"{collection_url}/",
            policy=policy,
            page_size=page_size,
            max_pages=1,
        )
        self.collection_url = collection_url
