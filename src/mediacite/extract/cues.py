"""Cues and posters in one sentence: the sentence half of the prose-mention finder.

A sentence is tokenised (quotations marked, possessives and contractions folded), and every
cue that says a post was made is found with the poster(s) it names: the subject of a posting
verb or phrase, the owner of a post noun, an agent after ``by``. Noun phrases are found by
their determiners, capitals and position (subject or object) alone — the words of a
language come from its :class:`~mediacite.extract.lexicon.Lexicon`. Which cues become
mentions, on which platform and backed by which citation, is decided for the whole
document by :mod:`mediacite.extract.mentions`. Every search here is bounded by
:data:`WINDOW_TOKENS` or a smaller limit.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import attrs
import regex

from mediacite.extract.lexicon import Lexicon, Phrase
from mediacite.extract.sentences import Sentence, closes_at, opens_quote
from mediacite.models import CueKind

__all__ = ["POSSESSIVE", "WINDOW_TOKENS", "Cue", "NounPhrase", "SentenceCues", "split_names"]

WINDOW_TOKENS = 40
"""How far (in tokens) the poster of a cue is looked for: a long clause of news prose."""

DESCRIPTION_TOKENS = 6
"""Words a description may have before its noun (``the self-declared very stable genius``)."""

MODIFIER_TOKENS = 4
"""Modifiers between a determiner and a post noun (``his now-deleted late-night tweets``)."""

PHRASE_TOKENS = 6
"""Words between a preposition and a platform (``on his official personal Instagram``)."""

IRREALIS_TOKENS = 6
"""How far before a cue a modal makes it hypothetical (``must approve Musk's tweets``)."""

AGENT_TOKENS = 4
"""How far after a passive posting verb its ``by`` agent may come."""
MAX_POSTERS = 8
"""Names in one list of posters (``Mader and Parrilla …, as well as …``)."""

_TOKEN = regex.compile(
    r"""(?P<u>(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net)/\S*)
    |(?P<h>@\w{1,50})
    |(?P<t>\#\w+)
    |(?P<w>[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[-'’.&][\p{L}\p{N}\p{M}]+)*(?:(?<=s)['’](?!\p{L}))?)
    |(?P<q>["“”„«»‘’'])
    |(?P<p>[^\s\p{L}\p{N}])""",
    regex.VERBOSE | regex.VERSION1,
)
POSSESSIVE = regex.compile(r"(?:['’]s|(?<=s)['’])\Z", regex.IGNORECASE)
_APOSTROPHE = regex.compile(r"['’]")
_QUOTES = "\"“”„«»‘’'"
_DOUBLE_CLOSERS = '"”»'
_CLAUSE_PUNCT = frozenset(",;:—–()[]")


class _Tok:
    """One token of a sentence (offsets into the whole text)."""

    __slots__ = ("cap", "end", "kind", "low", "poss", "quoted", "start", "text")

    def __init__(self, text: str, start: int, kind: str) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.kind = kind
        self.cap = text[:1].isupper()
        self.poss = False
        self.quoted = False
        self.low = text.casefold()


@attrs.frozen
class NounPhrase:
    """A noun phrase naming a poster: tokens ``[first, last]`` and what kind of phrase it is.

    ``kind`` is ``name`` (a name or handle), ``pronoun``, ``definite`` (``the president``),
    ``thing`` (the post itself: ``the tweet``), or one of the unidentifiable kinds
    ``indefinite``, ``group`` and ``first``.
    """

    first: int
    last: int
    kind: str
    names: tuple[str, ...] = ()
    handle: str | None = None
    owned: bool = False
    """The name is not the poster's but what the poster belongs to (``a spokesperson for
    Mayor Bill de Blasio``)."""


@attrs.frozen
class Cue:
    """A cue: its kind, platform, tokens and poster(s).

    The platform is ``None`` until the context gives one.
    """

    kind: CueKind
    platform: str | None
    first: int
    last: int
    posters: tuple[NounPhrase, ...]


# -- tokens ----------------------------------------------------------------------------


def _tokens(text: str, start: int, end: int, lex: Lexicon) -> list[_Tok]:
    """The tokens of ``text[start:end]``.

    Possessives and contractions are folded to their base word, abbreviations joined
    with their period, and quoted tokens marked.
    """
    toks: list[_Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup or "p"
        tok = _Tok(m.group(), m.start(), kind)
        if kind == "w" and ("'" in tok.text or "’" in tok.text):
            parts = _APOSTROPHE.split(tok.low)
            base = parts[0]
            if base in lex.function_words or base in lex.pronouns or base in lex.group_words:
                cut = len(base)
                tok.text, tok.end, tok.low = tok.text[:cut], tok.start + cut, base
                toks.append(tok)
                tok = _Tok(m.group()[cut:], tok.end, "w")
                tok.low = lex.contractions.get(parts[-1], parts[-1])
            elif POSSESSIVE.search(tok.text) is not None and len(base) > 1:
                tok.low = POSSESSIVE.sub("", tok.low)
                tok.poss = True
        elif kind == "p" and tok.text == "." and toks and toks[-1].end == tok.start:
            prev = toks[-1]
            if prev.kind == "w" and prev.low in lex.abbreviations:
                prev.text += "."
                prev.end += 1
                continue
        toks.append(tok)
    _mark_quotes(text, toks)
    return toks


def _mark_quotes(text: str, toks: list[_Tok]) -> None:
    """Mark the tokens inside quotation marks (a quotation left open runs to the end)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, tok in enumerate(toks):
        if tok.kind != "q":
            continue
        char = tok.text
        opener = opens_quote(char, text, tok.start)
        if char in _DOUBLE_CLOSERS and len(stack) > 1 and stack[-1][0] in "‘'":
            stack.pop()
        if stack and closes_at(char, text, tok.start, stack[-1][0]):
            spans.append((stack.pop()[1], i))
        elif opener:
            if char in "‘'" and not (i + 1 < len(toks) and toks[i + 1].kind == "w"):
                continue
            stack.append((char, i))
        elif char in _DOUBLE_CLOSERS and not spans:
            spans.append((-1, i))
    for char, at in stack:
        if char not in "‘'":
            spans.append((at, _sloppy_close(text, toks, at)))
    for a, b in spans:
        for k in range(a + 1, b):
            toks[k].quoted = True


def _sloppy_close(text: str, toks: list[_Tok], opened: int) -> int:
    """Where a double quotation left open ends.

    At a single closing mark typed in its place (``"Onze harten …,' schreef ze``), else at
    the end of the sentence.
    """
    for k in range(len(toks) - 1, opened, -1):
        tok = toks[k]
        if tok.kind == "q" and tok.text in "’'" and k > 0 and toks[k - 1].kind == "p":
            after = text[tok.end : tok.end + 1]
            if not after or after.isspace() or after in ".,;:!?":
                return k
    return len(toks)


@functools.cache
def _first_words(phrases: tuple[Phrase, ...]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases)


@functools.cache
def _last_words(phrases: tuple[Phrase, ...]) -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in phrases)


def _platform_word(lex: Lexicon, low: str, capitalized: bool) -> tuple[str, str, bool] | None:
    """``(platform, role, phrase_only)`` for a word that names a platform.

    The role is ``name`` (``Twitter``), ``post`` for a compound post noun
    (``Facebook-Posting``, ``Twitter-Statement``) or ``place`` for a compound place noun
    (``Facebook-Seite``, ``Facebookseite``).
    """
    return _platform_word_cached(lex, low, capitalized)


@functools.cache
def _platform_word_cached(
    lex: Lexicon, low: str, capitalized: bool
) -> tuple[str, str, bool] | None:
    found, phrase_only = lex.platform_of_name(low, capitalized)
    if found is not None:
        return found, "name", phrase_only
    if not any(name in low for name in lex.platform_names):
        return None
    pieces = low.split("-")
    for n, piece in enumerate(pieces):
        for name, platform in lex.platform_names.items():
            if not piece.startswith(name):
                continue
            rest = piece[len(name) :] or "-".join(pieces[n + 1 :])
            if rest in lex.media_nouns:
                return platform, "post", False
            if rest in lex.place_nouns:
                return platform, "place", False
    return None


# -- the analysis of one sentence ---------------------------------------------------------


class SentenceCues:
    """Cues and posters in one sentence (token indices; offsets point into the text)."""

    def __init__(self, text: str, sentence: Sentence, lex: Lexicon) -> None:
        self.text = text
        self.sentence = sentence
        self.lex = lex
        self.toks = _tokens(text, sentence.start, sentence.end, lex)
        self.first_word = next(
            (i for i, t in enumerate(self.toks) if t.kind in ("w", "h") and not t.quoted), 0
        )
        self.platforms: set[str] = set()

    # token classes -----------------------------------------------------------------------

    def word(self, i: int) -> _Tok | None:
        """The unquoted word at ``i``, if there is one."""
        if 0 <= i < len(self.toks):
            tok = self.toks[i]
            if tok.kind == "w" and not tok.quoted:
                return tok
        return None

    def low(self, i: int) -> str:
        """The case-folded unquoted word at ``i`` (empty for anything else)."""
        tok = self.word(i)
        return tok.low if tok is not None else ""

    def phrase_at(self, i: int, phrases: tuple[Phrase, ...]) -> int:
        """The length of the longest of ``phrases`` that starts at ``i`` (0 for none)."""
        if self.low(i) not in _first_words(phrases):
            return 0
        for phrase in phrases:
            if all(self.low(i + m) == w for m, w in enumerate(phrase)):
                return len(phrase)
        return 0

    def phrase_before(self, i: int, phrases: tuple[Phrase, ...]) -> int:
        """The length of the longest of ``phrases`` that ends just before ``i`` (0 for none)."""
        if self.low(i - 1) not in _last_words(phrases):
            return 0
        for phrase in phrases:
            n = len(phrase)
            if i - n >= 0 and all(self.low(i - n + m) == w for m, w in enumerate(phrase)):
                return n
        return 0

    def platform(self, i: int) -> tuple[str, str, bool] | None:
        """``(platform, role, phrase_only)`` when the word at ``i`` names a platform."""
        tok = self.word(i)
        if tok is None:
            return None
        found = _platform_word(self.lex, tok.low, tok.cap)
        if found is None and (tok.low, self.low(i + 1)) in self.lex.name_pairs:
            return self.lex.name_pairs[(tok.low, self.low(i + 1))], "name", False
        return found

    def cue_word(self, i: int) -> bool:
        """Whether a platform or posting word at ``i`` may be read as one.

        It must be lower-case unless it opens the sentence (``Washington Post`` and
        ``Tweeted:`` are names and labels) or is one of the capitalised nouns of German.
        """
        tok = self.toks[i]
        return not tok.cap or i <= self.first_word or self.lex.nouns_capitalized

    def name_like(self, i: int) -> bool:
        """A capitalised word that is no function word, weekday or platform, or a handle."""
        if 0 <= i < len(self.toks) and self.toks[i].kind == "h":
            return not self.toks[i].quoted
        tok = self.word(i)
        lex = self.lex
        if tok is None or not tok.cap:
            return False
        low = tok.low
        if i == self.first_word and (low.endswith(lex.gerund_suffixes) or lex.is_adverb(low)):
            nxt = self.word(i + 1)
            if nxt is not None and not nxt.cap and not self.verbish(i + 1):
                return False
        return not (
            low in lex.function_words
            or low in lex.weekdays
            or low in lex.platform_verbs
            or (low in lex.post_nouns and not lex.nouns_capitalized)
            or self.platform(i) is not None
        )

    def content(self, i: int) -> bool:
        """A lower-case word that is not a function word: a noun, adjective or verb."""
        tok = self.word(i)
        if tok is None or tok.cap:
            return False
        low, lex = tok.low, self.lex
        return not (
            low in lex.function_words
            or low in lex.prepositions
            or low in lex.skip
            or low in lex.passive
            or low in lex.modals
            or low in lex.negations
            or low in lex.coordinators_words
            or low in lex.subordinators
            or low in lex.relatives
            or low in lex.particles
        )

    def verbish(self, i: int) -> bool:
        """A word known to be a verb of the lexicon (posting, platform, non-posting)."""
        low, lex = self.low(i), self.lex
        return (
            low in lex.posting_verbs
            or low in lex.reporting_verbs
            or low in lex.platform_verbs
            or low in lex.non_posting
        )

    def text_of(self, first: int, last: int) -> str:
        """The text of tokens ``first..last``, a possessive ending and outer quotes dropped."""
        toks = self.toks
        text = self.text[toks[first].start : toks[last].end]
        if toks[last].poss:
            text = POSSESSIVE.sub("", text)
        return text.strip(_QUOTES + " ,")

    # noun phrases ------------------------------------------------------------------------

    def np_at(self, j: int) -> NounPhrase | None:
        """The noun phrase that ends at token ``j``."""
        toks, lex = self.toks, self.lex
        if not 0 <= j < len(toks):
            return None
        tok = toks[j]
        if tok.kind == "q":
            return self._quoted_name(j)
        if tok.quoted or tok.kind not in ("w", "h"):
            return None
        if tok.kind == "h":
            return self._extend_name(j, j)
        low = tok.low
        if low in lex.pronouns and not tok.poss:
            return NounPhrase(j, j, "pronoun")
        if low in lex.group_words:
            return NounPhrase(j, j, "group")
        if low in lex.first_person:
            return NounPhrase(j, j, "first")
        if self.name_like(j):
            return self._extend_name(self._name_start(j), j)
        if self.content(j) and not self.verbish(j):
            return self._description(j)
        return None

    def _name_start(self, j: int, *, bridge: bool = True) -> int:
        """The first token of the name ending at ``j``.

        Names, particles between names, and (with ``bridge``) up to two lower-case words
        between capitalised ones (``Former state Senator``, ``Fox News contributor Tammy
        Bruce``).
        """
        lex = self.lex
        first = j
        while True:
            if self.name_like(first - 1):
                first -= 1
                continue
            if self.low(first - 1) in lex.name_particles and self.name_like(first - 2):
                first -= 2
                continue
            if not bridge:
                return first
            gap = 0
            while gap < 2 and (
                self.low(first - 1 - gap) in lex.name_particles or self.content(first - 1 - gap)
            ):
                gap += 1
            if gap and self.name_like(first - 1 - gap):
                first -= 1 + gap
                continue
            return first

    def _quoted_name(self, j: int) -> NounPhrase | None:
        """``a user named "Linda"``: a quoted name after a naming word."""
        toks = self.toks
        open_at = next((k for k in range(j - 1, max(-1, j - 8), -1) if toks[k].kind == "q"), None)
        if open_at is None:
            return None
        link = self.phrase_before(open_at, self.lex.name_links)
        if not link:
            return None
        head = self._description(open_at - link - 1)
        first = head.first if head is not None else open_at - link
        return NounPhrase(first, j, "name", names=(self.text_of(open_at + 1, j - 1),))

    def _extend_name(self, first: int, last: int) -> NounPhrase:
        """A name or handle with what stands before it.

        Coordinated names, a naming word (``a user called …``), a determiner, or a description
        owning it (``a spokesperson for Mayor …``; but ``a host of Londoners`` is indefinite).
        """
        toks, lex = self.toks, self.lex
        names = [self.text_of(first, last)]
        handle = toks[last].text[1:] if toks[last].kind == "h" else None
        while True:
            coord = self._coordinator_before(first)
            if coord is None:
                break
            earlier = self.np_at(coord - 1)
            if earlier is None or earlier.kind != "name":
                break
            names = [*earlier.names, *names]
            handle = handle or earlier.handle
            first = earlier.first
        link = self.phrase_before(first, lex.name_links)
        if link:
            head = self._description(first - link - 1)
            start = head.first if head is not None else first - link
            return NounPhrase(start, last, "name", tuple(names), handle)
        before = self.low(first - 1)
        if lex.nouns_capitalized and self._head_kind(last, "name") != "name":
            start = first - 1 if before in lex.definite or before in lex.possessives else first
            return NounPhrase(start, last, self._head_kind(last, "name"))
        if lex.nouns_capitalized and first == last and before in lex.possessives:
            return NounPhrase(first - 1, last, "definite")
        if before in lex.definite:
            if lex.nouns_capitalized and first == last:
                return NounPhrase(first - 1, last, "definite")
            if len(names) == 1:
                names = [self.text_of(first - 1, last)]
            return NounPhrase(first - 1, last, "name", tuple(names), handle)
        if before in lex.prepositions:
            owner = self._description(first - 2)
            if owner is not None and owner.kind == "indefinite":
                role = toks[owner.last].low
                if role in lex.quantity_nouns | lex.number_words or role in lex.generic_people:
                    return owner
                return NounPhrase(owner.first, last, "name", tuple(names), handle, owned=True)
        if first == last and toks[first].low in lex.generic_people:
            return NounPhrase(first, last, "indefinite")
        if first == last == self.first_word and self._head_kind(last, "name") != "name":
            return NounPhrase(first, last, self._head_kind(last, "name"))
        if lex.nouns_capitalized and self._head_kind(last, "name") != "name":
            return NounPhrase(first, last, self._head_kind(last, "name"))
        if handle is not None or self.platform(first - 1) is not None:
            head = self._description(first - 1)
            if head is not None and head.kind in ("indefinite", "thing"):
                return NounPhrase(head.first, last, "name", tuple(names), handle)
        return NounPhrase(first, last, "name", tuple(names), handle)

    def _paren_start(self, k: int) -> int:
        """``k``, or when token ``k`` closes a parenthesis, the token before it opens."""
        toks = self.toks
        if 0 <= k < len(toks) and toks[k].text == ")":
            for m in range(k - 1, max(-1, k - WINDOW_TOKENS // 4), -1):
                if toks[m].text == "(":
                    return m - 1
        return k

    def _coordinator_before(self, k: int) -> int | None:
        """The first token of ``and``/``as well as``/``,`` joining a name to one before.

        A parenthesis after the earlier name is passed over: ``Mader (Zelena), and``.
        """
        n = self.phrase_before(k, self.lex.coordinators)
        if n:
            at = k - n
            at = at - 1 if at > 0 and self.toks[at - 1].text == "," else at
            return self._paren_start(at - 1) + 1
        if k >= 2 and self.toks[k - 1].text == ",":
            earlier = self._paren_start(k - 2)
            if self.name_like(earlier) and self._coordinator_after(k):
                return earlier + 1
        return None

    def _coordinator_after(self, k: int) -> bool:
        """Whether a list of names continues after the name starting at ``k``.

        A parenthesis is passed over: ``Rebecca Mader (Zelena), and``.
        """
        toks = self.toks
        j = k
        while self.name_like(j):
            j += 1
        if j < len(toks) and toks[j].text == "(":
            j = next((m + 1 for m in range(j, min(len(toks), j + 12)) if toks[m].text == ")"), j)
        return j < len(toks) and toks[j].text == ","

    def _description(self, j: int) -> NounPhrase | None:
        """A determiner-led phrase ending at ``j``.

        ``the president``, ``Cheney's daughter``, ``his son`` (definite), ``a host``
        (indefinite), ``the tweet`` (the post itself).
        """
        toks, lex = self.toks, self.lex
        k = j
        for _ in range(DESCRIPTION_TOKENS):
            k -= 1
            if k < 0:
                return None
            tok = toks[k]
            if tok.quoted or tok.kind == "q":
                continue
            if tok.kind != "w":
                return None
            low = tok.low
            if tok.poss:
                owner = self._name_start(k) if self.name_like(k) else k
                return NounPhrase(owner, j, self._head_kind(j, "definite"))
            if low in lex.possessives or low in lex.definite:
                return NounPhrase(k, j, self._head_kind(j, "definite"))
            if low in lex.indefinite:
                return NounPhrase(k, j, "indefinite")
            if low in lex.group_words:
                return NounPhrase(k, j, "group")
            if low in lex.first_person:
                return NounPhrase(k, j, "first")
            if self.verbish(k) or not (self.content(k) or self.name_like(k) or low in lex.ordinals):
                return None
            if low in lex.skip:
                return None
        return None

    def _head_kind(self, j: int, kind: str) -> str:
        """``thing`` for a post, ``indefinite`` for generic people, else ``kind``."""
        lex = self.lex
        head = self.toks[j].low
        counted = head[:1].isdigit() or head in lex.number_words
        if (
            head in lex.generic_people
            or counted
            or (head in lex.quantity_nouns and kind != "definite")
        ):
            return "indefinite"
        if (
            head in lex.document_nouns
            or head in lex.media_nouns
            or head in lex.generic_post_nouns
            or head in lex.post_nouns
            or self.platform(j) is not None
        ):
            return "thing"
        return kind

    def np_from(self, j: int) -> NounPhrase | None:
        """The noun phrase that starts at token ``j``.

        ``Gov. Murphy`` in ``…," tweeted Gov. Murphy``, ``Burns`` in ``twitterte Burns``,
        ``der Rapper Eko Fresh``.
        """
        toks, lex = self.toks, self.lex
        while self.word(j) is not None and not toks[j].cap and toks[j].low in lex.skip:
            j += 1
        if not 0 <= j < len(toks) or toks[j].quoted:
            return None
        tok = toks[j]
        if tok.kind == "q" and j + 1 < len(toks) and toks[j + 1].quoted and toks[j + 1].cap:
            close = next((m for m in range(j + 1, len(toks)) if not toks[m].quoted), len(toks))
            return NounPhrase(
                j, min(close, len(toks) - 1), "name", (self.text_of(j + 1, close - 1),)
            )
        if tok.kind == "h":
            return NounPhrase(j, j, "name", (tok.text,), tok.text[1:])
        if tok.kind != "w":
            return None
        if tok.low in lex.pronouns:
            return NounPhrase(j, j, "pronoun")
        start = j
        determiner = tok.low in lex.definite or tok.low in lex.possessives
        if tok.low in lex.indefinite and self.low(j + 1) in lex.prepositions:
            return NounPhrase(start, j, "indefinite")
        if determiner or tok.low in lex.indefinite:
            j += 1
        if not (self.name_like(j) or self.content(j)) or self.verbish(j):
            return None
        last = self._run_from(j)
        if tok.low in lex.indefinite:
            return NounPhrase(start, last, "indefinite")
        if toks[last].poss and self.name_like(last):
            head = last
            while (
                head - last < DESCRIPTION_TOKENS
                and self.content(head + 1)
                and not self.verbish(head + 1)
            ):
                head += 1
            if head > last:
                return NounPhrase(start, head, self._head_kind(head, "definite"))
        if not self.name_like(last):
            return (
                NounPhrase(start, last, self._head_kind(last, "definite")) if determiner else None
            )
        if toks[last].low in lex.generic_people:
            return NounPhrase(start, last, "indefinite")
        common = lex.nouns_capitalized or start == last == self.first_word
        if common and self._head_kind(last, "name") != "name":
            return NounPhrase(start, last, self._head_kind(last, "name"))
        if lex.nouns_capitalized and determiner and last == j:
            return NounPhrase(start, last, "definite")
        return NounPhrase(start, last, "name", (self.text_of(start, last),))

    def _run_from(self, j: int) -> int:
        """The last token of the phrase starting at ``j``.

        Names, particles between names, up to two lower-case words leading to a name (``Fox
        News contributor Tammy Bruce``), or lower-case words when no name has come (``the
        governor``).
        """
        lex = self.lex
        last = j
        named = self.name_like(j)
        while True:
            nxt = last + 1
            if self.name_like(nxt):
                last, named = nxt, True
                continue
            if self.low(nxt) in lex.name_particles and self.name_like(nxt + 1):
                last = nxt + 1
                continue
            bridge = 0
            while bridge < 2 and self.content(nxt + bridge) and not self.verbish(nxt + bridge):
                bridge += 1
            if bridge and self.name_like(nxt + bridge):
                last, named = nxt + bridge, True
                continue
            if not named and self.content(nxt) and not self.verbish(nxt):
                last = nxt
                continue
            return last

    def names_from(self, j: int) -> list[NounPhrase]:
        """Coordinated names from ``j`` on: ``Sean Maguire (Robin Hood) and Karen David``."""
        out: list[NounPhrase] = []
        toks = self.toks
        for _ in range(MAX_POSTERS):
            np = self.np_from(j)
            if np is None or np.kind != "name":
                break
            out.append(np)
            j = np.last + 1
            if j < len(toks) and toks[j].text == "(":
                close = next(
                    (m for m in range(j, min(len(toks), j + 12)) if toks[m].text == ")"), None
                )
                if close is None:
                    break
                j = close + 1
            if j < len(toks) and toks[j].text == ",":
                j += 1
            n = self.phrase_at(j, self.lex.coordinators)
            if not n and not (j > 0 and toks[j - 1].text == ","):
                break
            j += n
        return out

    def antecedent(self, pronoun: NounPhrase) -> NounPhrase:
        """The name a pronoun poster refers to within the sentence.

        The sentence's subject when it is a name (``Clementine Ford claimed that … her
        tweet``), else the only name in subject position before the pronoun (``while
        President Trump said …, he tweeted``); the pronoun itself when there is none.
        """
        subject = self.main_subject(before=pronoun.first)
        if subject is not None and subject.kind == "name":
            return subject
        before = [np for np in self.names if np.last < pronoun.first]
        if len(before) == 1 and self.subject_position(before[0]):
            return before[0]
        return pronoun

    @functools.cached_property
    def names(self) -> list[NounPhrase]:
        """The names of the sentence outside quotations, in order."""
        out: list[NounPhrase] = []
        for i in range(len(self.toks)):
            if self.name_like(i) and not self.name_like(i + 1):
                np = self.np_at(i)
                if np is not None and np.kind == "name" and np.names:
                    out.append(np)
        return out

    @functools.cached_property
    def quotes(self) -> bool:
        """Whether the sentence quotes something."""
        return any(t.quoted for t in self.toks)

    # posters -------------------------------------------------------------------------

    def subject_position(self, np: NounPhrase) -> bool:
        """Whether a phrase stands where a subject stands.

        Not after a preposition or a verb (except after the verb of a verb-second language),
        and never after a determiner of an oblique case (German ``ihrem``).
        """
        lex = self.lex
        if self.low(np.first) in lex.oblique_determiners:
            return False
        k = np.first - 1
        while k >= 0 and self.toks[k].quoted:
            k -= 1
        if k < 0:
            return True
        tok = self.toks[k]
        if tok.kind in ("p", "q"):
            return True
        if tok.kind != "w":
            return False
        low = tok.low
        if low in lex.prepositions and low in lex.subordinators:
            after = np.last + 1
            return np.kind == "pronoun" or self.verbish(after) or self.low(after) in lex.skip
        if low in lex.subordinators or low in lex.relatives or low in lex.coordinators_words:
            return True
        if low in lex.prepositions:
            return False
        if low in lex.skip or lex.is_adverb(low) or (tok.cap and low in lex.function_words):
            return True
        return lex.verb_second and np.kind in ("name", "definite", "pronoun")

    def _skip_left(self, k: int) -> int:
        """Step left over adverbs, auxiliaries and a parenthesis."""
        toks, lex = self.toks, self.lex
        while k >= 0:
            tok = toks[k]
            if tok.kind == "p" and tok.text == ")":
                opened = next(
                    (m for m in range(k - 1, max(-1, k - 12), -1) if toks[m].text == "("), None
                )
                if opened is None:
                    return k
                k = opened - 1
            elif (
                tok.kind == "w" and not tok.cap and (tok.low in lex.skip or lex.is_adverb(tok.low))
            ):
                k -= 1
            else:
                return k
        return k

    def subject_of_verb(self, head: int, *, finite: bool = False) -> NounPhrase | None:
        """The poster of a verb.

        The phrase before it (``Trump tweeted``), or after it when it follows a quotation or
        comes second (``…," tweeted Gov. Murphy``, ``schrieb Maas``). In a verb-second language
        a participle at the end of its clause takes the subject of the auxiliary before it
        (``Hasani hat ein Rätsel gepostet``).
        """
        toks, lex = self.toks, self.lex
        if lex.verb_second and not finite:
            for m in range(head - 1, max(-1, head - WINDOW_TOKENS // 3), -1):
                tok = toks[m]
                if tok.kind == "q" or (tok.kind == "p" and tok.text in _CLAUSE_PUNCT):
                    break
                if tok.kind == "w" and not tok.quoted and tok.low in lex.auxiliaries:
                    return self.subject_of_verb(m, finite=True)
        k = self._skip_left(head - 1)
        for _ in range(3):
            if k < 0:
                return self.np_from(head + 1) or self._dropped()
            tok = toks[k]
            if tok.kind == "w" and not tok.cap and tok.low in lex.relatives:
                antecedent = self.np_at(k - 2 if k > 0 and toks[k - 1].text == "," else k - 1)
                if antecedent is not None or tok.low not in lex.complementizers:
                    return antecedent
            if tok.kind == "q" or (
                tok.text in ",—–:" and any(toks[m].kind == "q" for m in range(max(0, k - 2), k))
            ):
                return self.np_from(head + 1) or self._dropped() or self.main_subject()
            np = self.np_at(k)
            if np is not None:
                before = self.low(np.first - 1)
                if before in lex.prepositions and before not in lex.subordinators:
                    k = self._skip_left(np.first - 2)
                    continue
                return self._role(np)
            if tok.text == ",":
                np = self._appositive(k)
                if np is not None:
                    return np
            break
        if lex.verb_second:
            np = self.np_from(head + 1)
            if np is not None:
                return np
        return self.main_subject(before=head) or self._dropped()

    def _role(self, np: NounPhrase) -> NounPhrase:
        """An indefinite role owned by a definite or named party is identifiable.

        ``a spokesman for the ministry`` is; ``a host of Londoners`` stays indefinite.
        """
        lex = self.lex
        if np.kind != "indefinite" or self.low(np.last + 1) not in lex.role_prepositions:
            return np
        head = self.low(np.last)
        if head in lex.quantity_nouns or head in lex.number_words or head in lex.generic_people:
            return np
        owner = self.np_from(np.last + 2)
        if owner is not None and owner.kind in ("name", "definite"):
            return NounPhrase(np.first, owner.last, "definite", owned=True)
        return np

    def _appositive(self, comma: int) -> NounPhrase | None:
        """The poster before an appositive between commas, ending at ``comma``.

        The name of ``Senator Brian Schatz, D-Hawaii,`` and of ``his son, Tristan Paul
        Bagala,``.
        """
        toks = self.toks
        opened = next(
            (
                m
                for m in range(comma - 1, max(-1, comma - WINDOW_TOKENS), -1)
                if toks[m].text == ","
            ),
            None,
        )
        if opened is None:
            return None
        outer = self.np_at(opened - 1)
        inner = self.np_at(comma - 1)
        if inner is not None and inner.first <= opened:
            inner = None
        for np in (outer, inner):
            if np is not None and np.kind == "name":
                return np
        return outer or inner

    def _dropped(self) -> NounPhrase | None:
        """The unexpressed subject of a pro-drop language (``escreveu``): a pronoun."""
        return NounPhrase(0, 0, "pronoun") if self.lex.pro_drop else None

    def subject_of_phrase(self, first: int, last: int) -> NounPhrase | None:
        """The poster of a posting phrase, or of a post noun in one.

        The nearest phrase before it in subject position, or after it when the phrase opens
        the sentence.
        """
        toks, lex = self.toks, self.lex
        before = [t for t in toks[:first] if t.kind == "w" and not t.quoted]
        openers = lex.function_words | lex.indefinite
        if any(t.low in lex.indefinite for t in before[:2]) and all(
            t.low in openers for t in before
        ):
            return NounPhrase(0, 0, "indefinite")
        if all(t.low in lex.function_words or t.low in lex.skip for t in before):
            return self._subject_after(last + 1)
        if self.low(self.first_word) in lex.prepositions:
            comma = next((m for m in range(last + 1, len(toks)) if toks[m].text == ","), None)
            opener = range(self.first_word + 1, first)
            if comma is not None and not any(
                toks[m].kind == "p"
                or (self.verbish(m) and not self._nounish(m))
                or self.name_like(m)
                for m in opener
            ):
                return self._subject_after(comma + 1)
        j = first - 1
        budget = WINDOW_TOKENS
        crossed = False
        while j >= 0 and budget > 0:
            if toks[j].text == ")":
                j = self._paren_start(j)
                continue
            if toks[j].quoted or toks[j].kind in ("q", "p", "u", "t"):
                crossed = crossed or toks[j].text == ","
                j -= 1
                continue
            budget -= 1
            if not toks[j].cap and toks[j].low in lex.relatives:
                comma = j > 0 and toks[j - 1].text == ","
                antecedent = self.np_at(j - 2 if comma else j - 1)
                if crossed:
                    if comma and antecedent is not None and antecedent.kind in ("name", "definite"):
                        return antecedent
                elif antecedent is not None or toks[j].low not in lex.complementizers:
                    return antecedent
            np = self.np_at(j)
            if np is None:
                j -= 1
                continue
            embedded = crossed and self.low(np.first - 1) in lex.relatives
            if np.kind != "thing" and not embedded and self.subject_position(np):
                modifier = np.last == first - 1 and self.content(last + 1)
                if modifier and np.kind in ("definite", "indefinite"):
                    return None
                np = self._role(np)
                if np.kind != "name" and np.first > 0 and toks[np.first - 1].text == ",":
                    head = self.np_at(np.first - 2)
                    if head is not None and head.kind == "name":
                        return head
                return np
            j = np.first - 1
        return self.main_subject(before=first) or self._dropped()

    def _subject_after(self, k: int) -> NounPhrase | None:
        """The subject after an opening phrase.

        ``On Twitter, Manchin …``; ``Auch auf Twitter äußerte sich Petry …`` in a verb-second
        language.
        """
        toks, lex = self.toks, self.lex
        while k < len(toks) and (toks[k].kind in ("p", "q") or toks[k].quoted):
            k += 1
        steps = (0, 1, 2) if lex.verb_second else (0,)
        for step in steps:
            np = self.np_from(k + step)
            if np is not None and np.kind != "thing":
                return np
        comma = next(
            (m for m in range(k, min(len(toks), k + WINDOW_TOKENS // 3)) if toks[m].text == ","),
            None,
        )
        if comma is not None:
            np = self.np_from(comma + 1)
            if np is not None and np.kind != "thing":
                return np
        return self._dropped()

    def main_subject(self, before: int | None = None) -> NounPhrase | None:
        """The subject of the sentence: the first phrase after any opening adverbial."""
        toks, lex = self.toks, self.lex
        end = len(toks) if before is None else before
        k = 0
        while k < end:
            tok = toks[k]
            if tok.quoted or tok.kind in ("q", "p"):
                k += 1
                continue
            low = tok.low
            if low in lex.prepositions or low in lex.subordinators:
                comma = next((m for m in range(k, min(end, k + 15)) if toks[m].text == ","), None)
                if comma is None:
                    return None
                k = comma + 1
                continue
            if (
                low in lex.function_words
                or low in lex.skip
                or low in lex.weekdays
                or low in lex.relative_days_words
            ) and not (low in lex.definite or low in lex.pronouns or low in lex.possessives):
                k += 1
                continue
            break
        if k >= end:
            return None
        np = self.np_from(k)
        if np is None or np.last >= end:
            return None
        after = toks[np.last + 1].text if np.last + 1 < len(toks) else ""
        if np.kind == "name" and np.first == np.last == self.first_word and after in ",:":
            return None
        return self._role(np)

    # cues --------------------------------------------------------------------------------

    def cues(self) -> Iterator[Cue]:
        """Every cue of the sentence with its poster(s)."""
        if self._boilerplate():
            return
        toks, lex = self.toks, self.lex
        done = -1
        for i, tok in enumerate(toks):
            if i <= done or tok.kind != "w" or tok.quoted:
                continue
            found = self.platform(i)
            if found is not None:
                done, cue = self._platform_cue(i, *found)
                if cue is not None:
                    yield cue
                continue
            implied = self._implied_cue(i)
            if implied is not None:
                done, cue = implied
                if cue is not None:
                    yield cue
                continue
            if not self.cue_word(i):
                continue
            low = tok.low
            cue = None
            if low in lex.platform_verbs or low in lex.post_nouns:
                platform = lex.platform_verbs.get(low) or lex.post_nouns[low]
                self.platforms.add(platform)
                noun = (
                    low in lex.post_nouns and (low not in lex.platform_verbs or self._nounish(i))
                ) or self._possessed(i)
                if noun:
                    cue = self._noun_cue(platform, i, i, "post-noun")
                else:
                    cue = self._verb_cue(platform, i, "platform-verb")
            elif low in lex.generic_post_nouns and (
                low not in lex.posting_verbs or self._nounish(i)
            ):
                cue = self._noun_cue(None, i, i, "context-noun")
            elif low in lex.posting_verbs and not (
                low in lex.generic_post_nouns and self._nounish(i)
            ):
                cue = self._verb_cue(None, i, "context-verb")
            if cue is not None:
                yield cue

    def _boilerplate(self) -> bool:
        """Follow-us, share and skip lines.

        A capitalised imperative such as ``Follow``, ``Like and share`` or ``Skip Twitter
        post`` opening the line or a phrase.
        """
        lex = self.lex
        for i, tok in enumerate(self.toks):
            if tok.kind != "w" or tok.quoted or not tok.cap:
                continue
            if tok.low.split("-", 1)[0] in lex.boilerplate_starts:
                nxt = self.word(i + 1)
                if i == self.first_word or (nxt is not None and not nxt.cap):
                    return True
        return False

    def _platform_cue(
        self, i: int, platform: str, role: str, phrase_only: bool
    ) -> tuple[int, Cue | None]:
        """The cue a platform word makes.

        A posting phrase (``on Twitter``), a post noun (``a Facebook post``) or an owned
        platform (``Selena's Instagram``).

        Returns the last token used and the cue (``None`` when the word is only talk about
        the platform). Platform words that make no cue still tell the platform of a
        ``Twitter user``'s post.
        """
        lex = self.lex
        last = i + 1 if (self.low(i), self.low(i + 1)) in lex.name_pairs else i
        nxt = self.low(last + 1)
        if role == "name" and nxt in lex.media_nouns:
            role, last = "post", last + 1
        elif role == "name" and nxt in lex.place_nouns:
            role, last = "place", last + 1
        elif role == "name" and nxt in lex.generic_people:
            self.platforms.add(platform)
            return last + 1, None
        elif role == "name" and self.low(i - 1) in lex.indefinite:
            role = "post"
        elif role == "name" and self.low(i - 1) in lex.media_nouns and self.cue_word(i - 1):
            return last, self._noun_cue(platform, i - 1, last, "platform-phrase")
        phrase = self._phrase_start(i)
        if phrase_only and phrase is None:
            return last, None
        if role in ("post", "place"):
            self.platforms.add(platform)
        if phrase is not None:
            return last, self._phrase_cue(platform, phrase, last)
        if role == "post":
            return last, self._noun_cue(platform, i, last, "platform-phrase")
        if role == "name" and i > 0 and self.toks[i - 1].poss and self.name_like(i - 1):
            owner = self.np_at(i - 1)
            if owner is not None and owner.kind == "name" and not self._not_posting(owner.first):
                self.platforms.add(platform)
                return last, Cue("platform-phrase", platform, owner.first, last, (owner,))
        return last, None

    def _implied_cue(self, i: int) -> tuple[int, Cue | None] | None:
        """A posting phrase whose platform only the context can tell.

        ``wrote online``, ``told the readers of his account``: the cue is dropped when the
        context tells no platform.
        """
        lex = self.lex
        low = self.low(i)
        if low not in lex.place_nouns and low not in lex.implied_starts:
            return None
        n = self.phrase_at(i, lex.implied_adverbs)
        if n and self.content(i - 1):
            last = i + n - 1
            return last, self._phrase_cue(None, i, last, kind="context-verb")
        owned = self.low(i) in lex.place_nouns and self.low(i - 1) in lex.possessives
        if not owned or self.low(i + 1) in lex.author_prepositions | {"of"}:
            return None
        return i, self._phrase_cue(None, i - 1, i, kind="context-verb")

    def _phrase_start(self, i: int) -> int | None:
        """The preposition that opens a posting phrase ending at platform word ``i``.

        ``on Twitter``, ``on his official Instagram account``, ``in a Facebook post``.
        """
        lex = self.lex
        k = i - 1
        for _ in range(PHRASE_TOKENS):
            tok = self.word(k)
            if tok is None:
                return None
            low = tok.low
            if low in lex.phrase_prepositions:
                return k
            if low in lex.post_prepositions and (
                self.low(i + 1) in lex.media_nouns
                or self.low(i + 1) in lex.place_nouns
                or (self.platform(i) or ("", "", False))[1] in ("post", "place")
            ):
                return k
            if not (
                low in lex.fillers
                or low in lex.possessives
                or low in lex.definite
                or low in lex.indefinite
                or low in lex.place_nouns
                or low in lex.first_person
                or low in lex.ordinals
                or low in lex.coordinators_words
                or tok.poss
                or self.name_like(k)
            ):
                return None
            k -= 1
        return None

    def _phrase_cue(
        self,
        platform: str | None,
        first: int,
        last: int,
        *,
        kind: CueKind = "platform-phrase",
        anchor: int | None = None,
    ) -> Cue | None:
        """A posting phrase with its poster, unless it only looks like one.

        Not a pointer (``on Instagram at @x``), the reader's or publisher's own (``on our
        Facebook page``), passive, hypothetical, or governed by an act that is not posting
        (``blocking people on Twitter``).
        """
        toks, lex = self.toks, self.lex
        if any(toks[k].low in lex.first_person for k in range(first, last + 1)):
            return None
        if first > 0 and toks[first - 1].kind == "h":
            return None
        after = [t for t in toks[last + 1 : last + 3] if t.kind in ("w", "h")]
        if any(t.kind == "h" for t in after):
            return None
        if self._not_posting(first) or self._irrealis(first):
            return None
        owner = self._place_owner(first) if self.low(first) in lex.phrase_prepositions else None
        passive = self._passive_before(first)
        if passive and owner is None:
            return None
        if platform is not None:
            self.platforms.add(platform)
        poster = (
            owner if passive else self.subject_of_phrase(first if anchor is None else anchor, last)
        )
        if poster is None:
            poster = owner
        if poster is None:
            return None
        return Cue(kind, platform, first, last, (poster,))

    def _place_owner(self, k: int) -> NounPhrase | None:
        """Whose page or account the phrase opened by the preposition at ``k`` names.

        ``on King’s campaign page``, ``on his Facebook page``, ``on the Twitter handle of the
        Senate``: a possessive before the place noun, or a name or definite phrase after
        ``of``; ``None`` when the phrase names no place or nobody owns it. What is posted on
        an owned page or account is the owner's (``was shared on the Twitter handle of the
        Senate``, ``said a post on King’s campaign page``).
        """
        lex = self.lex
        owner: NounPhrase | None = None
        for j in range(k + 1, min(len(self.toks), k + 1 + PHRASE_TOKENS)):
            tok = self.word(j)
            if tok is None:
                return None
            low = tok.low
            place = self.platform(j)
            if low in lex.place_nouns or (place is not None and place[1] == "place"):
                if owner is None and self.low(j + 1) in lex.role_prepositions:
                    after = self.np_from(j + 2)
                    owner = (
                        after if after is not None and after.kind in ("name", "definite") else None
                    )
                return owner
            if tok.poss:
                found = self.np_at(j)
                owned = found is not None and found.kind in ("name", "definite")
                owner = found if owned else None
            elif low in lex.possessives:
                owner = NounPhrase(j, j, "pronoun")
            elif not (
                low in lex.fillers
                or low in lex.definite
                or place is not None
                or self.name_like(j)
                or (self.content(j) and not self.verbish(j))
            ):
                return None
        return None

    def _passive_before(self, first: int) -> bool:
        """``Cohen has been savaged on Twitter``: a participle after a form of *be*."""
        lex = self.lex
        k = first - 1
        if not self.content(k):
            return False
        k = self._skip_left(k - 1)
        return self.low(k) in lex.passive

    def _irrealis(self, first: int) -> bool:
        """A modal shortly before: ``must approve Musk's tweets``, ``will post on X``."""
        lex = self.lex
        for k in range(first - 1, max(-1, first - IRREALIS_TOKENS), -1):
            tok = self.toks[k]
            if tok.kind == "p" and tok.text in _CLAUSE_PUNCT:
                return False
            if tok.kind == "w" and not tok.quoted and tok.low in lex.modals:
                return True
        return False

    def _not_posting(self, first: int, *, reach: int = 5) -> bool:
        """Whether an act that is not posting governs the cue at ``first``.

        ``liked the tweet``, ``blocking people on Twitter``, ``followers on Twitter``; a
        negated one (``didn't remove his post``) does not count.
        """
        toks, lex = self.toks, self.lex
        for k in range(first - 1, max(-1, first - 1 - reach), -1):
            tok = toks[k]
            if (tok.kind == "p" and tok.text in _CLAUSE_PUNCT) or tok.kind == "q":
                return False
            if tok.kind == "w" and not tok.quoted:
                if tok.low in lex.non_posting and self.low(k + 1) not in lex.particles:
                    return not self._negated(k)
                if tok.low in lex.coordinators_words or tok.low in lex.posting_verbs:
                    return False
        return False

    def _negated(self, k: int) -> bool:
        """``didn't remove``, ``has not deleted``: a negation just before the verb at ``k``."""
        lex = self.lex
        for m in range(k - 1, max(-1, k - 3), -1):
            low = self.low(m)
            if low in lex.negations:
                return True
            if not (low in lex.skip or low in lex.auxiliaries or low in lex.modals):
                return False
        return False

    def _nounish(self, i: int) -> bool:
        """Whether an ambiguous word (``tweets``, ``post``) is a noun here.

        It follows a determiner, possessive, number, ordinal or preposition, across a few
        modifiers.
        """
        toks, lex = self.toks, self.lex
        k = i - 1
        for _ in range(MODIFIER_TOKENS):
            if k < 0:
                return False
            tok = toks[k]
            if tok.kind == "q" or tok.quoted:
                k -= 1
                continue
            if tok.kind != "w":
                return False
            low = tok.low
            if (
                low in lex.definite
                or low in lex.indefinite
                or low in lex.possessives
                or low in lex.prepositions
                or low in lex.ordinals
                or low in lex.group_words
                or low in lex.posting_verbs
                or tok.poss
                or low[:1].isdigit()
            ):
                return True
            if not (self.content(k) or self.name_like(k)):
                return False
            k -= 1
        return False

    def _possessed(self, i: int) -> bool:
        """``Trump's tweeted threat``: a platform verb used as a modifier after an owner."""
        return i > 0 and self.toks[i - 1].poss

    def _verb_cue(self, platform: str | None, head: int, kind: CueKind) -> Cue | None:
        """A posting verb with its poster.

        None when it is negated, hypothetical (``to tweet``, ``will post``) or passive without
        an agent (``being tweeted``).
        """
        toks, lex = self.toks, self.lex
        k = head - 1
        while k >= 0 and toks[k].kind == "w" and not toks[k].quoted:
            low = toks[k].low
            if low in lex.modals or low in lex.negations or low in lex.infinitive_markers:
                return None
            if not (low in lex.skip or lex.is_adverb(low)):
                break
            k -= 1
        if self.low(k) in lex.passive:
            agent = self._agent_after(head)
            return Cue(kind, platform, head, head, (agent,)) if agent else None
        if self._not_posting(head, reach=2):
            return None
        if platform is None and (
            toks[head].low in lex.habitual_forms
            or self._topic_after(head)
            or not self._reports_content(head)
        ):
            return None
        poster = self.subject_of_verb(head)
        if poster is None or poster.kind == "thing":
            return None
        posters = (*split_names(poster), *self._trailing_posters(head))
        return Cue(kind, platform, head, head, posters)

    def _reports_content(self, head: int) -> bool:
        """Whether a writing verb without a platform word reports a post.

        The sentence quotes it, ``that`` or a colon follows, its object is a post (``a
        photo``, ``a caption``, ``tributes``) or a page, or it is addressed (``wrote back to
        …``).
        """
        toks, lex = self.toks, self.lex
        if self.quotes:
            return True
        k = head + 1
        while self.low(k) in lex.particles or lex.is_adverb(self.low(k)):
            k += 1
        if k < len(toks) and (toks[k].text == ":" or self.low(k) in lex.complementizers):
            return True
        if self.low(k) in lex.reply_prepositions:
            return True
        for m in range(k, min(len(toks), k + MODIFIER_TOKENS + 1)):
            low = self.low(m)
            if low in lex.media_nouns or low in lex.generic_post_nouns or low in lex.place_nouns:
                return True
            if toks[m].kind == "p":
                break
        return False

    def _topic_after(self, head: int) -> bool:
        """Whether a writing verb is followed by a topic, not a platform or a page.

        ``posted on the discrepancies``, ``posted about the case``.
        """
        lex = self.lex
        if self.low(head + 1) not in lex.phrase_prepositions:
            return False
        for k in range(head + 2, min(len(self.toks), head + 2 + PHRASE_TOKENS)):
            low = self.low(k)
            if low in lex.place_nouns or self.platform(k) is not None:
                return False
            if not (
                low in lex.fillers
                or low in lex.definite
                or low in lex.possessives
                or self.content(k)
            ):
                break
        return True

    def _agent_after(self, head: int) -> NounPhrase | None:
        """The named agent of a passive posting verb (``was tweeted by …``)."""
        lex = self.lex
        for k in range(head + 1, min(len(self.toks), head + AGENT_TOKENS)):
            if self.low(k) in lex.agent_prepositions:
                np = self.np_from(k + 1)
                return np if np is not None and np.kind == "name" else None
        return None

    def _trailing_posters(self, head: int) -> list[NounPhrase]:
        """Posters added after the verb.

        ``…shared their tributes, as well as Sean Maguire (Robin Hood) and Karen David``.
        """
        toks, lex = self.toks, self.lex
        for k in range(head + 1, min(len(toks), head + WINDOW_TOKENS // 2)):
            if toks[k].quoted:
                continue
            n = self.phrase_at(k, lex.coordinators)
            if n > 1:
                return self.names_from(k + n)
        return []

    def _noun_cue(self, platform: str | None, head: int, last: int, kind: CueKind) -> Cue | None:
        """A post noun with its poster.

        The owner (``Trump's tweet``, ``his post``, ``a tweet by …``, ``a Tuberville tweet``),
        else the subject of the verb or phrase it sits in (``posted an Instagram video``, ``in a
        series of tweets``), else — for ``the tweet`` opening a sentence — the post mentioned
        just before.
        """
        toks, lex = self.toks, self.lex
        if self._not_posting(head, reach=MODIFIER_TOKENS):
            return None
        agent = self._author_after(last)
        if agent is not None:
            return Cue(kind, platform, head, last, (agent,))
        k = head - 1
        determiner: int | None = None
        premodifier: int | None = None
        seen_article = False
        for _ in range(MODIFIER_TOKENS + 2):
            if k < 0:
                break
            tok = toks[k]
            if tok.quoted or tok.kind == "q":
                k -= 1
                continue
            if tok.kind != "w":
                break
            low = tok.low
            if tok.poss:
                if low in lex.weekdays or low in lex.relative_days_words:
                    determiner = k
                    k -= 1
                    break
                owner = self.np_at(k)
                if owner is None or (not self._singular(head) and self._irrealis(owner.first)):
                    return None
                posters = (
                    split_names(owner) if owner.kind == "name" else [NounPhrase(k, k, "definite")]
                )
                return Cue(kind, platform, owner.first, last, tuple(posters))
            if low in lex.possessives:
                if not self._singular(head) and self._irrealis(k):
                    return None
                return Cue(kind, platform, k, last, (NounPhrase(k, k, "pronoun"),))
            cardinal = low.isdigit() or low in lex.quantity_nouns or low in lex.number_words
            article = low in lex.definite or low in lex.indefinite
            if article and seen_article:
                break
            seen_article = (seen_article or article) and low != "of"
            if low == "of" or article or cardinal:
                if low == "of" and not (
                    self.low(k - 1) in lex.quantity_nouns | lex.number_words
                    or self.low(k - 1) in lex.indefinite
                    or self.low(k - 1) in lex.ordinals
                ):
                    break
                determiner = k
                k -= 1
                continue
            degree = self.phrase_before(k + 1, lex.degree)
            if degree:
                k -= degree
                continue
            if determiner is not None and low not in lex.quantity_nouns | lex.number_words:
                break
            if self.name_like(k) and determiner is None and k == head - 1:
                premodifier = k
                k -= 1
                continue
            if self.content(k) or low in lex.ordinals or self.name_like(k):
                if low in lex.posting_verbs or low in lex.platform_verbs:
                    break
                k -= 1
                continue
            break
        if premodifier is not None and determiner is not None:
            owner = self.np_at(premodifier)
            if owner is not None and owner.kind == "name":
                return Cue(kind, platform, determiner, last, (owner,))
        governed = self._governed_noun(platform, k, determiner, head, last, kind)
        if governed is None or governed.posters[0].kind == "thing":
            place = last + 1
            owner = self._place_owner(place) if self.low(place) in lex.phrase_prepositions else None
            if owner is not None:
                return Cue(
                    kind, platform, head if determiner is None else determiner, last, (owner,)
                )
        return governed

    def _governed_noun(
        self,
        platform: str | None,
        k: int,
        determiner: int | None,
        head: int,
        last: int,
        kind: CueKind,
    ) -> Cue | None:
        """The poster of a post noun from the word that governs it (token ``k``)."""
        toks, lex = self.toks, self.lex
        tok = toks[k] if k >= 0 else None
        if (
            tok is None
            or tok.kind in ("p", "q")
            or (
                tok.cap
                and tok.low in lex.function_words
                and k == self.first_word
                and tok.low not in lex.post_prepositions
            )
        ):
            start = determiner if determiner is not None else head
            definite = determiner is not None and (
                self.low(determiner) in lex.definite or self.toks[determiner].poss
            )
            this = determiner is not None and self.low(determiner) in lex.self_determiners
            if definite and this and platform is None:
                return None
            if definite and self._singular(head):
                return Cue(kind, platform, start, last, (NounPhrase(head, head, "thing"),))
            return None
        low = self.low(k)
        if self._irrealis(k + 1):
            return None
        if low in lex.post_prepositions:
            before = self.low(k - 1)
            bare = self.low(k - 2) not in lex.definite | lex.possessives | lex.indefinite
            if bare and (before in lex.media_nouns or before in lex.generic_people):
                return None
            poster = self.subject_of_phrase(k, last)
        elif low in lex.particles and self.content(k - 1):
            poster = self.subject_of_verb(k - 1) if not self._not_posting(k) else None
            k -= 1
        elif low in lex.posting_verbs or low in lex.platform_verbs:
            poster = self.subject_of_verb(k)
        else:
            return None
        if poster is None:
            return None
        return Cue(kind, platform, k, last, (poster,))

    def _singular(self, i: int) -> bool:
        low, lex = self.toks[i].low, self.lex
        return not (
            low.endswith("s") and (low[:-1] in lex.post_nouns or low[:-1] in lex.generic_post_nouns)
        )

    def _author_after(self, last: int) -> NounPhrase | None:
        """The author named after a post noun.

        ``a tweet by Shereef Elnahal``, ``de tweet van Hendrickx``, ``na een tweet van een
        wethouder`` (a role); not ``von Straches Facebook-Seite`` (a place).
        """
        lex = self.lex
        if self.low(last + 1) in lex.weekdays or self.low(last + 1) in lex.relative_days_words:
            last += 1
        if self.low(last + 1) in lex.posting_verbs and self.low(last + 2) in lex.agent_prepositions:
            last += 1
        elif self.low(last + 1) not in lex.author_prepositions:
            return None
        np = self.np_from(last + 2)
        if np is None or self.platform(np.last + 1) is not None:
            return None
        if np.kind in ("name", "definite"):
            return np
        head = self.toks[np.last].low
        role = head not in lex.generic_people and head not in lex.quantity_nouns
        if np.kind == "indefinite" and np.last > np.first and self.content(np.last) and role:
            return NounPhrase(np.first, np.last, "definite")
        return None


def split_names(np: NounPhrase) -> list[NounPhrase]:
    """One phrase per coordinated name (``Mader and Parrilla``)."""
    if len(np.names) <= 1:
        return [np]
    return [NounPhrase(np.first, np.last, np.kind, (name,), None) for name in np.names]
