"""extract_html: decoding, positions, de-duplication, the prefilter, markup kept in scripts, and
hostile input (huge lines, deep nesting, unclosed tags, NUL bytes, wrong charsets)."""

from __future__ import annotations

import html as html_lib
import random
import time

import pytest

import mediacite
from mediacite.extract import html as html_module
from mediacite.extract.decode import decode_html, sniff_html
from mediacite.extract.html import extract_html
from mediacite.extract.htmldoc import HtmlDocument

TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Ships at dawn '
    '<a href="https://t.co/Zz9">pic.twitter.com/Zz9Yy8Xx7W</a></p>&mdash; Port Café (@portcafe) '
    '<a href="https://twitter.com/portcafe/status/1650000000000000020">April 23, 2023</a>'
    "</blockquote>"
)
LINK = '<p>See <a href="https://x.com/harbour/status/1650000000000000021">this post</a>.</p>'


def wrap(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}</head>\n<body>\n{body}\n</body></html>\n"


def ids(found: list[mediacite.Citation]) -> list[str | None]:
    return [c.post_id for c in found]


def test_positions_point_into_the_decoded_source() -> None:
    page = wrap(f"<article>\n  <p>Intro</p>\n  {TWEET}\n{LINK}\n</article>")
    found = extract_html(page.encode("utf-8"))
    assert ids(found) == ["1650000000000000020", "1650000000000000021"]
    quote, link = found
    assert page[quote.start : quote.end] == TWEET
    assert (quote.line, quote.column) == (6, 3)
    assert page[link.start : link.end].startswith('<a href="https://x.com/harbour/status/')
    assert page[link.start : link.end].endswith("this post</a>")
    assert quote.author == "Port Café" and quote.media == ("pic.twitter.com/Zz9Yy8Xx7W",)


def test_same_post_twice_is_reported_once_as_its_richest_kind() -> None:
    again = (
        '<p><a href="https://twitter.com/portcafe/status/1650000000000000020">it</a></p>'
        '<div class="twitter-tweet twitter-tweet-rendered"><iframe '
        'data-tweet-id="1650000000000000020"></iframe></div>'
    )
    found = extract_html(wrap(again + TWEET + again))
    assert [(c.post_id, c.kind) for c in found] == [("1650000000000000020", "blockquote")]


def test_pages_without_markers_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("parsed a page without markers")

    monkeypatch.setattr(HtmlDocument, "_parse", refuse)
    assert extract_html(wrap("<p>No social posts here, only prose.</p>" * 50)) == []


def test_markup_kept_in_scripts() -> None:
    template = (
        '<script type="text/template"><div class="embed embed--twitter" data-embed="twitter" '
        'data-embed-id="1651854461281751045"></div></script>'
    )
    escaped = (
        '<script type="application/json">{"type":"embed","embedCode":"\\u003cblockquote '
        'class=\\"tiktok-embed\\" cite=\\"https://www.tiktok.com/@cook/video/7362946149227056416\\"'
        ' data-video-id=\\"7362946149227056416\\"\\u003e\\u003csection\\u003e\\u003cp\\u003eSoup'
        '\\u003c/p\\u003e\\u003c/section\\u003e\\u003c/blockquote\\u003e"}</script>'
    )
    page = wrap(template + "\n" + escaped)
    found = extract_html(page)
    assert [(c.platform, c.kind, c.post_id) for c in found] == [
        ("twitter", "stub", "1651854461281751045"),
        ("tiktok", "stub", "7362946149227056416"),
    ]
    assert page[found[0].start : found[0].end].startswith('<div class="embed embed--twitter"')
    assert page[found[1].start : found[1].end].startswith('"\\u003cblockquote')


STRIPPED_EMBEDS = [
    "<blockquote><p>Bridge closed both ways.</p>&mdash; Eastport Transport (@EastportTransit) "
    '<a href="https://twitter.com/EastportTransit/status/1768190000123456789">March 14, 2024</a>'
    "</blockquote>",
    "<blockquote>\n<p>Bridge closed both ways.</p>\n<p>— Eastport Transport (@EastportTransit) "
    '<a href="https://x.com/EastportTransit/status/1768190000123456789">March 14, 2024</a></p>\n'
    "</blockquote>",
]


