"""The Markdown reader on the project's own fixtures: every family of embed, every negative.

Each fixture in tests/fixtures/markdown is written for one family (official embeds, Hugo,
Liquid, Eleventy, Zola, MDX components, Zenn/Obsidian/WordPress, quoted bylines, raw-HTML
fences, Franklin, admonitions) or for what is never a citation (negatives.md).
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

import pytest

import mediacite
from mediacite.extract.decode import detect_input, looks_like_markdown
from mediacite.extract.markdown import _unescape, extract_markdown
from mediacite.extract.pageinfo import front_matter_date
from mediacite.models import Citation, Span
from paths import FIXTURES

MARKDOWN = FIXTURES / "markdown"

# (platform, kind, post_id, handle) of every post, in story order.
EXPECTED: dict[str, list[tuple[str, str, str | None, str | None]]] = {
    "embeds.md": [
        ("twitter", "blockquote", "1650000000000000002", "mayorjane"),
        ("instagram", "blockquote", "Cabc123XYZ_", "harbour.ferries"),
        ("bluesky", "blockquote", "3lmnopqrstu2x", "depot.bsky.social"),
        ("mastodon", "rendered", "110000000000000001", "forecast@weather.example.social"),
        ("youtube", "rendered", "aBcD3fGh1Jk", None),
        ("tiktok", "blockquote", "7300000000000000001", "harbourkid"),
        ("telegram", "stub", "harbournews/1201", "harbournews"),
    ],
    "hugo.md": [
        ("twitter", "shortcode", "1768190000123456701", "EastportTransit"),
        ("twitter", "shortcode", "1768190000123456702", None),
        ("twitter", "shortcode", "1768190000123456703", None),
        ("twitter", "shortcode", "1768190000123456704", "EastportWx"),
        ("twitter", "shortcode", "1768190000123456705", "EastportCity"),
        ("instagram", "shortcode", "C4xYz12AbCd", None),
        ("youtube", "shortcode", "aBcD3fGh1Jk", None),
        ("youtube", "shortcode", "ZyXw9VuT8Sr", None),
        ("tiktok", "shortcode", "7300000000000000003", "eastportkid"),
        ("mastodon", "shortcode", "110000000000000002", "clerk@town.example.social"),
    ],
    "liquid.md": [
        ("twitter", "shortcode", "1768190000123456711", "EastportTransit"),
        ("twitter", "shortcode", "1768190000123456712", "EastportWx"),
        ("twitter", "shortcode", "1768190000123456713", "EastportCity"),
        ("twitter", "shortcode", "1768190000123456714", None),
        ("youtube", "shortcode", "aBcD3fGh1Jk", None),
        ("youtube", "shortcode", "ZyXw9VuT8Sr", None),
    ],
    "eleventy.njk": [
        ("twitter", "shortcode", "1768190000123456721", None),
        ("twitter", "shortcode", "1768190000123456722", "EastportWx"),
        ("youtube", "shortcode", "aBcD3fGh1Jk", None),
        ("twitter", "link", "1768190000123456723", "EastportCity"),
        ("instagram", "link", "C4xYz12AbCd", None),
    ],
    "zola.md": [
        ("youtube", "shortcode", "aBcD3fGh1Jk", None),
        ("youtube", "shortcode", "ZyXw9VuT8Sr", None),
        ("youtube", "shortcode", "Q1w2E3r4T5y", None),
    ],
    "components.mdx": [
        ("twitter", "shortcode", "1768190000123456731", None),
        ("twitter", "shortcode", "1768190000123456732", None),
        ("twitter", "shortcode", "1768190000123456733", "EastportWx"),
        ("twitter", "shortcode", "1768190000123456734", "EastportTransit"),
        ("youtube", "shortcode", "aBcD3fGh1Jk", None),
        ("mastodon", "shortcode", "110000000000000003", "clerk@town.example.social"),
        ("bluesky", "shortcode", "3kabcdefghi2y", "depot.bsky.social"),
    ],
    "zenn.md": [
        ("twitter", "shortcode", "1768190000123456741", "EastportCity"),
        ("youtube", "shortcode", "aBcD3fGh1Jk", None),
        ("twitter", "shortcode", "1768190000123456742", "EastportWx"),
        ("twitter", "link", "1768190000123456743", "EastportTransit"),
        ("twitter", "shortcode", "1768190000123456744", "EastportPolice"),
        ("twitter", "shortcode", "1768190000123456745", "EastportFire"),
        ("youtube", "shortcode", "ZyXw9VuT8Sr", None),
    ],
    "bylines.md": [
        ("twitter", "byline", "837989167766306817", "Jan_Lotse"),
        ("twitter", "byline", "837989167766306818", "HarbourDesk"),
        ("twitter", "byline", "837989167766306820", "GaugeBot"),
        ("twitter", "byline", "837989167766306819", "harbouroffice"),
    ],
    "raw-html-fences.md": [("twitter", "blockquote", "1768190000123456771", "HarbourDesk")],
    "franklin.md": [("twitter", "blockquote", "1768190000123456781", "HarbourDesk")],
    "admonition.md": [
        ("twitter", "blockquote", "1768190000123456791", "HarbourDesk"),
        ("twitter", "link", "1768190000123456790", "HarbourDesk"),
    ],
    "wordpress-html.md": [
        ("twitter", "blockquote", "1768190000123456801", "HarbourDesk"),
        ("twitter", "byline", None, "EastportCity"),
    ],
    "negatives.md": [],
}


def read(name: str, *, crlf: bool = False) -> str:
    text = (MARKDOWN / name).read_text("utf-8")
    return text.replace("\n", "\r\n") if crlf else text


def found(name: str, *, crlf: bool = False) -> list[Citation]:
    return list(extract_markdown(read(name, crlf=crlf), source=name))


def where(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of ``offset``, counted by hand."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def test_every_fixture_is_expected() -> None:
    assert sorted(p.name for p in MARKDOWN.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_story(name: str) -> None:
    got = [(c.platform, c.kind, c.post_id, c.handle) for c in found(name)]
    assert got == EXPECTED[name]


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_positions_index_the_source(name: str, crlf: bool) -> None:
    text = read(name, crlf=crlf)
    for c in found(name, crlf=crlf):
        for span in (c.span, *c.also_at):
            assert 0 <= span.start < span.end <= len(text)
            assert (span.line, span.column) == where(text, span.start)
            cited = text[span.start : span.end]
            assert cited.strip() and cited == cited.strip(), (c, cited)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_crlf_reads_like_lf(name: str) -> None:
    def key(c: Citation) -> tuple[object, ...]:
        return (c.platform, c.kind, c.post_id, c.handle, c.text, c.date_text, c.media, c.line)

    assert [key(c) for c in found(name, crlf=True)] == [key(c) for c in found(name)]


def test_embed_and_prose_link_are_one_post() -> None:
    text = read("embeds.md")
    tweet = found("embeds.md")[0]
    assert text[tweet.start : tweet.end].startswith('<blockquote class="twitter-tweet"')
    assert tweet.text == "The river is over the quay wall. Stay away from the harbour tonight."
    assert tweet.media == ("pic.twitter.com/AbCdEf1234",)
    assert (tweet.date, tweet.date_text) == ("2023-04-23", "23 avril 2023")
    [link] = tweet.also_at
    assert text[link.start : link.end] == "https://twitter.com/mayorjane/status/1650000000000000002"


def test_bylines_in_raw_html() -> None:
    desk, city = found("wordpress-html.md")
    assert (desk.text, desk.media, desk.date) == (
        "The quay is open again.",
        ("pic.twitter.com/Qw3Er5Ty7U",),
        "2024-03-14",
    )
    assert (desk.kind, desk.author, desk.also_at) == ("blockquote", "Harbour Desk", ())
    assert (city.text, city.author) == ("Bridge closed in both directions.", "City of Eastport")


def test_embed_text_is_html_text() -> None:
    by_platform = {c.platform: c for c in found("embeds.md")}
    assert by_platform["bluesky"].text == (
        "Sandbags are free at the depot. Bring a `shovel` and a friend."
    )
    assert by_platform["tiktok"].text == "the quay at 2am #flood"
    assert by_platform["instagram"].text == "Ferries stay in port until the water drops."


def test_front_matter_is_metadata_not_citations() -> None:
    stories = found("embeds.md") + found("negatives.md")
    assert not any(c.handle in ("harbourgazette", "howto_desk") for c in stories)


def test_front_matter_date_is_the_article_date() -> None:
    assert {c.article_date for c in found("embeds.md")} == {"2023-04-24"}
    assert front_matter_date(read("hugo.md")) == "2024-03-15"
    assert front_matter_date(read("zenn.md")) is None
    assert front_matter_date("no front matter\n---\ndate: 2020-01-01\n---\n") is None
    assert front_matter_date("---\ntitle: x\npublishDate: 2021-02-03\n---\n") == "2021-02-03"
    assert front_matter_date("---\nThe bridge closed.\ndate: 2020-01-01\n---\n") is None


def test_quoted_bylines() -> None:
    jan, desk, gauge, office = found("bylines.md")
    assert (jan.date_text, jan.date, jan.author) == ("4. März 2017", "2017-03-04", "Jan Lotse")
    assert jan.text == "Die Brücke ist gesperrt. #Sturm-Warnung für die Küste."
    assert jan.media == ("pic.twitter.com/Kq3Zt8WmPa",)
    assert desk.text == "Road to the quay is open again"
    assert gauge.text == "Water levels are falling at every gauge." and gauge.date == "2017-03-04"
    assert office.author == "Harbour Office harbour @ office . jp"
    assert (office.text, office.media) == (
        "港の水位は下がっています。",
        ("pic.twitter.com/Hq7Lm2XcVb",),
    )
    assert office.date_text == "2017 年 3 月 4 日"


def test_quote_byline_in_a_text_file_is_one_post() -> None:
    story = (
        "> Road to the quay is open again — Harbour Desk (@HarbourDesk) "
        "[March 4, 2017](https://twitter.com/HarbourDesk/status/837989167766306818)\n"
    )
    [one] = mediacite.extract(story, input="markdown")
    assert (one.kind, one.post_id, one.date) == ("byline", "837989167766306818", "2017-03-04")


def test_inline_html_goes_to_the_html_reader() -> None:
    story = (
        "As <a href='https://twitter.com/harbourdesk/status/1768190000123456801'>the desk "
        "said</a>, and [the council](https://twitter.com/council/status/1768190000123456802).\n"
    )
    got = [(c.post_id, c.kind) for c in extract_markdown(story)]
    assert got == [("1768190000123456801", "link"), ("1768190000123456802", "link")]


def test_an_unclosed_comment_in_an_html_block_hides_the_rest_of_it() -> None:
    story = "<!-- draft\n{{< tweet 1768190000123456803 >}}\n"
    assert list(extract_markdown(story)) == []


def test_escapes_map_back_to_the_source() -> None:
    text = r"a\.b \\ c\*d \[e\] f"
    unescaped = _unescape(text)
    assert unescaped.text == r"a.b \ c*d \[e\] f"
    for offset, ch in enumerate(unescaped.text):
        source = unescaped.source(offset)
        assert text[source] == ch
        assert unescaped.view(source) == offset


def test_detect_input_by_name_and_content() -> None:
    assert detect_input(b"plain words", "story.MDX") == "markdown"
    assert detect_input(b"plain words", "story.njk") == "markdown"
    assert detect_input(b"# Title", "page.html") == "html"
    assert detect_input(b"<!doctype html><html><body>", None) == "html"
    assert detect_input(b"---\ntitle: x\n---\nHello\n", "story.txt") == "markdown"
    assert detect_input(b"Intro.\n\n{{< tweet 1 >}}\n", "story.txt") == "markdown"
    assert detect_input(b'Intro.\n\n<blockquote class="twitter-tweet">x</blockquote>\n') == (
        "markdown"
    )
    assert detect_input(b"Bridge closed. - City (@city) May 3, 2023\n", "story.txt") == "text"
    assert not looks_like_markdown("Prices rose 5% {in some places}.")


def test_iter_path_reads_markdown_by_name_and_by_content(tmp_path: Path) -> None:
    story = 'Example:\n\n```html\n<blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/1768190000123456804">x</a></blockquote>\n```\n'
    for name in ("story.md", "story.txt"):
        (tmp_path / name).write_text(story, encoding="utf-8")
        assert list(mediacite.iter_path(tmp_path / name)) == []
    assert len(list(mediacite.iter_path(tmp_path / "story.txt", input="text"))) == 1


def test_markdown_too_large_to_parse_is_streamed_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("mediacite.extract.decode", "mediacite.reading"):
        monkeypatch.setattr(importlib.import_module(module), "MAX_MARKDOWN_BYTES", 64)
    lines = "".join(f"Bridge closed. — City (@city) May {day}, 2023\n" for day in (3, 4, 5))
    for name in ("big.txt", "big.md"):
        (tmp_path / name).write_text("```\ncode\n```\n" + lines, encoding="utf-8")
        assert len(list(mediacite.iter_path(tmp_path / name))) == 3
    with pytest.raises(mediacite.errors.InputError, match="Markdown story larger"):
        list(mediacite.iter_path(tmp_path / "big.md", input="markdown"))
    assert detect_input(b"# x", "a.md", size=65) == "text"
    assert detect_input(b"# x", "a.md", size=64) == "markdown"


@pytest.mark.parametrize(
    "hostile",
    [
        "{{< " * 50_000,
        "{% " * 50_000,
        "{{ x(" * 30_000,
        "<Tweet id=" * 20_000,
        "[tweet " * 30_000,
        "@[tweet](" * 30_000,
        "`" * 100_000 + " x " + "``" * 30_000,
        "<!--" * 40_000,
        "x <!-- " * 40_000,
        "x <pre> y\n\n" * 20_000,
        "> — a [May 3, 2023](" * 10_000,
        "<a " + "b " * 100_000,
        "\\." * 100_000,
    ],
    ids=lambda s: repr(s[:12]),
)
def test_hostile_input_is_linear(hostile: str) -> None:
    start = time.perf_counter()
    list(extract_markdown(hostile))
    assert time.perf_counter() - start < 10


def test_citations_are_citations_with_spans() -> None:
    for name in EXPECTED:
        for c in found(name):
            assert all(isinstance(s, Span) for s in c.also_at)
            assert c.source == name


def test_a_crawled_markdown_story_dates_itself_by_its_front_matter() -> None:
    from mediacite.corpus import Document, extract_document

    story = b"---\ndate: 2024-03-15\n---\n\n{{< tweet 1768190000123456701 >}}\n"
    document = Document(source="s.md", where="crawl@1", data=story, captured_date="2030-01-01")
    [c] = extract_document(document)
    assert c.article_date == "2024-03-15"
