"""Credit lines of flattened embeds: ``CAPTION A post shared by Name (@handle) on DATE at TIME``.

Instagram's embed prints its credit line in the reader's language (``A photo posted by``,
``Ein Beitrag geteilt von``, ``Публикация от``, ``Video kiriman`` …) and Facebook's prints
``Posted by Name on Wednesday, March 2, 2016``. What a credit line is does not depend on the
words: a handle (in parentheses after a display name, or bare after ``@``), a date in any CLDR
language, and — for Instagram — a clock time and a time zone after the date (``at 9:10am PDT``,
``um 12:30 PDT``, ``в 1:10 PDT``, ``pada 9:50 PDT``). The platform modules give the credit
phrases they know (so the caption before the phrase and the display name after it can be told
apart); a credit whose phrase is unknown is still found by its structure.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract.bylines import sane_author
from mediacite.extract.dates import ParsedDate, match_date
from mediacite.extract.extent import PostText, fold, line_start, line_start_near, post_text_before
from mediacite.extract.textdoc import TextDocument

__all__ = ["Credit", "caption_before", "find_credits", "find_posted_by"]

MAX_NAME_CHARS = 50
"""Display names are at most 50 characters (Instagram: 30)."""

MAX_PHRASE_WORDS = 4
"""Words of a credit phrase that follows the display name instead of preceding it."""

MAX_NAME_WORDS = 5
"""A display name found without its credit phrase is read as at most this many words."""

_HSPACE = r"[ \t\u00a0]"
_SPACES = compile_later(rf"{_HSPACE}*")
_CONNECTORS = (
    compile_later(r"\p{Ll}{1,5}(?=\p{Lu})"),
    compile_later(rf"[^\W\d_]{{1,6}}:?{_HSPACE}+"),
    compile_later(rf"(?:[^\W\d_]{{1,6}}:?{_HSPACE}+){{2}}"),
)
"""The short words between a handle and its date (``on``, ``am``, ``le``, ``pada``, Italian's
``in data:``), also glued to the month as extractors leave it (``onMar 6, 2016``); one word is
tried before two."""
_WORD = compile_later(r"\S+")
_CLOCK_REACH = 80
"""How far after a handle its clock time may start (the date and its connector words)."""
_CLOCK_AHEAD = compile_later(rf"[^\n]{{0,{_CLOCK_REACH}}}?\d:\d\d")
"""A clock time on the handle's line, which a credit found by its structure must have
(its colon, the first thing looked for, is at most ``_CLOCK_REACH + 1`` characters on)."""
_ZONED_CLOCK = compile_later(
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?\s?[Mm]\.?)?+(?!\d)[ \t\u00a0]\p{Lu}{2,5}(?!\w)"
)
"""A clock time and a time zone (``9:10am PDT``), as a date's clock reads it
(:func:`~mediacite.extract.dates.match_date`: the zone is upper case and never the am/pm).
A credit found by its structure needs one after its handle; the places of all of them in a
text are found once, so a handle with none after it is not read further."""
_PHRASE_AFTER = compile_later(
    rf"(?:{_HSPACE}+[^\W\d_]{{1,12}}){{1,{MAX_PHRASE_WORDS}}}[ \t\u00a0(]+"
)
_CREDIT_END = compile_later(r"[ \t\u00a0\r]*(?:\n|\Z|\((?!@))|[ \t\u00a0]{2}")
"""What ends a credit line without a date: the end of the line (or the double space an
extractor leaves between blocks), or link residue such as ``(opens in new tab)``."""
_ON = compile_later(rf"(?<={_HSPACE})[^\W\d_]{{1,6}}{_HSPACE}+")
_WEEKDAY = compile_later(rf"[^\W\d_]{{3,15}}(?:-[^\W\d_]{{3,8}})?,?{_HSPACE}+")
"""The weekday before a credit's date, as CLDR writes it (``Wednesday,``, ``quarta-feira,``,
``mercredi``: the comma is not written in every language)."""


@attrs.frozen
class Credit:
    """A credit line found in text."""

    start: int
    """Where the credit begins (its phrase, or its display name): the caption ends here."""
    end: int
    """End of the credit (after the date and its clock time, or after the handle or name)."""
    author: str | None
    handle: str | None
    date: ParsedDate | None
    phrase: bool
    """The credit phrase was recognised, so the caption before it can be read."""


@functools.cache
def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The phrases as the embed prints them (case-sensitive: ten times faster than not).

    Literal words and spaces only, which the standard ``re`` module reads alike and scans
    three times faster than ``regex`` does (the scan covers nearly every line of text dense
    with handles).
    """
    words = "|".join(rf"{_HSPACE}+".join(re.escape(word) for word in p.split(" ")) for p in phrases)
    return re.compile(rf"(?:{words}){_HSPACE}*")


