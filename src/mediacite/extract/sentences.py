"""Sentence splitting for prose: where each sentence of a plain text starts and ends.

One linear pass over the text. Blank lines end paragraphs; a single line break ends a
sentence unless the text looks hard-wrapped there. Inside a paragraph a sentence ends at
``.``, ``!``, ``?`` or ``…`` (and any closing quotes or brackets after it) followed by white
space and a capital letter, digit-free opener or opening quote — except after an
abbreviation (``Mr.``, ``Sen.``, ``Gov.``, an initial, a German ordinal before a month name).
Terminal punctuation inside a quotation does not end the sentence when the quotation closes
within :data:`MAX_QUOTE_CHARS` in the same paragraph, so ``"It is vile. It is wrong," she
tweeted.`` is one sentence; a quotation that never closes leaves its stops in place.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator

import attrs
import regex

__all__ = [
    "MAX_QUOTE_CHARS",
    "WRAP_MIN_CHARS",
    "Sentence",
    "closes_at",
    "closes_quote",
    "opens_quote",
    "split_sentences",
]

MAX_QUOTE_CHARS = 1200
"""A quotation longer than this is treated as unclosed (several sentences of a post fit)."""

WRAP_MIN_CHARS = 60
"""A line at least this long that ends without a stop is taken as hard-wrapped prose (the
Markdown convention is 72–100 columns; headings and list items are shorter)."""

_PARAGRAPH = regex.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = regex.compile(r"\r?\n")
_EVENTS = regex.compile(
    r"(?P<term>[.!?…]+)(?P<close>[\"”’'»)\]]*)|(?P<q>[\"“”„«»‘’'])", regex.VERSION1
)
_WORD_BEFORE = regex.compile(r"([\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)\Z")
_NEXT = regex.compile(r"\s+(\S)(\p{L}*)")
_LINE_END_STOP = regex.compile(r"[.!?…:][\"”’'»)\]]*\s*\Z")
_LIST_START = regex.compile(r"\s*(?:[-*+>#|]|\d{1,3}[.)])\s")
_OPEN_AFTER = frozenset(" \t\n\r([{:—–-/")
_OPENERS = frozenset("“„«‘")
_CLOSERS = frozenset("”»’")
_STARTERS = frozenset("\"“„«‘'([¿¡@#")


@attrs.frozen
class Sentence:
    """A sentence: character offsets into the text and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


def opens_quote(char: str, text: str, at: int) -> bool:
    """Whether the quotation mark ``char`` at ``text[at]`` opens a quotation.

    By its shape, or for straight quotes by what stands around it: white space or an opening
    bracket before, and no white space after (``mais "incríveis " que`` closes with a stray
    space before the mark).
    """
    if char in _OPENERS:
        return not (char == "‘" and at > 0 and text[at - 1].isalnum())
    if char in _CLOSERS:
        return False
    if at + 1 < len(text) and text[at + 1].isspace():
        return False
    return at == 0 or text[at - 1] in _OPEN_AFTER


def closes_at(char: str, text: str, at: int, top: str) -> bool:
    """Whether the quotation mark at ``text[at]`` closes the quotation opened by ``top``.

    German ``„…“`` closes with the mark English opens with.
    """
    if not closes_quote(char, top):
        return False
    return not opens_quote(char, text, at) or (char == "“" and top == "„")


def closes_quote(char: str, top: str) -> bool:
    """Whether the quotation mark ``char`` closes a quotation opened by ``top``."""
    single = top in "‘'"
    if char in "’'":
        return single
    if char == "“":
        return top == "„"
    return not single


