"""Where a flattened post's text starts: block boundaries, lead-ins, residue and the weight bound.

A post's text ends where its attribution (or media link) begins; this module finds where it
starts, reading only the lines just above, so the cost is bounded by the post and never by the
document. The rules, in order:

* **The previous citation,** of any platform (``floor``, and any handle-and-date attribution
  or status URL above). When it ends on the post's own line (bylines glued in one paragraph,
  ``… 2016 Before #OldManMiranda falls asleep:``), the post starts right there and may run on
  over the lines below it.
* **Embed residue** opens the post and is not part of it: BBC's ``Skip Twitter post by @x``
  and consent box, the Hearst notice ``This content is imported from Twitter. … web site.``,
  ``View this post on Instagram``, a close-button ``x``.
* **On the post's last line:** a lead-in sentence (:data:`INTRODUCES`: a posting verb near
  its end, or a colon) and a paragraph glued to the one before it with no space
  (``…quipped.Another``) are where the post starts; in a line too long to be one post (a text
  joined into one paragraph), so are double spaces, spaced dashes and lead-ins further on.
* **Lines above, in the same block** (no blank line between: a post broken over lines, or a
  text split into one sentence per line): a block delimited by a blank line is taken whole;
  one delimited by the previous citation starts below its last lead-in line (:data:`LEAD_IN`);
  one not delimited keeps only the lines broken inside a sentence, or starts below a lead-in.
* **Paragraphs above** (after a blank line), at the block's indentation: a short paragraph set
  apart by more than one blank line (a post's own paragraph break), and paragraphs between
  the post and a line of residue or the tail of the previous citation's line. Advertisement
  lines are skipped everywhere. Markdown quotes take all their adjacent ``>`` lines; an
  indented block set apart from the text after it takes its paragraphs at the same
  indentation.
* **The weight bound.** A post weighs at most :data:`MAX_POST_WEIGHT`; when the block is
  heavier the post starts at the earliest line or sentence that fits.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator

import attrs
import regex

from mediacite._patterns import compile_later
from mediacite.extract.dates import match_date
from mediacite.extract.entities import weight_bound

__all__ = [
    "AD_LINE",
    "INTRODUCES",
    "LEAD_IN",
    "MAX_POST_WEIGHT",
    "PostText",
    "clean_post_text",
    "content_end_above",
    "fold",
    "line_start",
    "line_start_near",
    "post_text_before",
    "residue_start",
]

MAX_POST_WEIGHT = 280
"""A post's text weighs at most 280 (twitter-text v3 weighting)."""

MAX_SCAN = 2500
"""Characters before a post's end that can hold its text: 2,200-character Instagram captions
and a margin (the reader's context before a marker is as long)."""

HEAVY_CHARS = 4 * 280
"""Characters read to tell whether a text outweighs a post: no 280-weight post is longer
(links weigh 23 whatever their length, and are rarely longer than 80 characters)."""

_VERB_TAIL = 4
"""At most this many words follow the posting verb of a sentence that introduces a post."""

JOINED_LINE = 2200
"""A line longer than the longest caption holds more than one post's text: its paragraphs were
joined by the extractor, so double spaces and spaced dashes in it are paragraph breaks."""

MIN_WORDS = 6
"""A paragraph glued to the next with no space (``…place.I love``) has at least this many
words; a shorter piece is a post's own sentence missing its space (``Happy Mothers Day.You``)."""

MAX_TWEET_LINE = 140
"""A paragraph this long at most, set apart by more than one blank line, reads as a post's own
paragraph (a tweet is 280 at most; its paragraphs are shorter)."""

MAX_INSERTED_LINE = 60
"""Lines inserted between a post and its attribution (poll options, counts) are this short."""

MAX_INSERTED_LINES = 12
"""How many inserted lines may stand between a media link and the attribution it belongs to."""

