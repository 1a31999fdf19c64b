"""Bluesky posts in HTML pages and plain text.

Bluesky: ``blockquote.bluesky-embed[data-bluesky-uri]`` embeds, ``embed.bsky.app`` iframes and
post links in HTML; the flattened byline ``— Name (@x.bsky.social) 2026-04-01T03:14:06.000Z``
and post URLs in plain text.

``post_id`` is the post's record key (the last part of its ``at://`` URI); ``handle`` is the
domain handle without ``@`` when the page shows it, else the account's DID.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from mediacite._patterns import compile_later
from mediacite.extract.bylines import MAX_POST_WEIGHT, find_bylines, post_text_before
from mediacite.extract.dates import match_date
from mediacite.extract.platforms._shared import (
    DataRules,
    Embeds,
    PostRef,
    blockquotes,
    frame_citations,
    link_citations,
    text_fields,
    text_links,
)
from mediacite.extract.textdoc import TextDocument
from mediacite.models import Citation, Kind

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import HtmlDocument

__all__ = [
    "DATA",
    "EMBEDS",
    "HANDLE",
    "HTML_MARKERS",
    "NAME",
    "NOT_POSTS",
    "TEXT_MARKERS",
    "find_html",
    "find_text",
    "parse_url",
]

NAME = "bluesky"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HANDLE = _LABEL + r"(?:\." + _LABEL + r")*\.[A-Za-z][A-Za-z0-9-]{1,62}"
"""A domain handle such as ``x.bsky.social`` (without ``@``)."""
_DID = r"did:(?:plc|web):[A-Za-z0-9._:%-]{3,200}"
_RKEY = r"[A-Za-z0-9._~:-]{1,512}"
TEXT_MARKERS: tuple[str, ...] = ("(@", "bsky.app/")
HTML_MARKERS: tuple[str, ...] = ("bluesky", "bsky")

MAX_POST_CHARS = 300
"""Bluesky posts are at most 300 characters (graphemes)."""

POST_URL = compile_later(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?bsky\.app/profile/"
    r"(?P<who>" + _DID + r"|" + HANDLE + r")/post/(?P<rkey>" + _RKEY + r")",
    regex.IGNORECASE,
)
AT_URI = compile_later(
    r"at://(?P<who>" + _DID + r"|" + HANDLE + r")/app\.bsky\.feed\.post/(?P<rkey>" + _RKEY + r")"
)
_EMBED_FRAME = compile_later(
    r"embed\.bsky\.app/embed/(?P<who>" + _DID + r")/app\.bsky\.feed\.post/(?P<rkey>" + _RKEY + r")"
)


def _ref(who: str, rkey: str) -> PostRef:
    handle = who if not who.startswith("did:") else None
    return PostRef(rkey, handle, f"https://bsky.app/profile/{who}/post/{rkey}")


DATA = DataRules(
    names=("bluesky", "bsky"), keys=("databluesky", "blueskyuri", "datablueskyuri"), id_url=None
)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])bsky\.app/(?:intent/|search|hashtag/|profile/[^/?#\s]+/(?:feed|lists)/)",
    regex.IGNORECASE,
)
"""Bluesky URLs that name no post: share intents (``intent/compose?text=``), search and
hashtag pages, custom feeds and lists (profiles never match a post URL)."""


def parse_url(url: str) -> PostRef | None:
    """The post a ``bsky.app`` URL, an ``at://`` URI or an embed frame URL names."""
    if NOT_POSTS.search(url):
        return None
    url = url.strip()
    m = POST_URL.match(url) or AT_URI.match(url) or _EMBED_FRAME.search(url)
    if m is None:
        return None
    return _ref(m.group("who"), m.group("rkey").split("?")[0])


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("bluesky", "bsky", "skeet"),
    post_id=compile_later(_RKEY),
    id_urls=("https://bsky.app/profile/{user}/post/{id}",),
    sites=("https://bsky.app/",),
)
"""Shortcodes and components: ``{{< bluesky link=URL >}}``, ``<BlueskyPost uri=… />``."""