@pytest.mark.parametrize("embed", STRIPPED_EMBEDS)
def test_embed_whose_class_a_sanitiser_stripped_is_read_by_its_tail(embed: str) -> None:
    page = f"<article><p>The agency answered.</p>{embed}</article>"
    (c,) = extract_html(page)
    assert (c.kind, c.post_id, c.handle, c.author, c.date, c.text) == (
        "blockquote",
        "1768190000123456789",
        "EastportTransit",
        "Eastport Transport",
        "2024-03-14",
        "Bridge closed both ways.",
    )


def test_instagram_embed_whose_class_and_data_a_sanitiser_stripped() -> None:
    page = (
        "<article><p>The singer posted about the tour.</p><blockquote><div>"
        '<a href="https://www.instagram.com/p/Cx7Qw2LrT9a/?utm_source=ig_embed">View this post on '
        "Instagram</a></div><p>Tour dates are out! #tour</p><p>"
        '<a href="https://www.instagram.com/p/Cx7Qw2LrT9a/">A post shared by Mara Lindqvist '
        '(@maralindq)</a> on <time datetime="2024-03-12T19:30:00+00:00">Mar 12, 2024 at 12:30pm '
        "PDT</time></p></blockquote></article>"
    )
    (c,) = extract_html(page)
    assert (c.platform, c.kind, c.post_id, c.handle, c.date, c.text) == (
        "instagram",
        "blockquote",
        "Cx7Qw2LrT9a",
        "maralindq",
        "2024-03-12",
        "Tour dates are out! #tour",
    )


def test_a_quotation_linking_an_instagram_post_is_a_link() -> None:
    page = (
        "<article><blockquote><p>The tour is on, she wrote. "
        '<a href="https://www.instagram.com/p/Cx7Qw2LrT9a/">Instagram</a></p></blockquote></article>'
    )
    (c,) = extract_html(page)
    assert (c.kind, c.post_id) == ("link", "Cx7Qw2LrT9a")


def test_embed_drawn_in_a_frame_from_its_srcdoc() -> None:
    embed = html_lib.escape(
        STRIPPED_EMBEDS[0].replace("<blockquote>", '<blockquote class="twitter-tweet">')
    )
    page = f'<article><p>The agency answered.</p><iframe srcdoc="{embed}"></iframe></article>'
    (c,) = extract_html(page)
    assert (c.kind, c.post_id, c.author, c.text, c.region) == (
        "blockquote",
        "1768190000123456789",
        "Eastport Transport",
        "Bridge closed both ways.",
        "main",
    )
    assert page[c.start : c.end].startswith("<iframe srcdoc=")


def test_a_quotation_ending_in_a_status_link_is_a_link() -> None:
    page = (
        "<article><blockquote><p>The bridge is closed, the agency said. "
        '<a href="https://twitter.com/EastportTransit/status/1768190000123456789">Source</a>'
        "</p></blockquote></article>"
    )
    (c,) = extract_html(page)
    assert (c.kind, c.post_id, c.text) == ("link", "1768190000123456789", None)


def test_base_url_resolves_relative_links() -> None:
    page = wrap('<p><a href="/mayor/status/1650000000000000022">her post</a></p>')
    assert ids(extract_html(page)) == []
    found = extract_html(page, base_url="https://twitter.com/home")
    assert ids(found) == ["1650000000000000022"]


def test_extract_routes_html_and_keeps_the_source() -> None:
    found = mediacite.extract(wrap(TWEET).encode("utf-8"), source="page.html")
    assert [(c.kind, c.source) for c in found] == [("blockquote", "page.html")]


# -- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("<p>Café</p>".encode(), None, "utf-8"),
        (b"\xef\xbb\xbf<p>Caf\xc3\xa9</p>", None, "utf-8"),
        ('<meta charset="windows-1252"><p>Café</p>'.encode("cp1252"), None, "cp1252"),
        ('<meta charset="iso-8859-1"><p>Café</p>'.encode("cp1252"), None, "cp1252"),
        ('<meta charset="iso-8859-1"><p>Café</p>'.encode(), None, "utf-8"),
        ("<p>Café</p>".encode("cp1252"), None, "cp1252"),
        ("<p>Café</p>".encode("cp1252"), "text/html; charset=ISO-8859-1", "cp1252"),
        ("<html><p>Café</p></html>".encode("utf-16-le"), None, "utf-16-le"),
        ("<html><p>Café</p></html>".encode("utf-16"), None, "utf-16-le"),
        ('<meta charset="no-such-codec"><p>Café</p>'.encode(), None, "utf-8"),
    ],
)
def test_decoding(data: bytes, encoding: str | None, expected: str) -> None:
    text, codec = sniff_html(data, encoding)
    assert codec == expected
    assert "Café" in text
    assert decode_html(data, encoding) == text


