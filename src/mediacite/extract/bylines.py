"""Flattened citations: ``TEXT [media] — Name (@handle) DATE`` as text extractors leave them.

The machinery here is shared by the platform modules: a platform names its handle pattern
and media hosts; this module finds the attribution, the date after it and the post text
before it, in every flattening variant (dash spacing and entities, blank lines, indented blocks,
Markdown quotes with reference links, paragraphs joined into one line).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterator, Mapping

import attrs
import regex

from mediacite.extract.dates import ParsedDate, match_date
from mediacite.extract.textdoc import TextDocument

__all__ = [
    "Byline",
    "PostText",
    "clean_post_text",
    "find_bylines",
    "fold",
    "markdown_refs",
    "post_text_before",
]

MAX_AUTHOR_CHARS = 80
"""Display names are at most 50 characters; emoji sequences and spacing need some slack."""

MAX_POST_WEIGHT = 280
"""A post's text weighs at most 280 (twitter-text v3 weighting)."""

_EM_DASHES = r"—|–|―|&mdash;|&#8212;|&#x2014;|&ndash;|&#8211;|&#x2013;"
_DASH = regex.compile(rf"(?:{_EM_DASHES}|--|-)(?=[ \t\u00a0])", regex.IGNORECASE)
_HSPACE = r"[ \t\u00a0\u2009\u202f]"
_QUOTE_PREFIX = regex.compile(rf"{_HSPACE}*(?:>{_HSPACE}?)*")
_MD_REF_DEF = regex.compile(r"^[ \t>]*\[(\d+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+\S.*)?$", regex.MULTILINE)
_MD_LINK = regex.compile(r"\[([^\[\]\n]{1,300})\](?:\[(\d+)\]|\(([^()\s]{1,2000})\))")
_SENTENCE_END = regex.compile(r"[.!?…][\"”’')\]]*(?:\s+|(?=[\p{Lu}\"“‘#@]))|:\s+|\s{2,}")
_POST_END = regex.compile(r"(?:\S+\.\S+/\S+|[.!?…\"”’)\p{So}\p{Sk}])$", regex.REVERSE)
_BEFORE_DATE = regex.compile(rf"{_HSPACE}*(?:\n{_HSPACE}*(?:>{_HSPACE}?)*)?")


def fold(text: str) -> str:
    """Fold runs of white space into single spaces and strip the ends."""
    return " ".join(text.split())


def markdown_refs(text: str) -> dict[str, str]:
    """Markdown reference definitions (``[3]: https://…``) of a document, by label."""
    return {m.group(1): m.group(2) for m in _MD_REF_DEF.finditer(text)}


@attrs.frozen
class Byline:
    """An attribution found in text: ``— author (@handle) date``."""

    start: int
    """Offset of the dash."""
    end: int
    """End of the attribution (after the date and any Markdown link around it)."""
    author: str
    handle: str
    date: ParsedDate | None
    link: str | None
    """The URL the date links to (Markdown inline or reference link), if any."""
    dash_entity: bool
    """The dash was written as an HTML entity, so the text around it is HTML-escaped."""


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _at_line_start(text: str, pos: int) -> bool:
    """Whether only indentation or Markdown quote markers stand before ``pos`` on its line."""
    start = _line_start(text, pos)
    return _quote_prefix_end(text, start, pos) == pos


def _quote_prefix_end(text: str, start: int, end: int | None = None) -> int:
    """End of the indentation and Markdown quote markers that open ``text[start:]``."""
    m = _QUOTE_PREFIX.match(text, start, len(text) if end is None else end)
    return m.end() if m else start


def _find_dash(text: str, handle_start: int) -> regex.Match[str] | None:
    """The dash that opens the attribution ending at ``handle_start`` (on the same line)."""
    floor = max(_line_start(text, handle_start), handle_start - MAX_AUTHOR_CHARS - 12)
    em: regex.Match[str] | None = None
    plain: regex.Match[str] | None = None
    for m in _DASH.finditer(text, floor, handle_start):
        if m.group().startswith("-"):
            before = text[m.start() - 1] if m.start() > 0 else "\n"
            if before.isspace():
                plain = m
        else:
            em = m
    return em or plain


def _date_after(
    text: str, pos: int, refs: Mapping[str, str]
) -> tuple[ParsedDate | None, str | None, int]:
    """The date after an attribution: plain, or as a Markdown link ``[date][n]``/``[date](url)``."""
    m = _BEFORE_DATE.match(text, pos)
    at = m.end() if m else pos
    if text.startswith("[", at):
        link = _MD_LINK.match(text, at)
        if link is not None:
            date = match_date(text, at + 1, at + 1 + len(link.group(1)))
            if date is not None and date.end == at + 1 + len(link.group(1)):
                url = link.group(3) or refs.get(link.group(2) or "")
                return date, url, link.end()
        return None, None, pos
    date = match_date(text, at)
    if date is None:
        return None, None, pos
    return date, None, date.end


@functools.cache
def _handle_pattern(handle: str) -> regex.Pattern[str]:
    return regex.compile(rf"\(@({handle})\)")


