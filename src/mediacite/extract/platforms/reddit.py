"""Reddit posts in HTML pages and plain text.

Reddit: ``blockquote.reddit-embed-bq`` and ``blockquote.reddit-card`` embeds, embed iframes
and post links in HTML; post URLs in plain text (Reddit has no flattened-text byline).

``post_id`` is the post's base-36 id; ``handle`` is the poster (``u/NAME`` without ``u/``)
when the embed shows it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from mediacite._patterns import compile_later
from mediacite.extract.platforms._shared import (
    DataRules,
    Embeds,
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
    "EMBEDS",
    "HTML_MARKERS",
    "NAME",
    "NOT_POSTS",
    "TEXT_MARKERS",
    "find_html",
    "find_text",
    "parse_url",
]

NAME = "reddit"
TEXT_MARKERS: tuple[str, ...] = ("reddit.com/", "redd.it/")
HTML_MARKERS: tuple[str, ...] = ("reddit", "redd.it")

POST_URL = compile_later(
    r"(?<![\w.-])(?:https?://)?(?:(?:www|old|new|np|m|embed)\.)?"
    r"(?:(?:reddit|redditmedia)\.com/(?:r/(?P<sub>[A-Za-z0-9_]{2,21})/|(?:user|u)/[\w-]{3,20}/)?"
    r"comments/(?P<id>[a-z0-9]{4,10})|redd\.it/(?P<short>[a-z0-9]{4,10}))"
    r"(?![a-z0-9])[^\s\"'<>]*",
    regex.IGNORECASE,
)
_USER = compile_later(r"/(?:user|u)/([\w-]{3,20})/?$")


DATA = DataRules(names=("reddit",), keys=("redditid",), id_url="https://redd.it/{}")
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])(?:reddit\.com|redd\.it)/(?:submit|login|search|message/|settings|prefs)",
    regex.IGNORECASE,
)
"""Reddit URLs that name no post: share forms (``submit?url=``), login, search and message
pages (subreddits and users never match a post URL)."""


def parse_url(url: str) -> PostRef | None:
    """The post a Reddit URL names, if it names one."""
    if NOT_POSTS.search(url):
        return None
    m = POST_URL.match(url.strip())
    if m is None:
        return None
    post = (m.group("id") or m.group("short")).lower()
    sub = m.group("sub")
    where = f"r/{sub}/" if sub else ""
    return PostRef(post, None, f"https://www.reddit.com/{where}comments/{post}/")


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("reddit",),
    post_id=compile_later(r"[a-z0-9]{4,10}"),
    id_urls=("https://www.reddit.com/comments/{id}/",),
    sites=("https://www.reddit.com/",),
)
"""Shortcodes and components: ``{{< reddit URL >}}``, ``<RedditEmbed url=… />``."""


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield the Reddit post URLs written in plain text."""
    yield from text_links(doc, POST_URL, NAME, parse_url)


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Reddit posts embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    for el in blockquotes(doc, ("reddit-embed", "reddit-card"), ()):
        ref: PostRef | None = None
        title: str | None = None
        poster: str | None = None
        for a in el.iter("a"):
            href = a.get("href") or ""
            if ref is None and (found := parse_url(href)) is not None:
                ref, title = found, doc.text_of(a) or None
            elif poster is None and (user := _USER.search(href)) is not None:
                poster = user.group(1)
        if ref is None:
            continue
        taken.add(el)
        yield embed_citation(doc, el, NAME, ref, text=title, **_poster(poster))
    yield from frame_citations(doc, ("reddit",), NAME, parse_url, taken)
    yield from link_citations(doc, ("reddit.com/", "redd.it/"), NAME, parse_url, taken)


def _poster(name: str | None) -> dict[str, Any]:
    return {"handle": name} if name else {}