class _Splitter:
    """Boundaries of one run of text (a paragraph, or one line of it)."""

    def __init__(self, text: str, abbreviations: Collection[str], months: Collection[str]):
        self.text = text
        self.abbreviations = abbreviations
        self.months = months

    def _ends_sentence(self, term_start: int, after: int) -> bool:
        text = self.text
        follow = _NEXT.match(text, after)
        if follow is None:
            return False
        first = follow.group(1)
        if not (first.isupper() or first in _STARTERS):
            return False
        if text[term_start] != "." or text[term_start:after].startswith(".."):
            return True
        word = _WORD_BEFORE.search(text, max(0, term_start - 40), term_start)
        if word is None:
            return True
        token = word.group(1)
        initial = (
            len(token) == 1
            and token.isalpha()
            and text[word.start() - 1 : word.start()] not in "'’"
            and first.isupper()
        )
        if initial or ("." in token and not token.replace(".", "").isdigit()):
            return False
        if token.casefold() in self.abbreviations:
            return False
        return not (token.isdigit() and (first + follow.group(2)).casefold() in self.months)

    def boundaries(self, start: int, end: int) -> Iterator[int]:
        """Offsets in ``[start, end)`` where a new sentence begins."""
        text = self.text
        stack: list[tuple[str, int]] = []
        pending: list[int] = []
        sentence_start = start
        for m in _EVENTS.finditer(text, start, end):
            if stack and m.start() - stack[0][1] > MAX_QUOTE_CHARS:
                yield from pending
                pending, stack = [], []
            quote = m.group("q")
            if quote is not None:
                at = m.start()
                if stack and closes_at(quote, text, at, stack[-1][0]):
                    stack.pop()
                    if not stack:
                        pending = []
                elif (
                    opens_quote(quote, text, at)
                    and len(stack) < 2
                    and (quote not in "‘'" or (at + 1 < end and text[at + 1].isalpha()))
                ):
                    stack.append((quote, at))
                continue
            leading = bool(stack) and not text[sentence_start : stack[0][1]].strip()
            for char in m.group("close"):
                if stack and char in "\"”’'»" and closes_quote(char, stack[-1][0]):
                    stack.pop()
                    if not stack:
                        pending = []
            if self._ends_sentence(m.start(), m.end()):
                if stack:
                    pending.append(m.end())
                elif not (leading and m.group("close") and m.group("term")[-1] in "!?…"):
                    sentence_start = m.end()
                    yield m.end()
        yield from pending


def _segments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Runs of lines of one paragraph that belong together.

    Cut where a line break ends a sentence: a stop or colon at the end of the line, or a
    short line before a capital.
    """
    seg_start = line_start = start
    for br in _LINE_BREAK.finditer(text, start, end):
        line = text[line_start : br.start()]
        nxt = br.end()
        hard_wrapped = (
            not _LINE_END_STOP.search(line)
            and (text[nxt : nxt + 1].islower() or len(line.strip()) >= WRAP_MIN_CHARS)
            and not _LIST_START.match(text, nxt)
        )
        if not hard_wrapped:
            yield seg_start, br.start()
            seg_start = nxt
        line_start = nxt
    yield seg_start, end


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    at = start
    for m in _PARAGRAPH.finditer(text, start, end):
        yield at, m.start()
        at = m.end()
    yield at, end


def split_sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    abbreviations: Collection[str] = frozenset(),
    months: Collection[str] = frozenset(),
    paragraph: int = 0,
) -> list[Sentence]:
    """The sentences of ``text[start:end]``, white space trimmed, in order.

    ``abbreviations`` are case-folded words that a period does not end a sentence after;
    ``months`` are case-folded month names (a number and a period before one is an ordinal).
    ``paragraph`` numbers the first paragraph; each blank line adds one.
    """
    stop = len(text) if end is None else end
    splitter = _Splitter(text, abbreviations, months)
    found: list[Sentence] = []
    for para_no, (para_start, para_end) in enumerate(_paragraphs(text, start, stop), paragraph):
        for seg_start, seg_end in _segments(text, para_start, para_end):
            cuts = [seg_start, *sorted(set(splitter.boundaries(seg_start, seg_end))), seg_end]
            for a, b in itertools.pairwise(cuts):
                s, e = _trim(text, a, b)
                if e > s:
                    found.append(Sentence(s, e, para_no))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