_HSPACE = r"[ \t\u00a0\u2009\u202f]"
_QUOTE_PREFIX = compile_later(rf"{_HSPACE}*(?:>{_HSPACE}?)*")
_MD_LINK = compile_later(r"\[([^\[\]\n]{1,300})\](?:\[(\d+)\]|\(([^()\s]{1,2000})\))")
_TAG = compile_later(
    r"</?(?:p|a|br|blockquote|span|div|strong|em|b|i|u|cite|small|script|iframe)\b[^<>\n]{0,2000}>",
    regex.IGNORECASE,
)
_SENTENCE_END = compile_later(r"[.!?…][\"”’')\]]*(?:\s+|(?=[\p{Lu}\"“‘#@]))|:\s+|\s{2,}")
_ENDS_SENTENCE = compile_later(r"[.!?…:;][\"”’')\]»]*\s*$")
_GLUED_PARAGRAPHS = compile_later(r"(?<=\p{Ll}{2}[.!?…][\"”’)]*)(?=[\p{Lu}“][\p{Ll}\s'’])")
"""Paragraphs an extractor joined with nothing between them: ``…quipped.Another wondered``."""
_SPACED_DASH = compile_later(r"(?<=\S)[ \t\u00a0]--?[ \t\u00a0]+(?=[\p{Lu}\"“'‘])")
"""A spaced ASCII dash before a new sentence: how some extractors join an embed to the
article sentence before it (``…to CNN's Wolf Blitzer -- An 'extremely credible source'…``)."""
_DOUBLE_SPACE = compile_later(r"(?<=[.!?…:\"”’)])[ \t\u00a0]{2,}(?=\S)")
"""Paragraphs an extractor joined with two spaces: ``…refugee problem."  This image…``."""

LEAD_IN = compile_later(
    r"\b(?:tweet\w*|twitt\w*|tuit\w*|retweet\w*|instagram\w*|facebook\w*|bluesky|tiktok|"
    r"threads|mastodon|posted|posts|posting|wrote|writes|shared|replied|responded|reacted)\b"
    r"|твит\w*",
    regex.IGNORECASE,
)
"""Words that make a line above a post a lead-in (``Trump took to Twitter on Monday.``), so the
post starts below it: the platforms' names and the English verbs for posting. In any language,
a line ending in a colon is a lead-in too."""

INTRODUCES = compile_later(
    r"\b(?:tweeted|retweeted|posted|wrote|shared|replied|responded)\b", regex.IGNORECASE
)
"""Verbs that make a sentence on the post's own line a lead-in (``The mayor later posted a
statement. We are aware of the outage…``): narrative past tense, which a post's own text rarely
uses of itself."""

AD_LINE = compile_later(
    r"^[\s\-–—|*•]*(?:advertisement|advertising|sponsored(?: content)?|ad|anzeige|werbung|"
    r"publicité|publicidad|publicidade|pubblicità|реклама|advertentie|reklama|annonce|mainos|"
    r"story continues below(?: this)? advertisement|continue reading(?: the main story)?|"
    r"article continues below(?: this)? ad(?:vertisement)?)[\s\-–—|*•]*$",
    regex.IGNORECASE,
)
"""A line that is an advertisement label: the English labels seen in the corpora, and the same
word in other languages. Never part of a post, and never a reason for a post to stop."""

