"""Rules that several platform modules share.

Post URLs in prose, and embed frames, official embed containers and post links in HTML.

A platform describes its post URLs with a ``parse`` function returning :class:`PostRef`; the
helpers here turn matching text or elements into citations of the right kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract import entities
from mediacite.extract.bylines import fold
from mediacite.extract.dates import ParsedDate, match_date
from mediacite.extract.textdoc import TextDocument
from mediacite.models import Citation, Kind

if TYPE_CHECKING:
    from mediacite.extract.htmldoc import HtmlDocument

__all__ = [
    "DataRules",
    "Embeds",
    "Placeholder",
    "PostRef",
    "blockquotes",
    "embed_citation",
    "embed_ref",
    "first_date",
    "frame_citations",
    "link_citations",
    "placeholder_citations",
    "post_paragraphs",
    "ref_of",
    "text_fields",
    "text_links",
    "within",
]

_URL_END = compile_later(r"[.,;:!?)\]}'\"”’»]+$")


@attrs.frozen
class PostRef:
    """What a post URL names.

    The post id, the author's handle if the URL shows it, and the canonical URL.
    """

    post_id: str
    handle: str | None
    url: str

    def fields(self) -> dict[str, Any]:
        """Citation fields for this post."""
        return {"post_id": self.post_id, "handle": self.handle, "url": self.url}


Parse = Callable[[str], "PostRef | None"]


@attrs.frozen
class DataRules:
    """How a platform's embeds look when a page keeps them as data (JSON) rather than markup.

    See :mod:`mediacite.extract.embeddata`.
    """

    names: tuple[str, ...] = ()
    """Words naming the platform in a JSON object's ``provider``/``type``/``service`` value."""
    keys: tuple[str, ...] = ()
    """JSON keys (lower-case, letters and digits only: ``datayoutubeid`` for
    ``data-youtube-id``) whose value is a post id of this platform."""
    id_url: str | None = None
    """The post URL for an id (``{}``), read back with the platform's ``parse_url``; ``None``
    when an id alone names no post."""


@attrs.frozen
class Embeds:
    """How site generators embed a platform's posts: shortcode and component conventions.

    A shortcode or component (``{{< tweet … >}}``, ``{% youtube … %}``, ``<TikTok … />``)
    names the platform when its name, lower-cased with everything but letters and digits
    dropped, is one of ``names`` or contains one of ``words``. Any call whose argument is a
    post URL (``parse_url``) cites that post, whatever its name; a call that names the
    platform may instead give a path under one of ``sites`` or a bare id matching
    ``post_id``, which becomes the post through the first of ``id_urls`` whose placeholders
    the call fills: ``{id}``, ``{user}`` (a ``user``/``username``/``handle`` argument) and
    ``{host}`` (an ``instance``/``host``/``server`` argument).
    """

    parse_url: Parse
    words: tuple[str, ...]
    post_id: regex.Pattern[str]
    id_urls: tuple[str, ...]
    names: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    fields: Callable[[PostRef], dict[str, Any]] = PostRef.fields
    """The citation fields of a post this way embedded."""


@attrs.frozen
class Placeholder:
    """A custom element that a script turns into the platform's embed.

    AMP pages (``<amp-instagram data-shortcode="…">``, ``<amp-youtube data-videoid="…">``,
    ``<amp-facebook data-href="…">``) and lightweight players (``<lite-youtube videoid="…">``)
    name the post in one attribute, as a URL or as an id.
    """

    tag: str | None
    """The element's name (one of :data:`~mediacite.extract.htmldoc.EMBED_TAGS`); ``None`` for
    any element carrying the attribute (then a ``data-*`` one, such as ``data-youtube-id``)."""
    attribute: str
    """The attribute naming the post: its URL, or an id the platform's ``id_url`` makes one."""


def ref_of(parse: Parse, id_url: str | None, value: str) -> PostRef | None:
    """The post ``value`` names: a post URL, or (with ``id_url``, ``{}`` for the id) an id."""
    ref = parse(value)
    if ref is None and id_url is not None and "." not in value and "//" not in value:
        ref = parse(id_url.format(value))
    return ref


def placeholder_citations(
    doc: HtmlDocument,
    placeholders: Iterable[Placeholder],
    platform: str,
    parse: Parse,
    id_url: str | None,
    taken: set[Any],
) -> Iterator[Citation]:
    """Citations (kind ``stub``) for the placeholders naming a post; they are added to ``taken``."""
    for spec in placeholders:
        if spec.tag is not None:
            holders = doc.elements(spec.tag)
        elif spec.attribute in doc.data_attributes:
            holders = doc.xpath(f"//*[@{spec.attribute}]")
        else:
            continue
        for el in holders:
            value = (el.get(spec.attribute) or "").strip()
            if not value or within(el, taken):
                continue
            ref = ref_of(parse, id_url, doc.resolve(value) if "/" in value else value)
            if ref is None:
                continue
            taken.add(el)
            yield doc.citation(el, platform=platform, kind="stub", **ref.fields())


def text_fields(text: str) -> dict[str, Any]:
    """Text, links, mentions and hashtags of a post's text (white space folded)."""
    body = fold(text)
    return {
        "text": body or None,
        "urls": entities.extract_urls(body),
        "mentions": entities.extract_mentions(body),
        "hashtags": entities.extract_hashtags(body),
    }


