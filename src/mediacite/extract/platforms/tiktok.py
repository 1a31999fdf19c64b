"""TikTok videos in HTML pages and plain text.

TikTok: ``blockquote.tiktok-embed[cite][data-video-id]`` embeds (their caption without the
author link and the sound credit), player iframes and video links in HTML; video URLs in plain
text, and the flattened embed: ``@handle CAPTION ♬ SOUND`` (the author link, the caption and
the sound credit the embed code prints, on one line).
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
    blockquotes,
    embed_citation,
    frame_citations,
    link_citations,
    placeholder_citations,
    text_fields,
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

NAME = "tiktok"
TEXT_MARKERS: tuple[str, ...] = ("tiktok.com/", "♬")
HTML_MARKERS: tuple[str, ...] = ("tiktok",)

_HANDLE = r"[A-Za-z0-9_.]{1,24}"
VIDEO_URL = compile_later(
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

_PLACEHOLDERS = (Placeholder("amp-tiktok", "data-src"),)
"""AMP pages: ``<amp-tiktok data-src>`` (the video URL or id)."""

NOT_POSTS = compile_later(
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


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("tiktok",),
    post_id=compile_later(r"\d{8,25}"),
    id_urls=("https://www.tiktok.com/@{user}/video/{id}", "https://www.tiktok.com/embed/v2/{id}"),
    sites=("https://www.tiktok.com/",),
)
"""Shortcodes and components: ``{{< tiktok URL >}}``, ``<TikTok id=… />``."""


_FLATTENED = compile_later(
    r"^[ \t>]*+@(?P<handle>" + _HANDLE + r")[ \t\u00a0]++(?P<caption>[^\n♬]{0,2400})♬",
    regex.MULTILINE,
)
"""A flattened embed: its author link opening the line, then the caption (TikTok's 2,200
characters and a margin) up to the sound credit's note. Possessive and greedy parts, so a
line of blanks costs one pass."""
MAX_SOUND_CHARS = 150
"""A sound credit (``♬ original sound - Name``) ends its line within this many characters;
else the citation ends at the note."""


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield flattened embeds and the TikTok video URLs written in plain text."""
    text = doc.text
    for m in _FLATTENED.finditer(text):
        reach = m.end() + MAX_SOUND_CHARS + 1
        line_end = text.find("\n", m.end(), reach)
        sound = text[m.end() : reach if line_end < 0 else line_end]
        end = m.end() + len(sound.rstrip()) if len(sound) <= MAX_SOUND_CHARS else m.end()
        video = VIDEO_URL.search(text, m.end(), end)
        ref = parse_url(video.group()) if video is not None else None
        yield doc.citation(
            m.start() + len(m.group()) - len(m.group().lstrip(" \t>")),
            end,
            platform=NAME,
            kind="byline",
            post_id=ref.post_id if ref is not None else None,
            url=ref.url if ref is not None else None,
            handle=m.group("handle"),
            **text_fields(m.group("caption")),
        )
    yield from text_links(doc, VIDEO_URL, NAME, parse_url)


_NEEDLES = ("tiktok.com/",)
_PROFILE = compile_later(
    r"(?:https?://)?(?:www\.)?tiktok\.com/@(" + _HANDLE + r")/?(?:[?#]|$)", regex.IGNORECASE
)
_MUSIC = compile_later(r"tiktok\.com/music/", regex.IGNORECASE)


def _chrome(el: Any) -> bool:
    """The embed's author link and sound credit, which are not the caption."""
    href = el.get("href") or ""
    return el.tag == "a" and bool(_PROFILE.match(href) or _MUSIC.search(href))


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the TikTok videos embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    for el in blockquotes(doc, ("tiktok-embed",), ("data-video-id",)):
        ref = parse_url((el.get("cite") or "").strip().strip("{}"))
        video = (el.get("data-video-id") or "").strip()
        if ref is None and regex.fullmatch(r"\d{8,25}", video):
            ref = PostRef(video, None, f"https://www.tiktok.com/@_/video/{video}")
        if ref is None:
            continue
        taken.add(el)
        author = next(
            (m.group(1) for a in el.iter("a") if (m := _PROFILE.match(a.get("href") or ""))), None
        )
        text = doc.text_of(el, skip=_chrome) or None
        handle = {"handle": author} if ref.handle is None and author else {}
        yield embed_citation(doc, el, NAME, ref, text=text, **handle)
    yield from placeholder_citations(doc, _PLACEHOLDERS, NAME, parse_url, DATA.id_url, taken)
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