_RESIDUE = compile_later(
    r"Skip (?i:(?:\w+ )?(?:post|content)(?: by [^@\n]{1,60}?(?=\n|\Z)| by @?\w{1,30}|,? \d{1,3})?)"
    r"[ \t]*"
    r"|Allow (?i:(?:\w+ ){1,2}content\?)[ \t]*"
    r"|This (?i:(?:article|page) contains content provided by [^.\n]{1,40}\."
    r"(?:[^\n]{0,500}?accept and continue[’'\"]?\.?)?)[ \t]*"
    r"|Accept and continue[ \t]*"
    r"|This (?i:content is imported from \w+(?: \w+)?\.(?:[^.\n]{0,200}\.){0,3}?"
    r"[^.\n]{0,120}\bweb ?site\.)[ \t]*"
    r"|View this (?i:(?:post|photo|video|reel) on Instagram)[ \t]*"
    r"|This (?i:content can also be viewed on the site it originates from\.)[ \t]*"
)
"""Embed residue that opens a flattened post: BBC's ``Skip Twitter post by @x`` and its consent
box (``Allow Twitter content?`` / ``This article contains content provided by Twitter. …
‘accept and continue’.``), the Hearst notice ``This content is imported from Twitter. You may
be able to find … at their web site.``, Instagram's ``View this post on Instagram``, Condé
Nast's ``This content can also be viewed on the site it originates from.``. Each
starts with a capitalised word as printed (matched case-sensitively: a fast literal search)."""
_CONSENT = compile_later(
    r"\b(?:consent|cookies?|privacy|third[- ]part(?:y|ies)|zustimmung|einwilligung|"
    r"einverstanden|datenschutz\w*|drittanbieter\w*|externe[rnms]? inhalte?|consentement|"
    r"confidentialit[ée]|contenu externe|consentimiento|privacidad|contenido externo|consenso|"
    r"contenuto esterno|toestemming|externe inhoud|consentimento|privacidade|conte[úu]do externo|"
    r"zgod[ayę]|prywatno\w*|согласи\w*|конфиденциальн\w*)\b",
    regex.IGNORECASE,
)
"""Words of a consent box that holds back an embed until the reader agrees (cookies, privacy,
third-party or external content), in the languages of the lexicons."""
_HELD_CONTENT = compile_later(
    r"\b(?:content|inhalte?|contenu|contenido|contenuto|inhoud|conte[úu]do|treść|содержимое|"
    r"load|laden|anzeigen|charger|afficher|cargar|mostrar|caricare|visualizzare|tonen|"
    r"carregar|embed\w*|eingebettet\w*)\b",
    regex.IGNORECASE,
)
"""What a consent box says it holds back: the content, and loading or showing it. With a
consent word it tells the box from a post about a platform's privacy."""
_PLATFORM_WRITTEN = (
    r"(?:Twitter|X|Instagram|Facebook|TikTok|YouTube|Bluesky|Mastodon|Threads|Telegram|Reddit)"
)
"""The platforms' names as consent boxes write them (case-sensitive)."""
_PLATFORM_NAME = compile_later(rf"(?<![\w@/.]){_PLATFORM_WRITTEN}(?![\w@/.])")
_CONTENT_HEADER = compile_later(
    rf"[ \t]*{_PLATFORM_WRITTEN}[- ]"
    r"(?i:content|inhalte?|contenu|contenido|contenuto|inhoud|conte[úu]do|beitrag|post)"
    r"(?:[ \t]+\p{Ll}+)?[ \t\r]*(?=\n|\Z)"
)
"""A consent box's title: ``Twitter content``, ``Twitter-Inhalt laden``, ``Instagram-Beitrag``."""
_END_OF_POST = compile_later(r"End of (?:\w+ )?post\b", regex.IGNORECASE)
"""BBC's line after an embed (``End of Twitter post by @x``): it closes the post above."""
_ATTRIBUTION = compile_later(
    r"\(@ ?[A-Za-z0-9_.]{1,30}\)[ \t\u00a0]*|(?P<status>/status/\d{1,20})", regex.IGNORECASE
)
_CONNECTOR = compile_later(r"\p{L}{1,6}[ \t\u00a0]+|\p{Ll}{1,5}(?=\p{Lu})")
"""A short word between a handle and its date (``on``, ``am``, ``pada``; glued: ``onMar``)."""
_NEXT_LINE = compile_later(r"\n(?:[ \t\u00a0\r]*\n)*([ \t]*)\S")
_TOKEN = compile_later(r"\S+")
_LAST_TOKEN = compile_later(r"\S+", regex.REVERSE)
_TRAILING_PUNCTUATION = compile_later(r"[\s.,;:!?)\]}\"”’»]*")
_LETTERS = compile_later(r"\p{L}{2}")
_CLOSE_BUTTON = compile_later(r"x[ \t]+(?=[\p{Lu}\"“])")


def fold(text: str) -> str:
    """Fold runs of white space into single spaces and strip the ends."""
    return " ".join(text.split())


