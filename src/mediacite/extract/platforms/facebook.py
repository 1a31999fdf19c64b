"""Facebook posts in HTML pages and plain text.

Facebook: ``div.fb-post``/``div.fb-video`` embeds, ``plugins/post.php?href=`` and
``plugins/video.php`` iframes, and post links in HTML; the flattened credit line of an embed
(``CAPTION Posted by Name on Wednesday, March 2, 2016``) and post URLs in plain text.

A post's id is the number (or ``pfbid…`` code) in its URL: ``/PAGE/posts/ID``,
``/PAGE/videos/ID``, ``photo.php?fbid=ID``, ``permalink.php?story_fbid=ID``,
``/PAGE/photos/ALBUM/ID``, ``/watch/?v=ID``, ``/reel/ID``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

import regex

from mediacite._patterns import compile_later
from mediacite.extract.bylines import MAX_POST_WEIGHT
from mediacite.extract.credits import find_posted_by
from mediacite.extract.extent import line_start, post_text_before
from mediacite.extract.platforms._shared import (
    DataRules,
    Embeds,
    Placeholder,
    PostRef,
    embed_citation,
    first_date,
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

NAME = "facebook"
CREDIT_PHRASES: tuple[str, ...] = (
    "Posted by",
    "Publicado por",
    "Publié par",
    "Gepostet von",
    "Pubblicato da",
    "Geplaatst door",
)
"""The credit phrase of Facebook's embed fallback text (``Posted by <a>Name</a> on <a>Date</a>``).
English is what real texts show, also under captions in other languages (the realworld corpus);
the others are the same string in the embed code's localized versions, not attested in our
corpora."""

TEXT_MARKERS: tuple[str, ...] = ("facebook.com/", "fb.watch/", *CREDIT_PHRASES)
HTML_MARKERS: tuple[str, ...] = ("facebook.com", "fb-post", "fb-video", "fb.watch")

URL = compile_later(
    r"(?<![\w.-])(?:https?://)?(?:(?:www|m|mobile|web|business)\.)?(?:facebook\.com|fb\.watch)"
    r"/[^\s\"'<>]+",
    regex.IGNORECASE,
)
_PATH = compile_later(
    r"^/(?:(?P<page>[A-Za-z0-9.\-]{1,80})/(?:posts|videos(?:/[^/]+)?|photos/[^/]+|reels?)"
    r"|reel|share/[pvr]|groups/[^/]+/(?:posts|permalink))/(?P<id>\d{5,25}|pfbid[A-Za-z0-9]{10,80})"
    r"(?:[/?#]|$)",
    regex.IGNORECASE,
)
_QUERY_IDS = ("story_fbid", "fbid", "v")
_PLUGIN = compile_later(r"/plugins/(?:post|video|comment_embed)\.php", regex.IGNORECASE)
_NOT_PAGES = frozenset({"sharer", "sharer.php", "dialog", "plugins", "login", "tr", "events"})


DATA = DataRules(names=("facebook",), keys=(), id_url=None)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

_PLACEHOLDERS = (Placeholder("amp-facebook", "data-href"),)
"""AMP pages: ``<amp-facebook data-href>``."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])(?:facebook\.com|fb\.com)/(?:sharer|share\.php|dialog/|plugins/(?:like|follow"
    r"|page|share_button|comments|likebox|group)\.php|hashtag/|login|events/|pages/|tr[/?]"
    r"|profile\.php\?id=\d+(?:&|$))",
    regex.IGNORECASE,
)
"""Facebook URLs that name no post: share dialogs (``sharer.php``), like, follow, page and
comments plugins, hashtag, login, event and page directories, profile pages."""


