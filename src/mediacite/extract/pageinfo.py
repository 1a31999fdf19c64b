"""What a document says about itself: its publish date (and where it says so) and canonical URL.

A page states its date in one of a few standard places, tried in this order:

* ``meta``: a publish-date ``<meta>`` of the common vocabularies (Open Graph
  ``article:published_time``, schema.org ``datePublished``, Dublin Core ``dc.date`` /
  ``dcterms.created``, Highwire ``citation_publication_date``, Parse.ly, Sailthru, …);
* ``json-ld``: ``"datePublished"`` (or ``"dateCreated"``) in structured data;
* ``time``: a ``<time datetime>`` element, one marked as the publish time first;
* ``url``: a ``/2023/05/03/`` or ``/2023-05-03`` segment of the page's URL.

A text or Markdown document states it in a front matter block (``date:`` / ``date =``,
``published``, ``pubDate``, …) or a leading ``date YYYY-MM-DD`` line (``date-line``), else its
URL. Only the first :data:`HEAD_CHARS` characters are searched, each with bounded patterns, so
the cost is linear and small whatever the page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Literal
from urllib.parse import urljoin, urlsplit

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract.dates import match_date

__all__ = [
    "DATE_SOURCES",
    "HEAD_CHARS",
    "MAX_FRONT_MATTER_CHARS",
    "DateSource",
    "PageDate",
    "PageInfo",
    "canonical_url",
    "date_from_url",
    "front_matter",
    "front_matter_date",
    "html_date",
    "page_info",
    "parse_date",
    "text_date",
]

DateSource = Literal["meta", "json-ld", "time", "url", "front-matter", "date-line"]
"""Where a document stated its date."""
DATE_SOURCES: tuple[str, ...] = ("meta", "json-ld", "time", "url", "front-matter", "date-line")

HEAD_CHARS = 1 << 20
"""How much of a document is searched for its date and canonical URL: publish metadata sits in
the head or the first screen of the body, and news pages' inline scripts push JSON-LD and the
byline's ``<time>`` past 256 KB (seen at ~400 KB)."""

MAX_FRONT_MATTER_CHARS = 1 << 16
"""Front matter is a few hundred bytes; a document whose opening ``---`` is not closed within
this many characters has none (the ``---`` is a thematic break)."""
_TEXT_DATE_CHARS = 200
"""How far into a plain-text article its leading ``date YYYY-MM-DD`` line is looked for."""
_TAG_CHARS = 2000
"""The longest ``<meta>``, ``<link>`` or ``<time>`` start tag read (real ones are < 500)."""
_TIME_TEXT_CHARS = 200
"""How far the text of a ``<time>`` element without ``datetime`` is read."""
_TIME_TAGS = 64
"""``<time>`` elements looked at (comment threads carry hundreds)."""
_EARLIEST_YEAR = 1990
"""No web page is dated before the web (a guard against ids that look like dates)."""

_PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "article.published",
        "article_date_original",
        "datepublished",
        "datecreated",
        "pubdate",
        "pub_date",
        "publishdate",
        "publish-date",
        "publish_date",
        "publication_date",
        "original-publish-date",
        "date",
        "dc.date",
        "dc.date.issued",
        "dc.date.created",
        "dcterms.created",
        "dcterms.issued",
        "dcterms.date",
        "citation_publication_date",
        "citation_date",
        "parsely-pub-date",
        "sailthru.date",
    }
)
"""Publish-date ``<meta>`` names (``property``, ``name`` or ``itemprop``), lower-case."""

_FRONT_DATE_KEYS = (
    "date",
    "pubdate",
    "publishdate",
    "published",
    "publishedat",
    "datepublished",
    "created",
    "createdat",
)
"""Front-matter keys of a story's publication date (lower-cased, ``_`` and ``-`` dropped), the
most telling first."""