@attrs.frozen
class PostText:
    """The text of a post as found before its attribution."""

    start: int
    """Offset where the post text begins."""
    raw: str
    """The text as written (Markdown markers, links and markup still in place)."""


def line_start(text: str, pos: int) -> int:
    """Offset of the start of the line holding ``pos``."""
    return text.rfind("\n", 0, pos) + 1


def line_start_near(text: str, pos: int, reach: int) -> tuple[int, bool]:
    """The start of the line holding ``pos`` when it is at most ``reach`` characters back.

    Returns it and ``True``; else ``pos - reach`` and ``False`` (the line starts further back).
    For checks made at every candidate, whose cost must not grow with the line.
    """
    lo = max(0, pos - reach)
    newline = text.rfind("\n", lo, pos)
    if newline >= 0:
        return newline + 1, True
    return lo, lo == 0


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _quote_prefix_end(text: str, start: int, end: int | None = None) -> int:
    """End of the indentation and Markdown quote markers that open ``text[start:]``."""
    m = _QUOTE_PREFIX.match(text, start, len(text) if end is None else end)
    return m.end() if m else start


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _lines_above(text: str, start: int, floor: int) -> Iterator[tuple[int, str]]:
    """``(start, line)`` of each line above the one starting at ``start``, going up."""
    pos = start
    while pos > floor:
        begin = max(line_start(text, pos - 1), floor)
        yield begin, text[begin : pos - 1]
        pos = begin


def _ends_sentence(line: str) -> bool:
    return _ENDS_SENTENCE.search(line) is not None


def _is_lead_in(line: str) -> bool:
    """Whether a line (or sentence) introduces the post after it."""
    stripped = line.rstrip()
    return stripped.endswith(":") or LEAD_IN.search(stripped) is not None


def _residue_end(text: str, start: int, end: int) -> int | None:
    """End of the last piece of embed residue in ``text[start:end]``, if any.

    Residue is a phrase of :data:`_RESIDUE`, or a line of a consent box
    (:func:`_consent_line_end`).
    """
    last = None
    at = start
    while True:
        m = _RESIDUE.search(text, at, end)
        if m is None:
            break
        last = m.end()
        at = m.end()
    consent = _consent_line_end(text, start, end)
    if consent is not None and (last is None or consent > last):
        return consent
    return last


def _consent_line_end(text: str, start: int, end: int) -> int | None:
    """End of the last line in ``text[start:end]`` that a consent box printed, if any.

    That is a line naming a platform that is the box's title (:data:`_CONTENT_HEADER`) or holds
    a consent word (:data:`_CONSENT`) and says what it holds back (:data:`_HELD_CONTENT`).
    Lines are found from the platform's name, a case-sensitive literal search (most windows
    name none).
    """
    found = None
    checked = -1
    for m in _PLATFORM_NAME.finditer(text, start, end):
        first = max(start, line_start(text, m.start()))
        if first <= checked:
            continue
        checked = first
        stop = text.find("\n", m.end(), end)
        stop = end if stop < 0 else stop
        if _CONTENT_HEADER.match(text, first, stop) is not None or (
            _CONSENT.search(text, first, stop) is not None
            and _HELD_CONTENT.search(text, first, stop) is not None
        ):
            found = stop
    return found


MAX_RESIDUE_CHARS = 1000
"""Characters a run of embed residue before a post takes at most: the Hearst notice (its
pattern allows about 800) and ``View this post on Instagram``."""


def residue_start(text: str, start: int, end: int) -> int:
    """Where the embed residue that opens the post printed at ``text[start:end]`` begins.

    That is the run of residue (pieces with only white space between them) holding the last
    piece in the span, or ending right before it; ``start`` when there is none. Residue opens
    a post: what comes before it is not the post's text.
    """
    last: regex.Match[str] | None = None
    pieces: list[regex.Match[str]] = []
    for m in _RESIDUE.finditer(text, max(0, start - MAX_RESIDUE_CHARS), end):
        pieces.append(m)
        last = m
    if last is None or (last.end() <= start and text[last.end() : start].strip()):
        return start
    at = last.start()
    for m in reversed(pieces[:-1]):
        if text[m.end() : at].strip():
            break
        at = m.start()
    return at


