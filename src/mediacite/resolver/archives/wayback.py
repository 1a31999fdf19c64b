"""The Internet Archive's Wayback Machine, through its CDX server and raw playback.

Queries ``{base}/cdx/search/cdx`` with ``output=json``, an explicit ``fl``, ``limit`` and
resume keys; plays mementos back raw from ``{base}/web/{timestamp}id_/{url}``. Never uses the
availability API, which misses archived URLs and rate-limits early.
"""

from __future__ import annotations

from mediacite.resolver.archives.cdx import CdxArchive
from mediacite.resolver.limits import DEFAULT_POLICY, Policy

__all__ = ["WAYBACK_URL", "WaybackArchive"]

WAYBACK_URL = "https://web.archive.org"
"""Where the Wayback Machine lives."""


class WaybackArchive(CdxArchive):
    """The Wayback Machine (or any server speaking its CDX dialect at ``{base}/cdx/search/cdx``).

    ``base`` is the Wayback root; change it only to point at a mirror or a local test server.
    """

    name = "wayback"
    resume_keys = True

    def __init__(
        self,
        base: str = WAYBACK_URL,
        *,
        policy: Policy = DEFAULT_POLICY,
        page_size: int = 1000,
        max_pages: int = 20,
    ) -> None:
        base = base.rstrip("/")
        super().__init__(
            f"{base}/cdx/search/cdx",
            f"{base}/web/",
            policy=policy,
            page_size=page_size,
            max_pages=max_pages,
        )
        self.base = base
