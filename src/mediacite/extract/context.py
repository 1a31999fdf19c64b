"""Document context: the article's own date, and what it tells about the citations in it.

A document's date comes from its container (a WARC record's date, a JSONL field) or from the
document itself: a leading ``date YYYY-MM-DD`` line as in exported article texts, or the
publish-date ``<meta>`` / JSON-LD of an HTML page. With it, a cited date written without a
year takes the article's year, and a post dated after the article that cites it is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs
import regex

from mediacite.extract.dates import match_date
from mediacite.models import Citation

__all__ = ["HEAD_CHARS", "apply_context", "article_date_from_html", "article_date_from_text"]

_TEXT_DATE = regex.compile(r"\A\ufeff?\s*date\s+(\d{4}-\d{2}-\d{2})\b", regex.IGNORECASE)
_HTML_DATE = regex.compile(
    r"""<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*["']?"""
    r"""(?:article:published_time|og:published_time|datePublished|pubdate|publishdate|"""
    r"""publish-date|date|dc\.date|dc\.date\.issued|dcterms\.created|sailthru\.date)["'\s]"""
    r"""[^>]*?content\s*=\s*["']?(\d{4}-\d{2}-\d{2})"""
    r"""|<meta\b[^>]*?content\s*=\s*["']?(\d{4}-\d{2}-\d{2})[^>]*?"""
    r"""(?:property|name|itemprop)\s*=\s*["']?(?:article:published_time|datePublished|date)"""
    r"""|"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})""",
    regex.IGNORECASE,
)
_TEXT_DATE_CHARS = 200
"""How far into a plain-text article its leading ``date YYYY-MM-DD`` line is looked for."""
HEAD_CHARS = 256 * 1024
"""How much of an HTML page is searched for its publish date."""


def _valid(iso: str | None) -> str | None:
    if iso is None:
        return None
    try:
        return dt.date.fromisoformat(iso).isoformat()
    except ValueError:
        return None


def article_date_from_text(text: str) -> str | None:
    """The date of a plain-text article that opens with ``date YYYY-MM-DD``."""
    found = _TEXT_DATE.match(text[:_TEXT_DATE_CHARS])
    return _valid(found.group(1)) if found else None


def article_date_from_html(html: str) -> str | None:
    """The publish date of an HTML page from its ``<meta>`` tags or JSON-LD in its head."""
    head_end = html.find("</head>", 0, HEAD_CHARS)
    found = _HTML_DATE.search(html, 0, head_end if head_end >= 0 else HEAD_CHARS)
    if found is None:
        return None
    return _valid(next(g for g in found.groups() if g))


def _in_context(citation: Citation, article_date: str) -> Citation:
    changes: dict[str, object] = {"article_date": article_date}
    flags = list(citation.flags)
    date = citation.date
    if date is None and citation.date_text and citation.kind == "byline":
        parsed = match_date(citation.date_text)
        if parsed is not None and parsed.date is None:
            year = int(article_date[:4])
            date = parsed.in_year(year)
            if date is not None and date > article_date:
                date = parsed.in_year(year - 1)
            if date is not None:
                changes["date"] = date
                flags.append("year_from_article")
    if date is not None and date > article_date:
        flags.append("dated_after_article")
    changes["flags"] = flags
    return attrs.evolve(citation, **changes)  # type: ignore[arg-type]


def apply_context(citations: Iterable[Citation], article_date: str | None) -> Iterator[Citation]:
    """Give each citation the article's date; complete year-less dates; flag later posts."""
    if article_date is None:
        yield from citations
        return
    for citation in citations:
        yield _in_context(citation, article_date)