def content_end_above(
    text: str, pos: int, floor: int, ends_post: Callable[[str], bool]
) -> int | None:
    """Where the post above an attribution opening its line at ``pos`` ends, past inserted lines.

    Advertisement lines between them are skipped; and when the nearest other line above is
    not a post's end (``ends_post``: it ends with a media link) but a line a few short lines
    further up is, the lines between are a poll inserted between the post and its
    attribution. Returns the end of the post's last line, or ``None`` when nothing was
    inserted.
    """
    skipped = 0
    ads = False
    nearest = None
    for start, line in _lines_above(text, line_start(text, pos), floor):
        stripped = line.strip()
        if not stripped:
            continue
        if AD_LINE.match(stripped):
            ads = True
            continue
        end = start + len(line.rstrip())
        if ends_post(stripped):
            return end if skipped or ads else None
        if nearest is None:
            nearest = end if ads else None
        skipped += 1
        if (
            skipped > MAX_INSERTED_LINES
            or len(stripped) > MAX_INSERTED_LINE
            or _ends_sentence(stripped)
        ):
            return nearest
    return nearest


def _last_attribution(text: str, begin: int, end: int) -> int | None:
    """End of the last attribution of another citation in ``text[begin:end]``, if any.

    That is a handle in parentheses with a date after it (``(@h) May 3, 2023``, ``(@h) on
    Sep 19, 2017 at 5:20pm PDT``) or a status URL: where a post glued after them starts.
    """
    last = None
    for m in _ATTRIBUTION.finditer(text, begin, end):
        if m.group("status"):
            last = m.end()
            continue
        date = match_date(text, m.end(), end) if m.end() < end else None
        if date is None:
            word = _CONNECTOR.match(text, m.end(), end)
            date = match_date(text, word.end(), end) if word is not None else None
        if date is not None and date.date is not None:
            last = date.end
    return last


def _skip_punctuation(text: str, pos: int, end: int) -> int:
    """``pos`` moved past the punctuation and spaces that close what ends there."""
    m = _TRAILING_PUNCTUATION.match(text, pos, end)
    return m.end() if m is not None else pos


def _words(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _TOKEN.finditer(text, start, end))


def _last_word(text: str, begin: int, end: int) -> int:
    """Start of the last word in ``text[begin:end]`` that is not a link (``-1`` if none)."""
    for m in _LAST_TOKEN.finditer(text, begin, end):
        if "/" not in m.group() and _LETTERS.search(m.group()):
            return m.start()
    return -1


def _inline_start(text: str, begin: int, end: int, weight: Callable[[str], int]) -> int:
    """Where a post that ends its line at ``end`` starts within ``text[begin:end]``.

    Double spaces, spaced dashes and lead-in sentences after the line's first are read as
    paragraph breaks only in a line too heavy to be one post (a text joined into one
    paragraph). Only the last :data:`MAX_SCAN` characters are read: no post is longer.
    """
    first = line_start(text, begin)
    begin = max(begin, end - MAX_SCAN)
    residue = _residue_end(text, begin, end)
    if residue is not None and text[residue:end].strip():
        return residue
    attribution = _last_attribution(text, begin, end)
    if attribution is not None:
        begin = _skip_punctuation(text, attribution, end)
    heavy: list[bool] = []

    def joined() -> bool:
        if not heavy:
            long_line = end - first > JOINED_LINE or (
                text.find("\n", end, first + JOINED_LINE + 1) < 0
                and len(text) > first + JOINED_LINE
            )
            heavy.append(long_line or _heavier(text, first, end, weight))
        return heavy[0]

    start = begin
    for pattern in (_GLUED_PARAGRAPHS, _DOUBLE_SPACE, _SPACED_DASH):
        previous = begin
        for m in pattern.finditer(text, begin, end):
            if not text[m.end() : end].strip():
                break
            if pattern is _GLUED_PARAGRAPHS:
                if _words(text, previous, m.end()) >= MIN_WORDS:
                    start = max(start, m.end())
            elif joined():
                start = max(start, m.end())
            previous = m.end()
    previous = begin
    last_word = _last_word(text, begin, end)
    for m in _SENTENCE_END.finditer(text, begin, end):
        if m.end() > last_word or not (previous == begin or joined()):
            break
        if m.end() > start and _introduces(text[previous : m.end()]):
            start = m.end()
        previous = m.end()
    return start


