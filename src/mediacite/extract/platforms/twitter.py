"""Twitter / X: bylines, flattened cards, media links and status URLs in text; embeds in HTML."""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract import entities
from mediacite.extract.bylines import (
    Byline,
    clean_post_text,
    find_bylines,
    fold,
    post_text_before,
    sane_author,
)
from mediacite.extract.dates import match_date
from mediacite.extract.extent import content_end_above, line_start, line_start_near
from mediacite.extract.platforms._shared import DataRules, Embeds, PostRef
from mediacite.extract.textdoc import TextDocument
from mediacite.extract.widgets import find_cards
from mediacite.models import Citation, Kind
from mediacite.snowflake import snowflake_time
from mediacite.twitter import (
    HANDLE,
    MEDIA,
    MEDIA_CODE,
    NOT_HANDLES,
    STATUS_URL,
    find_status_url,
    parse_status_url,
    status_url,
)

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import HtmlDocument

__all__ = [
    "DATA",
    "EMBEDS",
    "FOLLOW",
    "HTML_MARKERS",
    "NAME",
    "NOT_POSTS",
    "TEXT_MARKERS",
    "find_html",
    "find_text",
    "parse_url",
]

NAME = "twitter"
TEXT_MARKERS: tuple[str, ...] = ("(@", "twitter.com/", "x.com/", "M - ", "M · ")
"""Bylines and header-first cards have a handle in parentheses; rendered cards a time stamp
(``4:23 PM - 6 Aug 2012``); links their host."""

FOLLOW: tuple[str, ...] = ("Follow",)
"""The follow button of a rendered tweet card, which flattened cards keep before the name."""

_ONE_MEDIA = r"\s*(?:https?://)?pic\.(?:twitter|x)\.com/" + MEDIA_CODE + r"(?![A-Za-z0-9])"
_TRAILING_MEDIA = compile_later(r"(?:" + _ONE_MEDIA + r")+\s*$", regex.IGNORECASE | regex.REVERSE)
_MEDIA_RUN = compile_later(r"(?:" + _ONE_MEDIA + r")*", regex.IGNORECASE)
_LINK_TAIL = compile_later(r"\]\([^()\s]{1,2000}\)|\]\[\d{1,4}\]")
"""The rest of a Markdown link whose text is a media link: ``[pic.twitter.com/X](URL)``."""
_ENDS_WITH_LINK = compile_later(
    r"(?:(?:https?://)?pic\.(?:twitter|x)\.com/" + MEDIA_CODE + r"|https?://\S{4,}|t\.co/\w{4,})$",
    regex.IGNORECASE,
)
MAX_HEADER_WORDS = 5
"""The display name of a header-first card is a few words (``Planned Parenthood``)."""
MAX_HEADER_NAME = 50
"""Display names are at most 50 characters."""
MAX_HEADER_BODY = 1200
"""Characters a header-first card's text may take (280 weighed, links written out)."""
_TRUNCATED = ("...", "…")
"""What follows a status id the publisher cut short (``status/8723001...``)."""
_HEADER = compile_later(r"\(@(" + HANDLE + r")\)[ \t\u00a0]+(?=[\p{Lu}\d\"“'‘#])")
_STRAY_HEAD = compile_later(
    r"(?:—|–|--?)[ \t\u00a0]*[^\n()]{1,80}?\(@(" + HANDLE + r")\)[ \t\u00a0]*"
)


def _snowflake(post_id: str | None) -> tuple[str | None, str | None]:
    """``(posted_at, date)`` from a Snowflake id."""
    when = snowflake_time(post_id) if post_id else None
    if when is None:
        return None, None
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z"), when.date().isoformat()


def _weight(text: str) -> int:
    """Weighted length of a post's text; media links are attachments and weigh nothing."""
    return entities.weighted_length(_strip_media(text))


def _strip_trailing_media(text: str) -> str:
    found = _TRAILING_MEDIA.search(text)
    return text[: found.start()] if found else text


def _strip_media(text: str) -> str:
    """The text without its media links: they are attachments, wherever a scraper left them."""
    return fold(MEDIA.sub("", _strip_trailing_media(text))) if "pic." in text else text


