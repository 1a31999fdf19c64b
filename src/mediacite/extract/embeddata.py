"""Embeds that a page keeps as data: JSON in attributes and scripts, read within fixed bounds.

Script-rendered pages keep an embed as data and draw it in the browser: a Squarespace block's
``data-block-json`` attribute (embed markup escaped inside JSON inside an attribute), a
``data-html`` attribute holding escaped markup, ``<script type="application/json">``
(``__NEXT_DATA__``), ``application/ld+json`` (``VideoObject.embedUrl``), and state assigned in
code (``window.__INITIAL_STATE__ = {…}``), where a publisher's document tree says
``{"type": "iframe", "attribs": {"data-youtube-id": …}}``. Each is reported as a ``stub``
placed on the post id in the page (else on the element holding the data), in the region of
that element.

What counts, so that a page's state of menus and teasers is not read as citations: embed
markup (``<iframe``/``<blockquote`` in a string), id keys a platform declares
(``data-youtube-id``, ``tweetId``: :class:`~mediacite.extract.platforms._shared.DataRules`),
and post URLs or generic ids (``id``, ``videoId``, ``url``, ``src``) in an object that a
``type``/``provider``/``tag``/``class`` value marks as an embed of a platform, or under a key
naming an embed (``embedUrl``).

Work is bounded: only attributes and scripts where a platform's marker occurs are read; a
value up to :data:`MAX_PARSE_CHARS` is parsed whole, a larger one (a state blob of many
megabytes) only around each marker, in the smallest JSON object holding it
(:data:`MAX_OBJECT_CHARS`, :data:`MAX_HITS`, :data:`MAX_WORK_CHARS`). The cost of a large
value is one pass per platform anchor, about 10 ms per MiB: a 20 MiB state blob adds about
0.2 s (``benchmarks/state_blob.py``).
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from mediacite.extract.platforms import PLATFORMS, Platform, post_of_url
from mediacite.extract.platforms._shared import ref_of
from mediacite.extract.sourcetags import MAX_ELEMENT_CHARS
from mediacite.models import Citation

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import Element, HtmlDocument
    from mediacite.extract.platforms._shared import PostRef

__all__ = ["MAX_HITS", "MAX_OBJECT_CHARS", "MAX_PARSE_CHARS", "MAX_WORK_CHARS", "find_held"]

MAX_PARSE_CHARS = 1 << 14
"""A JSON value up to 16 KiB (an embed block's attribute) is parsed and walked whole; larger
ones (page state, from tens of kilobytes to tens of megabytes) are read only around each
marker, so the cost follows the embeds, not the state's size."""
MAX_OBJECT_CHARS = 1 << 14
"""The largest object around a marker that is parsed: an embed's data is a few kilobytes."""
MAX_BACK_CHARS = 1 << 12
"""How far before a marker its object's opening brace is looked for."""
MAX_CANDIDATES = 6
"""Opening braces tried per marker (nested objects between the marker and its embed's)."""
MAX_HITS = 256
"""Occurrences of each marker read per value: more embeds than any article holds."""
MAX_WORK_CHARS = 1 << 20
"""Characters handed to the JSON parser per page (1 MiB, about 10 ms), whatever the page."""
MAX_NODES = 100_000
"""JSON nodes walked per value."""
MAX_NESTING = 3
"""Levels of JSON kept as a string inside JSON that are read."""
WINDOW_CHARS = 1 << 10
"""Characters either side of a marker read as text when no small object holds it."""

_HOLDER_NAME = re.compile(
    r"json|props|html|embed|config|settings|options|params|state|attrs|payload|oembed|iframe"
)
"""Names of ``data-*`` attributes that hold JSON or markup (``data-block-json``,
``data-settings``, ``data-props``, ``data-html``)."""
_OPENINGS = (b"{", b"[", b"&lt;", b"<")
"""How an attribute value holding JSON or (escaped) markup starts."""
_OPENING_REACH = 8
"""Bytes after the quote where the opening is looked for (leading white space)."""
MAX_STATES = 32
"""``.__`` occurrences checked per script for a state assignment."""
_STATE_BEFORE = len("globalThis ")
_STATE_AFTER = 128
"""Reach of a state assignment around its ``.__``."""
_STATE_NEEDLE = ".__"
"""A cheap test before :data:`_STATE` (``window.__``, ``self.__``, ``globalThis.__``)."""
_LINKED_DATA = "application/ld+json"
_LINKED_EMBEDS = ("embedUrl", "SocialMediaPosting", "sharedContent")
"""What makes JSON-LD worth reading: a video's player address or a cited post (the rest is
the publisher's own metadata and profile links)."""
_JSON_SCRIPTS = frozenset({"application/json", "application/ld+json", "text/json"})
_CODE_SCRIPTS = frozenset(
    {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
)
_STATE = re.compile(r"(?:window|self|globalThis)\s*\.(__[A-Za-z0-9_$]+)\s*=(?!=)\s*")
"""Page state assigned in code: ``window.__INITIAL_STATE__ = {…}``, ``window.__NUXT__=…``."""
_EMBED_MARKUP = re.compile(r"<(?:iframe|blockquote|amp-[a-z]+|lite-youtube)\b", re.IGNORECASE)
_URL = re.compile(r"""(?:https?:)?//[^\s"'<>\\]+""")
_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|[\"\\/bfnrt])")
_KEY = re.compile(r"[^a-z0-9]")

_EMBED_KEYS = frozenset(
    {"embedurl", "embedsrc", "embedlink", "embed", "embedcode", "embedhtml", "iframesrc",
     "iframeurl", "oembed", "oembedurl", "videoembedurl", "posturl", "tweeturl", "videourl"}
)  # fmt: skip
"""Keys naming an embed: a post URL under one counts wherever it is."""
_CONTEXT_KEYS = frozenset(
    {"type", "provider", "providername", "providerurl", "service", "platform", "embedtype",
     "kind", "tag", "tagname", "class", "classname", "resolvedby", "component", "blocktype",
     "typename", "widget", "vendor", "videotype", "mediatype", "sourcetype"}
)  # fmt: skip
"""Keys whose short value says what an object is (an embed, and of which platform). Not
``name`` or ``source``: menus and credits say ``"name": "Instagram"``."""
_EMBED_WORDS = re.compile(
    r"embed|iframe|oembed|blockquote|twitter-tweet|instagram-media|tiktok-embed",
    re.IGNORECASE,
)
"""Values saying an object is embed markup or an embed block."""
_PART_KEYS = frozenset(
    {"attribs", "attributes", "attrs", "props", "data", "params", "embed", "options", "config"}
)  # fmt: skip
"""Keys of the parts of an embed object that hold its attributes (the id is often there)."""
_ID_KEYS = frozenset(
    {"id", "videoid", "postid", "embedid", "mediaid", "contentid", "externalid", "statusid",
     "shortcode", "code", "url", "src", "href", "link", "permalink", "uri"}
)  # fmt: skip
"""Keys holding a post id or URL in an object marked as a platform's embed."""
_MAX_CONTEXT_CHARS = 80
"""Longer values are text, not a type or provider name."""
_ESCAPED_REACH = 64
"""How far before a marker an escaped quote shows it sits in JSON kept as a string."""
_MIN_URL = 8
"""Shorter strings hold no post URL."""
_MAX_ID_CHARS = 2048
"""Longer values are no id or post URL (browsers cap URLs near this length)."""


_REACH_SLACK = 4096
_HANDLE_REACH = 256
"""How far before a post id its author's name is looked for (both sit in one post URL)."""
"""Room for the holder's start tag and attribute escapes (``&quot;``) around its value."""
_EMBED_URL = re.compile(r"/embed|/plugins/|embed\.|/player")
"""A URL of an embedded player or post: only ever used to embed."""

Found = tuple[Platform, "PostRef"]


def find_held(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the posts that ``doc`` keeps as data (kind ``stub``), in page order."""
    scan = _Scan()
    for holder, value in _holders(doc):
        low = value.lower()
        if len(value) <= MAX_PARSE_CHARS and not _worth_reading(low):
            continue
        seen: set[tuple[str, str]] = set()
        for platform, ref in scan.read(value, low, 0):
            key = (platform.NAME, ref.post_id)
            if key in seen:
                continue
            seen.add(key)
            yield _citation(doc, holder, len(value), platform, ref)


def _holders(doc: HtmlDocument) -> Iterator[tuple[Element, str]]:
    """The ``data-*`` attributes holding JSON or markup, JSON scripts and state in code."""
    data = doc.data
    names: set[str] = set()
    for name in doc.data_attributes:
        if _HOLDER_NAME.search(name) is not None and _holds_data(data, name.encode("ascii")):
            names.add(name)
    if names:
        test = " or ".join(f"@{n}" for n in sorted(names))
        for el in doc.xpath(f"//*[{test}]"):
            for name in names:
                value = el.get(name)
                if value:
                    yield el, value
    for script in doc.elements("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind in _CODE_SCRIPTS:
            body = script.text
            if body and _STATE_NEEDLE in body:
                yield from ((script, body[start:]) for start in _state_starts(body))
        elif kind in _JSON_SCRIPTS:
            body = script.text
            if body and (kind != _LINKED_DATA or any(k in body for k in _LINKED_EMBEDS)):
                yield script, body


def _state_starts(body: str) -> Iterator[int]:
    """Where the values of ``window.__NAME__ = …`` assignments in code start."""
    at = body.find(".__")
    for _ in range(MAX_STATES):
        if at < 0:
            return
        m = _STATE.search(body, max(0, at - _STATE_BEFORE), at + _STATE_AFTER)
        if m is not None and m.start() <= at:
            yield m.end()
        at = body.find(".__", at + 3)


def _holds_data(data: bytes, name: bytes) -> bool:
    """Whether attribute ``name`` holds, somewhere in the page, JSON or markup naming a post."""
    needle = name + b"="
    at = data.find(needle)
    while at >= 0:
        start = at + len(needle)
        quote = data[start : start + 1]
        if quote in (b'"', b"'"):
            opening = data[start + 1 : start + 1 + _OPENING_REACH].lstrip()
            if opening.startswith(_OPENINGS):
                end = data.find(quote, start + 1)
                value = data[start + 1 : end if end >= 0 else len(data)]
                if _worth_reading(value.lower()):
                    return True
        at = data.find(needle, start)
    return False


_NOTHING = object()


class _Scan:
    """One page's scan and the work left for it."""

    def __init__(self) -> None:
        self.work = MAX_WORK_CHARS

    def named(self, low: str) -> bool:
        """Whether lower-cased ``low`` names a platform."""
        return any(m in low for m in _ANCHORS)

    def spend(self, size: int) -> bool:
        """Take ``size`` characters of parsing; ``False`` when the page's budget is spent."""
        if size > self.work:
            return False
        self.work -= size
        return True

    # -- values ----------------------------------------------------------------------------

    def read(self, text: str, low: str, depth: int) -> Iterator[Found]:
        """The posts held in ``text``: JSON, code starting with a JSON value, or markup.

        ``low`` is ``text`` lower-cased.
        """
        start = len(text) - len(text.lstrip())
        head = text[start : start + 4]
        if head.startswith(("<", "&lt;")):
            yield from self.markup(text)
            return
        if len(text) <= MAX_PARSE_CHARS or depth > 0:
            value = self.parse(text[start:])
            if value is not _NOTHING:
                yield from self.walk(value, depth)
                return
        yield from self.around_markers(text, low, depth)

    def parse(self, text: str) -> Any:
        """The JSON value at the start of ``text`` (also ``JSON.parse("…")``)."""
        if text.startswith("JSON.parse("):
            inner = self.parse(text[len("JSON.parse(") :].lstrip())
            return self.parse(inner.strip()) if isinstance(inner, str) else _NOTHING
        if not text or text[0] not in '[{"' or not self.spend(len(text)):
            return _NOTHING
        try:
            value, _ = json.JSONDecoder().raw_decode(text)
        except ValueError:
            return _NOTHING
        return value

    def around_markers(self, text: str, low: str, depth: int) -> Iterator[Found]:
        """Posts in a value too large to parse.

        Read: the smallest object around each marker, else the embed addresses near it.
        """
        done: list[tuple[int, int]] = []
        for marker in _ANCHORS:
            at = low.find(marker)
            for _ in range(MAX_HITS):
                if at < 0:
                    break
                pos, at = at, low.find(marker, at + len(marker))
                if not _POSTISH.search(low, max(0, pos - _NEAR), pos + _NEAR):
                    continue
                if any(lo <= pos < hi for lo, hi in done[-_RECENT:]):
                    continue
                yield from self.around(text, pos, depth, done)

    def around(
        self, text: str, pos: int, depth: int, done: list[tuple[int, int]]
    ) -> Iterator[Found]:
        """Posts around one marker: its smallest object, else embed addresses near it."""
        found = self.enclosing(text, pos)
        if found is not None:
            value, start, end = found
            done.append((start, end))
            yield from self.walk(value, depth)
            return
        lo, hi = max(0, pos - WINDOW_CHARS), min(len(text), pos + WINDOW_CHARS)
        done.append((lo, hi))
        window = text[lo:hi]
        if '\\"' in window and depth < MAX_NESTING:
            plain = _unescape(window)
            yield from self.around_markers(plain, plain.lower(), depth + 1)
            return
        if "\\" in window:
            window = _unescape(window)
        yield from self.urls(window, embed=_EMBED_MARKUP.search(window) is not None)

    def enclosing(self, text: str, pos: int) -> tuple[Any, int, int] | None:
        """The innermost small JSON object holding ``pos``, its start and end."""
        floor = max(0, pos - MAX_BACK_CHARS)
        start = pos
        decoder = json.JSONDecoder()
        for _ in range(MAX_CANDIDATES):
            brace = text.rfind("{", floor, start)
            if brace < 0:
                return None
            if self.work <= 0:
                return None
            if text[brace + 1 : brace + 2].lstrip()[:1] not in ('"', "}", ""):
                start = brace  # not an object: a brace in code or in escaped JSON
                continue
            piece = text[brace : brace + MAX_OBJECT_CHARS]
            try:
                value, size = decoder.raw_decode(piece)
            except json.JSONDecodeError as error:
                self.work -= error.pos
                if error.pos >= len(piece) - _TRUNCATED:
                    return None  # cut short: every object around this one is larger still
                start = brace
                continue
            except RecursionError:
                return None
            self.work -= size
            if brace + size > pos:
                return value, brace, brace + size
            start = brace
        return None

    # -- parsed JSON -----------------------------------------------------------------------

    def walk(self, value: Any, depth: int) -> Iterator[Found]:
        """Posts in a parsed JSON value (see the module docs for what counts).

        An object marked as an embed makes post URLs anywhere inside it count; an object
        marked as one platform's (and its attribute parts) makes its generic id keys count.
        """
        stack: list[tuple[Any, Platform | None, bool, str]] = [(value, None, False, "")]
        nodes = 0
        while stack and nodes < MAX_NODES:
            node, marked, embed, key = stack.pop()
            nodes += 1
            if isinstance(node, dict):
                words = _context_words(node)
                own = self.platform_named(words) or (marked if key in _PART_KEYS else None)
                inside = embed or own is not None or _EMBED_WORDS.search(words) is not None
                for k, v in node.items():
                    name = _key(k)
                    yield from self.keyed(name, v, own)
                    if isinstance(v, (dict, list)) or (isinstance(v, str) and len(v) > _MIN_URL):
                        stack.append((v, own, inside, name))
            elif isinstance(node, list):
                stack.extend((item, marked, embed, key) for item in reversed(node))
            elif isinstance(node, str):
                yield from self.string(node, depth, embed, key)

    def platform_named(self, words: str) -> Platform | None:
        """The platform whose name an object's type/provider words hold."""
        if not words:
            return None
        for platform in PLATFORMS:
            if any(word in words for word in platform.DATA.names):
                return platform
        return None

    def keyed(self, name: str, value: Any, marked: Platform | None) -> Iterator[Found]:
        """A post id under a platform's id key, or under a generic key in a marked object."""
        platform = _BY_KEY.get(name) or _named_key(name)
        if platform is None and marked is not None and name in _ID_KEYS:
            platform = marked
        if platform is None or not isinstance(value, (str, int)) or isinstance(value, bool):
            return
        text = str(value).strip()
        if text and len(text) <= _MAX_ID_CHARS:
            ref = ref_of(platform.parse_url, platform.DATA.id_url, text)
            if ref is not None:
                yield platform, ref

    def string(self, text: str, depth: int, embed: bool, key: str) -> Iterator[Found]:
        """Posts in a string: nested JSON, embed markup, or a post URL.

        A player URL counts anywhere; others in an embed or under an embed key.
        """
        head = text.lstrip()[:1]
        if head not in ("{", "[") and "/" not in text:
            return
        low = text.lower()
        if not self.named(low):
            return
        if head in ("{", "["):
            if depth < MAX_NESTING:
                yield from self.read(text, low, depth + 1)
        elif _EMBED_MARKUP.search(text):
            yield from self.markup(text)
        else:
            yield from self.urls(text, embed=embed or key in _EMBED_KEYS)

    def markup(self, text: str) -> Iterator[Found]:
        """Posts in embed markup kept as a string (the addresses its elements name)."""
        text = html_lib.unescape(text) if "&" in text else text
        if _EMBED_MARKUP.search(text) is not None:
            yield from self.urls(text, embed=True)

    def urls(self, text: str, *, embed: bool) -> Iterator[Found]:
        """Posts named by the URLs in ``text``: all of them in an embed, else player URLs."""
        for m in _URL.finditer(text):
            url = m.group()
            url = "https:" + url if url.startswith("//") else url
            if not embed and _EMBED_URL.search(url) is None:
                continue
            post = post_of_url(url)
            if post is not None:
                yield post


def _worth_reading(low: str | bytes) -> bool:
    """Whether a lower-cased value names a platform and a post (not only a profile link)."""
    if isinstance(low, bytes):
        return any(m in low for m in _BYTE_ANCHORS) and any(h in low for h in _BYTE_HINTS)
    return any(m in low for m in _ANCHORS) and any(h in low for h in _POST_HINTS)


@functools.lru_cache(maxsize=4096)
def _key(key: object) -> str:
    """A JSON key as lower-case letters and digits (``datayoutubeid``)."""
    return _KEY.sub("", str(key).lower())


def _context_words(node: dict[str, Any]) -> str:
    """The short values of an object's type/provider/tag/class keys, lower-cased."""
    return " ".join(
        v
        for k, v in node.items()
        if isinstance(v, str) and len(v) <= _MAX_CONTEXT_CHARS and _key(k) in _CONTEXT_KEYS
    ).lower()


_POST_HINTS = (
    "embed", "iframe", "blockquote", "/status", "watch?v", "youtu.be", "/p/", "/reel", "/video",
    "/post", "provider", "tweetid", "tweet_id", "tweet-id", "youtubeid", "youtube_id",
    "youtube-id", "videoid", "video_id", "t.me/", "comments/", "_url", "url\"",
)  # fmt: skip
"""Words without one of which a value names platforms (a publisher's profile links) but
holds no post."""
_ANCHORS = (
    "twitter", "tweet", "x.com/", "instagr", "bsky", "threads", "tiktok", "youtu", "facebook",
    "t.me/", "redd", "mastodon", "truthsocial",
)  # fmt: skip
"""The markers searched in a large value: each platform's shortest (a class name such as
``fb-post`` comes with its platform's address)."""
_POSTISH = re.compile(
    r"/status|embed|watch|youtu\.be|/p/|/reels?/|/video|/posts?/|plugins|t\.me\\?/\w+\\?/\d"
    r"|/comments/|redd\.it|[-_]?id\b|[-_]?id\\?\"|\\?\"\s*[,:}]"
)
"""What near a marker says a post may be there: a post or player URL, an id key, or the
platform's name as a whole JSON value (``"provider": "youtube"``)."""
_TRUNCATED = 16
"""A parse failing this close to the end of its piece ran out of text, not into bad JSON."""
_RECENT = 64
"""Objects already read that a marker is checked against (markers cluster in one embed)."""
_NEAR = 64
"""Characters either side of a marker where :data:`_POSTISH` is looked for."""
_BYTE_ANCHORS = tuple(m.encode() for m in _ANCHORS)
_BYTE_HINTS = tuple(h.encode() for h in _POST_HINTS)
_BY_KEY: dict[str, Platform] = {key: p for p in PLATFORMS for key in p.DATA.keys}
"""Each platform's id keys."""


_ID_SUFFIXES = frozenset({"id", "url", "link", "src", "videoid", "videourl", "embedurl", "postid"})
"""What follows a platform's name in a key holding its post (``youtube_url``, ``tweet_id``)."""


@functools.lru_cache(maxsize=4096)
def _named_key(name: str) -> Platform | None:
    """The platform a key such as ``youtubeurl`` or ``tiktokvideoid`` is named after."""
    for platform in PLATFORMS:
        for word in platform.DATA.names:
            if name.startswith(word) and name[len(word) :] in _ID_SUFFIXES:
                return platform
    return None


def _unescape(piece: str) -> str:
    """One level of JSON string escapes undone in a piece of a string (no quotes needed)."""
    return _ESCAPE.sub(_unescaped, piece)


_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _unescaped(m: re.Match[str]) -> str:
    code = m.group()[1:]
    if code[0] == "u":
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def _citation(
    doc: HtmlDocument, holder: Element, reach: int, platform: Platform, ref: PostRef
) -> Citation:
    """A ``stub`` placed on the post id in the holder's source.

    When the id is not found there (broken markup hides where the holder starts), it is
    placed as :meth:`HtmlDocument.citation` places a record.

    ``reach`` is the length of the value held: the id is looked for that far past the
    holder's start tag, and at least :data:`~mediacite.extract.sourcetags.MAX_ELEMENT_CHARS`
    (a script's end tag may lie beyond where elements are measured, or broken markup hide
    it).
    When the post's address names its author, the span starts at the author's name in it.
    """
    span = doc.element_span(holder)
    end = max(span.end, span.start + reach + _REACH_SLACK, span.start + MAX_ELEMENT_CHARS)
    at = doc.text.find(ref.post_id, span.start, end) if ref.post_id else -1
    if at < 0:
        return doc.citation(holder, platform=platform.NAME, kind="stub", **ref.fields())
    start = at
    if ref.handle:
        user = ref.handle.split("@", 1)[0].lower()
        before = max(span.start, at - _HANDLE_REACH)
        named = doc.text[before:at].lower().rfind(user) if user else -1
        start = before + named if named >= 0 else at
    where = doc.span(start, at + len(ref.post_id))
    return doc.citation_at(holder, where, platform=platform.NAME, kind="stub", **ref.fields())