def _introduces(sentence: str) -> bool:
    """Whether a sentence introduces the post after it on the same line (see :data:`INTRODUCES`).

    Its posting verb ends it (``The mayor later posted a statement.``) or it ends in a colon.
    """
    verbs = list(INTRODUCES.finditer(sentence))
    if not verbs:
        return False
    tail = sentence[verbs[-1].end() :]
    return sentence.rstrip().endswith(":") or len(tail.split()) <= _VERB_TAIL


def _block_start(text: str, end: int, floor: int, weight: Callable[[str], int]) -> int:
    """Start of the block of text that ends at ``end`` (see the module docs)."""
    first = line_start(text, end)
    if floor > first:
        return _inline_start(text, floor, end, weight)
    prefix_end = _quote_prefix_end(text, first, end)
    inline = _inline_start(text, prefix_end, end, weight)
    if inline > prefix_end:
        return inline
    prefix = text[first:prefix_end]
    lines = _lines_above(text, first, floor)
    if ">" in prefix:
        begin = first
        for start, line in lines:
            if not line.lstrip().startswith(">"):
                break
            begin = start
        return begin
    begin = _lines_block(text, first, end, floor, weight)
    indent = _indent(prefix)
    return _indented_block(text, end, begin, indent, floor) if indent else begin


def _lines_block(text: str, first: int, end: int, floor: int, weight: Callable[[str], int]) -> int:
    """Start of a post whose last line starts at ``first``, extended over the lines above.

    Going up: first the lines of the post's own block (no blank line between), then the
    paragraphs above it (see the module docs for which are taken). A block delimited by a
    blank line is taken whole; one delimited by the previous citation (a text with one
    sentence a line) starts below its last lead-in line; one not delimited keeps only the
    lines broken inside a sentence, or starts below a lead-in line.
    """
    begin = broken = first
    seen_text = bool(text[first:end].strip())
    lines = _lines_above(text, first, floor)
    running = _Running(weight, text[max(first, end - HEAVY_CHARS) : end])
    lead_in: int | None = None
    delimiter = ""
    for start, line in lines:
        stripped = line.strip()
        if not stripped:
            if seen_text:
                delimiter = "citation" if start == floor else "blank"
                break
            continue
        if AD_LINE.match(stripped):
            continue
        if start == floor and floor > line_start(text, start):
            if clean_post_text(line, markup=True):
                return start
            if seen_text:
                delimiter = "citation"
            break
        delimiter_at = _delimiter(text, start, line)
        if delimiter_at is not None:
            stop = delimiter_at[0]
            return stop if seen_text or stop < start + len(line) else begin
        if running.exceeds(line):
            if not seen_text:
                return start
            break
        if lead_in is None and seen_text and _is_lead_in(stripped):
            lead_in = begin
        if not seen_text or (not _ends_sentence(stripped) and broken == begin):
            broken = start
        begin = start
        seen_text = True
    if delimiter == "blank":
        indent = _indent(text[begin : begin + MAX_SCAN])
        above = _paragraphs_above(text, lines, begin, floor, running, indent)
        return min(above, begin)
    if lead_in is not None:
        return lead_in
    return begin if delimiter else broken


