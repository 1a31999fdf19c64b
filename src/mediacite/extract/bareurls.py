"""Posts named by a bare address where the page would show their embed: embeds that never ran.

A CMS stores an embed as the post's address alone and swaps in the embed code when it renders
the page: WordPress's embed block (``<figure class="wp-block-embed …"><div
class="wp-block-embed__wrapper">URL</div></figure>``) and its classic editor (a paragraph that
holds only the URL). When that step fails or is skipped (the platform's oEmbed endpoint
refused, the page taken from the CMS's API), the address stays in the page as text. A
paragraph or embed wrapper whose whole text is one post URL, outside any link or embed, is
reported as a ``stub``; so is Iframely's embed code, an empty link (``<a href="URL"
data-iframely-url="…"></a>``) that its script replaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mediacite.extract.platforms import post_of_url
from mediacite.models import Citation

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import Element, HtmlDocument

__all__ = ["find_bare"]

_WRAPPER_CLASS = b"wp-block-embed__wrapper"
_WRAPPERS = "//div[contains(@class, 'wp-block-embed__wrapper')]"
"""WordPress's embed block: the URL inside it until the embed code replaces it."""
_IFRAMELY = "//a[@data-iframely-url][@href]"
"""Iframely's embed code: an empty link to the post that its script replaces."""
_BARE_URL = re.compile(r"https?://\S+\Z")
_INSIDE = frozenset({"a", "blockquote", "iframe", "object", "embed", "script", "pre", "code"})
"""Ancestors under which a URL is a post's text, a link or code, not a placeholder."""


def find_bare(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield a ``stub`` for each bare post URL where an embed belongs.

    Those are paragraphs and embed wrappers holding only the URL, and Iframely's empty links.
    """
    holders = list(doc.elements("p"))
    if _WRAPPER_CLASS in doc.data:
        holders += doc.xpath(_WRAPPERS)
    found = [(el, url) for el in holders if (url := _bare_url(el)) and not _inside(el)]
    if "data-iframely-url" in doc.data_attributes:
        found += [(a, doc.resolve(a.get("href") or "")) for a in doc.xpath(_IFRAMELY)]
    for el, url in found:
        post = post_of_url(url)
        if post is not None:
            yield doc.citation(el, platform=post[0].NAME, kind="stub", **post[1].fields())


def _bare_url(el: Element) -> str | None:
    """The URL that is the element's whole text (no child elements), if it is one."""
    if len(el) or not el.text:
        return None
    text = el.text.strip()
    return text if _BARE_URL.match(text) else None


def _inside(el: Element) -> bool:
    node = el.getparent()
    while node is not None:
        if node.tag in _INSIDE:
            return True
        node = node.getparent()
    return False
