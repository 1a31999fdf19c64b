"""Flattened post cards: what a rendered embed leaves when its text is scraped.

A rendered card prints an account line (a display name, a verification mark, ``@handle``, a
follow button), the post's text and a time stamp (``4:23 PM - 6 Aug 2012``); scrapers keep
them in reading order, on one line or on several, sometimes with the text after the stamp:

* ``TEXT Follow Name ✔ @handle 4:23 PM - 6 Aug 2012 9,792 Retweets 6,844 likes``
* ``Follow`` / ``Name @handle`` / ``TEXT`` / ``11:22 PM - 19 Oct 2016``
* ``NAME`` / ``9:46 AM - 5 Nov 2017 “TEXT”`` (an account line without the handle)
* ``Name`` / ``@handle`` / ``·`` / ``Follow`` / ``TEXT`` / ``9:14 AM · May 3, 2023`` (cards
  since 2019, and a post's own page)

The time stamp (a clock time, a dash and a date: :attr:`ParsedDate.stamp`) anchors a card; the
account line is looked for right before it. A platform gives its handle pattern and the words
of its follow button.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract.dates import ParsedDate, match_date
from mediacite.extract.extent import fold, line_start, line_start_near
from mediacite.extract.textdoc import TextDocument

__all__ = ["Card", "find_cards"]

MAX_ACCOUNT_CHARS = 90
"""An account line: a display name (at most 50 characters), marks, a handle and a button."""

MAX_ACCOUNT_WORDS = 6
"""A display name read without a follow button before it is at most this many words."""

MAX_CARD_LINES = 8
"""Lines between a card's account line and its time stamp (a post of a few paragraphs)."""

MAX_CARD_TEXT = 1200
"""Characters of text a card holds between its account line and its stamp (280 weighed, with
links written out in full)."""

_STAMP = compile_later(
    r"(?<![\d:])\d{1,2}:\d{2}[ \t\u00a0]?[AaPp]\.?[Mm]\.?[ \t\u00a0]*[-–·][ \t\u00a0]*[\d\p{L}]"
)
"""Where a stamp starts: ``4:23 PM - 6 Aug 2012`` (cards until 2019), ``9:14 AM · May 3, 2023``
(cards since, and a post's own page)."""
_SEPARATORS = " \t\u00a0\r·•|"
"""What a card prints between its handle and its follow button (``· Follow``)."""
_COUNTS = compile_later(
    r"(?:[ \t\u00a0]+[\d.,]+[KkMm]?(?:[ \t\u00a0]+[\d.,]+[KkMm]?)?[ \t\u00a0]+\p{L}{3,12}){1,4}"
)
"""Engagement counts after a stamp: ``9,792 9,792 Retweets 6,844 6,844 likes``."""
_MARKS = "✔✓☑🔵\u2714\ufe0f"


@attrs.frozen
class Card:
    """A flattened card found in text."""

    start: int
    """Start of the card (its text or its account line, whichever comes first)."""
    end: int
    text_start: int
    text_end: int
    """Where the post's text sits (empty when the card printed none)."""
    author: str | None
    handle: str | None
    date: ParsedDate


@functools.cache
def _handle_at_end(handle: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\w@])@(?P<handle>{handle})[ \t\u00a0\r]*$")


def find_cards(doc: TextDocument, handle: str, follow: Iterable[str]) -> Iterator[Card]:
    """Yield the flattened cards in ``doc`` (see the module docs for their shapes).

    ``handle`` is the regular expression of one handle; ``follow`` the words of the follow
    button, which is never part of the display name.
    """
    text = doc.text
    at_end = _handle_at_end(handle)
    buttons = tuple(follow)
    for m in _STAMP.finditer(text):
        date = match_date(text, m.start())
        if date is None or not date.stamp or date.date is None:
            continue
        counts = _COUNTS.match(text, date.end)
        end = counts.end() if counts else date.end
        card = _inline_account(text, date, end, at_end, buttons) or _account_above(
            text, date, end, at_end, buttons
        )
        if card is not None:
            yield card


def _name(text: str, start: int, end: int, buttons: tuple[str, ...]) -> tuple[int, str] | None:
    """The display name in ``text[start:end]`` (after a follow button, if one is there).

    Returns where the account line starts (the button, or the name) and the name.
    """
    segment = text[start:end]
    at = -1
    for word in buttons:
        found = segment.rfind(word)
        if found >= 0 and (found == 0 or segment[found - 1].isspace()):
            at = max(at, found)
    if at >= 0:
        name = fold(segment[at:].split(None, 1)[1] if len(segment[at:].split(None, 1)) > 1 else "")
        return start + at, name.strip(_MARKS + " ")
    return None