@functools.cache
def _handle_in_parentheses(handle: str) -> regex.Pattern[str]:
    return regex.compile(rf"\(@{_HSPACE}?({handle})\)")


@functools.cache
def _handle_after_name(handle: str) -> regex.Pattern[str]:
    return regex.compile(rf"\(@{_HSPACE}?({handle})\)|(?<![\w@])@{_HSPACE}?({handle})(?![\w@])")


def _date_after(text: str, pos: int) -> ParsedDate | None:
    """The date after a handle, directly or after a connector word."""
    spaces = _SPACES.match(text, pos)
    at = spaces.end() if spaces else pos
    if at >= len(text):
        return None
    date = match_date(text, at)
    for connector in _CONNECTORS:
        if date is not None:
            return date
        word = connector.match(text, at)
        date = match_date(text, word.end()) if word is not None else None
    return date


def _date_after_words(text: str, pos: int) -> ParsedDate | None:
    """A date a few words after a handle.

    So it is in languages whose credit phrase follows the name (``Name (@handle) tarafından
    paylaşılan bir gönderi 12 Mar 2018 12:30 PDT``).
    """
    m = _PHRASE_AFTER.match(text, pos)
    return match_date(text, m.end()) if m is not None else None


def _end_with_repeat(text: str, date: ParsedDate) -> int:
    """The end of a credit's date, past an immediate second copy of the same date."""
    m = _SPACES.match(text, date.end)
    again = match_date(text, m.end()) if m is not None and m.end() > date.end else None
    if again is not None and again.text == date.text:
        return again.end
    return date.end


def _lines_with(text: str, char: str) -> Iterator[tuple[int, int]]:
    """The lines of ``text`` that hold ``char``: ``(start, end)``, the newline left out."""
    at = text.find(char)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        yield start, end
        at = text.find(char, end)


def find_credits(
    doc: TextDocument, phrases: Iterable[str], handle: str, *, needs_clock: bool = True
) -> Iterator[Credit]:
    """Yield ``PHRASE Name (@handle) [on] DATE [at TIME ZONE]`` credit lines in ``doc``.

    ``phrases`` are the credit phrases of one platform in its languages and ``handle`` the
    regular expression of one handle. A credit with a known phrase needs nothing more (its
    name, handle and date may each be missing or bare: ``A post shared by @ name on …``);
    one without needs a handle in parentheses followed by a date with a clock time and a
    time zone (``needs_clock``). A phrase is looked for only on lines with an ``@``: the
    handle follows it on its line.
    """
    text = doc.text
    found: list[Credit] = []
    pattern = _phrases(tuple(phrases))
    for lo, hi in _lines_with(text, "@"):
        for phrase in pattern.finditer(text, lo, hi):
            credit = _after_phrase(text, phrase.start(), phrase.end(), handle)
            if credit is not None and (not found or credit.start >= found[-1].end):
                found.append(credit)
    yield from found
    spans = iter(found)
    current = next(spans, None)
    zones: list[int] | None = None
    for m in _handle_in_parentheses(handle).finditer(text):
        while current is not None and current.end <= m.start():
            current = next(spans, None)
        if current is not None and current.start <= m.start():
            continue
        if needs_clock:
            colon = text.find(":", m.end() + 1, m.end() + _CLOCK_REACH + 2)
            if colon < 0 or not _CLOCK_AHEAD.match(text, m.end()):
                continue
            if zones is None:
                zones = [z.start() for z in _ZONED_CLOCK.finditer(text, overlapped=True)]
            if bisect.bisect_left(zones, m.end()) == len(zones):
                break  # no zoned clock after this handle, so none after the handles that follow
        date = _date_after(text, m.end()) or _date_after_words(text, m.end())
        if date is None or (needs_clock and (date.clock is None or date.zone is None)):
            continue
        name_start = _name_start(text, m.start())
        yield Credit(
            start=name_start,
            end=_end_with_repeat(text, date),
            author=fold(text[name_start : m.start()]) or None,
            handle=m.group(1),
            date=date,
            phrase=False,
        )