def _paragraphs_above(
    text: str,
    lines: Iterator[tuple[int, str]],
    begin: int,
    floor: int,
    running: _Running,
    indent: int,
) -> int:
    """Where a post whose block starts at ``begin`` (after a blank line) starts.

    Taken, at the block's indentation: a short paragraph right above that is set apart from
    the text before it by more than one blank line (a post's own paragraph break), and
    paragraphs between the post and a line of embed residue or the tail of the previous
    citation's line.
    """
    confirmed = begin
    pending: list[int] = []
    blanks = 1
    for start, line in lines:
        stripped = line.strip()
        if not stripped or AD_LINE.match(stripped):
            blanks += 1
            continue
        if start == floor and floor > line_start(text, start):
            return start if clean_post_text(line, markup=True) else confirmed
        delimiter_at = _paragraph_delimiter(text, start, line)
        if delimiter_at is not None:
            stop, confirms = delimiter_at
            if not confirms:
                return confirmed
            return stop if stop < start + len(line) else (pending[-1] if pending else confirmed)
        if len(stripped) > MAX_POST_WEIGHT or _indent(line) != indent or running.exceeds(line):
            break
        if stripped.endswith(":"):
            break
        if not pending and blanks > 1 and len(stripped) <= MAX_TWEET_LINE:
            confirmed = start
        else:
            pending.append(start)
        blanks = 0
    return confirmed


def _paragraph_delimiter(text: str, start: int, line: str) -> tuple[int, bool] | None:
    """:func:`_delimiter` for a paragraph above a blank line: residue there opens its line."""
    lead = line.lstrip()
    if (
        _RESIDUE.match(text, start + len(line) - len(lead), start + len(line)) is None
        and not _has_attribution(line)
        and not lead.startswith("<!--")
        and not _END_OF_POST.match(lead)
    ):
        return None
    return _delimiter(text, start, line)


def _has_attribution(line: str) -> bool:
    return "(@" in line or "/status/" in line


def _delimiter(text: str, start: int, line: str) -> tuple[int, bool] | None:
    """For a line that delimits the post below it: where the post may start, and whether so.

    Returns where the post may start and whether the line confirms the paragraphs between
    (embed residue does; an HTML comment or another citation's attribution does not), or
    ``None`` for other lines. The post starts after the residue or attribution when text
    follows it on its line, else on the next line.
    """
    end = start + len(line)
    if line.lstrip().startswith("<!--") or _END_OF_POST.match(line.strip()):
        return end, False
    residue = _residue_end(text, start, end)
    confirms = residue is not None
    if residue is None:
        residue = _last_attribution(text, start, end)
    if residue is None:
        return None
    residue = _skip_punctuation(text, residue, end)
    return (residue if clean_post_text(text[residue:end], markup=True) else end), confirms


def _heavier(text: str, start: int, end: int, weight: Callable[[str], int]) -> bool:
    """Whether ``text[start:end]`` weighs more than a post can.

    Only its last :data:`HEAVY_CHARS` characters are read: more never needs reading.
    """
    tail = clean_post_text(text[max(start, end - HEAVY_CHARS) : end], markup=True)
    return not fits(tail, weight)


def fits(text: str, weight: Callable[[str], int]) -> bool:
    """Whether ``text`` weighs at most :data:`MAX_POST_WEIGHT` by ``weight``.

    ``weight`` is never more than :func:`~mediacite.extract.entities.weight_bound` (the weight
    functions of the platforms are twitter-text's, or proportional to the length), so it is
    only computed when that bound is above the limit.
    """
    bound = weight_bound(text)
    return (bound is not None and bound <= MAX_POST_WEIGHT) or weight(text) <= MAX_POST_WEIGHT


class _Running:
    """The weight of a post's text as lines are added above it, one line at a time.

    Each piece is weighed only when the bounds of the pieces (see :func:`fits`) no longer
    show that the total is within the limit; the post's own last line is read only when a
    line is added: most posts have none.
    """

    def __init__(self, weight: Callable[[str], int], last: str) -> None:
        self._weight = weight
        self._last: str | None = last
        self._exact = 0
        self._pending: list[tuple[str, int]] = []
        self._bound = 0

    def _add(self, piece: str, joint: int) -> None:
        bound = weight_bound(piece)
        if bound is None:
            self._exact += self._weight(piece) + joint
        else:
            self._pending.append((piece, joint))
            self._bound += bound + joint

    def exceeds(self, line: str) -> bool:
        """Add a line above (and the space joining it); whether the weight is now too much."""
        if self._last is not None:
            self._add(clean_post_text(self._last, markup=True), 0)
            self._last = None
        self._add(clean_post_text(line, markup=True), 1)
        if self._exact + self._bound <= MAX_POST_WEIGHT:
            return False
        self._exact += sum(self._weight(piece) + joint for piece, joint in self._pending)
        self._pending.clear()
        self._bound = 0
        return self._exact > MAX_POST_WEIGHT


