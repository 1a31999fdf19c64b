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

from mediacite.extract.bylines import MAX_POST_WEIGHT, fold
from mediacite.extract.credits import caption_before, find_credits
from mediacite.extract.dates import ParsedDate, match_date
from mediacite.extract.platforms._shared import (
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

__all__ = ["HTML_MARKERS", "NAME", "TEXT_MARKERS", "find_html", "find_text", "parse_url"]

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

POST_URL = regex.compile(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:instagram\.com|instagr\.am)/"
    r"(?:(?P<handle>" + HANDLE + r")/)?(?:p|reels?|tv)/(?P<id>[A-Za-z0-9_-]{5,40})"
    r"(?![A-Za-z0-9_-])[^\s\"'<>]*",
    regex.IGNORECASE,
)
_BYLINE = regex.compile(
    r"A post shared by[ \t\u00a0]+(?P<author>[^\n]{0,80}?)[ \t\u00a0]*"
    r"\(@(?P<handle>" + HANDLE + r")\)(?:[ \t\u00a0]+on[ \t\u00a0]+)?"
)
_VIEW = regex.compile(r"^\s*View this (?:post|photo|video|reel) on Instagram\s*", regex.IGNORECASE)


def parse_url(url: str) -> PostRef | None:
    """The post an Instagram URL names, if it names one."""
    m = POST_URL.match(url.strip())
    if m is None:
        return None
    post = m.group("id")
    return PostRef(post, m.group("handle"), f"https://www.instagram.com/p/{post}/")


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


def _embed(doc: HtmlDocument, el: Any) -> Citation | None:
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
    flat = doc.text_of(el)
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
    caption = _VIEW.sub("", caption).strip()
    kind: Kind = "blockquote" if caption or byline is not None else "stub"
    found = {**ref.fields(), **{k: v for k, v in fields.items() if v is not None}}
    if caption:
        found.update(text_fields(caption))
    return doc.citation(el, platform=NAME, kind=kind, **found)


def find_html(doc: HtmlDocument) -> Iterator[Citation]:
    """Yield the Instagram posts embedded, framed or linked in an HTML page."""
    taken: set[Any] = set()
    for el in blockquotes(doc, ("instagram",), ("data-instgrm-permalink",)):
        citation = _embed(doc, el)
        if citation is not None:
            taken.add(el)
            yield citation
    yield from frame_citations(doc, _NEEDLES, NAME, parse_url, taken)
    yield from link_citations(doc, _NEEDLES, NAME, parse_url, taken)
