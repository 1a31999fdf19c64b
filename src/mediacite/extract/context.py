"""Document context: the article's own date, and what it tells about the citations in it.

A document's date comes from its container (a WARC record's date, a JSONL field) or from the
document itself (:mod:`~mediacite.extract.pageinfo`: front matter or a leading
``date YYYY-MM-DD`` line of a text, the publish-date ``<meta>``, JSON-LD or ``<time>`` of an HTML
page, a date in its URL). With it, a cited date written without a
year takes the article's year, and a post dated after the article that cites it is flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from mediacite.extract.dates import match_date
from mediacite.extract.pageinfo import HEAD_CHARS, html_date, text_date
from mediacite.models import Citation

__all__ = ["HEAD_CHARS", "apply_context", "article_date_from_html", "article_date_from_text"]


def article_date_from_text(text: str, url: str | None = None) -> str | None:
    """The date a plain-text or Markdown article states (front matter, a ``date`` line, URL)."""
    found = text_date(text, url)
    return found.date if found else None


def article_date_from_html(html: str, url: str | None = None) -> str | None:
    """The publish date of an HTML page (see :func:`~mediacite.extract.pageinfo.html_date`)."""
    found = html_date(html, url)
    return found.date if found else None


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