def test_bad_bytes_are_replaced_not_fatal() -> None:
    data = b'<meta charset="utf-8"><p>ok \xff\xfe\x80 ok</p>'
    assert "ok \ufffd" in decode_html(data, "utf-8")


# -- hostile input --------------------------------------------------------------------------


def timed(data: str | bytes) -> tuple[list[mediacite.Citation], float]:
    start = time.perf_counter()
    found = extract_html(data)
    return found, time.perf_counter() - start


def test_ten_megabyte_single_line() -> None:
    filler = "<span>harbour tide report</span> " * 330_000
    page = f"<html><body>{filler}{TWEET}{filler}{LINK}</body></html>"
    assert len(page) > 10_000_000 and "\n" not in page
    found, seconds = timed(page)
    assert ids(found) == ["1650000000000000020", "1650000000000000021"]
    assert found[0].line == 1 and page[found[0].start : found[0].end] == TWEET
    assert seconds < 30


def test_ten_thousand_nested_tags() -> None:
    deep = "<div>" * 10_000 + TWEET + "</div>" * 10_000
    found, seconds = timed(wrap(deep + LINK))
    assert "1650000000000000021" in ids(found)
    assert seconds < 30
    found, _ = timed(wrap("<span>" * 10_000 + LINK))
    assert ids(found) == ["1650000000000000021"]


def test_unclosed_tags() -> None:
    page = (
        "<html><body><div><p>Start <b>bold <i>italic " + TWEET + "<ul><li>one<li>two"
        '<p><a href="https://x.com/harbour/status/1650000000000000021">this post'
    )
    found = extract_html(page)
    assert ids(found) == ["1650000000000000020", "1650000000000000021"]
    assert page[found[0].start : found[0].end] == TWEET
    assert page[found[1].start : found[1].end].startswith("<a href=")
    unclosed = (
        '<blockquote class="twitter-tweet"><p lang="en">Unclosed text &mdash; Port Café '
        '(@portcafe) <a href="https://twitter.com/portcafe/status/1650000000000000020">'
        "April 23, 2023"
    )
    (quote,) = extract_html(unclosed)
    assert (quote.kind, quote.post_id, quote.handle) == (
        "blockquote",
        "1650000000000000020",
        "portcafe",
    )
    assert quote.date == "2023-04-23" and quote.text == "Unclosed text"
    assert 0 <= quote.start < quote.end <= len(unclosed)


def test_nul_bytes() -> None:
    page = wrap("\x00<p>\x00</p>" + TWEET.replace("Ships", "Sh\x00ips") + "\x00" + LINK)
    for data in (page, page.encode("utf-8")):
        found = extract_html(data)
        assert ids(found) == ["1650000000000000020", "1650000000000000021"]
        assert page[found[1].start : found[1].end].startswith("<a ")


def test_wrong_charset() -> None:
    body = wrap(TWEET + LINK, head='<meta charset="utf-8">').encode("cp1252")
    found = extract_html(body)
    assert ids(found) == ["1650000000000000020", "1650000000000000021"]
    assert found[0].author == "Port Café"
    latin = wrap(TWEET, head='<meta charset="iso-8859-1">').encode("utf-8")
    assert extract_html(latin)[0].author == "Port Café"
    shift_jis = wrap(TWEET).encode("utf-8")
    assert ids(extract_html(shift_jis, encoding="shift_jis"))[0] == "1650000000000000020"


def test_random_bytes_never_crash() -> None:
    rng = random.Random(7)
    for size in (0, 1, 17, 4096, 65536):
        data = bytes(rng.randrange(256) for _ in range(size))
        assert isinstance(extract_html(b"<html>twitter.com/a/status/1 " + data), list)
        assert isinstance(extract_html(data), list)


def test_empty_and_text_only_pages() -> None:
    assert extract_html("") == []
    assert extract_html(b"") == []
    assert extract_html("twitter") == []
    assert ids(extract_html("https://twitter.com/a/status/1650000000000000021")) == []


def test_module_does_not_import_lxml_at_import_time() -> None:
    assert "lxml" not in html_module.__dict__