def _weight(text: str) -> int:
    return len(text) * MAX_POST_WEIGHT // MAX_POST_CHARS


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield ``— Name (@handle) DATE`` bylines (with the post above them) and post URLs.

    The date is an ISO stamp or, as the embed code prints it, a date with its clock time.
    """
    text = doc.text
    floor = 0
    for byline in find_bylines(doc, HANDLE, clocked=True):
        post = post_text_before(text, _before_media_link(text, byline.start), _weight, floor=floor)
        start = post.start if post else byline.start
        floor = byline.end
        ref = parse_url(byline.link) if byline.link else None
        yield doc.citation(
            start,
            byline.end,
            platform=NAME,
            kind="byline",
            post_id=ref.post_id if ref else None,
            handle=byline.handle,
            author=byline.author,
            date=byline.date.date if byline.date else None,
            date_text=byline.date.text if byline.date else None,
            url=ref.url if ref else None,
            **(text_fields(post.raw) if post else {}),
        )
    yield from text_links(doc, POST_URL, NAME, parse_url)


_MEDIA_LINK = "[image or embed]"
"""The link Bluesky's embed code puts in place of a post's images or embedded card."""
_MEDIA_LINK_REACH = len(_MEDIA_LINK) + 64
"""How far before a byline the media link closing its post is looked for (it is followed by
white space only)."""


def _before_media_link(text: str, end: int) -> int:
    """Where a flattened post ends: before the ``[image or embed]`` link closing it, if any."""
    at = text.rfind(_MEDIA_LINK, max(0, end - _MEDIA_LINK_REACH), end)
    if at >= 0 and not text[at + len(_MEDIA_LINK) : end].strip():
        return at
    return end


def _media_link(el: Any) -> bool:
    return el.tag == "a" and (el.text or "").strip() == _MEDIA_LINK


_ATTRIBUTION = compile_later(
    r"^(?:[—–―]|--?)?[ \t\u00a0]*(?P<author>[^()@]*?)[ \t\u00a0]*\(?@(?P<handle>"
    + HANDLE
    + r")\)?[ \t\u00a0]*$"
)
"""The attribution of an official embed, between its text and its date link:
``— Name (@handle)`` (the dash and the name may be missing)."""


def _attribution(doc: HtmlDocument, el: Any, stamp: Any) -> regex.Match[str] | None:
    """``— Name (@handle)`` of an official embed: what follows its text, before the date link.

    Read from the markup, so the embed's interface language and date format do not matter.
    """
    paragraphs = [p for p in el if p.tag == "p"]
    if not paragraphs:
        return None
    parts = [paragraphs[-1].tail or ""]
    for sibling in paragraphs[-1].itersiblings():
        if sibling is stamp:
            break
        parts.extend((doc.text_of(sibling), sibling.tail or ""))
    return _ATTRIBUTION.match(" ".join("".join(parts).split()))


def _embed(doc: HtmlDocument, el: Any) -> Citation | None:
    ref = parse_url(el.get("data-bluesky-uri") or "")
    links = [a for a in el.iter("a") if parse_url(a.get("href") or "") is not None]
    if ref is None and not links:
        return None
    ref = ref or parse_url(links[-1].get("href") or "")
    assert ref is not None
    stamp = links[-1] if links else None
    tail = _attribution(doc, el, stamp)
    fields: dict[str, Any] = {}
    body = " ".join(doc.text_of(p, skip=_media_link) for p in el.iter("p"))
    if tail is not None:
        date = match_date(doc.text_of(stamp)) if stamp is not None else None
        fields = {
            "handle": tail.group("handle"),
            "author": tail.group("author") or None,
            "date": date.date if date else None,
            "date_text": date.text if date else None,
            "url": f"https://bsky.app/profile/{tail.group('handle')}/post/{ref.post_id}",
        }
    kind: Kind = "blockquote" if body.strip() else "stub"
    merged = {**ref.fields(), **(text_fields(body) if body.strip() else {}), **fields}
    return doc.citation(el, platform=NAME, kind=kind, **merged)


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Bluesky posts embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    for el in blockquotes(doc, ("bluesky-embed",), ("data-bluesky-uri",)):
        citation = _embed(doc, el)
        if citation is not None:
            taken.add(el)
            yield citation
    yield from frame_citations(doc, ("bsky",), NAME, parse_url, taken)
    yield from link_citations(doc, ("bsky.app/profile/",), NAME, parse_url, taken)