def _post_fields(raw: str, *, unescape: bool, markup: bool = False) -> dict[str, object]:
    """Text, media and entities of a post's raw text (Markdown, markup and media removed)."""
    cleaned = clean_post_text(raw, markup=markup)
    if unescape and not markup:
        cleaned = html.unescape(cleaned)
    media = [m.group(1) for m in MEDIA.finditer(cleaned)]
    body = _strip_media(cleaned).strip()
    media_set = set(media)
    urls = [u for u in entities.extract_urls(body) if u.split("//")[-1] not in media_set]
    return {
        "text": body or None,
        "media": media,
        "urls": urls,
        "mentions": entities.extract_mentions(body),
        "hashtags": entities.extract_hashtags(body),
    }


def _ends_with_media(line: str) -> bool:
    return _TRAILING_MEDIA.search(line) is not None


class _Taken:
    """The spans already cited, in document order, for constant-time questions about them."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)

    def inside(self, pos: int) -> bool:
        """Whether ``pos`` falls inside a taken span (spans do not overlap)."""
        at = bisect.bisect_right(self.starts, pos) - 1
        return at >= 0 and pos < self.ends[at]

    def floor(self, pos: int) -> int:
        """The end of the last taken span that ends at or before ``pos``."""
        at = bisect.bisect_right(self.starts, pos) - 1
        while at >= 0 and self.ends[at] > pos:
            at -= 1
        return self.ends[at] if at >= 0 else 0


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield bylines, flattened cards, bare media links and prose status links in ``doc``."""
    taken = _Taken()
    ids: set[str] = set()
    found = [*_bylines(doc, ids), *_cards(doc), *_headers(doc)]
    found.sort(key=lambda c: c.start)
    last_end = -1
    for citation in found:
        if citation.start - doc.offset < last_end:
            continue
        last_end = citation.end - doc.offset
        taken.add(citation.start - doc.offset, last_end)
        yield citation
    yield from _bare_media(doc, taken)
    yield from _status_links(doc, taken, ids)


def _bylines(doc: TextDocument, ids: set[str]) -> Iterator[Citation]:
    text = doc.text
    floor = 0
    for byline in find_bylines(doc, HANDLE):
        end = byline.start
        if not text[line_start(text, end) : end].strip(" \t\u00a0>"):
            end = content_end_above(text, end, floor, _ends_with_media) or end
        post = post_text_before(text, end, _weight, floor=floor)
        if post is not None:
            post = _without_stray_head(post, byline.handle)
        start = post.start if post else byline.start
        fields = (
            _post_fields(post.raw, unescape=byline.dash_entity, markup=byline.markup)
            if post
            else {}
        )
        parsed = find_status_url(byline.link) if byline.link else None
        post_id = parsed.post_id if parsed else None
        posted_at, id_date = _snowflake(post_id)
        if post_id:
            ids.add(post_id)
        floor = byline.end
        yield doc.citation(
            start,
            byline.end,
            platform=NAME,
            kind="byline",
            post_id=post_id,
            handle=byline.handle,
            author=byline.author,
            date=byline.date.date if byline.date else id_date,
            date_text=byline.date.text if byline.date else None,
            posted_at=posted_at,
            url=status_url(post_id, byline.handle) if post_id else None,
            **fields,
        )


def _without_stray_head(post: Any, handle: str) -> Any:
    """The post text without a stray copy of its own byline opening it (``— ye (@ye) We…``)."""
    head = _STRAY_HEAD.match(post.raw)
    if head is None or head.group(1).lower() != handle.lower() or not post.raw[head.end() :]:
        return post
    return attrs.evolve(post, start=post.start + head.end(), raw=post.raw[head.end() :])


def _cards(doc: TextDocument) -> Iterator[Citation]:
    """Flattened rendered cards (see :mod:`mediacite.extract.widgets`)."""
    text = doc.text
    for card in find_cards(doc, HANDLE, FOLLOW):
        if card.text_end > card.text_start:
            raw = text[card.text_start : card.text_end]
            start = card.start
        else:
            post = post_text_before(text, card.text_start, _weight)
            raw = post.raw if post else ""
            start = post.start if post else card.start
        yield doc.citation(
            start,
            card.end,
            platform=NAME,
            kind="widget",
            handle=card.handle,
            author=card.author,
            date=card.date.date,
            date_text=card.date.text,
            **(_post_fields(raw, unescape=False) if raw.strip() else {}),
        )


