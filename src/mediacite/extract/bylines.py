"""Flattened citations: ``TEXT [media] — Name (@handle) DATE`` as text extractors leave them.

The machinery here is shared by the platform modules: a platform names its handle pattern;
this module finds the attribution and the date after it in every flattening variant. What
makes an attribution is its structure, not the dash: a handle in parentheses, the display
name directly before it and a date directly after it. The dash may be any dash, an HTML
entity, mojibake of one (``â€”``), at the end of the line above (``TEXT —`` / ``Name
(@handle) DATE``) or missing altogether (``…in jail!  Donald J. Trump (@realDonaldTrump)
November 19, 2017Fox News…``). The date may be a Markdown link (``[date][3]``), a raw HTML
anchor left in the text, on the next line, or glued to the sentence after it. The post text
before the attribution is found by :mod:`mediacite.extract.extent`.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterator, Mapping

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract.dates import ParsedDate, match_date, month_words
from mediacite.extract.extent import (
    MAX_POST_WEIGHT,
    PostText,
    clean_post_text,
    fold,
    line_start,
    line_start_near,
    post_text_before,
)
from mediacite.extract.textdoc import TextDocument

__all__ = [
    "MAX_POST_WEIGHT",
    "Byline",
    "PostText",
    "clean_post_text",
    "find_bylines",
    "fold",
    "markdown_refs",
    "post_text_before",
    "sane_author",
]

MAX_AUTHOR_CHARS = 80
"""Display names are at most 50 characters; emoji sequences and spacing need some slack."""

MAX_BARE_AUTHOR_CHARS = 50
"""A display name with no dash before it is at most 50 characters (Twitter's limit)."""


def _mojibake(dash: str) -> set[str]:
    """How ``dash`` reads after its UTF-8 bytes were decoded as cp1252 or Latin-1, once or twice."""
    found: set[str] = set()
    layer = {dash}
    for _ in range(2):
        following: set[str] = set()
        for text in layer:
            data = text.encode("utf-8")
            for codec in ("cp1252", "latin-1"):
                try:
                    following.add(data.decode(codec))
                except UnicodeDecodeError:
                    continue
        found |= following
        layer = following
    return found


_DASH_CHARS = ("—", "–", "―")
_ENTITIES = ("&mdash;", "&#8212;", "&#x2014;", "&ndash;", "&#8211;", "&#x2013;")
_EM_DASHES = "|".join(
    regex.escape(d)
    for d in sorted(
        {*_DASH_CHARS, *_ENTITIES, *(m for d in _DASH_CHARS for m in _mojibake(d))},
        key=len,
        reverse=True,
    )
)
_DASH = compile_later(rf"(?:{_EM_DASHES}|--|-)(?=[ \t\u00a0])", regex.IGNORECASE)
_LINE_END_DASH = compile_later(
    rf"(?:{_EM_DASHES}|(?<=\s)--?)[ \t\u00a0\r]*$", regex.IGNORECASE | regex.REVERSE
)
_HSPACE = r"[ \t\u00a0\u2009\u202f]"
_MD_REF_DEF = compile_later(
    r"^[ \t>]*\[(\d+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+\S.*?)?[ \t\r]*$", regex.MULTILINE
)
_MD_LINK = compile_later(r"\[([^\[\]\n]{1,300})\](?:\[(\d+)\]|\(([^()\s]{1,2000})\))")
_HTML_ANCHOR = compile_later(
    r"""<a\b[^<>\n]{0,300}?\bhref=["']([^"'<>\s]{1,2000})["'][^<>\n]{0,300}>([^<>\n]{1,60})</a>""",
    regex.IGNORECASE,
)
_POST_END = compile_later(r"(?:\S+\.\S+/\S+|[.!?…\"”’)\p{So}\p{Sk}])$", regex.REVERSE)
_URL_AFTER_DATE = compile_later(
    rf"{_HSPACE}+(?:\((https?://[^\s()<>]{{1,2000}})\)|<(https?://[^\s()<>]{{1,2000}})>"
    r"|(https?://[^\s()<>]{1,2000})(?=\s|\Z))"
)
"""The date's own link written out after it, as text dumps print a link (``May 3, 2023
https://twitter.com/h/status/ID``)."""
_BEFORE_DATE = compile_later(rf"{_HSPACE}*(?:\n{_HSPACE}*(?:>{_HSPACE}?)*)?")
_NAME_BOUNDARY = compile_later(
    r"(?:(?<!(?:^|\s)\p{Lu}\p{Ll}{0,3})[.!?…]+[\"”’')\]]*|[\"”’\p{So}\p{Sk}]|"
    r"(?:https?://|www\.|pic\.|t\.co/)\S+)[ \t\u00a0]+|(?<=\S)[ \t\u00a0]{2,}"
)
"""The end of a post right before a display name written without a dash: sentence punctuation
(not after an initial or a title such as ``J.``, ``Dr.``, ``Rep.``), a closing quote, an emoji,
a link, or the double space an extractor leaves between two blocks. (Not a closing bracket:
it may close another handle, ``(@a) March 14, 2024 x (@a)``.)"""
_AFTER_BARE_DATE = compile_later(r"[ \t\u00a0\r]*(?:\n|\Z)|\p{L}|[ \t\u00a0]+[^\p{Ll}\s.,;:)]")
"""What may follow the date of an attribution without a dash: the end of the line, or a new
sentence (glued to the date, or after white space) — not the rest of a sentence."""
_REST_BLANK = compile_later(r"[ \t\u00a0\r]*(?:\n|\Z)")
_MAY_FOLLOW = (
    rf"[ \t\u00a0\u2009\u202f\r]*(?:[\n\[<\p{{N}}]|\Z)"
    rf"|{_HSPACE}*\(?https?://"
    rf"|{_HSPACE}*(?=\p{{L}})(?P<lead>[^\W\d_]{{1,15}})"
)
"""What may follow the handle of an attribution: the end of its line, or what may open its
date (:func:`_date_after`) — a line break, a Markdown link, an HTML anchor, a number, the date
link printed as its address, or a word (``lead``, which :func:`find_bylines` keeps only when
it is a month's name or three letters long, a weekday's abbreviation: the words
:func:`~mediacite.extract.dates.match_date` lets open a date). This rules out most handles in
running prose before their attribution is read."""
_MAX_TOKEN = 300
"""How far back the start of a link glued before a bare display name is looked for."""
_NOT_IN_AUTHOR = compile_later(r"\(@|https?://|pic\.(?:twitter|x)\.com/|\n")


def markdown_refs(text: str) -> dict[str, str]:
    """Markdown reference definitions (``[3]: https://…``) of a document, by label."""
    return {m.group(1): m.group(2) for m in _MD_REF_DEF.finditer(text)}


def sane_author(author: str, limit: int = MAX_AUTHOR_CHARS) -> bool:
    """Whether ``author`` can be a display name.

    It is short, has a letter, digit or symbol in it, and holds no handle in parentheses, link
    or line break (``(@a) (@a)`` is debris, not a name).
    """
    if not author or len(author) > limit or _NOT_IN_AUTHOR.search(author):
        return False
    return any(ch.isalnum() or not ch.isascii() for ch in author)


@attrs.frozen
class Byline:
    """An attribution found in text: ``— author (@handle) date``."""

    start: int
    """Offset of the dash (or of the name, when there is no dash)."""
    end: int
    """End of the attribution (after the date and any Markdown link around it)."""
    author: str
    handle: str
    date: ParsedDate | None
    link: str | None
    """The URL the date links to (Markdown inline or reference link, raw HTML anchor), if any."""
    dash_entity: bool
    """The dash was written as an HTML entity, so the text around it is HTML-escaped."""
    markup: bool = False
    """The date was a raw HTML anchor: the post text around it is embed markup."""


def _at_line_start(text: str, pos: int) -> bool:
    """Whether only indentation or Markdown quote markers stand before ``pos`` on its line."""
    first, near = line_start_near(text, pos, _MAX_TOKEN)
    return near and not text[first:pos].strip(" \t\u00a0>")


def _find_dash(text: str, handle_start: int) -> regex.Match[str] | None:
    """The dash that opens the attribution ending at ``handle_start`` (on the same line).

    The last em or en dash with a name after it, else the last spaced hyphen with one (a
    name may hold hyphens of its own: ``daniela -- (@…)``).
    """
    floor = line_start_near(text, handle_start, MAX_AUTHOR_CHARS + 12)[0]
    em: regex.Match[str] | None = None
    plain: regex.Match[str] | None = None
    for m in _DASH.finditer(text, floor, handle_start):
        if not text[m.end() : handle_start].strip(" \t\u00a0-–—"):
            continue
        if m.group().startswith("-"):
            before = text[m.start() - 1] if m.start() > 0 else "\n"
            if before.isspace():
                plain = m
        else:
            em = m
    return em or plain


def _dash_above(text: str, name_line: int) -> int | None:
    """The dash ending the line above ``name_line`` (blank lines between), if there is one."""
    pos = name_line - 1
    while pos > 0:
        start = line_start(text, pos)
        line = text[start:pos]
        if line.strip():
            m = _LINE_END_DASH.search(text, start, pos)
            return m.start() if m is not None else None
        pos = start - 1
    return None


def _bare_name_start(text: str, handle_start: int) -> tuple[int, bool] | None:
    """Where a display name written without a dash before ``handle_start`` begins.

    Returns the start and whether a post's end comes right before it (else the name opens
    its line).
    """
    first, near = line_start_near(text, handle_start, MAX_BARE_AUTHOR_CHARS + 2 + _MAX_TOKEN)
    lo = max(first, handle_start - MAX_BARE_AUTHOR_CHARS - 2)
    if lo > first or not near:
        space = max(text.rfind(" ", lo - _MAX_TOKEN, lo), text.rfind("\t", lo - _MAX_TOKEN, lo))
        lo = max(first, space + 1) if space >= 0 else lo
    start = None
    for m in _NAME_BOUNDARY.finditer(text, lo, handle_start):
        if text[m.end() : handle_start].strip():
            start = m.end()
    if start is not None:
        return start, True
    if lo > first or not near:
        return None
    return first + len(text[first:handle_start]) - len(text[first:handle_start].lstrip()), False


def _date_after(
    text: str, pos: int, refs: Mapping[str, str]
) -> tuple[ParsedDate | None, str | None, int, bool]:
    """The date after an attribution.

    Plain (with its link written out after it, as text dumps print links), as a Markdown link
    (``[date][n]``/``[date](url)``, with Markdown's backslash escapes undone) or as a raw HTML
    anchor (``<a href="URL">date</a>``). Returns the date,
    the URL it links to, the end of what was read, and whether it was markup.
    """
    m = _BEFORE_DATE.match(text, pos)
    at = m.end() if m else pos
    if text.startswith("[", at):
        link = _MD_LINK.match(text, at)
        if link is not None:
            label = link.group(1).replace("\\", "")
            date = match_date(label)
            if date is not None and date.end == len(label):
                url = link.group(3) or refs.get(link.group(2) or "")
                return date, url, link.end(), False
        return None, None, pos, False
    if text.startswith("<", at):
        anchor = _HTML_ANCHOR.match(text, at)
        if anchor is not None:
            date = match_date(anchor.group(2).strip())
            if date is not None:
                return date, html.unescape(anchor.group(1)), anchor.end(), True
        return None, None, pos, False
    date = match_date(text, at) if at < len(text) else None
    if date is None:
        return None, None, pos, False
    written = _written_link(text, date.end)
    if written is not None:
        return date, written[0], written[1], False
    return date, None, date.end, False


def _written_link(text: str, pos: int) -> tuple[str, int] | None:
    """A link's address printed at ``pos`` (after white space), and where it ends.

    Bare, or in parentheses or angle brackets; sentence punctuation after a bare address is
    not part of it.
    """
    m = _URL_AFTER_DATE.match(text, pos)
    if m is None:
        return None
    if m.group(3) is None:
        return m.group(1) or m.group(2), m.end()
    url = m.group(3).rstrip(".,;:!?")
    return url, m.start(3) + len(url)


@functools.cache
def _handle_pattern(handle: str) -> regex.Pattern[str]:
    """``(@handle)`` followed by what may follow an attribution's handle (see ``_MAY_FOLLOW``).

    (The look-ahead leaves the matches as they were: a handle holds no ``(``, so no match can
    start inside one that failed it.)
    """
    return regex.compile(rf"\(@({handle})\)(?={_MAY_FOLLOW})")


def find_bylines(doc: TextDocument, handle: str, *, clocked: bool = False) -> Iterator[Byline]:
    """Yield each ``[—] author (@handle) [date]`` attribution in ``doc``.

    ``handle`` is the regular expression of one handle (without the ``@``). With a dash (on
    the same line, or ending the line above), an attribution counts when a date follows the
    handle, or when the handle ends its line and the dash opens a line or follows the end of
    a post (a link, sentence punctuation, an emoji). Without a dash it needs more: a complete
    date right after the handle that is not a time-stamped comment, and a post's end before
    the name — or, for a name opening its line, no running prose after the date.

    A date with a clock time (``May 3, 2023 at 9:14 am``) is a comment's time stamp, unless
    ``clocked``: the platform's embed prints its date so (Bluesky: ``November 25, 2024 at
    12:58 AM``, ``20 novembre 2024 à 14:43``).
    """
    text = doc.text
    months = month_words()
    for m in _handle_pattern(handle).finditer(text):
        lead = m.group("lead")
        if lead is not None and len(lead) != 3 and lead.casefold() not in months:
            continue
        byline = _byline_at(doc, m, clocked)
        if byline is not None:
            yield byline


@attrs.frozen
class _Head:
    """Where an attribution starts and where its display name is."""

    start: int
    name_start: int
    name_end: int
    entity: bool
    dashed: bool


def _head(text: str, m: regex.Match[str], date: ParsedDate | None, end: int) -> _Head | None:
    """The dash and display name before the handle ``m`` (see :func:`find_bylines`)."""
    dash = _find_dash(text, m.start())
    if dash is not None:
        entity = dash.group().startswith("&")
        return _Head(dash.start(), dash.end(), m.start(), entity, True)
    first, near = line_start_near(text, m.start(), _MAX_TOKEN)
    if near and not text[first : m.start()].strip() and date is not None:
        above = _line_above(text, first)
        name_dash = _find_dash(text, above) if above is not None else None
        if above is not None and name_dash is not None and text[name_dash.end() : above].strip():
            entity = name_dash.group().startswith("&")
            return _Head(name_dash.start(), name_dash.end(), above, entity, True)
        return None
    found = _bare_name_start(text, m.start())
    if found is None:
        return None
    bare, after_post = found
    above = _dash_above(text, first) if not after_post else None
    if above is not None:
        return _Head(above, bare, m.start(), False, True)
    if not _bare_attribution(text, date, end, after_post=after_post):
        return None
    return _Head(bare, bare, m.start(), False, False)


def _line_above(text: str, first: int) -> int | None:
    """The end of the nearest line with text above the line starting at ``first``."""
    pos = first - 1
    while pos > 0:
        start = line_start(text, pos)
        if text[start:pos].strip():
            return start + len(text[start:pos].rstrip())
        pos = start - 1
    return None


def _byline_at(doc: TextDocument, m: regex.Match[str], clocked: bool) -> Byline | None:
    text = doc.text
    date, link, end, markup = _date_after(text, m.end(), doc.refs)
    if date is not None and date.clock is not None and not date.stamp and not clocked:
        return None
    bare_end = m.end()
    if date is None:
        written = _written_link(text, m.end())  # the date link printed as its address
        if written is not None and _REST_BLANK.match(text, written[1]):
            link, bare_end = written
        elif not _REST_BLANK.match(text, m.end()):
            return None
    head = _head(text, m, date, end)
    if head is None:
        return None
    author = fold(text[head.name_start : head.name_end])
    if not sane_author(author, MAX_AUTHOR_CHARS if head.dashed else MAX_BARE_AUTHOR_CHARS):
        return None
    if date is None:
        if not head.dashed:
            return None
        start = head.start
        if not _at_line_start(text, start):
            before = text[max(0, start - 40) : start].rstrip()
            if not before or not _POST_END.search(before):
                return None
    return Byline(
        start=head.start,
        end=end if date is not None else bare_end,
        author=html.unescape(author) if head.entity or markup else author,
        handle=m.group(1),
        date=date,
        link=link,
        dash_entity=head.entity,
        markup=markup,
    )


def _bare_attribution(text: str, date: ParsedDate | None, end: int, *, after_post: bool) -> bool:
    """Whether a dateline ends an attribution written without a dash (see :func:`find_bylines`).

    Its date is complete; and unless a post's end comes right before the name, nothing but
    the end of the line or a new sentence follows it.
    """
    if date is None or date.date is None:
        return False
    return after_post or _AFTER_BARE_DATE.match(text, end) is not None
