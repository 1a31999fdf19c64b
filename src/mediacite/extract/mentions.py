"""Prose mentions of posts: sentences that report a post without citing it.

``Trump tweeted on Monday that …``, ``In a post on X, the minister wrote …``, ``Der Minister
schrieb auf Twitter …``: :func:`find_mentions` is a pure function of a text, the citations
found in it and the article's date that returns one :class:`~mediacite.models.Mention` per
poster per sentence. Words come from the language's lexicon (:mod:`.lexicon`); the code
holds only the structure shared by the languages:

* a **cue** says that a post was made: a verb that names the platform (``tweeted``), a
  posting phrase that names it (``wrote on Instagram``, ``auf Twitter``), a post noun that
  names it (``a tweet``, ``Trump's Facebook post``) or — with the platform taken from the
  neighbouring sentence or from the post the sentence introduces — a post noun or writing
  verb without a platform word (``the caption``, ``he wrote``);
* the **poster** must be identifiable in the sentence: a name, a handle, a definite
  description (``the president``) or a personal pronoun; indefinite and generic posters
  (``some users``, ``ein Kommentator``) do not make a mention;
* acts that are not posting (liking, deleting, blocking, following), follow-us and share
  boilerplate, future or hypothetical posting and the cited posts themselves are not
  mentions.

A mention is **sourced** when the document also cites a post by the same poster on the same
platform; a pronoun or a description is resolved to the one person its sentence names with
a cited post, else to the post the sentence introduces, else to the poster named shortly
before. Everything is linear in the length of the text: one sentence split, one token pass
per sentence that holds a cue word (sentences are analysed in pieces of at most
:data:`MAX_SENTENCE_CHARS`), and searches bounded by
:data:`~mediacite.extract.cues.WINDOW_TOKENS`. The sentence half — tokens, noun phrases,
cues and posters — lives in :mod:`mediacite.extract.cues`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Sequence

import attrs
import regex

from mediacite.extract.cues import POSSESSIVE, Cue, NounPhrase, SentenceCues
from mediacite.extract.dates import ParsedDate, match_date, month_words
from mediacite.extract.extent import residue_start
from mediacite.extract.lexicon import Lexicon, detect_language, lexicon
from mediacite.extract.sentences import Sentence, split_sentences
from mediacite.models import Backing, Citation, Mention

__all__ = ["CONTEXT_SENTENCES", "LEAD_IN_CHARS", "find_mentions"]

LEAD_IN_CHARS = 400
"""A sentence ending at most this far before a citation introduces it (room for a widget's
"This content is imported from …" notice between the lead-in and the post)."""

FOLLOW_CHARS = 200
"""A sentence starting at most this far after a citation may refer back to it."""

CONTEXT_SENTENCES = 3
"""A post noun or writing verb without a platform word takes the platform of a mention at
most this many sentences before it (a run of posts quoted one after the other)."""

SAME_POSTER_SENTENCES = 6
"""A writing verb takes the platform of a mention by the same named poster at most this
many sentences before it (a thread of replies reported over several paragraphs)."""

RUN_MENTIONS = 2
"""Mentions on one platform within :data:`SAME_POSTER_SENTENCES` that make a run of posts:
a writing verb in the run is taken to report one more (obituary round-ups, tribute lists)."""
MAX_SENTENCE_CHARS = 2000
"""Longer "sentences" (run-on residue: tables, glued lists) are analysed in pieces of at most
this size, so the work per sentence stays bounded (real sentences are a few hundred)."""

NAME_WORD_CHARS = 3
"""Shorter words of a name (initials, ``de``, ``Jr``) do not identify a poster."""

ALIKE_CHARS = 4
"""The shortest word two forms of a name may share (``gina`` in ``Georgina``)."""

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")
_NAME_WORD = regex.compile(r"[\p{L}\p{N}]+")
_POSTER_KINDS = frozenset({"name", "pronoun", "definite", "thing"})
_CUE_RANK: dict[str, int] = {
    "platform-verb": 0,
    "platform-phrase": 1,
    "post-noun": 2,
    "context-noun": 3,
    "context-verb": 4,
}


@attrs.define
class _Found:
    """A mention found in one sentence, before its platform and backing are settled."""

    sentence: Sentence
    platform: str | None
    cue: Cue
    poster: NounPhrase
    author: str | None
    quote: str | None
    date: str | None
    date_text: str | None
    cue_start: int
    cue_end: int
    sourced: Citation | None = None


# -- the document ------------------------------------------------------------------------


@functools.cache
def _months() -> frozenset[str]:
    """The month names of every locale (a number and a period before one is an ordinal)."""
    return month_words()


@functools.cache
def _triggers(lex: Lexicon) -> tuple[frozenset[str], regex.Pattern[str]]:
    """What may make a cue: a sentence without any is not analysed.

    The words (case-folded) that may start a cue, and a pattern for platform names inside
    longer words (``Facebookseite``, ``facebookpost``).
    """
    words = frozenset(
        {
            *lex.platform_names,
            *lex.capitalized_names,
            *lex.phrase_only_names,
            *lex.platform_verbs,
            *lex.post_nouns,
            *lex.generic_post_nouns,
            *lex.posting_verbs,
            *lex.place_nouns,
            *(phrase[0] for phrase in lex.implied_adverbs),
            *(pair[0] for pair in lex.name_pairs),
        }
    )
    names = "|".join(regex.escape(w) for w in sorted(lex.platform_names, key=len, reverse=True))
    return words, regex.compile(names, regex.IGNORECASE)


def _hits(text: str, lex: Lexicon) -> list[int]:
    """Offsets of the words that may make a cue, in order."""
    words, inside = _triggers(lex)
    found = [m.start() for m in _WORD.finditer(text) if m.group().casefold() in words]
    found.extend(m.start() for m in inside.finditer(text))
    found.sort()
    return found


class _Lines:
    """Offsets to 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in regex.finditer(r"\n", text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _regions(length: int, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The stretches of text outside the citations."""
    at = 0
    for start, end in sorted(spans):
        if start > at:
            yield at, start
        at = max(at, end)
    if at < length:
        yield at, length


def _quote_of(analysis: SentenceCues, cue: Cue) -> str | None:
    """The reported content of a cue.

    The longest quotation of the sentence, else what follows ``that`` or a colon after
    the cue.
    """
    toks, text = analysis.toks, analysis.text
    best: tuple[int, int] | None = None
    i = 0
    while i < len(toks):
        if toks[i].quoted:
            j = i
            while j + 1 < len(toks) and toks[j + 1].quoted:
                j += 1
            if best is None or toks[j].end - toks[i].start > best[1] - best[0]:
                best = (toks[i].start, toks[j].end)
            i = j + 1
            continue
        i += 1
    if best is not None:
        return text[best[0] : best[1]].strip() or None
    lex = analysis.lex
    for k in range(cue.last + 1, min(len(toks), cue.last + 4)):
        if (toks[k].low in lex.complementizers or toks[k].text == ":") and k + 1 < len(toks):
            content = text[toks[k + 1].start : analysis.sentence.end].rstrip(" .!?;:")
            return content or None
    return None


def _date_of(
    analysis: SentenceCues, cue: Cue, article_date: str | None
) -> tuple[str | None, str | None]:
    """The day the sentence fixes for the post, nearest the cue.

    A relative day (``yesterday``), a weekday (``on Monday``) or a date (``on April 9``),
    resolved against the article's date. Returns the ISO date (``None`` without an article
    date) and the words as written.
    """
    toks, lex = analysis.toks, analysis.lex
    best: tuple[int, str, str | None] | None = None
    for i, tok in enumerate(toks):
        if tok.kind != "w" or tok.quoted:
            continue
        found: tuple[int, str, str | None] | None = None
        n = analysis.phrase_at(i, lex.relative_day_phrases)
        if n:
            phrase = tuple(analysis.low(i + m) for m in range(n))
            when = _shift(article_date, lex.relative_days[phrase])
            found = (i, analysis.text[tok.start : toks[i + n - 1].end], when)
        elif tok.low in lex.weekdays and analysis.low(i - 1) not in lex.future_days:
            found = (i, tok.text, _weekday(article_date, lex.weekdays[tok.low]))
        elif tok.low.rstrip(".") in _months() or tok.text.isdigit():
            parsed = match_date(analysis.text, tok.start, analysis.sentence.end)
            if parsed is not None:
                found = (i, parsed.text, _complete(parsed, article_date))
        if found is not None and (
            best is None or abs(found[0] - cue.first) < abs(best[0] - cue.first)
        ):
            best = found
    if best is None:
        return None, None
    return best[2], best[1]


def _complete(parsed: ParsedDate, article_date: str | None) -> str | None:
    """A parsed date; without a year, the latest such day on or before the article's date."""
    if parsed.date is not None or article_date is None:
        return parsed.date
    year = int(article_date[:4])
    iso = parsed.in_year(year)
    if iso is not None and iso > article_date:
        iso = parsed.in_year(year - 1)
    return iso


def _shift(article_date: str | None, days: int) -> str | None:
    if article_date is None:
        return None
    return (dt.date.fromisoformat(article_date) + dt.timedelta(days=days)).isoformat()


def _weekday(article_date: str | None, weekday: int) -> str | None:
    """The latest date on or before the article's date that falls on ``weekday``."""
    if article_date is None:
        return None
    day = dt.date.fromisoformat(article_date)
    return (day - dt.timedelta(days=(day.weekday() - weekday) % 7)).isoformat()


def _name_keys(name: str) -> tuple[str, ...]:
    """The case-folded words of a name, possessive endings dropped."""
    words = [w.casefold() for w in _NAME_WORD.findall(POSSESSIVE.sub("", name))]
    return tuple(w for w in words if len(w) >= NAME_WORD_CHARS)


class _Posts:
    """The cited posts of one platform, found by their posters' names and handles."""

    def __init__(self, cited: list[tuple[tuple[int, int], Citation]]) -> None:
        self.cited = cited
        self.by_word: dict[str, list[int]] = {}
        self.by_handle: dict[str, list[int]] = {}
        for n, (_, citation) in enumerate(cited):
            for word in set(_name_keys(citation.author or "")):
                self.by_word.setdefault(word, []).append(n)
            if citation.handle:
                self.by_handle.setdefault(citation.handle.casefold(), []).append(n)

    def match(self, keys: tuple[str, ...], handle: str | None, here: int) -> Citation | None:
        """The post by the poster with these name words or handle nearest to ``here``.

        The surname (the last word, also without a genitive ``s``) must be a word of the
        display name or part of the handle; a handle must be the handle.
        """
        found: set[int] = set()
        if handle is not None:
            found.update(self.by_handle.get(handle.casefold(), ()))
        if keys:
            surname = keys[-1]
            variants = {surname}
            if surname.endswith("s") and len(surname) > ALIKE_CHARS:
                variants.add(surname[:-1])
            for variant in variants:
                found.update(self.by_word.get(variant, ()))
                if len(variant) >= ALIKE_CHARS:
                    for cited_handle, numbers in self.by_handle.items():
                        if variant in cited_handle:
                            found.update(numbers)
        if not found:
            return None
        best = min(found, key=lambda n: abs(self.cited[n][0][0] - here))
        return self.cited[best][1]


def _pieces(text: str, sentence: Sentence) -> Iterator[Sentence]:
    """The sentence, or pieces of at most :data:`MAX_SENTENCE_CHARS` cut at white space."""
    start = sentence.start
    while sentence.end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        yield Sentence(start, cut, sentence.paragraph)
        start = cut + 1
    yield Sentence(start, sentence.end, sentence.paragraph)


def _analyse(
    text: str, sentence: Sentence, lex: Lexicon, article_date: str | None
) -> tuple[SentenceCues, list[_Found]]:
    """The mentions of one sentence, one per poster.

    The strongest cue wins; the platform stays ``None`` where it must come from the
    context.
    """
    analysis = SentenceCues(text, sentence, lex)
    found: list[_Found] = []
    for cue in analysis.cues():
        for found_poster in cue.posters:
            if found_poster.kind not in _POSTER_KINDS:
                continue
            poster = (
                analysis.antecedent(found_poster)
                if found_poster.kind == "pronoun"
                else found_poster
            )
            author = poster.names[0] if poster.names else None
            if poster.kind == "definite" and poster.last > poster.first:
                author = analysis.text_of(poster.first, poster.last)
            same = next(
                (f for f in found if _same_in_sentence(f, poster, author, cue.platform)), None
            )
            if same is not None:
                if _CUE_RANK[cue.kind] < _CUE_RANK[same.cue.kind]:
                    same.cue, same.platform = cue, cue.platform
                    same.cue_start = analysis.toks[cue.first].start
                    same.cue_end = analysis.toks[cue.last].end
                if poster.kind == "name" and same.poster.kind != "name":
                    same.author, same.poster = author, poster
                continue
            date, date_text = _date_of(analysis, cue, article_date)
            found.append(
                _Found(
                    sentence=sentence,
                    platform=cue.platform,
                    cue=cue,
                    poster=poster,
                    author=author,
                    quote=_quote_of(analysis, cue),
                    date=date,
                    date_text=date_text,
                    cue_start=analysis.toks[cue.first].start,
                    cue_end=analysis.toks[cue.last].end,
                )
            )
    return analysis, found


def _same_in_sentence(
    other: _Found, poster: NounPhrase, author: str | None, platform: str | None
) -> bool:
    """Whether two cues of one sentence name the same poster.

    The same surname; or a pronoun, description or the post itself, which refer to the
    poster the sentence names on that platform (coreference stays within the sentence).
    """
    if other.poster.kind == "name" and poster.kind == "name":
        return _name_keys(other.author or "")[-1:] == _name_keys(author or "")[-1:]
    if other.poster.kind != "name" and poster.kind != "name":
        return True
    return None in (platform, other.platform) or platform == other.platform


def _settle(
    text: str,
    lex: Lexicon,
    analysed: list[tuple[int, SentenceCues, list[_Found]]],
    sentences: list[Sentence],
    cited: list[tuple[tuple[int, int], Citation]],
) -> list[_Found]:
    """Give context cues their platform (or drop them), then find each mention's backing."""
    starts = [place[0] for place, _ in cited]
    by_sentence: dict[int, list[_Found]] = {}
    analyses: dict[int, SentenceCues] = {}
    for n, analysis, found in analysed:
        analyses[n] = analysis
        by_sentence[n] = [f for f in found if f.platform is not None and f.poster.kind != "thing"]

    def analysis_of(m: int) -> SentenceCues:
        if m not in analyses:
            analyses[m] = SentenceCues(text, sentences[m], lex)
        return analyses[m]

    def subject_names(n: int) -> Iterator[_Found | str]:
        """Names that a pronoun may point back to.

        Recent mentions, then the subjects of the sentences before.
        """
        for m in range(n - 1, n - 1 - CONTEXT_SENTENCES, -1):
            if m < 0:
                return
            yield from by_sentence.get(m, ())
            subject = analysis_of(m).main_subject()
            if subject is not None and subject.kind == "name" and subject.names:
                yield subject.names[-1]

    def subject_of(m: int) -> tuple[str, ...]:
        """The surname of the person sentence ``m`` is about, when it names one.

        Such a sentence breaks a chain of pronouns unless it is about the same person.
        """
        if not 0 <= m < len(sentences):
            return ()
        subject = analysis_of(m).main_subject()
        if subject is None or subject.kind != "name" or not subject.names:
            return ()
        return _name_keys(subject.names[-1])[-1:]

    by_platform: dict[str, list[tuple[tuple[int, int], Citation]]] = {}
    for place, citation in cited:
        by_platform.setdefault(_named_platform(citation), []).append((place, citation))
    posts = {platform: _Posts(items) for platform, items in by_platform.items()}
    out: list[_Found] = []
    with_mentions = [n for n, _, _ in analysed]
    for number, (n, analysis, found) in enumerate(analysed):
        sentence = sentences[n]
        at = bisect.bisect_left(starts, sentence.end)
        near = (
            cited[at][1] if at < len(cited) and starts[at] - sentence.end <= LEAD_IN_CHARS else None
        )
        following = with_mentions[number + 1] if number + 1 < len(with_mentions) else None
        if near is not None and following is not None and sentences[following].start < starts[at]:
            near = None
        m = n + 1
        while near is not None and m < len(sentences) and sentences[m].start < starts[at]:
            if subject_of(m):
                near = None
            m += 1
        lead = None
        if near is not None and (n + 1 >= len(sentences) or sentences[n + 1].start >= starts[at]):
            lead = near
        follow = None
        if at > 0 and 0 <= sentence.start - cited[at - 1][0][1] <= FOLLOW_CHARS:
            follow = cited[at - 1][1]
        for f in found:
            if f.platform is None or f.poster.kind == "thing":
                f.platform = _context_platform(
                    f, n, analysis, by_sentence, subject_of, lead, follow
                )
                if f.platform is None:
                    continue
                by_sentence.setdefault(n, []).append(f)
            same = posts.get(f.platform)
            if same is not None:
                f.sourced = _backing(f, analysis, same, near, lead, follow, subject_names(n))
            out.append(f)
    return out


_TRUTH_SOCIAL = "@truthsocial.com"
"""The instance of Truth Social, a Mastodon server that prose names as a platform of its own."""


def _named_platform(citation: Citation) -> str:
    """The platform prose names for a cited post: ``truthsocial`` for Truth Social's posts."""
    handle = (citation.handle or "").lower()
    if citation.platform == "mastodon" and handle.endswith(_TRUTH_SOCIAL):
        return "truthsocial"
    return citation.platform


def _context_platform(
    f: _Found,
    n: int,
    analysis: SentenceCues,
    by_sentence: dict[int, list[_Found]],
    subject_of: Callable[[int], tuple[str, ...]],
    lead: Citation | None,
    follow: Citation | None,
) -> str | None:
    """The platform of a cue without one, from what is next to it.

    In order: a platform named in the sentence (``another Twitter user``); a mention before
    it — in the sentence just before, by the same named poster, part of a run of mentions on
    one platform, or, for a pronoun or description, one that no sentence about somebody else
    separates from it; the post the sentence introduces; a mention just after it; and for a
    post noun, the post the sentence follows. A post noun that names its platform (``the
    tweet``) must find a post or mention on that platform there.
    """
    wanted = f.platform
    if wanted is None and len(analysis.platforms) == 1:
        return next(iter(analysis.platforms))
    chain = f.poster.kind != "name"
    between: set[str] = set()
    run: dict[str, int] = {}
    for distance in range(1, SAME_POSTER_SENTENCES + 1):
        mentions = by_sentence.get(n - distance, ())
        for other in mentions:
            if wanted not in (None, other.platform):
                continue
            assert other.platform is not None
            run[other.platform] = run.get(other.platform, 0) + 1
            unbroken = not between or between <= set(_name_keys(other.author or "")[-1:])
            if _same_poster_found(f, other) or (
                (unbroken or not chain)
                and (
                    distance == 1
                    or (distance <= CONTEXT_SENTENCES and wanted is not None)
                    or chain
                    or run[other.platform] >= RUN_MENTIONS
                )
            ):
                return other.platform
        if not mentions:
            between.update(subject_of(n - distance))
    candidates = [lead] if f.cue.kind == "context-verb" else [lead, follow]
    for citation in candidates:
        if citation is not None and wanted in (None, citation.platform):
            return citation.platform
    between = set()
    for distance in range(1, CONTEXT_SENTENCES + 1):
        mentions = by_sentence.get(n + distance, ())
        for other in mentions:
            if wanted not in (None, other.platform):
                continue
            if (
                _same_poster_found(f, other)
                or (other.poster.kind != "name" and not between)
                or (distance == 1 and f.poster.kind != "pronoun")
            ):
                return other.platform
        if not mentions:
            between.update(subject_of(n + distance))
    return None


def _same_poster_found(f: _Found, other: _Found) -> bool:
    """Whether two mentions name the same poster by name."""
    if f.poster.kind != "name" or other.poster.kind != "name":
        return False
    return _name_keys(f.author or "")[-1:] == _name_keys(other.author or "")[-1:]


def _backing(
    f: _Found,
    analysis: SentenceCues,
    same: _Posts,
    near: Citation | None,
    introduced: Citation | None,
    follow: Citation | None,
    referents: Iterator[_Found | str],
) -> Citation | None:
    """The cited post by the mention's poster on its platform (``same``), nearest to it.

    A named poster is matched by surname or handle; failing that, the post the sentence
    introduces backs it, or the post it follows when that post's author has a name like it
    (``Georgina`` after a post by ``gina``). A pronoun or a description is the one person
    the sentence names who has a cited post (several leave it open: ``users like A, B and C
    could not believe what the president had tweeted``; a pronoun never stands for a name
    in a prepositional phrase or a parenthesis of its own sentence, ``she met A (B)``), else
    the poster of the post the sentence introduces, else the poster named shortly before,
    else the poster of the post the sentence follows. When the sentence is about a crowd
    (``Other famous users like A, B and C couldn't believe what the president had tweeted``)
    the posts around it are the crowd's: nothing there backs the poster.
    """
    here = f.sentence.start
    lead = near if near is not None and near.platform == f.platform else None
    if f.poster.kind == "name":
        keys = _name_keys(f.author or "")
        found = same.match(keys, f.poster.handle, here)
        if found is None and introduced is not None and introduced.platform == f.platform:
            return introduced if f.poster.owned or _alike(keys, introduced) else None
        if found is None and follow is not None and follow.platform == f.platform:
            return follow if _alike(keys, follow) else None
        return found
    subject = analysis.main_subject() or analysis.np_from(analysis.first_word)
    crowd = subject is not None and subject.kind in ("indefinite", "group")
    if crowd and subject is not None and subject.first != f.poster.first:
        return None
    candidates = analysis.names
    if f.poster.kind == "pronoun":
        candidates = [np for np in candidates if not _aside(analysis, np)]
    named = {
        id(c): c
        for np in candidates
        if (c := same.match(_name_keys(np.names[-1]), np.handle, here)) is not None
    }
    if named:
        single = len(named) == 1 and f.poster.kind != "thing"
        return next(iter(named.values())) if single else None
    if f.poster.kind == "pronoun" and any(analysis.subject_position(np) for np in candidates):
        return None
    if lead is not None:
        return lead
    for referent in referents:
        if isinstance(referent, str):
            keys, handle = _name_keys(referent), None
        elif referent.poster.kind == "name":
            keys, handle = _name_keys(referent.author or ""), referent.poster.handle
        else:
            continue
        return same.match(keys, handle, here)
    return follow if follow is not None and follow.platform == f.platform else None


def _aside(analysis: SentenceCues, np: NounPhrase) -> bool:
    """Whether a name sits in a prepositional phrase or a parenthesis.

    ``the likes of A``, ``(Belle)``: no pronoun subject of the same sentence stands for it.
    """
    before = np.first - 1
    if 0 <= before < len(analysis.toks) and analysis.toks[before].text == "(":
        return True
    return analysis.low(before) in analysis.lex.prepositions


def _alike(keys: tuple[str, ...], citation: Citation) -> bool:
    """Whether a name shares a word with the display name or handle of a post.

    Shortened forms count (``Georgina`` … ``gina``).
    """
    cited = [*_name_keys(citation.author or ""), (citation.handle or "").casefold()]
    return any(
        len(a) >= ALIKE_CHARS and len(b) >= ALIKE_CHARS and (a in b or b in a)
        for a in keys
        for b in cited
    )


def find_mentions(
    text: str,
    citations: Sequence[Citation] = (),
    *,
    article_date: str | None = None,
    language: str | None = None,
    source: str | None = None,
    spans: Sequence[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Every prose mention of a post in ``text``, in document order.

    ``citations`` are the posts the document cites (what :func:`mediacite.extract` found):
    their text is not searched, and they decide which mentions are sourced. ``spans`` gives
    their positions in ``text`` when those differ from the citations' own offsets (HTML
    pages, whose article text is searched apart from the markup). Otherwise a cited post
    counts from the embed residue that opens it (``This content is imported from …``, see
    :func:`~mediacite.extract.extent.residue_start`): what precedes the residue is prose,
    even where a citation's text ran over it, and a lead-in right before the residue
    introduces the post. ``article_date`` (ISO)
    resolves ``on Monday`` and ``yesterday``; ``language`` picks the lexicon (by default
    the language of the text is recognised from its stop words; a text in none of the
    lexicons' languages has no mentions).
    """
    language = language or detect_language(text)
    if language is None:
        return []
    lex = lexicon(language)
    hits = _hits(text, lex)
    if not hits:
        return []
    places = (
        list(spans)
        if spans is not None
        else [(residue_start(text, c.start, c.end), c.end) for c in citations]
    )
    cited = sorted(zip(places, citations, strict=True), key=lambda pair: pair[0])
    sentences: list[Sentence] = []
    for start, end in _regions(len(text), [p for p, _ in cited]):
        for sentence in split_sentences(
            text, start, end, abbreviations=lex.abbreviations, months=_months()
        ):
            sentences.extend(_pieces(text, sentence))
    analysed: list[tuple[int, SentenceCues, list[_Found]]] = []
    h = 0
    for n, sentence in enumerate(sentences):
        while h < len(hits) and hits[h] < sentence.start:
            h += 1
        if h < len(hits) and hits[h] < sentence.end:
            analysis, found = _analyse(text, sentence, lex, article_date)
            if found:
                analysed.append((n, analysis, found))
    settled = _settle(text, lex, analysed, sentences, cited)
    lines = _Lines(text)
    out: list[Mention] = []
    for f in settled:
        assert f.platform is not None
        line, column = lines.position(f.sentence.start)
        out.append(
            Mention(
                platform=f.platform,
                author=f.author,
                handle=f.poster.handle,
                cue=text[f.cue_start : f.cue_end],
                cue_kind=f.cue.kind,
                quote=f.quote,
                sentence=text[f.sentence.start : f.sentence.end],
                date=f.date,
                date_text=f.date_text,
                sourced=Backing.of(f.sourced) if f.sourced is not None else None,
                language=lex.language,
                source=source,
                article_date=article_date,
                start=f.sentence.start,
                end=f.sentence.end,
                line=line,
                column=column,
            )
        )
    return out