def _next_indent(text: str, pos: int) -> int | None:
    """Indentation of the first non-blank line after the line holding ``pos``."""
    m = _NEXT_LINE.search(text, pos, pos + MAX_SCAN)
    return len(m.group(1)) if m is not None else None


def _indented_block(text: str, end: int, begin: int, indent: int, floor: int) -> int:
    """For an indented block set apart from the text after it: its paragraphs above ``begin``."""
    following = _next_indent(text, end)
    if following is None or following >= indent:
        return begin
    block = begin
    for start, line in _lines_above(text, line_start(text, begin), floor):
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
    more than :data:`MAX_POST_WEIGHT`; when it would, it starts at the earliest line or
    sentence that fits, so the article's sentences before a post are not swallowed. Embed
    residue opens the post: the text starts after the last residue before ``end`` (none when
    the residue runs up to ``end``, as an Instagram embed's notice before its credit line).
    """
    begin = max(_block_start(text, end, floor, weight), floor, end - MAX_SCAN)
    begin = _residue_end(text, begin, end) or begin
    begin = _skip_residue(text, begin, end)
    body = text[begin:end]
    if not body.strip():
        return None
    if fits(clean_post_text(body, markup=True), weight):
        return _trimmed(begin, body)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, begin, end)]
    starts += [m.start() + 1 for m in _NEWLINES.finditer(text, begin, end)]
    starts = sorted(s for s in set(starts) if text[s:end].strip())
    low, high = 0, len(starts)
    while low < high:
        middle = (low + high) // 2
        if fits(clean_post_text(text[starts[middle] : end], markup=True), weight):
            high = middle
        else:
            low = middle + 1
    if low == len(starts):
        return None
    return _trimmed(starts[low], text[starts[low] : end])


_NEWLINES = compile_later(r"\n")


def _skip_residue(text: str, begin: int, end: int) -> int:
    """Skip embed residue, advertisement lines and a close-button ``x`` opening a post."""
    while True:
        at = begin + len(text[begin:end]) - len(text[begin:end].lstrip())
        residue = _RESIDUE.match(text, at, end)
        if residue is not None:
            begin = residue.end()
            continue
        ad_end = _line_end(text, at)
        if ad_end < end and AD_LINE.match(text[at:ad_end].strip()):
            begin = ad_end + 1
            continue
        close = _CLOSE_BUTTON.match(text, at, end)
        if close is not None and at == line_start(text, at) + _indent_len(text, at):
            return close.end()
        return begin


def _indent_len(text: str, pos: int) -> int:
    start = line_start(text, pos)
    return len(text[start:pos]) - len(text[start:pos].lstrip(" \t"))


def _trimmed(begin: int, body: str) -> PostText:
    return PostText(begin + len(body) - len(body.lstrip()), body.strip())


def clean_post_text(raw: str, *, markup: bool = False) -> str:
    """Drop Markdown quote markers and link brackets, and fold white space.

    With ``markup`` (text scraped with the raw embed markup around it), also drop the tags
    of that markup (``<blockquote>``, ``<p>``, ``<a>``, ``<br>`` …) and decode its entities.
    """
    if markup and "<" in raw:
        raw = html.unescape(_TAG.sub(" ", raw))
    if ">" in raw:
        raw = "\n".join(line[_quote_prefix_end(line, 0) :] for line in raw.split("\n"))
    if "[" in raw:
        raw = _MD_LINK.sub(lambda m: m.group(1), raw)
    return fold(raw)