def text_links(
    doc: TextDocument, pattern: regex.Pattern[str], platform: str, parse: Parse
) -> Iterator[Citation]:
    """Citations (kind ``link``) for the post URLs written in plain text."""
    seen: set[str] = set()
    for m in pattern.finditer(doc.text):
        url = _URL_END.sub("", m.group())
        ref = parse(url)
        if ref is None or ref.post_id in seen:
            continue
        seen.add(ref.post_id)
        yield doc.citation(
            m.start(), m.start() + len(url), platform=platform, kind="link", **ref.fields()
        )


def within(el: Any, taken: set[Any]) -> bool:
    """Whether ``el`` or one of its ancestors is in ``taken``."""
    node = el
    while node is not None:
        if node in taken:
            return True
        node = node.getparent()
    return False


FRAME_ATTRS = ("src", "data-src", "data-lazy-src", "data-url", "data-embed-src", "value")
"""Attributes that hold the address of an embedded frame (``value`` for ``<param>``)."""


def frame_citations(
    doc: HtmlDocument, needles: tuple[str, ...], platform: str, parse: Parse, taken: set[Any]
) -> Iterator[Citation]:
    """Citations (kind ``rendered``) for frames (``iframe``, ``embed``, ``object``) showing a post.

    Frames are those whose attributes hold one of ``needles``; they are added to ``taken``.
    """
    for el in doc.frames(*needles):
        if within(el, taken):
            continue
        ref = _frame_ref(doc, el, parse)
        if ref is None:
            continue
        target = el.getparent() if el.tag == "param" else el
        taken.add(target)
        yield doc.citation(target, platform=platform, kind="rendered", **ref.fields())


def _frame_ref(doc: HtmlDocument, el: Any, parse: Parse) -> PostRef | None:
    """The post a frame shows, from the first of its address attributes that names one.

    A lazy-loaded frame keeps a blank ``src`` (``about:blank``, a spacer) beside the real
    address in ``data-src`` or ``data-lazy-src``.
    """
    for name in (*FRAME_ATTRS, "data"):
        url = (el.get(name) or "").strip()
        ref = parse(doc.resolve(url)) if url else None
        if ref is not None:
            return ref
    return None


def blockquotes(doc: HtmlDocument, classes: tuple[str, ...], attrs: tuple[str, ...]) -> list[Any]:
    """The ``blockquote`` elements of one kind of embed.

    Their class holds one of ``classes``, or they carry one of the attributes ``attrs``.
    """
    found = []
    for el in doc.elements("blockquote"):
        names = el.get("class") or ""
        if any(c in names for c in classes) or any(el.get(a) is not None for a in attrs):
            found.append(el)
    return found


def embed_ref(el: Any, attribute: str, parse: Callable[[str], PostRef | None]) -> PostRef | None:
    """The post an embed names: the URL in its ``attribute``, else the first link inside it."""
    ref = parse(el.get(attribute) or "")
    if ref is not None:
        return ref
    return next((r for a in el.iter("a") if (r := parse(a.get("href") or "")) is not None), None)


def embed_citation(
    doc: HtmlDocument,
    el: Any,
    platform: str,
    ref: PostRef,
    *,
    text: str | None,
    **fields: Any,
) -> Citation:
    """An official embed container: ``blockquote`` with the post's text, else ``stub``.

    ``fields`` override what ``ref`` and ``text`` give.
    """
    kind: Kind = "blockquote" if text else "stub"
    merged = {**ref.fields(), **(text_fields(text) if text else {}), **fields}
    return doc.citation(el, platform=platform, kind=kind, **merged)


def link_citations(
    doc: HtmlDocument, needles: tuple[str, ...], platform: str, parse: Parse, taken: set[Any]
) -> Iterator[Citation]:
    """Citations (kind ``link``) for article links to a post.

    Links are anchors whose ``href`` holds one of ``needles``. Links inside embeds
    (``taken``) and links without text are left out; links in page chrome keep their
    ``region``.
    """
    for a in doc.links(*needles):
        href = a.get("href")
        if not href or within(a, taken) or not doc.text_of(a):
            continue
        ref = parse(doc.resolve(href))
        if ref is None:
            continue
        yield doc.citation(a, platform=platform, kind="link", **ref.fields())


def post_paragraphs(doc: HtmlDocument, el: Any, parse: Parse) -> str | None:
    """The post text of an official embed: its ``<p>`` elements outside links to the post.

    Embed codes keep their interface text ("View on Threads", "Post by @name", in the
    reader's language) in the link to the post and the post's own text in paragraphs, so
    the text is read from the structure, whatever the language.
    """
    parts = [doc.text_of(p) for p in el.iter("p") if not _in_post_link(p, el, parse)]
    return " ".join(t for t in parts if t).strip() or None


def _in_post_link(node: Any, top: Any, parse: Parse) -> bool:
    while node is not None and node is not top:
        if node.tag == "a" and parse(node.get("href") or "") is not None:
            return True
        node = node.getparent()
    return False


MAX_DATE_WORDS = 6
"""Words tried as a date's start in a short label (``Sonntag, 10. März 2024``)."""


def first_date(text: str) -> ParsedDate | None:
    """The first date written in a short label, in any CLDR locale (also after a weekday)."""
    for count, word in enumerate(regex.finditer(r"\S+", text)):
        if count >= MAX_DATE_WORDS:
            return None
        found = match_date(text, word.start())
        if found is not None:
            return found
    return None
