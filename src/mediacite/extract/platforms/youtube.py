"""YouTube videos in HTML pages and plain text.

YouTube: player iframes (also youtube-nocookie and legacy ``<object>``/``<embed>`` players),
``lite-youtube`` placeholders and video links.

YouTube has no flattened-text byline; in plain text its video URLs (``youtu.be/ID``,
``youtube.com/watch?v=ID``, ``/shorts/ID``, ``/live/ID``) are read as links.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from mediacite._patterns import compile_later
from mediacite.extract.platforms._shared import (
    DataRules,
    Embeds,
    Placeholder,
    PostRef,
    frame_citations,
    link_citations,
    placeholder_citations,
    text_links,
)
from mediacite.extract.textdoc import TextDocument
from mediacite.models import Citation

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import HtmlDocument

__all__ = [
    "DATA",
    "EMBEDS",
    "HTML_MARKERS",
    "NAME",
    "NOT_POSTS",
    "TEXT_MARKERS",
    "find_html",
    "find_text",
    "parse_url",
]

NAME = "youtube"
TEXT_MARKERS: tuple[str, ...] = ("youtu",)
"""``youtu.be/``, ``youtube.com/`` and ``youtube-nocookie.com/`` in one pass over the text."""
HTML_MARKERS: tuple[str, ...] = ("youtu",)

_VIDEO_ID = r"[A-Za-z0-9_-]{11}"
VIDEO_URL = compile_later(
    r"(?<![\w.-])(?:https?:)?(?://)?(?:(?:www|m|music)\.)?"
    r"(?:youtu\.be/(?P<short>" + _VIDEO_ID + r")"
    r"|youtube(?:-nocookie)?\.com/(?:"
    r"(?:watch|attribution_link)/?\?(?:[^#\s\"'<>]*?[&;])?v=(?P<watch>" + _VIDEO_ID + r")"
    r"|(?:embed|v|e|shorts|live)/(?P<path>" + _VIDEO_ID + r")))"
    r"(?![A-Za-z0-9_-])[^\s\"'<>]*",
    regex.IGNORECASE,
)


DATA = DataRules(
    names=("youtube",),
    keys=("youtubeid", "datayoutubeid", "ytid", "youtubevideoid"),
    id_url="https://www.youtube.com/watch?v={}",
)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

_PLACEHOLDERS = (
    Placeholder("lite-youtube", "videoid"),
    Placeholder("amp-youtube", "data-videoid"),
    Placeholder(None, "data-youtube-id"),
)
"""Lightweight players, AMP and lazy-loading wrappers: ``<lite-youtube videoid>``,
``<amp-youtube data-videoid>``, any element with ``data-youtube-id``."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])(?:youtube(?:-nocookie)?\.com|youtu\.be)/(?:(?:embed|v|e)/(?:videoseries|live_stream"
    r"|playlist|user_uploads)|playlist|channel/|c/|user/|@|feed/|results|hashtag/|premium"
    r"|subscription_center|account|redirect)",
    regex.IGNORECASE,
)
"""YouTube URLs that name no video: playlists (``embed/videoseries?list=``), a channel's live
stream, channels, users, handles, feeds, search and hashtag pages, subscribe buttons."""


def parse_url(url: str) -> PostRef | None:
    """The video a YouTube URL names, if it names one."""
    if NOT_POSTS.search(url):
        return None
    m = VIDEO_URL.match(url.strip())
    if m is None:
        return None
    video = m.group("short") or m.group("watch") or m.group("path")
    return PostRef(video, None, f"https://www.youtube.com/watch?v={video}")


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("youtube",),
    post_id=compile_later(_VIDEO_ID),
    id_urls=("https://www.youtube.com/watch?v={id}",),
    sites=("https://www.youtube.com/",),
)
"""Shortcodes and components: ``{{< youtube ID >}}``, ``{% youtube URL %}``, ``<YouTube … />``."""


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield the YouTube video URLs written in plain text."""
    yield from text_links(doc, VIDEO_URL, NAME, parse_url)


_NEEDLES = ("youtu",)


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the YouTube videos played, placed or linked in an HTML page."""
    taken: set[Any] = set()
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from placeholder_citations(doc, _PLACEHOLDERS, NAME, parse_url, DATA.id_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
