"""Instagram posts in HTML pages and plain text.

Instagram: ``blockquote.instagram-media`` embeds, publisher placeholders, embed iframes and
post links in HTML; the flattened credit line ``CAPTION A post shared by Name (@handle) on DATE
at TIME`` (in any language Instagram's embed prints it, see :mod:`mediacite.extract.credits`)
and post URLs in plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import regex

from mediacite._patterns import compile_later
from mediacite.extract.bylines import MAX_POST_WEIGHT, fold
from mediacite.extract.credits import caption_before, find_credits
from mediacite.extract.dates import ParsedDate, match_date
from mediacite.extract.platforms._shared import (
    DataRules,
    Embeds,
    Placeholder,
    PostRef,
    blockquotes,
    frame_citations,
    link_citations,
    placeholder_citations,
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
    "HTML_MARKERS",
    "NAME",
    "NOT_POSTS",
    "TEXT_MARKERS",
    "find_html",
    "find_text",
    "parse_url",
]

NAME = "instagram"
HANDLE = r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
CREDIT_PHRASES: tuple[str, ...] = (
    # en: the current form, and the older photo and video forms (2015-2016 embeds)
    "A post shared by",
    "A photo posted by",
    "A video posted by",
    # de, fr, es, pt, it, nl
    "Ein Beitrag geteilt von",
    "Ein Foto gepostet von",
    "Ein Video gepostet von",
    "Une publication partagée par",
    "Une photo publiée par",
    "Une vidéo publiée par",
    "Una publicación compartida de",
    "Una publicación compartida por",
    "Una foto publicada por",
    "Un video publicado por",
    "Un vídeo publicado por",
    "Uma publicação compartilhada por",
    "Uma publicação partilhada por",
    "Uma foto publicada por",
    "Um vídeo publicado por",
    "Un post condiviso da",
    "Una foto pubblicata da",
    "Un video pubblicato da",
    "Een bericht gedeeld door",
    "Een foto geplaatst door",
    "Een video geplaatst door",
    # ru, pl, id, sv, da, nb
    "Публикация от",
    "Фото опубликовано",
    "Видео опубликовано",
    "Post udostępniony przez",
    "Sebuah kiriman dibagikan oleh",
    "Foto kiriman",
    "Video kiriman",
    "Ett inlägg delat av",
    "Et opslag delt af",
    "Et innlegg delt av",
)
"""The credit phrase of Instagram's embed code ("A post shared by"; before 2017 "A photo/video
posted by") in the reader's language, as flattened article texts keep it. The English forms and
the German, French, Russian and Indonesian ones are seen in real texts (issue 12, the realworld
corpus); the others are the same strings in Instagram's other interface languages and are not
attested in our corpora. The list only tells the caption from the display name: a credit whose
phrase is missing here is still found by its structure (``Name (@handle) DATE TIME ZONE``),
without its caption."""

TEXT_MARKERS: tuple[str, ...] = ("(@", " @", "instagr")
"""Credit lines hold a handle after ``(@`` or after a phrase and ``@``; links their host."""
HTML_MARKERS: tuple[str, ...] = ("instagr",)

MAX_CAPTION_CHARS = 2200
"""Instagram captions are at most 2,200 characters."""
_DATE_REACH = 24
"""Characters after the ``(@handle)`` where the date of a "shared by" line starts (after a
connecting word such as ``on``, ``am``, ``le``, ``el``)."""

POST_URL = compile_later(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:instagram\.com|instagr\.am)/"
    r"(?:(?P<handle>" + HANDLE + r")/)?(?:p|reels?|tv)/(?P<id>[A-Za-z0-9_-]{5,40})"
    r"(?![A-Za-z0-9_-])[^\s\"'<>]*",
    regex.IGNORECASE,
)
_BYLINE = compile_later(
    r"A post shared by[ \t\u00a0]+(?P<author>[^\n]{0,80}?)[ \t\u00a0]*"
    r"\(@(?P<handle>" + HANDLE + r")\)(?:[ \t\u00a0]+on[ \t\u00a0]+)?"
)
_VIEW = compile_later(r"^\s*View this (?:post|photo|video|reel) on Instagram\s*", regex.IGNORECASE)


DATA = DataRules(
    names=("instagram",),
    keys=("instagramid", "instagramshortcode", "datainstgrmpermalink"),
    id_url="https://www.instagram.com/p/{}/",
)
"""How a page keeps this platform's embeds as data (see :mod:`mediacite.extract.embeddata`)."""

_PLACEHOLDERS = (Placeholder("amp-instagram", "data-shortcode"),)
"""AMP pages: ``<amp-instagram data-shortcode>``."""

NOT_POSTS = compile_later(
    r"(?:^|[/.])(?:instagram\.com|instagr\.am)/(?:explore|accounts|direct|stories|about"
    r"|legal|web|developer|challenge)(?:/|[?#]|$)",
    regex.IGNORECASE,
)
"""Instagram URLs that name no post: hashtag and place pages (``explore/``), account,
message and story pages (profiles are ``instagram.com/NAME/``, never a post URL)."""


def parse_url(url: str) -> PostRef | None:
    """The post an Instagram URL names, if it names one."""
    if NOT_POSTS.search(url):
        return None
    m = POST_URL.match(url.strip())
    if m is None:
        return None
    post = m.group("id")
    return PostRef(post, m.group("handle"), f"https://www.instagram.com/p/{post}/")


EMBEDS = Embeds(
    parse_url=parse_url,
    words=("instagram",),
    post_id=compile_later(r"[A-Za-z0-9_-]{5,40}"),
    id_urls=("https://www.instagram.com/p/{id}/",),
    sites=("https://www.instagram.com/",),
)
"""Shortcodes and components: ``{{< instagram ID >}}``, ``<Instagram … />``."""


def _caption_weight(text: str) -> int:
    return len(text) * MAX_POST_WEIGHT // MAX_CAPTION_CHARS


def _date_at(text: str, pos: int) -> ParsedDate | None:
    return match_date(text, pos) if pos < len(text) else None


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield credit lines (with the caption before them) and post URLs."""
    text = doc.text
    floor = 0
    for credit in sorted(find_credits(doc, CREDIT_PHRASES, HANDLE), key=lambda c: c.start):
        caption = caption_before(text, credit, _caption_weight, floor)
        start = caption.start if caption else credit.start
        floor = credit.end
        yield doc.citation(
            start,
            credit.end,
            platform=NAME,
            kind="byline",
            handle=credit.handle,
            author=credit.author,
            date=credit.date.date if credit.date else None,
            date_text=credit.date.text if credit.date else None,
            **(text_fields(caption.raw) if caption else {}),
        )
    yield from text_links(doc, POST_URL, NAME, parse_url)


_NEEDLES = ("instagr",)


_HANDLE_IN_TEXT = compile_later(r"\(@(?P<handle>" + HANDLE + r")\)")
_PROFILE = compile_later(
    r"^(?:https?:)?//(?:www\.)?instagram\.com/(?P<handle>" + HANDLE + r")/?(?:[?#]|$)",
    regex.IGNORECASE,
)


def _embed(doc: HtmlDocument, el: Any) -> Citation | None:
    """An official ``blockquote.instagram-media``, read by its structure.

    The embed code is the same in every interface language: the caption is a ``<p>`` (a
    link to the post), the "view this post" link holds no ``<p>``, and the "shared by" line
    is the last ``<p>``, with the ``(@handle)``, a link to the profile (whose text is the
    author) and the date in a ``<time>``. Markup a publisher flattened falls back to the
    English phrases.
    """
    ref: PostRef | None = None
    permalink = el.get("data-instgrm-permalink")
    if permalink:
        ref = parse_url(permalink)
    if ref is None:
        for a in el.iter("a"):
            ref = parse_url(a.get("href") or "")
            if ref is not None:
                break
    if ref is None:
        return None
    paragraphs = [p for p in el.iter("p") if doc.text_of(p)]
    byline = _byline_paragraph(doc, paragraphs)
    fields: dict[str, Any]
    if byline is not None:
        caption = " ".join(doc.text_of(p) for p in paragraphs[: paragraphs.index(byline)])
        fields = _byline_fields(doc, byline)
    else:
        caption, fields = _flattened(doc.text_of(el))
    kind: Kind = "blockquote" if caption or byline is not None or fields else "stub"
    found = {**ref.fields(), **{k: v for k, v in fields.items() if v is not None}}
    if caption:
        found.update(text_fields(caption))
    return doc.citation(el, platform=NAME, kind=kind, **found)


def _byline_paragraph(doc: HtmlDocument, paragraphs: list[Any]) -> Any | None:
    """The "shared by" line: the last ``<p>`` with a ``<time>`` or an ``(@handle)``."""
    for p in reversed(paragraphs):
        if next(p.iter("time"), None) is not None or _HANDLE_IN_TEXT.search(doc.text_of(p)):
            return p
    return None


def _byline_fields(doc: HtmlDocument, p: Any) -> dict[str, Any]:
    """Handle, author and date of a "shared by" line, in any interface language."""
    text = doc.text_of(p)
    m = _HANDLE_IN_TEXT.search(text)
    handle = m.group("handle") if m else None
    author: str | None = None
    for a in p.iter("a"):
        profile = _PROFILE.match(a.get("href") or "")
        if profile is not None:
            handle = handle or profile.group("handle")
            author = doc.text_of(a) or None
            break
    if author is None:
        english = _BYLINE.search(text)
        author = fold(english.group("author") or "") or None if english else None
    date: ParsedDate | None = None
    stamp = next(p.iter("time"), None)
    if stamp is not None:
        date = match_date(doc.text_of(stamp))
    if date is None and m is not None:
        date = _date_at(text, m.end() + 1) or _date_after(text, m.end())
    when = date.date if date else _iso_date(stamp.get("datetime") if stamp is not None else None)
    return {
        "handle": handle,
        "author": author,
        "date": when,
        "date_text": date.text if date else None,
    }


def _date_after(text: str, pos: int) -> ParsedDate | None:
    """A date after a connecting word (``on``, ``am``, ``le``): the first within reach."""
    for word in regex.finditer(r"\S+", text, pos=pos, endpos=pos + _DATE_REACH):
        found = match_date(text, word.start())
        if found is not None:
            return found
    return None


def _iso_date(stamp: str | None) -> str | None:
    m = regex.match(r"\d{4}-\d{2}-\d{2}", stamp or "")
    return m.group() if m else None


def _flattened(flat: str) -> tuple[str, dict[str, Any]]:
    """Caption and byline fields of an embed whose structure a publisher flattened."""
    byline = _BYLINE.search(flat)
    fields: dict[str, Any] = {}
    caption = flat
    if byline is not None:
        date = _date_at(flat, byline.end())
        fields = {
            "handle": byline.group("handle"),
            "author": fold(byline.group("author") or "") or None,
            "date": date.date if date else None,
            "date_text": date.text if date else None,
        }
        caption = flat[: byline.start()]
    return _VIEW.sub("", caption).strip(), fields


MAX_LINK_DEPTH = 3
"""Elements between an embed's blockquote and its links (``blockquote > div > p > a``)."""


def _stripped_embeds(doc: HtmlDocument) -> list[Any]:
    """Blockquotes holding an embed whose class and data a sanitiser stripped.

    Such a blockquote links to the post and keeps the credit line's ``(@handle)`` or its
    ``<time>``. Found from the page's Instagram links, so the cost follows the links.
    """
    found: list[Any] = []
    seen: set[Any] = set()
    for a in doc.links(*_NEEDLES):
        if parse_url(a.get("href") or "") is None:
            continue
        holder = a.getparent()
        for _ in range(MAX_LINK_DEPTH):
            if holder is None or holder.tag == "blockquote":
                break
            holder = holder.getparent()
        if holder is None or holder.tag != "blockquote" or holder in seen:
            continue
        seen.add(holder)
        if holder.find(".//time") is not None or "(@" in doc.text_of(holder):
            found.append(holder)
    return found


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Instagram posts embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    official = blockquotes(doc, ("instagram",), ("data-instgrm-permalink",))
    known = set(official)
    stripped = [el for el in _stripped_embeds(doc) if el not in known]
    for el in official + stripped:
        citation = _embed(doc, el)
        if citation is not None:
            taken.add(el)
            yield citation
    yield from placeholder_citations(doc, _PLACEHOLDERS, NAME, parse_url, DATA.id_url, taken)
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