def parse_url(url: str) -> PostRef | None:
    """The post a Facebook URL (or a plugin URL wrapping one) names, if it names one."""
    if NOT_POSTS.search(url):
        return None
    if URL.match(url.strip()) is None:
        return None
    parts = urlsplit(url.strip() if "//" in url else "https://" + url.strip())
    query = parse_qs(parts.query)
    if _PLUGIN.search(parts.path):
        inner = query.get("href")
        return parse_url(unquote(inner[0])) if inner else None
    if parts.netloc.lower().endswith("fb.watch"):
        code = parts.path.strip("/").split("/")[0]
        if not code:
            return None
        return PostRef(code, None, f"https://fb.watch/{code}/")
    m = _PATH.match(parts.path)
    if m is not None:
        page = m.group("page")
        if page is not None and page.lower() in _NOT_PAGES:
            return None
        post = m.group("id")
        path = f"{page}/posts/{post}" if page else f"{post}"
        return PostRef(post, page, f"https://www.facebook.com/{path}")
    base = parts.path.rstrip("/").lower()
    if base in ("/photo.php", "/photo", "/permalink.php", "/story.php", "/watch", "/video.php"):
        for key in _QUERY_IDS:
            value = query.get(key)
            if value and regex.fullmatch(r"\d{5,25}|pfbid[A-Za-z0-9]{10,80}", value[0]):
                return PostRef(value[0], None, f"https://www.facebook.com/{value[0]}")
    return None


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("facebook", "fbpost", "fbvideo"),
    post_id=compile_later(r"\d{5,25}|pfbid[A-Za-z0-9]{10,80}"),
    id_urls=(
        "https://www.facebook.com/{user}/posts/{id}",
        "https://www.facebook.com/permalink.php?story_fbid={id}",
    ),
    sites=("https://www.facebook.com/",),
)
"""Shortcodes and components: ``{{< facebook URL >}}``, ``<FacebookEmbed url=… />``."""


def _caption_weight(text: str) -> int:
    return len(text) * MAX_POST_WEIGHT // _SHOWN_CAPTION_CHARS


_SHOWN_CAPTION_CHARS = 2000
"""Flattened embeds print at most this much of a caption before cutting it (``…``)."""


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield embed credit lines (with the caption before them) and post URLs.

    A credit counts only after a caption on its own line: on a line of its own,
    ``Posted by Name on Monday, …`` is a blog post's footer.
    """
    text = doc.text
    floor = 0
    for credit in find_posted_by(doc, CREDIT_PHRASES):
        if not text[max(line_start(text, credit.start), floor) : credit.start].strip():
            continue
        caption = post_text_before(text, credit.start, _caption_weight, floor=floor)
        if caption is None or credit.date is None:
            continue
        floor = credit.end
        yield doc.citation(
            caption.start,
            credit.end,
            platform=NAME,
            kind="byline",
            author=credit.author,
            date=credit.date.date,
            date_text=credit.date.text,
            **text_fields(caption.raw),
        )
    yield from text_links(doc, URL, NAME, parse_url)


_Q_EMBEDS = (
    "//*[@data-href][contains(concat(' ', normalize-space(@class), ' '), ' fb-post ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' fb-video ')]"
)


def _posted_by(doc: HtmlDocument, el: Any, ref: PostRef) -> dict[str, Any]:
    """Author and date of an embed's fallback line, read by its structure.

    ``Posted by <a href=PAGE>Name</a> on <a href=POST>DATE</a>`` in every language: the
    author is the text of the link to the page, the date that of the link to the post.
    """
    found: dict[str, Any] = {}
    for a in el.xpath(".//blockquote/a"):
        label = doc.text_of(a)
        if not label:
            continue
        if parse_url(doc.resolve(a.get("href") or "")) is not None:
            date = first_date(label)
            if date is not None and "date" not in found:
                found.update(date=date.date, date_text=date.text)
        elif "author" not in found and URL.match(a.get("href") or "") is not None:
            found["author"] = label
    return found


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Facebook posts embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    embeds = doc.xpath(_Q_EMBEDS) if "data-href" in doc.data_attributes else []
    for el in embeds:
        ref = parse_url(doc.resolve(el.get("data-href") or ""))
        if ref is None:
            continue
        taken.add(el)
        quotes = el.xpath(".//blockquote//p")
        text = " ".join(doc.text_of(p) for p in quotes).strip() or None
        yield embed_citation(doc, el, NAME, ref, text=text, **_posted_by(doc, el, ref))
    yield from placeholder_citations(doc, _PLACEHOLDERS, NAME, parse_url, DATA.id_url, taken)
    yield from frame_citations(doc, ("facebook.com/plugins",), NAME, parse_url, taken)
    yield from link_citations(doc, ("facebook.com/", "fb.watch/"), NAME, parse_url, taken)
