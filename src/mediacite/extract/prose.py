"""The article prose of an HTML page, for finding prose mentions of posts in it.

Mentions are looked for in the page's visible article text only: the text of its paragraph
blocks (``<p>``, ``<li>``, headings, captions …) outside page furniture (navigation,
footers, share bars, comments), outside scripts and attributes, and outside the embedded
posts themselves. The blocks are joined into one text, one paragraph each, searched by
:func:`~mediacite.extract.mentions.find_mentions`, and each mention is reported at the
position of its enclosing block element in the page source: a sentence's own offsets
cannot be mapped back through entities and markup reliably, the block's can.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from mediacite.extract.html import HtmlDocument
from mediacite.extract.mentions import find_mentions
from mediacite.models import Citation, Mention, Span

__all__ = ["BLOCK_TAGS", "find_mentions_html"]

BLOCK_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption", "blockquote",
     "td", "th", "dd", "dt", "summary"}
)  # fmt: skip
"""Elements whose text is a paragraph of prose (the innermost one wins when they nest)."""

_PARAGRAPH_BREAK = "\n\n"


def _blocks(doc: HtmlDocument, cited: Sequence[tuple[int, int]]) -> list[tuple[str, Span]]:
    """The prose paragraphs of the page in document order, with their elements' spans."""
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
        if el in nested or doc.boilerplate(el):
            continue
        span = doc.element_span(el)
        if any(start <= span.start < end for start, end in cited):
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
    doc = HtmlDocument(html, source=source)
    cited = [(c.start, c.end) for c in citations]
    blocks = _blocks(doc, cited)
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
