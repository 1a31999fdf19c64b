"""Mastodon and Truth Social posts in HTML pages and plain text.

Mastodon and Truth Social: ``blockquote.mastodon-embed``, ``/@user/ID/embed`` iframes (also
``iframe.truthsocial-embed``) and status links in HTML; status URLs in plain text.

The instance is part of a post's identity: ``handle`` is ``user@instance`` (the account as
Mastodon writes it, e.g. ``realDonaldTrump@truthsocial.com``), ``post_id`` the status number
and ``url`` the status on its instance. Mastodon has no flattened-text byline.
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
    embed_ref,
    frame_citations,
    link_citations,
    post_paragraphs,
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

NAME = "mastodon"
TEXT_MARKERS: tuple[str, ...] = ("/@", "/users/")
HTML_MARKERS: tuple[str, ...] = ("mastodon", "truthsocial", "/@")

_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}"
_USER = r"[A-Za-z0-9_]{1,30}"
STATUS_URL = compile_later(
    r"(?<![\w.@/-])https?://(?P<host>" + _HOST + r")/"
    r"(?:@(?P<user>" + _USER + r")(?:@(?P<remote>" + _HOST + r"))?(?:/posts)?"
    r"|users/(?P<user2>" + _USER + r")/statuses)"
    r"/(?P<id>\d{1,20})(?![\w])(?P<embed>/embed)?[^\s\"'<>]*",
    regex.IGNORECASE,
)
_NOT_MASTODON = compile_later(
    r"(?:^|\.)(?:medium\.com|tiktok\.com|threads\.net|threads\.com|youtube\.com|substack\.com"
    r"|instagram\.com|twitter\.com|x\.com|bsky\.app|facebook\.com|t\.me|vimeo\.com|github\.com)$",
    regex.IGNORECASE,
)


DATA = DataRules(names=("mastodon", "truthsocial"), keys=("dataembedurl",), id_url=None)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

NOT_POSTS = compile_later(
    r"^(?:https?://)?[^/?#\s]+/(?:share|tags/|explore|authorize_interaction|interact/|tags\?)",
    regex.IGNORECASE,
)
"""Mastodon URLs that name no status: share forms (``/share?text=``), tag and explore pages,
remote-interaction links (profiles never match a status URL)."""


def parse_url(url: str) -> PostRef | None:
    """The status a Mastodon-style URL (``https://INSTANCE/@user/ID``) names."""
    if NOT_POSTS.search(url):
        return None
    m = STATUS_URL.match(url.strip())
    if m is None:
        return None
    host = m.group("host").lower().removeprefix("www.")
    if _NOT_MASTODON.search(host):
        return None
    user = m.group("user") or m.group("user2")
    home = (m.group("remote") or host).lower()
    post = m.group("id")
    return PostRef(post, f"{user}@{home}", f"https://{host}/@{user}/{post}")


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("mastodon", "toot", "fediverse"),
    post_id=compile_later(r"\d{1,20}"),
    id_urls=("https://{host}/@{user}/{id}",),
)
"""Shortcodes and components: ``<Toot url=… />``, ``{{< mastodon host=… user=… id=… >}}``."""


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield the Mastodon status URLs written in plain text."""
    yield from text_links(doc, STATUS_URL, NAME, parse_url)


_NEEDLES = ("/@", "/users/")


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Mastodon and Truth Social posts embedded, framed or linked in a page."""
    taken: set[Any] = set()
    for el in blockquotes(doc, ("mastodon-embed",), ("data-embed-url",)):
        ref = embed_ref(el, "data-embed-url", parse_url)
        if ref is None:
            continue
        taken.add(el)
        text = post_paragraphs(doc, el, parse_url)
        yield embed_citation(doc, el, NAME, ref, text=text)
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
