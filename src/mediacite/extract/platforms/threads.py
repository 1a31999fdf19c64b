"""Threads posts in HTML pages and plain text.

Threads: ``blockquote.text-post-media[data-text-post-permalink]`` embeds, embed iframes and
post links in HTML; post URLs in plain text (Threads has no flattened-text byline).
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

NAME = "threads"
TEXT_MARKERS: tuple[str, ...] = ("threads.net/", "threads.com/")
HTML_MARKERS: tuple[str, ...] = ("threads.net", "threads.com", "text-post-media")

POST_URL = compile_later(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?threads\.(?:net|com)/"
    r"@(?P<handle>[A-Za-z0-9_.]{1,30})/post/(?P<id>[A-Za-z0-9_-]{5,40})"
    r"(?![A-Za-z0-9_-])[^\s\"'<>]*",
    regex.IGNORECASE,
)


DATA = DataRules(names=("threads",), keys=("datatextpostpermalink",), id_url=None)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])threads\.(?:net|com)/(?:intent/|search|tag/|login)",
    regex.IGNORECASE,
)
"""Threads URLs that name no post: share intents (``intent/post?text=``), search, tag and
login pages (profiles are ``threads.net/@NAME``, never a post URL)."""


def parse_url(url: str) -> PostRef | None:
    """The post a Threads URL names, if it names one."""
    if NOT_POSTS.search(url):
        return None
    m = POST_URL.match(url.strip())
    if m is None:
        return None
    handle, post = m.group("handle"), m.group("id")
    return PostRef(post, handle, f"https://www.threads.net/@{handle}/post/{post}")


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("threads",),
    post_id=compile_later(r"[A-Za-z0-9_-]{5,40}"),
    id_urls=("https://www.threads.net/@{user}/post/{id}",),
    sites=("https://www.threads.net/",),
)
"""Shortcodes and components: ``{{< threads URL >}}``, ``<Threads … />``."""


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield the Threads post URLs written in plain text."""
    yield from text_links(doc, POST_URL, NAME, parse_url)


_NEEDLES = ("threads.net/", "threads.com/")


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Threads posts embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    for el in blockquotes(doc, ("text-post-media",), ("data-text-post-permalink",)):
        ref = embed_ref(el, "data-text-post-permalink", parse_url)
        if ref is None:
            continue
        taken.add(el)
        text = post_paragraphs(doc, el, parse_url)
        yield embed_citation(doc, el, NAME, ref, text=text)
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
