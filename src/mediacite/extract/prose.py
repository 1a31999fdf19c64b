"""The prose of a document, where mentions of posts are looked for: text, HTML or Markdown.

:func:`document_mentions` takes a decoded document, the citations its reader found in it and
the reader that read it, and hands the document's prose to
:func:`~mediacite.extract.mentions.find_mentions`:

* plain text is all prose;
* in a Markdown story only the prose is searched: front matter, code, comments, shortcodes,
  components and markup are blanked out first (:func:`~mediacite.extract.markdown.prose_view`),
  so offsets stay those of the story (a sentence shows what was blanked as spaces);
* in an HTML page only the visible article text is: the text of its paragraph blocks
  (``<p>``, ``<li>``, headings, captions …) in the article itself (region ``main``, see
  :mod:`mediacite.extract.regions`: no navigation, share bars, related links or comments),
  outside the embedded posts. The blocks are joined into one text, one paragraph each, and
  each mention is reported at the position of its enclosing block element in the page
  source: a sentence's own offsets cannot be mapped back through entities and markup
  reliably, the block's can.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from mediacite.extract.context import HEAD_CHARS, article_date_from_html, article_date_from_text
from mediacite.extract.decode import Reader
from mediacite.extract.htmldoc import HtmlDocument
from mediacite.extract.mentions import find_mentions
from mediacite.models import Citation, Mention, Span

__all__ = ["BLOCK_TAGS", "document_mentions", "find_mentions_html"]

BLOCK_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption", "blockquote",
     "td", "th", "dd", "dt", "summary"}
)  # fmt: skip
"""Elements whose text is a paragraph of prose (the innermost one wins when they nest)."""

_PARAGRAPH_BREAK = "\n\n"


class _Cited:
    """The spans of a page's citations, for asking whether an offset lies in one."""

    def __init__(self, citations: Sequence[Citation]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted((c.start, c.end) for c in citations):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.starts = [start for start, _ in merged]
        self.spans = merged

    def holds(self, offset: int) -> bool:
        at = bisect.bisect_right(self.starts, offset) - 1
        return at >= 0 and offset < self.spans[at][1]


def _blocks(doc: HtmlDocument, cited: _Cited) -> list[tuple[str, Span]]:
    """The prose paragraphs of the page's article in document order, with their spans."""
    trees = doc.trees
    if not trees:
        return []
    elements = list(trees[0].root.iter(*BLOCK_TAGS))
    nested = set()
    for el in elements:
        parent = el.getparent()
        while parent is not None:
            if parent.tag in BLOCK_TAGS:
                nested.add(parent)
                break
            parent = parent.getparent()
    out: list[tuple[str, Span]] = []
    for el in elements:
        if el in nested or doc.region(el) != "main":
            continue
        span = doc.element_span(el)
        if cited.holds(span.start):
            continue
        text = doc.text_of(el)
        if text:
            out.append((text, span))
    return out


def find_mentions_html(
    html: str,
    citations: Sequence[Citation] = (),
    *,
    article_date: str | None = None,
    language: str | None = None,
    source: str | None = None,
) -> list[Mention]:
    """Every prose mention of a post in the article text of a decoded HTML page.

    ``citations`` are the page's citations (their offsets point into ``html``). Each
    mention's ``start``/``end``/``line``/``column`` locate its paragraph element.
    """
    return _page_mentions(
        HtmlDocument(html, source=source),
        citations,
        article_date=article_date,
        language=language,
        source=source,
    )


def _page_mentions(
    doc: HtmlDocument,
    citations: Sequence[Citation],
    *,
    article_date: str | None,
    language: str | None = None,
    source: str | None,
) -> list[Mention]:
    blocks = _blocks(doc, _Cited(citations))
    if not blocks:
        return []
    starts: list[int] = []
    parts: list[str] = []
    at = 0
    for text, _ in blocks:
        starts.append(at)
        parts.append(text)
        at += len(text) + len(_PARAGRAPH_BREAK)
    virtual = _PARAGRAPH_BREAK.join(parts)
    block_starts = [span.start for _, span in blocks]
    places: list[tuple[int, int]] = []
    for c in citations:
        index = bisect.bisect_left(block_starts, c.start)
        anchor = starts[index] - len(_PARAGRAPH_BREAK) if index < len(starts) else len(virtual)
        places.append((max(anchor, 0), max(anchor, 0)))
    found = find_mentions(
        virtual,
        citations,
        article_date=article_date,
        language=language,
        source=source,
        spans=places,
    )
    out: list[Mention] = []
    for mention in found:
        span = blocks[bisect.bisect_right(starts, mention.start) - 1][1]
        out.append(
            attrs.evolve(
                mention, start=span.start, end=span.end, line=span.line, column=span.column
            )
        )
    return out


def document_mentions(
    kind: Reader,
    text: str,
    citations: Sequence[Citation],
    *,
    source: str | None = None,
    article_date: str | None = None,
    base_url: str | None = None,
    page: HtmlDocument | None = None,
) -> list[Mention]:
    """The prose mentions of posts in a decoded document read by the reader ``kind``.

    ``citations`` are what that reader found in ``text`` (their offsets point into it); they
    are not searched and they decide which mentions are sourced. ``article_date`` (ISO)
    defaults to the date the document states, as for its citations. ``page`` is an HTML
    document's :class:`~mediacite.extract.htmldoc.HtmlDocument` of ``text`` when the reader
    made one: its parse is then not made again.
    """
    if kind == "html":
        if article_date is None:
            article_date = article_date_from_html(text[:HEAD_CHARS], base_url or source)
        doc = page if page is not None else HtmlDocument(text, source=source)
        return _page_mentions(doc, citations, article_date=article_date, source=source)
    article_date = article_date or article_date_from_text(text, source)
    if kind == "markdown":
        from mediacite.extract.markdown import prose_view

        text = prose_view(text)
    return find_mentions(text, citations, article_date=article_date, source=source)