def _headers(doc: TextDocument) -> Iterator[Citation]:
    """Header-first cards: a paragraph ``Name (@handle) TEXT`` that ends in a link.

    That is how some publishers flatten a card whose account line comes first and whose
    date was dropped (``Planned Parenthood (@PPact) Over 7 hours … pic.twitter.com/…``). A
    paragraph is a line, or a block an extractor joined to its line with a double space.
    """
    text = doc.text
    for m in _HEADER.finditer(text):
        first, near = line_start_near(text, m.start(), MAX_HEADER_NAME + 2)
        joined = text.rfind("  ", first, m.start())
        if joined < 0 and not near:
            continue
        first = joined + 2 if joined >= 0 else first
        name = text[first : m.start()].strip()
        limit = min(len(text), m.end() + MAX_HEADER_BODY)
        newline = text.find("\n", m.end(), limit)
        end = newline if newline >= 0 else limit
        gap = text.find("  ", m.end(), end)
        body = text[m.end() : gap if gap >= 0 else end].rstrip()
        if (
            not sane_author(name, 50)
            or not name[0].isupper()
            or len(name.split()) > MAX_HEADER_WORDS
            or match_date(text, m.end()) is not None
            or not _ENDS_WITH_LINK.search(body)
            or _weight(clean_post_text(body)) > 280
        ):
            continue
        yield doc.citation(
            first + len(text[first : m.start()]) - len(text[first : m.start()].lstrip()),
            m.end() + len(body),
            platform=NAME,
            kind="widget",
            handle=m.group(1),
            author=name,
            **_post_fields(body, unescape=False),
        )


def _bare_media(doc: TextDocument, taken: _Taken) -> Iterator[Citation]:
    """Media links whose attribution was lost: a citation with text and media, no handle."""
    text = doc.text
    last_end = 0
    for m in MEDIA.finditer(text):
        if m.start() < last_end or taken.inside(m.start()):
            continue
        tail = _MEDIA_RUN.match(text, m.end())
        end = tail.end() if tail is not None else m.end()
        before = m.start()
        if before and text[before - 1] == "[" and (link := _LINK_TAIL.match(text, end)):
            before, end = before - 1, link.end()
        floor = max(taken.floor(m.start()), last_end)
        post = post_text_before(text, before, _weight, floor=floor)
        start = post.start if post else m.start()
        fields = _post_fields(text[start:end], unescape=False)
        last_end = end
        yield doc.citation(start, end, platform=NAME, kind="byline", **fields)


def _status_links(doc: TextDocument, taken: _Taken, ids: set[str]) -> Iterator[Citation]:
    """Status URLs in prose (and Markdown reference lists) not already part of a byline.

    A URL whose id the publisher cut short (``status/8723001...``) names no post: it is
    reported with its handle and no id.
    """
    text = doc.text
    for m in STATUS_URL.finditer(text):
        post_id: str | None = m.group("id")
        if post_id in ids or taken.inside(m.start()):
            continue
        if text.startswith(_TRUNCATED, m.end()):
            post_id = None
        else:
            ids.add(m.group("id"))
        handle = m.group("handle")
        if handle is not None and handle.lower() in NOT_HANDLES:
            handle = None
        posted_at, date = _snowflake(post_id)
        yield doc.citation(
            m.start(),
            m.end(),
            platform=NAME,
            kind="link",
            post_id=post_id,
            handle=handle,
            date=date,
            posted_at=posted_at,
            url=status_url(post_id, handle) if post_id else None,
        )


# -- HTML -------------------------------------------------------------------------------------

HTML_MARKERS: tuple[str, ...] = ("twitter", "tweet", "x.com/")

