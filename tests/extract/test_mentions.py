"""Prose mentions of posts: the project's own sentences per language, the record, the façade.

The fixtures (``tests/fixtures/mentions/<lang>.json``) are written for these tests: each case
is a small text and the mentions expected in it, in order — every cue family of the language
and every family that must not make a mention (generic platform talk, follow-us footers,
acts that are not posting, statements, unnamed posters, no platform named).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mediacite
from mediacite.extract.lexicon import LANGUAGES, detect_language
from mediacite.extract.mentions import find_mentions
from mediacite.extract.sentences import split_sentences
from mediacite.models import Mention
from paths import FIXTURES

CASES = FIXTURES / "mentions"


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for number, case in enumerate(data["cases"], 1):
            out.append(
                pytest.param(
                    data["language"], data["article_date"], case, id=f"{path.stem}-{number}"
                )
            )
    return out


def _check(found: list[Mention], expected: list[dict[str, Any]], text: str) -> None:
    assert len(found) == len(expected), (text, found)
    for mention, want in zip(found, expected, strict=True):
        for key, value in want.items():
            assert getattr(mention, key if key != "sourced" else "is_sourced") == value, (
                key,
                text,
                mention,
            )


@pytest.mark.parametrize(("language", "article_date", "case"), _cases())
def test_fixture_case(language: str, article_date: str, case: dict[str, Any]) -> None:
    text = case["text"]
    result = mediacite.extract_text(text, article_date=article_date, mentions=True)
    found = find_mentions(text, result, article_date=article_date, language=language)
    _check(found, case["mentions"], text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_is_recognised(language: str) -> None:
    path = CASES / f"{language}.json"
    if not path.exists():
        pytest.skip(f"no fixture for {language}")
    data = json.loads(path.read_text("utf-8"))
    text = "\n\n".join(case["text"] for case in data["cases"])
    assert detect_language(text) == language


def test_mentions_are_opt_in() -> None:
    text = "Mayor Okafor tweeted that the bridge is closed.\n"
    assert mediacite.extract_text(text).mentions is None
    assert mediacite.extract(text).mentions is None
    found = mediacite.extract(text, mentions=True).mentions
    assert found is not None and [m.author for m in found] == ["Mayor Okafor"]


def test_extract_mentions_and_html_positions() -> None:
    html = (
        "<html><head><meta property='article:published_time' content='2024-03-06'></head>"
        "<body><article><p>Intro.</p>\n<p>The minister tweeted on Monday that talks &amp; "
        "votes were over.</p><footer><p>Follow us on Twitter.</p></footer>"
        "<script>var x = 'Trump tweeted';</script></article></body></html>"
    )
    found = mediacite.extract_mentions(html)
    assert len(found) == 1
    mention = found[0]
    assert mention.sentence == "The minister tweeted on Monday that talks & votes were over."
    assert html[mention.start : mention.end].startswith("<p>The minister")
    assert (mention.line, mention.date) == (2, "2024-03-04")


def test_html_lead_in_is_sourced_by_the_embed() -> None:
    html = (
        "<html><body><article><p>The mayor tweeted:</p>"
        '<blockquote class="twitter-tweet"><p>Roads are open.</p>&mdash; Linda Okafor '
        '(@MayorOkafor) <a href="https://twitter.com/MayorOkafor/status/1765000000000000000">'
        "March 5, 2024</a></blockquote></article></body></html>"
    )
    result = mediacite.extract(html, mentions=True)
    assert result.mentions is not None and len(result.mentions) == 1
    backing = result.mentions[0].sourced
    assert backing is not None and backing.identity == "twitter:id:1765000000000000000"


def test_truth_social_mention_is_sourced_by_its_post() -> None:
    text = (
        "Mayor Okafor wrote on Truth Social on Monday that the bridge would reopen.\n\n"
        "Her post (https://truthsocial.com/@MayorOkafor/posts/114000000000000003) was shared "
        "widely.\n"
    )
    mentions = mediacite.extract(text, mentions=True).mentions
    assert mentions is not None
    first = mentions[0]
    assert (first.platform, first.author) == ("truthsocial", "Mayor Okafor")
    assert first.sourced is not None
    assert first.sourced.identity == "mastodon:id:114000000000000003"


def test_extract_path_reads_mentions(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("date 2024-03-06\n\nGov. Ames tweeted yesterday that schools close.\n")
    found = mediacite.extract_path(story, mentions=True)
    assert found.mentions is not None
    (mention,) = found.mentions
    assert (mention.source, mention.line, mention.date) == (str(story), 3, "2024-03-05")
    assert mediacite.extract_path(story).mentions is None


def test_mention_record_round_trip() -> None:
    text = "Gov. Ames tweeted:\n\nSchools close. — Ames (@GovAmes) March 5, 2024\n"
    (mention,) = mediacite.extract_mentions(text)
    record = json.loads(json.dumps(mention.to_dict()))
    assert record["type"] == "mention"
    assert record["sourced"]["identity"].startswith("twitter:byline:govames:2024-03-05")
    assert Mention.from_dict(record) == mention
    with pytest.raises(ValueError, match="unknown mention field"):
        Mention.from_dict({**record, "colour": "red"})
    with pytest.raises(ValueError, match="not a mention record"):
        Mention.from_dict({**record, "type": "citation"})


def test_mention_list_exports() -> None:
    text = "Gov. Ames tweeted that schools close.\nMayor Reyes wrote on Facebook that they open.\n"
    found = mediacite.extract_mentions(text)
    assert [m.platform for m in found.unsourced] == ["twitter", "facebook"]
    lines = found.to_jsonl().splitlines()
    assert [json.loads(line)["author"] for line in lines] == ["Gov. Ames", "Mayor Reyes"]
    assert "Gov. Ames" in found._repr_html_()


def test_text_in_a_language_without_a_lexicon_has_no_mentions() -> None:
    chinese = "我们今天去了公园，天气很好。" * 80
    text = chinese + "\n\nThis week on Twitter, the mayor wrote that roads are open.\n"
    assert detect_language(text) is None
    assert mediacite.extract_mentions(text) == []
    assert detect_language("The mayor tweeted.") == "en"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no mention lexicon"):
        find_mentions("Trump tweeted.", language="xx")


def test_sentences_keep_quotations_and_abbreviations_whole() -> None:
    text = (
        '"It is vile. It is wrong," she tweeted. Sen. J. Smith agreed.\n'
        'Dr. No wrote on X. "Why?" Mr Saladino asked.\n\nA new paragraph'
    )
    found = [text[s.start : s.end] for s in split_sentences(text, abbreviations={"sen", "dr"})]
    assert found == [
        '"It is vile. It is wrong," she tweeted.',
        "Sen. J. Smith agreed.",
        "Dr. No wrote on X.",
        '"Why?" Mr Saladino asked.',
        "A new paragraph",
    ]


def test_long_unclosed_quotation_does_not_swallow_the_text() -> None:
    text = '"Never closed. ' + "Word after word. " * 200 + "The end."
    sentences = split_sentences(text)
    assert len(sentences) > 100
