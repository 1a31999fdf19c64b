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

import regex

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
    from mediacite.extract.htmldoc import HtmlDocument
    from mediacite.extract.platforms._shared import DataRules, Embeds, PostRef
    from mediacite.extract.textdoc import TextDocument
    from mediacite.models import Citation

__all__ = ["PLATFORMS", "Platform", "post_of_url"]


class Platform(Protocol):
    """What a platform module provides."""

    NAME: str
    """The ``platform`` value of its citations."""

    TEXT_MARKERS: tuple[str, ...]
    """Substrings (matched case-insensitively) one of which occurs near every text citation."""

    HTML_MARKERS: tuple[str, ...]
    """Substrings (matched case-insensitively) one of which occurs in every page with an embed."""

    NOT_POSTS: regex.Pattern[str]
    """URL forms of the platform that never name a post (playlists, channels, profiles,
    hashtag pages, share and follow buttons, intents): searched in a URL before it is read."""

    DATA: DataRules
    """How a page keeps the platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

    EMBEDS: Embeds
    """Its shortcode and component names, post-id grammar and post URLs."""

    def parse_url(self, url: str) -> PostRef | None:
        """The post a URL of this platform names, or ``None``."""
        ...

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


_URL_MARKERS = tuple(
    (platform, tuple(m.lower() for m in (*platform.HTML_MARKERS, *platform.TEXT_MARKERS)))
    for platform in PLATFORMS
)
"""Each platform with its markers: a URL of the platform holds one of them."""


def post_of_url(url: str) -> tuple[Platform, PostRef] | None:
    """The platform and post a URL names, if any platform's ``parse_url`` reads it.

    Only platforms whose markers occur in the URL are asked.
    """
    lowered = url.lower()
    for platform, markers in _URL_MARKERS:
        if any(m in lowered for m in markers):
            ref = platform.parse_url(url)
            if ref is not None:
                return platform, ref
    return None