_TAG = compile_later(r"<(meta|link|time)\b([^<>]{0," + str(_TAG_CHARS) + r"})>", regex.I)
_TAG_OPEN = re.compile(r"<(?:meta|link|time)", re.I)
"""Where a :data:`_TAG` may start: a cheaper scan, each hit confirmed by :data:`_TAG`."""
_ATTR = compile_later(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_JSON_LD = compile_later(r""""(?:datePublished|dateCreated)"\s*:\s*"([^"\\]{4,64})\"""")
_NUMERIC = compile_later(
    r"\s*(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)|\s*(\d{4})(\d{2})(\d{2})(?!\d)"
)
_URL_DATE = compile_later(r"/(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?=[/._-]|$)")
_FRONT_OPEN = compile_later(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n")
_FRONT_FIRST_LINE = compile_later(r"[ \t]*+(?:#|[\"']?[\w$@.-]++[\"']?[ \t]*+[:=]|\[|\r?\n)")
"""Front matter opens with a key (``title:``, ``title =``), a TOML table, a comment or a blank
line; a document opening with ``---`` and prose is no front matter (a rule, then text)."""
_FRONT_CLOSE = {
    "---": compile_later(r"^(?:---|\.\.\.)[ \t]*\r?$", regex.MULTILINE),
    "+++": compile_later(r"^\+\+\+[ \t]*\r?$", regex.MULTILINE),
}
_FRONT_KEY = compile_later(
    r"^[ \t]*[\"']?([A-Za-z][\w-]*+)[\"']?[ \t]*[:=][ \t]*[\"']?([^\"'\r\n]{4,64})",
    regex.MULTILINE,
)
_DATE_LINE = compile_later(r"\A\ufeff?\s*date\s+(\d{4}-\d{2}-\d{2})\b", regex.I)
_PUBLISH_HINT = ("publish", "posted", "created")


@attrs.frozen
class PageDate:
    """A document's publish date (ISO ``YYYY-MM-DD``) and where the document stated it."""

    date: str
    source: DateSource


@attrs.frozen
class PageInfo:
    """What a document says about itself: its date and its canonical URL (http(s) only)."""

    date: PageDate | None = None
    canonical_url: str | None = None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    if when.year < _EARLIEST_YEAR or when > dt.date.today() + dt.timedelta(days=1):
        return None
    return when.isoformat()


def parse_date(value: str) -> str | None:
    """An ISO date from a metadata value: ISO 8601, ``2023/05/03``, ``20230503`` or words.

    Worded dates (``May 3, 2023``, ``3. Mai 2023``) are read with the CLDR month names of
    :mod:`mediacite.extract.dates`; a date without a year is not a publish date.
    """
    found = _NUMERIC.match(value)
    if found is not None:
        y, m, d = (found.group(1, 3, 4)) if found.group(1) else found.group(5, 6, 7)
        return _valid(int(y), int(m), int(d))
    text = value.strip()
    for start in range(min(len(text), 24)):
        if start and text[start - 1].isalnum():
            continue
        parsed = match_date(text, start)
        if parsed is not None:
            return parsed.date
    return None


def _attributes(raw: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in _ATTR.finditer(raw)
    }


def _head_end(html: str) -> int:
    end = html.find("</head>", 0, HEAD_CHARS)
    if end < 0:
        end = html.find("</HEAD>", 0, HEAD_CHARS)
    return end if end >= 0 else min(len(html), HEAD_CHARS)


def _tags(html: str, end: int) -> Iterator[regex.Match[str]]:
    """The ``<meta>``, ``<link>`` and ``<time>`` start tags in ``html[:end]``, in order."""
    for candidate in _TAG_OPEN.finditer(html, 0, end):
        tag = _TAG.match(html, candidate.start(), end)
        if tag is not None:
            yield tag


def _meta_date(tag: regex.Match[str]) -> str | None:
    """The date a publish-date ``<meta>`` tag states."""
    attrs_ = _attributes(tag.group(2))
    name = (attrs_.get("property") or attrs_.get("name") or attrs_.get("itemprop") or "").lower()
    value = attrs_.get("content") or attrs_.get("value")
    if value and (name in _PUBLISHED_META or name.rsplit(":", 1)[-1] in _PUBLISHED_META):
        return parse_date(value)
    return None


def _json_ld_date(html: str, end: int) -> str | None:
    for found in _JSON_LD.finditer(html, 0, end):
        date = parse_date(found.group(1))
        if date is not None:
            return date
    return None


def _in_quote(html: str, pos: int) -> bool:
    """Whether ``pos`` is inside a ``<blockquote>``: an embedded post's time is not the page's."""
    return html.rfind("<blockquote", 0, pos) > html.rfind("</blockquote", 0, pos)


def _time_date(html: str, end: int, times: list[regex.Match[str]]) -> str | None:
    """A ``<time>`` marked as the publish time, else the first one outside embedded posts.

    ``times`` are the page's first :data:`_TIME_TAGS` ``<time>`` start tags before ``end``.
    """
    first: str | None = None
    for tag in times:
        attrs_ = _attributes(tag.group(2))
        marks = f"{attrs_.get('itemprop', '')} {attrs_.get('class', '')}".lower()
        marked = "pubdate" in attrs_ or any(hint in marks for hint in _PUBLISH_HINT)
        value = attrs_.get("datetime")
        if value is None and marked:
            close = html.find("</time", tag.end(), min(end, tag.end() + _TIME_TEXT_CHARS))
            value = html[tag.end() : close] if close > 0 else None
        date = parse_date(value) if value else None
        if date is None or _in_quote(html, tag.start()):
            continue
        if marked:
            return date
        first = first or date
    return first


def date_from_url(url: str | None) -> PageDate | None:
    """The date in an http(s) URL's path (``/2023/05/03/``, ``/2023-05-03-title``), if any."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    path = urlsplit(url).path
    for found in _URL_DATE.finditer(path):
        date = _valid(int(found.group(1)), int(found.group(3)), int(found.group(4)))
        if date is not None:
            return PageDate(date, "url")
    return None


def html_date(html: str, url: str | None = None) -> PageDate | None:
    """The publish date an HTML page states, and where (see the module docstring).

    One pass over the tags finds the publish-date ``<meta>`` and keeps the ``<time>`` tags in
    case there is none.
    """
    end = min(len(html), HEAD_CHARS)
    times: list[regex.Match[str]] = []
    for tag in _tags(html, end):
        kind = tag.group(1).lower()
        if kind == "meta":
            date = _meta_date(tag)
            if date is not None:
                return PageDate(date, "meta")
        elif kind == "time" and len(times) < _TIME_TAGS:
            times.append(tag)
    date = _json_ld_date(html, end)
    if date is not None:
        return PageDate(date, "json-ld")
    date = _time_date(html, end, times)
    if date is not None:
        return PageDate(date, "time")
    return date_from_url(url)


def front_matter(text: str) -> tuple[int, int] | None:
    """Where a story's front matter (YAML ``---`` or TOML ``+++``, fences included) is."""
    opening = _FRONT_OPEN.match(text)
    if opening is None:
        return None
    close = _FRONT_CLOSE[opening.group(1)].search(
        text, opening.end(), opening.end() + MAX_FRONT_MATTER_CHARS
    )
    if close is None:
        return None
    if close.start() > opening.end() and not _FRONT_FIRST_LINE.match(text, opening.end()):
        return None
    return opening.start(), close.end()


def front_matter_date(text: str) -> str | None:
    """The publication date (ISO) that a story's front matter states, if any."""
    span = front_matter(text)
    if span is None:
        return None
    dates: dict[str, str] = {}
    for m in _FRONT_KEY.finditer(text, *span):
        key = m.group(1).lower().replace("_", "").replace("-", "")
        if key in _FRONT_DATE_KEYS and key not in dates:
            date = parse_date(m.group(2))
            if date is not None:
                dates[key] = date
    return next((dates[k] for k in _FRONT_DATE_KEYS if k in dates), None)


def text_date(text: str, url: str | None = None) -> PageDate | None:
    """The date a text or Markdown document states: front matter, a ``date`` line, its URL."""
    date = front_matter_date(text)
    if date is not None:
        return PageDate(date, "front-matter")
    line = _DATE_LINE.match(text[:_TEXT_DATE_CHARS])
    if line is not None:
        date = parse_date(line.group(1))
        if date is not None:
            return PageDate(date, "date-line")
    return date_from_url(url)


def canonical_url(html: str, base: str | None = None) -> str | None:
    """The page's canonical URL: ``<link rel=canonical>``, else ``og:url``; http(s) only."""
    end = _head_end(html)
    og: str | None = None
    for tag in _tags(html, end):
        kind = tag.group(1).lower()
        if kind == "time":
            continue
        attrs_ = _attributes(tag.group(2))
        if kind == "link" and "canonical" in attrs_.get("rel", "").lower().split():
            href = attrs_.get("href", "").strip()
            if href:
                return _absolute(href, base)
        elif kind == "meta" and attrs_.get("property", "").lower() == "og:url" and og is None:
            og = attrs_.get("content", "").strip() or None
    return _absolute(og, base) if og else None


def _absolute(url: str, base: str | None) -> str | None:
    if base and base.startswith(("http://", "https://")):
        url = urljoin(base, url)
    return url if url.startswith(("http://", "https://")) else None


def page_info(head: str, *, html: bool, url: str | None = None) -> PageInfo:
    """Date and canonical URL of a document from its first :data:`HEAD_CHARS` characters.

    ``url`` is where the document came from (a fetched URL, a WARC record's target, a JSONL
    record's ``url``): it resolves a relative canonical link and may hold the date.
    """
    if not html:
        return PageInfo(text_date(head, url), None)
    canonical = canonical_url(head, url)
    date = html_date(head, url)
    if date is None and canonical is not None:
        date = date_from_url(canonical)
    return PageInfo(date, canonical)