def find_bylines(
    doc: TextDocument,
    handle: str,
) -> Iterator[Byline]:
    """Yield each ``— author (@handle) [date]`` attribution in ``doc``.

    ``handle`` is the regular expression of one handle (without the ``@``). An attribution
    counts when its dash opens a line, or a date follows the handle, or the dash follows the
    end of a post (a media or other link, sentence punctuation, an emoji).
    """
    text = doc.text
    for m in _handle_pattern(handle).finditer(text):
        dash = _find_dash(text, m.start())
        if dash is None:
            continue
        author = fold(text[dash.end() : m.start()])
        if not author or len(author) > MAX_AUTHOR_CHARS:
            continue
        date, link, end = _date_after(text, m.end(), doc.refs)
        if date is None and not _at_line_start(text, dash.start()):
            before = text[max(0, dash.start() - 40) : dash.start()].rstrip()
            if not before or not _POST_END.search(before):
                continue
        entity = dash.group().startswith("&")
        yield Byline(
            start=dash.start(),
            end=end if date is not None else m.end(),
            author=html.unescape(author) if entity else author,
            handle=m.group(1),
            date=date,
            link=link,
            dash_entity=entity,
        )


@attrs.frozen
class PostText:
    """The text of a post as found before its attribution."""

    start: int
    """Offset where the post text begins."""
    raw: str
    """The text as written (Markdown markers and links still in place)."""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _lines_above(text: str, line_start: int, floor: int) -> Iterator[tuple[int, str]]:
    """``(start, line)`` of each line above the one starting at ``line_start``, going up."""
    pos = line_start
    while pos > floor:
        start = max(_line_start(text, pos - 1), floor)
        yield start, text[start : pos - 1]
        pos = start


def _next_indent(text: str, pos: int) -> int | None:
    """Indentation of the first non-blank line after the line holding ``pos``."""
    newline = text.find("\n", pos)
    while newline >= 0:
        following = text.find("\n", newline + 1)
        line = text[newline + 1 : following if following >= 0 else len(text)]
        if line.strip():
            return _indent(line)
        if following < 0:
            return None
        newline = following
    return None


_GLUED_PARAGRAPHS = regex.compile(r"(?<=\p{Ll}{2}[.!?…][\"”’)]*)(?=[\p{Lu}“][\p{Ll}\s'’])")
"""Paragraphs an extractor joined with nothing between them: ``…quipped.Another wondered``."""
_OPEN_END = regex.compile(r"[^.!?…:;\"”’)»]\s*$", regex.REVERSE)


def _paragraph_before(text: str, end: int, floor: int) -> int:
    """Start of the block of text that ends at ``end`` (a post's text above its attribution).

    * a Markdown quote: all adjacent ``>`` lines;
    * after a blank line: the paragraph above it, and the paragraphs above that at the same
      indentation when that indentation sets the block apart from the text that follows;
    * a paragraph joined to the text before it with no space (``…quipped.Another``): from
      the last such join;
    * text with one paragraph a line: the line above, and lines above it that end without
      sentence punctuation (lines broken inside one post).
    """
    line_start = _line_start(text, end)
    lines = _lines_above(text, line_start, floor)
    if not _at_line_start(text, end):
        glued = [m.end() for m in _GLUED_PARAGRAPHS.finditer(text, line_start, end)]
        if glued:
            return glued[-1]
        return _extend_broken_lines(lines, line_start)
    prefix = text[line_start:end]
    if ">" in prefix:
        begin = line_start
        for start, line in lines:
            if not line.lstrip().startswith(">"):
                break
            begin = start
        return begin
    indent = _indent(prefix)
    blank = False
    for start, line in lines:
        if line.strip():
            if not blank:
                return _extend_broken_lines(lines, start)
            return _indented_block(text, end, lines, start, indent)
        blank = True
    return line_start


def _extend_broken_lines(lines: Iterator[tuple[int, str]], begin: int) -> int:
    for start, line in lines:
        if not line.strip() or not _OPEN_END.search(line) or line.lstrip().startswith("<!--"):
            break
        begin = start
    return begin


def _indented_block(
    text: str, end: int, lines: Iterator[tuple[int, str]], begin: int, indent: int
) -> int:
    """The paragraph starting before ``begin`` and, for a set-apart indented block, those above."""
    paragraph_start = begin
    for start, line in lines:
        if not line.strip():
            break
        paragraph_start = start
    following = _next_indent(text, end)
    if not indent or following is None or following >= indent:
        return paragraph_start
    block = paragraph_start
    for start, line in lines:
        if line.strip():
            if _indent(line) != indent:
                break
            block = start
    return block


def post_text_before(
    text: str,
    end: int,
    weight: Callable[[str], int],
    *,
    floor: int = 0,
) -> PostText | None:
    """Find the post text that ends at ``end`` (where its attribution or media link begins).

    The text reaches back to the start of its block (see the module docs) but never weighs
    more than :data:`MAX_POST_WEIGHT`; when it would, it starts at the earliest sentence that
    fits, so the article's sentences before a post are not swallowed.
    """
    begin = _paragraph_before(text, end, floor)
    begin = max(begin, floor)
    body = text[begin:end]
    if not body.strip():
        return None
    if weight(clean_post_text(body)) <= MAX_POST_WEIGHT:
        return PostText(begin + len(body) - len(body.lstrip()), body.strip())
    starts = [
        m.end() for m in _SENTENCE_END.finditer(text, begin, end) if text[m.end() : end].strip()
    ]
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if weight(clean_post_text(text[starts[middle] : end])) <= MAX_POST_WEIGHT:
            high = middle
        else:
            low = middle + 1
    if low == len(starts):
        return None
    candidate = text[starts[low] : end]
    return PostText(starts[low] + len(candidate) - len(candidate.lstrip()), candidate.strip())


def clean_post_text(raw: str) -> str:
    """Drop Markdown quote markers and link brackets, then fold white space."""
    if ">" in raw:
        raw = "\n".join(line[_quote_prefix_end(line, 0) :] for line in raw.split("\n"))
    if "[" in raw:
        raw = _MD_LINK.sub(lambda m: m.group(1), raw)
    return fold(raw)
