"""TikTok videos in HTML pages and plain text.

TikTok: ``blockquote.tiktok-embed[cite][data-video-id]`` embeds, player iframes and video
links in HTML; video URLs in plain text (TikTok has no flattened-text byline).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from mediacite.extract.platforms._shared import (
    DataRules,
    PostRef,
    blockquotes,
    embed_citation,
    frame_citations,
    link_citations,
    text_links,
)
from mediacite.extract.textdoc import TextDocument
from mediacite.models import Citation

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import HtmlDocument

__all__ = [
    "DATA",
    "HTML_MARKERS",
    "NAME",
    "NOT_POSTS",
    "TEXT_MARKERS",
    "find_html",
    "find_text",
    "parse_url",
]

NAME = "tiktok"
TEXT_MARKERS: tuple[str, ...] = ("tiktok.com/",)
HTML_MARKERS: tuple[str, ...] = ("tiktok",)

_HANDLE = r"[A-Za-z0-9_.]{1,24}"
VIDEO_URL = regex.compile(
    r"(?<![\w.-])(?:https?://)?(?:(?:www|m)\.)?tiktok\.com/"
    r"(?:@(?P<handle>" + _HANDLE + r")/(?:video|photo)/(?P<id>\d{8,25})"
    r"|(?:embed(?:/v2)?|player/v1|v)/(?P<id2>\d{8,25}))(?!\d)[^\s\"'<>]*",
    regex.IGNORECASE,
)


DATA = DataRules(
    names=("tiktok",),
    keys=("tiktokid", "tiktokvideoid"),
    id_url="https://www.tiktok.com/embed/v2/{}",
)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

NOT_POSTS = regex.compile(
    r"(?:^|[/.])tiktok\.com/(?:tag/|music/|discover/|search|foryou|explore|live(?:/|$)"
    r"|@[^/?#\s]+/live|embed/@|share/user)",
    regex.IGNORECASE,
)
"""TikTok URLs that name no video: hashtag, sound, discover, search and live pages, creator
embeds (``embed/@NAME``)."""


def parse_url(url: str) -> PostRef | None:
    """The video a TikTok URL names, if it names one."""
    if NOT_POSTS.search(url):
        return None
    m = VIDEO_URL.match(url.strip())
    if m is None:
        return None
    handle = m.group("handle")
    video = m.group("id") or m.group("id2")
    return PostRef(video, handle, f"https://www.tiktok.com/@{handle or '_'}/video/{video}")


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield the TikTok video URLs written in plain text."""
    yield from text_links(doc, VIDEO_URL, NAME, parse_url)


_NEEDLES = ("tiktok.com/",)


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the TikTok videos embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    for el in blockquotes(doc, ("tiktok-embed",), ("data-video-id",)):
        ref = parse_url(el.get("cite") or "")
        video = (el.get("data-video-id") or "").strip()
        if ref is None and regex.fullmatch(r"\d{8,25}", video):
            ref = PostRef(video, None, f"https://www.tiktok.com/@_/video/{video}")
        if ref is None:
            continue
        taken.add(el)
        text = " ".join(doc.text_of(p) for p in el.iter("p")).strip() or None
        yield embed_citation(doc, el, NAME, ref, text=text)
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