def _inline_account(
    text: str, date: ParsedDate, end: int, at_end: regex.Pattern[str], buttons: tuple[str, ...]
) -> Card | None:
    """``TEXT Follow Name ✔ @handle STAMP``: the account line right before the stamp."""
    lo = line_start_near(text, date.start, MAX_ACCOUNT_CHARS)[0]
    handle = at_end.search(text, lo, date.start)
    if handle is None:
        return None
    found = _name(text, lo, handle.start(), buttons)
    if found is None or not found[1] or len(found[1].split()) > MAX_ACCOUNT_WORDS:
        return None
    return Card(
        start=found[0],
        end=end,
        text_start=found[0],
        text_end=found[0],
        author=found[1],
        handle=handle.group("handle"),
        date=date,
    )


def _account_above(
    text: str, date: ParsedDate, end: int, at_end: regex.Pattern[str], buttons: tuple[str, ...]
) -> Card | None:
    """A stamp opening its line, with the account line a few lines above it."""
    first, near = line_start_near(text, date.start, MAX_ACCOUNT_CHARS)
    if not near or text[first : date.start].strip():
        return None
    filled: list[tuple[int, str]] = []
    pos = first
    while pos > 0 and len(filled) < MAX_CARD_LINES and first - pos <= MAX_CARD_TEXT:
        start = line_start(text, pos - 1)
        if text[start : pos - 1].strip():
            filled.append((start, text[start : pos - 1]))
        pos = start
    for index, (start, line) in enumerate(filled):
        handle = at_end.search(text, start, start + len(line))
        if handle is None or len(line.strip()) > MAX_ACCOUNT_CHARS:
            continue
        lead = start + len(line) - len(line.lstrip())
        name = fold(text[lead : handle.start()]).strip(_MARKS + " ")
        if any(name.startswith(word + " ") or name == word for word in buttons):
            name = name.split(None, 1)[1] if " " in name else ""
        above = filled[index + 1] if index + 1 < len(filled) else None
        if above is not None and above[1].strip() in buttons:
            lead = above[0] + len(above[1]) - len(above[1].lstrip())
        elif above is not None and not name and _bare_name(above[1].strip().strip(_MARKS)):
            name = fold(above[1]).strip(_MARKS + " ")  # the name on its own line, the handle below
            lead = above[0] + len(above[1]) - len(above[1].lstrip())
        if name and len(name.split()) > MAX_ACCOUNT_WORDS:
            return None
        if index:
            body = [at for at, above_line in filled[:index] if not _chrome(above_line, buttons)]
            if not body:
                return None
            return Card(
                start=lead,
                end=end,
                text_start=body[-1],
                text_end=date.start,
                author=name or None,
                handle=handle.group("handle"),
                date=date,
            )
        return _text_after(text, lead, end, name or None, handle.group("handle"), date)
    if not filled:
        return None
    start, line = filled[0]
    name = line.strip().strip(_MARKS)
    if not _bare_name(name):
        return None
    return _text_after(text, start + len(line) - len(line.lstrip()), end, name, None, date)


def _chrome(line: str, buttons: tuple[str, ...]) -> bool:
    """Whether a line between an account line and a card's text is the card's own chrome."""
    words = line.strip(_SEPARATORS)
    return not words or words in buttons


def _text_after(
    text: str, start: int, end: int, author: str | None, handle: str | None, date: ParsedDate
) -> Card | None:
    """A card whose text follows its stamp on the stamp's line."""
    line_end = text.find("\n", end)
    body_end = line_end if line_end >= 0 else len(text)
    if not text[end:body_end].strip():
        return None
    return Card(
        start=start,
        end=body_end,
        text_start=end,
        text_end=body_end,
        author=author,
        handle=handle,
        date=date,
    )


def _bare_name(name: str) -> bool:
    """Whether a line alone above a stamp reads as an account line (a short name)."""
    words = name.split()
    if not words or len(words) > MAX_ACCOUNT_WORDS or len(name) > MAX_ACCOUNT_CHARS:
        return False
    return name[-1] not in ".!?:;," and "@" not in name and "/" not in name
