"""Platform modules and their registry.

Each module in this package describes one platform: how its posts are cited in flattened text
(``find_text``), how they are embedded in HTML (``find_html``) and by site generators' shortcodes
and components (``EMBEDS``), plus cheap marker strings that must occur in a document before
either reader is worth running. Adding a platform means adding one module that satisfies
:class:`Platform` and one line in :data:`PLATFORMS`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from mediacite.extract.platforms import (
    bluesky,
    facebook,
    instagram,
    mastodon,
    reddit,
    telegram,
    threads,
    tiktok,
    twitter,
    youtube,
)

if TYPE_CHECKING:
    from mediacite.extract.document import TextDocument
    from mediacite.extract.html import HtmlDocument
    from mediacite.extract.platforms._shared import Embeds
    from mediacite.models import Citation

__all__ = ["PLATFORMS", "Platform"]


class Platform(Protocol):
    """What a platform module provides."""

    NAME: str
    """The ``platform`` value of its citations."""

    TEXT_MARKERS: tuple[str, ...]
    """Substrings (matched case-insensitively) one of which occurs near every text citation."""

    HTML_MARKERS: tuple[str, ...]
    """Substrings (matched case-insensitively) one of which occurs in every page with an embed."""

    EMBEDS: Embeds
    """Its shortcode and component names, post-id grammar and post URLs."""

    def find_text(self, doc: TextDocument) -> Iterator[Citation]:
        """Yield the citations of this platform flattened into ``doc``'s plain text."""
        ...

    def find_html(self, doc: HtmlDocument) -> Iterator[Citation]:
        """Yield the citations of this platform embedded or linked in an HTML page."""
        ...


PLATFORMS: tuple[Platform, ...] = (
    twitter,
    instagram,
    bluesky,
    mastodon,
    threads,
    tiktok,
    youtube,
    facebook,
    telegram,
    reddit,
)
"""Every platform, in the order their citations are reported when positions tie."""