DATA = DataRules(
    names=("twitter", "tweet"),
    keys=("tweetid", "datatweetid", "dataidtweet", "twitterid", "twitterstatusid"),
    id_url="https://twitter.com/i/web/status/{}",
)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])(?:twitter|x)\.com/(?:intent/|share(?:[/?#]|$)|home/?\?status=|hashtag/|search"
    r"|i/(?:lists|communities|events|moments|spaces|topics)/"
    r"|[^/?#\s]+/(?:lists|followers|following|likes|media|with_replies)(?:[/?#]|$))"
    r"|platform\.twitter\.com/widgets/(?:follow|tweet|hashtag|mention)_button",
    regex.IGNORECASE,
)
"""Twitter/X URLs that name no tweet: share and follow intents and buttons, hashtag and search
pages, lists, communities, spaces and an account's tabs (profiles never match a status URL)."""

_EMBED_CLASSES = frozenset({"twitter-tweet", "twitter-video", "twitter-tweet-rendered"})
_TWEET_ID = compile_later(r"\d{1,20}")
_EMBED_IFRAME = compile_later(
    r"platform\.twitter\.com/embed/(?:Tweet|index)\.html\?(?:[^#]*?[?&;]|)id=(\d{1,20})",
    regex.IGNORECASE,
)
_CARD_ALT = compile_later(
    r"^\s*(?:Twitter|X) post by @(" + HANDLE + r")\s*:?\s*(.*)$", regex.DOTALL
)
_CARD_HINT = compile_later(r"tweet|twitter", regex.IGNORECASE)
_STUB_HINT = compile_later(r"embed|consent|tweet|twitter|oembed|placeholder", regex.IGNORECASE)
_DELETED = compile_later(r"tweet\s+(?:was|may\s+have\s+been)\s+deleted|^\s*$", regex.IGNORECASE)
_ACTION_TEXT = compile_later(
    r"^\s*(?:retweet|reply|like|favou?rite|quote tweet)\s*$", regex.IGNORECASE
)
_ID_ATTRIBUTES = frozenset({"data-tweet-id", "data-tweetid", "data-embed-id", "data-id-tweet"})
_ATTRIBUTE_BEFORE = compile_later(rb"""[\s"']([A-Za-z_:][-\w:.]*)\s*=\s*["']?([^"'<>\s]*)$""")
_TAIL = compile_later(
    r"(?:—|–|&mdash;|&#8212;|&#x2014;|(?<=\s)-)[ \t\u00a0]*(?P<author>[^\n]{1,80}?)[ \t\u00a0]*"
    r"\(@(?P<handle>" + HANDLE + r")\)[ \t\u00a0]*",
    regex.REVERSE,
)
_URL_ATTRIBUTE = compile_later(r"href|url|uri|link|path|embed|permalink|tweet")
_SAFE_NAME = compile_later(r"data-[a-z][a-z0-9-]*\Z")
_HANDLE_TEXT = compile_later(r"@(" + HANDLE + r")\b")


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _href_status(href: str | None) -> tuple[str | None, str] | None:
    """``(handle, id)`` when ``href`` itself is a status URL (not a share link holding one)."""
    if not href or NOT_POSTS.search(href):
        return None
    href = href.strip().replace("\\", "")
    m = STATUS_URL.match(href)
    ref = parse_status_url(m.group()) if m is not None else None
    return (ref.handle, ref.post_id) if ref is not None else None


def _value_status(value: str) -> tuple[str | None, str] | None:
    """A status URL held by an attribute value, also URL-encoded inside an embed URL."""
    value = value.strip().replace("\\", "")
    if NOT_POSTS.search(value):
        return None
    found = _href_status(value)
    if found is not None:
        return found
    if "embed" in value.lower() and "%2f" in value.lower():
        ref = find_status_url(unquote(value))
        return (ref.handle, ref.post_id) if ref is not None else None
    return None


@attrs.frozen
class _TweetRef(PostRef):
    """A tweet named by a URL: its fields add the Snowflake time."""

    def fields(self) -> dict[str, Any]:
        """Citation fields for this tweet."""
        return _id_fields(self.post_id, self.handle)


def parse_url(url: str) -> PostRef | None:
    """The tweet a status URL names (also URL-encoded in an embed URL), if it names one."""
    status = _value_status(url)
    if status is None:
        return None
    handle, post_id = status
    return _TweetRef(post_id, handle, status_url(post_id, handle))


def _id_fields(post_id: str, handle: str | None) -> dict[str, Any]:
    posted_at, date = _snowflake(post_id)
    return {
        "post_id": post_id,
        "handle": handle,
        "posted_at": posted_at,
        "date": date,
        "url": status_url(post_id, handle),
    }


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("tweet", "twitter"),
    names=("x",),
    post_id=_TWEET_ID,
    id_urls=("https://twitter.com/{user}/status/{id}", "https://twitter.com/i/web/status/{id}"),
    sites=("https://twitter.com/",),
    fields=lambda ref: _id_fields(ref.post_id, ref.handle),
)
"""Shortcodes and components: ``{{< tweet user=… id=… >}}``, ``{{< x … >}}``, ``{% tweet URL %}``,
``<Tweet id=… />``, ``<TwitterTweetEmbed tweetId=… />``."""

_Linked = list[tuple[Any, tuple[str | None, str]]]


def _linked_statuses(el: Any, anchors: Iterable[Any] | None = None) -> _Linked:
    """The status links inside ``el`` (or among ``anchors``): ``(anchor, (handle, id))``."""
    found: _Linked = []
    for a in el.iter("a") if anchors is None else anchors:
        status = _href_status(a.get("href"))
        if status is not None:
            found.append((a, status))
    return found


def _blockquote(doc: HtmlDocument, el: Any, officials: set[Any]) -> Citation | None:
    """An official ``blockquote.twitter-tweet`` (or a stub of one).

    Official embeds left open inside it (``officials``) are not its content: each is read
    on its own.
    """

    def inner(node: Any) -> bool:
        return node in officials

    links = _linked_statuses(el, doc.descendants(el, "a", inner))
    attr_id = el.get("data-tweet-id") or el.get("data-tweetid") or ""
    handle: str | None = None
    post_id: str | None = None
    if links:
        handle, post_id = links[-1][1]
    elif _TWEET_ID.fullmatch(attr_id.strip()):
        post_id = attr_id.strip()
    elif attr_id:
        parsed = _value_status(attr_id)
        if parsed is not None:
            handle, post_id = parsed
    flat = doc.text_of(el, skip=inner)
    byline = next(find_bylines(TextDocument(flat), HANDLE), None) or _tail(flat)
    if byline is None:
        if post_id is None:
            return None
        if not _DELETED.search(flat) and flat.strip() and not _only_links(doc, links, flat):
            paragraphs = doc.descendants(el, "p", inner)
            return _loose_blockquote(doc, el, paragraphs, post_id, handle, flat)
        return doc.citation(el, platform=NAME, kind="stub", **_id_fields(post_id, handle))
    if links:
        own = [s for _, s in links if s[0] and s[0].lower() == byline.handle.lower()]
        handle, post_id = own[-1] if own else links[-1][1]
    fields = _post_fields(flat[: byline.start], unescape=byline.dash_entity)
    date_text = byline.date.text if byline.date else None
    if links and byline.date is None:
        anchor_text = doc.text_of(links[-1][0])
        parsed_date = match_date(anchor_text)
        if parsed_date is not None:
            date_text = parsed_date.text
            byline = attrs.evolve(byline, date=parsed_date)
    posted_at, _ = _snowflake(post_id)
    return doc.citation(
        el,
        platform=NAME,
        kind="blockquote",
        post_id=post_id,
        handle=byline.handle,
        author=byline.author,
        date=byline.date.date if byline.date else None,
        date_text=date_text,
        posted_at=posted_at,
        url=status_url(post_id, byline.handle) if post_id else None,
        **fields,
    )


def _tail(flat: str) -> Byline | None:
    """The ``— Name (@handle) date`` tail of an official embed.

    Unlike :func:`find_bylines`, which asks loose text to end a sentence before the dash, any
    text may precede it.
    """
    m = _TAIL.search(flat)
    if m is None:
        return None
    date = match_date(flat, m.end()) if m.end() < len(flat) else None
    return Byline(
        start=m.start(),
        end=date.end if date else m.end(),
        author=fold(m.group("author")),
        handle=m.group("handle"),
        date=date,
        link=None,
        dash_entity=m.group().startswith("&"),
    )


def _only_links(doc: HtmlDocument, links: _Linked, flat: str) -> bool:
    """Whether all the text ``flat`` of an element is that of its status ``links``."""
    linked = "".join(doc.text_of(a) for a, _ in links)
    return fold(linked) == fold(flat)


def _loose_blockquote(
    doc: HtmlDocument, el: Any, paragraphs: list[Any], post_id: str, handle: str | None, flat: str
) -> Citation:
    """A tweet blockquote with text but no ``— Name (@handle)`` tail (its ``paragraphs``)."""
    texts = [doc.text_of(p) for p in paragraphs]
    body = " ".join(p for p in texts if p) or flat
    return doc.citation(
        el,
        platform=NAME,
        kind="blockquote",
        **_id_fields(post_id, handle),
        **_post_fields(body, unescape=False),
    )


def _find_card(doc: HtmlDocument, a: Any, tried: dict[Any, Citation | None]) -> Citation | None:
    """The publisher-drawn card around a status link.

    That is a near ancestor named after tweets that holds one tweet's link, handle and text.
    """
    node = a.getparent()
    for _ in range(8):
        if node is None or node.tag in ("body", "html", "article", "main"):
            return None
        if node.tag != "a" and _CARD_HINT.search(node.get("class") or ""):
            if node not in tried:
                tried[node] = _card(doc, node, _linked_statuses(node))
            if tried[node] is not None:
                return tried[node]
        node = node.getparent()
    return None


def _card(doc: HtmlDocument, box: Any, links: _Linked) -> Citation | None:
    """A publisher card: one tweet's status link, its handle and its text in one container."""
    ids = {status[1] for _, status in links}
    if len(ids) != 1:
        return None
    handle, post_id = links[0][1]
    text: str | None = None
    for node in box.xpath(".//*[@alt or @data-alt]"):
        alt = _CARD_ALT.match(node.get("alt") or node.get("data-alt") or "")
        if alt is not None:
            handle = handle or alt.group(1)
            text = fold(alt.group(2)) or None
            break
    author: str | None = None
    date: str | None = None
    date_text: str | None = None
    if text is None:
        paragraphs = box.xpath(".//p")
        if not paragraphs:
            return None
        text = " ".join(t for t in (doc.text_of(p) for p in paragraphs) if t) or None
        names = box.xpath(".//*[contains(@class, 'name') and not(contains(@class, 'user'))]")
        author = doc.text_of(names[0]) if names else None
        for a, _ in links:
            parsed = match_date(doc.text_of(a))
            if parsed is not None:
                date, date_text = parsed.date, parsed.text
                break
        if not _HANDLE_TEXT.search(doc.text_of(box)):
            return None
    fields = _post_fields(text or "", unescape=False) if text else {}
    posted_at, _ = _snowflake(post_id)
    return doc.citation(
        box,
        platform=NAME,
        kind="card",
        post_id=post_id,
        handle=handle,
        author=author or None,
        date=date,
        date_text=date_text,
        posted_at=posted_at,
        url=status_url(post_id, handle),
        **fields,
    )


def _within(el: Any, taken: set[Any]) -> bool:
    node = el
    while node is not None:
        if node in taken:
            return True
        node = node.getparent()
    return False


def _attr_id(el: Any) -> tuple[str | None, str] | None:
    """The tweet named by an id-carrying attribute of a placeholder element."""
    for name in ("data-tweet-id", "data-tweetid", "data-id-tweet", "data-embed-id"):
        value = (el.get(name) or "").strip()
        if not value:
            continue
        if _TWEET_ID.fullmatch(value):
            if name == "data-embed-id" and not _STUB_HINT.search(_own_attrs(el)):
                return None
            return None, value
        parsed = _value_status(value)
        if parsed is not None:
            return parsed
    return None


def _own_attrs(el: Any) -> str:
    named = " ".join(f"{k}={v}" for k, v in el.attrib.items() if k != "data-embed-id")
    return f"{named} {el.tag}"


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the tweets embedded, drawn, stubbed or linked in an HTML page."""
    taken: set[Any] = set()
    stripped = _stripped_embeds(doc)
    officials = [el for el in doc.elements("blockquote") if _official(el) or el in stripped]
    nested = set(officials)
    for el in officials:
        citation = _blockquote(doc, el, nested)
        if citation is not None:
            taken.add(el)
            yield citation
    for el in doc.frames("twitter"):
        if _within(el, taken):
            continue
        status = _attr_id(el)
        if status is None:
            src = el.get("src") or el.get("data-src") or ""
            m = _EMBED_IFRAME.search(src)
            status = (None, m.group(1)) if m else _value_status(src)
        if status is not None:
            taken.add(el)
            yield doc.citation(
                el, platform=NAME, kind="rendered", **_id_fields(status[1], status[0])
            )
    placeholders = doc.elements("amp-twitter") + _having(doc, doc.data_attributes & _ID_ATTRIBUTES)
    for el in placeholders:
        if _within(el, taken):
            continue
        status = _attr_id(el)
        if status is None:
            continue
        taken.add(el)
        kind: Kind = "rendered" if "twitter-tweet-rendered" in _classes(el) else "stub"
        yield doc.citation(el, platform=NAME, kind=kind, **_id_fields(status[1], status[0]))
    holders = _url_attributes(doc) if _status_in_attributes(doc) else set()
    for el in _having(doc, holders, "status"):
        if _within(el, taken) or el.tag in ("iframe", "blockquote", "a", "script", "meta", "link"):
            continue
        for value in el.attrib.values():
            status = _value_status(value)
            if status is not None:
                taken.add(el)
                yield doc.citation(
                    el, platform=NAME, kind="stub", **_id_fields(status[1], status[0])
                )
                break
    tried: dict[Any, Citation | None] = {}
    for a in doc.links("status"):
        status = _href_status(doc.resolve(a.get("href") or ""))
        if status is None or _within(a, taken):
            continue
        card = _find_card(doc, a, tried)
        if card is not None:
            taken.add(next(box for box, c in tried.items() if c is card))
            yield card
            continue
        label = doc.text_of(a)
        if not label or _ACTION_TEXT.match(label):
            continue
        placeholder: Kind = "stub" if _stub_context(doc, a) else "link"
        yield doc.citation(a, platform=NAME, kind=placeholder, **_id_fields(status[1], status[0]))


def _official(el: Any) -> bool:
    """Whether a ``blockquote`` is an official tweet embed (by its class or tweet id)."""
    return bool(
        _classes(el) & _EMBED_CLASSES
        or el.get("data-tweetid")
        or el.get("data-tweet-id")
        or "twitter-tweet" in (el.get("data-twitter") or "")
    )


_BEFORE_DATE_LINK = compile_later(r"\(@" + HANDLE + r"\)[ \t\u00a0\r\n]*\Z")
"""The attribution right before an embed's date link: ``— Name (@handle)``."""


def _stripped_embeds(doc: HtmlDocument) -> set[Any]:
    """Blockquotes that end as the embed code does, whose class a sanitiser stripped.

    Such a blockquote's last element is the date link to a status (alone or closing the
    blockquote's last paragraph), right after the handle in parentheses:
    ``— Name (@handle) <a href=STATUS>date</a>``. Found from the page's status links, so the
    cost follows the links, not the blockquotes.
    """
    found: set[Any] = set()
    for a in doc.links("/status/", "/statuses/"):
        if a.getnext() is not None or find_status_url(a.get("href") or "") is None:
            continue
        parent = a.getparent()
        holder = parent
        if parent is not None and parent.tag == "p" and parent.getnext() is None:
            holder = parent.getparent()
        if holder is None or holder.tag != "blockquote" or holder in found:
            continue
        before = a.getprevious()
        text = (before.tail if before is not None else parent.text) or ""
        if _BEFORE_DATE_LINK.search(text):
            found.add(holder)
    return found


def _having(doc: HtmlDocument, names: set[str] | frozenset[str], value: str = "") -> list[Any]:
    """Elements with one of the attributes ``names`` (holding ``value``), in one query."""
    if not names:
        return []
    tests = (f"@{n}[contains(., '{value}')]" if value else f"@{n}" for n in sorted(names))
    return doc.xpath(f"//*[{' or '.join(tests)}]")


def _url_attributes(doc: HtmlDocument) -> set[str]:
    """The ``data-*`` attributes of the page whose names say they hold an address."""
    return {n for n in doc.data_attributes if _URL_ATTRIBUTE.search(n) and _SAFE_NAME.match(n)}


def _status_in_attributes(doc: HtmlDocument) -> bool:
    """Whether a status URL is written in an attribute other than ``href``.

    Placeholders keep it in a ``data-*`` attribute; only then is the attribute-wide query
    worth its cost.
    """
    if not _url_attributes(doc):
        return False
    data = doc.data
    at = data.find(b"status")
    while at >= 0:
        window = data[max(0, at - 300) : at]
        if b"twitter" not in window and b"x.com" not in window:
            at = data.find(b"status", at + 6)
            continue
        value = _ATTRIBUTE_BEFORE.search(window)
        if value is not None and value.group(1).lower() != b"href":
            written = value.group(2).lower()
            if b"twitter" in written or b"x.com" in written:
                return True
        at = data.find(b"status", at + 6)
    return False


def _stub_context(doc: HtmlDocument, a: Any) -> bool:
    """Whether a status link stands in for an embed.

    It does inside a consent, lazy-load or embed placeholder that links to this post only.
    """
    node = a.getparent()
    for _ in range(6):
        if node is None or node.tag in ("body", "article", "main"):
            return False
        hint = f"{node.get('class') or ''} {node.get('aria-label') or ''}"
        if _STUB_HINT.search(hint):
            return len({status[1] for _, status in _linked_statuses(node)}) == 1
        node = node.getparent()
    return False
