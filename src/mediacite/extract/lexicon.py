"""Word lists for finding prose mentions of posts, one data file per language.

``lexicons/<lang>.json`` holds the words of one language (posting verbs and their
inflections, post nouns, the prepositions of "on Twitter", pronouns, determiners, acts that
are not posting, boilerplate openers, relative-date words); ``lexicons/common.json`` holds
the platform names every language shares. Code never spells a word of a language: it reads
the lists through :class:`Lexicon`. Files are read on first use and cached.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

import attrs
import regex

__all__ = [
    "DETECT_MIN_WORDS",
    "LANGUAGES",
    "MIN_STOPWORD_SHARE",
    "Lexicon",
    "detect_language",
    "lexicon",
]

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru")
"""Languages with a lexicon; the first is the fallback."""

DETECT_CHARS = 8_000
"""How much of a document is read to tell its language (a few paragraphs suffice)."""

DETECT_MIN_WORDS = 50
"""Fewer words than this tell nothing about a language: the first lexicon is used."""

MIN_STOPWORD_SHARE = 0.05
"""The share of a language's stop words below which a text is in none of :data:`LANGUAGES`.
Prose in them has at least 13 % (tweet-heavy pages; 30-40 % is typical) in the labelled
corpora; Chinese, Japanese or Korean text with English words in it has 0-3 %."""

_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)?")

Phrase = tuple[str, ...]


def _fold(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


def _phrases(words: Iterable[str]) -> tuple[Phrase, ...]:
    """Multi-word entries as word tuples, longest first (so the longest match wins)."""
    split = {tuple(w.casefold().split()) for w in words}
    return tuple(sorted(split, key=lambda p: (-len(p), p)))


def _by_word(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """``{platform: [word, ...]}`` turned into ``{word: platform}``."""
    return {w.casefold(): platform for platform, words in table.items() for w in words}


@attrs.frozen(slots=False, eq=False)
class Lexicon:
    """The words of one language, case-folded, plus the shared platform names."""

    language: str
    stopwords: frozenset[str]
    abbreviations: frozenset[str]
    function_words: frozenset[str]
    prepositions: frozenset[str]
    subordinators: frozenset[str]
    relatives: frozenset[str]
    phrase_prepositions: frozenset[str]
    post_prepositions: frozenset[str]
    implied_adverbs: tuple[Phrase, ...]
    fillers: frozenset[str]
    place_nouns: frozenset[str]
    media_nouns: frozenset[str]
    platform_verbs: dict[str, str]
    post_nouns: dict[str, str]
    generic_post_nouns: frozenset[str]
    posting_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    non_posting: frozenset[str]
    pronouns: frozenset[str]
    possessives: frozenset[str]
    group_words: frozenset[str]
    first_person: frozenset[str]
    definite: frozenset[str]
    oblique_determiners: frozenset[str]
    indefinite: frozenset[str]
    generic_people: frozenset[str]
    document_nouns: frozenset[str]
    quantity_nouns: frozenset[str]
    number_words: frozenset[str]
    name_links: tuple[Phrase, ...]
    skip: frozenset[str]
    adverb_suffixes: tuple[str, ...]
    auxiliaries: frozenset[str]
    passive: frozenset[str]
    modals: frozenset[str]
    author_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    reply_prepositions: frozenset[str]
    role_prepositions: frozenset[str]
    infinitive_markers: frozenset[str]
    negations: frozenset[str]
    particles: frozenset[str]
    ordinals: frozenset[str]
    degree: tuple[Phrase, ...]
    contractions: dict[str, str]
    habitual_forms: frozenset[str]
    self_determiners: frozenset[str]
    gerund_suffixes: tuple[str, ...]
    complementizers: frozenset[str]
    coordinators: tuple[Phrase, ...]
    boilerplate_starts: frozenset[str]
    pointer_prepositions: frozenset[str]
    relative_days: dict[Phrase, int]
    weekdays: dict[str, int]
    future_days: frozenset[str]
    pro_drop: bool
    verb_second: bool
    nouns_capitalized: bool
    platform_names: dict[str, str]
    capitalized_names: dict[str, str]
    phrase_only_names: dict[str, str]
    name_pairs: dict[Phrase, str]
    name_particles: frozenset[str]

    @functools.cached_property
    def relative_day_phrases(self) -> tuple[Phrase, ...]:
        """The keys of :attr:`relative_days`, longest first."""
        return tuple(sorted(self.relative_days, key=lambda p: (-len(p), p)))

    @functools.cached_property
    def implied_starts(self) -> frozenset[str]:
        """The first words of :attr:`implied_adverbs`."""
        return frozenset(p[0] for p in self.implied_adverbs)

    @functools.cached_property
    def relative_days_words(self) -> frozenset[str]:
        """The one-word relative days (``today``, ``yesterday``, ``gestern``)."""
        return frozenset(p[0] for p in self.relative_days if len(p) == 1)

    @functools.cached_property
    def coordinators_words(self) -> frozenset[str]:
        """The one-word coordinators (``and``, ``und``, ``et``)."""
        return frozenset(p[0] for p in self.coordinators if len(p) == 1)

    def platform_of_name(self, low: str, capitalized: bool) -> tuple[str | None, bool]:
        """The platform a word names and whether it only counts after a preposition."""
        found = self.platform_names.get(low)
        if found is not None:
            return found, False
        if capitalized:
            found = self.capitalized_names.get(low)
            if found is not None:
                return found, False
            found = self.phrase_only_names.get(low)
            if found is not None:
                return found, True
        return None, False

    def is_adverb(self, low: str) -> bool:
        """Whether a word is an adverb by its ending (``-ly``, ``-ment``, ``-mente``)."""
        return any(low.endswith(s) and len(low) > len(s) + 2 for s in self.adverb_suffixes)


def _read(name: str) -> Any:
    folder = resources.files("mediacite.extract").joinpath("lexicons")
    data = folder.joinpath(name).read_text("utf-8")
    return json.loads(data)


@functools.cache
def _common() -> dict[str, Any]:
    data: dict[str, Any] = _read("common.json")
    return data


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` (one of :data:`LANGUAGES`); read once, then cached."""
    if language not in LANGUAGES:
        raise ValueError(f"no mention lexicon for language {language!r} (have {LANGUAGES})")
    raw = _read(f"{language}.json")
    common = _common()
    platforms: dict[str, dict[str, list[Any]]] = common["platforms"]
    sets = {
        name: _fold(raw[name])
        for name in [
            "stopwords",
            "abbreviations",
            "function_words",
            "prepositions",
            "subordinators",
            "relatives",
            "phrase_prepositions",
            "post_prepositions",
            "fillers",
            "place_nouns",
            "media_nouns",
            "generic_post_nouns",
            "posting_verbs",
            "reporting_verbs",
            "non_posting",
            "pronouns",
            "possessives",
            "group_words",
            "first_person",
            "definite",
            "oblique_determiners",
            "indefinite",
            "generic_people",
            "document_nouns",
            "quantity_nouns",
            "number_words",
            "skip",
            "auxiliaries",
            "passive",
            "modals",
            "author_prepositions",
            "agent_prepositions",
            "reply_prepositions",
            "role_prepositions",
            "infinitive_markers",
            "negations",
            "particles",
            "ordinals",
            "complementizers",
            "boilerplate_starts",
            "pointer_prepositions",
            "future_days",
            "habitual_forms",
            "self_determiners",
        ]
    }
    return Lexicon(
        language=language,
        platform_verbs=_by_word(raw["platform_verbs"]),
        post_nouns=_by_word(raw["post_nouns"]),
        name_links=_phrases(raw["name_links"]),
        adverb_suffixes=tuple(raw["adverb_suffixes"]),
        coordinators=_phrases(raw["coordinators"]),
        degree=_phrases(raw["degree"]),
        implied_adverbs=_phrases(raw["implied_adverbs"]),
        contractions={k.casefold(): v.casefold() for k, v in raw["contractions"].items()},
        gerund_suffixes=tuple(raw["gerund_suffixes"]),
        relative_days={tuple(k.casefold().split()): v for k, v in raw["relative_days"].items()},
        weekdays={w.casefold(): i for i, names in enumerate(raw["weekdays"]) for w in names},
        pro_drop=bool(raw["pro_drop"]),
        verb_second=bool(raw["verb_second"]),
        nouns_capitalized=bool(raw["nouns_capitalized"]),
        platform_names={
            **_by_word({p: v["names"] for p, v in platforms.items()}),
            **_by_word(raw["platform_names"]),
        },
        capitalized_names=_by_word({p: v["capitalized"] for p, v in platforms.items()}),
        phrase_only_names=_by_word({p: v["phrase_only"] for p, v in platforms.items()}),
        name_pairs={
            tuple(w.casefold() for w in pair): p
            for p, v in platforms.items()
            for pair in v.get("pairs", ())
        },
        name_particles=_fold(common["name_particles"]),
        **sets,
    )


def detect_language(text: str) -> str | None:
    """The language of ``text`` among :data:`LANGUAGES`, by counting stop words.

    A word several languages share counts for each of them in part. A short text (under
    :data:`DETECT_MIN_WORDS` words) with no clear language gets the first language; a longer
    one whose stop words are fewer than :data:`MIN_STOPWORD_SHARE` of its words is in a
    language without a lexicon: ``None``.
    """
    counts = dict.fromkeys(LANGUAGES, 0.0)
    index = _stop_index()
    words = 0
    for m in _WORD.finditer(text, 0, min(len(text), DETECT_CHARS)):
        words += 1
        langs = index.get(m.group().casefold(), ())
        for lang in langs:
            counts[lang] += 1 / len(langs)
    best = max(LANGUAGES, key=lambda lang: counts[lang])
    if words >= DETECT_MIN_WORDS and counts[best] < MIN_STOPWORD_SHARE * words:
        return None
    return best


@functools.cache
def _stop_index() -> dict[str, tuple[str, ...]]:
    """Each stop word with the languages it belongs to."""
    index: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        for word in lexicon(lang).stopwords:
            index[word] = (*index.get(word, ()), lang)
    return index