def _after_phrase(text: str, start: int, pos: int, handle: str) -> Credit | None:
    """The credit whose phrase spans ``text[start:pos]``."""
    limit = min(len(text), pos + MAX_NAME_CHARS + 4)
    newline = text.find("\n", pos, limit)
    stop = newline if newline >= 0 else limit
    if text.find("@", pos, stop) < 0:
        return None  # every form of the handle holds its "@"
    found = _handle_after_name(handle).search(text, pos, stop)
    if found is None:
        return None
    name = fold(text[pos : found.start()])
    if (found.group(1) is None and name) or (name and not sane_author(name, MAX_NAME_CHARS)):
        return None
    date = _date_after(text, found.end())
    if date is not None and date.clock is not None and date.zone is None:
        return None
    if date is None and not _CREDIT_END.match(text, found.end()):
        return None
    end = _end_with_repeat(text, date) if date is not None else found.end()
    return Credit(
        start=start,
        end=end,
        author=name or None,
        handle=found.group(1) or found.group(2),
        date=date,
        phrase=True,
    )


def _name_start(text: str, handle_start: int) -> int:
    """Start of a display name before ``handle_start`` when no credit phrase precedes it.

    The name is read as the words right before the handle that do not start in lower case
    (at most :data:`MAX_NAME_WORDS`); without such words, the credit starts at the handle.
    """
    lo = line_start_near(text, handle_start, MAX_NAME_CHARS)[0]
    words = list(_WORD.finditer(text, lo, handle_start))
    start = handle_start
    for word in reversed(words[-MAX_NAME_WORDS:]):
        token = word.group()
        if token[0].islower():
            break
        start = word.start()
    return start


def find_posted_by(doc: TextDocument, phrases: Iterable[str]) -> Iterator[Credit]:
    """Yield ``PHRASE Name on Weekday, DATE`` credit lines (Facebook's) in ``doc``.

    The display name runs from the phrase to a connector word, a weekday name, a comma and a
    complete date (``Posted by Liza Minnelli on Thursday, June 14, 2018``).
    """
    text = doc.text
    for m in _phrases(tuple(phrases)).finditer(text):
        limit = min(len(text), m.end() + MAX_NAME_CHARS + 24)
        newline = text.find("\n", m.end(), limit)
        stop = newline if newline >= 0 else limit
        for space in _ON.finditer(text, m.end(), stop):
            weekday = _WEEKDAY.match(text, space.end())
            date = match_date(text, weekday.end()) if weekday else None
            if date is None or date.date is None:
                continue
            author = fold(text[m.end() : space.start()])
            if not author:
                break
            yield Credit(
                start=m.start(),
                end=date.end,
                author=author,
                handle=None,
                date=attrs.evolve(date, text=text[space.end() : date.end], start=space.end()),
                phrase=True,
            )
            break


def caption_before(
    text: str, credit: Credit, weight: Callable[[str], int], floor: int
) -> PostText | None:
    """The caption printed before a credit line.

    Only text on the credit's own line, or on the line right above it, is a caption: a credit
    that opens its paragraph lost its caption to the extractor.
    """
    if not credit.phrase:
        return None
    first = line_start(text, credit.start)
    if not text[first : credit.start].strip():
        above = text.rfind("\n", 0, max(first - 1, 0))
        if first == 0 or not text[above + 1 : first - 1].strip():
            return None
    return post_text_before(text, credit.start, weight, floor=floor)
