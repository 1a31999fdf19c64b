"""Twitter / X: flattened bylines, bare media links and status URLs in text; embeds in HTML."""

from __future__ import annotations

import html
from collections.abc import Iterator

import regex

from mediacite.extract import entities
from mediacite.extract.bylines import (
    clean_post_text,
    find_bylines,
    post_text_before,
)
from mediacite.extract.dates import snowflake_time
from mediacite.extract.document import TextDocument
from mediacite.models import Citation

__all__ = [
    "HANDLE",
    "HTML_MARKERS",
    "NAME",
    "TEXT_MARKERS",
    "find_text",
    "parse_status_url",
    "status_url",
]

NAME = "twitter"
HANDLE = r"[A-Za-z0-9_]{1,15}"
TEXT_MARKERS: tuple[str, ...] = ("(@", "twitter.com/", "x.com/")

MEDIA = regex.compile(
    r"(?<![/@-])(?:https?://)?(pic\.(?:twitter|x)\.com/[A-Za-z0-9]{4,20})(?![A-Za-z0-9])",
    regex.IGNORECASE,
)
_TRAILING_MEDIA = regex.compile(
    r"(?:\s*(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]{4,20}(?![A-Za-z0-9]))+\s*$",
    regex.IGNORECASE | regex.REVERSE,
)
_MEDIA_RUN = regex.compile(
    r"(?:\s*(?:https?://)?pic\.(?:twitter|x)\.com/[A-Za-z0-9]{4,20}(?![A-Za-z0-9]))*",
    regex.IGNORECASE,
)
STATUS_URL = regex.compile(
    r"(?<![\w.@-])(?:https?://)?(?:(?:www|mobile|m)\.)?(?:twitter|x)\.com/"
    r"(?:(?P<handle>[A-Za-z0-9_]{1,15})/status(?:es)?|i/web/status|i/status)/(?P<id>\d{1,20})"
    r"(?![\d])(?:[/?#][^\s<>\"'()\[\]]*)?",
    regex.IGNORECASE,
)
_NOT_HANDLES = frozenset({"i", "intent", "share", "home", "search", "hashtag"})


def status_url(post_id: str, handle: str | None) -> str:
    """The canonical status URL of a post."""
    return f"https://twitter.com/{handle or 'i/web'}/status/{post_id}"


def parse_status_url(url: str) -> tuple[str | None, str] | None:
    """``(handle, post_id)`` of a status URL (handle ``None`` for ``/i/web/status/``)."""
    m = STATUS_URL.search(url)
    if m is None:
        return None
    handle = m.group("handle")
    if handle is not None and handle.lower() in _NOT_HANDLES:
        handle = None
    return handle, m.group("id")


def _snowflake(post_id: str | None) -> tuple[str | None, str | None]:
    """``(posted_at, date)`` from a Snowflake id."""
    when = snowflake_time(post_id) if post_id else None
    if when is None:
        return None, None
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z"), when.date().isoformat()


def _weight(text: str) -> int:
    """Weighted length of a post's text; trailing media links are attachments and weigh nothing."""
    return entities.weighted_length(_strip_trailing_media(text))


def _strip_trailing_media(text: str) -> str:
    found = _TRAILING_MEDIA.search(text)
    return text[: found.start()] if found else text


def _post_fields(raw: str, *, unescape: bool) -> dict[str, object]:
    """Text, media and entities of a post's raw text (Markdown and trailing media removed)."""
    cleaned = clean_post_text(raw)
    if unescape:
        cleaned = html.unescape(cleaned)
    media = [m.group(1) for m in MEDIA.finditer(cleaned)]
    body = _strip_trailing_media(cleaned).strip()
    media_set = set(media)
    urls = [u for u in entities.extract_urls(body) if u.split("//")[-1] not in media_set]
    return {
        "text": body or None,
        "media": media,
        "urls": urls,
        "mentions": entities.extract_mentions(body),
        "hashtags": entities.extract_hashtags(body),
    }


def find_text(doc: TextDocument) -> Iterator[Citation]:
    """Yield bylines, bare media links and prose status links in ``doc``."""
    text = doc.text
    taken: list[tuple[int, int]] = []
    ids: set[str] = set()
    floor = 0
    for byline in find_bylines(doc, HANDLE):
        post = post_text_before(text, byline.start, _weight, floor=floor)
        start = post.start if post else byline.start
        fields = _post_fields(post.raw, unescape=byline.dash_entity) if post else {}
        parsed = parse_status_url(byline.link) if byline.link else None
        post_id = parsed[1] if parsed else None
        posted_at, _ = _snowflake(post_id)
        if post_id:
            ids.add(post_id)
        span = doc.span(start, byline.end)
        taken.append((start, byline.end))
        floor = byline.end
        yield Citation(
            platform=NAME,
            kind="byline",
            post_id=post_id,
            handle=byline.handle,
            author=byline.author,
            date=byline.date.date if byline.date else None,
            date_text=byline.date.text if byline.date else None,
            posted_at=posted_at,
            url=status_url(post_id, byline.handle) if post_id else None,
            source=doc.source,
            start=span.start,
            end=span.end,
            line=span.line,
            column=span.column,
            **fields,  # type: ignore[arg-type]
        )
    yield from _bare_media(doc, taken)
    yield from _status_links(doc, taken, ids)


def _inside(pos: int, taken: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in taken)


def _bare_media(doc: TextDocument, taken: list[tuple[int, int]]) -> Iterator[Citation]:
    """Media links whose attribution was lost: a citation with text and media, no handle."""
    text = doc.text
    last_end = 0
    for m in MEDIA.finditer(text):
        if m.start() < last_end or _inside(m.start(), taken):
            continue
        tail = _MEDIA_RUN.match(text, m.end())
        end = tail.end() if tail is not None else m.end()
        floor = max((e for _, e in taken if e <= m.start()), default=0)
        floor = max(floor, last_end)
        post = post_text_before(text, m.start(), _weight, floor=floor)
        start = post.start if post else m.start()
        fields = _post_fields(text[start:end], unescape=False)
        last_end = end
        span = doc.span(start, end)
        yield Citation(
            platform=NAME,
            kind="byline",
            source=doc.source,
            start=span.start,
            end=span.end,
            line=span.line,
            column=span.column,
            **fields,  # type: ignore[arg-type]
        )


def _status_links(
    doc: TextDocument, taken: list[tuple[int, int]], ids: set[str]
) -> Iterator[Citation]:
    """Status URLs in prose (and Markdown reference lists) not already part of a byline."""
    for m in STATUS_URL.finditer(doc.text):
        post_id = m.group("id")
        if post_id in ids or _inside(m.start(), taken):
            continue
        ids.add(post_id)
        handle = m.group("handle")
        if handle is not None and handle.lower() in _NOT_HANDLES:
            handle = None
        posted_at, date = _snowflake(post_id)
        span = doc.span(m.start(), m.end())
        yield Citation(
            platform=NAME,
            kind="link",
            post_id=post_id,
            handle=handle,
            date=date,
            posted_at=posted_at,
            url=status_url(post_id, handle),
            source=doc.source,
            start=span.start,
            end=span.end,
            line=span.line,
            column=span.column,
        )
